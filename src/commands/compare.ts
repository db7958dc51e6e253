// `headroom compare SCENARIO --set KEY=VALUE ... [--out DIR] [--seed N]`: runs the scenario as
// written (A) and with the overrides (B); writes DIR/a/ and DIR/b/ (full report folders),
// DIR/compare.csv and DIR/compare.html, all at once (nothing in DIR unless everything worked);
// prints the changed figures as a compact table.
import type { Command } from 'commander';
import { join } from 'node:path';
import { InputError } from '../io/errors.js';
import { loadScenario } from '../io/scenario.js';
import { writeReportDir } from '../io/write-reports.js';
import { formatDuration } from '../model/duration.js';
import { compareRows, compareTable, compareText, movedOnly, renderCompareHtml } from '../report/compare.js';
import { toCsv } from '../report/csv.js';
import { reportFiles } from '../report/files.js';
import { type EventDetail, type Output, defaultOutDir, parseEventDetail, parseSeed, runScenario, simulationOptions } from './run.js';

export interface CompareOptions {
  readonly out?: string;
  readonly seed?: number;
  readonly set?: readonly string[];
  readonly events?: EventDetail;
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

export function register(program: Command): void {
  program
    .command('compare')
    .description('run a scenario as written (A) and with --set overrides (B); write both report folders, compare.csv and compare.html')
    .argument('<scenario>', 'scenario file (.yaml or .json)')
    .option('--set <key=value>', 'override for B, by dotted path, e.g. workloads.shop/checkout.maxSurge=50% (repeatable; at least one)', collect, [])
    .option('--out <dir>', 'output folder (default reports/<scenario-name>-compare/)')
    .option('--seed <n>', 'random seed for both runs (overrides the scenario)', parseSeed)
    .option('--events <detail>', 'events.csv: all, important or auto (all up to 20,000 pods)', parseEventDetail, 'auto')
    .action(async (path: string, opts: CompareOptions) => {
      await compareCommand(path, opts, {
        out: (s) => process.stdout.write(s),
        err: (s) => process.stderr.write(s),
        progress: process.stderr.isTTY === true,
      });
    });
}

/** The files of a comparison, keyed by their path inside DIR (pure apart from the runs). */
export async function compareCommand(path: string, opts: CompareOptions, io: Output): Promise<void> {
  const set = [...(opts.set ?? [])];
  if (set.length === 0) throw new InputError('compare needs at least one --set KEY=VALUE: B is the scenario with those overrides', { file: path });
  // Load both first, so a bad --set fails (exit 2) before anything runs or is written.
  const scenarioA = await loadScenario(path, { seed: opts.seed });
  const scenarioB = await loadScenario(path, { set, seed: opts.seed });
  const t0 = performance.now();
  const a = runScenario(scenarioA, io, simulationOptions(opts.events));
  const b = runScenario(scenarioB, io, simulationOptions(opts.events));
  const rows = compareRows(a, b);
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(reportFiles(a))) files[`a/${name}`] = text;
  for (const [name, text] of Object.entries(reportFiles(b))) files[`b/${name}`] = text;
  files['compare.csv'] = toCsv(compareTable(rows));
  files['compare.html'] = renderCompareHtml(a, b);
  const dir = writeReportDir(opts.out ?? `${defaultOutDir(scenarioA)}-compare`, files);
  const wall = performance.now() - t0;
  io.out(`A: ${scenarioA.name} as written\nB: ${set.map((s) => `--set ${s}`).join(' ')}\n\n`);
  io.out(compareText(rows, 25, movedOnly(a, b, rows)) + '\n');
  io.out(`\n2 runs of ${formatDuration(a.durationMs)}, ${a.workloads.length} workloads, ${a.nodes.length} nodes, in ${(wall / 1000).toFixed(2)} s (seed ${scenarioA.seed})\n`);
  io.out(`reports: ${join(dir, 'compare.html')} (and compare.csv, a/, b/)\n`);
}

/**
 * Writes files with nested names ("a/report.html") into a temporary folder beside DIR and renames
 * it into place once all are written; an existing DIR is replaced the same way, so DIR is never
 * half-written. (io/write-reports.ts does this for flat folders.)
 */
