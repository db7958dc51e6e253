// Replays helpers_test.go (every Eviction.* section of test/fixtures/vectors-node.json) and the
// §7a worked example of the node spec.
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-node.json' with { type: 'json' };
import { parseBytes } from '../../../../src/model/quantity.js';
import { podRequests } from '../../../../src/model/resources.js';
import type { EvictionSignal, EvictionThreshold } from '../../../../src/model/scenario.js';
import {
  byEvictionPriority,
  disk,
  exceedDiskRequests,
  exceedMemoryRequests,
  memory,
  mergeThresholds,
  nodeConditions,
  nodeConditionsLastObservedAt,
  nodeConditionsObservedSince,
  orderedBy,
  priority,
  rankMemoryPressure,
  thresholdQuantity,
  thresholdsFirstObservedAt,
  thresholdsMet,
  thresholdsMetGracePeriod,
  thresholdsUpdatedStats,
  type Comparator,
  type SignalObservations,
} from '../../../../src/sim/controllers/kubelet/eviction-helpers.js';
import { parseGoDuration, parsePercentage, parseThresholdConfig, type ThresholdConfig } from '../../../../src/model/eviction-thresholds.js';
import { container, type VectorContainer } from '../../../helpers/k8s-vectors.js';

type VectorValue = { quantity?: string; percentage?: number };
interface VectorThreshold {
  signal: string;
  value: VectorValue;
  gracePeriod: string;
  minReclaim?: VectorValue;
}

/** Go keeps percentages as float32; the vectors write the float32 literal. */
function threshold(v: VectorThreshold): EvictionThreshold {
  const r = v.minReclaim;
  return {
    signal: v.signal as EvictionSignal,
    quantity: v.value.quantity !== undefined ? parseBytes(v.value.quantity) : null,
    percentage: v.value.percentage !== undefined ? Math.fround(v.value.percentage) : null,
    gracePeriodMs: parseGoDuration(v.gracePeriod),
    minReclaim: r?.quantity !== undefined ? parseBytes(r.quantity) : 0,
    minReclaimPercentage: r?.percentage !== undefined ? Math.fround(r.percentage) : null,
  };
}

const sortKey = (t: EvictionThreshold) => JSON.stringify([t.signal, t.gracePeriodMs, t.quantity, t.percentage]);

describe('parseThresholdConfig (TestParseThresholdConfig)', () => {
  it.each(vectors['Eviction.ParseThresholdConfig'].cases)('$name', ({ input, expected }) => {
    const cfg = input as unknown as ThresholdConfig; // JSON typing widens the maps with undefined values
    if (expected.error) {
      expect(() => parseThresholdConfig(cfg)).toThrow();
      return;
    }
    // Go builds the list from maps, so the test compares it as a set.
    const got = parseThresholdConfig(cfg).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const want = (expected.thresholds as VectorThreshold[]).map(threshold).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    expect(got).toEqual(want);
  });

  it.each([
    [{ evictionHard: { 'mem.available': '150Mi' } }, /evictionHard\["mem.available"\]: unsupported eviction signal "mem.available"/],
    [{ evictionHard: { 'memory.available': '-150Mi' } }, /evictionHard\["memory.available"\] = "-150Mi": eviction threshold must be positive/],
    [{ evictionHard: { 'memory.available': '0' } }, /must be positive/], // 0 is an error for quantities, unlike 0%
    [{ evictionHard: { 'memory.available': '150%' } }, /"150%": eviction percentage threshold must be <= 100%/],
    [{ evictionHard: { 'memory.available': 'lots' } }, /evictionHard\["memory.available"\] = "lots": "lots" is not a Kubernetes quantity/],
    [{ evictionHard: { 'memory.available': 'x%' } }, /"x%" is not a percentage/],
    [{ evictionSoft: { 'memory.available': '1Gi' } }, /evictionSoft\["memory.available"\]: grace period must be specified/],
    [{ evictionSoft: { 'memory.available': '1Gi' }, evictionSoftGracePeriod: { 'memory.available': '-30s' } }, /must not be negative/],
    [{ evictionSoft: { 'memory.available': '1Gi' }, evictionSoftGracePeriod: { 'memory.available': '30' } }, /invalid duration "30"/],
    [{ evictionMinimumReclaim: { 'memory.available': '0%' } }, /minimum reclaim must be positive/],
    [{ evictionMinimumReclaim: { 'memory.available': '-1Mi' } }, /negative eviction minimum reclaim/],
    [{ evictionSoftGracePeriod: { 'foo.bar': '1m' } }, /evictionSoftGracePeriod\["foo.bar"\]: unsupported/],
  ])('rejects %j', (cfg, message) => {
    expect(() => parseThresholdConfig(cfg)).toThrow(message);
  });

  it('treats only the literal "0%" and "100%" as disabled', () => {
    expect(parseThresholdConfig({ evictionHard: { 'memory.available': '0.0%' } })).toEqual([
      { signal: 'memory.available', quantity: null, percentage: 0, gracePeriodMs: 0, minReclaim: 0, minReclaimPercentage: null },
    ]);
  });

  it('copies hard memory thresholds only (not soft ones) for allocatable enforcement', () => {
    const got = parseThresholdConfig({
      allocatableConfig: ['pods'],
      evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '10%' },
      evictionSoft: { 'memory.available': '500Mi' },
      evictionSoftGracePeriod: { 'memory.available': '1m30s' },
    });
    expect(got.map((t) => [t.signal, t.gracePeriodMs])).toEqual([
      ['memory.available', 0],
      ['nodefs.available', 0],
      ['memory.available', 90_000],
      ['allocatableMemory.available', 0],
    ]);
    expect(parseThresholdConfig({ allocatableConfig: ['none'], evictionHard: { 'memory.available': '100Mi' } })).toHaveLength(1);
  });
});

