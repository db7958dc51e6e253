// `headroom run SCENARIO [--out DIR] [--seed N] [--set KEY=VALUE ...] [-o json]`
import type { Command } from 'commander';
import { join } from 'node:path';
import { InputError } from '../io/errors.js';
import { loadScenario } from '../io/scenario.js';
import { overridesHash } from '../io/set-overrides.js';
import { formatDuration } from '../model/duration.js';
import type { Scenario } from '../model/scenario.js';
import type { Inventory } from '../model/types.js';
import { parseSeed as seedFrom } from '../model/seed.js';
import { reportFiles } from '../report/files.js';
import { summaryText } from '../report/summary-text.js';
import { type Table, summaryRecords } from '../report/tables.js';
import type { SimulationOptions } from '../sim/simulation.js';
import { unguarded, watchSignals } from './interrupt.js';
import { type Output, commitReports, runScenario, stderrProgress } from './simulate.js';

export type { Output } from './simulate.js';
export { runScenario } from './simulate.js';

export interface RunOptions {
  readonly out?: string;
  readonly seed?: number;
  readonly set?: readonly string[];
  /** events.csv detail: 'all' (every event), 'important' (no routine per-pod events), 'auto'. */
  readonly events?: EventDetail;
  /** Record pod-status.csv whatever the size (by default up to 20,000 pods). */
  readonly podStatus?: boolean;
  /** `-o json`: the summary as one JSON object on stdout. */
  readonly output?: OutputFormat;
}

export type EventDetail = 'all' | 'important' | 'auto';
export type OutputFormat = 'text' | 'json';

export function parseEventDetail(v: string): EventDetail {
  if (v === 'all' || v === 'important' || v === 'auto') return v;
  throw new InputError(`--events "${v}": expected all, important or auto`);
}

export function parseOutputFormat(v: string): OutputFormat {
  if (v === 'text' || v === 'json') return v;
  throw new InputError(`-o ${JSON.stringify(v)}: expected json (or text, the default)`);
}

/** SimulationOptions for an --events choice ('auto': routine events up to 20,000 pods). */
export const simulationOptions = (e: EventDetail | undefined): SimulationOptions =>
  e === 'all' ? { routineEvents: true } : e === 'important' ? { routineEvents: false } : {};

const collect = (v: string, acc: string[]): string[] => [...acc, v];

/** The real process's streams. */
export const processOutput = (): Output => ({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  progress: stderrProgress(),
});

export function register(program: Command): void {
  program
    .command('run')
    .description('run one scenario; write timeline/events/summary/nodes CSV and report.html; print the headline figures')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--out <dir>', 'report folder (default reports/<scenario-name>/, or reports/<scenario-name>-<hash of the overrides>/ with --set)')
    .option('--seed <n>', 'random seed (overrides the scenario)', parseSeed)
    .option('--set <key=value>', 'override a scenario field by its dotted path (repeatable)', collect, [])
    .option('--events <detail>', 'events.csv: all, important (no routine per-pod events) or auto (all up to 20,000 pods)', parseEventDetail, 'auto')
    .option('--pod-status', 'write pod-status.csv for any number of pods (by default up to 20,000)')
    .option('-o, --output <format>', 'json: print the summary as one JSON object on stdout (progress stays on stderr)', parseOutputFormat, 'text')
    .action(async (path: string, opts: RunOptions) => {
      await runCommand(path, opts, processOutput());
    });
}

/** `--seed N` (the same rule as a scenario's `seed:`). */
export function parseSeed(v: string): number {
  try {
    return seedFrom(v);
  } catch (e) {
    throw new InputError(`--seed ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}: ${(e as Error).message}`);
  }
}

const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '-');

/**
 * reports/<scenario-name>/, or reports/<scenario-name>-<8 hex digits>/ for a run with --set
 * overrides (contract "Report folders"), so a what-if never replaces the plain run's folder.
 */
export const defaultOutDir = (s: Scenario): string =>
  join('reports', safeName(s.name) + (s.overrides.length > 0 ? `-${overridesHash(s.overrides)}` : ''));

/** A report table as JSON objects keyed by its CSV header (the same names as the CSV file). */
export function tableObjects(t: Table): Record<string, string | number | null>[] {
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i] ?? null])));
}

/** The overrides as the command line gave them, for the echo beside the summary. */
export const overridesText = (sets: readonly string[]): string => sets.map((s) => `--set ${s}`).join(' ');

export async function runCommand(path: string, opts: RunOptions, io: Output): Promise<void> {
  const unwatch = watchSignals();
  try {
    // Loading and rendering write nothing: a signal ends them at once (interrupt.ts).
    const scenario = await unguarded(() => loadScenario(path, { set: [...(opts.set ?? [])], seed: opts.seed }));
    warnAbout(scenario.inventory, io);
    const t0 = performance.now();
    const result = await runScenario(scenario, io, { ...simulationOptions(opts.events), ...(opts.podStatus ? { podStatus: true } : {}) });
    const files = await unguarded(() => reportFiles(result));
    const dir = await commitReports(opts.out ?? defaultOutDir(scenario), files, {
      label: opts.out === undefined ? 'report folder' : '--out',
      writer: 'headroom run',
    });
    const wall = performance.now() - t0;
    if (opts.output === 'json') {
      const json = { scenario: scenario.name, file: scenario.file, seed: scenario.seed, overrides: scenario.overrides, out: dir, workloads: summaryRecords(result) };
      io.out(JSON.stringify(json, null, 2) + '\n');
      return;
    }
    if (scenario.overrides.length > 0) io.out(`${scenario.name} with ${overridesText(scenario.overrides)}\n\n`);
    io.out(summaryText(result) + '\n');
    io.out(
      `\n${result.workloads.length} workloads, ${result.nodes.length} nodes, ${formatDuration(result.durationMs)} simulated in ${(wall / 1000).toFixed(2)} s (seed ${scenario.seed})\n`,
    );
    io.out(`report: ${join(dir, 'report.html')}\n(summary.csv, timeline.csv, events.csv, nodes.csv${files['pod-status.csv'] !== undefined ? ' and pod-status.csv' : ''} are beside it)\n`);
  } finally {
    unwatch();
  }
}

/** What the loaders noted for the user (pods on nodes the inventory lacks, …), once, on stderr. */
export function warnAbout(inv: Inventory, io: Output): void {
  for (const w of inv.warnings ?? []) io.err(`warning: ${w}\n`);
}

export { SUMMARY_TEXT_ROWS, summaryText } from '../report/summary-text.js';
