// The sliced runner gives the same result as a run in one go, yields between slices, can be
// cancelled, and reports failures instead of throwing.
import { describe, expect, test } from 'vitest';
import { summarize } from '../../src/report/summary.js';
import type { SimResult } from '../../src/sim/result.js';
import { simulate } from '../../src/sim/simulation.js';
import { runSliced, type SliceProgress } from '../../src/tui/hooks/run-sliced.js';
import { deployment, node, rollout, scenario } from '../helpers/scenario.js';

const web = deployment('shop/web', { replicas: 6, maxSurge: 1, maxUnavailable: 1 });
const s = scenario({ nodes: [node('n1'), node('n2', 'zone-b')], deployments: [web], events: [rollout(30, web)], durationS: 600 });

function runAll(sliceMs: number): Promise<{ result: SimResult; progress: SliceProgress[]; slices: number }> {
  const progress: SliceProgress[] = [];
  let slices = 0;
  return new Promise((resolve, reject) =>
    runSliced(
      s,
      {
        onProgress: (p) => progress.push(p),
        onDone: (result) => resolve({ result, progress, slices }),
        onError: reject,
      },
      { sliceMs, defer: (fn) => (slices++, setImmediate(fn)) },
    ),
  );
}

describe('runSliced', () => {
  test('same figures as simulate(), in many slices with progress that only grows', async () => {
    const { result, progress, slices } = await runAll(0);
    expect(summarize(result)).toEqual(summarize(simulate(s)));
    expect(slices).toBeGreaterThan(5);
    const times = progress.map((p) => p.simMs);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(progress[0]).toMatchObject({ simMs: 0, durationMs: 600_000 });
  });
  test('a generous slice finishes in one go after building the cluster', async () => {
    const { progress } = await runAll(10_000);
    expect(progress).toHaveLength(1);
  });
  test('cancelled: nothing more is reported', async () => {
    let calls = 0;
    const cancel = runSliced(s, { onProgress: () => calls++, onDone: () => calls++, onError: () => calls++ }, { sliceMs: 0 });
    cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(0);
  });
  test('a failure is reported, not thrown', async () => {
    const broken = { ...s, events: [{ atMs: 1000, index: 0, label: 'x', action: { kind: 'scale', workload: 'no/such', replicas: 1 } as const }] };
    const err = await new Promise<unknown>((resolve) => runSliced(broken, { onProgress: () => {}, onDone: () => resolve(null), onError: resolve }));
    expect(err).toBeInstanceOf(Error);
  });
});