describe('parsePercentage (TestParsePercentage)', () => {
  it.each(vectors['Eviction.parsePercentage'].cases)('$name', ({ input, expected }) => {
    if (expected.error) expect(() => parsePercentage(input.value)).toThrow(`"${input.value}"`);
    else expect(parsePercentage(input.value)).toBe(Math.fround(expected.value));
  });

  it('keeps float32 precision as the kubelet does', () => {
    expect(parsePercentage('10%')).toBe(Math.fround(0.1));
    expect(parsePercentage('10%')).not.toBe(0.1);
  });
});

describe('parseGoDuration (time.ParseDuration)', () => {
  it.each([
    ['0', 0],
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['-30s', -30_000],
    ['1h0m0s', 3_600_000],
    ['1500us', 2], // 1.5 ms, rounded to the nearest ms
  ])('%s -> %i ms', (s, ms) => {
    expect(parseGoDuration(s)).toBe(ms);
  });
  it.each(['', '30', 's', '.s', '1d', '1m 30s'])('rejects %j', (s) => {
    expect(() => parseGoDuration(s)).toThrow(`"${s}"`);
  });
});

describe('thresholdsMet (TestThresholdsMet, TestPercentageThresholdsMet)', () => {
  it.each(vectors['Eviction.thresholdsMet'].cases)('$name', ({ input, expected }) => {
    const thresholds = (input.thresholds as VectorThreshold[]).map(threshold);
    const observations: Record<string, { available: number; capacity: number }> = {};
    for (const [signal, o] of Object.entries(input.observations as Record<string, { available: string; capacity?: string }>)) {
      observations[signal] = { available: parseBytes(o.available), capacity: o.capacity ? parseBytes(o.capacity) : 0 };
    }
    const met = thresholdsMet(thresholds, observations as SignalObservations, input.enforceMinReclaim);
    expect(met).toEqual(expected.met.map((i) => thresholds[i]));
  });

  it('uses int64(capacity * float32 percentage)', () => {
    const t = threshold({ signal: 'memory.available', value: { percentage: 0.1 }, gracePeriod: '0s' });
    // 1000Mi * 0.100000001490116 = 104857601.56 -> 104857601, one byte above 10 %
    expect(thresholdQuantity(t, 1000 * 2 ** 20)).toBe(104857601);
    expect(thresholdsMet([t], { 'memory.available': { available: 104857600, capacity: 1000 * 2 ** 20 } }, false)).toEqual([t]);
  });
});

const NOW = 1_000_000_000;

describe('thresholdsMetGracePeriod (TestThresholdsMetGracePeriod)', () => {
  it.each(vectors['Eviction.thresholdsMetGracePeriod'].cases)('$name', ({ input, expected }) => {
    const observed = input.observed.map((o) => ({ threshold: threshold(o.threshold as VectorThreshold), atMs: NOW - o.secondsAgo * 1000 }));
    expect(thresholdsMetGracePeriod(observed, NOW)).toEqual(expected.eligible.map((i) => observed[i].threshold));
  });

  it('is eligible exactly at the grace period', () => {
    const t = threshold({ signal: 'memory.available', value: { quantity: '1Gi' }, gracePeriod: '1m' });
    expect(thresholdsMetGracePeriod([{ threshold: t, atMs: NOW - 60_000 }], NOW)).toEqual([t]);
    expect(thresholdsMetGracePeriod([{ threshold: t, atMs: NOW - 59_999 }], NOW)).toEqual([]);
  });
});

