// The kubelet eviction manager's pure helpers, mirroring pkg/kubelet/eviction/helpers.go
// (thresholdsMet, the grace-period and node-condition bookkeeping, byEvictionPriority, and the
// orderedBy ranking comparators) and pkg/kubelet/eviction/api/types.go (GetThresholdQuantity).
// Threshold configuration is src/model/eviction-thresholds.ts. Times are ms.
import type { EvictionSignal, EvictionThreshold } from '../../../model/scenario.js';
import { isEvictionSignal, type NodePressureCondition, signalCondition } from '../../../model/eviction-thresholds.js';

// ---------------------------------------------------------------------------------------------
// Observations and the synchronize() bookkeeping

export interface SignalObservation {
  readonly available: number;
  readonly capacity: number;
  /** When the stats were taken; null/absent = the zero time. */
  readonly timeMs?: number | null;
}

export type SignalObservations = Readonly<Partial<Record<EvictionSignal, SignalObservation>>>;

/** api/types.go GetThresholdQuantity: the quantity, or int64(capacity * percentage). */
export function thresholdQuantity(t: EvictionThreshold, capacity: number): number {
  return t.quantity ?? Math.trunc(capacity * (t.percentage ?? 0));
}

/** The min-reclaim amount for a threshold on a signal of this capacity. */
export function minReclaimQuantity(t: EvictionThreshold, capacity: number): number {
  return t.minReclaimPercentage != null ? Math.trunc(capacity * t.minReclaimPercentage) : t.minReclaim;
}

/**
 * helpers.go thresholdsMet: thresholds whose observed available is below the threshold (plus the
 * min-reclaim when enforceMinReclaim), ignoring grace periods; no observation, not met.
 */
export function thresholdsMet(
  thresholds: readonly EvictionThreshold[],
  observations: SignalObservations,
  enforceMinReclaim: boolean,
): EvictionThreshold[] {
  return thresholds.filter((t) => {
    const obs = observations[t.signal];
    if (!obs) return false;
    let q = thresholdQuantity(t, obs.capacity);
    if (enforceMinReclaim) q += minReclaimQuantity(t, obs.capacity);
    return q > obs.available;
  });
}

/** Value identity of a threshold (Go keys its maps by the Threshold struct). */
export function thresholdKey(t: EvictionThreshold): string {
  return [t.signal, t.quantity, t.percentage, t.gracePeriodMs, t.minReclaim, t.minReclaimPercentage ?? null].join('|');
}

/** helpers.go mergeThresholds: a followed by the thresholds of b not already in a. */
export function mergeThresholds(a: readonly EvictionThreshold[], b: readonly EvictionThreshold[]): EvictionThreshold[] {
  const seen = new Set(a.map(thresholdKey));
  return [...a, ...b.filter((t) => !seen.has(thresholdKey(t)))];
}

export interface ThresholdObservedAt {
  readonly threshold: EvictionThreshold;
  readonly atMs: number;
}

/**
 * helpers.go thresholdsFirstObservedAt: a threshold still met keeps the time it was first seen;
 * a new one gets now; one no longer met drops out (so a soft grace period restarts after a single
 * pass without pressure).
 */
export function thresholdsFirstObservedAt(
  thresholds: readonly EvictionThreshold[],
  lastObservedAt: readonly ThresholdObservedAt[],
  nowMs: number,
): ThresholdObservedAt[] {
  const last = new Map(lastObservedAt.map((o) => [thresholdKey(o.threshold), o.atMs]));
  return thresholds.map((threshold) => ({ threshold, atMs: last.get(thresholdKey(threshold)) ?? nowMs }));
}

/** helpers.go thresholdsMetGracePeriod: met for at least their grace period (hard: at once). */
export function thresholdsMetGracePeriod(observedAt: readonly ThresholdObservedAt[], nowMs: number): EvictionThreshold[] {
  return observedAt.filter((o) => nowMs - o.atMs >= o.threshold.gracePeriodMs).map((o) => o.threshold);
}

const CONDITION_ORDER: readonly NodePressureCondition[] = ['MemoryPressure', 'DiskPressure', 'PIDPressure'];
export type NodeConditionsObservedAt = Readonly<Partial<Record<NodePressureCondition, number>>>;

/** helpers.go nodeConditions: the conditions the thresholds map to, each once. */
export function nodeConditions(thresholds: readonly EvictionThreshold[]): NodePressureCondition[] {
  const found = new Set(thresholds.map((t) => signalCondition(t.signal)));
  return CONDITION_ORDER.filter((c) => found.has(c));
}

/** helpers.go nodeConditionsLastObservedAt: conditions seen now get now; the others keep theirs. */
export function nodeConditionsLastObservedAt(
  conditions: readonly NodePressureCondition[],
  lastObservedAt: NodeConditionsObservedAt,
  nowMs: number,
): NodeConditionsObservedAt {
  const out: Partial<Record<NodePressureCondition, number>> = { ...lastObservedAt };
  for (const c of conditions) out[c] = nowMs;
  return out;
}

