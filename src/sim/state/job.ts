// The Job API object (batch/v1): its spec, the status its controller writes (startTime,
// active / ready / terminating, succeeded / failed, completedIndexes, conditions), and the one
// group of pods it has (a Job's pod template is immutable: there are no revisions). The base it
// shares with the other kinds is SimWorkload (objects.ts).
import type { CompletionMode, Job, PodFailurePolicyRule, PodReplacementPolicy } from '../../model/types.js';
import type { SimTime } from '../engine/time.js';
import { SimRevision, SimWorkload } from './objects.js';

/** A condition of status.conditions (only True ones are kept). */
export interface JobCondition {
  readonly type: 'FailureTarget' | 'SuccessCriteriaMet' | 'Complete' | 'Failed' | 'Suspended';
  readonly reason: string;
  readonly message: string;
  /** lastTransitionTime. */
  readonly at: SimTime;
}

export interface JobStatus {
  /** status.startTime (negative: before the run began); null = not started (suspended, or not synced yet). */
  readonly startTime: SimTime | null;
  readonly active: number;
  readonly ready: number;
  readonly terminating: number;
  readonly succeeded: number;
  readonly failed: number;
  /** status.completedIndexes of an Indexed Job ("0-2,4"). */
  readonly completedIndexes: string;
  readonly conditions: readonly JobCondition[];
  /** status.completionTime (the Complete condition's time); null = none. */
  readonly completionTime: SimTime | null;
}

/** What reports say of a Job beyond its timeline. */
export interface JobResult {
  /** null = unset (a work-queue Job). */
  readonly completions: number | null;
  /** spec.parallelism at the end of the run. */
  readonly parallelism: number;
  readonly backoffLimit: number;
  readonly completionMode: 'NonIndexed' | 'Indexed';
  /** The Job's final condition by the end of the run (null: still running). */
  readonly condition: 'Complete' | 'Failed' | null;
  /** Its reason (BackoffLimitExceeded, DeadlineExceeded, PodFailurePolicy; '' for Complete) and message. */
  readonly reason: string;
  readonly message: string;
  /** When the condition was set, ms (-1: none; 0 for a Job that had finished before the run). */
  readonly conditionAt: number;
  /**
   * Without a final condition: the outcome already decided (SuccessCriteriaMet, FailureTarget)
   * while Complete / Failed wait for terminating pods (1.29+), its time (ms, -1: none), and the
   * pods still terminating at the end.
   */
  readonly interim: 'SuccessCriteriaMet' | 'FailureTarget' | null;
  readonly interimAt: number;
  readonly terminating: number;
  readonly succeeded: number;
  readonly failed: number;
  /** The stretches (ms) its missing pods waited out the pod-failure back-off. */
  readonly backoffs: readonly { readonly from: number; readonly to: number }[];
}

export const NEW_JOB_STATUS: JobStatus = {
  startTime: null,
  active: 0,
  ready: 0,
  terminating: 0,
  succeeded: 0,
  failed: 0,
  completedIndexes: '',
  conditions: [],
  completionTime: null,
};

/** The condition of `type`, or null. */
export function jobCondition(s: JobStatus, type: JobCondition['type']): JobCondition | null {
  for (const c of s.conditions) if (c.type === type) return c;
  return null;
}

export class SimJob extends SimWorkload {
  readonly kind = 'Job';
  // spec (parallelism and completions are mutable; the template is not)
  completions: number | null;
  parallelism: number;
  readonly backoffLimit: number;
  readonly completionMode: CompletionMode;
  readonly activeDeadlineSeconds: number | null;
  readonly podReplacementPolicy: PodReplacementPolicy;
  readonly podFailurePolicy: readonly PodFailurePolicyRule[] | null;
  suspend: boolean;

  status: JobStatus = NEW_JOB_STATUS;
  /** The Job's pods (one template, so one group). */
  readonly pods: SimRevision;
  private readonly groups: readonly SimRevision[];

  constructor(index: number, namespace: string, name: string, spec: Job, podsSeq: number) {
    super(index, namespace, name, spec.template, 0);
    this.completions = spec.completions;
    this.parallelism = spec.parallelism;
    this.backoffLimit = spec.backoffLimit;
    this.completionMode = spec.completionMode;
    this.activeDeadlineSeconds = spec.activeDeadlineSeconds;
    this.podReplacementPolicy = spec.podReplacementPolicy;
    this.podFailurePolicy = spec.podFailurePolicy;
    this.suspend = spec.suspend;
    this.pods = new SimRevision(this, name, 1, spec.template, podsSeq, 0);
    this.groups = [this.pods];
  }

  get revisions(): readonly SimRevision[] {
    return this.groups;
  }

  /** A Complete or Failed condition: the controller does nothing more with it (IsJobFinished). */
  get finished(): boolean {
    return jobCondition(this.status, 'Complete') !== null || jobCondition(this.status, 'Failed') !== null;
  }

  /** The outcome is decided (FailureTarget / SuccessCriteriaMet, or already final). */
  get finishing(): boolean {
    return this.finished || jobCondition(this.status, 'FailureTarget') !== null || jobCondition(this.status, 'SuccessCriteriaMet') !== null;
  }

  /**
   * manageJob's wantActive from the spec and status (k8s-workloads.md §0.1): 0 once the outcome
   * is decided or while suspended; without completions parallelism until the first success, then
   * what is active; else completions − succeeded, between 0 and parallelism.
   */
  get desired(): number {
    if (this.finishing || this.suspend) return 0;
    const s = this.status;
    if (this.completions === null) return s.succeeded > 0 ? s.active : this.parallelism;
    return Math.max(0, Math.min(this.parallelism, this.completions - s.succeeded));
  }

  /** Jobs have no scale subresource: a PDB needing one fails safe (disruption.go). */
  get scale(): null {
    return null;
  }
}
