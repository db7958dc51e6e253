// The taint-eviction controller, after pkg/controller/tainteviction/taint_eviction.go
// (processPodOnNode, handleNodeUpdate, handlePodUpdate, the TimedWorkerQueue): a pod on a node
// with NoExecute taints is deleted at once if it does not tolerate one, after the shortest
// matching tolerationSeconds if it does, never if they are all forever. Deletion is an ordinary
// graceful DELETE (the pod's own grace period) with DisruptionTarget DeletionByTaintManager:
// PodDisruptionBudgets are not consulted.
import { decideTaintEviction, nextTaintEviction, replayTaintEviction, type ScheduledTaintEviction, type TaintEvictionPlan } from '../../model/taints.js';
import type { Engine, Timer } from '../engine/engine.js';
import type { ClusterState } from '../state/cluster-state.js';
import { NODE_TAINTS, type ClusterObserver } from '../state/feed.js';
import type { SimNode, SimPod } from '../state/objects.js';
import { PRIORITY } from './run-loop.js';

interface Queued extends ScheduledTaintEviction {
  readonly timer: Timer;
}

export class TaintEvictionController implements ClusterObserver {
  private readonly queued = new Map<SimPod, Queued>();
  /** Pods are looked at from start(), once the initial snapshot is in place. */
  private started = false;

  constructor(
    private readonly c: ClusterState,
    private readonly engine: Engine,
  ) {}

  /**
   * The informers' initial list: every pod on a node with NoExecute taints, as the controller
   * would have queued it when those taints came (their timeAdded; the pod's binding time from
   * `boundAt`, undefined = before them) — replayTaintEviction.
   */
  start(boundAt: (p: SimPod) => number | undefined): void {
    this.started = true;
    const now = this.c.now;
    for (const n of this.c.nodes) {
      const taints = n.taints.filter((t) => t.effect === 'NoExecute');
      if (taints.length === 0) continue;
      for (const p of [...n.pods].sort((a, b) => a.id - b.id)) {
        if (p.deletedAt >= 0 || p.gone || p.phase === 'Failed' || p.phase === 'Succeeded') continue;
        this.apply(p, replayTaintEviction(p.tolerations, taints, boundAt(p) ?? -Infinity, now), null);
      }
    }
  }

  /** handleNodeUpdate: the node's taints changed; look at every pod bound to it. */
  nodeChanged(n: SimNode, what: number): void {
    if (!(what & NODE_TAINTS)) return;
    const pods = [...n.pods].sort((a, b) => a.id - b.id);
    for (const p of pods) this.processPodOnNode(p, n);
  }

  /** handlePodUpdate: a pod was bound (its tolerations never change). */
  podChanged(p: SimPod, _before: number, _after: number, oldNode: SimNode | null): void {
    if (!this.started || oldNode !== null || p.node === null) return;
    if (p.node.taints.some((t) => t.effect === 'NoExecute')) this.processPodOnNode(p, p.node);
  }

  private processPodOnNode(p: SimPod, n: SimNode): void {
    if (!this.started) return;
    if (p.deletedAt >= 0 || p.gone || p.phase === 'Failed' || p.phase === 'Succeeded') return this.cancel(p, false);
    const taints = n.taints.filter((t) => t.effect === 'NoExecute');
    const now = this.c.now;
    const prev = this.queued.get(p) ?? null;
    this.apply(p, nextTaintEviction(decideTaintEviction(p.tolerations, taints), prev, now), prev);
  }

  private apply(p: SimPod, plan: TaintEvictionPlan, prev: Queued | null): void {
    switch (plan.kind) {
      case 'cancel':
        return this.cancel(p, true);
      case 'deleteNow':
        this.cancel(p, false);
        return this.evict(p);
      case 'wait': {
        if (prev && prev.fireAtMs === plan.scheduled.fireAtMs) return;
        this.cancel(p, false);
        // Due before now (a snapshot's taint older than the toleration): the queue fires at once.
        const timer = this.engine.at(Math.max(plan.scheduled.fireAtMs, this.c.now), PRIORITY.controllerTimer, () => {
          this.queued.delete(p);
          this.evict(p);
        });
        this.queued.set(p, { ...plan.scheduled, timer });
      }
    }
  }

  private cancel(p: SimPod, record: boolean): void {
    const q = this.queued.get(p);
    if (!q) return;
    this.engine.cancel(q.timer);
    this.queued.delete(p);
    if (record) this.event(p, `Cancelling deletion of Pod ${p.key}`);
  }

  private evict(p: SimPod): void {
    if (p.deletedAt >= 0 || p.gone) return;
    this.event(p, `Marking for deletion Pod ${p.key}`);
    this.c.deletePod(p, p.spec.terminationGracePeriodSeconds, 'DeletionByTaintManager');
  }

  private event(p: SimPod, message: string): void {
    this.c.recorder.event(this.c.now, 'Normal', 'TaintManagerEviction', `pod/${p.key}`, message, {
      node: p.node?.name ?? '',
      workload: p.workload?.shortName ?? '',
      qos: p.qos,
    });
  }
}
