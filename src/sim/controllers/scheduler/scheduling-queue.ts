// The scheduler's view of what to do next, after pkg/scheduler/internal/queue
// (PriorityQueue: activeQ + unschedulable pods, with the queueing hints that move pods back when
// the cluster changes): pending pods grouped by template — every pod of a template is the same
// to the scheduler — and what changed since the last pass that could make a failed template fit:
// nodes that freed resources, nodes that relaxed (a taint removed, uncordoned), workloads whose
// bound pods went away (their topology-spread counts fell). Fed by the cluster's change feed.
import type { PodTemplate } from '../../../model/types.js';
import { NODE_FREED, NODE_RELAXED, POD_ACTIVE, POD_PENDING, type ClusterObserver } from '../../state/feed.js';
import type { SimNode, SimPod, SimWorkload } from '../../state/objects.js';
import type { Wake } from '../run-loop.js';

export class SchedulingQueue implements ClusterObserver {
  readonly pendingByTemplate = new Map<PodTemplate, Set<SimPod>>();
  pendingCount = 0;
  /** Pods that became Pending since the scheduler last looked. */
  readonly newlyPending: SimPod[] = [];
  /** Nodes that released resources since the scheduler last looked. */
  readonly freedNodes = new Set<SimNode>();
  /** A node became more welcoming (taint removed, uncordoned, pressure gone): retry everything. */
  nodesRelaxed = true;
  /** Workloads whose bound pods went away: their topology-spread counts fell. */
  readonly spreadChanged = new Set<SimWorkload>();
  /** Pods whose current pending spell has had its FailedScheduling event. */
  readonly reported = new Set<SimPod>();

  constructor(private readonly wake: Wake) {}

  get hasWork(): boolean {
    return this.pendingCount > 0 || this.newlyPending.length > 0;
  }

  podChanged(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    const diff = before ^ after;
    if (diff & POD_PENDING) {
      if (after & POD_PENDING) this.add(p);
      else this.remove(p);
    }
    // A pod that stopped counting on a node lowers its workload's spread counts there.
    if (p.workload && before & POD_ACTIVE && oldNode && (!(after & POD_ACTIVE) || oldNode !== p.node)) {
      this.spreadChanged.add(p.workload);
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
  }

  /** The changes since the last pass have been looked at. */
  clearHints(): void {
    this.nodesRelaxed = false;
    this.freedNodes.clear();
    this.spreadChanged.clear();
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
    const set = this.pendingByTemplate.get(p.spec);
    if (!set || !set.delete(p)) return;
    this.pendingCount--;
    if (set.size === 0) this.pendingByTemplate.delete(p.spec);
  }
}
