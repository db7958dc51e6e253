// report.html: one self-contained page for a capacity review (inline CSS and SVG; no script,
// font or image fetched; readable offline and in print). Sections: at a glance, the headline
// table (worst first), availability timelines, zone capacity, the node heat-strip, the event
// log by workload, and the scenario itself (the headline table in html-summary.ts, the timelines in
// html-timelines.ts, the event log in html-events.ts). Pure and deterministic: same result, same bytes.
//
// Size limits for big clusters (1,500 workloads × 5,000 nodes): the worst MAX_SUMMARY_ROWS
// workloads in the headline table (the rest folded below it), timelines for the worst
// MAX_WORKLOAD_CHARTS workloads that changed at all, a heat-strip of the MAX_HEAT_NODES nodes
// that came closest to running out of memory (HEAT_BINS columns), and at most MAX_LOG_ROWS
// rows in the chronological event log and MAX_GROUP_ROWS per workload (events.csv has all).
import { formatDuration } from '../model/duration.js';
import type { SimResult } from '../sim/result.js';
import { HEAT_BINS, cpuChart, memoryChart, nodeHeatStrip } from './report-charts.js';
import { causeGroups, groupText } from './figures.js';
import { fmtNum, page, scenarioMarkers, scenarioSection } from './page.js';
import { type ZoneCapacity, headroomOf, sumCapacities, zoneCapacities } from './series.js';
import { type SummaryRow, summarize, worstFirst } from './summary.js';
import { esc } from './svg.js';
import { keyOf, summarySection } from './html-summary.js';
import { timelinesSection } from './html-timelines.js';
import { eventsSection } from './html-events.js';

export { MAX_SUMMARY_ROWS } from './html-summary.js';
export { MAX_WORKLOAD_CHARTS } from './html-timelines.js';
export { MAX_GROUP_ROWS, MAX_LOG_GROUPS, MAX_LOG_ROWS } from './html-events.js';

export const MAX_HEAT_NODES = 60;

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
