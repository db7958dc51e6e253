// report.html: one self-contained page for a capacity review (inline CSS and SVG; no script,
// font or image fetched; readable offline and in print). Sections: at a glance, the headline
// table (worst first), availability timelines, zone capacity, the node heat-strip, the event
// log by workload, and the scenario itself. Pure and deterministic: same result, same bytes.
//
// Size limits for big clusters (1,500 workloads × 5,000 nodes): the worst MAX_SUMMARY_ROWS
// workloads in the headline table (the rest folded below it), timelines for the worst
// MAX_WORKLOAD_CHARTS workloads that changed at all, a heat-strip of the MAX_HEAT_NODES nodes
// that came closest to running out of memory (HEAT_BINS columns), and at most MAX_LOG_ROWS
// rows in the chronological event log and MAX_GROUP_ROWS per workload (events.csv has all).
import { formatDuration } from '../model/duration.js';
import { ROUTINE_REASONS, type SimEvent } from '../sim/result.js';
import type { SimResult, WorkloadResult } from '../sim/result.js';
import { HEAT_BINS, availabilityChart, cpuChart, isSteady, memoryChart, nodeHeatStrip, zoomWindow } from './report-charts.js';
import { eventWorkloadKey } from './cause.js';
import { LABELS, causeGroups, causeText, desiredUnit, groupText, jobText, kindTag } from './figures.js';
import { eventKey, fmtNum, fmtSeconds, page, scenarioMarkers, scenarioSection } from './page.js';
import { type ZoneCapacity, headroomOf, sumCapacities, zoneCapacities } from './series.js';
import { type SummaryRow, summarize, worstFirst } from './summary.js';
import { esc } from './svg.js';

export const MAX_WORKLOAD_CHARTS = 40;
export const MAX_SUMMARY_ROWS = 100;
export const MAX_HEAT_NODES = 60;
export const MAX_LOG_ROWS = 1000;
export const MAX_LOG_GROUPS = 60;
export const MAX_GROUP_ROWS = 100;

/** Routine per-pod reasons, left out of the HTML log (they are in events.csv). */
const ROUTINE = new Set<string>(ROUTINE_REASONS);

export const keyOf = (s: { namespace: string; workload: string; key?: string }): string => s.key ?? `${s.namespace}/${s.workload}`;

export function renderReportHtml(r: SimResult): string {
  const rows = worstFirst(summarize(r));
  const s = r.scenario;
  const description = typeof (s.source as { description?: unknown })?.description === 'string' ? (s.source as { description: string }).description : '';
  const zones = new Set(r.nodes.map((n) => n.zone)).size;
  const facts = [
    `${formatDuration(r.durationMs)} simulated`,
    `seed ${s.seed}`,
    `${r.workloads.length} workloads`,
    `${r.nodes.length} nodes in ${zones} zone${zones === 1 ? '' : 's'}`,
    `${s.events.length} scenario event${s.events.length === 1 ? '' : 's'}`,
  ];
  if (s.overrides.length) facts.push(`overrides: ${s.overrides.map((o) => `<code>${esc(o)}</code>`).join(', ')}`);
  const body = [
    `<h1>Headroom report: ${esc(s.name)}</h1>`,
    description ? `<p class="lede">${esc(description)}</p>` : '',
    `<p class="lede">${facts.join(' · ')}</p>`,
    `<nav><a href="#summary">Summary</a><a href="#timelines">Availability timelines</a><a href="#capacity">Zone capacity</a><a href="#nodes">Node memory</a><a href="#events">Event log</a><a href="#scenario">Scenario</a></nav>`,
    answer(rows),
    glance(r, rows),
    summarySection(rows),
    timelinesSection(r, rows),
    capacitySection(r),
    nodesSection(r),
    eventsSection(r, rows),
    scenarioSection(s),
  ];
  return page(`Headroom — ${s.name}`, body.filter(Boolean).join('\n'));
}

/**
 * The run's answer first: why workloads were below desired, grouped by cause, in Kubernetes'
 * words ("7 workloads: FailedScheduling: node(s) didn't match pod topology spread constraints —
 * not capacity"), each with the workloads it names.
 */
function answer(rows: readonly SummaryRow[]): string {
  const groups = causeGroups(rows);
  if (groups.length === 0) return '<p class="answer ok">Every workload kept its desired pods available for the whole run.</p>';
  const items = groups.map((g) => {
    const names = g.workloads.slice(0, 12).map(esc).join(', ') + (g.workloads.length > 12 ? `, and ${g.workloads.length - 12} more` : '');
    return `<li><b>${esc(groupText(g))}</b> <span class="count">${names}</span></li>`;
  });
  return `<div class="answer"><h2 class="first">Why workloads were below desired</h2><ul>${items.join('')}</ul>
<p class="note">The reason each workload spent the most time below its desired pods, in Kubernetes’ words (summary.csv <code>cause</code>); “not capacity”: no node turned the pods away for lack of room. Each workload’s own line is in the table below.</p></div>`;
}

