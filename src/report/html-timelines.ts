// report.html's availability timelines: a chart per workload whose pods changed, worst first
// (at most MAX_WORKLOAD_CHARTS), with a close-up of its worst stretch; the steady ones listed.
import { formatDuration } from '../model/duration.js';
import type { SimResult, WorkloadResult } from '../sim/result.js';
import { availabilityChart, isSteady, zoomWindow } from './report-charts.js';
import { desiredUnit, jobText, kindTag } from './figures.js';
import { eventKey, fmtNum, scenarioMarkers } from './page.js';
import type { SummaryRow } from './summary.js';
import { esc } from './svg.js';
import { keyOf, rolloutCell } from './html-summary.js';

export const MAX_WORKLOAD_CHARTS = 40;

const TIMELINE_NOTE =
  'Lines: <b>desired</b> (a wide grey band), <b>available</b> (thick blue), <b>ready</b> (green, short dashes), the healthy pods the <b>PDB needs</b> (vermillion, dash-dot). Hatched areas: <b>pending</b> pods (orange, diagonal) and, stacked on them, <b>terminating</b> pods still holding node resources (purple, dotted). Numbered flags mark the scenario’s events (hover for details).';

export function timelinesSection(r: SimResult, rows: readonly SummaryRow[]): string {
  const byKey = new Map(r.workloads.map((w) => [w.key, w]));
  const ordered = rows.map((x) => byKey.get(keyOf(x))!).filter(Boolean);
  const changing = ordered.filter((w) => !isSteady(w));
  const steady = ordered.filter((w) => isSteady(w));
  const drawn = changing.slice(0, MAX_WORKLOAD_CHARTS);
  const markers = scenarioMarkers(r.scenario);
  const summaryOf = new Map(rows.map((x) => [keyOf(x), x]));
  const figures = drawn.map((w, i) => {
    const x = summaryOf.get(w.key)!;
    const fig = x.job
      ? `Job · ${jobText(x.job)}` + (x.pdbMinHealthy !== null ? ` · PDB needs ${x.pdbMinHealthy}` : '')
      : `${kindTag(x.kind) ? `${kindTag(x.kind)} · ` : ''}availability ${fmtNum(x.availabilityPct)} % · lowest available ${x.lowestAvailable} of ${x.desired}${desiredUnit(x.kind) ? ` ${desiredUnit(x.kind)}` : ''}` +
        (x.pdbMinHealthy !== null ? ` · PDB needs ${x.pdbMinHealthy}` : '') +
        (x.rolloutSeconds !== null ? ` · rollout ${rolloutCell(x)}` : '');
    const zoom = zoomWindow(w, r.durationMs);
    const close = zoom
      ? `<p class="zoom">Close-up ${formatDuration(zoom.fromMs)}–${formatDuration(zoom.toMs)}</p>${availabilityChart(w, r.durationMs, markers, `w${i}z`, zoom)}`
      : '';
    const why = x.why ? `<br><span class="why">${esc(x.why)}</span>` : '';
    return `<figure id="w-${i}"><figcaption><b>${esc(w.key)}</b><span class="fig">${fig}</span>${why}</figcaption>${availabilityChart(w, r.durationMs, markers, `w${i}`)}${close}</figure>`;
  });
  const notes: string[] = [];
  if (changing.length > drawn.length) notes.push(`Showing the ${drawn.length} worst of ${changing.length} workloads whose pods changed; the rest are in timeline.csv.`);
  if (steady.length) notes.push(`${steady.length} workload${steady.length === 1 ? '' : 's'} stayed unchanged for the whole run (no chart): ${steadyList(steady)}.`);
  if (changing.length === 0 && steady.length === 0) notes.push('No workload changed during the run.');
  return `<h2 id="timelines">Availability timelines</h2>
<p class="note">${TIMELINE_NOTE}</p>
${eventKey(r.scenario)}
${notes.map((n) => `<p class="note">${n}</p>`).join('\n')}
<div class="grid">
${figures.join('\n')}
</div>`;
}

export function steadyList(ws: readonly WorkloadResult[], max = 30): string {
  const shown = ws.slice(0, max).map((w) => {
    const last = w.samples[w.samples.length - 1];
    return `${esc(w.key)}${last ? ` (${last.available}/${last.desired})` : ''}`;
  });
  return shown.join(', ') + (ws.length > max ? ` and ${ws.length - max} more` : '');
}
