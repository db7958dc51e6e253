// compare.html: both runs' availability timelines overlaid per workload, the figures A → B with
// their difference, the whole cluster at a glance (pure and deterministic). The figures
// themselves come from compare-rows.ts, re-exported here for the callers of `compare`.
import { formatDuration } from '../model/duration.js';
import type { SimResult, WorkloadResult } from '../sim/result.js';
import { type Marker, OKABE_ITO as C, type Series } from './charts.js';
import { type CompareRow, type Figure, FIGURES, byChange, changed, compareRows, delta, sameSteps, timelinesDiffer, whyChange } from './compare-rows.js';
import { keyOf, rolloutCell } from './html-summary.js';
import { steadyList } from './html-timelines.js';
import { fmtNum, fmtSeconds, page, scenarioSection } from './page.js';
import { STYLE, activeSpan, podsChart, zoomAround } from './report-charts.js';
import { workloadSteps } from './series.js';
import { type SummaryRow, round3, summarize, worstFirst } from './summary.js';
import { esc } from './svg.js';

export * from './compare-rows.js';

export const MAX_COMPARE_CHARTS = 40;
export const MAX_DELTA_ROWS = 200;

/** Event flags of both runs: shared events once ("2"), differing ones as "A2" and "B2". */
export function compareMarkers(a: SimResult, b: SimResult): Marker[] {
  const ea = a.scenario.events;
  const eb = b.scenario.events;
  const out: Marker[] = [];
  const n = Math.max(ea.length, eb.length);
  for (let i = 0; i < n; i++) {
    const x = ea[i];
    const y = eb[i];
    if (x && y && x.atMs === y.atMs && x.label === y.label) {
      out.push({ atMs: x.atMs, tag: String(i + 1), title: `${i + 1}: ${formatDuration(x.atMs)} ${x.label}` });
      continue;
    }
    if (x) out.push({ atMs: x.atMs, tag: `A${i + 1}`, title: `A${i + 1}: ${formatDuration(x.atMs)} ${x.label}` });
    if (y) out.push({ atMs: y.atMs, tag: `B${i + 1}`, title: `B${i + 1}: ${formatDuration(y.atMs)} ${y.label}` });
  }
  return out;
}

const OVERLAY = {
  a: { color: C.blue, width: 2.6 },
  b: { color: C.vermillion, dash: '6 3', width: 2.2 },
  aUpdated: { color: C.sky, dash: '2 2', width: 2.4 },
  bUpdated: { color: C.orange, dash: '8 2 1 2', width: 1.6 },
};

/** The union of both runs' active spans (null when neither changed). */
export function overlaySpan(wa: WorkloadResult | null, wb: WorkloadResult | null): { from: number; to: number } | null {
  const spans = [wa && activeSpan(wa), wb && activeSpan(wb)].filter((x): x is { from: number; to: number } => !!x);
  if (spans.length === 0) return null;
  return { from: Math.min(...spans.map((x) => x.from)), to: Math.max(...spans.map((x) => x.to)) };
}

/**
 * Both runs' available pods over time on one chart, with desired and pending; with a rollout in
 * either run also the pods of the new revision ("updated"), which shows how fast each rolled.
 */
