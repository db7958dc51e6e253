// Replays fit_test.go TestEnoughRequests, least_allocated_test.go and numFeasibleNodesToFind
// (test/fixtures/vectors-rollout-scheduler.json), plus hand-checked BalancedAllocation cases.
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-rollout-scheduler.json' with { type: 'json' };
import { podNonZeroRequests, podRequests } from '../../../../src/model/resources.js';
import type { Container } from '../../../../src/model/types.js';
import {
  balancedAllocationScore,
  balancedAllocationSkips,
  fitsRequest,
  leastAllocatedScore,
  leastAllocatedWeightedScore,
  numFeasibleNodesToFind,
} from '../../../../src/sim/controllers/scheduler/plugins.js';

type FitContainer = { milliCPU: number; memory: number } & Record<string, number>;
const toContainer = (c: Record<string, number>): Container => ({
  name: 'c',
  requests: { ...(c.milliCPU !== undefined ? { cpu: c.milliCPU } : {}), ...(c.memory !== undefined ? { memory: c.memory } : {}) },
  limits: {},
});

const filter = vectors['NodeResourcesFit.Filter'];
// Extended resources, hugepages and ephemeral storage are not in Headroom's model; the cases that
// are about them (10 of 25) are left out. The rest are cpu / memory / overhead / init containers.
const outOfScope = (c: (typeof filter.cases)[number]) => /example\.com|hugepages|ephemeral/.test(JSON.stringify(c.input));
const fitCases = filter.cases.filter((c) => !outOfScope(c));

describe('fitsRequest (TestEnoughRequests)', () => {
  it('replays the cpu/memory cases', () => {
    expect(fitCases.length).toBe(15);
  });

  it.each(fitCases)('$name', ({ input, expected }) => {
    const pod = podRequests({
      containers: (input.pod.containers as FitContainer[]).map(toContainer),
      initContainers: ((input.pod as { initContainers?: FitContainer[] }).initContainers ?? []).map(toContainer),
      overhead: (() => {
        const o = (input.pod as { overhead?: FitContainer }).overhead;
        return o ? { cpu: o.milliCPU, memory: o.memory } : {};
      })(),
    });
    const node = {
      allocatableCpu: filter.nodeAllocatable.milliCPU,
      allocatableMemory: filter.nodeAllocatable.memory,
      allocatablePods: filter.nodeAllocatable.pods,
      requestedCpu: input.nodeRequested.milliCPU,
      requestedMemory: input.nodeRequested.memory,
      podCount: 0,
    };
    const got = fitsRequest(node, pod);
    expect(got.length === 0).toBe(expected.fits);
    const want = (expected as { insufficient?: { resource: string; requested: number; used: number; capacity: number }[] }).insufficient ?? [];
    expect(got.map(({ resource, requested, used, capacity }) => ({ resource, requested, used, capacity }))).toEqual(want);
    for (const r of got) expect(r.reason).toBe(`Insufficient ${r.resource}`);
  });
});

describe('fitsRequest: pod count and edge cases', () => {
  const node = { allocatableCpu: 1000, allocatableMemory: 1000, allocatablePods: 3, requestedCpu: 0, requestedMemory: 0, podCount: 0 };
  it('reports "Too many pods" first, even for a pod that requests nothing', () => {
    expect(fitsRequest({ ...node, podCount: 3 }, { cpu: 0, memory: 0 })).toEqual([
      { resource: 'pods', reason: 'Too many pods', requested: 1, used: 3, capacity: 3, unresolvable: false },
    ]);
    expect(fitsRequest({ ...node, podCount: 2 }, { cpu: 0, memory: 0 })).toEqual([]);
  });

  it('lists pods, cpu and memory together', () => {
    const got = fitsRequest({ ...node, podCount: 3, requestedCpu: 900, requestedMemory: 1000 }, { cpu: 200, memory: 1 });
    expect(got.map((r) => r.reason)).toEqual(['Too many pods', 'Insufficient cpu', 'Insufficient memory']);
  });

  it('never checks a resource the pod does not request, even on an over-committed node', () => {
    expect(fitsRequest({ ...node, requestedMemory: 5000 }, { cpu: 100, memory: 0 })).toEqual([]);
  });

  it('marks a request larger than the whole node as unresolvable', () => {
    const [cpu] = fitsRequest(node, { cpu: 1001, memory: 0 });
    expect(cpu).toMatchObject({ resource: 'cpu', unresolvable: true });
    const [cpu2] = fitsRequest({ ...node, requestedCpu: 500 }, { cpu: 600, memory: 0 });
    expect(cpu2).toMatchObject({ resource: 'cpu', unresolvable: false });
  });
});

