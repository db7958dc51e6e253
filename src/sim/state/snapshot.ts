// What the inventory says a pod is doing at t=0 — the state a kubectl dump caught it in — for
// the controllers that take it over when they start (the kubelet, the taint-eviction
// controller). Times are simulated ms (before the run: ≤ 0).
import type { SimTime } from '../engine/time.js';

export interface InitialPodState {
  readonly running: boolean;
  readonly ready: boolean;
  /** Terminating (a deletionTimestamp): when its grace period ends and it goes. */
  readonly goneAt?: SimTime;
  /** When it was bound (PodScheduled); undefined = long before any taint of its node. */
  readonly boundAt?: SimTime;
  /** Its app container's restarts so far. */
  readonly restarts?: number;
  /** In CrashLoopBackOff: when its app container last exited, how, and how long that instance ran. */
  readonly crashLoop?: { readonly exitedAt: SimTime; readonly exitCode: number; readonly reason: string; readonly ranSeconds: number };
}