export function overlayChart(
  wa: WorkloadResult | null,
  wb: WorkloadResult | null,
  durationMs: number,
  markers: readonly Marker[],
  id: string,
  window: { fromMs: number; toMs: number } | null = null,
): string {
  const series: Series[] = [];
  const maxOf = (w: WorkloadResult | null, f: 'pending' | 'desired' | 'available' | 'updated'): number => (w ? Math.max(0, ...w.samples.map((s) => s[f])) : 0);
  if (wa && maxOf(wa, 'pending') > 0) series.push({ kind: 'area', label: 'A pending', steps: workloadSteps(wa, 'pending'), color: C.sky, hatch: 'diag' });
  if (wb && maxOf(wb, 'pending') > 0) series.push({ kind: 'area', label: 'B pending', steps: workloadSteps(wb, 'pending'), color: C.orange, hatch: 'rdiag' });
  const da = wa ? workloadSteps(wa, 'desired') : [];
  const db = wb ? workloadSteps(wb, 'desired') : [];
  const sameDesired = sameSteps(da, db);
  if (wa) series.push({ kind: 'line', label: sameDesired ? 'desired' : 'A desired', steps: da, ...STYLE.desired });
  if (wb && !sameDesired) series.push({ kind: 'line', label: 'B desired', steps: db, color: C.grey, dash: '2 3', width: 1.5 });
  const rolled = [wa, wb].some((w) => w && w.rolloutStartedAt >= 0);
  if (rolled && wa) series.push({ kind: 'line', label: 'A updated', steps: workloadSteps(wa, 'updated'), ...OVERLAY.aUpdated });
  if (rolled && wb) series.push({ kind: 'line', label: 'B updated', steps: workloadSteps(wb, 'updated'), ...OVERLAY.bUpdated });
  if (wa) series.push({ kind: 'line', label: 'A available', steps: workloadSteps(wa, 'available'), ...OVERLAY.a });
  if (wb) series.push({ kind: 'line', label: 'B available', steps: workloadSteps(wb, 'available'), ...OVERLAY.b });
  const hi = Math.max(...(['pending', 'desired', 'available', 'updated'] as const).flatMap((f) => [maxOf(wa, f), maxOf(wb, f)]));
  return podsChart(id, `${(wa ?? wb)!.key}: available pods in A and B over time`, series, hi, markers, durationMs, window);
}

/** The difference as "(+8.417)" / "(−11m30s !)", coloured by better/worse in B; '' when none. */
function deltaText(f: Figure, r: CompareRow): string {
  const d = delta(f, r.a, r.b);
  if (d === null || d === 0) return '';
  const better = f.higherIsBetter === null ? null : (d > 0) === f.higherIsBetter;
  const cls = better === null ? 'd' : better ? 'd better' : 'd worse';
  const seconds = f.field === 'secondsBelowDesired' || f.field === 'secondsBelowPdb' || f.field === 'rolloutSeconds';
  const text = seconds ? fmtSeconds(Math.abs(d)) : fmtNum(Math.abs(d));
  return `<br><span class="${cls}" title="${better === null ? 'B − A' : better ? 'better in B' : 'worse in B'}">(${d > 0 ? '+' : '−'}${text}${better === false ? ' !' : ''})</span>`;
}

function figureText(f: Figure, s: SummaryRow | null): string {
  if (!s) return '–';
  switch (f.field) {
    case 'availabilityPct':
      return fmtNum(s.availabilityPct);
    case 'secondsBelowPdb':
      return s.pdbMinHealthy === null && s.secondsBelowPdb === 0 ? '—' : fmtSeconds(s.secondsBelowPdb);
    case 'secondsBelowDesired':
      return fmtSeconds(s[f.field]);
    case 'rolloutSeconds':
      return rolloutCell(s);
    case 'pdbMinHealthy':
      return s.pdbMinHealthy === null ? '—' : String(s.pdbMinHealthy);
    default:
      return String(s[f.field]);
  }
}

/** One cell per figure: the value when equal, else "A → B (Δ)". */
function figureCell(f: Figure, r: CompareRow): string {
  const x = figureText(f, r.a);
  const y = figureText(f, r.b);
  return x === y ? `<td class="same">${x}</td>` : `<td>${x} → <b>${y}</b>${deltaText(f, r)}</td>`;
}

const COMPARE_CSS = `<style>
table.compare td{white-space:nowrap}table.compare td.same{color:var(--muted)}
.d{font-size:.92em}.better{color:#00684a}.worse{color:#a33f00;font-weight:700}
</style>`;

