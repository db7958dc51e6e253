// `headroom run SCENARIO [--out DIR] [--seed N] [--set KEY=VALUE ...]`
import type { Command } from 'commander';
import { join } from 'node:path';
import { InputError } from '../io/errors.js';
import { loadScenario } from '../io/scenario.js';
import { writeReportDir } from '../io/write-reports.js';
import { formatDuration } from '../model/duration.js';
import type { Scenario } from '../model/scenario.js';
import { reportFiles } from '../report/files.js';
import { summaryText } from '../report/summary-text.js';
import type { SimResult } from '../sim/result.js';
import { Simulation, type SimulationOptions } from '../sim/simulation.js';

export interface RunOptions {
  readonly out?: string;
  readonly seed?: number;
  readonly set?: readonly string[];
  /** events.csv detail: 'all' (every event), 'important' (no routine per-pod events), 'auto'. */
  readonly events?: EventDetail;
}

export type EventDetail = 'all' | 'important' | 'auto';

export function parseEventDetail(v: string): EventDetail {
  if (v === 'all' || v === 'important' || v === 'auto') return v;
  throw new InputError(`--events "${v}": expected all, important or auto`);
}

/** SimulationOptions for an --events choice ('auto': routine events up to 20,000 pods). */
export const simulationOptions = (e: EventDetail | undefined): SimulationOptions =>
  e === 'all' ? { routineEvents: true } : e === 'important' ? { routineEvents: false } : {};

export interface Output {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** Whether progress may be drawn on stderr (a terminal). */
  readonly progress: boolean;
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

export function register(program: Command): void {
  program
    .command('run')
    .description('run one scenario; write timeline/events/summary/nodes CSV and report.html; print the headline figures')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--out <dir>', 'report folder (default reports/<scenario-name>/)')
    .option('--seed <n>', 'random seed (overrides the scenario)', parseSeed)
    .option('--set <key=value>', 'override a scenario field by its dotted path (repeatable)', collect, [])
    .option('--events <detail>', 'events.csv: all, important (no routine per-pod events) or auto (all up to 20,000 pods)', parseEventDetail, 'auto')
    .action(async (path: string, opts: RunOptions) => {
      await runCommand(path, opts, {
        out: (s) => process.stdout.write(s),
        err: (s) => process.stderr.write(s),
        progress: process.stderr.isTTY === true,
      });
    });
}

export function parseSeed(v: string): number {
  if (!/^-?\d+$/.test(v)) throw new InputError(`--seed "${v}": expected an integer`);
  return Number(v);
}

export const defaultOutDir = (s: Scenario): string => join('reports', s.name.replace(/[^A-Za-z0-9._-]+/g, '-'));

/** Runs a scenario, showing progress on stderr after a second of wall time. */
export function runScenario(scenario: Scenario, io?: Output, options: SimulationOptions = {}): SimResult {
  const sim = new Simulation(scenario, options);
  const start = performance.now();
  let lastDraw = start;
  const end = scenario.durationMs;
  let drawn = false;
  const slice = (): boolean => {
    const now = performance.now();
    return now - lastDraw > 200;
  };
  while (!sim.runUntil(end, slice)) {
    lastDraw = performance.now();
    if (io?.progress && lastDraw - start > 1000) {
      const pct = Math.min(100, Math.floor((100 * sim.engine.now) / Math.max(end, 1)));
      io.err(`\rsimulating ${scenario.name}: ${pct}% of ${formatDuration(end)}`);
      drawn = true;
    }
  }
  if (drawn) io?.err(`\r${' '.repeat(60)}\r`);
  sim.finish();
  return sim.result();
}

export async function runCommand(path: string, opts: RunOptions, io: Output): Promise<void> {
  const scenario = await loadScenario(path, { set: [...(opts.set ?? [])], seed: opts.seed });
  const t0 = performance.now();
  const result = runScenario(scenario, io, simulationOptions(opts.events));
  const files = reportFiles(result);
  const dir = writeReportDir(opts.out ?? defaultOutDir(scenario), files);
  const wall = performance.now() - t0;
  io.out(summaryText(result) + '\n');
  io.out(
    `\n${result.workloads.length} workloads, ${result.nodes.length} nodes, ${formatDuration(result.durationMs)} simulated in ${(wall / 1000).toFixed(2)} s (seed ${scenario.seed})\n`,
  );
  io.out(`report: ${join(dir, 'report.html')}\n(summary.csv, timeline.csv, events.csv and nodes.csv are beside it)\n`);
}

export { SUMMARY_TEXT_ROWS, summaryText } from '../report/summary-text.js';
