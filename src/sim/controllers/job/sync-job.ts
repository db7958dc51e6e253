// One syncJob as a pure rule, after pkg/controller/job/job_controller.go: syncJob (new finished
// pods, startTime, the back-off record, the finish conditions in their order — a FailJob rule,
// failed > backoffLimit or pastBackoffLimitOnFailure, pastActiveDeadline —, deleteActivePods
// when finishing, else manageJob and the completion check), trackJobStatusAndRemoveFinalizers
// (which pods are counted, the interim FailureTarget / SuccessCriteriaMet conditions) and
// enactJobFinished / recordJobFinished (the final Complete or Failed condition, its event).
// It reads counts and the pods that still carry the tracking finalizer; the lists of active
// pods are asked for only when a branch needs them. The controller (job-controller.ts) carries
// out the result. Replayed against job_controller_test.go's tables in test/.
import type { SimTime } from '../../engine/time.js';
import { type JobCondition, type JobStatus, jobCondition } from '../../state/job.js';
import { activePodsWithRanksLess, type RankablePod } from '../replicaset/ranking.js';
import { type BackoffRecord, NO_BACKOFF, SYNC_JOB_BATCH_PERIOD_MS, newBackoffRecord, remainingBackoff } from './backoff.js';
import { type Intervals, firstPendingIndexes, formatIntervals, hasIndex, indexesOf, parseIntervals, totalIndexes, withOrderedIndexes } from './indexes.js';

/** MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

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

const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };

/** The pods to delete first (ActivePods: unscheduled, Pending, not ready, … newest), ties by creation. */
function byActivePods<P>(a: ActiveJobPod<P>, b: ActiveJobPod<P>): number {
  if (activePodsWithRanksLess(a, 0, b, 0, null)) return -1;
  if (activePodsWithRanksLess(b, 0, a, 0, null)) return 1;
  return b.seq - a.seq;
}

/**
 * activePodsForRemoval: Indexed, first the pods without a valid index, at or above completions,
 * or repeating an index (the best-ranked of each index stays); then, up to `rmAtLeast`, the
 * first by ActivePods order.
 */
export function activePodsForRemoval<P>(pods: readonly ActiveJobPod<P>[], rmAtLeast: number, indexed: boolean, completions: number): ActiveJobPod<P>[] {
  const rm: ActiveJobPod<P>[] = [];
  let left: ActiveJobPod<P>[] = [...pods];
  if (indexed) {
    left = [];
    const byIndex = new Map<number, ActiveJobPod<P>[]>();
    for (const p of pods) {
      if (p.index < 0 || p.index >= completions) rm.push(p);
      else {
        const l = byIndex.get(p.index);
        if (l) l.push(p);
        else byIndex.set(p.index, [p]);
      }
    }
    for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
      const same = byIndex.get(ix)!.sort(byActivePods);
      rm.push(...same.slice(0, -1));
      left.push(same[same.length - 1]);
    }
  }
  if (rm.length < rmAtLeast) rm.push(...left.sort(byActivePods).slice(0, rmAtLeast - rm.length));
  return rm;
}

