// How the Job controller reads one of its pods (the views sync-job.ts, backoff.ts and
// pod-failure-policy.ts take): finished or not (job_controller.go isPodFailed, getNewFinishedPods),
// when it finished (getFinishedTime), what a pod failure policy matches on, and its rank for
// deletion (controller.ActivePods).
import type { PodFailurePolicyRule } from '../../../model/types.js';
import type { SimTime } from '../../engine/time.js';
import { EXIT_SIGTERM } from '../../state/container-status.js';
import type { SimPod } from '../../state/objects.js';
import { type FinishedTimeView, finishedTime } from './backoff.js';
import { type FailedPodView, matchPodFailurePolicy } from './pod-failure-policy.js';
import type { ActiveJobPod, FinishedPod } from './sync-job.js';

/**
 * Succeeded, failed (isPodFailed), or neither. A pod is failed when its phase is Failed; or,
 * unless only failed pods are replaced, as soon as it is being deleted (not Succeeded). A
 * deleted pod gone from the API (its kubelet stopped it) was Failed first, as the kubelet
 * marks a stopped pod terminal before its finalizer lets it go.
 */
export function finishState(p: SimPod, onlyReplaceFailed: boolean): 'succeeded' | 'failed' | null {
  if (p.phase === 'Succeeded') return 'succeeded';
  if (p.phase === 'Failed' || p.gone) return 'failed';
  if (!onlyReplaceFailed && p.deletedAt >= 0) return 'failed';
  return null;
}

/** getFinishedTime's view. A pod gone after its kubelet stopped it: its containers ended `now`. */
export function finishedTimeView(p: SimPod, now: SimTime): FinishedTimeView {
  const stopped = p.gone && p.phase !== 'Succeeded' && p.phase !== 'Failed' && p.statusesKnown;
  const at = (st: { state: string; finishedAt: SimTime }) => (stopped && st.state !== 'terminated' ? now : st.state === 'terminated' ? st.finishedAt : null);
  const containersFinishedAt: (SimTime | null)[] = p.containers.map(at);
  p.spec.initContainers.forEach((ic, i) => {
    const st = p.initContainers[i];
    if (ic.sidecar && st) containersFinishedAt.push(at(st));
  });
  return {
    containersFinishedAt: p.statusesKnown ? containersFinishedAt : [],
    // The kubelet writes Ready=False with its first status (admission) and flips it after.
    ready: p.statusesKnown ? { status: p.ready ? 'True' : 'False', lastTransition: p.readySince >= 0 ? p.readySince : p.scheduledAt } : null,
    deletionTimestamp: p.deletedAt >= 0 ? p.deletedAt + p.deletionGracePeriodSeconds * 1000 : null,
    deletionGracePeriodSeconds: p.deletionGracePeriodSeconds,
    creationTimestamp: p.createdAt,
  };
}

/** What a pod failure policy matches on; a stopped container ended with SIGTERM's code. */
export function failedPodView(p: SimPod): FailedPodView {
  const stopped = p.gone && p.phase !== 'Succeeded' && p.phase !== 'Failed';
  const terminated: { name: string; exitCode: number; init: boolean }[] = [];
  if (p.statusesKnown) {
    for (const st of p.containers) {
      if (st.state === 'terminated') terminated.push({ name: st.name, exitCode: st.exitCode, init: false });
      else if (stopped && st.state === 'running') terminated.push({ name: st.name, exitCode: EXIT_SIGTERM, init: false });
    }
    for (const st of p.initContainers) if (st.state === 'terminated') terminated.push({ name: st.name, exitCode: st.exitCode, init: true });
  }
  const conditions: FailedPodView['conditions'][number][] = [];
  if (p.scheduledAt >= 0) conditions.push({ type: 'PodScheduled', status: 'True' });
  if (p.statusesKnown) {
    conditions.push({ type: 'Initialized', status: p.initialized ? 'True' : 'False' });
    conditions.push({ type: 'ContainersReady', status: p.containersReady ? 'True' : 'False' });
    conditions.push({ type: 'Ready', status: p.ready ? 'True' : 'False' });
  }
  if (p.disruptionTarget !== null) conditions.push({ type: 'DisruptionTarget', status: 'True' });
  return { namespace: p.namespace, name: p.name, terminated, conditions };
}

export function finishedPod(p: SimPod, now: SimTime, rules: readonly PodFailurePolicyRule[] | null, failed: boolean): FinishedPod<SimPod> {
  const m = failed && rules ? matchPodFailurePolicy(rules, failedPodView(p)) : { failJob: null, countFailed: true };
  return { pod: p, index: p.ordinal, finishedAt: finishedTime(finishedTimeView(p, now)), countFailed: m.countFailed, failJob: m.failJob };
}

export function activeJobPod(p: SimPod): ActiveJobPod<SimPod> {
  return {
    pod: p,
    index: p.ordinal,
    seq: p.id,
    assigned: p.node !== null,
    phase: p.phase,
    ready: p.ready,
    deletionCost: 0,
    readySince: p.readySince >= 0 ? p.readySince : null,
    restarts: p.restarts,
    created: p.createdAt,
    uid: p.uid,
  };
}

/** pastBackoffLimitOnFailure's part of a pod: its restarts while it is Running or Pending (listed). */
export function liveRestarts(p: SimPod): number {
  return !p.gone && (p.phase === 'Running' || p.phase === 'Pending') ? p.restarts : 0;
}
