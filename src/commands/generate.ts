// `headroom generate --nodes N --workloads W --replicas R [--seed S] DIR`: a synthetic cluster
// in the contract's CSV formats plus a scenario (every Deployment rolled out at t=0, the last
// zone failing at 10 min, one hour simulated), so anyone can reproduce the benchmark figures.
// DIR is written like a report folder (marked, atomic, never over a folder Headroom did not
// write), and sizes past the limits Headroom simulates are refused up front.
import type { Command } from 'commander';
import { isAbsolute, join, relative } from 'node:path';
import { InputError } from '../io/errors.js';
import { generateCluster } from '../io/generate.js';
import { writeReportDir } from '../io/write-reports.js';
import { LIMITS, overLimit } from '../model/limits.js';

const positiveInt = (name: string) => (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InputError(`--${name} "${v}": expected a positive integer`);
  if (!Number.isSafeInteger(Number(v))) throw new InputError(`--${name} "${v.slice(0, 30)}": too large`);
  return Number(v);
};

export interface GenerateCommandOptions {
  readonly nodes: number;
  readonly workloads: number;
  readonly replicas: number;
  readonly seed: number;
  readonly statefulsets?: number;
  readonly daemonsets?: number;
  readonly jobs?: number;
  readonly clonesets?: number;
  /** Every third Deployment with required hostname anti-affinity and zone spread. */
  readonly affinity?: boolean;
}

export function register(program: Command): void {
  program
    .command('generate')
    .description('write a synthetic cluster (nodes.csv, workloads.csv, scenario.yaml) for benchmarks')
    .argument('<dir>', 'output folder')
    .requiredOption('--nodes <n>', 'number of nodes', positiveInt('nodes'))
    .requiredOption('--workloads <n>', 'number of Deployments', positiveInt('workloads'))
    .requiredOption('--replicas <n>', 'replicas per Deployment', positiveInt('replicas'))
    .option('--seed <n>', 'random seed', positiveInt('seed'), 1)
    .option('--statefulsets <n>', 'also StatefulSets of 3 replicas (volumes pinned to their zone)', positiveInt('statefulsets'))
    .option('--daemonsets <n>', 'also DaemonSets (a pod on every node)', positiveInt('daemonsets'))
    .option('--jobs <n>', 'also Jobs (5-20 pods at a time until 2-5 times as many succeed; every fifth one fails)', positiveInt('jobs'))
    .option('--clonesets <n>', 'also OpenKruise CloneSets of 4 replicas (InPlaceIfPossible: their rollout restarts containers in place)', positiveInt('clonesets'))
    .option('--affinity', 'every third Deployment with required hostname anti-affinity and zone spread')
    .action((dir: string, o: GenerateCommandOptions) => {
      const out = generate(dir, o);
      const rel = relative(process.cwd(), out);
      const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? out : rel;
      process.stdout.write(`wrote ${shown}/nodes.csv, workloads.csv, scenario.yaml (${o.nodes} nodes, ${o.workloads * o.replicas} pods)\n`);
      process.stdout.write(`next: npx headroom run ${shellWord(join(shown, 'scenario.yaml'))}\n`);
    });
}

/** Writes the cluster as the folder `dir`; returns its absolute path. */
export function generate(dir: string, o: GenerateCommandOptions): string {
  if (o.nodes > LIMITS.nodes) throw new InputError(`--nodes ${o.nodes}: ${overLimit(o.nodes, 'nodes')}`);
  if (o.workloads > LIMITS.workloads) throw new InputError(`--workloads ${o.workloads}: ${overLimit(o.workloads, 'workloads')}`);
  if (o.workloads * o.replicas > LIMITS.pods) {
    throw new InputError(`--workloads ${o.workloads} × --replicas ${o.replicas}: ${overLimit(o.workloads * o.replicas, 'pods')}`);
  }
  const files = generateCluster({ ...o, statefulSets: o.statefulsets, daemonSets: o.daemonsets, jobs: o.jobs, cloneSets: o.clonesets });
  return writeReportDir(dir, { 'nodes.csv': files.nodesCsv, 'workloads.csv': files.workloadsCsv, 'scenario.yaml': files.scenarioYaml }, {
    label: 'generate folder',
    writer: 'headroom generate',
  });
}

/** A path as one shell word (quoted when it holds anything but safe characters). */
const shellWord = (s: string): string => (/^[A-Za-z0-9_./:@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
