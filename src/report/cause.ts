// Why a workload was below desired, in Kubernetes' words (pure): summary.csv's `cause` and the
// one-line "why" every face shows.
//
// Each stretch of the run with fewer available pods than desired is split at the workload's
// samples, and each piece is put down to the reason visible then:
//   - pods Pending make up most of the shortfall → the FailedScheduling the scheduler gave them,
//     as the filter that turned away the nodes they got furthest with (fit-error.ts):
//     `FailedScheduling: node(s) didn't match pod topology spread constraints`;
//   - otherwise the latest disruption still felt — an event after which the workload has not
//     got back the available pods it had just before it: `OOMKilled`, `CrashLoopBackOff`,
//     `Evicted: memory`, `TaintManagerEviction`, `EvictionByEvictionAPI` (a drain),
//     `Preempted` (a higher-priority pod took its place), `Unhealthy`, or `NodeNotReady` (a node its pods run on stopped being Ready);
//   - otherwise `BackOff` while a Job's missing pods wait out its pod-failure back-off,
//     `rollout` while pods are being replaced by a new revision, `ScalingReplicaSet` after a
//     scale-up, and `ContainersNotReady` (the Ready condition's reason) for the rest.
// The cause is the reason with the most seconds. A later event of a pod that is still down
// (BackOff after OOMKilling) names that pod's state from then on.
import { formatDuration } from '../model/duration.js';
import type { SimEvent, WorkloadRow } from '../sim/result.js';
import { blockingReason, mentionsCapacity } from './fit-error.js';

export interface CauseInput {
  readonly samples: readonly WorkloadRow[];
  readonly durationMs: number;
  /** The workload's own events (its pods', ReplicaSets' and Deployment's), in time order. */
  readonly events: readonly SimEvent[];
  /** The cluster's NodeNotReady events, in time order. */
  readonly nodeNotReady: readonly SimEvent[];
  /** First rollout start and completion, ms (-1: none / not completed). */
  readonly rolloutStartedAt: number;
  readonly rolloutCompletedAt: number;
  /** A Job's stretches (ms) of pods held back by the pod-failure back-off. */
  readonly backoffs?: readonly { readonly from: number; readonly to: number }[];
}

export interface BelowDesired {
  /** The reason with the most time below desired ('' when never below). */
  readonly reason: string;
  /** Time below desired per reason, ms, most first. */
  readonly byReason: readonly { readonly reason: string; readonly ms: number }[];
  /** "4 Pending from 11m to the end: node(s) didn't match pod topology spread constraints — not capacity" ('' when never below). */
  readonly why: string;
  /** The cause is FailedScheduling and no node turned those pods away for lack of room. */
  readonly notCapacity: boolean;
}

export const NEVER_BELOW: BelowDesired = { reason: '', byReason: [], why: '', notCapacity: false };

/**
 * The workload key an event is about (`namespace/name`, or `kind/namespace/name` when its
 * workload column says `kind/name` because names clash), or '' when it names none.
 */
export function eventWorkloadKey(e: SimEvent): string {
  if (!e.workload) return '';
  // kind/namespace/name: the namespace is between the first two slashes.
  const a = e.object.indexOf('/');
  const b = a < 0 ? -1 : e.object.indexOf('/', a + 1);
  if (b < 0) return e.workload;
  const ns = e.object.slice(a + 1, b);
  const slash = e.workload.indexOf('/');
  return slash < 0 ? `${ns}/${e.workload}` : `${e.workload.slice(0, slash)}/${ns}/${e.workload.slice(slash + 1)}`;
}

/** The label a disruption event gives the pods it took down; null for any other event. */
export function disruptionLabel(e: SimEvent): string | null {
  switch (e.reason) {
    case 'OOMKilling':
      return 'OOMKilled';
    case 'BackOff':
      return 'CrashLoopBackOff';
    case 'Evicted': {
      // The kubelet's eviction message: "The node was low on resource: memory. …".
      const m = /low on resource: ([a-z][\w-]*)/.exec(e.message);
      return m ? `Evicted: ${m[1]}` : 'Evicted';
    }
    case 'TaintManagerEviction':
      return e.message.startsWith('Cancelling') ? null : 'TaintManagerEviction';
    case 'EvictionByEvictionAPI':
    case 'Preempted':
    case 'Unhealthy':
      return e.reason;
    default:
      return null;
  }
}

