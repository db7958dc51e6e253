// PodDisruptionBudget status, as pkg/controller/disruption/disruption.go computes it
// (getExpectedPodCount, getExpectedScale, countHealthyPods, updatePdbStatus).
import { getScaledValueFromIntOrPercent } from '../../../model/intstr.js';
import type { IntOrPercent } from '../../../model/types.js';

export interface PdbPod {
  readonly ready: boolean;
  /** Has a deletionTimestamp. */
  readonly terminating: boolean;
  /**
   * spec.replicas (or /scale) of the controlling workload; null = unmanaged pod, or (with a
   * controllerKey) a workload without a scale subresource.
   */
  readonly controllerScale: number | null;
  /** Identity of that workload (its UID upstream); pods of one workload share it. */
  readonly controllerKey: string | null;
  /** The controlling workload's kind (Deployment when absent). */
  readonly controllerKind?: string;
  /** Listed in status.disruptedPods by the Eviction API less than 2 minutes ago. */
  readonly recentlyDisrupted?: boolean;
}

export interface PdbStatusInput {
  readonly minAvailable: IntOrPercent | null;
  readonly maxUnavailable: IntOrPercent | null;
  /** The pods the PDB selector matches in its namespace. */
  readonly pods: readonly PdbPod[];
}

export interface PdbStatus {
  readonly expectedCount: number;
  readonly desiredHealthy: number;
  readonly currentHealthy: number;
  readonly disruptionsAllowed: number;
  /** getScaleController's error when the budget needs a scale a controller lacks (then 0 allowed). */
  readonly syncFailed?: string;
}

/**
 * getExpectedScale: the sum of the scales of the distinct workloads controlling the pods.
 * Unmanaged pods are skipped (upstream collects them for a warning event).
 */
function expectedScale(pods: readonly PdbPod[]): number {
  const scales = new Map<string, number>();
  for (const p of pods) {
    if (p.controllerKey === null || p.controllerScale === null) continue;
    if (!scales.has(p.controllerKey)) scales.set(p.controllerKey, p.controllerScale);
  }
  let sum = 0;
  for (const s of scales.values()) sum += s;
  return sum;
}

/**
 * maxUnavailable (checked first): expected = workload scales, desired = expected - maxUnavailable
 * with a percentage rounded UP (the opposite of a Deployment's maxUnavailable), floored at 0.
 * minAvailable as an int: desired = the value, expected = the number of matching pods.
 * minAvailable as a percentage: expected = workload scales, desired = percentage rounded up.
 * Healthy = Ready, not terminating, not recently evicted (minReadySeconds is not considered).
 * No disruption is allowed while expected <= 0.
 */
export function pdbStatus(input: PdbStatusInput): PdbStatus {
  const currentHealthy = input.pods.filter((p) => p.ready && !p.terminating && !p.recentlyDisrupted).length;
  const unscalable = input.pods.find((p) => p.controllerKey !== null && p.controllerScale === null);
  if (unscalable && needsScale(input.minAvailable, input.maxUnavailable)) {
    // sync → failSafe: DisruptionAllowed=False, reason SyncFailed, disruptionsAllowed 0 (the
    // other status fields are left as they were; Headroom shows the healthy pods it counted).
    const syncFailed = noScaleMessage(unscalable.controllerKind ?? 'Deployment');
    return { expectedCount: 0, desiredHealthy: 0, currentHealthy, disruptionsAllowed: 0, syncFailed };
  }
  const { expectedCount, desiredHealthy } = expectedAndDesired(input.minAvailable, input.maxUnavailable, () => expectedScale(input.pods), input.pods.length);
  return { expectedCount, desiredHealthy, currentHealthy, disruptionsAllowed: disruptionsAllowed(expectedCount, currentHealthy, desiredHealthy) };
}

/**
 * getExpectedPodCount: the expected count and desiredHealthy of a budget, given the scale of
 * the workloads its pods belong to (asked only when needed) and the number of pods it selects.
 */
export function expectedAndDesired(
  minAvailable: IntOrPercent | null,
  maxUnavailable: IntOrPercent | null,
  scale: () => number,
  podCount: number,
): { expectedCount: number; desiredHealthy: number } {
  if (maxUnavailable !== null) {
    const expectedCount = scale();
    return { expectedCount, desiredHealthy: Math.max(0, expectedCount - getScaledValueFromIntOrPercent(maxUnavailable, expectedCount, true)) };
  }
  if (minAvailable === null) return { expectedCount: 0, desiredHealthy: 0 };
  if (typeof minAvailable === 'number') return { expectedCount: podCount, desiredHealthy: minAvailable };
  const expectedCount = scale();
  return { expectedCount, desiredHealthy: getScaledValueFromIntOrPercent(minAvailable, expectedCount, true) };
}

/** getExpectedPodCount asks for the workloads' scale: for maxUnavailable, and a percentage minAvailable. */
export function needsScale(minAvailable: IntOrPercent | null, maxUnavailable: IntOrPercent | null): boolean {
  return maxUnavailable !== null || typeof minAvailable === 'string';
}

/** getScaleController's error for a controller kind without a scale subresource (`<resource>.<group>`). */
export function noScaleMessage(kind: string): string {
  const resource = kind === 'DaemonSet' ? 'daemonsets.apps' : kind === 'Job' ? 'jobs.batch' : `${kind.toLowerCase()}s`;
  return `${resource} does not implement the scale subresource`;
}

/** updatePdbStatus: no disruption while expected <= 0 or the budget is not exceeded. */
export function disruptionsAllowed(expectedCount: number, currentHealthy: number, desiredHealthy: number): number {
  const allowed = currentHealthy - desiredHealthy;
  return expectedCount <= 0 || allowed <= 0 ? 0 : allowed;
}
