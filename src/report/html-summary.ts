// report.html's headline table: one row per workload, worst first (summary.ts), its figures,
// flags and the reason it was below desired; the worst MAX_SUMMARY_ROWS shown, the rest folded.
import { LABELS, causeText, jobText, kindTag } from './figures.js';
import { fmtNum, fmtSeconds } from './page.js';
import type { SummaryRow } from './summary.js';
import { esc } from './svg.js';

export const MAX_SUMMARY_ROWS = 100;

export const keyOf = (s: { namespace: string; workload: string; key?: string }): string => s.key ?? `${s.namespace}/${s.workload}`;

/** Rollout cell: seconds, "stalled" (progress deadline exceeded) or "not finished". */
export function rolloutCell(x: SummaryRow): string {
  if (x.rolloutSeconds === null) return '—';
  if (x.rolloutSeconds < 0) return x.rolloutStatus === 'stalled' ? 'stalled' : 'not finished';
  return fmtSeconds(x.rolloutSeconds);
}

function flags(x: SummaryRow): string[] {
  const out: string[] = [];
  // A Job's outcome in its own words (its progress is completions, not availability).
  if (x.job) out.push(`<span class="tag${x.job.condition === 'Failed' ? ' bad' : x.job.condition === null ? ' warn' : ''}">${esc(jobText(x.job))}</span>`);
  if (x.secondsBelowPdb > 0) out.push('<span class="tag bad">below PDB</span>');
  if (x.rolloutStatus === 'stalled' || x.rolloutStatus === 'in-progress') out.push(`<span class="tag bad">rollout ${x.rolloutStatus === 'stalled' ? 'stalled' : 'unfinished'}</span>`);
  if (x.oomKills > 0) out.push('<span class="tag bad">OOM</span>');
  if (x.evictions > 0) out.push('<span class="tag warn">evicted</span>');
  if (x.maxPending > 0) out.push('<span class="tag warn">pending</span>');
  return out;
}

const rowClass = (x: SummaryRow): string =>
  x.secondsBelowPdb > 0 || x.oomKills > 0 || x.rolloutStatus === 'stalled' || x.rolloutStatus === 'in-progress' || x.job?.condition === 'Failed'
    ? 'bad'
    : x.availabilityPct < 100 || x.evictions > 0
      ? 'warn'
      : '';

const L = LABELS;
const SUMMARY_HEAD =
  `<th class="t">${L.workload.long}</th><th>${L.desired.long}</th><th>${L.lowestAvailable.long}</th><th>${L.pdbMinHealthy.long}</th><th>${L.availabilityPct.long}</th>` +
  `<th>${L.secondsBelowDesired.long}</th><th>${L.secondsBelowPdb.long}</th><th>${L.rolloutSeconds.long}</th><th>${L.evictions.long}</th><th>${L.oomKills.long}</th><th>${L.maxPending.long}</th>`;

function summaryRow(x: SummaryRow): string {
  const cls = rowClass(x);
  // Why it was below desired: a line of its own under the figures, across the table.
  const why = x.why ? `\n<tr class="whyrow${cls ? ` ${cls}` : ''}"><td class="t" colspan="${SUMMARY_COLUMNS}" title="cause: ${esc(causeText(x))}">↳ ${esc(x.why)}</td></tr>` : '';
  return (
    `<tr${cls ? ` class="${cls}${x.why ? ' haswhy' : ''}"` : x.why ? ' class="haswhy"' : ''}><td class="t">${esc(keyOf(x))}${kindTag(x.kind) ? ` <span class="tag">${kindTag(x.kind)}</span>` : ''}</td><td>${x.desired}</td><td>${x.lowestAvailable}</td><td>${x.pdbMinHealthy ?? '—'}</td><td class="avail">${fmtNum(x.availabilityPct)}</td>` +
    `<td>${fmtSeconds(x.secondsBelowDesired)}</td><td>${x.pdbMinHealthy === null && x.secondsBelowPdb === 0 ? '—' : fmtSeconds(x.secondsBelowPdb)}</td><td>${rolloutCell(x)}</td>` +
    `<td>${x.evictions}</td><td>${x.oomKills}</td><td>${x.maxPending}</td><td class="t flags">${flags(x).join(' ')}</td></tr>${why}`
  );
}

/** The summary table's columns: the figures and the flags. */
const SUMMARY_COLUMNS = 12;

const summaryTableHtml = (rows: readonly SummaryRow[]): string =>
  `<div class="wide"><table class="summary"><thead><tr>${SUMMARY_HEAD}<th class="t">flags</th></tr></thead>
<tbody>
${rows.map(summaryRow).join('\n')}
</tbody></table></div>`;

export function summarySection(rows: readonly SummaryRow[]): string {
  const first = rows.slice(0, MAX_SUMMARY_ROWS);
  const rest = rows.slice(MAX_SUMMARY_ROWS);
  const more = rest.length
    ? `<details><summary>The other ${rest.length} workloads<span class="count">availability ${fmtNum(rest[0].availabilityPct)} % and up</span></summary>
${summaryTableHtml(rest)}
</details>`
    : '';
  return `<h2 id="summary">Headline figures per workload (worst first)</h2>
<p class="note">“Lowest available” is the fewest available pods at any time of the run; “PDB needs” is the healthy pods the PodDisruptionBudget requires (its status.desiredHealthy: minAvailable, or the expected pods minus maxUnavailable; — without a PDB). Availability is the time-weighted mean of available ÷ desired pods over the run (capped at 100 %). “Below desired” and “below PDB” are the total time with fewer available pods than desired, and fewer healthy pods than the PDB requires. Rollout is the time from the first rollout to the Deployment being complete again${
    rows.some((x) => x.kind === 'StatefulSet' || x.kind === 'DaemonSet')
      ? ' (for a StatefulSet or DaemonSet, until <code>kubectl rollout status</code> would say done: its pods ready and updated up to the partition, or every node’s pod updated and available; a DaemonSet’s desired is the nodes it should run on; with OnDelete a rollout never finishes by itself)'
      : ''
  }${
    rows.some((x) => x.kind === 'CloneSet')
      ? ' (for an OpenKruise CloneSet, until the pods above its partition are at the new revision and ready; an in-place update restarts the containers where they run, counted in restarts, instead of new pods)'
      : ''
  }.${
    rows.some((x) => x.job)
      ? ' A Job’s desired is the pods it wants running now — its parallelism, or the completions left, 0 once it has completed or failed —, and its progress is its completions: the flag says how many succeeded and when it completed, or why it failed.'
      : ''
  } Under each workload that was below desired, the longest reason, with when and how many pods. Exact figures are in summary.csv.</p>
${summaryTableHtml(first)}
${more}`;
}
