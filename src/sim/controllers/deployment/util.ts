// Pure helpers of the deployment controller, after
// pkg/controller/deployment/util/deployment_util.go. No state, no time: table-tested against
// Kubernetes' own unit-test vectors (test/fixtures/vectors-rollout.json).
import { getScaledValueFromIntOrPercent } from '../../../model/intstr.js';
import type { DeploymentStrategy, IntOrPercent } from '../../../model/types.js';

/** The fields of a Deployment these rules read. */
export interface DeploymentLike {
  readonly replicas: number;
  readonly strategy: DeploymentStrategy;
  readonly maxSurge: IntOrPercent | null;
  readonly maxUnavailable: IntOrPercent | null;
}

/** The fields of a ReplicaSet these rules read; `spec` is spec.replicas. */
export interface ReplicaSetLike {
  readonly name: string;
  /** Creation order (creationTimestamp, ties by name in Kubernetes; a counter here). */
  readonly createdSeq: number;
  spec: number;
  readonly availableReplicas: number;
  /** deployment.kubernetes.io/max-replicas; null when absent. */
  readonly maxReplicasAnnotation: number | null;
  /** deployment.kubernetes.io/desired-replicas; null when absent. */
  readonly desiredReplicasAnnotation: number | null;
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and if both come out 0 the
 * rollout could never progress, so unavailable becomes 1 (e.g. 1 replica, maxSurge 0, 25%).
 * Throws on an invalid value ("oops", "12%345").
 */
export function resolveFenceposts(
  maxSurge: IntOrPercent | null,
  maxUnavailable: IntOrPercent | null,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** MaxSurge: 0 unless RollingUpdate. */
export function maxSurge(d: DeploymentLike): number {
  if (d.strategy !== 'RollingUpdate') return 0;
  return resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas).surge;
}

/** MaxUnavailable: 0 unless RollingUpdate or when replicas is 0; never more than replicas. */
export function maxUnavailable(d: DeploymentLike): number {
  if (d.strategy !== 'RollingUpdate' || d.replicas === 0) return 0;
  return Math.min(resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas).unavailable, d.replicas);
}

/** MinAvailable: replicas - MaxUnavailable (0 unless RollingUpdate). */
export function minAvailable(d: DeploymentLike): number {
  if (d.strategy !== 'RollingUpdate') return 0;
  return d.replicas - maxUnavailable(d);
}

/**
 * The replicas annotations a Deployment writes on its ReplicaSets (SetReplicasAnnotations as
 * the controller calls it): desired = spec.replicas, max = spec.replicas + MaxSurge.
 */
export function replicasAnnotations(d: DeploymentLike): { readonly desired: number; readonly max: number } {
  return { desired: d.replicas, max: d.replicas + maxSurge(d) };
}

/** GetReplicaCountForReplicaSets: Σ spec.replicas. */
export function specSum(rss: readonly ReplicaSetLike[]): number {
  let n = 0;
  for (const rs of rss) n += rs.spec;
  return n;
}

/** GetAvailableReplicaCountForReplicaSets: Σ status.availableReplicas. */
export function availableSum(rss: readonly ReplicaSetLike[]): number {
  let n = 0;
  for (const rs of rss) n += rs.availableReplicas;
  return n;
}

/**
 * NewRSNewReplicas: how far the new RS may grow now. RollingUpdate: up to replicas + maxSurge
 * pods over all RSs (by spec, the classic TerminationStarted policy), never past replicas.
 * Note it scales the raw maxSurge (ceil), not the fencepost-adjusted pair.
 */
export function newRSNewReplicas(d: DeploymentLike, allRSs: readonly ReplicaSetLike[], newRS: ReplicaSetLike): number {
  if (d.strategy === 'Recreate') return d.replicas;
  const surge = getScaledValueFromIntOrPercent(d.maxSurge ?? 0, d.replicas, true);
  const current = specSum(allRSs);
  const maxTotal = d.replicas + surge;
  if (current >= maxTotal) return newRS.spec;
  const up = Math.min(maxTotal - current, d.replicas - newRS.spec);
  return newRS.spec + up;
}

/**
 * getReplicaSetFraction: the share of a scaling event this RS takes, proportional to its size
 * against the max-replicas annotation it was last scaled under (falling back to the
 * deployment's status.replicas; 0 when that is 0 too).
 */
export function getReplicaSetFraction(rs: ReplicaSetLike, d: DeploymentLike, deploymentStatusReplicas: number): number {
  if (d.replicas === 0) return -rs.spec;
  const target = d.replicas + maxSurge(d);
  let base = rs.maxReplicasAnnotation ?? 0;
  if (base === 0) {
    base = deploymentStatusReplicas;
    if (base === 0) return 0;
  }
  // Go's math.Round rounds half away from zero; the operands here are non-negative.
  return Math.round((rs.spec * target) / base) - rs.spec;
}

/** GetProportion: the fraction, bounded by what is still to add (up) or remove (down). */
export function getProportion(
  rs: ReplicaSetLike | null,
  d: DeploymentLike,
  toAdd: number,
  added: number,
  deploymentStatusReplicas: number,
): number {
  if (rs === null || rs.spec === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d, deploymentStatusReplicas);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

export interface DeploymentStatusLike {
  readonly replicas: number;
  readonly updatedReplicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
}

/** DeploymentComplete: every replica updated, present and available (generation always observed here). */
export function deploymentComplete(desired: number, s: DeploymentStatusLike): boolean {
  return s.updatedReplicas === desired && s.replicas === desired && s.availableReplicas === desired;
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available pods. */
export function deploymentProgressing(oldStatus: DeploymentStatusLike, newStatus: DeploymentStatusLike): boolean {
  const oldOld = oldStatus.replicas - oldStatus.updatedReplicas;
  const newOld = newStatus.replicas - newStatus.updatedReplicas;
  return (
    newStatus.updatedReplicas > oldStatus.updatedReplicas ||
    newOld < oldOld ||
    newStatus.readyReplicas > oldStatus.readyReplicas ||
    newStatus.availableReplicas > oldStatus.availableReplicas
  );
}

/** ReplicaSetsByCreationTimestamp: oldest first. */
export const byCreation = (a: ReplicaSetLike, b: ReplicaSetLike): number => a.createdSeq - b.createdSeq;

/** ReplicaSetsBySizeNewer: larger spec first, ties to the newer RS (used when adding replicas). */
export const bySizeNewer = (a: ReplicaSetLike, b: ReplicaSetLike): number =>
  a.spec !== b.spec ? b.spec - a.spec : b.createdSeq - a.createdSeq;

/** ReplicaSetsBySizeOlder: larger spec first, ties to the older RS (used when removing replicas). */
export const bySizeOlder = (a: ReplicaSetLike, b: ReplicaSetLike): number =>
  a.spec !== b.spec ? b.spec - a.spec : a.createdSeq - b.createdSeq;
