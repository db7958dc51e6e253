// `headroom compare SCENARIO --set KEY=VALUE ... [--out DIR] [--seed N] [-o json]`: runs the
// scenario as written (A) and with the overrides (B); writes DIR/a/ and DIR/b/ (full report
// folders), DIR/compare.csv and DIR/compare.html, all at once through the shared writer
// (nothing in DIR unless everything worked; DIR replaced only if Headroom wrote it); prints the
// changed figures as a compact table, or one JSON object with -o json.
import type { Command } from 'commander';
import { join } from 'node:path';
import { InputError } from '../io/errors.js';
import { loadScenario } from '../io/scenario.js';
import { overridesHash } from '../io/set-overrides.js';
import { formatDuration } from '../model/duration.js';
import { compareRows, compareTable, compareText, movedOnly } from '../report/compare.js';
import { compareFiles } from '../report/compare-files.js';
import { unguarded, watchSignals } from './interrupt.js';
import {
  type EventDetail,
  type OutputFormat,
  type Output,
  defaultOutDir,
  overridesText,
  parseEventDetail,
  parseOutputFormat,
  parseSeed,
  processOutput,
  simulationOptions,
  tableObjects,
  warnAbout,
} from './run.js';
import { commitReports, runScenario } from './simulate.js';

export interface CompareOptions {
  readonly out?: string;
  readonly seed?: number;
  readonly set?: readonly string[];
  readonly events?: EventDetail;
  /** Record pod-status.csv whatever the size (by default up to 20,000 pods). */
  readonly podStatus?: boolean;
  readonly output?: OutputFormat;
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

export function register(program: Command): void {
  program
    .command('compare')
    .description('run a scenario as written (A) and with --set overrides (B); write both report folders, compare.csv and compare.html')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--set <key=value>', 'override for B, by dotted path, e.g. workloads.shop/checkout.maxSurge=50% (repeatable; at least one)', collect, [])
    .option('--out <dir>', 'output folder (default reports/<scenario-name>-compare-<hash of the overrides>/)')
    .option('--seed <n>', 'random seed for both runs (overrides the scenario)', parseSeed)
    .option('--events <detail>', 'events.csv: all, important or auto (all up to 20,000 pods)', parseEventDetail, 'auto')
    .option('--pod-status', 'write pod-status.csv for any number of pods (by default up to 20,000)')
    .option('-o, --output <format>', 'json: print the comparison as one JSON object on stdout (progress stays on stderr)', parseOutputFormat, 'text')
    .action(async (path: string, opts: CompareOptions) => {
      await compareCommand(path, opts, processOutput());
    });
}

/** reports/<scenario-name>-compare-<8 hex digits of B's overrides>/. */
export const defaultCompareDir = (scenarioA: Parameters<typeof defaultOutDir>[0], set: readonly string[]): string =>
  `${defaultOutDir(scenarioA)}-compare-${overridesHash(set)}`;

export async function compareCommand(path: string, opts: CompareOptions, io: Output): Promise<void> {
  const set = [...(opts.set ?? [])];
  if (set.length === 0) throw new InputError('compare needs at least one --set KEY=VALUE: B is the scenario with those overrides', { file: path });
  const unwatch = watchSignals();
  try {
    // Load both first, so a bad --set fails (exit 2) before anything runs or is written.
    // Loading and rendering write nothing: a signal ends them at once (interrupt.ts).
    const scenarioA = await unguarded(() => loadScenario(path, { seed: opts.seed }));
    const scenarioB = await unguarded(() => loadScenario(path, { set, seed: opts.seed }));
    warnAbout(scenarioA.inventory, io);
    const t0 = performance.now();
    const options = { ...simulationOptions(opts.events), ...(opts.podStatus ? { podStatus: true } : {}) };
    const a = await runScenario(scenarioA, io, options);
    const b = await runScenario(scenarioB, io, options);
    const rows = compareRows(a, b);
    const files = await unguarded(() => compareFiles(a, b));
    const dir = await commitReports(opts.out ?? defaultCompareDir(scenarioA, set), files, {
      label: opts.out === undefined ? 'report folder' : '--out',
      writer: 'headroom compare',
    });
    const wall = performance.now() - t0;
    if (opts.output === 'json') {
      const json = { scenario: scenarioA.name, file: scenarioA.file, seed: scenarioA.seed, overrides: set, out: dir, workloads: tableObjects(compareTable(rows)) };
      io.out(JSON.stringify(json, null, 2) + '\n');
      return;
    }
    io.out(`A: ${scenarioA.name} as written\nB: ${overridesText(set)}\n\n`);
    io.out(compareText(rows, 25, movedOnly(a, b, rows)) + '\n');
    io.out(`\n2 runs of ${formatDuration(a.durationMs)}, ${a.workloads.length} workloads, ${a.nodes.length} nodes, in ${(wall / 1000).toFixed(2)} s (seed ${scenarioA.seed})\n`);
    io.out(`reports: ${join(dir, 'compare.html')} (and compare.csv, a/, b/)\n`);
  } finally {
    unwatch();
  }
}
