// A signal during a long step that writes nothing (loading, building t=0, rendering) ends the
// process at once: `unguarded` lets Node's default SIGINT/SIGTERM behaviour act, where a JS
// handler would wait for the step to end. Asserted by what the process did, not by time: the
// step never reaches its end, and the exit code is 128 + the signal's number.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

/** A child that watches signals, then runs a busy step of 20 s in `unguarded`, saying when it starts and ends. */
function child() {
  const code = `
    import { watchSignals, unguarded, throwIfInterrupted } from './src/commands/interrupt.ts';
    watchSignals();
    const busy = () => { const t = Date.now(); while (Date.now() - t < 20000) {} };
    const step = () => { process.stderr.write('step\\n'); busy(); };
    await unguarded(step);
    process.stderr.write('step ended\\n');
    try { throwIfInterrupted(); } catch (e) { process.stderr.write(e.message + '\\n'); process.exit(e.exitCode); }
  `;
  const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT });
  let err = '';
  p.stderr.on('data', (d) => (err += d));
  const started = new Promise<void>((res) => p.stderr.on('data', () => err.includes('step\n') && res()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => p.on('exit', (code, signal) => res({ code, signal })));
  return { p, started, ended, err: () => err };
}

describe('unguarded steps', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s during an unguarded step ends the process before the step ends (exit %i)', async (signal, code) => {
    const c = child();
    await c.started;
    c.p.kill(signal);
    const end = await c.ended;
    // Ended by the signal itself (Node's default behaviour): a shell sees 128 + its number.
    expect(end, c.err()).toEqual({ code: null, signal });
    expect(128 + { SIGTERM: 15, SIGINT: 2 }[signal]).toBe(code);
    expect(c.err()).not.toContain('step ended');
  }, 30_000);
});
