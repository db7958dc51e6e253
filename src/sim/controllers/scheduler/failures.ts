// The unschedulable pods of pkg/scheduler/internal/queue: a failed attempt is remembered with the
// plugins that rejected some node, and retried only when a cluster event one of those plugins
// registers could make it schedulable (the QueueingHints of v1.32+), or when it has waited in
// the unschedulable queue longer than podMaxInUnschedulablePodsDuration (5 min; the leftover
// flush runs every 30 s). The hints Headroom applies:
// - a node relaxed (taint removed, uncordoned, pressure gone): every failure is retried;
// - NodeResourcesFit: a bound pod's object gone (its node freed) — the failure is retried on
//   that node only, since nothing else changed for this plugin;
// - PodTopologySpread (isSchedulableAfterPodChange / AfterNodeChange): a pod matching a hard
//   constraint's selector, in the pod's namespace, bound or gone; a node's taints changed (only
//   retried when a constraint honours taints: an added taint cannot help otherwise);
// - InterPodAffinity: a pod matching all the required affinity terms bound; a pod matching all
//   the anti-affinity terms gone.
// Other changes of what these plugins count — a matching pod starting to terminate (spread stops
// counting it, its update is no event for the plugin), a pod whose anti-affinity blocked this one
// gone — mark the failure "dirty": the 5-minute flush retries it (and so does a NodeResourcesFit
// retry, which is a full attempt upstream). Failures nothing could have changed are not retried
// at the flush, since the attempt would fail the same way.
import type { PodTemplate } from '../../../model/types.js';
import type { Engine, Timer } from '../../engine/engine.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import { PRIORITY, type Wake } from '../run-loop.js';
import { type CycleState, FILTER_COUNTS, FILTER_FIT, FILTER_INTERPOD, FILTER_SPREAD } from './framework.js';
import { matchesAll, termMatches } from './plugins/inter-pod-affinity.js';
import { spreadMatches } from './plugins/pod-topology-spread.js';
import type { PodGroup } from './pod-group.js';
import { GROUP_BOUND, GROUP_GONE, GROUP_TERMINATING, type PodGroups } from './pod-groups.js';
import type { SchedulingQueue } from './scheduling-queue.js';

/** Past this many (freed node × failure) checks in one pass, retry every failure. */
const MAX_REQUEUE_CHECKS = 100_000;
/** podMaxInUnschedulablePodsDuration and the flushUnschedulablePodsLeftover period. */
export const MAX_UNSCHEDULABLE_MS = 300_000;
export const FLUSH_PERIOD_MS = 30_000;
/** A FailedScheduling message computed this recently is reused for the template's next failure. */
export const MESSAGE_REUSE_MS = 300_000;

// Why a failure watches a group.
const ROLE_SPREAD = 1;
const ROLE_AFFINITY = 2;
const ROLE_ANTI_ALL = 4;
const ROLE_ANTI_SOME = 8;
const ROLE_SYMMETRIC = 16;

export interface Failure {
  /** The template (every pod of it fails alike) or, for a pod with a nominated node, the pod. */
  readonly key: PodTemplate | SimPod;
  /** A pending pod it stands for, to test against nodes. */
  pod: SimPod;
  readonly group: PodGroup;
  /** The FitError message, computed when some pod first needs a FailedScheduling event. */
  message: string | null;
  messageAt: number;
  /** The filters that rejected some node (FILTER_* bits). */
  readonly bits: number;
  readonly failedAt: number;
  /** The attempt's PreFilter state, reused to test freed nodes. */
  readonly state: CycleState | null;
  /** Something the hints do not cover changed since: the flush retries it. */
  dirty: boolean;
  /** Groups watched, with the ROLE_* bits. */
  readonly roles: Map<PodGroup, number>;
}

/** What the failures need of the scheduler. */
export interface FailureHost {
  readonly c: { readonly now: number };
  readonly ctx: { readonly groups: PodGroups };
}

export class Failures {
  private readonly byTemplate = new Map<PodTemplate, Failure>();
  private readonly byPod = new Map<SimPod, Failure>();
  /** The last failure of each template, requeued or not (its message may be reused). */
  private readonly last = new WeakMap<PodTemplate, Failure>();
  /** Failures requeued because nodes freed room, with those nodes: only these can take them (this pass). */
  private readonly requeued = new Map<PodTemplate | SimPod, { nodes: SimNode[]; bits: number }>();
  /** Pods to try this pass whatever their template's failure says (their nomination was taken away). */
  private readonly forced = new Set<SimPod>();
  /** Failures that watch groups (rejected by PodTopologySpread or InterPodAffinity). */
  private readonly counting = new Set<Failure>();
  private flush: Timer | null = null;

  constructor(
    private readonly host: FailureHost,
    private readonly queue: SchedulingQueue,
    private readonly groups: PodGroups,
    private readonly wake: Wake,
    private readonly engine: Engine | null,
  ) {
    groups.onRegister = (g) => {
      for (const f of this.counting) this.watch(f, g);
    };
  }

