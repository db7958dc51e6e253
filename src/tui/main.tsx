// Starts the terminal UI on the real terminal: the alternate screen (restored on exit, as less
// and k9s do), ink's render, and the real services.
import { render } from 'ink';
import { App } from './app.js';
import { nodeServices } from './node-services.js';
import type { AppStart } from './app-state.js';

export interface TuiOptions extends AppStart {
  /** Folders the picker lists scenarios from. */
  readonly scenarioDirs: readonly string[];
  readonly noColor: boolean;
}

export async function runTui(opts: TuiOptions): Promise<void> {
  const out = process.stdout;
  out.write('\x1b[?1049h\x1b[H');
  const restore = () => out.write('\x1b[?1049l');
  process.once('exit', restore);
  try {
    const app = render(<App services={nodeServices({ scenarioDirs: opts.scenarioDirs })} start={opts} noColor={opts.noColor} />, {
      exitOnCtrlC: true,
      patchConsole: true,
    });
    await app.waitUntilExit();
  } finally {
    process.off('exit', restore);
    restore();
  }
}
