// PodTopologySpread's shared part, after pkg/scheduler/framework/plugins/podtopologyspread
// common.go: what the plugin reads of the pod and the cluster, the pods a constraint counts
// (countPodsMatchSelector: same namespace, matching selector; an empty selector counts nothing)
// and the nodeTaintsPolicy Honor test. Used by PreFilter / Filter (pod-topology-spread.ts) and
// Score (pod-topology-spread-scoring.ts).
import { tolerationsTolerateTaint } from '../../../../model/taints.js';
import type { Toleration } from '../../../../model/types.js';
import type { SimNode } from '../../../state/objects.js';
import type { PodGroup, SpreadConstraint } from '../pod-group.js';
import type { PodGroups } from '../pod-groups.js';
import type { Topology } from '../topology.js';

/** What the plugin needs to know of the pod and the cluster. */
export interface SpreadContext {
  readonly group: PodGroup;
  readonly tolerations: readonly Toleration[];
  readonly groups: PodGroups;
  readonly topology: Topology;
}

/** Whether a node has a NoSchedule / NoExecute taint the tolerations do not tolerate. */
export function untoleratedScheduleTaint(n: SimNode, tols: readonly Toleration[]): boolean {
  for (const t of n.taints) if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(tols, t)) return true;
  return false;
}

/** The groups a constraint of `group` counts: same namespace, matching selector (an empty one counts nothing). */
export function spreadMatches(groups: PodGroups, group: PodGroup, c: SpreadConstraint): readonly PodGroup[] {
  if (c.selector.empty || c.selector.nothing) return [];
  const ns = group.namespace;
  return groups.matches(c, (q) => q.namespace === ns && c.selector.matches(q.labels)).groups;
}
