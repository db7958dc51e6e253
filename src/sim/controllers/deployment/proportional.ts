// Scaling a Deployment while a rollout is in progress, after pkg/controller/deployment/sync.go
// (scale, FindActiveOrLatest, IsSaturated): every active RS grows or shrinks in proportion to
// its share, and leftovers go to the largest one.
import {
  bySizeNewer,
  bySizeOlder,
  byCreation,
  getProportion,
  maxSurge,
  specSum,
  type DeploymentLike,
  type ReplicaSetLike,
} from './util.js';

export interface Scaler<R> {
  /** scaleReplicaSetAndRecordEvent: no-op (false) when the size is unchanged. */
  scaleAndRecord(rs: R, replicas: number): boolean;
  /** scaleReplicaSet: sets the size and always refreshes the replicas annotations. */
  scaleReplicaSet(rs: R, replicas: number): boolean;
}

/** FindActiveOrLatest: the only active RS, or the newest when none is active; null if several are. */
export function findActiveOrLatest<R extends ReplicaSetLike>(newRS: R | null, oldRSs: readonly R[]): R | null {
  if (newRS === null && oldRSs.length === 0) return null;
  const olds = [...oldRSs].sort(byCreation).reverse();
  const all = [...olds, ...(newRS ? [newRS] : [])].filter((rs) => rs.spec > 0);
  if (all.length === 0) return newRS ?? olds[0];
  return all.length === 1 ? all[0] : null;
}

/** IsSaturated: the new RS has all replicas, was sized for them, and all are available. */
export function isSaturated(d: DeploymentLike, rs: ReplicaSetLike | null): boolean {
  return rs !== null && rs.spec === d.replicas && rs.desiredReplicasAnnotation === d.replicas && rs.availableReplicas === d.replicas;
}

/** DeploymentController.scale; returns true if any RS changed size. */
export function scaleDeployment<R extends ReplicaSetLike>(
  d: DeploymentLike,
  newRS: R | null,
  oldRSs: readonly R[],
  deploymentStatusReplicas: number,
  scaler: Scaler<R>,
): boolean {
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    if (only.spec === d.replicas) return false;
    return scaler.scaleAndRecord(only, d.replicas);
  }
  if (isSaturated(d, newRS)) {
    let changed = false;
    for (const old of oldRSs) if (old.spec > 0) changed = scaler.scaleAndRecord(old, 0) || changed;
    return changed;
  }
  if (d.strategy !== 'RollingUpdate') return false;
  const all = [...oldRSs, ...(newRS ? [newRS] : [])].filter((rs) => rs.spec > 0);
  const allowed = d.replicas > 0 ? d.replicas + maxSurge(d) : 0;
  const toAdd = allowed - specSum(all);
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  let added = 0;
  const size = new Map<R, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = getProportion(rs, d, toAdd, added, deploymentStatusReplicas);
      size.set(rs, rs.spec + p);
      added += p;
    } else size.set(rs, rs.spec);
  }
  let changed = false;
  all.forEach((rs, i) => {
    let n = size.get(rs)!;
    // Leftovers (rounding) go to the first, i.e. largest, RS.
    if (i === 0 && toAdd !== 0) n = Math.max(0, n + toAdd - added);
    changed = scaler.scaleReplicaSet(rs, n) || changed;
  });
  return changed;
}
