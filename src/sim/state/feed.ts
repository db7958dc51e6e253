// The change feed: what informers' event handlers would be told. ClusterState calls every
// observer, in the order they subscribed, after each change has been applied to the objects and
// counters. A change made by an observer while a notification is being delivered is delivered
// after it (to every observer, in order), so each observer sees changes in the order they
// happened. Observers read the objects as they are now; `before`/`after` say what the pod
// counted for (PodFlags) around the change that is being delivered.
import type { SimDeployment, SimNode, SimPod, SimReplicaSet } from './objects.js';

// What a pod counts for (one bit each), compared before and after every change.
/** controller.IsPodActive. */
export const POD_ACTIVE = 1;
export const POD_READY = 2;
export const POD_AVAILABLE = 4;
/** Active and not bound to a node: in the scheduler's queue. */
export const POD_PENDING = 8;
/** Bound and terminating (deleted, or killed by its kubelet) while holding node resources. */
export const POD_TERMINATING = 16;
/** Bound and not terminal or gone: counted in its node's requests. */
export const POD_HOLDS = 32;
/** Has a deletionTimestamp. */
export const POD_DELETED = 64;
/** Has the DisruptionTarget condition. */
export const POD_DISRUPTED = 128;
/** The object is gone from the API. */
export const POD_GONE = 256;
/** Phase Succeeded or Failed. */
export const POD_TERMINAL = 512;
/** Terminal or gone: nothing will happen to it any more. */
export const POD_FINISHED = POD_GONE | POD_TERMINAL;

/** What the counters of pods' owners and nodes are made of (the other bits are informational). */
export const POD_COUNTED = POD_ACTIVE | POD_READY | POD_AVAILABLE | POD_PENDING | POD_TERMINATING | POD_HOLDS;

/** The change moved one of the pod's counters (or its node). */
export const countsChanged = (before: number, after: number, oldNode: SimNode | null, p: SimPod): boolean =>
  ((before ^ after) & POD_COUNTED) !== 0 || oldNode !== p.node;

export function podFlags(p: SimPod): number {
  const holds = p.holdsResources;
  let f = holds ? POD_HOLDS : 0;
  if (p.active) {
    f |= POD_ACTIVE;
    if (p.ready) f |= POD_READY;
    if (p.available) f |= POD_AVAILABLE;
    if (p.node === null) f |= POD_PENDING;
  }
  if (holds && (p.deletedAt >= 0 || p.disruptionTarget === 'TerminationByKubelet')) f |= POD_TERMINATING;
  if (p.deletedAt >= 0) f |= POD_DELETED;
  if (p.disruptionTarget !== null) f |= POD_DISRUPTED;
  if (p.gone) f |= POD_GONE;
  if (p.phase === 'Failed' || p.phase === 'Succeeded') f |= POD_TERMINAL;
  return f;
}

// What changed on a node (bits; several at once).
/** A pod bound here started or stopped holding resources: requests and the pod count moved. */
export const NODE_REQUESTS = 1;
/** Resources were released (a pod left or turned terminal): pods may fit now. */
export const NODE_FREED = 2;
/** The running containers' working set changed. */
export const NODE_WORKING_SET = 4;
export const NODE_TAINTS = 8;
/** Ready or MemoryPressure. */
export const NODE_CONDITIONS = 16;
/** spec.unschedulable. */
export const NODE_SCHEDULABLE = 32;
/** The Lease's holder stopped or started renewing. */
export const NODE_LEASE = 64;
/** A taint was removed or the node uncordoned: pods that did not fit may fit now. */
export const NODE_RELAXED = 128;

export interface ClusterObserver {
  /** A pod was created, or what it counts for (PodFlags) or its node changed. */
  podChanged?(p: SimPod, before: number, after: number, oldNode: SimNode | null): void;
  nodeChanged?(n: SimNode, what: number): void;
  /** A Deployment's spec changed (scale, new template, usage) or it was created. */
  deploymentChanged?(d: SimDeployment): void;
  /** A ReplicaSet's spec changed (replicas) or it was created. */
  replicaSetChanged?(rs: SimReplicaSet): void;
}
