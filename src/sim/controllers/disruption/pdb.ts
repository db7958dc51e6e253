// PodDisruptionBudget status, as pkg/controller/disruption/disruption.go computes it
// (getExpectedPodCount, getExpectedScale, countHealthyPods, updatePdbStatus).
import { getScaledValueFromIntOrPercent } from '../../../model/intstr.js';
import type { IntOrPercent } from '../../../model/types.js';

export interface PdbPod {
  readonly ready: boolean;
  /** Has a deletionTimestamp. */
  readonly terminating: boolean;
  /** spec.replicas (or /scale) of the controlling workload; null = unmanaged pod. */
  readonly controllerScale: number | null;
  /** Identity of that workload (its UID upstream); pods of one workload share it. */
  readonly controllerKey: string | null;
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
  let expectedCount = 0;
  let desiredHealthy = 0;
  if (input.maxUnavailable !== null) {
    expectedCount = expectedScale(input.pods);
    const maxUnavailable = getScaledValueFromIntOrPercent(input.maxUnavailable, expectedCount, true);
    desiredHealthy = Math.max(0, expectedCount - maxUnavailable);
  } else if (input.minAvailable !== null) {
    if (typeof input.minAvailable === 'number') {
      desiredHealthy = input.minAvailable;
      expectedCount = input.pods.length;
    } else {
      expectedCount = expectedScale(input.pods);
      desiredHealthy = getScaledValueFromIntOrPercent(input.minAvailable, expectedCount, true);
    }
  }
  const currentHealthy = input.pods.filter((p) => p.ready && !p.terminating && !p.recentlyDisrupted).length;
  const allowed = currentHealthy - desiredHealthy;
  const disruptionsAllowed = expectedCount <= 0 || allowed <= 0 ? 0 : allowed;
  return { expectedCount, desiredHealthy, currentHealthy, disruptionsAllowed };
}
