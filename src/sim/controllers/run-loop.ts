// How controllers share one instant of simulated time (there is no latency between them):
// timers fire in PRIORITY order — what the kubelets and the world do first, then the
// controllers' own timers, then the controllers settle. A controller that queued work calls
// its `Wake`; the controller manager (src/sim/simulation.ts) then runs one pass of every work
// queue at PRIORITY.reconcile in the same instant, repeated until nothing moves.

export const PRIORITY = {
  /** Pod status changes: containers starting and stopping, probe results, pods turning available. */
  kubelet: 10,
  /** The scenario's what-if events. */
  scenario: 20,
  /** Controllers' periodic and delayed work (monitor passes, deadlines, taint-eviction timers). */
  controllerTimer: 30,
  /** The controllers' work queues, drained together. */
  reconcile: 100,
} as const;

/** Asks for a reconcile pass in the current instant. */
export type Wake = () => void;
