// The sliced runner gives the same result as a run in one go, yields between slices, can be
// cancelled, and reports failures instead of throwing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/io/errors.js';
import { loadScenario } from '../../src/io/scenario.js';
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
  test('a memory expression going bad at run time is reported with its place and the simulated time', async () => {
    // Event at 2m; the kubelet re-reads a time-varying usage every 10 s: first bad reading at t = 110 s, 230 s in.
    const dir = mkdtempSync(join(tmpdir(), 'hr-sliced-'));
    const inv = join(import.meta.dirname, '../../scenarios/demo/inventory');
    const file = join(dir, 's.yaml');
    writeFileSync(file, `inventory: {nodes: ${inv}/nodes.csv, workloads: ${inv}/workloads.csv}\nduration: 10m\nevents:\n  - {at: 2m, memoryUsage: {workload: search/query, value: "t > 100 and t < 200 ? -1 : request"}}\n`);
    const bad = await loadScenario(file);
    const err = await new Promise<unknown>((resolve) => runSliced(bad, { onProgress: () => {}, onDone: () => resolve(null), onError: resolve }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/s\.yaml:4: events\[0\]\.memoryUsage\.value: memory usage expression .* gives a negative number \(-1\).*; at simulated time 230 s \(3m50s\)$/);
  });
});
