// A finished run as the screens see it: the result plus its headline figures, indexed (pure).
import { summarize, worstFirst, type SummaryRow } from '../../report/summary.js';
import type { SimResult, WorkloadResult } from '../../sim/result.js';

export interface Run {
  readonly result: SimResult;
  /** Headline figures by workload key (`namespace/name`). */
  readonly summary: ReadonlyMap<string, SummaryRow>;
  /** Workload keys, worst first. */
  readonly worstFirst: readonly string[];
  /** The `--set` overrides this run was made with (the what-if), as given. */
  readonly sets: readonly string[];
  /** Wall time of the simulation, ms. */
  readonly wallMs: number;
}

export const keyOf = (s: { namespace: string; workload: string }): string => `${s.namespace}/${s.workload}`;

export function makeRun(result: SimResult, sets: readonly string[], wallMs: number): Run {
  const rows = summarize(result);
  return {
    result,
    summary: new Map(rows.map((r) => [keyOf(r), r])),
    worstFirst: worstFirst(rows).map(keyOf),
    sets,
    wallMs,
  };
}

export function workloadOf(run: Run, key: string): WorkloadResult | undefined {
  return run.result.workloads.find((w) => w.key === key);
}

/** Cluster-wide headline figures of a run. */
export interface Totals {
  /** Mean availability over workloads, %. */
  readonly availabilityPct: number;
  /** Lowest availability of any workload, %. */
  readonly worstPct: number;
  readonly secondsBelowPdb: number;
  readonly secondsBelowDesired: number;
  readonly evictions: number;
  readonly oomKills: number;
  readonly maxPending: number;
  /** Workloads whose rollout did not finish. */
  readonly unfinishedRollouts: number;
  /** The longest finished rollout, seconds (0 without one). */
  readonly longestRollout: number;
}

export function totals(run: Run): Totals {
  const rows = [...run.summary.values()];
  const sum = (f: (r: SummaryRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  return {
    availabilityPct: rows.length ? sum((r) => r.availabilityPct) / rows.length : 100,
    worstPct: rows.length ? Math.min(...rows.map((r) => r.availabilityPct)) : 100,
    secondsBelowPdb: sum((r) => r.secondsBelowPdb),
    secondsBelowDesired: sum((r) => r.secondsBelowDesired),
    evictions: sum((r) => r.evictions),
    oomKills: sum((r) => r.oomKills),
    maxPending: rows.length ? Math.max(...rows.map((r) => r.maxPending)) : 0,
    unfinishedRollouts: rows.filter((r) => r.rolloutSeconds !== null && r.rolloutSeconds < 0).length,
    longestRollout: Math.max(0, ...rows.map((r) => r.rolloutSeconds ?? 0)),
  };
}

/** One headline figure before (A) and after (B). */
export interface Delta {
  readonly label: string;
  readonly a: number;
  readonly b: number;
  /** +1 when a higher value is better, -1 when lower is better. */
  readonly better: 1 | -1;
}

/** Cluster-wide deltas, in display order. */
export function totalDeltas(a: Run, b: Run): Delta[] {
  const ta = totals(a);
  const tb = totals(b);
  return [
    { label: 'mean avail %', a: ta.availabilityPct, b: tb.availabilityPct, better: 1 },
    { label: 'worst avail %', a: ta.worstPct, b: tb.worstPct, better: 1 },
    { label: 's below PDB', a: ta.secondsBelowPdb, b: tb.secondsBelowPdb, better: -1 },
    { label: 's below desired', a: ta.secondsBelowDesired, b: tb.secondsBelowDesired, better: -1 },
    { label: 'evictions', a: ta.evictions, b: tb.evictions, better: -1 },
    { label: 'longest rollout s', a: ta.longestRollout, b: tb.longestRollout, better: -1 },
    { label: 'unfinished rollouts', a: ta.unfinishedRollouts, b: tb.unfinishedRollouts, better: -1 },
    { label: 'max pending', a: ta.maxPending, b: tb.maxPending, better: -1 },
    { label: 'OOM kills', a: ta.oomKills, b: tb.oomKills, better: -1 },
  ];
}

/** Per-workload A/B rows for the compare table, the most changed first. */
export interface WorkloadDelta {
  readonly key: string;
  readonly a: SummaryRow;
  readonly b: SummaryRow | undefined;
  /** A size of the change, for sorting (0 = nothing changed). */
  readonly change: number;
}

export function workloadDeltas(a: Run, b: Run): WorkloadDelta[] {
  const out: WorkloadDelta[] = [];
  for (const key of a.worstFirst) {
    const ra = a.summary.get(key)!;
    const rb = b.summary.get(key);
    const change = rb
      ? Math.abs(ra.availabilityPct - rb.availabilityPct) * 100 +
        Math.abs(ra.secondsBelowPdb - rb.secondsBelowPdb) +
        Math.abs(ra.secondsBelowDesired - rb.secondsBelowDesired) / 10 +
        Math.abs(ra.evictions - rb.evictions) * 10 +
        Math.abs(ra.lowestAvailable - rb.lowestAvailable) * 10 +
        Math.abs((ra.rolloutSeconds ?? 0) - (rb.rolloutSeconds ?? 0)) +
        Math.abs(ra.desired - rb.desired) * 10
      : Infinity;
    out.push({ key, a: ra, b: rb, change });
  }
  // Stable: equal changes keep A's worst-first order.
  return out.map((d, i) => ({ d, i })).sort((x, y) => y.d.change - x.d.change || x.i - y.i).map((x) => x.d);
}
