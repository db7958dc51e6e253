// A/B comparison of two runs of one scenario (A as written, B with --set overrides), as figures
// (pure): the summary figures side by side with their difference (compare.csv, the terminal
// table), the order "most changed first", and which workloads kept their figures but not their
// timelines. compare.ts draws compare.html from these.
import type { SimResult, WorkloadResult } from '../sim/result.js';
import { LABELS, rolloutText, seconds } from './figures.js';
import { keyOf } from './html-summary.js';
import { type Step, workloadSteps } from './series.js';
import { type SummaryRow, round3, summarize } from './summary.js';
import type { Table } from './tables.js';
import { textTable } from './text-table.js';

/** The compared figures: CSV column stem, SummaryRow field, whether more is better (the labels are LABELS'). */
export const FIGURES = [
  { col: 'desired', field: 'desired', higherIsBetter: null, label: LABELS.desired.long },
  { col: 'lowest_available', field: 'lowestAvailable', higherIsBetter: true, label: LABELS.lowestAvailable.long },
  { col: 'pdb_min_healthy', field: 'pdbMinHealthy', higherIsBetter: null, label: LABELS.pdbMinHealthy.long },
  { col: 'availability_pct', field: 'availabilityPct', higherIsBetter: true, label: LABELS.availabilityPct.long },
  { col: 'seconds_below_desired', field: 'secondsBelowDesired', higherIsBetter: false, label: LABELS.secondsBelowDesired.long },
  { col: 'seconds_below_pdb', field: 'secondsBelowPdb', higherIsBetter: false, label: LABELS.secondsBelowPdb.long },
  { col: 'rollout_seconds', field: 'rolloutSeconds', higherIsBetter: false, label: LABELS.rolloutSeconds.long },
  { col: 'evictions', field: 'evictions', higherIsBetter: false, label: LABELS.evictions.long },
  { col: 'oom_kills', field: 'oomKills', higherIsBetter: false, label: LABELS.oomKills.long },
  { col: 'max_pending', field: 'maxPending', higherIsBetter: false, label: LABELS.maxPending.long },
] as const;

export type Figure = (typeof FIGURES)[number];

export interface CompareRow {
  readonly namespace: string;
  readonly workload: string;
  /** Null when the workload exists in only one of the runs. */
  readonly a: SummaryRow | null;
  readonly b: SummaryRow | null;
}

