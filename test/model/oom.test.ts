// Replays policy_test.go TestGetContainerOOMScoreAdjust (test/fixtures/vectors-node.json).
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/vectors-node.json' with { type: 'json' };
import { containerOOMScoreAdjust, podOOMScoreAdjust } from '../../src/model/oom.js';
import { computePodQOS } from '../../src/model/qos.js';
import { container, type VectorContainer } from '../helpers/k8s-vectors.js';

interface OomPod {
  containers?: VectorContainer[];
  initContainers?: VectorContainer[];
  priority?: number;
  priorityClassName?: string;
}

describe('containerOOMScoreAdjust (TestGetContainerOOMScoreAdjust)', () => {
  it.each(vectors.GetContainerOOMScoreAdjust.cases)('$name', ({ input, expected }) => {
    const p = input.pod as OomPod;
    const spec = {
      containers: (p.containers ?? []).map((c) => container(c)),
      initContainers: (p.initContainers ?? []).map((c) => container(c)),
    };
    const target = [...spec.containers, ...spec.initContainers].find((c) => c.name === input.container);
    expect(target).toBeDefined();
    // kubelet/types IsNodeCriticalPod: a critical pod (priority >= 2e9) of system-node-critical.
    const nodeCritical = (p.priority ?? 0) >= 2_000_000_000 && p.priorityClassName === 'system-node-critical';
    const adj = containerOOMScoreAdjust(computePodQOS(spec), target!.requests.memory ?? 0, input.memoryCapacityBytes, nodeCritical);
    expect(adj).toBeGreaterThanOrEqual(expected.oomScoreAdjMin);
    expect(adj).toBeLessThanOrEqual(expected.oomScoreAdjMax);
  });
});

describe('exact Burstable values', () => {
  const GB = 1_000_000_000;
  it.each([
    [GB / 10, 10 * GB, 990], // 1% of memory
    [4 * GB, 8 * GB, 500],
    [1 * GB, 8 * GB, 875],
    [1, 8 * GB, 999], // rounds to 1000, kept below BestEffort
    [0, 8 * GB, 999],
    [8 * GB - 1, 8 * GB, 3], // floor(999.99...) = 999 -> 1, clamped up to 3
    [8 * GB, 8 * GB, 3],
    [997 * (8 * GB) / 1000, 8 * GB, 3],
    [996 * (8 * GB) / 1000, 8 * GB, 4],
    [(8 * GB) / 3, 8 * GB, 667], // 1000 - floor(333.33)
  ])('request %i of %i -> %i', (req, cap, want) => {
    expect(containerOOMScoreAdjust('Burstable', req, cap, false)).toBe(want);
  });

  it('node-critical wins over BestEffort; class decides otherwise', () => {
    expect(containerOOMScoreAdjust('BestEffort', 0, GB, true)).toBe(-997);
    expect(containerOOMScoreAdjust('Guaranteed', GB / 2, GB, false)).toBe(-997);
    expect(containerOOMScoreAdjust('BestEffort', 0, GB, false)).toBe(1000);
  });

  it('podOOMScoreAdjust uses the first regular container', () => {
    const spec = {
      containers: [container({ name: 'a', requests: { memory: '2G' } }), container({ name: 'b', requests: { memory: '6G' } })],
    };
    expect(podOOMScoreAdjust(spec, 'Burstable', 8 * GB, false)).toBe(750);
    expect(podOOMScoreAdjust({ containers: [] }, 'Burstable', 8 * GB, false)).toBe(999);
  });
});
