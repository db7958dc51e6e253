// The ReplicaSet controller, after pkg/controller/replicaset/replica_set.go (manageReplicas,
// getPodsToDelete). Its status is never stored: Cluster.updatePod keeps the active/ready/
// available counts live, which is what calculateStatus would read from the informer.
// Slow-start batches and burstReplicas (500 per sync) only spread creations over milliseconds
// of real time; with zero controller latency every missing pod is created in the same instant.
import type { Cluster } from '../../cluster.js';
import type { SimPod, SimReplicaSet } from '../../objects.js';
import { activePodsWithRanksLess } from './ranking.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import { deletePod } from '../../api.js';

export class ReplicaSetController {
  constructor(
    private readonly c: Cluster,
    private readonly kubelet: Kubelet,
  ) {}

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
        deletePod(this.c, this.kubelet, p);
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
    for (const p of active) {
      let rank = 0;
      if (p.node === null) rank = rs.deployment.pendingPods;
      else for (const r of rss) rank += r.activePerNode.get(p.node) ?? 0;
      p.rankScratch = rank;
    }
    const now = this.c.now;
    active.sort((x, y) => {
      if (activePodsWithRanksLess(x, x.rankScratch, y, y.rankScratch, now)) return -1;
      if (activePodsWithRanksLess(y, y.rankScratch, x, x.rankScratch, now)) return 1;
      return x.id - y.id; // Go's sort.Sort is not stable; we pick a fixed order.
    });
    return active.slice(0, diff);
  }

  private event(rs: SimReplicaSet, reason: 'SuccessfulCreate' | 'SuccessfulDelete', podName: string): void {
    if (!this.c.recorder.routine) {
      this.c.recorder.omitted++;
      return;
    }
    const d = rs.deployment;
    const verb = reason === 'SuccessfulCreate' ? 'Created' : 'Deleted';
    this.c.recorder.event(this.c.now, 'Normal', reason, `replicaset/${d.namespace}/${rs.name}`, `${verb} pod: ${podName}`, { workload: d.name });
  }
}