export function syncJob<P>(input: SyncJobInput<P>): SyncJobResult<P> {
  const { spec, status, now, pods } = input;
  const none: SyncJobResult<P> = { status, creations: 0, createdIndexes: [], deletions: [], counted: [], backoff: NO_BACKOFF, requeueAt: null, backingOff: false, events: [] };
  // IsJobFinished: the back-off record is dropped, nothing else happens.
  if (jobCondition(status, 'Complete') || jobCondition(status, 'Failed')) return none;
  const completions = spec.completions;
  const validIndex = (ix: number) => !spec.indexed || (ix >= 0 && ix < (completions ?? 0));
  const newSucceeded = pods.newSucceeded.filter((p) => validIndex(p.index));
  const newFailed = pods.newFailed.filter((p) => validIndex(p.index));
  let active = pods.active;
  let ready = pods.ready;
  let terminating = pods.terminating;
  let succeeded = status.succeeded + newSucceeded.length;
  const failed = status.failed + newFailed.filter((p) => p.countFailed).length;
  let startTime = status.startTime;
  if (startTime === null && !spec.suspend) startTime = now;
  const backoff = newBackoffRecord(input.backoff, newSucceeded.map((p) => p.finishedAt), newFailed.map((p) => p.finishedAt));
  const events: JobEvent[] = [];
  let conditions: JobCondition[] = [...status.conditions];
  const requeue: SimTime[] = [];

  // The finish condition, first match.
  type Finish = { readonly type: JobCondition['type']; readonly reason: string; readonly message: string };
  let finish: Finish | null = jobCondition(status, 'SuccessCriteriaMet');
  const failureCondition = (c: { reason: string; message: string }): Finish => ({ type: spec.delayTerminal ? 'FailureTarget' : 'Failed', ...c });
  if (!finish) {
    const target = jobCondition(status, 'FailureTarget');
    if (target) finish = { type: 'Failed', reason: target.reason, message: target.message };
    else {
      const failJob = newFailed.find((p) => p.failJob !== null);
      if (failJob) finish = { type: 'FailureTarget', reason: 'PodFailurePolicy', message: failJob.failJob! };
    }
  }
  if (!finish) {
    const pastOnFailure = spec.onFailure && (spec.backoffLimit === 0 ? pods.liveRestarts > 0 : pods.liveRestarts >= spec.backoffLimit);
    const deadline = spec.activeDeadlineSeconds;
    if (failed > spec.backoffLimit || pastOnFailure) finish = failureCondition(BACKOFF_LIMIT_EXCEEDED);
    else if (deadline !== null && startTime !== null && !spec.suspend && now - startTime >= deadline * 1000) finish = failureCondition(DEADLINE_EXCEEDED);
    else if (deadline !== null && !spec.suspend && startTime !== null) requeue.push(startTime + deadline * 1000);
  }

  let prevIndexes: Intervals = [];
  let indexes: Intervals = [];
  if (spec.indexed) {
    prevIndexes = parseIntervals(status.completedIndexes, completions ?? 0);
    const fresh = [...new Set(newSucceeded.map((p) => p.index))].filter((ix) => !hasIndex(prevIndexes, ix)).sort((a, b) => a - b);
    indexes = withOrderedIndexes(prevIndexes, fresh);
    succeeded = totalIndexes(indexes);
  }

  const deletions: P[] = [];
  const untracked: P[] = [];
  let creations = 0;
  let createdIndexes: number[] = [];
  let backingOff = false;
  if (finish) {
    // deleteActivePods: finalizers kept, so the pods are counted (failed) below.
    const act = pods.activePods();
    for (const p of act) {
      deletions.push(p.pod);
      if (p.ready) ready--;
    }
    active -= act.length;
    if (spec.trackTerminating) terminating += act.length;
  } else {
    const m = manageJob(input, { active, ready, terminating, succeeded, indexes, backoff });
    active = m.active;
    ready = m.ready;
    terminating = m.terminating;
    creations = m.creations;
    createdIndexes = m.createdIndexes;
    for (const p of m.deletions) {
      deletions.push(p);
      untracked.push(p);
    }
    if (m.requeueAt !== null) requeue.push(m.requeueAt);
    backingOff = m.backingOff;
    const complete = completions === null ? succeeded > 0 && active === 0 : succeeded >= completions && active === 0;
    if (complete) finish = { type: spec.delayTerminal ? 'SuccessCriteriaMet' : 'Complete', reason: '', message: '' };
    else if (spec.suspend && !jobCondition(status, 'Suspended')) {
      conditions.push({ type: 'Suspended', reason: 'JobSuspended', message: 'Job suspended', at: now });
      events.push({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
    }
  }

  // trackJobStatusAndRemoveFinalizers: every finished pod is counted; when the Job fails, every
  // other pod still tracked too (as failed).
  const counted: P[] = [...untracked];
  let countedFailed = status.failed;
  let countedSucceeded = status.succeeded;
  for (const p of pods.newSucceeded) {
    counted.push(p.pod);
    if (!spec.indexed) countedSucceeded++;
  }
  const failing = finish !== null && finish.type !== 'SuccessCriteriaMet' && finish.type !== 'Complete';
  const countFailed = (p: FinishedPod<P>) => {
    counted.push(p.pod);
    if (p.countFailed && validIndex(p.index)) countedFailed++;
  };
  for (const p of pods.newFailed) countFailed(p);
  if (failing) for (const p of pods.otherTracked()) countFailed(p);
  if (spec.indexed) countedSucceeded = totalIndexes(indexes);

  let finalCondition: Finish | null = finish;
  if (finish?.type === 'FailureTarget') {
    conditions.push({ type: 'FailureTarget', reason: finish.reason, message: finish.message, at: now });
    finalCondition = { type: 'Failed', reason: finish.reason, message: finish.message };
  } else if (finish?.type === 'SuccessCriteriaMet') {
    if (!jobCondition(status, 'SuccessCriteriaMet')) conditions.push({ type: 'SuccessCriteriaMet', reason: '', message: '', at: now });
    finalCondition = { type: 'Complete', reason: '', message: '' };
  }
  let completionTime = status.completionTime;
  let finished = false;
  // enactJobFinished: with delayed terminal conditions, only once no pod is terminating.
  if (finalCondition && !(spec.delayTerminal && terminating > 0)) {
    finished = true;
    conditions.push({ type: finalCondition.type, reason: finalCondition.reason, message: finalCondition.message, at: now });
    if (finalCondition.type === 'Complete') {
      completionTime = now;
      if (completions !== null && countedSucceeded > completions) {
        events.push({ type: 'Warning', reason: 'TooManySucceededPods', message: 'Too many succeeded pods running after completion count reached' });
      }
      events.push({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
    } else events.push({ type: 'Warning', reason: finalCondition.reason, message: finalCondition.message });
  }
  if (conditions.length === status.conditions.length) conditions = status.conditions as JobCondition[];
  return {
    status: {
      startTime,
      active,
      ready,
      terminating: spec.reportTerminating ? terminating : 0,
      succeeded: countedSucceeded,
      failed: countedFailed,
      completedIndexes: spec.indexed ? formatIntervals(indexes) : '',
      conditions,
      completionTime,
    },
    creations,
    createdIndexes,
    deletions,
    counted,
    backoff: finished ? NO_BACKOFF : backoff,
    requeueAt: requeue.length ? Math.min(...requeue) : null,
    backingOff,
    events,
  };
}

interface ManageState {
  readonly active: number;
  readonly ready: number;
  readonly terminating: number;
  readonly succeeded: number;
  readonly indexes: Intervals;
  readonly backoff: BackoffRecord;
}

/** manageJob: delete what is too many (deleteJobPods: not counted), or create what is missing after the back-off. */
function manageJob<P>(input: SyncJobInput<P>, s: ManageState) {
  const { spec, pods, now } = input;
  let { active, ready, terminating } = s;
  const out = { active, ready, terminating, creations: 0, createdIndexes: [] as number[], deletions: [] as P[], requeueAt: null as SimTime | null, backingOff: false };
  const remove = (list: readonly ActiveJobPod<P>[]) => {
    for (const p of list) {
      out.deletions.push(p.pod);
      if (p.ready) ready--;
    }
    active -= list.length;
    if (spec.trackTerminating) terminating += list.length;
    return { ...out, active, ready, terminating };
  };
  if (spec.suspend) return remove(pods.activePods());
  const completions = spec.completions;
  const wantActive = completions === null ? (s.succeeded > 0 ? active : spec.parallelism) : Math.max(0, Math.min(spec.parallelism, completions - s.succeeded));
  const rmAtLeast = Math.max(0, active - wantActive);
  // Indexed Jobs look for repeated or out-of-range indexes even when the count is right.
  if (rmAtLeast > 0 || spec.indexed) {
    const rm = activePodsForRemoval(pods.activePods(), rmAtLeast, spec.indexed, completions ?? 0);
    if (rm.length > 0) return remove(rm.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC));
  }
  const replacing = spec.onlyReplaceFailed ? terminating : 0;
  let diff = wantActive - replacing - active;
  if (diff <= 0) return out;
  const remaining = remainingBackoff(s.backoff.failuresAfterLastSuccess, s.backoff.lastFailureTime, now, spec.backoffInitialMs, spec.backoffMaxMs);
  if (remaining > 0) {
    // enqueueSyncJobWithDelay: never sooner than the batch period. (Upstream returned active = 0
    // here until kubernetes#139457; the fixed count is reported.)
    out.requeueAt = now + Math.max(remaining, SYNC_JOB_BATCH_PERIOD_MS);
    out.backingOff = true;
    return out;
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let createdIndexes: number[] = [];
  if (spec.indexed) {
    const covered = pods.activePods().map((p) => p.index);
    if (spec.onlyReplaceFailed) covered.push(...pods.terminatingIndexes());
    createdIndexes = firstPendingIndexes(s.indexes, covered, diff, completions ?? 0);
    diff = createdIndexes.length;
  }
  // Slow start (batches 1, 2, 4 …): a batch with a refused creation skips the rest.
  const limit = input.createLimit ?? Infinity;
  let created = 0;
  let attempted = 0;
  for (let batch = Math.min(diff, 1); attempted < diff; batch = Math.min(2 * batch, diff - attempted)) {
    const ok = Math.max(0, Math.min(batch, limit - created));
    created += ok;
    attempted += batch;
    if (ok < batch) break;
  }
  out.creations = created;
  out.createdIndexes = createdIndexes.slice(0, created);
  out.active = active + created;
  return out;
}

/** The succeeded indexes of a status, for the controller. */
export function succeededIndexesOf(status: JobStatus, completions: number): number[] {
  return indexesOf(parseIntervals(status.completedIndexes, completions));
}
