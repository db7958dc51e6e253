// Entry point of `headroom` (bin/headroom.js and `npm run headroom --` run this file).
// The only place that exits the process and maps failures to exit codes:
//   0 success · 2 invalid input (InputError, bad arguments, unknown command or flag)
//   1 internal error (a bug) · 130 / 143 stopped by SIGINT / SIGTERM (nothing written).
// Each subcommand is a module of src/commands/ exporting `register(program)`; adding one is an
// import line and an entry in COMMANDS.
import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isInputError } from './io/errors.js';
import { Interrupted } from './commands/interrupt.js';
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

/** The package's version, from package.json (one source of truth). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

function buildProgram(): Command {
  const program = new Command('headroom')
    .description('Rollout & eviction capacity planner for Kubernetes: simulates the control plane and answers what-ifs')
    .version(version(), '-V, --version', 'print the version and exit')
    // The user's documentation ships with the package (package.json "files"): docs/ beside
    // package.json, found from this file as version() finds package.json (src/ or dist/).
    .addHelpText('after', `\nDocumentation: ${fileURLToPath(new URL('../docs/README.md', import.meta.url))} (scenario format, inventory columns, reports, a what-if cookbook)`)
    .showHelpAfterError('(run headroom --help for usage)')
    .showSuggestionAfterError(true)
    .allowExcessArguments(true)
    .exitOverride();
  for (const c of COMMANDS) c.register(program);
  // `headroom` alone opens the terminal UI on the bundled demo; anything else is not a command.
  program.action(async (_opts: unknown, cmd: Command) => {
    if (cmd.args.length > 0) throw unknownCommand(program, cmd.args[0]);
    await tui.openTui(undefined);
  });
  return program;
}

function unknownCommand(program: Command, name: string): CommanderError {
  const names = program.commands.map((c) => c.name());
  const close = names.find((n) => editDistance(n, name) <= 2);
  const lines = [`error: unknown command '${name}'`, `valid commands: ${names.join(', ')}`];
  if (close) lines.push(`(did you mean ${close}?)`);
  else if (existsSync(name)) lines.push(`(to open it in the terminal UI: headroom tui ${name}; to simulate it: headroom run ${name})`);
  lines.push('(run headroom --help for usage)');
  process.stderr.write(lines.join('\n') + '\n');
  return new CommanderError(EXIT_INPUT, 'headroom.unknownCommand', lines[0]);
}

/** After commander's "unknown option" message: the options the command does take. */
function listValidOptions(program: Command, argv: readonly string[]): void {
  const first = argv.find((a) => !a.startsWith('-'));
  const cmd = program.commands.find((c) => c.name() === first) ?? program;
  const flags = [...cmd.options.map((o) => o.flags), '-h, --help'];
  const where = cmd === program ? 'headroom' : `headroom ${cmd.name()}`;
  process.stderr.write(`valid options for ${where}: ${flags.join(', ')}\n`);
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed its message already (or the help/version it was asked for).
      if (e.code === 'commander.unknownOption') listValidOptions(program, argv.slice(2));
      return e.exitCode === 0 ? EXIT_OK : EXIT_INPUT;
    }
    if (e instanceof Interrupted) {
      process.stderr.write(`\n${e.message}\n`);
      return e.exitCode;
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

// A reader that goes away (`headroom run … | head -1`) is not a failure: stop quietly, as a
// command killed by SIGPIPE would, instead of an unhandled EPIPE and a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT_OK);
    throw e;
  });
}

const code = await main(process.argv);
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
