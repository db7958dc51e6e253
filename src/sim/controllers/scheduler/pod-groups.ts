// The scheduler's index of pods by PodGroup (pods with the same namespace, labels and spec), kept
// from the change feed as the scheduler cache's NodeInfo pod lists are: which groups exist, which
// groups a selector matches (cached per term, extended as groups appear), the groups whose pods
// carry required anti-affinity (the symmetry check) or terms that score other pods, and per group
// the pods per node. A ReplicaSet's pods are one group whose per-node counts are the ReplicaSet's
// own, so nothing is kept per pod unless some pod carries inter-pod (anti-)affinity terms
// ("inter-pod mode": then bound pods per node, terminating ones included, are counted per group)
// or a group is watched by a pending pod's scheduling failure (the queueing hints).
import type { ClusterState } from '../../state/cluster-state.js';
import { ById } from '../../state/by-id.js';
import { type ClusterObserver, POD_ACTIVE, POD_HOLDS } from '../../state/feed.js';
import type { SimNode, SimPod, SimReplicaSet, SimRevision } from '../../state/objects.js';
import type { Labels, Selector } from '../../../model/label-selector.js';
import { type AffinityTerm, type NamespaceLister, PodGroup } from './pod-group.js';

/** What happened to a group's bound pods since the scheduler last looked (bits). */
export const GROUP_BOUND = 1;
/** A bound pod stopped counting for PodTopologySpread but still holds its node (terminating). */
export const GROUP_TERMINATING = 2;
/** A bound pod stopped holding its node (its object is gone, or it finished). */
export const GROUP_GONE = 4;

/** The groups a selector matches, extended as groups are registered. */
export interface GroupMatches {
  readonly groups: PodGroup[];
  readonly set: Set<PodGroup>;
}

interface Cache extends GroupMatches {
  readonly test: (g: PodGroup) => boolean;
}

/** An existing group's terms that an incoming group matches. */
export interface TermsOf {
  readonly group: PodGroup;
  readonly terms: readonly AffinityTerm[];
}

interface Derived {
  seen: number;
  readonly list: TermsOf[];
}

export class PodGroups implements ClusterObserver, NamespaceLister {
  readonly all: PodGroup[] = [];
  /** Groups whose pods carry required anti-affinity terms. */
  readonly withRequiredAntiAffinity: PodGroup[] = [];
  /** Groups whose pods carry required affinity or preferred (anti-)affinity terms (they score others). */
  readonly withScoringTerms: PodGroup[] = [];
  /** Some group carries inter-pod terms: bound pods per node are counted per group. */
  interPod = false;
  /** Groups that changed since the last look, with what happened (GROUP_*), for the watched ones. */
  readonly changed = new Map<PodGroup, number>();
  /** Groups with at least one watcher. */
  watched = 0;
  private readonly byRs = new Map<SimRevision, PodGroup>();
  private readonly byContent = new Map<string, PodGroup>();
  /** The group of each pod that is not of its ReplicaSet's template. */
  private readonly ofPod = new ById<PodGroup>();
  /** Revisions with pods of another spec (from a dump; DaemonSet pods, pinned to their node): their template group counts for itself. */
  private readonly trackedRs = new Set<SimRevision>();
  private readonly caches = new Map<object, Cache>();
  private readonly symmetric = new Map<PodGroup, Derived>();
  private readonly scorers = new Map<PodGroup, Derived>();
  private readonly nsMatches = new Map<Selector, string[]>();
  /** Told of every new group (the scheduler's failures watch the ones that matter to them). */
  onRegister: ((g: PodGroup) => void) | null = null;
  /** Watchers per group (a pending pod's failure waiting for a change of that group). */
  readonly watchers = new Map<PodGroup, Set<unknown>>();

  constructor(private readonly c: ClusterState) {
    for (const w of c.workloads) for (const r of w.revisions) this.rsGroup(r);
  }

