// InterPodAffinity, after pkg/scheduler/framework/plugins/interpodaffinity (filtering.go,
// scoring.go). Existing pods are every pod bound to a node that still holds it — terminating
// ones included: the scheduler cache keeps a pod until its object is gone (kubernetes#111793).
// - PreFilter: three counts per (topologyKey, value): pods matching ALL the incoming pod's
//   required affinity terms, pods matching each of its anti-affinity terms, and existing pods
//   whose required anti-affinity terms the incoming pod matches (symmetry). Skip when the pod
//   has no required terms and no existing pod's anti-affinity matches it.
// - Filter, first failure decides: affinity (UnschedulableAndUnresolvable; the first pod of a
//   self-affine group may go anywhere that has the keys), anti-affinity (Unschedulable; a node
//   without the term's key passes it), existing pods' anti-affinity (Unschedulable).
// - Score (inter-pod-affinity-scoring.ts): ±weight of preferred terms (the pod's, matched by
//   existing pods; existing pods', matched by it), hardPodAffinityWeight for existing pods'
//   required affinity; normalised 100 × (s − min) / (max − min).
import { LABEL_HOSTNAME as HOSTNAME_KEY } from '../../../../model/well-known.js';
import type { SimNode } from '../../../state/objects.js';
import type { AffinityTerm, PodGroup } from '../pod-group.js';
import type { PodGroups, TermsOf } from '../pod-groups.js';

export const INTERPOD_AFFINITY = 1;
export const INTERPOD_ANTI_AFFINITY = 2;
export const INTERPOD_EXISTING_ANTI_AFFINITY = 4;

export const REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

/** topologyToMatchedTermCount: key → value → count (entries at 0 are deleted). */
export type TopologyCounts = Map<string, Map<string, number>>;

function add(m: TopologyCounts, key: string, value: string, by: number): void {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  const v = (inner.get(value) ?? 0) + by;
  if (v === 0) {
    inner.delete(value);
    if (inner.size === 0) m.delete(key);
  } else inner.set(value, v);
}

function get(m: TopologyCounts, key: string, value: string): number {
  return m.get(key)?.get(value) ?? 0;
}

function copy(m: TopologyCounts): TopologyCounts {
  const out: TopologyCounts = new Map();
  m.forEach((inner, k) => out.set(k, new Map(inner)));
  return out;
}

/** podMatchesAllAffinityTerms for the incoming pod's own terms (none: false). */
export function matchesAll(terms: readonly AffinityTerm[], q: PodGroup): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!t.matchesAsOwn(q.namespace, q.labels)) return false;
  return true;
}

/** The groups a term of the incoming pod selects (cached per term). */
export function termMatches(groups: PodGroups, t: AffinityTerm): readonly PodGroup[] {
  return groups.matches(t, (x) => t.matchesAsOwn(x.namespace, x.labels)).groups;
}

export class InterPodState {
  private affinity: TopologyCounts = new Map();
  private anti: TopologyCounts = new Map();
  private existing: TopologyCounts = new Map();
  private readonly symmetric: readonly TermsOf[];
  /**
   * When every node has its own hostname, hostname-keyed terms are not counted into the maps:
   * the count on a node is its matching groups' pods on it. Per anti-affinity term (null: in the
   * map), and the symmetric groups whose hostname-keyed terms the pod matches.
   */
  private antiHost: (readonly PodGroup[] | null)[] = [];
  private existingHost: PodGroup[] = [];

  private constructor(
    private readonly group: PodGroup,
    groups: PodGroups,
  ) {
    this.symmetric = groups.symmetricTo(group);
  }

  /** PreFilter, or null for Skip. `uniqueHostnames`: every node has a hostname label of its own. */
  static prefilter(group: PodGroup, groups: PodGroups, uniqueHostnames = false): InterPodState | null {
    if (!groups.interPod) return null;
    const s = new InterPodState(group, groups);
    let existingPods = false;
    for (const { group: q, terms } of s.symmetric) {
      let host = false;
      for (const t of terms) {
        if (uniqueHostnames && t.topologyKey === HOSTNAME_KEY) {
          host = true;
          continue;
        }
        for (const [n, k] of q.holding) {
          const v = n.labels[t.topologyKey];
          if (v !== undefined) add(s.existing, t.topologyKey, v, k);
        }
      }
      if (host && q.holdingTotal > 0) {
        s.existingHost.push(q);
        existingPods = true;
      }
    }
    const aff = group.requiredAffinity;
    if (aff.length > 0) {
      // Pods matching every term count for each term's (key, value).
      for (const q of termMatches(groups, aff[0])) {
        if (!matchesAll(aff, q)) continue;
        for (const [n, k] of q.holding) {
          for (const t of aff) {
            const v = n.labels[t.topologyKey];
            if (v !== undefined) add(s.affinity, t.topologyKey, v, k);
          }
        }
      }
    }
    for (const t of group.requiredAntiAffinity) {
      const matching = termMatches(groups, t);
      if (uniqueHostnames && t.topologyKey === HOSTNAME_KEY) {
        s.antiHost.push(matching);
        continue;
      }
      s.antiHost.push(null);
      for (const q of matching) {
        for (const [n, k] of q.holding) {
          const v = n.labels[t.topologyKey];
          if (v !== undefined) add(s.anti, t.topologyKey, v, k);
        }
      }
    }
    if (s.existing.size === 0 && !existingPods && aff.length === 0 && group.requiredAntiAffinity.length === 0) return null;
    return s;
  }