const least = vectors['NodeResourcesFit.Score.LeastAllocated'];
type Node = { cpu?: number; memory?: number };

describe('leastAllocatedScore (TestLeastAllocatedScoringStrategy)', () => {
  it.each(least.cases)('$name', ({ input, expected }) => {
    const spec = (cs: { cpu: number; memory: number }[]) => ({
      containers: cs.map((c) => ({ name: 'c', requests: { cpu: c.cpu, memory: c.memory }, limits: {} })),
      initContainers: [],
      overhead: {},
    });
    const pod = podNonZeroRequests(spec(input.podContainers));
    for (const [name, n] of Object.entries(input.nodes as Record<string, Node>)) {
      const existing = input.existingPods.filter((p) => p.node === name).map((p) => podNonZeroRequests(spec(p.containers)));
      const reqCpu = existing.reduce((s, p) => s + p.cpu, pod.cpu);
      const reqMem = existing.reduce((s, p) => s + p.memory, pod.memory);
      const weights = Object.fromEntries(input.resources.map((r) => [r.name, r.weight]));
      const weighted = leastAllocatedWeightedScore([
        { allocatable: n.cpu ?? 0, requested: reqCpu, weight: weights.cpu },
        { allocatable: n.memory ?? 0, requested: reqMem, weight: weights.memory },
      ]);
      expect(weighted).toBe((expected.scores as Record<string, number>)[name]);
      if (weights.cpu === 1 && weights.memory === 1) {
        expect(leastAllocatedScore(n.cpu ?? 0, n.memory ?? 0, reqCpu, reqMem)).toBe(weighted);
      }
    }
  });

  it('leaves a resource the node has none of out of the average', () => {
    // cpu allocatable 0 is skipped: memory alone decides (50), not (0 + 50) / 2.
    expect(leastAllocatedScore(0, 1000, 0, 500)).toBe(50);
  });

  it('gives an unset request the 100m / 200Mi default through podNonZeroRequests', () => {
    const pod = podNonZeroRequests({ containers: [{ name: 'c', requests: {}, limits: {} }], initContainers: [], overhead: {} });
    // 4 cores, 1 GiB: cpu (4000-100)*100/4000 = 97, memory (1024-200)*100/1024 = 80 -> 88
    expect(leastAllocatedScore(4000, 1024 * 2 ** 20, pod.cpu, pod.memory)).toBe(88);
  });
});

describe('balancedAllocationScore (balanced_allocation.go, hand-checked)', () => {
  it.each([
    // fractions 0.75 / 0.5 -> std 0.125 -> 87.5 -> 87
    [4000, 10000, 3000, 5000, 87],
    [6000, 10000, 3000, 5000, 100],
    // 0.6 / 0 -> std 0.3 -> 70
    [10000, 20000, 6000, 0, 70],
    // 0.6 / 0.25 -> std 0.175 -> 82
    [10000, 20000, 6000, 5000, 82],
    // 0.6 / 0.2 -> std 0.2 -> 80
    [10000, 50000, 6000, 10000, 80],
    // cpu over the node: fraction capped at 1; 1 / 0.5 -> std 0.25 -> 75
    [4000, 10000, 6000, 5000, 75],
    // one resource left: std 0
    [0, 10000, 500, 9000, 100],
    [0, 0, 500, 500, 100],
    [3, 3, 1, 2, 83], // 1/3 vs 2/3: (1 - 1/6) * 100 = 83.33 -> 83
  ])('alloc %i/%i requested %i/%i -> %i', (ac, am, rc, rm, want) => {
    expect(balancedAllocationScore(ac, am, rc, rm)).toBe(want);
  });

  it('is skipped for pods that request nothing', () => {
    expect(balancedAllocationSkips({ cpu: 0, memory: 0 })).toBe(true);
    expect(balancedAllocationSkips({ cpu: 0, memory: 1 })).toBe(false);
  });
});

describe('numFeasibleNodesToFind', () => {
  it.each(vectors.numFeasibleNodesToFind.cases)('$name', ({ input, expected }) => {
    expect(numFeasibleNodesToFind(input.numAllNodes, input.percentageOfNodesToScore)).toBe(expected.numNodes);
  });

  it.each([
    [99, 0, 99],
    [100, 0, 100], // 100 * 50% = 50, raised to 100
    [250, 0, 120], // 50 - 2 = 48 %
    [100, 100, 100],
    [20000, 0, 1000], // adaptive bottoms out at 5 %
  ])('%i nodes at %i %% -> %i', (n, pct, want) => {
    expect(numFeasibleNodesToFind(n, pct)).toBe(want);
  });
});
