// The immutable outcome of a run: everything reports, the TUI and comparisons read. Types only;
// Simulation.result() builds it.
import type { Scenario } from '../model/scenario.js';
import type { IntOrPercent, WorkloadKind } from '../model/types.js';
import type { PodTimeline } from './pod-sampler.js';
import type { NodeSample, WorkloadRow } from './sampler.js';
import type { SimEvent } from './state/events.js';
import type { JobResult } from './state/job.js';

export type { EventType, SimEvent } from './state/events.js';
export { ROUTINE_REASONS } from './state/events.js';
export type { NodeSample, WorkloadRow, WorkloadSample } from './sampler.js';
export type { PodInfo, PodStatusRow, PodTimeline } from './pod-sampler.js';

export type { WorkloadKind } from '../model/types.js';

export interface WorkloadResult {
  readonly index: number;
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name`, or `kind/namespace/name` when a workload of another kind shares the name. */
  readonly key: string;
  readonly kind: WorkloadKind;
  readonly samples: readonly WorkloadRow[];
  readonly pdb: { readonly name: string; readonly minAvailable: IntOrPercent | null; readonly maxUnavailable: IntOrPercent | null } | null;
  /**
   * -1 when no rollout happened / did not complete. Done as the kind's controller judges it: a
   * Deployment's Progressing condition, `kubectl rollout status` for the others (a StatefulSet or
   * DaemonSet with OnDelete never completes by itself).
   */
  readonly rolloutStartedAt: number;
  readonly rolloutCompletedAt: number;
  readonly rolloutStalled: boolean;
  readonly evictions: number;
  readonly oomKills: number;
  /** Container restarts (CrashLoopBackOff after OOM kills or failed probes); absent = 0. */
  readonly restarts?: number;
  /** A Job's spec and outcome (absent for other kinds). */
  readonly job?: JobResult;
}

export type { JobResult } from './state/job.js';

export interface NodeResult {
  readonly name: string;
  readonly zone: string;
  readonly allocatableCpu: number;
  readonly allocatableMemory: number;
  readonly memoryCapacity: number;
  /** The hard memory.available threshold in bytes. */
  readonly evictionThreshold: number;
  readonly samples: readonly NodeSample[];
}

export interface SimStats {
  readonly timersFired: number;
  readonly schedulingAttempts: number;
  readonly podsCreated: number;
  /** Routine per-pod events left out (0 when they were kept). */
  readonly routineEventsOmitted: number;
}

export interface SimResult {
  readonly scenario: Scenario;
  readonly durationMs: number;
  readonly workloads: readonly WorkloadResult[];
  readonly nodes: readonly NodeResult[];
  readonly events: readonly SimEvent[];
  /**
   * Every pod's `kubectl get pods -o wide` row over time (pod-status.csv); null or absent when
   * not recorded (runs of more than 20,000 pods, unless asked for).
   */
  readonly pods?: PodTimeline | null;
  readonly stats: SimStats;
}
