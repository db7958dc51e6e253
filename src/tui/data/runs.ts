// A finished run as the screens see it — the result plus its headline figures, indexed — and
// A against B with the same rows, order and "same figures, different timelines" as `headroom
// compare` (src/report/compare.ts). Pure.
import { type CompareRow, byChange, changed, compareRows, movedOnly } from '../../report/compare-rows.js';
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
  /** A duration in seconds (shown as 14m05s). */
  readonly seconds?: boolean;
}

/** Cluster-wide deltas, in display order. */
export function totalDeltas(a: Run, b: Run): Delta[] {
  const ta = totals(a);
  const tb = totals(b);
  return [
    { label: 'worst avail %', a: ta.worstPct, b: tb.worstPct, better: 1 },
    { label: 'mean avail %', a: ta.availabilityPct, b: tb.availabilityPct, better: 1 },
    { label: 'below PDB', a: ta.secondsBelowPdb, b: tb.secondsBelowPdb, better: -1, seconds: true },
    { label: 'below desired', a: ta.secondsBelowDesired, b: tb.secondsBelowDesired, better: -1, seconds: true },
    { label: 'evicted', a: ta.evictions, b: tb.evictions, better: -1 },
    { label: 'longest rollout', a: ta.longestRollout, b: tb.longestRollout, better: -1, seconds: true },
    { label: 'unfinished rollouts', a: ta.unfinishedRollouts, b: tb.unfinishedRollouts, better: -1 },
    { label: 'max pending', a: ta.maxPending, b: tb.maxPending, better: -1 },
    { label: 'OOM kills', a: ta.oomKills, b: tb.oomKills, better: -1 },
  ];
}

/** A against B: the rows most changed first, and the workloads whose figures are equal but timelines not. */
export interface Comparison {
  readonly rows: readonly CompareRow[];
  readonly moved: ReadonlySet<string>;
}

/** The rows most changed first, then those whose timelines moved, then the unchanged ones. */
export function compareRuns(a: Run, b: Run): Comparison {
  const rows = compareRows(a.result, b.result);
  const moved = new Set(movedOnly(a.result, b.result, rows));
  const sorted = byChange(rows);
  const rank = (r: CompareRow) => (changed(r) ? 0 : moved.has(`${r.namespace}/${r.workload}`) ? 1 : 2);
  return { rows: sorted.map((r, i) => ({ r, i })).sort((x, y) => rank(x.r) - rank(y.r) || x.i - y.i).map((x) => x.r), moved };
}
