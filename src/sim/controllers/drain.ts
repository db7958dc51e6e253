// `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --force`, as a client of the
// API (staging/src/k8s.io/kubectl/pkg/drain): cordon the node, then evict every pod on it but
// DaemonSet pods through the Eviction API, each in its own loop that retries a refused
// eviction every 5 s until it succeeds.
import type { Engine } from '../engine/engine.js';
import type { ClusterState } from '../state/cluster-state.js';
import type { SimNode, SimPod } from '../state/objects.js';
import { evictViaApi } from './disruption/eviction-api.js';
import { PRIORITY } from './run-loop.js';

export class Drainer {
  constructor(
    private readonly c: ClusterState,
    private readonly engine: Engine,
  ) {}

  /** kubectl cordon / uncordon: spec.unschedulable (the node lifecycle controller taints it). */
  cordon(n: SimNode, on: boolean): void {
    if (n.unschedulable === on) return;
    const status = on ? 'NodeNotSchedulable' : 'NodeSchedulable';
    this.c.recorder.event(this.c.now, 'Normal', status, `node/${n.name}`, `Node ${n.name} status is now: ${status}`, { node: n.name });
    this.c.setUnschedulable(n, on);
  }

  drain(n: SimNode): void {
    this.cordon(n, true);
    const pods = [...n.pods].filter((p) => p.ownerKind !== 'DaemonSet').sort((a, b) => a.id - b.id);
    for (const p of pods) this.attempt(p, true);
  }

  private attempt(p: SimPod, first: boolean): void {
    const r = evictViaApi(this.c, p);
    if (r.ok) return;
    if (first) {
      this.c.recorder.event(this.c.now, 'Warning', 'EvictionBlocked', `pod/${p.key}`, `${r.message} (kubectl drain retries every ${this.c.config.drainRetryMs / 1000}s)`, {
        node: p.node?.name ?? '',
        workload: p.workload?.shortName ?? '',
        qos: p.qos,
      });
    }
    this.engine.after(this.c.config.drainRetryMs, PRIORITY.controllerTimer, () => this.attempt(p, false));
  }
}
