// The terminal summary `headroom run` prints (pure): the headline figures, worst first, as an
// aligned table; then why each workload shown was below desired, and the causes of the whole
// run in a few lines — the answer of the run without opening a file.
import type { SimResult } from '../sim/result.js';
import { LABELS, causeGroups, groupText, jobText, pdbText, rolloutText, seconds } from './figures.js';
import { type SummaryRow, summarize, worstFirst } from './summary.js';
import { textTable } from './text-table.js';

/** Rows the terminal summary shows; the rest are counted (report.html and summary.csv have all). */
export const SUMMARY_TEXT_ROWS = 25;

const COLUMNS = [
  'workload',
  'desired',
  'lowestAvailable',
  'pdbMinHealthy',
  'availabilityPct',
  'secondsBelowDesired',
  'secondsBelowPdb',
  'rolloutSeconds',
  'evictions',
  'oomKills',
  'maxPending',
] as const satisfies readonly (keyof typeof LABELS)[];

function cells(s: SummaryRow): (string | number)[] {
  return [
    s.key,
    s.desired,
    s.lowestAvailable,
    // A number column (right-aligned) with an empty cell where there is no PDB.
    s.pdbMinHealthy ?? pdbText(s),
    s.availabilityPct,
    seconds(s.secondsBelowDesired),
    // No PDB, nothing to be below.
    s.pdbMinHealthy === null && s.secondsBelowPdb === 0 ? '' : seconds(s.secondsBelowPdb),
    rolloutText(s),
    s.evictions,
    s.oomKills,
    s.maxPending,
  ];
}

/** The headline figures, worst first, of at most `max` workloads, with why they were below desired. */
export function summaryText(r: SimResult, max = SUMMARY_TEXT_ROWS): string {
  const all = worstFirst(summarize(r));
  const shown = all.slice(0, max);
  const table = textTable(
    COLUMNS.map((c) => LABELS[c].short),
    shown.map(cells),
    // Durations read like numbers: right-aligned.
    [5, 6, 7],
  );
  const out = [table];
  const rest = all.slice(max);
  if (rest.length > 0) {
    const lowest = Math.min(...rest.map((s) => s.availabilityPct));
    out.push(`… and ${rest.length} more workloads, ${lowest >= 100 ? 'all at 100 % availability' : `the lowest at ${lowest} %`}`);
  }
  const below = shown.filter((s) => s.why);
  if (below.length > 0) {
    const w = Math.max(...below.map((s) => s.namespace.length + 1 + s.workload.length));
    out.push('', 'Why below desired (the longest reason; summary.csv `cause`):');
    for (const s of below) out.push(`  ${s.key.padEnd(w)}  ${s.why}`);
  }
  // Jobs in their own words: completions and how they ended (only when the run has Jobs).
  const jobs = all.filter((s) => s.job);
  if (jobs.length > 0) {
    const w = Math.max(...jobs.map((s) => s.key.length));
    out.push('', 'Jobs:');
    for (const s of jobs.slice(0, max)) out.push(`  ${s.key.padEnd(w)}  ${jobText(s.job!)}`);
    if (jobs.length > max) out.push(`  … and ${jobs.length - max} more (summary.csv)`);
  }
  const groups = causeGroups(all);
  if (groups.length > 0) {
    out.push('', 'Causes:');
    for (const g of groups) out.push(`  ${groupText(g)}`);
  }
  return out.join('\n');
}
