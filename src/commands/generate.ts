// `headroom generate --nodes N --workloads W --replicas R [--seed S] DIR`: a synthetic cluster
// in the contract's CSV formats plus a scenario (every Deployment rolled out at t=0, the last
// zone failing at 10 min, one hour simulated), so anyone can reproduce the benchmark figures.
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../io/errors.js';
import { generateCluster } from '../io/generate.js';

const positiveInt = (name: string) => (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InputError(`--${name} "${v}": expected a positive integer`);
  return Number(v);
};

export interface GenerateCommandOptions {
  readonly nodes: number;
  readonly workloads: number;
  readonly replicas: number;
  readonly seed: number;
  readonly statefulsets?: number;
  readonly daemonsets?: number;
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
    .action((dir: string, o: GenerateCommandOptions) => {
      const out = generate(dir, o);
      process.stdout.write(`wrote ${out}/nodes.csv, workloads.csv, scenario.yaml (${o.nodes} nodes, ${o.workloads * o.replicas} pods)\n`);
    });
}

export function generate(dir: string, o: GenerateCommandOptions): string {
  const files = generateCluster({ ...o, statefulSets: o.statefulsets, daemonSets: o.daemonsets });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'nodes.csv'), files.nodesCsv);
  writeFileSync(join(dir, 'workloads.csv'), files.workloadsCsv);
  writeFileSync(join(dir, 'scenario.yaml'), files.scenarioYaml);
  return dir;
}
