// The kubelet eviction manager's pure helpers, mirroring pkg/kubelet/eviction/helpers.go
// (ParseThresholdConfig and friends, thresholdsMet, the grace-period and node-condition
// bookkeeping, byEvictionPriority, and the orderedBy ranking comparators) and
// pkg/kubelet/eviction/api/types.go (signals, GetThresholdQuantity). Times are ms.
import { parseBytes, parseQuantity, QuantityError } from '../../../model/quantity.js';
import type { EvictionSignal, EvictionThreshold } from '../../../model/scenario.js';

export const EVICTION_SIGNALS: readonly EvictionSignal[] = [
  'memory.available',
  'allocatableMemory.available',
  'nodefs.available',
  'nodefs.inodesFree',
  'imagefs.available',
  'imagefs.inodesFree',
  'containerfs.available',
  'containerfs.inodesFree',
  'pid.available',
];

export type NodePressureCondition = 'MemoryPressure' | 'DiskPressure' | 'PIDPressure';

/** helpers.go signalToNodeCondition. */
const SIGNAL_CONDITION: Record<EvictionSignal, NodePressureCondition> = {
  'memory.available': 'MemoryPressure',
  'allocatableMemory.available': 'MemoryPressure',
  'nodefs.available': 'DiskPressure',
  'nodefs.inodesFree': 'DiskPressure',
  'imagefs.available': 'DiskPressure',
  'imagefs.inodesFree': 'DiskPressure',
  'containerfs.available': 'DiskPressure',
  'containerfs.inodesFree': 'DiskPressure',
  'pid.available': 'PIDPressure',
};

/** helpers.go validSignal: the signal has a resource to reclaim (signalToResource). */
export function isEvictionSignal(s: string): s is EvictionSignal {
  return (EVICTION_SIGNALS as readonly string[]).includes(s);
}

// ---------------------------------------------------------------------------------------------
// Configuration

export interface ThresholdConfig {
  /** enforceNodeAllocatable; "pods" adds allocatableMemory.available copies of hard memory thresholds. */
  readonly allocatableConfig?: readonly string[];
  readonly evictionHard?: Readonly<Record<string, string>>;
  readonly evictionSoft?: Readonly<Record<string, string>>;
  readonly evictionSoftGracePeriod?: Readonly<Record<string, string>>;
  readonly evictionMinimumReclaim?: Readonly<Record<string, string>>;
}

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * helpers.go parsePercentage: strips trailing '%' and parses a float32, so "25.5%" is the float32
 * nearest 0.255. Throws for anything strconv.ParseFloat refuses (and, unlike Go, for NaN/Inf).
 */
export function parsePercentage(input: string): number {
  const text = input.replace(/%+$/, '');
  const v = Math.fround(Number(text));
  if (!FLOAT.test(text) || !Number.isFinite(v)) throw new Error(`"${input}" is not a percentage`);
  return Math.fround(v / 100);
}

const DURATION_UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const DURATION_PART = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;

/** Go time.ParseDuration ("30s", "1m30s", "1.5h", "-30s", "0"), in ms rounded to the nearest ms. */
export function parseGoDuration(input: string): number {
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`invalid duration "${input}"`);
  let ns = 0;
  while (s !== '') {
    const m = DURATION_PART.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new Error(`invalid duration "${input}" (expected e.g. 30s, 5m, 1h30m)`);
    ns += Number(`${m[1] || '0'}.${m[2] ?? ''}0`) * DURATION_UNIT_NS[m[3]];
    s = s.slice(m[0].length);
  }
  return sign * Math.round(ns / 1e6) + 0;
}

function where(flag: string, signal: string, value?: string): string {
  return value === undefined ? `${flag}["${signal}"]` : `${flag}["${signal}"] = "${value}"`;
}

function checkSignal(flag: string, signal: string): EvictionSignal {
  if (!isEvictionSignal(signal)) {
    throw new Error(`${where(flag, signal)}: unsupported eviction signal "${signal}" (use one of ${EVICTION_SIGNALS.join(', ')})`);
  }
  return signal;
}

function quantityOf(flag: string, signal: string, value: string): number {
  try {
    return parseBytes(value);
  } catch (e) {
    if (e instanceof QuantityError) throw new Error(`${where(flag, signal, value)}: ${e.message}`);
    throw e;
  }
}

/** helpers.go parseThresholdStatement; null for "0%" and "100%", which disable a threshold. */
function parseThresholdStatement(flag: string, signal: string, value: string): EvictionThreshold | null {
  const sig = checkSignal(flag, signal);
  const base = { signal: sig, gracePeriodMs: 0, minReclaim: 0, minReclaimPercentage: null };
  if (value.endsWith('%')) {
    if (value === '0%' || value === '100%') return null;
    let pct: number;
    try {
      pct = parsePercentage(value);
    } catch (e) {
      throw new Error(`${where(flag, signal, value)}: ${(e as Error).message}`);
    }
    if (pct < 0) throw new Error(`${where(flag, signal, value)}: eviction percentage threshold must be >= 0%`);
    if (pct > 1) throw new Error(`${where(flag, signal, value)}: eviction percentage threshold must be <= 100%`);
    return { ...base, quantity: null, percentage: pct };
  }
  const q = quantityOf(flag, signal, value);
  if (parseQuantity(value).num <= 0n) throw new Error(`${where(flag, signal, value)}: eviction threshold must be positive`);
  return { ...base, quantity: q, percentage: null };
}

