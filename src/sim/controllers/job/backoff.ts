// The Job controller's pod-failure back-off, after pkg/controller/job/backoff_utils.go:
// newBackoffRecord (failures since the last success and the latest failure's time, from the
// pods that finished since the last sync), getFinishedTime (when a pod finished, as the
// controller can tell from its status), getRemainingTimeForFailuresCount (10 s doubling per
// failure, capped). Pure; replayed against backoff_utils_test.go's tables in test/.
import type { SimTime } from '../../engine/time.js';

/** job_controller.go DefaultJobPodFailureBackOff. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
/**
 * MaxJobPodFailureBackOff: 10 minutes since the back-off record (1.28); before it the work
 * queue's MaxJobBackOff, 360 s, capped the same doubling.
 */
export const MAX_POD_FAILURE_BACKOFF_MS = 600_000;
export const MAX_POD_FAILURE_BACKOFF_MS_BEFORE_1_28 = 360_000;
/** syncJobBatchPeriod: enqueueSyncJobWithDelay never waits less. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1_000;

export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  /** null = none. */
  readonly lastFailureTime: SimTime | null;
}

export const NO_BACKOFF: BackoffRecord = { failuresAfterLastSuccess: 0, lastFailureTime: null };

/**
 * newBackoffRecord: `stored` updated with the finish times of the pods that newly succeeded and
 * newly failed. Only failures: they add up, the latest one's time is kept. Any success: the
 * count restarts from the failures that finished strictly after the latest success.
 */
export function newBackoffRecord(stored: BackoffRecord | null, succeededAt: readonly SimTime[], failedAt: readonly SimTime[]): BackoffRecord {
  const base = stored ?? NO_BACKOFF;
  if (succeededAt.length === 0) {
    if (failedAt.length === 0) return base;
    return { failuresAfterLastSuccess: base.failuresAfterLastSuccess + failedAt.length, lastFailureTime: max(failedAt) };
  }
  if (failedAt.length === 0) return NO_BACKOFF;
  const lastSuccess = max(succeededAt);
  const after = failedAt.filter((t) => t > lastSuccess);
  return after.length === 0 ? NO_BACKOFF : { failuresAfterLastSuccess: after.length, lastFailureTime: max(after) };
}

function max(ts: readonly SimTime[]): SimTime {
  let m = ts[0];
  for (const t of ts) if (t > m) m = t;
  return m;
}

/**
 * getRemainingTimeForFailuresCount: 0 without failures; else `initial` doubled per failure
 * after the first, capped at `maxMs`, minus the time since the last failure (0 once it has
 * passed, and at exactly the delay).
 */
export function remainingBackoff(failures: number, lastFailure: SimTime | null, now: SimTime, initialMs = POD_FAILURE_BACKOFF_MS, maxMs = MAX_POD_FAILURE_BACKOFF_MS): number {
  if (failures === 0 || lastFailure === null) return 0;
  let d = initialMs;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= maxMs) {
      d = maxMs;
      break;
    }
  }
  const elapsed = now - lastFailure;
  return d < elapsed ? 0 : d - elapsed;
}

/** What getFinishedTime reads of a pod. */
export interface FinishedTimeView {
  /**
   * state.terminated.finishedAt of each regular container and sidecar (restartable init
   * container); null = not terminated (or terminated without a time).
   */
  readonly containersFinishedAt: readonly (SimTime | null)[];
  /** The Ready condition (null = the pod has none). */
  readonly ready: { readonly status: 'True' | 'False'; readonly lastTransition: SimTime } | null;
  /** metadata.deletionTimestamp (null = not deleted) and deletionGracePeriodSeconds. */
  readonly deletionTimestamp: SimTime | null;
  readonly deletionGracePeriodSeconds: number;
  readonly creationTimestamp: SimTime;
}

/**
 * getFinishedTime: the latest finishedAt when every container has one; else the Ready=False
 * condition's transition time; else deletionTimestamp − grace period (the delete call); else
 * the creation time.
 */
export function finishedTime(p: FinishedTimeView): SimTime {
  let latest: SimTime | null = null;
  let all = p.containersFinishedAt.length > 0;
  for (const t of p.containersFinishedAt) {
    if (t === null) {
      all = false;
      break;
    }
    if (latest === null || t > latest) latest = t;
  }
  if (all && latest !== null) return latest;
  if (p.ready && p.ready.status === 'False') return p.ready.lastTransition;
  if (p.deletionTimestamp !== null) return p.deletionTimestamp - p.deletionGracePeriodSeconds * 1000;
  return p.creationTimestamp;
}
