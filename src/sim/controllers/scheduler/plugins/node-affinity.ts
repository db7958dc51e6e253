// NodeAffinity, after pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go: Filter
// matches the pod's nodeSelector and required node affinity (src/model/node-affinity.ts) and is
// UnschedulableAndUnresolvable on failure; PreFilter narrows the nodes to those named by
// `metadata.name In` field terms (the other nodes are rejected as not satisfying the plugin);
// Score sums the weights of the preferred terms a node matches, normalised score × 100 / max.
import type { PreferredNodeAffinity } from '../../../../model/node-affinity.js';
import type { SimNode } from '../../../state/objects.js';
import type { PodGroup } from '../pod-group.js';

export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
/** Nodes left out by PreFilterResult.NodeNames (schedule_one.go findNodesThatFitPod). */
export const REASON_NODE_AFFINITY_PREFILTER = "node(s) didn't satisfy plugin(s) [NodeAffinity]";
/** NodeAffinityArgs.addedAffinity (a scheduler-wide selector; Headroom's profile has none). */
export const REASON_ADDED_AFFINITY = "node(s) didn't match scheduler-enforced node affinity";
/** PreFilter when the name terms leave no node at all. */
export const REASON_NODE_AFFINITY_CONFLICT = 'pod affinity terms conflict';

/** NodeAffinity Filter: the node matches the pod's nodeSelector and required node affinity. */
export function nodeAffinityMatches(g: PodGroup, node: SimNode): boolean {
  return g.nodeAffinity === null || g.nodeAffinity.match(node);
}

/**
 * PreScore + Score + NormalizeScore (DefaultNormalizeScore, not reversed): weight × score into
 * total. Returns false when PreScore skips (no preferred terms).
 */
export function addNodeAffinityScores(g: PodGroup, feasible: readonly SimNode[], total: number[], weight: number, added: PreferredNodeAffinity | null = null): boolean {
  const pref = g.preferredNodeAffinity;
  if (pref === null && added === null) return false;
  const raw = feasible.map((n) => (pref?.score(n) ?? 0) + (added?.score(n) ?? 0));
  let max = 0;
  for (const s of raw) if (s > max) max = s;
  if (max === 0) return true;
  for (let i = 0; i < raw.length; i++) total[i] += weight * Math.trunc((raw[i] * 100) / max);
  return true;
}
