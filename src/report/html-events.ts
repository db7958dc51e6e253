// report.html's event log: the notable events (routine per-pod reasons are only in events.csv)
// grouped by workload, worst first, then all of them in time order, within the row limits.
import { formatDuration } from '../model/duration.js';
import { ROUTINE_REASONS, type SimEvent } from '../sim/result.js';
import type { SimResult } from '../sim/result.js';
import { eventWorkloadKey } from './cause.js';
import type { SummaryRow } from './summary.js';
import { esc } from './svg.js';
import { keyOf } from './html-summary.js';

export const MAX_LOG_ROWS = 1000;
export const MAX_LOG_GROUPS = 60;
export const MAX_GROUP_ROWS = 100;

/** Routine per-pod reasons, left out of the HTML log (they are in events.csv). */
const ROUTINE = new Set<string>(ROUTINE_REASONS);

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

export function eventsSection(r: SimResult, rows: readonly SummaryRow[]): string {
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