function deltaTable(rows: readonly CompareRow[]): string {
  // desired when it changed; what the PDB needs whenever a workload has a PDB (as the CLI's table).
  const figs = FIGURES.filter((f) =>
    f.field === 'desired' ? rows.some((r) => r.a?.desired !== r.b?.desired) : f.field === 'pdbMinHealthy' ? rows.some((r) => (r.a ?? r.b)?.pdbMinHealthy != null) : true,
  );
  const head = `<tr><th class="t">workload</th>${figs.map((f) => `<th>${f.label}</th>`).join('')}</tr>`;
  // Why below desired, A → B: a line of its own under the figures, across the table.
  const why = (r: CompareRow) => (whyChange(r) ? `\n<tr class="whyrow"><td class="t" colspan="${figs.length + 1}">↳ ${esc(whyChange(r))}</td></tr>` : '');
  const body = rows.map((r) => `<tr${whyChange(r) ? ' class="haswhy"' : ''}><td class="t">${esc(keyOf(r))}</td>${figs.map((f) => figureCell(f, r)).join('')}</tr>${why(r)}`).join('\n');
  return `<div class="wide"><table class="compare"><thead>${head}</thead><tbody>\n${body}\n</tbody></table></div>`;
}

function glanceTable(a: SimResult, b: SimResult): string {
  const figures = (r: SimResult) => {
    const rows = worstFirst(summarize(r));
    return [
      ['workloads below desired at some time', rows.filter((x) => x.secondsBelowDesired > 0).length, false],
      ['workloads below their PDB', rows.filter((x) => x.secondsBelowPdb > 0).length, false],
      ['lowest availability %', rows[0]?.availabilityPct ?? 100, true],
      ['total time below desired (all workloads)', round3(rows.reduce((s, x) => s + x.secondsBelowDesired, 0)), false],
      ['pods evicted', rows.reduce((s, x) => s + x.evictions, 0), false],
      ['OOM kills', rows.reduce((s, x) => s + x.oomKills, 0), false],
      ['FailedScheduling events', r.events.filter((e) => e.reason === 'FailedScheduling').length, false],
    ] as const;
  };
  const fa = figures(a);
  const fb = figures(b);
  const body = fa
    .map(([label, x, higher], i) => {
      const y = fb[i][1];
      const d = round3(y - x);
      const worse = d !== 0 && (d > 0) !== higher;
      const cls = d === 0 ? '' : worse ? 'worse' : 'better';
      const f = label.startsWith('total time') ? fmtSeconds : fmtNum;
      return `<tr><td class="t">${label}</td><td>${f(x)}</td><td>${f(y)}</td><td class="${cls}">${d === 0 ? '' : `${d > 0 ? '+' : '−'}${f(Math.abs(d))}${worse ? ' !' : ''}`}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th class="t">whole cluster</th><th>A</th><th>B</th><th>Δ</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function renderCompareHtml(a: SimResult, b: SimResult): string {
  const rows = byChange(compareRows(a, b));
  const changedRows = rows.filter(changed);
  const wa = new Map(a.workloads.map((w) => [w.key, w]));
  const wb = new Map(b.workloads.map((w) => [w.key, w]));
  const markers = compareMarkers(a, b);
  // charts: workloads whose timelines differ, those with changed figures first (most changed first)
  const charted = rows.filter((r) => timelinesDiffer(wa.get(keyOf(r)) ?? null, wb.get(keyOf(r)) ?? null));
  const drawn = charted.slice(0, MAX_COMPARE_CHARTS);
  const figures = drawn.map((r, i) => {
    const x =
      r.a && r.b && !changed(r)
        ? 'same figures, different timelines'
        : r.a && r.b
        ? `availability ${fmtNum(r.a.availabilityPct)} → ${fmtNum(r.b.availabilityPct)} % · lowest available ${r.a.lowestAvailable} → ${r.b.lowestAvailable}` +
          (r.a.pdbMinHealthy !== null || r.b.pdbMinHealthy !== null ? ` · PDB needs ${r.a.pdbMinHealthy ?? '—'}${r.a.pdbMinHealthy === r.b.pdbMinHealthy ? '' : ` → ${r.b.pdbMinHealthy ?? '—'}`}` : '') +
          (r.a.rolloutSeconds !== null || r.b.rolloutSeconds !== null ? ` · rollout ${rolloutCell(r.a)} → ${rolloutCell(r.b)}` : '')
        : '';
    const x1 = wa.get(keyOf(r)) ?? null;
    const x2 = wb.get(keyOf(r)) ?? null;
    const duration = Math.max(a.durationMs, b.durationMs);
    const zoom = zoomAround(overlaySpan(x1, x2), duration);
    const close = zoom
      ? `<p class="zoom">Close-up ${formatDuration(zoom.fromMs)}–${formatDuration(zoom.toMs)}</p>${overlayChart(x1, x2, duration, markers, `o${i}z`, zoom)}`
      : '';
    const why = whyChange(r) ? `<br><span class="why">${esc(whyChange(r))}</span>` : '';
    return `<figure><figcaption><b>${esc(keyOf(r))}</b><span class="fig">${x}</span>${why}</figcaption>${overlayChart(x1, x2, duration, markers, `o${i}`)}${close}</figure>`;
  });
  const notes: string[] = [];
  if (charted.length > drawn.length) notes.push(`Showing the ${drawn.length} most changed of ${charted.length} workloads; the rest are in compare.csv.`);
  const chartedKeys = new Set(charted.map(keyOf));
  const moved = charted.filter((r) => !changed(r));
  if (moved.length) notes.push(`${moved.length} workload${moved.length === 1 ? '' : 's'} had the same figures in A and B but different timelines (charted below): ${moved.slice(0, 30).map((r) => esc(keyOf(r))).join(', ')}${moved.length > 30 ? ', …' : ''}.`);
  const unchanged = rows.filter((r) => !changed(r) && !chartedKeys.has(keyOf(r))).map((r) => wa.get(keyOf(r))!).filter(Boolean);
  if (unchanged.length) notes.push(`${unchanged.length} workload${unchanged.length === 1 ? '' : 's'} had the same timeline in A and B: ${steadyList(unchanged)}.`);
  if (charted.length === 0) notes.push('The overrides changed no workload’s timeline.');
  const overrides = b.scenario.overrides.map((o) => `<code>--set ${esc(o)}</code>`).join(' ');
  const s = a.scenario;
  const body = `<h1>Headroom comparison: ${esc(s.name)}</h1>
<p class="lede"><b>A</b> = the scenario as written · <b>B</b> = with ${overrides || 'no overrides'} · ${formatDuration(a.durationMs)} simulated · seed ${s.seed} · ${a.workloads.length} workloads · ${a.nodes.length} nodes</p>
<p>Full reports: <a href="a/report.html">A (as written)</a> · <a href="b/report.html">B (with the overrides)</a></p>
<nav><a href="#glance">At a glance</a><a href="#delta">Per workload</a><a href="#overlay">Timelines A vs B</a><a href="#scenario">Scenario</a></nav>
${COMPARE_CSS}
<h2 id="glance">At a glance</h2>
${glanceTable(a, b)}
<h2 id="delta">Per workload: A, B and the difference (B − A)</h2>
<p class="note">Workloads whose figures differ, most changed first. Each cell shows A → <b>B</b> (B − A) where they differ: <span class="worse">bold vermillion with “!”</span> = worse in B, <span class="better">green</span> = better in B. A rollout difference is shown only when both rollouts finished. Exact figures for every workload are in compare.csv.</p>
${changedRows.length ? deltaTable(changedRows.slice(0, MAX_DELTA_ROWS)) : '<p>No workload’s figures differ between A and B.</p>'}
${changedRows.length > MAX_DELTA_ROWS ? `<p class="note">The ${MAX_DELTA_ROWS} most changed of ${changedRows.length} workloads; all are in compare.csv.</p>` : ''}
<h2 id="overlay">Availability timelines, A vs B</h2>
<p class="note"><b>A available</b>: thick blue line; <b>B available</b>: vermillion, dashed, drawn over A; desired: a wide grey band under both (grey dots for B’s when it differs). With a rollout, the pods of the new revision (“updated”): A sky-blue dots, B orange dash-dot. Hatched areas: pending pods (A blue, B orange). Numbered flags mark the scenario’s events; “A2”/“B2” when an override moved one.</p>
${notes.map((n) => `<p class="note">${n}</p>`).join('\n')}
<div class="grid">
${figures.join('\n')}
</div>
${scenarioSection(b.scenario, 'Scenario (B; A is the same without the overrides)')}`;
  return page(`Headroom — compare ${s.name}`, body);
}

