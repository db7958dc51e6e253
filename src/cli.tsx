// Entry point of `headroom` (bin/headroom.js and `npm run headroom --` run this file).
// The only place that exits the process and maps failures to exit codes:
//   0 success · 2 invalid input (InputError, bad arguments) · 1 internal error (a bug).
// Each subcommand is a module of src/commands/ exporting `register(program)`; adding one is an
// import line and an entry in COMMANDS.
import { Command, CommanderError } from 'commander';
import { isInputError } from './io/errors.js';
import * as inspect from './commands/inspect.js';
import * as run from './commands/run.js';
import * as tui from './commands/tui.js';
import * as compare from './commands/compare.js';
import * as generate from './commands/generate.js';

interface CommandModule {
  register(program: Command): void;
}

const COMMANDS: readonly CommandModule[] = [run, compare, inspect, generate, tui];

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;

function buildProgram(): Command {
  const program = new Command('headroom')
    .description('Rollout & eviction capacity planner for Kubernetes: simulates the control plane and answers what-ifs')
    .showHelpAfterError('(run headroom --help for usage)')
    .exitOverride();
  for (const c of COMMANDS) c.register(program);
  // `headroom` alone opens the terminal UI on the bundled demo.
  program.action(async () => {
    await tui.openTui(undefined);
  });
  return program;
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed its message already (or the help/version it was asked for).
      return e.exitCode === 0 ? EXIT_OK : EXIT_INPUT;
    }
    if (isInputError(e)) {
      process.stderr.write(`${e.message}\n`);
      return EXIT_INPUT;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`internal error: ${err.message}\n${err.stack ?? ''}\n`);
    return EXIT_INTERNAL;
  }
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

const code = await main(process.argv);
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
