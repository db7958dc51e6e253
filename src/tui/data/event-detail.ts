// What the result lets one know about an event's object at the event's time (pure): the whole
// event, the pod's history and state read from its events up to then, its workload's counts
// and its node's state at that instant. Per-pod status is not in the result yet (the pod
// lifecycle work adds it); until then a pod's state is what its own events say.
import { formatDuration } from '../../model/duration.js';
import { blockingReason, mentionsCapacity } from '../../report/fit-error.js';
import type { SimEvent } from '../../sim/result.js';
import type { SimResult } from '../../sim/result.js';
import { eventWorkloadKey } from './events.js';
import { sampleAt } from './series.js';

export interface EventDetail {
  /** label/value lines, the message whole. */
  readonly fields: readonly (readonly [string, string])[];
  /** The pod's (or node's) own events up to and including this one, oldest first. */
  readonly history: readonly SimEvent[];
  /** How many earlier events of the object were left out of `history`. */
  readonly earlier: number;
}

/** The pod state its latest event implies, in kubectl's words where it has them. */
export function podStateFrom(e: SimEvent): string {
  switch (e.reason) {
    case 'SuccessfulCreate':
      return 'Pending (created)';
    case 'FailedScheduling':
      return 'Pending (unschedulable)';
    case 'Scheduled':
      return `scheduled on ${e.node || 'a node'}`;
    case 'Started':
      return 'Running';
    case 'Unhealthy':
      return 'Running, not ready (a probe fails)';
    case 'OOMKilling':
      return 'OOMKilled';
    case 'BackOff':
      return 'CrashLoopBackOff';
    case 'Killing':
      return 'Terminating';
    case 'Evicted':
    case 'TaintManagerEviction':
    case 'EvictionByEvictionAPI':
      return e.message.startsWith('Cancelling') ? 'Running (deletion cancelled)' : 'Terminating (evicted)';
    default:
      return '';
  }
}

const HISTORY = 8;

/** Results and their events are immutable: an opened event is read once, however often it is drawn. */
const cache = new WeakMap<SimEvent, { r: SimResult; d: EventDetail }>();

export function eventDetail(r: SimResult, e: SimEvent): EventDetail {
  const hit = cache.get(e);
  if (hit && hit.r === r) return hit.d;
  const d = readEvent(r, e);
  cache.set(e, { r, d });
  return d;
}

function readEvent(r: SimResult, e: SimEvent): EventDetail {
  const t = e.time;
  const fields: [string, string][] = [
    ['time', `${formatDuration(t)} (${t / 1000} s)`],
    ['event', `${e.type} ${e.reason}`],
    ['object', e.object],
  ];
  if (e.node) fields.push(['node', e.node]);
  const key = eventWorkloadKey(e);
  if (key) fields.push(['workload', e.qos ? `${key} (${e.qos})` : key]);
  fields.push(['message', e.message]);
  if (e.reason === 'FailedScheduling') {
    const why = blockingReason(e.message);
    if (why) fields.push(['stopped by', `${why}${mentionsCapacity(e.message) ? '' : ' — not capacity'}`]);
  }
  // The object's own events up to this one (a pod's creation is its ReplicaSet's event).
  const name = e.object.startsWith('pod/') ? e.object.slice(e.object.lastIndexOf('/') + 1) : '';
  const own = r.events.filter(
    (x) => x.time <= t && (x.object === e.object || (name !== '' && x.reason === 'SuccessfulCreate' && x.message === `Created pod: ${name}` && eventWorkloadKey(x) === key)),
  );
  // Events of the same instant after this one are not "then" yet.
  const upTo = own.indexOf(e) >= 0 ? own.slice(0, own.indexOf(e) + 1) : own;
  if (e.object.startsWith('pod/')) {
    let state = '';
    let node = e.node;
    for (const x of upTo) {
      state = podStateFrom(x) || state;
      node = x.node || node;
    }
    fields.push(['pod then', `${state || 'no event says'}${node && !state.includes(node) ? ` · on ${node}` : ''} (from its events; per-pod status is not recorded yet)`]);
  }
  const w = key ? r.workloads.find((x) => x.key === key) : undefined;
  const ws = w ? sampleAt(w.samples, t) : undefined;
  if (ws) {
    const pdb = ws.pdbDesired !== null ? ` · PDB healthy ${ws.pdbHealthy}, needs ${ws.pdbDesired}` : '';
    fields.push(['workload then', `${ws.available}/${ws.desired} available · ${ws.pending} pending · ${ws.terminating} terminating${pdb}`]);
  }
  const nodeName = e.node || (e.object.startsWith('node/') ? e.object.slice(5) : '');
  const n = nodeName ? r.nodes.find((x) => x.name === nodeName) : undefined;
  const ns = n ? sampleAt(n.samples, t) : undefined;
  if (n && ns) fields.push(['node then', `${n.name} (${n.zone}): ${ns.conditions || 'Ready'}${ns.taints ? ` · taints ${ns.taints}` : ''} · ${ns.pods} pods`]);
  const history = upTo.slice(-HISTORY);
  return { fields, history, earlier: upTo.length - history.length };
}