/**
 * helpers.go nodeConditionsObservedSince: conditions last seen less than `periodMs` ago (the
 * evictionPressureTransitionPeriod, 5 min by default), so pressure is reported that long after
 * it ends.
 */
export function nodeConditionsObservedSince(
  observedAt: NodeConditionsObservedAt,
  periodMs: number,
  nowMs: number,
): NodePressureCondition[] {
  return CONDITION_ORDER.filter((c) => observedAt[c] !== undefined && nowMs - observedAt[c]! < periodMs);
}

/**
 * helpers.go thresholdsUpdatedStats: keep thresholds whose observation is new since the last pass
 * (no timestamp, no previous observation, or a strictly later one), so stale stats are not acted
 * on twice.
 */
export function thresholdsUpdatedStats(
  thresholds: readonly EvictionThreshold[],
  observations: SignalObservations,
  lastObservations: SignalObservations,
): EvictionThreshold[] {
  return thresholds.filter((t) => {
    const obs = observations[t.signal];
    if (!obs) return false;
    const last = lastObservations[t.signal];
    if (!last || obs.timeMs == null) return true;
    return obs.timeMs > (last.timeMs ?? -Infinity);
  });
}

/**
 * helpers.go byEvictionPriority: memory signals first, signals with nothing to reclaim last, the
 * rest in their given order. (Upstream's Less is not a strict order and sort.Sort is unstable; a
 * stable three-rank sort gives the order it intends.)
 */
export function byEvictionPriority(thresholds: readonly EvictionThreshold[]): EvictionThreshold[] {
  const rank = (t: EvictionThreshold) =>
    t.signal === 'memory.available' || t.signal === 'allocatableMemory.available' ? 0 : isEvictionSignal(t.signal) ? 1 : 2;
  return [...thresholds].sort((a, b) => rank(a) - rank(b));
}

// ---------------------------------------------------------------------------------------------
// Ranking pods for eviction

/** Usage is null when the kubelet has no stats for the pod: such pods are ranked first. */
export interface MemoryStats {
  readonly memoryRequest: number;
  readonly workingSet: number | null;
}
export interface DiskStats {
  /** Ephemeral-storage (or inode) usage the signal measures. */
  readonly diskUsage: number | null;
  /** Ephemeral-storage request (0 for inodes). */
  readonly diskRequest: number;
}
export type Comparator<T> = (a: T, b: T) => number;

/** helpers.go cmpBool: true before false. */
function cmpBool(a: boolean, b: boolean): number {
  return a === b ? 0 : a ? -1 : 1;
}
const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** exceedMemoryRequests: pods using more than their memory request first. */
export const exceedMemoryRequests: Comparator<MemoryStats> = (a, b) => {
  if (a.workingSet === null || b.workingSet === null) return cmpBool(a.workingSet === null, b.workingSet === null);
  return cmpBool(a.workingSet > a.memoryRequest, b.workingSet > b.memoryRequest);
};

/** priority: lower spec.priority first. */
export const priority: Comparator<{ readonly priority: number }> = (a, b) => sign(a.priority - b.priority);

/** memory: larger (working set - request) first. */
export const memory: Comparator<MemoryStats> = (a, b) => {
  if (a.workingSet === null || b.workingSet === null) return cmpBool(a.workingSet === null, b.workingSet === null);
  return sign(b.workingSet - b.memoryRequest - (a.workingSet - a.memoryRequest));
};

/** exceedDiskRequests: pods using more disk than their ephemeral-storage request first. */
export const exceedDiskRequests: Comparator<DiskStats> = (a, b) => {
  if (a.diskUsage === null || b.diskUsage === null) return cmpBool(a.diskUsage === null, b.diskUsage === null);
  return cmpBool(a.diskUsage > a.diskRequest, b.diskUsage > b.diskRequest);
};

/** disk: larger (usage - request) first. */
export const disk: Comparator<DiskStats> = (a, b) => {
  if (a.diskUsage === null || b.diskUsage === null) return cmpBool(a.diskUsage === null, b.diskUsage === null);
  return sign(b.diskUsage - b.diskRequest - (a.diskUsage - a.diskRequest));
};

/** helpers.go orderedBy: the first comparator that tells two pods apart decides. */
export function orderedBy<T>(...cmps: readonly Comparator<T>[]): Comparator<T> {
  return (a, b) => {
    for (const cmp of cmps) {
      const c = cmp(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
}

const byName: Comparator<{ readonly name: string }> = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * helpers.go rankMemoryPressure: orderedBy(exceedMemoryRequests, priority, memory), first to evict
 * first. Go's sort.Sort is not stable, so full ties have no defined order upstream; Headroom breaks
 * them by name so runs are reproducible. Returns a sorted copy.
 */
export function rankMemoryPressure<T extends { name: string; priority: number; memoryRequest: number; workingSet: number | null }>(
  pods: readonly T[],
): T[] {
  return [...pods].sort(orderedBy<T>(exceedMemoryRequests, priority, memory, byName));
}
