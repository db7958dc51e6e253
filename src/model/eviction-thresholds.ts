// Eviction thresholds as the kubelet is configured with them, after pkg/kubelet/eviction/
// helpers.go (ParseThresholdConfig, parseThresholdStatement, parsePercentage) and
// pkg/kubelet/eviction/api/types.go (signals). Pure: the scenario loader validates `cluster:`
// with it and the eviction manager acts on its result. Times are ms.
import { parseBytes, parseQuantity, QuantityError } from './quantity.js';
import type { EvictionSignal, EvictionThreshold } from './scenario.js';

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

/** The node condition a signal's pressure sets (signalToNodeCondition). */
export function signalCondition(s: EvictionSignal): NodePressureCondition {
  return SIGNAL_CONDITION[s];
}

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
