// The DaemonSet controller's per-node rules as pure functions, after pkg/controller/daemon
// daemon_controller.go (podsShouldBeOnNode,
// podByCreationTimestampAndPhase, updateDaemonSetStatus) and util/daemonset_util.go
// (AllowsSurge, SurgeCount, UnavailableCount). Replayed against the upstream tables in
// test/sim/controllers/daemonset.test.ts.
// NodeShouldRunDaemonPod is in model/workloads.ts (inspect needs it too).
import type { ShouldRun } from '../../../model/workloads.js';
import { getScaledValueFromIntOrPercent } from '../../../model/intstr.js';
import type { IntOrPercent } from '../../../model/types.js';

/** What the controller reads of one of its pods on a node. */
export interface DaemonPodState<P> {
  readonly pod: P;
  readonly name: string;
  readonly createdAt: number;
  /** spec.nodeName is set (scheduled). */
  readonly bound: boolean;
  /** Has a deletionTimestamp. */
  readonly terminating: boolean;
  readonly phase: 'Failed' | 'Succeeded' | null;
  /** The Ready condition. */
  readonly ready: boolean;
  /** IsPodAvailable(pod, minReadySeconds, now). */
  readonly available: boolean;
  /** Its controller-revision-hash is the current revision's. */
  readonly updated: boolean;
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest, then by name. */
export function byCreation<P>(a: DaemonPodState<P>, b: DaemonPodState<P>): number {
  if (a.bound !== b.bound) return a.bound ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export interface NodePlan<P> {
  readonly create: boolean;
  readonly delete: P[];
  /**
   * Failed pods the controller wants to delete (FailedDaemonPod): it does so unless the node is
   * in its failed-pods back-off, which the caller keeps.
   */
  readonly failed: P[];
  /** Succeeded pods it deletes (SucceededDaemonPod). */
  readonly succeeded: P[];
}

/**
 * podsShouldBeOnNode: a node that should run the DaemonSet and has no pod object at all gets
 * one; where pods may continue, failed and succeeded ones are deleted and, without surge, all
 * but the oldest running pod; with surge an old and a new pod may overlap until the new one is
 * available (or the old one is not ready). A node that may not keep them loses them all.
 * Terminating pods are left alone — so, without surge, a node whose only pod is terminating
 * gets its new one only once the old object is gone.
 */
export function podsShouldBeOnNode<P>(run: ShouldRun, pods: readonly DaemonPodState<P>[], allowsSurge: boolean): NodePlan<P> {
  const plan: NodePlan<P> = { create: false, delete: [], failed: [], succeeded: [] };
  if (run.shouldRun && pods.length === 0) return { ...plan, create: true };
  if (run.shouldContinueRunning) {
    const running: DaemonPodState<P>[] = [];
    for (const p of pods) {
      if (p.terminating) continue;
      if (p.phase === 'Failed') plan.failed.push(p.pod);
      else if (p.phase === 'Succeeded') plan.succeeded.push(p.pod);
      else running.push(p);
    }
    if (!allowsSurge) {
      if (running.length > 1) {
        running.sort(byCreation);
        for (let i = 1; i < running.length; i++) plan.delete.push(running[i].pod);
      }
      return plan;
    }
    if (running.length <= 1) {
      // Surging: a node must keep one non-deleted pod.
      return running.length === 0 && run.shouldRun ? { ...plan, create: true } : plan;
    }
    // Keep the oldest new pod and the oldest old one only while the new one is not available
    // and the old one is ready; everything else goes.
    let oldestNew: DaemonPodState<P> | null = null;
    let oldestOld: DaemonPodState<P> | null = null;
    for (const p of running.sort(byCreation)) {
      if (p.updated && oldestNew === null) oldestNew = p;
      else if (!p.updated && oldestOld === null) oldestOld = p;
      else plan.delete.push(p.pod);
    }
    if (oldestNew && oldestOld && (!oldestOld.ready || oldestNew.available)) plan.delete.push(oldestOld.pod);
    return plan;
  }
  if (pods.length > 0) for (const p of pods) if (!p.terminating) plan.delete.push(p.pod);
  return plan;
}

/** AllowsSurge: a RollingUpdate whose maxSurge, scaled against 1 rounding up, is not 0. */
export function allowsSurge(maxSurge: IntOrPercent, rollingUpdate: boolean): boolean {
  return rollingUpdate && getScaledValueFromIntOrPercent(maxSurge, 1, true) !== 0;
}

/**
 * updatedDesiredNodeCounts: maxSurge and maxUnavailable scaled against desiredNumberScheduled,
 * both rounding UP (SurgeCount, UnavailableCount); both 0 with desired > 0 → maxUnavailable 1.
 */
export function surgeAndUnavailable(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, desired: number): { maxSurge: number; maxUnavailable: number } {
  const surge = getScaledValueFromIntOrPercent(maxSurge, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailable, desired, true);
  if (desired > 0 && surge === 0 && unavailable === 0) unavailable = 1;
  return { maxSurge: surge, maxUnavailable: unavailable };
}

// A node's part in the DaemonSet's status (bits).
export const COUNTS_DESIRED = 1;
export const COUNTS_READY = 2;
export const COUNTS_AVAILABLE = 4;
export const COUNTS_UPDATED = 8;

/**
 * updateDaemonSetStatus for one node: a node that should run the DaemonSet counts in
 * desiredNumberScheduled, and its oldest pod decides numberReady, numberAvailable and
 * updatedNumberScheduled. Headroom looks at the oldest non-terminating pod (upstream counts a
 * terminating one too while its Ready condition holds): its timelines count a terminating pod
 * only as terminating (k8s-workloads.md §0.1).
 */
export function nodeStatusCounts<P>(shouldRun: boolean, pods: readonly DaemonPodState<P>[]): number {
  if (!shouldRun) return 0;
  let oldest: DaemonPodState<P> | null = null;
  for (const p of pods) if (!p.terminating && (oldest === null || byCreation(p, oldest) < 0)) oldest = p;
  if (oldest === null) return COUNTS_DESIRED;
  let bits = COUNTS_DESIRED;
  if (oldest.ready && oldest.phase === null) {
    bits |= COUNTS_READY;
    if (oldest.available) bits |= COUNTS_AVAILABLE;
  }
  if (oldest.updated) bits |= COUNTS_UPDATED;
  return bits;
}

/** kube-controller-manager's failedPodsBackoff: 1 s doubling to 15 min, per DaemonSet and node. */
export const FAILED_POD_BACKOFF_INITIAL_MS = 1_000;
export const FAILED_POD_BACKOFF_MAX_MS = 15 * 60_000;

/**
 * The failed-pods back-off (client-go flowcontrol.Backoff, as podsShouldBeOnNode uses it): a
 * failed pod may be deleted unless the node is in back-off since its last deletion
 * (IsInBackOffSinceUpdate); each deletion doubles the delay (Next), which restarts from 1 s after
 * 2 × the maximum without one.
 */
export class FailedPodsBackoff {
  private readonly entries = new Map<number, { delayMs: number; at: number }>();

  /** 0 when a failed pod on `key` may be deleted now (and the delay moves on), else the delay to wait. */
  tryDelete(key: number, now: number): number {
    const b = this.entries.get(key);
    if (b && now - b.at < b.delayMs) return b.delayMs;
    const expired = !b || now - b.at > 2 * FAILED_POD_BACKOFF_MAX_MS;
    this.entries.set(key, { delayMs: expired ? FAILED_POD_BACKOFF_INITIAL_MS : Math.min(2 * b.delayMs, FAILED_POD_BACKOFF_MAX_MS), at: now });
    return 0;
  }
}
