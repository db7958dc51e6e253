// The scheduler's view of what to do next, after pkg/scheduler/internal/queue (PriorityQueue:
// activeQ + unschedulable pods, the nominator, and the cluster events its queueing hints look
// at): pending pods grouped by template, and what changed since the last pass that could make a
// failed pod fit — nodes that freed resources (a bound pod's object gone, or a nomination's
// reservation released), nodes that relaxed (a taint removed, uncordoned), nodes whose taints
// changed at all. Fed by the cluster's change feed; what happened to the pods of each PodGroup is
// kept by PodGroups.
import type { PodTemplate } from '../../../model/types.js';
import { NODE_FREED, NODE_RELAXED, NODE_SCHEDULABLE, NODE_TAINTS, POD_PENDING, type ClusterObserver } from '../../state/feed.js';
import type { ClusterState } from '../../state/cluster-state.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import type { Wake } from '../run-loop.js';
import type { Nominations } from './framework.js';

export class SchedulingQueue implements ClusterObserver, Nominations {
  readonly pendingByTemplate = new Map<PodTemplate, Set<SimPod>>();
  pendingCount = 0;
  /** Pods that became Pending since the scheduler last looked. */
  readonly newlyPending: SimPod[] = [];
  /** Nodes that released resources since the scheduler last looked. */
  readonly freedNodes = new Set<SimNode>();
  /** A node became more welcoming (taint removed, uncordoned, pressure gone): retry everything. */
  nodesRelaxed = true;
  /** Some node's taints or cordon changed (the spread and inter-pod hints retry on any change). */
  taintsChanged = false;
  /** Pods whose current pending spell has had its FailedScheduling event. */
  readonly reported = new Set<SimPod>();
  /** Pending pods with a nominated node (the nominator), and per node index the pods nominated there. */
  readonly nominated = new Set<SimPod>();
  private readonly nominatedByNode: (SimPod[] | undefined)[] = [];

  constructor(
    private readonly wake: Wake,
    private readonly c: ClusterState,
  ) {}

  get hasWork(): boolean {
    return this.pendingCount > 0 || this.newlyPending.length > 0;
  }

  get count(): number {
    return this.nominated.size;
  }

  on(node: SimNode): readonly SimPod[] | undefined {
    return this.nominatedByNode[node.index];
  }

  podChanged(p: SimPod, before: number, after: number): void {
    const diff = before ^ after;
    if (diff & POD_PENDING) {
      if (after & POD_PENDING) this.add(p);
      else this.remove(p);
    }
  }

  nodeChanged(n: SimNode, what: number): void {
    if (what & NODE_FREED) {
      this.freedNodes.add(n);
      this.wake();
    }
    if (what & NODE_RELAXED) {
      this.nodesRelaxed = true;
      this.wake();
    }
    if (what & (NODE_TAINTS | NODE_SCHEDULABLE)) {
      this.taintsChanged = true;
      this.wake();
    }
  }

  /**
   * AddNominatedPod / DeleteNominatedPodIfExists: `p` now waits for `node` (null: for none). A
   * reservation given up leaves room on its node, as if resources were freed there.
   */
  setNominated(p: SimPod, node: SimNode | null, consumed = false): void {
    const old = p.nominatedNode;
    if (old === node) return;
    this.c.setNominatedNode(p, node);
    if (old !== null) {
      const list = this.nominatedByNode[old.index]!;
      list.splice(list.indexOf(p), 1);
      if (list.length === 0) this.nominatedByNode[old.index] = undefined;
      this.nominated.delete(p);
      if (!consumed) {
        this.freedNodes.add(old);
        this.wake();
      }
    }
    if (node !== null) {
      (this.nominatedByNode[node.index] ??= []).push(p);
      this.nominated.add(p);
    }
  }

  /** The changes since the last pass have been looked at. */
  clearHints(): void {
    this.nodesRelaxed = false;
    this.taintsChanged = false;
    this.freedNodes.clear();
  }

  private add(p: SimPod): void {
    let set = this.pendingByTemplate.get(p.spec);
    if (!set) this.pendingByTemplate.set(p.spec, (set = new Set()));
    set.add(p);
    this.pendingCount++;
    this.newlyPending.push(p);
    this.wake();
  }

  private remove(p: SimPod): void {
    this.reported.delete(p);
    // Bound (where it was nominated: the reservation is used) or gone: no longer nominated.
    if (p.nominatedNode !== null) this.setNominated(p, null, p.node === p.nominatedNode);
    const set = this.pendingByTemplate.get(p.spec);
    if (!set || !set.delete(p)) return;
    this.pendingCount--;
    if (set.size === 0) this.pendingByTemplate.delete(p.spec);
  }
}
