// The counts an informer's indexes would give over a revision's (ReplicaSet's, ControllerRevision's)
// and its workload's pods — status.replicas / readyReplicas / availableReplicas, pending and
// terminating pods, evictions, active pods per node and zone — moved by one pod change (its
// PodFlags before and after).
import { POD_ACTIVE, POD_AVAILABLE, POD_DISRUPTED, POD_PENDING, POD_READY, POD_TERMINATING } from './feed.js';
import type { SimNode, SimPod, SimRevision } from './objects.js';

export function countOwnerPods(rs: SimRevision, p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
  const d = rs.workload;
  const diff = before ^ after;
  // +1 / -1 / 0 for each counter bit that flipped (no closures: this runs for every change).
  const a = diff & POD_ACTIVE ? (after & POD_ACTIVE ? 1 : -1) : 0;
  const r = diff & POD_READY ? (after & POD_READY ? 1 : -1) : 0;
  const v = diff & POD_AVAILABLE ? (after & POD_AVAILABLE ? 1 : -1) : 0;
  rs.activeReplicas += a;
  rs.readyReplicas += r;
  rs.availableReplicas += v;
  d.activePods += a;
  d.readyPods += r;
  d.availablePods += v;
  if (diff & POD_PENDING) d.pendingPods += after & POD_PENDING ? 1 : -1;
  if (diff & POD_TERMINATING) d.terminatingPods += after & POD_TERMINATING ? 1 : -1;
  if (diff & POD_DISRUPTED && after & POD_DISRUPTED) d.evictions++;
  // Active pods per node/zone, for ReplicaSet ranks and topology spreading.
  const nodeMoved = oldNode !== p.node;
  const wasCounted = before & POD_ACTIVE && oldNode;
  const isCounted = after & POD_ACTIVE && p.node;
  if (wasCounted && (!isCounted || nodeMoved)) bump(rs, oldNode!, -1);
  if (isCounted && (!wasCounted || nodeMoved)) bump(rs, p.node!, 1);
}

function bump(rs: SimRevision, n: SimNode, by: number): void {
  const c = (rs.activePerNode.get(n) ?? 0) + by;
  if (c === 0) rs.activePerNode.delete(n);
  else rs.activePerNode.set(n, c);
  const z = (rs.activePerZone.get(n.zone) ?? 0) + by;
  if (z === 0) rs.activePerZone.delete(n.zone);
  else rs.activePerZone.set(n.zone, z);
}
