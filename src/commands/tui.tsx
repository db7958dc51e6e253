// `headroom tui [SCENARIO] [--seed N] [--set KEY=VALUE ...]` (and `headroom` alone): the
// interactive terminal UI. With no scenario it opens the bundled demo. It needs a terminal:
// piped or redirected, it exits with code 2 and points to `headroom run`.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../io/errors.js';
import { parseSeed } from './run.js';

/** The package's own scenarios/ folder (not the working directory's). */
export const BUNDLED_SCENARIOS = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');
export const BUNDLED_DEMO = join(BUNDLED_SCENARIOS, 'demo.yaml');

export interface TuiCommandOptions {
  readonly seed?: number;
  readonly set?: readonly string[];
}

const collect = (v: string, acc: string[]): string[] => [...acc, v];

export function register(program: Command): void {
  program
    .command('tui')
    .description('interactive terminal UI: run a scenario, explore its timelines, edit what-ifs and compare (default: the bundled demo)')
    .argument('[scenario]', 'scenario file (.yaml or .json); without it, the bundled demo')
    .option('--seed <n>', 'random seed (overrides the scenario)', parseSeed)
    .option('--set <key=value>', 'override a scenario field by its dotted path (repeatable)', collect, [])
    .action(async (path: string | undefined, opts: TuiCommandOptions) => {
      await openTui(path, opts);
    });
}

/** Opens the UI on `path` (the bundled demo when undefined). */
export async function openTui(path: string | undefined, opts: TuiCommandOptions = {}): Promise<void> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    throw new InputError(
      `headroom tui needs an interactive terminal (${!process.stdout.isTTY ? 'stdout' : 'stdin'} is not a TTY). ` +
        'For scripts and pipes use: headroom run SCENARIO [--out DIR] [--set KEY=VALUE ...]',
    );
  }
  if (path !== undefined && !existsSync(path)) throw new InputError(`${path}: no such file`);
  const noColor = (process.env.NO_COLOR ?? '') !== '';
  // chalk reads the colour level when first imported: turn it off before ink is loaded.
  if (noColor) process.env.FORCE_COLOR = '0';
  const { runTui } = await import('../tui/main.js');
  const dirs = [BUNDLED_SCENARIOS, resolve('scenarios')];
  await runTui({ path: path ?? BUNDLED_DEMO, sets: opts.set ?? [], seed: opts.seed, scenarioDirs: dirs, noColor });
}