function parseStatements(flag: string, statements: Readonly<Record<string, string>> | undefined): EvictionThreshold[] {
  const out: EvictionThreshold[] = [];
  for (const [signal, value] of Object.entries(statements ?? {})) {
    const t = parseThresholdStatement(flag, signal, value);
    if (t) out.push(t);
  }
  return out;
}

/**
 * helpers.go ParseThresholdConfig: hard thresholds, then soft ones (each needs a grace period),
 * min-reclaim attached by signal to both, and with "pods" in allocatableConfig a copy of every hard
 * memory.available threshold for allocatableMemory.available. Throws an Error naming the flag,
 * signal and value for unknown signals, negative or zero quantities, percentages outside
 * 0..100 %, a soft threshold without a grace period, negative grace periods and negative
 * min-reclaims (a 0% min-reclaim is an error too; a 0% / 100% threshold is dropped).
 */
export function parseThresholdConfig(cfg: ThresholdConfig): EvictionThreshold[] {
  const hard = parseStatements('evictionHard', cfg.evictionHard);
  const soft = parseStatements('evictionSoft', cfg.evictionSoft);

  const grace = new Map<EvictionSignal, number>();
  for (const [signal, value] of Object.entries(cfg.evictionSoftGracePeriod ?? {})) {
    const sig = checkSignal('evictionSoftGracePeriod', signal);
    let ms: number;
    try {
      ms = parseGoDuration(value);
    } catch (e) {
      throw new Error(`${where('evictionSoftGracePeriod', signal, value)}: ${(e as Error).message}`);
    }
    if (ms < 0) throw new Error(`${where('evictionSoftGracePeriod', signal, value)}: grace period must not be negative`);
    grace.set(sig, ms);
  }

  const reclaim = new Map<EvictionSignal, { minReclaim: number; minReclaimPercentage: number | null }>();
  for (const [signal, value] of Object.entries(cfg.evictionMinimumReclaim ?? {})) {
    const sig = checkSignal('evictionMinimumReclaim', signal);
    const at = where('evictionMinimumReclaim', signal, value);
    if (value.endsWith('%')) {
      let pct: number;
      try {
        pct = parsePercentage(value);
      } catch (e) {
        throw new Error(`${at}: ${(e as Error).message}`);
      }
      if (pct <= 0) throw new Error(`${at}: eviction percentage minimum reclaim must be positive`);
      reclaim.set(sig, { minReclaim: 0, minReclaimPercentage: pct });
    } else {
      const q = quantityOf('evictionMinimumReclaim', signal, value);
      if (parseQuantity(value).num < 0n) throw new Error(`${at}: negative eviction minimum reclaim`);
      reclaim.set(sig, { minReclaim: q, minReclaimPercentage: null });
    }
  }

  const softWithGrace = soft.map((t) => {
    const ms = grace.get(t.signal);
    if (ms === undefined) {
      throw new Error(`evictionSoft["${t.signal}"]: grace period must be specified in evictionSoftGracePeriod`);
    }
    return { ...t, gracePeriodMs: ms };
  });
  let results: EvictionThreshold[] = [...hard, ...softWithGrace].map((t) => ({ ...t, ...(reclaim.get(t.signal) ?? {}) }));
  if ((cfg.allocatableConfig ?? []).includes('pods')) {
    const copies = results
      .filter((t) => t.signal === 'memory.available' && isHardEvictionThreshold(t))
      .map((t) => ({ ...t, signal: 'allocatableMemory.available' as const }));
    results = [...results, ...copies];
  }
  return results;
}

/** helpers.go isHardEvictionThreshold. */
export function isHardEvictionThreshold(t: EvictionThreshold): boolean {
  return t.gracePeriodMs === 0;
}

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
  const found = new Set(thresholds.map((t) => SIGNAL_CONDITION[t.signal]));
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

/** process: more processes first. */
export const process: Comparator<{ readonly processCount: number | null }> = (a, b) => {
  if (a.processCount === null || b.processCount === null) return cmpBool(a.processCount === null, b.processCount === null);
  return sign(b.processCount - a.processCount);
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

/** helpers.go rankPIDPressure: orderedBy(priority, process), ties by name. */
export function rankPIDPressure<T extends { name: string; priority: number; processCount: number | null }>(pods: readonly T[]): T[] {
  return [...pods].sort(orderedBy<T>(priority, process, byName));
}
