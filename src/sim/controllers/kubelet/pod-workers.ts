// What the kubelet keeps for each of its pods (its pod workers' state): the one timer of the
// pod's next lifecycle step (start, probe result, kill, restart, end of termination) and the
// CrashLoopBackOff entry (client-go flowcontrol.Backoff), by pod id.
import type { Engine, Timer } from '../../engine/engine.js';
import type { SimTime } from '../../engine/time.js';
import { ById } from '../../state/by-id.js';
import type { SimPod } from '../../state/objects.js';
import { PRIORITY } from '../run-loop.js';

export interface PodWorker {
  timer: Timer | null;
  backoffMs: number;
  backoffUpdatedAt: SimTime;
}

export class PodWorkers {
  private readonly workers = new ById<PodWorker>();

  constructor(
    private readonly engine: Engine,
    private readonly now: () => SimTime,
  ) {}

  of(p: SimPod): PodWorker {
    let w = this.workers.get(p.id);
    if (!w) this.workers.set(p.id, (w = { timer: null, backoffMs: 0, backoffUpdatedAt: -1 }));
    return w;
  }

  /** The pod's next step at `at` (replacing the one planned). */
  at(p: SimPod, at: SimTime, fire: () => void): void {
    const w = this.of(p);
    this.engine.cancel(w.timer);
    w.timer = this.engine.at(Math.max(at, this.now()), PRIORITY.kubelet, fire);
  }

  /** Nothing more is planned for the pod. */
  cancel(p: SimPod): void {
    const w = this.workers.get(p.id);
    if (w) this.engine.cancel(w.timer);
  }

  /** The pod is gone from the API: its worker ends. */
  forget(p: SimPod): void {
    this.cancel(p);
    this.workers.set(p.id, undefined);
  }
}