function glance(r: SimResult, rows: readonly SummaryRow[]): string {
  const below = rows.filter((x) => x.secondsBelowDesired > 0).length;
  const belowPdb = rows.filter((x) => x.secondsBelowPdb > 0).length;
  const evictions = rows.reduce((a, x) => a + x.evictions, 0);
  const ooms = rows.reduce((a, x) => a + x.oomKills, 0);
  const failedScheduling = r.events.filter((e) => e.reason === 'FailedScheduling').length;
  const pressured = r.nodes.filter((n) => n.samples.some((x) => headroomOf(n, x.memoryAvailable) < 0 || x.conditions.includes('MemoryPressure'))).length;
  const worst = rows[0];
  const rollouts = rows.filter((x) => x.rolloutStatus !== 'none');
  const card = (value: string, label: string, bad: boolean) => `<div class="card ${bad ? 'bad' : 'ok'}"><b>${value}</b><span>${label}</span></div>`;
  const cards = [
    card(`${below} of ${rows.length}`, 'workloads below desired at some time', below > 0),
    card(String(belowPdb), 'workloads below their PDB', belowPdb > 0),
    worst ? card(`${fmtNum(worst.availabilityPct)} %`, worst.availabilityPct < 100 ? `lowest availability (${esc(keyOf(worst))})` : 'availability of every workload', worst.availabilityPct < 100) : '',
    card(String(evictions), 'pods evicted', evictions > 0),
    card(String(ooms), 'OOM kills', ooms > 0),
    card(String(failedScheduling), 'FailedScheduling events', failedScheduling > 0),
    card(`${pressured} of ${r.nodes.length}`, 'nodes that reached the memory eviction threshold', pressured > 0),
  ];
  if (rollouts.length) {
    const done = rollouts.filter((x) => x.rolloutStatus === 'complete').length;
    cards.push(card(`${done} of ${rollouts.length}`, 'rollouts finished in the run', done < rollouts.length));
  }
  return `<div class="cards">${cards.join('')}</div>`;
}

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

function summarySection(rows: readonly SummaryRow[]): string {
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
  }.${
    rows.some((x) => x.job)
      ? ' A Job’s desired is the pods it wants running now — its parallelism, or the completions left, 0 once it has completed or failed —, and its progress is its completions: the flag says how many succeeded and when it completed, or why it failed.'
      : ''
  } Under each workload that was below desired, the longest reason, with when and how many pods. Exact figures are in summary.csv.</p>
${summaryTableHtml(first)}
${more}`;
}

const TIMELINE_NOTE =
  'Lines: <b>desired</b> (a wide grey band), <b>available</b> (thick blue), <b>ready</b> (green, short dashes), the healthy pods the <b>PDB needs</b> (vermillion, dash-dot). Hatched areas: <b>pending</b> pods (orange, diagonal) and, stacked on them, <b>terminating</b> pods still holding node resources (purple, dotted). Numbered flags mark the scenario’s events (hover for details).';

function timelinesSection(r: SimResult, rows: readonly SummaryRow[]): string {
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

function zoneFigure(z: ZoneCapacity, r: SimResult, i: number): string {
  const markers = scenarioMarkers(r.scenario);
  return `<h3>${esc(z.zone)} <span class="note">(${z.nodes} node${z.nodes === 1 ? '' : 's'})</span></h3>
<div class="grid"><figure><figcaption><b>cpu</b> <span class="fig">requested vs allocatable, cores</span></figcaption>${cpuChart(z, r.durationMs, markers, `z${i}c`)}</figure>
<figure><figcaption><b>memory</b> <span class="fig">requested and working set vs allocatable and eviction threshold, GiB</span></figcaption>${memoryChart(z, r.durationMs, markers, `z${i}m`)}</figure></div>`;
}

function capacitySection(r: SimResult): string {
  const zones = zoneCapacities(r);
  const parts = zones.map((z, i) => zoneFigure(z, r, i));
  if (zones.length > 1) parts.unshift(zoneFigure(sumCapacities('all zones', zones), r, zones.length));
  return `<h2 id="capacity">Zone capacity</h2>
<p class="note">Sums over the zone’s nodes. “Allocatable on Ready, schedulable nodes” (dashed) appears when nodes fail or are cordoned. The eviction threshold (purple dash-dot; the allocatable line itself when the two coincide) is the working set at which every node of the zone would reach its kubelet’s hard eviction threshold (memory.available, or allocatableMemory.available once pods use more than the node’s allocatable memory); single nodes reach theirs earlier, see the node heat-strip.</p>
${parts.join('\n')}`;
}

function nodesSection(r: SimResult): string {
  if (r.nodes.length === 0) return '';
  const { svg, shown } = nodeHeatStrip(r, scenarioMarkers(r.scenario), MAX_HEAT_NODES, 'heat');
  const cap =
    shown.length < r.nodes.length
      ? ` Showing the ${shown.length} of ${r.nodes.length} nodes that came closest to running out of memory; all nodes are in nodes.csv.`
      : '';
  return `<h2 id="nodes">Node memory before eviction (memory.available)</h2>
