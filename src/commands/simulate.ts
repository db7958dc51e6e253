// The run loop `run` and `compare` share: the simulation in slices of ~100 ms, yielding to the
// event loop between slices (so SIGINT/SIGTERM are handled within a second), progress on
// stderr, and a memory usage expression that goes bad turned into exit 2 with the simulated
// time. Then the reports, staged in a temporary folder and put in place only if no signal came.
import { ExpressionValueError } from '../model/errors.js';
import { formatDuration } from '../model/duration.js';
import type { Scenario } from '../model/scenario.js';
import { stageReportDir, type WriteReportOptions } from '../io/write-reports.js';
import type { SimResult } from '../sim/result.js';
import { Simulation, type SimulationOptions } from '../sim/simulation.js';
import { onForcedExit, throwIfInterrupted, unguarded, yieldToEventLoop } from './interrupt.js';

export interface Output {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** How progress is shown on stderr: redrawn in place (a terminal), as lines (a pipe or file), or not. */
  readonly progress: ProgressMode;
}

export type ProgressMode = 'tty' | 'lines' | 'none';

/** The progress mode for this process's stderr. */
export const stderrProgress = (): ProgressMode => (process.stderr.isTTY === true ? 'tty' : 'lines');

export interface LoopTiming {
  /** Wall time of one slice of simulation between two looks at the event loop (ms). */
  readonly sliceMs: number;
  /** Progress appears only for runs longer than this (ms). */
  readonly quietMs: number;
  /** Progress lines (not a terminal): at every 10 % of simulated time, or after this long without one (ms). */
  readonly lineEveryMs: number;
}

export const LOOP_TIMING: LoopTiming = { sliceMs: 100, quietMs: 1000, lineEveryMs: 5000 };

/** Runs a scenario to its end; throws Interrupted after a signal, InputError for a bad expression. */
export async function runScenario(scenario: Scenario, io?: Output, options: SimulationOptions = {}, timing: LoopTiming = LOOP_TIMING): Promise<SimResult> {
  const progress = new Progress(scenario, io, timing);
  let sim: Simulation | undefined;
  try {
    // Building the cluster at t=0 and the first slice (t=0's events) are single long steps.
    const built = await unguarded(() => new Simulation(scenario, options));
    sim = built;
    let sliceStart = 0;
    const slice = () => performance.now() - sliceStart >= timing.sliceMs;
    for (let first = true; ; first = false) {
      sliceStart = performance.now();
      const step = () => built.runUntil(scenario.durationMs, slice);
      if (first ? await unguarded(step) : step()) break;
      progress.update(sim.engine.now);
      await yieldToEventLoop();
      throwIfInterrupted();
    }
    sim.finish();
  } catch (e) {
    // The compiled expression throws from inside the run: say when it happened.
    if (e instanceof ExpressionValueError) throw e.atSimulatedTime(sim?.engine.now ?? 0);
    throw e;
  } finally {
    progress.end();
  }
  return sim!.result();
}

class Progress {
  private readonly start = performance.now();
  private lastLine = this.start;
  private lastDecile = 0;
  private drawn = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly io: Output | undefined,
    private readonly timing: LoopTiming,
  ) {}

  update(simMs: number): void {
    const io = this.io;
    if (!io || io.progress === 'none') return;
    const now = performance.now();
    if (now - this.start < this.timing.quietMs) return;
    const end = Math.max(this.scenario.durationMs, 1);
    const pct = Math.min(100, Math.floor((100 * simMs) / end));
    const text = `simulating ${this.scenario.name}: ${pct}% (${formatDuration(simMs)} of ${formatDuration(this.scenario.durationMs)}) after ${((now - this.start) / 1000).toFixed(1)} s`;
    if (io.progress === 'tty') {
      io.err(`\r${text.padEnd(70)}`);
      this.drawn = true;
      return;
    }
    const decile = Math.floor(pct / 10);
    if (decile > this.lastDecile || now - this.lastLine >= this.timing.lineEveryMs) {
      io.err(`${text}\n`);
      this.lastDecile = decile;
      this.lastLine = now;
    }
  }

  end(): void {
    if (this.drawn) this.io?.err(`\r${' '.repeat(70)}\r`);
  }
}

/**
 * Writes report files as `dir` through the shared writer (marker, refusals, atomic rename),
 * committing only if no signal arrived meanwhile. Returns the folder's absolute path.
 */
export async function commitReports(dir: string, files: Readonly<Record<string, string>>, opts: WriteReportOptions): Promise<string> {
  throwIfInterrupted();
  const staged = stageReportDir(dir, files, opts);
  const forget = onForcedExit(() => staged.discard());
  try {
    await yieldToEventLoop();
    throwIfInterrupted();
    return staged.commit();
  } catch (e) {
    staged.discard();
    throw e;
  } finally {
    forget();
  }
}