  labelsOf(namespace: string): Labels {
    return this.c.namespaces.get(namespace) ?? {};
  }

  matching(selector: Selector): string[] {
    let out = this.nsMatches.get(selector);
    if (!out) {
      out = [];
      for (const [name, labels] of this.c.namespaces) if (selector.matches(labels)) out.push(name);
      this.nsMatches.set(selector, out);
    }
    return out;
  }

  /** The group of a revision's template pods (a ReplicaSet's, a ControllerRevision's). */
  rsGroup(rs: SimRevision): PodGroup {
    let g = this.byRs.get(rs);
    if (!g) {
      g = new PodGroup(this.all.length, rs.workload.namespace, rs.template, rs, rs, this);
      this.byRs.set(rs, g);
      this.register(g);
    }
    return g;
  }

  /** The group of a pod (pending or bound). */
  groupOf(p: SimPod): PodGroup {
    const rs = p.revision;
    if (rs !== null && p.spec === rs.template) return this.rsGroup(rs);
    let g = this.ofPod.get(p.id);
    if (!g) g = this.registerPod(p);
    return g;
  }

  replicaSetChanged(rs: SimReplicaSet): void {
    this.rsGroup(rs);
  }

  podChanged(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    const rs = p.revision;
    const own = rs !== null && p.spec === rs.template;
    if (before === 0 && !own) this.registerPod(p);
    // The common case: nothing is kept per pod.
    if (own && !this.interPod && this.watched === 0 && (this.trackedRs.size === 0 || !this.trackedRs.has(rs))) return;
    const wasBound = (before & POD_ACTIVE) !== 0 && oldNode !== null;
    const isBound = (after & POD_ACTIVE) !== 0 && p.node !== null;
    const wasHold = (before & POD_HOLDS) !== 0 && oldNode !== null;
    const isHold = (after & POD_HOLDS) !== 0 && p.node !== null;
    const moved = oldNode !== p.node;
    if (wasBound === isBound && wasHold === isHold && !moved) return;
    const g = own ? this.rsGroup(rs) : this.ofPod.get(p.id)!;
    if (!g.rsBacked) {
      if (wasBound && (!isBound || moved)) g.bumpActive(oldNode!, -1);
      if (isBound && (!wasBound || moved)) g.bumpActive(p.node!, 1);
    }
    if (this.interPod) {
      if (wasHold && (!isHold || moved)) g.bumpHolding(oldNode!, -1);
      if (isHold && (!wasHold || moved)) g.bumpHolding(p.node!, 1);
    }
    if (this.watched > 0 && this.watchers.has(g)) {
      let kinds = 0;
      if (isBound && (!wasBound || moved)) kinds |= GROUP_BOUND;
      if (wasBound && !isBound && isHold) kinds |= GROUP_TERMINATING;
      if (wasHold && (!isHold || moved)) kinds |= GROUP_GONE;
      if (kinds !== 0) this.changed.set(g, (this.changed.get(g) ?? 0) | kinds);
    }
  }

  /**
   * A pod whose spec is not its revision's template (or which no workload owns). What its spec
   * adds for one pod only — a DaemonSet pod's node, a StatefulSet pod's volume zone — is the
   * attempt's (CycleState), not the group's: pods differing only there share a group.
   */
  private registerPod(p: SimPod): PodGroup {
    const t = p.spec;
    const labels = Object.keys(t.labels).sort().map((k) => [k, t.labels[k]]);
    const key = `${p.namespace}\u0000${p.revision?.name ?? ''}\u0000${JSON.stringify([labels, t.priority, t.nodeSelector, t.affinity ?? null, t.topologySpread])}`;
    let g = this.byContent.get(key);
    if (!g) {
      g = new PodGroup(this.all.length, p.namespace, t, null, p.revision, this);
      g.rsBacked = false;
      this.byContent.set(key, g);
      this.register(g);
    }
    this.ofPod.set(p.id, g);
    const rs = p.revision;
    if (rs !== null && !this.trackedRs.has(rs)) {
      // Its ReplicaSet's per-node counts now include a pod of another group: count its own.
      this.trackedRs.add(rs);
      const own = this.rsGroup(rs);
      own.rsBacked = false;
      for (const q of rs.pods) if (q.spec === rs.template && q.active && q.node) own.bumpActive(q.node, 1);
      if (this.interPod) for (const q of rs.pods) if (q.spec === rs.template && q.holdsResources) own.bumpHolding(q.node!, 1);
    }
    return g;
  }

