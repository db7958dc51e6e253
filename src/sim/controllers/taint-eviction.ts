// The taint-eviction controller, after pkg/controller/tainteviction/taint_eviction.go
// (processPodOnNode, handleNodeUpdate, handlePodUpdate, the TimedWorkerQueue): a pod on a node
// with NoExecute taints is deleted at once if it does not tolerate one, after the shortest
// matching tolerationSeconds if it does, never if they are all forever. Deletion is an ordinary
// graceful DELETE (the pod's own grace period) with DisruptionTarget DeletionByTaintManager:
// PodDisruptionBudgets are not consulted.
import { decideTaintEviction, nextTaintEviction, type ScheduledTaintEviction } from '../../model/taints.js';
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

  constructor(
    private readonly c: ClusterState,
    private readonly engine: Engine,
  ) {}

  /** handleNodeUpdate: the node's taints changed; look at every pod bound to it. */
  nodeChanged(n: SimNode, what: number): void {
    if (!(what & NODE_TAINTS)) return;
    const pods = [...n.pods].sort((a, b) => a.id - b.id);
    for (const p of pods) this.processPodOnNode(p, n);
  }

  /** handlePodUpdate: a pod was bound (its tolerations never change). */
  podChanged(p: SimPod, _before: number, _after: number, oldNode: SimNode | null): void {
    if (oldNode !== null || p.node === null) return;
    if (p.node.taints.some((t) => t.effect === 'NoExecute')) this.processPodOnNode(p, p.node);
  }

  private processPodOnNode(p: SimPod, n: SimNode): void {
    if (p.deletedAt >= 0 || p.gone || p.phase === 'Failed' || p.phase === 'Succeeded') return this.cancel(p, false);
    const taints = n.taints.filter((t) => t.effect === 'NoExecute');
    const now = this.c.now;
    const prev = this.queued.get(p) ?? null;
    const plan = nextTaintEviction(decideTaintEviction(p.tolerations, taints), prev, now);
    switch (plan.kind) {
      case 'cancel':
        return this.cancel(p, true);
      case 'deleteNow':
        this.cancel(p, false);
        return this.evict(p);
      case 'wait': {
        if (prev && prev.fireAtMs === plan.scheduled.fireAtMs) return;
        this.cancel(p, false);
        const timer = this.engine.at(plan.scheduled.fireAtMs, PRIORITY.controllerTimer, () => {
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