  /** Filter: 0 or the INTERPOD_* bit of the first check that fails. */
  filter(node: SimNode): number {
    const g = this.group;
    const labels = node.labels;
    if (g.requiredAffinity.length > 0) {
      let exist = true;
      for (const t of g.requiredAffinity) {
        const v = labels[t.topologyKey];
        if (v === undefined) return INTERPOD_AFFINITY;
        if (get(this.affinity, t.topologyKey, v) <= 0) exist = false;
      }
      // The first pod of a group with affinity to itself.
      if (!exist && !(this.affinity.size === 0 && matchesAll(g.requiredAffinity, g))) return INTERPOD_AFFINITY;
    }
    const anti = g.requiredAntiAffinity;
    for (let i = 0; i < anti.length; i++) {
      const t = anti[i];
      const v = labels[t.topologyKey];
      if (v === undefined) continue;
      const host = this.antiHost[i];
      if (host) {
        for (const q of host) if ((q.holding.get(node) ?? 0) > 0) return INTERPOD_ANTI_AFFINITY;
      } else if (get(this.anti, t.topologyKey, v) > 0) return INTERPOD_ANTI_AFFINITY;
    }
    if (this.existingHost.length > 0 && labels[HOSTNAME_KEY] !== undefined) {
      for (const q of this.existingHost) if ((q.holding.get(node) ?? 0) > 0) return INTERPOD_EXISTING_ANTI_AFFINITY;
    }
    if (this.existing.size > 0) {
      for (const [k, inner] of this.existing) {
        const v = labels[k];
        if (v !== undefined && (inner.get(v) ?? 0) > 0) return INTERPOD_EXISTING_ANTI_AFFINITY;
      }
    }
    return 0;
  }

  /** The hostname-keyed counts written into the maps (what AddPod / RemovePod then move). */
  private materialize(): void {
    const g = this.group;
    g.requiredAntiAffinity.forEach((t, i) => {
      const host = this.antiHost[i];
      if (!host) return;
      for (const q of host) for (const [n, k] of q.holding) add(this.anti, t.topologyKey, n.labels[t.topologyKey], k);
      this.antiHost[i] = null;
    });
    for (const q of this.existingHost) {
      const x = this.symmetric.find((s) => s.group === q)!;
      for (const t of x.terms) {
        if (t.topologyKey !== HOSTNAME_KEY) continue;
        for (const [n, k] of q.holding) {
          const v = n.labels[HOSTNAME_KEY];
          if (v !== undefined) add(this.existing, HOSTNAME_KEY, v, k);
        }
      }
    }
    this.existingHost = [];
  }

  clone(): InterPodState {
    const s = Object.create(InterPodState.prototype) as InterPodState;
    Object.assign(s, this);
    s.affinity = copy(this.affinity);
    s.anti = copy(this.anti);
    s.existing = copy(this.existing);
    s.antiHost = [...this.antiHost];
    s.existingHost = [...this.existingHost];
    s.materialize();
    return s;
  }

  /** Whether a pod of group `q` counts for this state (AddPod / RemovePod would move counts). */
  counts(q: PodGroup): boolean {
    const g = this.group;
    if (this.symmetric.some((x) => x.group === q)) return true;
    if (matchesAll(g.requiredAffinity, q)) return true;
    return g.requiredAntiAffinity.some((t) => t.matchesAsOwn(q.namespace, q.labels));
  }

  /** updateWithPod (AddPod / RemovePod of the preemption dry run): a pod of `q` on `node`, ±1. */
  update(q: PodGroup, node: SimNode, by: number): void {
    const g = this.group;
    for (const x of this.symmetric) {
      if (x.group !== q) continue;
      for (const t of x.terms) {
        const v = node.labels[t.topologyKey];
        if (v !== undefined) add(this.existing, t.topologyKey, v, by);
      }
    }
    if (matchesAll(g.requiredAffinity, q)) {
      for (const t of g.requiredAffinity) {
        const v = node.labels[t.topologyKey];
        if (v !== undefined) add(this.affinity, t.topologyKey, v, by);
      }
    }
    for (const t of g.requiredAntiAffinity) {
      if (!t.matchesAsOwn(q.namespace, q.labels)) continue;
      const v = node.labels[t.topologyKey];
      if (v !== undefined) add(this.anti, t.topologyKey, v, by);
    }
  }
}
