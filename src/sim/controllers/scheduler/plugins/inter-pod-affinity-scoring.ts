// InterPodAffinity's Score, after pkg/scheduler/framework/plugins/interpodaffinity scoring.go
// (PreScore, Score, NormalizeScore): ±weight of preferred terms (the pod's, matched by existing
// pods; existing pods', matched by it), hardPodAffinityWeight for existing pods' required
// affinity, summed per (topologyKey, value); normalised 100 × (s − min) / (max − min).
// PreFilter and Filter are in inter-pod-affinity.ts.
import type { SimNode } from '../../../state/objects.js';
import type { AffinityTerm, PodGroup } from '../pod-group.js';
import type { PodGroups } from '../pod-groups.js';
import { type TopologyCounts, termMatches } from './inter-pod-affinity.js';

/** Default InterPodAffinityArgs.hardPodAffinityWeight. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/**
 * PreScore + Score + NormalizeScore: adds weight × normalised score to `total`; nothing when
 * PreScore returns Skip (no term of the pod or of an existing pod scores anything) — then it
 * returns false.
 */
export function addInterPodScores(
  group: PodGroup,
  groups: PodGroups,
  feasible: readonly SimNode[],
  total: number[],
  weight: number,
  hardPodAffinityWeight = HARD_POD_AFFINITY_WEIGHT,
): boolean {
  if (!groups.interPod || feasible.length === 0) return false;
  const score: TopologyCounts = new Map();
  let touched = false;
  const credit = (n: SimNode, key: string, by: number, times: number) => {
    const v = n.labels[key];
    if (v === undefined) return;
    let inner = score.get(key);
    if (!inner) score.set(key, (inner = new Map()));
    inner.set(v, (inner.get(v) ?? 0) + by * times);
    touched = true;
  };
  const hasLabels = (n: SimNode) => {
    for (const _ in n.labels) return true;
    return false;
  };
  // The pod's preferred terms, matched by existing pods.
  for (const [list, sign] of [
    [group.preferredAffinity, 1],
    [group.preferredAntiAffinity, -1],
  ] as const) {
    for (const { term, weight: w } of list) {
      for (const q of termMatches(groups, term)) {
        q.holding.forEach((k, n) => void (hasLabels(n) && credit(n, term.topologyKey, sign * w, k)));
      }
    }
  }
  // Existing pods' terms matched by the pod.
  const m = (t: AffinityTerm) => t.matches(group.namespace, group.nsLabels, group.labels);
  for (const { group: q } of groups.scoringFor(group)) {
    q.holding.forEach((k, n) => {
      if (!hasLabels(n)) return;
      if (hardPodAffinityWeight > 0) for (const t of q.requiredAffinity) if (m(t)) credit(n, t.topologyKey, hardPodAffinityWeight, k);
      for (const { term, weight: w } of q.preferredAffinity) if (m(term)) credit(n, term.topologyKey, w, k);
      for (const { term, weight: w } of q.preferredAntiAffinity) if (m(term)) credit(n, term.topologyKey, -w, k);
    });
  }
  if (!touched) return false;
  const raw = feasible.map((n) => {
    let s = 0;
    score.forEach((inner, key) => {
      const v = n.labels[key];
      if (v !== undefined) s += inner.get(v) ?? 0;
    });
    return s;
  });
  let min = Infinity;
  let max = -Infinity;
  for (const s of raw) {
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const diff = max - min;
  for (let i = 0; i < raw.length; i++) total[i] += weight * (diff > 0 ? Math.trunc(100 * ((raw[i] - min) / diff)) : 0);
  return true;
}
