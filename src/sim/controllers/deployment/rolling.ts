// RollingUpdate, after pkg/controller/deployment/rolling.go. Each function decides and applies
// scale changes through `scale` (the controller's scaleReplicaSetAndRecordEvent); they read
// only spec and status.availableReplicas, so they are table-tested on plain objects.
import {
  availableSum,
  byCreation,
  minAvailable as minAvailableOf,
  newRSNewReplicas,
  specSum,
  type DeploymentLike,
  type ReplicaSetLike,
} from './util.js';

/** Sets an RS's spec.replicas (and records the event); returns false if it was already that size. */
export type Scale<R extends ReplicaSetLike> = (rs: R, replicas: number) => boolean;

/** reconcileNewReplicaSet: grow the new RS into the surge headroom, or shrink it to replicas. */
export function reconcileNewReplicaSet<R extends ReplicaSetLike>(
  allRSs: readonly R[],
  newRS: R,
  d: DeploymentLike,
  scale: Scale<R>,
): boolean {
  if (newRS.spec === d.replicas) return false;
  if (newRS.spec > d.replicas) return scale(newRS, d.replicas);
  return scale(newRS, newRSNewReplicas(d, allRSs, newRS));
}

/**
 * reconcileOldReplicaSets: scale old RSs down as far as availability allows.
 *
 * maxScaledDown = allPods - minAvailable - newRSUnavailable. Example from rolling.go: 10
 * replicas, maxUnavailable 2 (minAvailable 8), maxSurge 3: old 10 → 8, new 0 → 5 = 13 pods; if
 * the 5 new pods are not available yet, 13 - 8 - 5 = 0, so nothing more goes until they are. If
 * they crash-loop the rollout stalls with 8 old pods serving.
 */
export function reconcileOldReplicaSets<R extends ReplicaSetLike>(
  allRSs: readonly R[],
  oldRSs: readonly R[],
  newRS: R | null,
  d: DeploymentLike,
  scale: Scale<R>,
): boolean {
  const active = oldRSs.filter((rs) => rs.spec > 0);
  if (specSum(active) === 0) return false;
  const allPodsCount = specSum(allRSs);
  const newRSUnavailable = newRS ? newRS.spec - newRS.availableReplicas : 0;
  const maxScaledDown = allPodsCount - minAvailableOf(d) - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  // Unhealthy old replicas go first: they cost no availability (the RS controller deletes
  // not-ready pods before ready ones, see ranking.ts).
  const cleanupCount = cleanupUnhealthyReplicas(active, maxScaledDown, scale);
  const all = newRS ? [...active, newRS] : [...active];
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(all, active, d, scale);
  return cleanupCount + scaledDown > 0;
}

/** cleanupUnhealthyReplicas: remove old replicas that are not available, oldest RS first. */
export function cleanupUnhealthyReplicas<R extends ReplicaSetLike>(
  oldRSs: readonly R[],
  maxCleanupCount: number,
  scale: Scale<R>,
): number {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanupCount) break;
    if (rs.spec === 0 || rs.spec === rs.availableReplicas) continue;
    const n = Math.min(maxCleanupCount - total, rs.spec - rs.availableReplicas);
    scale(rs, rs.spec - n);
    total += n;
  }
  return total;
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: remove available old replicas while the available
 * total (old + new, as the RS statuses say) stays at least minAvailable, oldest RS first.
 */
export function scaleDownOldReplicaSetsForRollingUpdate<R extends ReplicaSetLike>(
  allRSs: readonly R[],
  oldRSs: readonly R[],
  d: DeploymentLike,
  scale: Scale<R>,
): number {
  const minAvailable = minAvailableOf(d);
  const available = availableSum(allRSs);
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let done = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (done >= budget) break;
    if (rs.spec === 0) continue;
    const n = Math.min(rs.spec, budget - done);
    scale(rs, rs.spec - n);
    done += n;
  }
  return done;
}
