// A DaemonSet's RollingUpdate step as a pure rule, after pkg/controller/daemon/update.go
// (rollingUpdate, findUpdatedPodsOnNode). Upstream walks a Go map (random order); Headroom walks
// the nodes by name, so runs are reproducible.
import type { DaemonPodState } from './daemon-pods.js';

/** One node the update looks at: it has DaemonSet pods, or should run one. */
export interface UpdateNode<N, P> {
  readonly node: N;
  readonly shouldRun: boolean;
  readonly pods: readonly DaemonPodState<P>[];
}

export interface UpdatePlan<N, P> {
  readonly delete: P[];
  /** Nodes that get a new pod now (surge). */
  readonly create: N[];
}

/**
 * findUpdatedPodsOnNode: the node's non-deleted new and old pod; not ok when it has more than
 * one of either (the manage loop prunes those first).
 */
function updatedPodsOnNode<P>(pods: readonly DaemonPodState<P>[]): { ok: boolean; newPod: DaemonPodState<P> | null; oldPod: DaemonPodState<P> | null } {
  let newPod: DaemonPodState<P> | null = null;
  let oldPod: DaemonPodState<P> | null = null;
  for (const p of pods) {
    if (p.terminating) continue;
    if (p.updated) {
      if (newPod) return { ok: false, newPod: null, oldPod: null };
      newPod = p;
    } else {
      if (oldPod) return { ok: false, newPod: null, oldPod: null };
      oldPod = p;
    }
  }
  return { ok: true, newPod, oldPod };
}

/**
 * rollingUpdate. Without surge: nodes with no pod, both kinds, an excess, or an unavailable new
 * pod count as unavailable; an unavailable old pod is replaced at once (counted too); available
 * old pods are candidates, and as many are deleted as keep the unavailable count within
 * maxUnavailable (deleted pods do not count, so updates progress while nodes are down). With
 * surge: a node whose old pod is unavailable gets its new pod at once (or loses the old one if
 * it should no longer run the DaemonSet), up to maxSurge more nodes with an available old pod
 * get one, and an old pod goes once the new one on its node is available; old pods on nodes that
 * should not run it go only while more pods are available than desired.
 */
export function rollingUpdate<N, P>(
  nodes: readonly UpdateNode<N, P>[],
  maxSurge: number,
  maxUnavailable: number,
  desired: number,
): UpdatePlan<N, P> {
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const replace: P[] = [];
    const candidates: P[] = [];
    for (const n of nodes) {
      const { ok, newPod, oldPod } = updatedPodsOnNode(n.pods);
      if (!ok) {
        numUnavailable++;
        continue;
      }
      if ((oldPod === null && newPod === null) || (oldPod !== null && newPod !== null)) numUnavailable++;
      else if (newPod !== null) {
        if (!newPod.available) numUnavailable++;
      } else if (!oldPod!.available) {
        replace.push(oldPod!.pod);
        numUnavailable++;
      } else if (numUnavailable < maxUnavailable) candidates.push(oldPod!.pod);
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    return { delete: [...replace, ...candidates.slice(0, remaining)], create: [] };
  }

  const deletes: P[] = [];
  const shouldNotRun: P[] = [];
  const candidates: N[] = [];
  const allowed: N[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const n of nodes) {
    const { ok, newPod, oldPod } = updatedPodsOnNode(n.pods);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod !== null) {
      if (oldPod.available) numAvailable++;
    } else if (newPod !== null && newPod.available) numAvailable++;
    if (oldPod === null) continue;
    if (newPod === null) {
      if (!oldPod.available) {
        if (!n.shouldRun) deletes.push(oldPod.pod);
        else allowed.push(n.node);
      } else if (!n.shouldRun) shouldNotRun.push(oldPod.pod);
      else if (numSurge < maxSurge) candidates.push(n.node);
      continue;
    }
    if (!newPod.available) numSurge++;
    else deletes.push(oldPod.pod);
  }
  // With maxSurge the owner expects full availability: a pod on a node that should no longer
  // run the DaemonSet goes only when another has become available in its place.
  const deletable = Math.min(numAvailable - desired, shouldNotRun.length);
  if (deletable > 0) deletes.push(...shouldNotRun.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(0, maxSurge - numSurge), candidates.length);
  return { delete: deletes, create: [...allowed, ...candidates.slice(0, remainingSurge)] };
}
