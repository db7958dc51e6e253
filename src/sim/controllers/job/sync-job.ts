// One syncJob as a pure rule, after pkg/controller/job/job_controller.go: syncJob (new finished
// pods, startTime, the back-off record, the finish conditions in their order — a FailJob rule,
// failed > backoffLimit or pastBackoffLimitOnFailure, pastActiveDeadline —, deleteActivePods
// when finishing, else manageJob (manage-job.ts) and the completion check), trackJobStatusAndRemoveFinalizers
// (which pods are counted, the interim FailureTarget / SuccessCriteriaMet conditions) and
// enactJobFinished / recordJobFinished (the final Complete or Failed condition, its event).
// It reads counts and the pods that still carry the tracking finalizer; the lists of active
// pods are asked for only when a branch needs them. The controller (job-controller.ts) carries
// out the result. Replayed against job_controller_test.go's tables in test/.
import type { SimTime } from '../../engine/time.js';
import { type JobCondition, type JobStatus, jobCondition } from '../../state/job.js';
import { NO_BACKOFF, newBackoffRecord } from './backoff.js';
import { type Intervals, formatIntervals, hasIndex, indexesOf, parseIntervals, totalIndexes, withOrderedIndexes } from './indexes.js';
import type { FinishedPod, JobEvent, SyncJobInput, SyncJobResult } from './sync-job-views.js';
import { manageJob } from './manage-job.js';

export type { ActiveJobPod, FinishedPod, JobEvent, JobSpecView, SyncJobInput, SyncJobPods, SyncJobResult } from './sync-job-views.js';
export { MAX_POD_CREATE_DELETE_PER_SYNC, activePodsForRemoval } from './manage-job.js';

const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };

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

/** The succeeded indexes of a status, for the controller. */
export function succeededIndexesOf(status: JobStatus, completions: number): number[] {
  return indexesOf(parseIntervals(status.completedIndexes, completions));
}
