// The ReplicaSet controller, after pkg/controller/replicaset/replica_set.go (manageReplicas,
// getPodsToDelete, and its pod event handlers). Its status is never stored: ClusterState keeps
// the active/ready/available counts live, which is what calculateStatus would read from the
// informer. Slow-start batches and burstReplicas (500 per sync) only spread creations over
// milliseconds of real time; with zero controller latency every missing pod is created in the
// same instant.
import type { Engine } from '../../engine/engine.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { POD_ACTIVE, POD_READY, type ClusterObserver } from '../../state/feed.js';
import { type SimNode, type SimPod, SimReplicaSet } from '../../state/objects.js';
import { AvailabilityTimers } from '../availability.js';
import type { Wake } from '../run-loop.js';
import { activePodsWithRanksLess } from './ranking.js';

export class ReplicaSetController implements ClusterObserver {
  private readonly dirty = new Set<SimReplicaSet>();
  private readonly availability: AvailabilityTimers;

  constructor(
    private readonly c: ClusterState,
    engine: Engine,
    private readonly wake: Wake,
  ) {
    this.availability = new AvailabilityTimers(c, engine);
  }

  get hasWork(): boolean {
    return this.dirty.size > 0;
  }

  // --- informer handlers ---------------------------------------------------------------

  podChanged(p: SimPod, before: number, after: number, _oldNode: SimNode | null): void {
    const rs = p.revision;
    if (!(rs instanceof SimReplicaSet)) return;
    const diff = before ^ after;
    if (diff & POD_ACTIVE) this.enqueue(rs);
    // updatePod requeues the ReplicaSet after minReadySeconds when a pod turns Ready.
    if (diff & POD_READY || (diff & POD_ACTIVE && !(after & POD_ACTIVE))) this.availability.readinessChanged(p, rs.minReadySeconds);
  }

  replicaSetChanged(rs: SimReplicaSet): void {
    this.enqueue(rs);
  }

  private enqueue(rs: SimReplicaSet): void {
    this.dirty.add(rs);
    this.wake();
  }

  // --- the work queue ------------------------------------------------------------------

  /** Every ReplicaSet looks at its pods once at the start (the informers' initial list). */
  enqueueAll(): void {
    for (const d of this.c.deployments) for (const rs of d.replicaSets) this.dirty.add(rs);
  }

  /** Syncs every queued ReplicaSet, oldest first; false when none was queued. */
  processQueue(): boolean {
    if (this.dirty.size === 0) return false;
    const rss = [...this.dirty].sort((a, b) => a.createdSeq - b.createdSeq);
    this.dirty.clear();
    for (const rs of rss) this.sync(rs);
    return true;
  }

  /** manageReplicas: create or delete pods until the active ones match spec.replicas. */
  sync(rs: SimReplicaSet): void {
    const diff = rs.activeReplicas - rs.spec;
    if (diff < 0) {
      for (let i = 0; i < -diff; i++) {
        const p = this.c.createPod(rs.deployment.namespace, null, rs, rs.template);
        this.event(rs, 'SuccessfulCreate', p.name);
      }
    } else if (diff > 0) {
      for (const p of this.podsToDelete(rs, diff)) {
        this.event(rs, 'SuccessfulDelete', p.name);
        this.c.deletePod(p);
      }
    }
  }

  /**
   * getPodsToDelete: rank every active pod by how many active pods of the same Deployment (any
   * revision) share its node, sort by ActivePodsWithRanks, take the first `diff`.
   */
  podsToDelete(rs: SimReplicaSet, diff: number): SimPod[] {
    const active: SimPod[] = [];
    for (const p of rs.pods) if (p.active) active.push(p);
    if (diff >= active.length) return active;
    // rank = active pods of the Deployment (any revision) on the same node ("" for unassigned).
    const rss = rs.deployment.replicaSets;
    const rank = new Float64Array(active.length);
    for (let i = 0; i < active.length; i++) {
      const p = active[i];
      let r = 0;
      if (p.node === null) r = rs.deployment.pendingPods;
      else for (const x of rss) r += x.activePerNode.get(p.node) ?? 0;
      rank[i] = r;
    }
    const now = this.c.now;
    const cmp = (i: number, j: number): number => {
      const x = active[i];
      const y = active[j];
      if (activePodsWithRanksLess(x, rank[i], y, rank[j], now)) return -1;
      if (activePodsWithRanksLess(y, rank[j], x, rank[i], now)) return 1;
      return x.id - y.id; // Go's sort.Sort is not stable; we pick a fixed order.
    };
    const order: number[] = new Array<number>(active.length);
    for (let i = 0; i < active.length; i++) order[i] = i;
    order.sort(cmp);
    const out: SimPod[] = new Array<SimPod>(diff);
    for (let i = 0; i < diff; i++) out[i] = active[order[i]];
    return out;
  }

  private event(rs: SimReplicaSet, reason: 'SuccessfulCreate' | 'SuccessfulDelete', podName: string): void {
    if (!this.c.recorder.routine) {
      this.c.recorder.omitted++;
      return;
    }
    const d = rs.deployment;
    const verb = reason === 'SuccessfulCreate' ? 'Created' : 'Deleted';
    this.c.recorder.event(this.c.now, 'Normal', reason, `replicaset/${d.namespace}/${rs.name}`, `${verb} pod: ${podName}`, { workload: d.shortName });
  }
}
