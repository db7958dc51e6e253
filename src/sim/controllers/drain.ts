// `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --force`, as a client of the
// API (staging/src/k8s.io/kubectl/pkg/drain): cordon the node, then evict every pod on it but
// DaemonSet pods through the Eviction API, each in its own loop that retries a refused
// eviction every 5 s until it succeeds.
import type { Cluster } from '../cluster.js';
import { PRIORITY } from '../cluster.js';
import type { SimNode, SimPod } from '../objects.js';
import { evictViaApi } from './disruption/eviction-api.js';
import type { Kubelet } from './kubelet/kubelet.js';
import type { NodeLifecycleController } from './node-lifecycle.js';

export class Drainer {
  constructor(
    private readonly c: Cluster,
    private readonly kubelet: Kubelet,
    private readonly nodes: NodeLifecycleController,
  ) {}

  cordon(n: SimNode, on: boolean): void {
    if (n.unschedulable === on) return;
    n.unschedulable = on;
    const status = on ? 'NodeNotSchedulable' : 'NodeSchedulable';
    this.c.recorder.event(this.c.now, 'Normal', status, `node/${n.name}`, `Node ${n.name} status is now: ${status}`, { node: n.name });
    this.nodes.doNoScheduleTaintingPass(n);
    this.c.nodeChanged(n, !on);
  }

  drain(n: SimNode): void {
    this.cordon(n, true);
    const pods = [...n.pods].filter((p) => p.ownerKind !== 'DaemonSet').sort((a, b) => a.id - b.id);
    for (const p of pods) this.attempt(p, true);
  }

  private attempt(p: SimPod, first: boolean): void {
    const r = evictViaApi(this.c, this.kubelet, p);
    if (r.ok) return;
    if (first) {
      this.c.recorder.event(this.c.now, 'Warning', 'EvictionBlocked', `pod/${p.key}`, `${r.message} (kubectl drain retries every ${this.c.config.drainRetryMs / 1000}s)`, {
        node: p.node?.name ?? '',
        workload: p.deployment?.name ?? '',
        qos: p.qos,
      });
    }
    this.c.engine.after(this.c.config.drainRetryMs, PRIORITY.controllerTimer, () => this.attempt(p, false));
  }
}
