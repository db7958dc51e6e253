// What the kubelet keeps for each of its pods (its pod workers' state, by pod id): the one timer
// of the pod's next lifecycle step (start, an init container's exit, postStart's return, a
// probe result, the app's exit, a kill ending, a restart, the end of termination), where the
// pod is in its lifecycle, the probe plan of the running instance, and the CrashLoopBackOff
// entries (client-go flowcontrol.Backoff keyed per container).
import type { Engine, Timer } from '../../engine/engine.js';
import type { SimTime } from '../../engine/time.js';
import { ById } from '../../state/by-id.js';
import type { SimPod } from '../../state/objects.js';
import { PRIORITY } from '../run-loop.js';
import type { BackoffEntry } from './backoff.js';

export interface PodWorker {
  timer: Timer | null;
  /** Admitted by this kubelet (counted by its admission and resize decisions). */
  admitted: boolean;
  /** Probe grid anchor: when the probe workers started (admission). */
  anchor: SimTime;
  /** The probes' first tick found the app already running (adopted when the kubelet started). */
  seenAtAnchor: boolean;
  /** Index of the init container the pod is at (spec.initContainers.length = initialized). */
  initIndex: number;
  /** The app's CrashLoopBackOff entry; one per init container (null = none yet). */
  backoff: BackoffEntry | null;
  initBackoff: (BackoffEntry | null)[] | null;
  /**
   * The running instance's probe plan (planContainer, kept field by field: -1 = never) — a
   * probe kill, started, ready — and when the app exits by itself.
   */
  planned: boolean;
  killAt: SimTime;
  killedBy: 'startup' | 'liveness' | null;
  startedAt: SimTime;
  readyAt: SimTime;
  exitAt: SimTime;
  /** A kill of the app is under way (liveness, startup, resize restart): nothing else happens to it. */
  killing: boolean;
  /** When the readiness gates' controller sets them True (-1 = not planned yet). */
  gateAt: SimTime;
}

export class PodWorkers {
  private readonly workers = new ById<PodWorker>();

  constructor(
    private readonly engine: Engine,
    private readonly now: () => SimTime,
  ) {}

  of(p: SimPod): PodWorker {
    let w = this.workers.get(p.id);
    if (!w) {
      w = {
        timer: null,
        admitted: false,
        anchor: 0,
        seenAtAnchor: false,
        initIndex: 0,
        backoff: null,
        initBackoff: null,
        planned: false,
        killAt: -1,
        killedBy: null,
        startedAt: -1,
        readyAt: -1,
        exitAt: -1,
        killing: false,
        gateAt: -1,
      };
      this.workers.set(p.id, w);
    }
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

  get(p: SimPod): PodWorker | undefined {
    return this.workers.get(p.id);
  }
}