describe('thresholdsFirstObservedAt (TestThresholdsFirstObservedAt)', () => {
  it.each(vectors['Eviction.thresholdsFirstObservedAt'].cases)('$name', ({ input, expected }) => {
    const met = (input.met as VectorThreshold[]).map(threshold);
    const previous = input.previous.map((p) => ({ threshold: threshold(p.threshold as VectorThreshold), atMs: NOW - p.secondsAgo * 1000 }));
    const got = thresholdsFirstObservedAt(met, previous, NOW);
    expect(got.map((o) => (NOW - o.atMs) / 1000)).toEqual(expected.firstObservedSecondsAgo);
    expect(got.map((o) => o.threshold)).toEqual(met);
  });

  it('drops thresholds no longer met, restarting their grace period', () => {
    const a = threshold({ signal: 'memory.available', value: { quantity: '1Gi' }, gracePeriod: '1m' });
    const b = threshold({ signal: 'memory.available', value: { quantity: '2Gi' }, gracePeriod: '1m' });
    const first = thresholdsFirstObservedAt([a, b], [], 0);
    const gap = thresholdsFirstObservedAt([b], first, 10_000);
    expect(gap).toEqual([{ threshold: b, atMs: 0 }]);
    expect(thresholdsFirstObservedAt([a, b], gap, 20_000)).toEqual([
      { threshold: a, atMs: 20_000 },
      { threshold: b, atMs: 0 },
    ]);
  });
});

type Cond = 'MemoryPressure' | 'DiskPressure' | 'PIDPressure';

describe('node conditions (TestNodeConditionsLastObservedAt, TestNodeConditionsObservedSince)', () => {
  it.each(vectors['Eviction.nodeConditionsLastObservedAt'].cases)('$name', ({ input, expected }) => {
    const previous = Object.fromEntries(Object.entries(input.previous as Record<Cond, number>).map(([c, s]) => [c, NOW - s * 1000]));
    const got = nodeConditionsLastObservedAt(input.conditions as Cond[], previous, NOW);
    expect(Object.fromEntries(Object.entries(got).map(([c, at]) => [c, (NOW - at!) / 1000]))).toEqual(expected.lastObservedSecondsAgo);
  });

  it.each(vectors['Eviction.nodeConditionsObservedSince'].cases)('$name', ({ input, expected }) => {
    const observed = Object.fromEntries(Object.entries(input.lastObservedSecondsAgo as Record<Cond, number>).map(([c, s]) => [c, NOW - s * 1000]));
    expect(nodeConditionsObservedSince(observed, parseGoDuration(input.period), NOW)).toEqual(expected.conditions);
  });

  it('maps signals to conditions once each, and reports strictly within the period', () => {
    const t = (signal: EvictionSignal) => ({ signal, quantity: 1, percentage: null, gracePeriodMs: 0, minReclaim: 0 });
    expect(nodeConditions([t('pid.available'), t('allocatableMemory.available'), t('memory.available'), t('containerfs.inodesFree')])).toEqual([
      'MemoryPressure',
      'DiskPressure',
      'PIDPressure',
    ]);
    expect(nodeConditionsObservedSince({ MemoryPressure: NOW - 300_000 }, 300_000, NOW)).toEqual([]);
    expect(nodeConditionsObservedSince({ MemoryPressure: NOW - 299_999 }, 300_000, NOW)).toEqual(['MemoryPressure']);
  });
});

describe('thresholdsUpdatedStats (TestThresholdsUpdatedStats)', () => {
  const time = (v: string | null) => (v === null || v === 'zero' ? null : Date.parse(v));
  it.each(vectors['Eviction.thresholdsUpdatedStats'].cases)('$name', ({ input, expected }) => {
    const thresholds = input.thresholds.map((s) => threshold({ signal: s, value: { quantity: '1Gi' }, gracePeriod: '0s' }));
    const obs: Record<string, { available: number; capacity: number; timeMs: number | null }> = {};
    const last: Record<string, { available: number; capacity: number; timeMs: number | null }> = {};
    for (const s of input.thresholds) {
      obs[s] = { available: 0, capacity: 0, timeMs: time(input.observationTime) };
      if (input.lastObservationTime !== 'absent') last[s] = { available: 0, capacity: 0, timeMs: time(input.lastObservationTime) };
    }
    const kept = thresholdsUpdatedStats(thresholds, obs as SignalObservations, last as SignalObservations);
    expect(kept.map((t) => t.signal)).toEqual(expected.kept);
  });

  it('skips thresholds without an observation', () => {
    const t = threshold({ signal: 'memory.available', value: { quantity: '1Gi' }, gracePeriod: '0s' });
    expect(thresholdsUpdatedStats([t], {}, {})).toEqual([]);
  });
});