<p class="note">One row per node, ${HEAT_BINS} time columns. Each cell shows how much memory the node had left before its kubelet starts evicting pods (the least in the interval), as a share of the working set at which it evicts: memory.available above the hard threshold, or pods’ working set below the node’s allocatable memory, whichever is less. Hover a node name for its figures.${cap}</p>
<figure>${svg}</figure>`;
}

function logRow(e: SimEvent): string {
  return (
    `<tr class="${e.type}"><td>${formatDuration(e.time)}</td><td class="t">${e.type}</td><td class="t reason">${esc(e.reason)}</td>` +
    `<td class="t">${esc(e.object)}</td><td class="t">${esc(e.node)}</td><td class="msg">${esc(e.message)}</td></tr>`
  );
}

const LOG_HEAD = '<thead><tr><th>time</th><th class="t">type</th><th class="t">reason</th><th class="t">object</th><th class="t">node</th><th class="t">message</th></tr></thead>';

function reasonCounts(events: readonly SimEvent[]): string {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${esc(k)} ${v}`)
    .join(', ');
}

function eventsSection(r: SimResult, rows: readonly SummaryRow[]): string {
  const notable = r.events.filter((e) => !ROUTINE.has(e.reason));
  const routine = r.events.length - notable.length;
  const omitted = r.stats.routineEventsOmitted;
  const warnings = notable.filter((e) => e.type === 'Warning').length;
  const chrono = notable.slice(0, MAX_LOG_ROWS).map((e) => logRow(e));
  // group by workload (namespace/name from the object when it names a pod or Deployment)
  const nsOf = new Map(r.workloads.map((w) => [w.name, w.namespace]));
  const groups = new Map<string, SimEvent[]>();
  for (const e of notable) {
    const key = e.workload ? (e.workload.includes('/') ? eventWorkloadKey(e) : `${workloadNamespace(e, nsOf)}/${e.workload}`) : '';
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  const order = [...rows.map(keyOf).filter((k) => groups.has(k))];
  for (const k of [...groups.keys()].sort()) if (k && !order.includes(k)) order.push(k);
  if (groups.has('')) order.unshift('');
  const shownGroups = order.slice(0, MAX_LOG_GROUPS);
  const details = shownGroups.map((k) => {
    const evs = groups.get(k)!;
    const w = evs.filter((e) => e.type === 'Warning').length;
    const more = evs.length > MAX_GROUP_ROWS ? `<p class="note">First ${MAX_GROUP_ROWS} of ${evs.length}; all are in events.csv.</p>` : '';
    return `<details><summary>${k ? esc(k) : 'Cluster and nodes (no workload)'}<span class="count">${evs.length} event${evs.length === 1 ? '' : 's'}${w ? `, ${w} warning${w === 1 ? '' : 's'}` : ''} — ${reasonCounts(evs)}</span></summary>
<table class="log">${LOG_HEAD}<tbody>${evs.slice(0, MAX_GROUP_ROWS).map(logRow).join('')}</tbody></table>${more}</details>`;
  });
  const groupNote = order.length > shownGroups.length ? `<p class="note">Showing the first ${shownGroups.length} of ${order.length} groups (worst workloads first).</p>` : '';
  const chronoNote =
    notable.length > MAX_LOG_ROWS ? `<p class="note">The first ${MAX_LOG_ROWS} of ${notable.length} events; all are in events.csv.</p>` : '';
  return `<h2 id="events">Event log</h2>
<p class="note">${notable.length} events, ${warnings} of them warnings (evictions, scheduling failures, taints, OOM kills, …). ${routine} routine per-pod events (${[...ROUTINE].join(', ')}) are only in events.csv${omitted ? `; ${omitted} more were not recorded, as usual for a cluster this big` : ''}.</p>
<h3>By workload</h3>
<p class="note">Open a workload to see its events.</p>
${details.join('\n')}
${groupNote}
<details open><summary>All of them, in time order<span class="count">${notable.length}</span></summary>
${notable.length ? `<table class="log">${LOG_HEAD}<tbody>${chrono.join('\n')}</tbody></table>` : '<p class="note">none</p>'}
${chronoNote}</details>`;
}

/** A workload event's namespace: from its object (`pod/ns/name`, `deployment/ns/name`), else the workload's. */
function workloadNamespace(e: SimEvent, nsOf: ReadonlyMap<string, string>): string {
  const parts = e.object.split('/');
  return parts.length >= 3 ? parts[1] : (nsOf.get(e.workload) ?? '');
}