  /** The failure that stands for `p`, unless it is forced to try again. */
  of(p: SimPod): Failure | undefined {
    if (this.forced.has(p)) return undefined;
    return p.nominatedNode !== null ? this.byPod.get(p) : this.byTemplate.get(p.spec);
  }

  templateFailed(t: PodTemplate): boolean {
    return this.byTemplate.has(t);
  }

  podFailed(p: SimPod): boolean {
    return this.byPod.has(p);
  }

  requeuedTo(p: SimPod): { nodes: SimNode[]; bits: number } | undefined {
    return this.requeued.get(p.nominatedNode !== null ? p : p.spec);
  }

  /** `p` is tried again in the next pass (MoveAllToActiveQueue for one pod). */
  retry(p: SimPod): void {
    this.forced.add(p);
    this.byPod.delete(p);
  }

  /** Adds the forced pods the batch does not have yet. */
  takeRetries(batch: SimPod[]): void {
    for (const p of this.forced) if (p.active && p.node === null && p.nominatedNode === null && this.byTemplate.has(p.spec)) batch.push(p);
  }

  endPass(): void {
    this.requeued.clear();
    this.forced.clear();
  }

  /** A FailedScheduling message of the template recent enough to be reused. */
  freshMessage(t: PodTemplate): boolean {
    const old = this.last.get(t);
    return old !== undefined && old.message !== null && this.host.c.now - old.messageAt < MESSAGE_REUSE_MS;
  }

  /** Remembers a failed attempt of `p` (after its PostFilter). */
  add(p: SimPod, group: PodGroup, bits: number, message: string | null, state: CycleState | null): Failure {
    const now = this.host.c.now;
    const key = p.nominatedNode !== null ? p : p.spec;
    const prior = key === p ? this.byPod.get(p) : this.byTemplate.get(p.spec);
    if (prior) this.drop(prior);
    let messageAt = now;
    if (message === null) {
      const old = this.last.get(p.spec);
      if (old && now - old.messageAt < MESSAGE_REUSE_MS) {
        message = old.message;
        messageAt = old.messageAt;
      }
    }
    const f: Failure = { key, pod: p, group, message, messageAt, bits, failedAt: now, state, dirty: false, roles: new Map() };
    if (key === p) this.byPod.set(p, f);
    else this.byTemplate.set(p.spec, f);
    this.last.set(p.spec, f);
    if (bits & FILTER_COUNTS) {
      this.counting.add(f);
      for (const g of this.candidateGroups(f)) this.watch(f, g);
    }
    return f;
  }

  private drop(f: Failure): void {
    if (f.key === f.pod && this.byPod.get(f.pod) === f) this.byPod.delete(f.pod);
    else if (this.byTemplate.get(f.pod.spec) === f) this.byTemplate.delete(f.pod.spec);
    if (this.counting.delete(f)) for (const g of f.roles.keys()) this.groups.unwatch(g, f);
  }

  private clearAll(): void {
    for (const f of this.counting) for (const g of f.roles.keys()) this.groups.unwatch(g, f);
    this.counting.clear();
    this.byTemplate.clear();
    this.byPod.clear();
    this.requeued.clear();
  }

  /** The groups whose changes could matter to a failure (for the plugins that rejected nodes). */
  private candidateGroups(f: Failure): Set<PodGroup> {
    const g = f.group;
    const out = new Set<PodGroup>();
    if (f.bits & FILTER_SPREAD) for (const c of g.hardSpread) for (const q of spreadMatches(this.groups, g, c)) out.add(q);
    if (f.bits & FILTER_INTERPOD) {
      for (const t of [...g.requiredAffinity, ...g.requiredAntiAffinity]) for (const q of termMatches(this.groups, t)) out.add(q);
      for (const s of this.groups.symmetricTo(g)) out.add(s.group);
    }
    return out;
  }

  /** Registers `f` as a watcher of `q` if q's changes could matter to it. */
  private watch(f: Failure, q: PodGroup): void {
    const g = f.group;
    let role = 0;
    if (f.bits & FILTER_SPREAD && g.hardSpread.some((c) => spreadMatches(this.groups, g, c).includes(q))) role |= ROLE_SPREAD;
    if (f.bits & FILTER_INTERPOD) {
      if (matchesAll(g.requiredAffinity, q)) role |= ROLE_AFFINITY;
      if (matchesAll(g.requiredAntiAffinity, q)) role |= ROLE_ANTI_ALL;
      else if (g.requiredAntiAffinity.some((t) => t.matchesAsOwn(q.namespace, q.labels))) role |= ROLE_ANTI_SOME;
      if (this.groups.symmetricTo(g).some((s) => s.group === q)) role |= ROLE_SYMMETRIC;
    }
    if (role === 0) return;
    f.roles.set(q, (f.roles.get(q) ?? 0) | role);
    this.groups.watch(q, f);
  }

