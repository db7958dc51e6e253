// The change feed: what informers' event handlers would be told. ClusterState calls every
// observer, in the order they subscribed, after each change has been applied to the objects and
// counters. A change made by an observer while a notification is being delivered is delivered
// after it (to every observer, in order), so each observer sees changes in the order they
// happened. Observers read the objects as they are now; `before`/`after` say what the pod
// counted for (PodFlags) around the change that is being delivered.
import type { SimNode, SimPod, SimReplicaSet, SimWorkload } from './objects.js';

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
  // The getters of SimPod (active, holdsResources, isAvailable, terminating) inlined: this runs
  // twice for every change of every pod.
  const terminal = p.phase === 'Failed' || p.phase === 'Succeeded';
  const gone = p.gone;
  const deleted = p.deletedAt >= 0;
  const holds = p.node !== null && !gone && !terminal;
  let f = holds ? POD_HOLDS : 0;
  if (!deleted && !gone && !terminal) {
    f |= POD_ACTIVE;
    if (p.ready) {
      f |= POD_READY;
      if (p.available || p.revision === null || p.revision.minReadySeconds === 0) f |= POD_AVAILABLE;
    }
    if (p.node === null) f |= POD_PENDING;
  }
  const disruption = p.disruptionTarget;
  if (holds && (deleted || p.kubeletKilling)) f |= POD_TERMINATING;
  if (deleted) f |= POD_DELETED;
  if (disruption !== null) f |= POD_DISRUPTED;
  if (gone) f |= POD_GONE;
  if (terminal) f |= POD_TERMINAL;
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
/** Ready, MemoryPressure or DiskPressure. */
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
  /**
   * A workload's spec changed (scale, new template, usage), or its status did (a DaemonSet's
   * desiredNumberScheduled and the per-node counts its controller writes).
   */
  workloadChanged?(w: SimWorkload): void;
  /** A ReplicaSet's spec changed (replicas) or it was created. */
  replicaSetChanged?(rs: SimReplicaSet): void;
  /**
   * Any write of a pod (created, or any field of its status: container states, conditions,
   * restarts …), told at once rather than queued — listeners only take note of the pod (the
   * pod-status timeline reads it when the instant has settled). Costs nothing unless subscribed.
   */
  podStatusChanged?(p: SimPod): void;
  /** A bound pod's spec changed in place (OpenKruise's in-place update wrote a new image): its kubelet acts on it. */
  podSpecChanged?(p: SimPod): void;
}

type PodListener = (p: SimPod, before: number, after: number, oldNode: SimNode | null) => void;

/** A notification raised while another was being delivered, waiting its turn. */
type Notice =
  | { readonly kind: 'pod'; readonly p: SimPod; readonly before: number; readonly after: number; readonly oldNode: SimNode | null }
  | { readonly kind: 'node'; readonly n: SimNode; readonly what: number }
  | { readonly kind: 'workload'; readonly w: SimWorkload }
  | { readonly kind: 'replicaSet'; readonly rs: SimReplicaSet }
  | { readonly kind: 'spec'; readonly p: SimPod };

/** Delivers changes to the observers, in subscription order; nested changes wait their turn. */
export class ChangeFeed {
  private readonly podListeners: PodListener[] = [];
  private readonly nodeListeners: ((n: SimNode, what: number) => void)[] = [];
  private readonly workloadListeners: ((w: SimWorkload) => void)[] = [];
  private readonly replicaSetListeners: ((rs: SimReplicaSet) => void)[] = [];
  private readonly statusListeners: ((p: SimPod) => void)[] = [];
  private readonly specListeners: ((p: SimPod) => void)[] = [];
  private delivering = false;
  private readonly backlog: Notice[] = [];

  subscribe(o: ClusterObserver): void {
    if (o.podChanged) this.podListeners.push(o.podChanged.bind(o));
    if (o.nodeChanged) this.nodeListeners.push(o.nodeChanged.bind(o));
    if (o.workloadChanged) this.workloadListeners.push(o.workloadChanged.bind(o));
    if (o.replicaSetChanged) this.replicaSetListeners.push(o.replicaSetChanged.bind(o));
    if (o.podStatusChanged) this.statusListeners.push(o.podStatusChanged.bind(o));
    if (o.podSpecChanged) this.specListeners.push(o.podSpecChanged.bind(o));
  }

  /** A write of `p` (see ClusterObserver.podStatusChanged). */
  podStatus(p: SimPod): void {
    const ls = this.statusListeners;
    for (let i = 0; i < ls.length; i++) ls[i](p);
  }

  // The common case — no delivery under way — calls the listeners without allocating.
  pod(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    if (this.delivering) {
      this.backlog.push({ kind: 'pod', p, before, after, oldNode });
      return;
    }
    this.delivering = true;
    try {
      const ls = this.podListeners;
      for (let i = 0; i < ls.length; i++) ls[i](p, before, after, oldNode);
      this.drain();
    } finally {
      this.delivering = false;
    }
  }

  node(n: SimNode, what: number): void {
    if (this.delivering) {
      this.backlog.push({ kind: 'node', n, what });
      return;
    }
    this.delivering = true;
    try {
      const ls = this.nodeListeners;
      for (let i = 0; i < ls.length; i++) ls[i](n, what);
      this.drain();
    } finally {
      this.delivering = false;
    }
  }

  workload(w: SimWorkload): void {
    this.queue({ kind: 'workload', w });
  }

  replicaSet(rs: SimReplicaSet): void {
    this.queue({ kind: 'replicaSet', rs });
  }

  podSpec(p: SimPod): void {
    this.queue({ kind: 'spec', p });
  }

  private queue(x: Notice): void {
    this.backlog.push(x);
    if (this.delivering) return;
    this.delivering = true;
    try {
      this.drain();
    } finally {
      this.delivering = false;
    }
  }

  private drain(): void {
    const q = this.backlog;
    for (let k = 0; k < q.length; k++) {
      const x = q[k];
      switch (x.kind) {
        case 'pod':
          for (const l of this.podListeners) l(x.p, x.before, x.after, x.oldNode);
          break;
        case 'node':
          for (const l of this.nodeListeners) l(x.n, x.what);
          break;
        case 'workload':
          for (const l of this.workloadListeners) l(x.w);
          break;
        case 'replicaSet':
          for (const l of this.replicaSetListeners) l(x.rs);
          break;
        case 'spec':
          for (const l of this.specListeners) l(x.p);
          break;
      }
    }
    q.length = 0;
  }
}