interface Piece {
  readonly from: number;
  readonly to: number;
  readonly reason: string;
  readonly pods: number;
  readonly pending: boolean;
  /** FailedScheduling: whether its message names a capacity reason. */
  readonly capacity: boolean;
}

/** Something that took pods down: it is still felt while available < level. */
interface Disruption {
  label: string;
  time: number;
  readonly level: number;
}

export function belowDesired(input: CauseInput): BelowDesired {
  const pieces = explain(input);
  if (pieces.length === 0) return NEVER_BELOW;
  const totals = new Map<string, number>();
  for (const p of pieces) totals.set(p.reason, (totals.get(p.reason) ?? 0) + (p.to - p.from));
  // Most time first; a tie goes to the reason seen first.
  const byReason = [...totals].map(([reason, ms]) => ({ reason, ms })).sort((a, b) => b.ms - a.ms);
  const reason = byReason[0].reason;
  const { why, notCapacity } = whyLine(pieces, reason, input.durationMs);
  return { reason, byReason, why, notCapacity };
}

/** The pieces of the run below desired, each with its reason (split at samples and at events). */
function explain(input: CauseInput): Piece[] {
  const s = input.samples;
  const ev = input.events;
  const nodeEvents = input.nodeNotReady;
  const out: Piece[] = [];
  const podNodes = new Set<string>();
  for (const e of ev) if (e.node && e.object.startsWith('pod/')) podNodes.add(e.node);
  let inSpell = false;
  let spellDesired = 0; // desired just before the stretch below desired began
  let ei = 0; // next workload event
  let ni = 0; // next NodeNotReady event
  let failed: SimEvent | null = null; // the last FailedScheduling of the stretch
  const down = new Map<string, Disruption>(); // by pod, or by node for NodeNotReady
  /** Takes in the events up to `t`; `before` = available just before t, `now` = at t. */
  const absorb = (t: number, before: number, now: number, atSample: boolean) => {
    for (; ei < ev.length && ev[ei].time <= t; ei++) {
      const e = ev[ei];
      if (e.reason === 'FailedScheduling') failed = e;
      const label = disruptionLabel(e);
      if (label === null) continue;
      const prior = down.get(e.object);
      if (prior && before < prior.level) {
        // The same pod, still down: its latest state names it (BackOff after OOMKilling).
        prior.label = label;
        prior.time = e.time;
      } else down.set(e.object, { label, time: e.time, level: levelBefore(s, e.time) });
    }
    for (; ni < nodeEvents.length && nodeEvents[ni].time <= t; ni++) {
      const e = nodeEvents[ni];
      // Ours when one of its pods ran there, or when its available pods dropped that instant.
      const dropped = atSample && e.time === t && now < before;
      if (podNodes.has(e.node) || dropped) down.set(`node/${e.node}`, { label: 'NodeNotReady', time: e.time, level: levelBefore(s, e.time) });
    }
  };
  /** The time of the next event not taken in yet. */
  const nextEvent = (): number => Math.min(ei < ev.length ? ev[ei].time : Infinity, ni < nodeEvents.length ? nodeEvents[ni].time : Infinity);
  for (let i = 0; i < s.length; i++) {
    const r = s[i];
    const t0 = r.time;
    const t1 = i + 1 < s.length ? s[i + 1].time : input.durationMs;
    const before = i > 0 ? s[i - 1].available : r.available;
    const short = r.desired - r.available;
    if (short <= 0) {
      // Events up to here belong to no stretch below desired.
      while (ei < ev.length && ev[ei].time < t1) ei++;
      while (ni < nodeEvents.length && nodeEvents[ni].time < t1) ni++;
      inSpell = false;
      failed = null;
      down.clear();
      continue;
    }
    if (!inSpell) {
      inSpell = true;
      spellDesired = i > 0 ? s[i - 1].desired : r.desired;
    }
    absorb(t0, before, r.available, true);
    for (let from = t0; from < t1; ) {
      // Events between samples change no count, but may change what names the shortfall.
      const to = Math.min(t1, nextEvent());
      out.push(piece(input, r, from, to, short, failed ?? firstFailedScheduling(ev, ei, t1), down, spellDesired));
      if (to < t1) absorb(to, r.available, r.available, false);
      from = to;
    }
  }
  return out;
}