  /** Moves failures back to the active queue when something changed that could help. */
  requeue(): void {
    const q = this.queue;
    const groups = this.groups;
    if (q.nodesRelaxed) {
      this.clearAll();
      groups.changed.clear();
      q.clearHints();
      return;
    }
    this.byTemplate.forEach((f, t) => {
      const pods = q.pendingByTemplate.get(t);
      if (!pods) return this.drop(f);
      if (!f.pod.active || f.pod.node !== null || f.pod.nominatedNode !== null) {
        let rep: SimPod | null = null;
        for (const p of pods) {
          if (p.nominatedNode === null) {
            rep = p;
            break;
          }
        }
        if (rep === null) this.drop(f);
        else f.pod = rep;
      }
    });
    this.byPod.forEach((f, p) => {
      if (!p.active || p.node !== null || p.nominatedNode === null) this.drop(f);
    });
    // PodTopologySpread and InterPodAffinity register node taint changes. A taint added cannot
    // help either unless a constraint honours taints (nodeTaintsPolicy Honor: fewer domains), so
    // only then — or when something unhinted changed (dirty) — is the retry worth it: the others
    // would fail as before (a removed taint relaxes the node and retries everything anyway).
    if (q.taintsChanged) for (const f of [...this.counting]) if (f.dirty || f.group.hardSpread.some((c) => c.nodeTaintsHonor)) this.drop(f);
    if (groups.changed.size > 0) {
      groups.changed.forEach((kinds, g) => {
        const ws = groups.watchers.get(g);
        if (ws) for (const w of [...ws]) this.hint(w as Failure, g, kinds);
      });
      groups.changed.clear();
    }
    if (q.freedNodes.size > 0) this.freed(q.freedNodes);
    q.clearHints();
  }

  private hint(f: Failure, g: PodGroup, kinds: number): void {
    const role = f.roles.get(g) ?? 0;
    const full =
      (role & ROLE_SPREAD && kinds & (GROUP_BOUND | GROUP_GONE)) ||
      (role & ROLE_AFFINITY && kinds & GROUP_BOUND) ||
      (role & ROLE_ANTI_ALL && kinds & GROUP_GONE);
    if (full) return this.drop(f);
    if ((role & ROLE_SPREAD && kinds & GROUP_TERMINATING) || (role & (ROLE_ANTI_SOME | ROLE_SYMMETRIC) && kinds & GROUP_GONE)) this.markDirty(f);
  }

  /** NodeResourcesFit's hint: the failures rejected for resources, tried on the freed nodes. */
  private freed(freed: Set<SimNode>): void {
    const all = [...this.byTemplate.values(), ...this.byPod.values()];
    if (freed.size * all.length > MAX_REQUEUE_CHECKS) {
      this.clearAll();
      return;
    }
    for (const f of all) {
      // A pod waiting for its nominated node's victims is tried on that node whatever rejected it.
      const waiting = f.key === f.pod && f.pod.nominatedNode !== null && freed.has(f.pod.nominatedNode);
      if (!(f.bits & FILTER_FIT) && !waiting) continue;
      // Upstream this is a full attempt, which sees what changed silently since.
      if (f.dirty) {
        this.drop(f);
        continue;
      }
      let fits: SimNode[] | null = null;
      for (const n of freed) if (f.state !== null && f.state.filter(n) === 0) (fits ??= []).push(n);
      if (fits) {
        this.drop(f);
        this.requeued.set(f.key, { nodes: fits.sort((a, b) => a.index - b.index), bits: f.bits });
      }
    }
  }

  private markDirty(f: Failure): void {
    if (f.dirty) return;
    f.dirty = true;
    // The flush that finds it over 5 minutes old — the next one, if that age is already reached.
    const next = (Math.floor(this.host.c.now / FLUSH_PERIOD_MS) + 1) * FLUSH_PERIOD_MS;
    this.scheduleFlush(Math.max(flushTick(f.failedAt), next));
  }

  private scheduleFlush(at: number): void {
    const e = this.engine;
    if (e === null) return;
    if (this.flush !== null && e.pending(this.flush)) {
      if (this.flush.time <= at) return;
      this.flush = e.reschedule(this.flush, at);
      return;
    }
    this.flush = e.at(at, PRIORITY.controllerTimer, () => this.flushLeftover());
  }

  /** flushUnschedulablePodsLeftover: dirty failures older than 5 minutes go back to the active queue. */
  private flushLeftover(): void {
    const now = this.host.c.now;
    let next = Infinity;
    let moved = false;
    for (const f of [...this.counting]) {
      if (!f.dirty) continue;
      if (now - f.failedAt > MAX_UNSCHEDULABLE_MS) {
        this.drop(f);
        moved = true;
      } else next = Math.min(next, Math.max(flushTick(f.failedAt), now + FLUSH_PERIOD_MS));
    }
    this.flush = null;
    if (next !== Infinity) this.scheduleFlush(next);
    if (moved) this.wake();
  }
}

/** The first flush (every 30 s from the start) at which a failure at `failedAt` is over 5 minutes old. */
export function flushTick(failedAt: number): number {
  return (Math.floor((failedAt + MAX_UNSCHEDULABLE_MS) / FLUSH_PERIOD_MS) + 1) * FLUSH_PERIOD_MS;
}
