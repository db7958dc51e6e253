// IsPodAvailable(pod, minReadySeconds, now) as the workload controllers find it: a pod is
// available once it has been Ready for minReadySeconds. Each of them (ReplicaSet, StatefulSet,
// DaemonSet) re-queues itself after minReadySeconds when one of its pods turns Ready, and that
// look marks the pod available; the timers live here, one per pod, owned by the controller.
import type { Engine, Timer } from '../engine/engine.js';
import type { ClusterState } from '../state/cluster-state.js';
import { ById } from '../state/by-id.js';
import type { SimPod } from '../state/objects.js';
import { PRIORITY } from './run-loop.js';

export class AvailabilityTimers {
  /** The requeue after minReadySeconds that finds a Ready pod available, by pod id. */
  private readonly timers = new ById<Timer>();

  constructor(
    private readonly c: ClusterState,
    private readonly engine: Engine,
  ) {}

  /**
   * The pod's Ready condition or activity changed. Upstream is strict (Ready for more than
   * minReadySeconds), but at millisecond resolution the requeue sees it at exactly +min.
   */
  readinessChanged(p: SimPod, minReadySeconds: number): void {
    const minReady = minReadySeconds * 1000;
    if (minReady === 0) return; // Ready is available at once (SimPod.isAvailable)
    this.engine.cancel(this.timers.get(p.id));
    this.timers.set(p.id, undefined);
    if (!p.active) return; // deleted or terminal: it counts for nothing any more
    if (!p.ready) {
      if (p.available) this.c.updatePod(p, (q) => (q.available = false));
      return;
    }
    if (p.available) return; // Ready since before the run (the inventory's steady state)
    this.timers.set(p.id, this.engine.at(this.c.now + minReady, PRIORITY.kubelet, () => {
      this.timers.set(p.id, undefined);
      if (p.ready && p.active) this.c.updatePod(p, (q) => (q.available = true));
    }));
  }
}