function piece(input: CauseInput, r: WorkloadRow, from: number, to: number, short: number, failed: SimEvent | null, down: ReadonlyMap<string, Disruption>, spellDesired: number): Piece {
  const pending = Math.min(r.pending, short);
  if (pending > 0 && pending >= short - pending) {
    const why = failed ? blockingReason(failed.message) : null;
    const reason = why ? `FailedScheduling: ${why}` : failed ? 'FailedScheduling' : 'Pending';
    return { from, to, reason, pods: r.pending, pending: true, capacity: failed ? mentionsCapacity(failed.message) : false };
  }
  return { from, to, reason: otherReason(input, r, down, spellDesired), pods: short, pending: false, capacity: false };
}

/** Available pods just before `t` (the sample in effect before that instant). */
function levelBefore(s: readonly WorkloadRow[], t: number): number {
  let lo = 0;
  let hi = s.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid].time < t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return s[found]?.available ?? 0;
}

function firstFailedScheduling(ev: readonly SimEvent[], from: number, t1: number): SimEvent | null {
  for (let i = from; i < ev.length && ev[i].time < t1; i++) if (ev[i].reason === 'FailedScheduling') return ev[i];
  return null;
}

function otherReason(input: CauseInput, r: WorkloadRow, down: ReadonlyMap<string, Disruption>, spellDesired: number): string {
  let latest: Disruption | null = null;
  for (const d of down.values()) if (r.available < d.level && (latest === null || d.time >= latest.time)) latest = d;
  if (latest) return latest.label;
  const t = r.time;
  // A Job's missing pods wait out the pod-failure back-off (no Kubernetes event says so).
  if (input.backoffs?.some((b) => t >= b.from && t < b.to)) return 'BackOff';
  const rolling = input.rolloutStartedAt >= 0 && t >= input.rolloutStartedAt && (input.rolloutCompletedAt < 0 || t < input.rolloutCompletedAt);
  if (rolling || r.updated < r.replicas) return 'rollout';
  if (r.desired > spellDesired) return 'ScalingReplicaSet';
  return 'ContainersNotReady';
}

/** The longest stretch of the cause, for people. */
function whyLine(pieces: readonly Piece[], reason: string, durationMs: number): { why: string; notCapacity: boolean } {
  interface Stretch {
    readonly from: number;
    to: number;
    pods: number;
    capacity: boolean;
    readonly pending: boolean;
  }
  let best: Stretch | null = null;
  let cur: Stretch | null = null;
  for (const p of pieces) {
    if (p.reason !== reason) {
      cur = null;
      continue;
    }
    if (cur && cur.to === p.from) {
      cur.to = p.to;
      cur.pods = Math.max(cur.pods, p.pods);
      cur.capacity ||= p.capacity;
    } else cur = { from: p.from, to: p.to, pods: p.pods, capacity: p.capacity, pending: p.pending };
    if (!best || cur.to - cur.from > best.to - best.from) best = cur;
  }
  if (!best) return { why: '', notCapacity: false };
  const until = best.to >= durationMs ? 'the end' : formatDuration(best.to);
  const scheduling = reason.startsWith('FailedScheduling: ');
  const notCapacity = scheduling && !best.capacity;
  const what = scheduling ? reason.slice('FailedScheduling: '.length) + (notCapacity ? ' — not capacity' : '') : reason === 'Pending' ? 'not scheduled yet' : reason;
  return { why: `${best.pods} ${best.pending ? 'Pending' : 'unavailable'} from ${formatDuration(best.from)} to ${until}: ${what}`, notCapacity };
}
