// Big runs go to a worker thread and come back identical to an in-thread run.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario.js';
import { summarize } from '../../src/report/summary.js';
import type { SimResult } from '../../src/sim/result.js';
import { simulate } from '../../src/sim/simulation.js';
import { workerRunner } from '../../src/tui/worker-runner.js';

const viaWorker = (path: string, set: string[]) =>
  loadScenario(path, { set }).then(
    (s) =>
      new Promise<{ result: SimResult; progress: number }>((resolve, reject) => {
        let progress = 0;
        workerRunner(s, { onProgress: () => progress++, onDone: (result) => resolve({ result, progress }), onError: reject }, { minPods: 0 });
      }),
  );

describe('workerRunner', () => {
  it('runs a scenario file in a worker thread with the same result as in the UI thread', async () => {
    const path = 'scenarios/checkout-rollout-at-peak.yaml';
    const set = ['duration=5m'];
    const { result, progress } = await viaWorker(path, set);
    const direct = simulate(await loadScenario(path, { set }));
    expect(progress).toBeGreaterThan(0);
    expect(result.scenario.name).toBe('checkout-rollout-at-peak');
    expect(summarize(result)).toEqual(summarize(direct));
    expect(result.events).toEqual(direct.events);
  }, 60_000);

  it('reports a failure in the worker as an error, not a crash', async () => {
    const s = await loadScenario('scenarios/checkout-rollout-at-peak.yaml');
    const err = await new Promise<unknown>((resolve) => {
      // A scenario whose file changed under it: the worker's reload fails on the --set.
      const broken = { ...s, overrides: ['workloads.shop/nope.replicas=3'] };
      workerRunner(broken, { onProgress: () => {}, onDone: () => resolve(null), onError: resolve }, { minPods: 0 });
    });
    expect(String(err)).toContain('shop/nope');
  }, 60_000);
});
