// Chart series from samples: zone sums of node step functions, the eviction level, heat-strip
// bins, node selection for big clusters, and the close-up window.
import { describe, expect, it } from 'vitest';
import { heatClass } from '../../src/report/heat-strip.js';
import { activeSpan, zoomWindow } from '../../src/report/report-charts.js';
import { capacityOf, evictionLevel, headroomOf, heatRow, nodesToShow, sumCapacities, sumSteps, zoneCapacities } from '../../src/report/series.js';
import { GI, MI } from '../helpers/scenario.js';
import { nodeResult, nodeSample, result, workload } from './fixtures.js';

describe('sumSteps', () => {
  it('adds two step functions at the union of their times', () => {
    expect(sumSteps([[0, 1], [5, 2]], [[0, 10], [3, 20]])).toEqual([[0, 11], [3, 21], [5, 22]]);
  });
  it('an empty function adds nothing', () => expect(sumSteps([], [[0, 2]])).toEqual([[0, 2]]));
});

describe('zone capacity (sum of node samples as step functions)', () => {
  // n1 requests 1 core until 10 s, then 3; n2 requests 2 cores and goes NotReady at 20 s.
  const n1 = nodeResult('n1', 'a', [nodeSample(0, { cpuRequested: 1000 }), nodeSample(10, { cpuRequested: 3000, memoryWorkingSet: 5 * GI })]);
  const n2 = nodeResult('n2', 'a', [nodeSample(0, { cpuRequested: 2000 }), nodeSample(20, { cpuRequested: 2000, conditions: 'Ready=Unknown' })]);
  const z = capacityOf('a', [n1, n2]);

  it('sums requests as they change (times in ms)', () => expect(z.cpuRequested).toEqual([[0, 3], [10_000, 5], [20_000, 5]]));
  it('sums working sets', () => expect(z.memoryWorkingSet).toEqual([[0, 6 * GI], [10_000, 8 * GI], [20_000, 8 * GI]]));
  it('allocatable of Ready nodes drops when one fails', () => expect(z.cpuUsable).toEqual([[0, 16], [10_000, 16], [20_000, 8]]));
  it('totals allocatable', () => {
    expect(z.cpuAllocatable).toBe(16);
    expect(z.memoryAllocatable).toBe(60 * GI);
  });

  it('groups nodes by zone, in name order, and "all zones" adds the zones up', () => {
    const r = result({ durationS: 30, nodes: [nodeResult('x', 'b', [nodeSample(0)]), n1, n2] });
    const zs = zoneCapacities(r);
    expect(zs.map((x) => [x.zone, x.nodes])).toEqual([['a', 2], ['b', 1]]);
    const all = sumCapacities('all zones', zs);
    expect(all.nodes).toBe(3);
    expect(all.cpuRequested).toEqual(capacityOf('all', r.nodes).cpuRequested);
    expect(all.memoryWorkingSet).toEqual(capacityOf('all', r.nodes).memoryWorkingSet);
  });

  it('gives the same series with fractional times (slow path)', () => {
    const f = capacityOf('a', [nodeResult('n1', 'a', [nodeSample(0), { ...nodeSample(0), time: 2.5 }])]);
    expect(f.cpuRequested.map(([t]) => t)).toEqual([0, 2.5]);
  });
});

describe('evictionLevel: the working set at which the kubelet evicts', () => {
  it('is allocatable when that is below capacity − threshold (allocatableMemory.available)', () => {
    expect(evictionLevel(nodeResult('n', 'a', [], { memoryCapacity: 64 * GI, allocatableMemory: 58 * GI, evictionThreshold: 100 * MI }))).toBe(58 * GI);
  });
  it('is capacity − threshold when allocatable has no reservations', () => {
    expect(evictionLevel(nodeResult('n', 'a', [], { memoryCapacity: 32 * GI, allocatableMemory: 32 * GI, evictionThreshold: 100 * MI }))).toBe(32 * GI - 100 * MI);
  });
  it('is the capacity without a hard threshold', () => {
    expect(evictionLevel(nodeResult('n', 'a', [], { memoryCapacity: 32 * GI, evictionThreshold: 0 }))).toBe(32 * GI);
  });
  it('headroom is negative past the threshold', () => {
    const n = nodeResult('n', 'a', [], { memoryCapacity: 64 * GI, allocatableMemory: 58 * GI, evictionThreshold: 100 * MI });
    expect(headroomOf(n, 6 * GI)).toBe(0);
    expect(headroomOf(n, 5 * GI)).toBe(-GI);
  });
});

describe('heat strip', () => {
  const n = nodeResult('n', 'a', [
    nodeSample(0, { memoryAvailable: 20 * GI }),
    nodeSample(12, { memoryAvailable: 1 * GI }),
    nodeSample(13, { memoryAvailable: 20 * GI }),
    nodeSample(35, { memoryAvailable: 20 * GI, conditions: 'Ready=False' }),
  ]);

  it('keeps the least memory.available of each bin, so a 1 s dip shows', () => {
    const row = heatRow(n, 40_000, 4);
    expect(row.cells.map((c) => c.leastMemoryAvailable / GI)).toEqual([20, 1, 20, 20]);
    expect(row.cells.map((c) => c.notReady)).toEqual([false, false, false, true]);
  });

  it('classes: not Ready, at the threshold, then shares of the eviction level', () => {
    expect(heatClass(5, true, 100)).toBe(0);
    expect(heatClass(-1, false, 100)).toBe(1);
    expect([4, 5, 10, 25, 50].map((h) => heatClass(h, false, 100))).toEqual([2, 3, 4, 5, 6]);
  });

  it('shows the nodes that came closest to eviction when there are too many', () => {
    const nodes = [30, 2, 25, 1, 28].map((avail, i) => nodeResult(`n${i}`, i % 2 ? 'b' : 'a', [nodeSample(0, { memoryAvailable: avail * GI })]));
    expect(nodesToShow(nodes, 2).map((x) => x.name)).toEqual(['n1', 'n3']);
    expect(nodesToShow(nodes, 10).map((x) => x.name)).toEqual(['n0', 'n2', 'n4', 'n1', 'n3']);
  });
});

describe('close-ups', () => {
  const w = workload('shop/web', [
    { t: 0, desired: 9, available: 9 },
    { t: 120, desired: 9, available: 7 },
    { t: 200, desired: 9, available: 9 },
    { t: 1800, desired: 9, available: 9 },
  ]);

  it('the active span runs from the first to the last change', () => expect(activeSpan(w)).toEqual({ from: 120_000, to: 200_000 }));
  it('zooms to whole time steps around a short episode of a long run', () => expect(zoomWindow(w, 1_800_000)).toEqual({ fromMs: 90_000, toMs: 240_000 }));
  it('does not zoom when the episode fills much of the run', () => expect(zoomWindow(w, 300_000)).toBeNull());
  it('does not zoom a steady workload', () => expect(zoomWindow(workload('a/b', [{ t: 0, desired: 1, available: 1 }]), 1_800_000)).toBeNull());
});