const cmpText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** One row per workload of A (in A's order), then the ones only B has. */
export function compareRows(a: SimResult, b: SimResult): CompareRow[] {
  const sa = summarize(a);
  const sb = new Map(summarize(b).map((s) => [keyOf(s), s]));
  const rows: CompareRow[] = sa.map((x) => ({ namespace: x.namespace, workload: x.workload, a: x, b: sb.get(keyOf(x)) ?? null }));
  const seen = new Set(sa.map(keyOf));
  for (const [k, y] of sb) if (!seen.has(k)) rows.push({ namespace: y.namespace, workload: y.workload, a: null, b: y });
  return rows;
}

/**
 * B − A for one figure, rounded to 3 decimals (figures are in ms/1000 or percent to 3 decimals,
 * so this only removes float noise). Null when either side is missing, and for rollout_seconds
 * unless both rollouts finished (an empty or -1 cell has no meaningful difference).
 */
export function delta(f: Figure, a: SummaryRow | null, b: SummaryRow | null): number | null {
  if (!a || !b) return null;
  const x = a[f.field];
  const y = b[f.field];
  if (x === null || y === null) return null;
  if (f.field === 'rolloutSeconds' && (x < 0 || y < 0)) return null;
  const d = round3(y - x);
  return Object.is(d, -0) ? 0 : d;
}

/** Whether anything about the workload differs between A and B. */
export function changed(r: CompareRow): boolean {
  if (!r.a || !r.b) return true;
  return r.a.rolloutStatus !== r.b.rolloutStatus || r.a.cause !== r.b.cause || FIGURES.some((f) => r.a![f.field] !== r.b![f.field]);
}

/** Most changed first: the biggest |Δ| of availability, then time below PDB, below desired, … then name. */
export function byChange(rows: readonly CompareRow[]): CompareRow[] {
  const by = (c: Figure['col']): Figure => FIGURES.find((f) => f.col === c)!;
  const order: Figure[] = (
    ['availability_pct', 'seconds_below_pdb', 'seconds_below_desired', 'oom_kills', 'evictions', 'rollout_seconds', 'max_pending', 'lowest_available', 'pdb_min_healthy', 'desired'] as const
  ).map(by);
  const size = (r: CompareRow, f: Figure): number => Math.abs(delta(f, r.a, r.b) ?? 0);
  return [...rows].sort((p, q) => {
    if (changed(p) !== changed(q)) return changed(p) ? -1 : 1;
    for (const f of order) {
      const d = size(q, f) - size(p, f);
      if (d !== 0) return d;
    }
    return cmpText(keyOf(p), keyOf(q));
  });
}

/** compare.csv: namespace, workload, then <figure>_a, <figure>_b, <figure>_delta per figure, then the rollout statuses and causes. */
export function compareTable(rows: readonly CompareRow[]): Table {
  const header = ['namespace', 'workload'];
  for (const f of FIGURES) header.push(`${f.col}_a`, `${f.col}_b`, `${f.col}_delta`);
  header.push('rollout_status_a', 'rollout_status_b', 'cause_a', 'cause_b');
  return {
    header,
    rows: rows.map((r) => {
      const cells: (string | number | null)[] = [r.namespace, r.workload];
      for (const f of FIGURES) cells.push(r.a ? r.a[f.field] : null, r.b ? r.b[f.field] : null, delta(f, r.a, r.b));
      cells.push(r.a?.rolloutStatus ?? null, r.b?.rolloutStatus ?? null, r.a?.cause ?? null, r.b?.cause ?? null);
      return cells;
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// terminal

const plain = (f: Figure, s: SummaryRow | null): string => {
  if (!s) return '–';
  if (f.field === 'rolloutSeconds') return rolloutText(s);
  if (f.field === 'secondsBelowPdb' && s.pdbMinHealthy === null && s.secondsBelowPdb === 0) return '—';
  if (f.field === 'secondsBelowDesired' || f.field === 'secondsBelowPdb') return seconds(s[f.field]);
  if (f.field === 'pdbMinHealthy') return s.pdbMinHealthy === null ? '—' : String(s.pdbMinHealthy);
  return String(s[f.field]);
};

/** "N workload(s) with the same figures but different timelines (see compare.html): a, b, …" ('' for none). */
export function sameFiguresNote(moved: readonly string[], where = 'see compare.html'): string {
  if (moved.length === 0) return '';
  return `${moved.length} workload${moved.length === 1 ? '' : 's'} with the same figures but different timelines (${where}): ${moved.slice(0, 8).join(', ')}${moved.length > 8 ? ', …' : ''}`;
}

/** Why B was below desired, beside A's when it differs: "A: … → B: …". */
export function whyChange(r: CompareRow): string {
  const x = r.a?.why ?? '';
  const y = r.b?.why ?? '';
  if (x === y) return x;
  return `A: ${x || 'never below desired'} → B: ${y || 'never below desired'}`;
}

/** The compact delta table printed by `headroom compare`: changed workloads, "A → B" per figure, then why. */
export function compareText(rows: readonly CompareRow[], max = 25, moved: readonly string[] = []): string {
  const shown = byChange(rows).filter(changed);
  // desired when it changed; what the PDB needs whenever a workload shown has a PDB.
  const figs = FIGURES.filter((f) =>
    f.field === 'desired' ? shown.some((r) => r.a?.desired !== r.b?.desired) : f.field === 'pdbMinHealthy' ? shown.some((r) => (r.a ?? r.b)?.pdbMinHealthy != null) : true,
  );
  const movedNote = sameFiguresNote(moved);
  if (shown.length === 0) return [`No workload's figures changed (${rows.length} workloads compared).`, movedNote].filter(Boolean).join('\n');
  const cell = (f: Figure, r: CompareRow): string => {
    const x = plain(f, r.a);
    const y = plain(f, r.b);
    return x === y ? x : `${x} → ${y}`;
  };
  const listed = shown.slice(0, max);
  const table = textTable(
    ['workload', ...figs.map((f) => LABELS[f.field].short)],
    listed.map((r) => [keyOf(r), ...figs.map((f) => cell(f, r))]),
  );
  const out = [table];
  if (shown.length > max) out.push(`… ${shown.length - max} more changed workloads in compare.csv`);
  const whys = listed.filter((r) => whyChange(r));
  if (whys.length) {
    const w = Math.max(...whys.map((r) => keyOf(r).length));
    out.push('', 'Why below desired:');
    for (const r of whys) out.push(`  ${keyOf(r).padEnd(w)}  ${whyChange(r)}`);
    out.push('');
  }
  if (movedNote) out.push(movedNote);
  const same = rows.length - shown.length - moved.length;
  if (same > 0) out.push(`${same} workload${same === 1 ? '' : 's'} unchanged`);
  return out.join('\n');
}

/** Whether two step functions are the same function (samples where nothing changed ignored). */
export function sameSteps(a: readonly Step[], b: readonly Step[]): boolean {
  const changes = (s: readonly Step[]) => s.filter((p, i) => i === 0 || p[1] !== s[i - 1][1]);
  const x = changes(a);
  const y = changes(b);
  return x.length === y.length && x.every(([t, v], i) => y[i][0] === t && y[i][1] === v);
}

const TIMELINE_FIELDS = ['desired', 'available', 'ready', 'updated', 'pending', 'terminating'] as const;

/**
 * Whether a workload's timeline differs between the runs even if its summary figures do not
 * (e.g. pods go pending 4 min earlier with tolerationSeconds 30, but stay pending either way).
 */
export function timelinesDiffer(wa: WorkloadResult | null, wb: WorkloadResult | null): boolean {
  if (!wa || !wb) return wa !== wb;
  return TIMELINE_FIELDS.some((f) => !sameSteps(workloadSteps(wa, f), workloadSteps(wb, f)));
}

/** Keys of the workloads whose figures are equal in A and B but whose timelines are not. */
export function movedOnly(a: SimResult, b: SimResult, rows: readonly CompareRow[]): string[] {
  const wb = new Map(b.workloads.map((w) => [w.key, w]));
  const wa = new Map(a.workloads.map((w) => [w.key, w]));
  return rows.filter((r) => !changed(r) && timelinesDiffer(wa.get(keyOf(r)) ?? null, wb.get(keyOf(r)) ?? null)).map(keyOf);
}

