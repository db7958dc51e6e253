// What one syncJob (sync-job.ts) reads and returns, as views the controller builds
// (job-pods.ts): the Job's spec with the version's feature gates resolved, its pods — counts,
// the finished pods still carrying the tracking finalizer, the active ones with what ActivePods
// ranks — and the result the controller carries out.
import type { SimTime } from '../../engine/time.js';
import type { JobStatus } from '../../state/job.js';
import type { RankablePod } from '../replicaset/ranking.js';
import type { BackoffRecord } from './backoff.js';

/** The Job's spec as the sync reads it, with the feature gates of the cluster's version resolved. */
export interface JobSpecView {
  /** null = unset (a work-queue Job). */
  readonly completions: number | null;
  readonly parallelism: number;
  readonly backoffLimit: number;
  readonly indexed: boolean;
  readonly activeDeadlineSeconds: number | null;
  readonly suspend: boolean;
  /** The template's restartPolicy is OnFailure (pastBackoffLimitOnFailure applies). */
  readonly onFailure: boolean;
  /** onlyReplaceFailedPods: podReplacementPolicy Failed (gate on), or a pod failure policy. */
  readonly onlyReplaceFailed: boolean;
  /** trackTerminatingPods: the JobPodReplacementPolicy or JobManagedBy gate, or a pod failure policy. */
  readonly trackTerminating: boolean;
  /** status.terminating is written (the JobPodReplacementPolicy gate). */
  readonly reportTerminating: boolean;
  /** delayTerminalCondition: Complete / Failed wait for terminating pods (either gate on). */
  readonly delayTerminal: boolean;
  /** The back-off: first delay and cap (ms). */
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
}

/** A pod that still carries the tracking finalizer and has finished (Succeeded, or isPodFailed). */
export interface FinishedPod<P> {
  readonly pod: P;
  /** Completion index (-1: none). */
  readonly index: number;
  /** getFinishedTime. */
  readonly finishedAt: SimTime;
  /** Counts against backoffLimit (false when a pod failure policy Ignore rule matched). */
  readonly countFailed: boolean;
  /** A FailJob rule matched: the Job fails with this message. */
  readonly failJob: string | null;
}

/** A pod FilterActivePods keeps (not terminal, not being deleted), with what ActivePods ranks. */
export interface ActiveJobPod<P> extends RankablePod {
  readonly pod: P;
  readonly index: number;
  /** Creation sequence: the tie-break of the ranking. */
  readonly seq: number;
}

export interface SyncJobPods<P> {
  /** len(FilterActivePods(pods)), and of them Ready. */
  readonly active: number;
  readonly ready: number;
  /** CountTerminatingPods: deleted and not yet terminal. */
  readonly terminating: number;
  /** Σ restartCount of the containers of pods in phase Running or Pending (pastBackoffLimitOnFailure). */
  readonly liveRestarts: number;
  readonly newSucceeded: readonly FinishedPod<P>[];
  readonly newFailed: readonly FinishedPod<P>[];
  /** Pods with the finalizer that are neither (running, or terminating when only failed ones are replaced). */
  readonly otherTracked: () => readonly FinishedPod<P>[];
  readonly activePods: () => readonly ActiveJobPod<P>[];
  /** Indexes of the terminating pods (firstPendingIndexes when only failed pods are replaced). */
  readonly terminatingIndexes: () => readonly number[];
}

export interface SyncJobInput<P> {
  readonly spec: JobSpecView;
  readonly status: JobStatus;
  readonly now: SimTime;
  readonly pods: SyncJobPods<P>;
  /** The stored back-off record (null: none). */
  readonly backoff: BackoffRecord | null;
  /** Creations the API accepts before refusing (a quota in upstream tests; Infinity here). */
  readonly createLimit?: number;
}

export interface JobEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

export interface SyncJobResult<P> {
  readonly status: JobStatus;
  /** Pods to create now, and their completion indexes (Indexed Jobs). */
  readonly creations: number;
  readonly createdIndexes: readonly number[];
  /** deleteActivePods (finishing: finalizers kept, so they count as failed) or deleteJobPods (not counted). */
  readonly deletions: readonly P[];
  /** Pods whose tracking finalizer is removed: counted in status, never looked at again. */
  readonly counted: readonly P[];
  /** The record to store (NO_BACKOFF once finished). */
  readonly backoff: BackoffRecord;
  /** When to sync again by itself (the back-off's end, the deadline); null = not needed. */
  readonly requeueAt: SimTime | null;
  /** Pods are missing and the pod-failure back-off holds their creation. */
  readonly backingOff: boolean;
  readonly events: readonly JobEvent[];
}
