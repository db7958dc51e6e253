// manageJob, after pkg/controller/job/job_controller.go: the active pods a sync deletes
// (activePodsForRemoval: an Indexed Job's invalid or repeated indexes, then by ActivePods order)
// or the pods it creates once the back-off has passed (the missing indexes first, in slow-start
// batches), at most MaxPodCreateDeletePerSync at a time. Called by syncJob (sync-job.ts).
import type { SimTime } from '../../engine/time.js';
import { activePodsWithRanksLess } from '../replicaset/ranking.js';
import { type BackoffRecord, SYNC_JOB_BATCH_PERIOD_MS, remainingBackoff } from './backoff.js';
import { type Intervals, firstPendingIndexes } from './indexes.js';
import type { ActiveJobPod, SyncJobInput } from './sync-job-views.js';

/** MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

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

interface ManageState {
  readonly active: number;
  readonly ready: number;
  readonly terminating: number;
  readonly succeeded: number;
  readonly indexes: Intervals;
  readonly backoff: BackoffRecord;
}

/** manageJob: delete what is too many (deleteJobPods: not counted), or create what is missing after the back-off. */
export function manageJob<P>(input: SyncJobInput<P>, s: ManageState) {
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
