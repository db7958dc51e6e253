// Runs a simulation in slices of about 16 ms of work, yielding to the event loop between
// slices (setImmediate) so ink can redraw and keys are read while a long run is in progress.
// Not a hook itself: use-simulation wraps it; tests drive it directly.
import { ExpressionValueError } from '../../model/errors.js';
import type { Scenario } from '../../model/scenario.js';
import type { SimResult } from '../../sim/result.js';
import { Simulation } from '../../sim/simulation.js';

export interface SliceProgress {
  /** Simulated time reached, ms. */
  readonly simMs: number;
  readonly durationMs: number;
  /** Wall time spent so far, ms. */
  readonly wallMs: number;
}

export interface SlicedRunCallbacks {
  onProgress(p: SliceProgress): void;
  onDone(result: SimResult, wallMs: number): void;
  onError(e: unknown): void;
}

export interface SlicedRunOptions {
  /** Work per slice, ms (default 16). */
  readonly sliceMs?: number;
  /** How to wait for the next slice (default setImmediate); tests may pass their own. */
  readonly defer?: (fn: () => void) => void;
  readonly now?: () => number;
}

/** Starts the run; returns a function that cancels it (no callback fires after that). */
export function runSliced(scenario: Scenario, cb: SlicedRunCallbacks, opts: SlicedRunOptions = {}): () => void {
  const sliceMs = opts.sliceMs ?? 16;
  const defer = opts.defer ?? ((fn) => void setImmediate(fn));
  const now = opts.now ?? (() => performance.now());
  let cancelled = false;
  let sim: Simulation | null = null;
  const start = now();
  const durationMs = scenario.durationMs;
  const step = () => {
    if (cancelled) return;
    try {
      // Building the cluster is one synchronous step; it gets a slice of its own.
      if (sim === null) {
        sim = new Simulation(scenario);
        cb.onProgress({ simMs: 0, durationMs, wallMs: now() - start });
        defer(step);
        return;
      }
      const sliceStart = now();
      const done = sim.runUntil(durationMs, () => now() - sliceStart >= sliceMs);
      if (!done) {
        cb.onProgress({ simMs: sim.engine.now, durationMs, wallMs: now() - start });
        defer(step);
        return;
      }
      sim.finish();
      const result = sim.result();
      cb.onDone(result, now() - start);
    } catch (e) {
      cb.onError(e instanceof ExpressionValueError ? e.atSimulatedTime(sim?.engine.now ?? 0) : e);
    }
  };
  defer(step);
  return () => {
    cancelled = true;
  };
}
