// Runs big scenarios in a worker thread so the UI never freezes (issue "Scale": the TUI stays
// responsive on 150,000 pods): building such a cluster, or one instant with 1,500 rollouts,
// takes seconds of uninterrupted work. Small scenarios, and scenarios built in memory (no file
// to reload), run in slices on the UI thread as before.
import { Worker } from 'node:worker_threads';
import { InputError } from '../io/errors.js';
import type { Scenario } from '../model/scenario.js';
import { expectedPods } from '../model/workloads.js';
import type { SimResult } from '../sim/result.js';
import { runSliced, type SlicedRunCallbacks } from './hooks/run-sliced.js';
import type { WorkerJob, WorkerMessage } from './sim-worker.js';

/** From this many pods on, a run goes to a worker thread. */
export const WORKER_MIN_PODS = 20_000;

export function podCount(s: Scenario): number {
  return expectedPods(s.inventory);
}

export function workerRunner(scenario: Scenario, cb: SlicedRunCallbacks, opts: { minPods?: number } = {}): () => void {
  if (!scenario.file || podCount(scenario) < (opts.minPods ?? WORKER_MIN_PODS)) return runSliced(scenario, cb);
  const job: WorkerJob = { file: scenario.file, set: scenario.overrides, seed: scenario.seed };
  const worker = new Worker(new URL('./sim-worker-entry.mjs', import.meta.url), { workerData: job });
  let finished = false;
  const finish = () => {
    finished = true;
    void worker.terminate();
  };
  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'progress' && !finished) return cb.onProgress(m);
    if (finished || m.type === 'progress') return;
    if (m.type === 'done') {
      finish();
      cb.onDone({ ...(m.result as Omit<SimResult, 'scenario'>), scenario }, m.wallMs);
    } else {
      finish();
      cb.onError(m.input ? new InputError(m.message) : new Error(m.message));
    }
  });
  worker.on('error', (e) => {
    if (!finished) {
      finish();
      cb.onError(e);
    }
  });
  return finish;
}
