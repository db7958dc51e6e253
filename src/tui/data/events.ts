// Event log filtering (pure): by kind of event, by free text, by workload.
import { eventWorkloadKey } from '../../report/cause.js';
import type { SimEvent } from '../../sim/result.js';

export type EventKind = 'all' | 'evictions' | 'scheduling' | 'nodes' | 'rollout' | 'pods' | 'warnings' | 'whatif';

/** The kinds in the order `t` cycles through them, with their labels. */
export const EVENT_KINDS: readonly { readonly kind: EventKind; readonly label: string }[] = [
  { kind: 'all', label: 'all' },
  { kind: 'evictions', label: 'evictions' },
  { kind: 'scheduling', label: 'scheduling' },
  { kind: 'nodes', label: 'nodes & taints' },
  { kind: 'rollout', label: 'rollouts' },
  { kind: 'pods', label: 'pod lifecycle' },
  { kind: 'warnings', label: 'warnings' },
  { kind: 'whatif', label: 'what-if actions' },
];

const EVICTION = /Evict|Preempt|OOM|Drain/i;
const SCHEDULING = /Schedul/i;
const NODES = /^Node|Taint|Cordon|Drain|RemovingNode|Registered/i;
const ROLLOUT = /ScalingReplicaSet|ReplicaSet|SuccessfulCreate|SuccessfulDelete|ProgressDeadline|Rollout/i;

/** Which kinds an event belongs to (besides `all`). */
export function kindsOf(e: SimEvent): EventKind[] {
  const out: EventKind[] = [];
  if (EVICTION.test(e.reason) || /evict/i.test(e.message)) out.push('evictions');
  if (SCHEDULING.test(e.reason)) out.push('scheduling');
  if (NODES.test(e.reason) || e.object.startsWith('node/') || /taint/i.test(e.message)) out.push('nodes');
  if (ROLLOUT.test(e.reason)) out.push('rollout');
  if (e.object.startsWith('pod/') && !out.includes('evictions') && !out.includes('scheduling')) out.push('pods');
  if (e.type === 'Warning') out.push('warnings');
  if (e.reason === 'WhatIf') out.push('whatif');
  return out;
}

export interface EventFilter {
  readonly kind: EventKind;
  /** Case-insensitive substring of reason, object, node, workload or message ('' = any). */
  readonly text: string;
  /** Only events of this workload (`namespace/name`), or null for every event. */
  readonly workload: string | null;
}

export { eventWorkloadKey };

export function matches(e: SimEvent, f: EventFilter): boolean {
  if (f.kind !== 'all' && !kindsOf(e).includes(f.kind)) return false;
  if (f.workload !== null && eventWorkloadKey(e) !== f.workload) return false;
  if (f.text) {
    const needle = f.text.toLowerCase();
    const hay = `${e.type} ${e.reason} ${e.object} ${e.node} ${e.message}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

/** The events passing the filter, in time order (the recorder's order). */
export function filterEvents(events: readonly SimEvent[], f: EventFilter): SimEvent[] {
  if (f.kind === 'all' && !f.text && f.workload === null) return [...events];
  return events.filter((e) => matches(e, f));
}

/** Index of the first event at or after `t` (events.length when none). */
export function firstAtOrAfter(events: readonly { readonly time: number }[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Events with from <= time < to. */
export function eventsBetween(events: readonly SimEvent[], from: number, to: number): SimEvent[] {
  const out: SimEvent[] = [];
  for (let i = firstAtOrAfter(events, from); i < events.length && events[i].time < to; i++) out.push(events[i]);
  return out;
}

/** Counts per reason, most frequent first ("Evicted×3, FailedScheduling×2"). */
export function reasonCounts(events: readonly SimEvent[]): { reason: string; count: number }[] {
  const m = new Map<string, number>();
  for (const e of events) m.set(e.reason, (m.get(e.reason) ?? 0) + 1);
  return [...m.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}