  private register(g: PodGroup): void {
    this.all.push(g);
    if (g.requiredAntiAffinity.length > 0) this.withRequiredAntiAffinity.push(g);
    if (g.requiredAffinity.length > 0 || g.preferredAffinity.length > 0 || g.preferredAntiAffinity.length > 0) this.withScoringTerms.push(g);
    this.caches.forEach((cache) => {
      if (cache.test(g)) {
        cache.groups.push(g);
        cache.set.add(g);
      }
    });
    if (g.hasPodAffinity && !this.interPod) this.startInterPod();
    this.onRegister?.(g);
  }

  /** Inter-pod mode from now on: count the bound pods of every group per node. */
  private startInterPod(): void {
    this.interPod = true;
    for (const n of this.c.nodes) for (const p of n.pods) this.groupOf(p).bumpHolding(n, 1);
  }

  /** The groups `test` selects, for a selector owned by `key` (a compiled term or constraint). */
  matches(key: object, test: (g: PodGroup) => boolean): GroupMatches {
    let cache = this.caches.get(key);
    if (!cache) {
      const groups = this.all.filter(test);
      cache = { test, groups, set: new Set(groups) };
      this.caches.set(key, cache);
    }
    return cache;
  }

  /** Existing groups whose required anti-affinity terms `incoming` matches (symmetry), with those terms. */
  symmetricTo(incoming: PodGroup): readonly TermsOf[] {
    return this.derive(this.symmetric, this.withRequiredAntiAffinity, incoming, (g) => {
      const ts = g.requiredAntiAffinity.filter((t) => t.matches(incoming.namespace, incoming.nsLabels, incoming.labels));
      return ts.length > 0 ? ts : null;
    });
  }

  /** Existing groups with a scoring term (required affinity, preferred terms) that `incoming` matches. */
  scoringFor(incoming: PodGroup): readonly TermsOf[] {
    return this.derive(this.scorers, this.withScoringTerms, incoming, (g) => {
      const m = (t: AffinityTerm) => t.matches(incoming.namespace, incoming.nsLabels, incoming.labels);
      return g.requiredAffinity.some(m) || g.preferredAffinity.some((w) => m(w.term)) || g.preferredAntiAffinity.some((w) => m(w.term)) ? [] : null;
    });
  }

  private derive(cache: Map<PodGroup, Derived>, source: PodGroup[], incoming: PodGroup, pick: (g: PodGroup) => readonly AffinityTerm[] | null): readonly TermsOf[] {
    let d = cache.get(incoming);
    if (!d) cache.set(incoming, (d = { seen: 0, list: [] }));
    for (; d.seen < source.length; d.seen++) {
      const g = source[d.seen];
      const terms = pick(g);
      if (terms !== null) d.list.push({ group: g, terms });
    }
    return d.list;
  }

  watch(g: PodGroup, w: unknown): void {
    let s = this.watchers.get(g);
    if (!s) {
      this.watchers.set(g, (s = new Set()));
      this.watched++;
    }
    s.add(w);
  }

  unwatch(g: PodGroup, w: unknown): void {
    const s = this.watchers.get(g);
    if (!s || !s.delete(w)) return;
    if (s.size === 0) {
      this.watchers.delete(g);
      this.watched--;
    }
  }
}