describe('byEvictionPriority (TestSortByEvictionPriority)', () => {
  it.each(vectors['Eviction.byEvictionPriority'].cases)('$name', ({ input, expected }) => {
    const ts = input.signals.map((s) => threshold({ signal: s, value: { quantity: '1' }, gracePeriod: '0s' }));
    expect(byEvictionPriority(ts).map((t) => t.signal)).toEqual(expected.signals);
  });

  it('mergeThresholds dedupes by value', () => {
    const a = threshold({ signal: 'memory.available', value: { quantity: '1Gi' }, gracePeriod: '0s' });
    const a2 = threshold({ signal: 'memory.available', value: { quantity: '1Gi' }, gracePeriod: '0s' });
    const b = threshold({ signal: 'memory.available', value: { quantity: '1Gi' }, gracePeriod: '1m' });
    expect(mergeThresholds([a], [a2, b])).toEqual([a, b]);
  });
});

interface VectorPod {
  name: string;
  priority: number;
  containers: VectorContainer[];
  memoryWorkingSet?: string;
  processCount?: number;
  diskUsage?: { rootfs: string; logs: string; localVolume: string };
}
interface Candidate {
  name: string;
  priority: number;
  memoryRequest: number;
  workingSet: number | null;
  processCount: number | null;
  diskUsage: number | null;
  diskRequest: number;
}

function candidate(p: VectorPod): Candidate {
  const spec = { containers: p.containers.map((c) => container(c)), initContainers: [], overhead: {} };
  const eph = p.containers.reduce((s, c) => s + (c.requests?.['ephemeral-storage'] ? parseBytes(c.requests['ephemeral-storage']) : 0), 0);
  const du = p.diskUsage;
  return {
    name: p.name,
    priority: p.priority,
    memoryRequest: podRequests(spec).memory,
    workingSet: p.memoryWorkingSet !== undefined ? parseBytes(p.memoryWorkingSet) : null,
    processCount: p.processCount ?? null,
    diskUsage: du ? parseBytes(du.rootfs) + parseBytes(du.logs) + parseBytes(du.localVolume) : null,
    diskRequest: eph,
  };
}

const COMPARATORS: Record<string, Comparator<Candidate>> = { exceedMemoryRequests, priority, memory, exceedDiskRequests, disk };
// PID pressure is not modelled (no process counts in Headroom's inputs): its cases are skipped.
const ORDERED_BY = vectors['Eviction.orderedBy'].cases.filter((c) => !c.input.comparators.includes('process'));

describe('orderedBy comparators (TestOrderedBy*)', () => {
  it.each(ORDERED_BY)('$name', ({ input, expected }) => {
    const cmps = input.comparators.map((n) => COMPARATORS[n.startsWith('disk') ? 'disk' : n]);
    expect(cmps.every(Boolean)).toBe(true);
    const ranked = (input.pods as VectorPod[]).map(candidate).sort(orderedBy(...cmps));
    expect(ranked.map((p) => p.name)).toEqual(expected.order);
  });

  it('rankMemoryPressure equals orderedBy(exceedMemoryRequests, priority, memory) on the upstream table', () => {
    const c = vectors['Eviction.orderedBy'].cases.find((x) => x.name.includes('rankMemoryPressure'))!;
    const pods = (c.input.pods as VectorPod[]).map(candidate);
    expect(rankMemoryPressure(pods).map((p) => p.name)).toEqual(c.expected.order);
    expect(rankMemoryPressure([...pods].reverse()).map((p) => p.name)).toEqual(c.expected.order);
  });
});

describe('rankMemoryPressure', () => {
  const Mi = 2 ** 20;
  const pod = (name: string, prio: number, requestMi: number, wsMi: number | null) => ({
    name,
    priority: prio,
    memoryRequest: requestMi * Mi,
    workingSet: wsMi === null ? null : wsMi * Mi,
  });

  it('worked example 7a of the node spec: B, A, E, D, C', () => {
    const pods = [
      pod('A', 0, 0, 700), // BestEffort
      pod('B', 0, 1024, 3000),
      pod('C', 0, 2048, 1536),
      pod('D', 0, 2048, 1900), // Guaranteed
      pod('E', 1000, 256, 300),
    ];
    expect(rankMemoryPressure(pods).map((p) => p.name)).toEqual(['B', 'A', 'E', 'D', 'C']);
  });

  it('puts pods without stats first and breaks full ties by name', () => {
    const pods = [pod('z', 0, 100, 200), pod('b', 0, 100, 200), pod('nostats', 5, 100, null), pod('a', 0, 100, 200)];
    expect(rankMemoryPressure(pods).map((p) => p.name)).toEqual(['nostats', 'a', 'b', 'z']);
  });

  it('does not reorder its input', () => {
    const pods = [pod('x', 1, 0, 1), pod('y', 0, 0, 1)];
    rankMemoryPressure(pods);
    expect(pods.map((p) => p.name)).toEqual(['x', 'y']);
  });
});
