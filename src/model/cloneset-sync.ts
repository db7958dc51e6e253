// OpenKruise CloneSet's central count (pkg/controller/cloneset/sync/cloneset_sync_utils.go
// calculateDiffsWithExpectation, util.CalculatePartitionReplicas) and the update limit
// (sync/cloneset_update.go limitUpdateIndexes), as pure rules for the CloneSet controller.
import { getScaledValueFromIntOrPercent } from './intstr.js';
import type { IntOrPercent } from './types.js';

/** A pod as calculateDiffsWithExpectation reads it. */
export interface CloneSetPodView {
  /** Its controller-revision-hash is the update revision (EqualToRevisionHash). */
  readonly updated: boolean;
  /** lifecycle.GetPodLifecycleState: '' or Normal, or PreparingDelete … (Headroom's pods are Normal). */
  readonly lifecycle: string;
  /** IsPodAvailable: running, Ready for minReadySeconds, InPlaceUpdateReady not False. */
  readonly available: boolean;
  /** Marked for deletion (the specified-delete label a ReCreate update puts on it). */
  readonly specifiedDelete: boolean;
}

export interface CloneSetDiffInput {
  readonly replicas: number;
  readonly partition: IntOrPercent;
  readonly maxUnavailable: IntOrPercent;
  readonly maxSurge: IntOrPercent;
  readonly paused: boolean;
  readonly scaleMaxUnavailable: IntOrPercent | null;
  readonly excludePreparingDelete?: boolean;
  /** currentRevision == updateRevision. */
  readonly revisionConsistent: boolean;
  /** The CloneSetPartitionRollback feature gate (alpha, off by default). */
  readonly partitionRollback: boolean;
  readonly pods: readonly CloneSetPodView[];
}

/** expectationDiffs (every field 0 when there is nothing to do). */
export interface CloneSetDiffs {
  scaleUpNum: number;
  scaleUpNumOldRevision: number;
  scaleDownNum: number;
  scaleDownNumOldRevision: number;
  scaleUpLimit: number;
  deleteReadyLimit: number;
  useSurge: number;
  useSurgeOldRevision: number;
  updateNum: number;
  updateMaxUnavailable: number;
}

const MAX_INT32 = 2147483647;

/**
 * util.CalculatePartitionReplicas (pkg/util/tools.go): the partition scaled against replicas,
 * rounded up (at least one old pod kept for a partition above 0%), but a percentage under 100%
 * leaves at least one pod to update when replicas > 1; between 0 and replicas.
 */
export function partitionReplicas(partition: IntOrPercent, replicas: number): number {
  let p = getScaledValueFromIntOrPercent(partition, replicas, true);
  if (replicas > 1 && p === replicas && typeof partition === 'string' && partition !== '100%') p = replicas - 1;
  return Math.min(Math.max(p, 0), replicas);
}

const isPlusAndMinus = (a: number, b: number) => (a < 0 && b > 0) || (a > 0 && b < 0);

/** calculateDiffsWithExpectation (cloneset_sync_utils.go), line by line. */
export function calculateDiffsWithExpectation(cs: CloneSetDiffInput): CloneSetDiffs {
  const res: CloneSetDiffs = {
    scaleUpNum: 0, scaleUpNumOldRevision: 0, scaleDownNum: 0, scaleDownNumOldRevision: 0, scaleUpLimit: 0,
    deleteReadyLimit: 0, useSurge: 0, useSurgeOldRevision: 0, updateNum: 0, updateMaxUnavailable: 0,
  };
  const replicas = cs.replicas;
  const partition = partitionReplicas(cs.partition, replicas);
  let maxSurge = getScaledValueFromIntOrPercent(cs.maxSurge, replicas, true);
  if (cs.paused) maxSurge = 0;
  // maxUnavailable rounds up unless there is a surge (then down).
  const maxUnavailable = getScaledValueFromIntOrPercent(cs.maxUnavailable, replicas, maxSurge === 0);
  const scaleMaxUnavailable = getScaledValueFromIntOrPercent(cs.scaleMaxUnavailable ?? MAX_INT32, replicas, true);

  let newRevisionCount = 0, newRevisionActiveCount = 0, oldRevisionCount = 0, oldRevisionActiveCount = 0;
  let unavailableNewRevisionCount = 0, unavailableOldRevisionCount = 0;
  let toDeleteNewRevisionCount = 0, toDeleteOldRevisionCount = 0, preDeletingNewRevisionCount = 0, preDeletingOldRevisionCount = 0;
  for (const p of cs.pods) {
    const available = p.available && (p.lifecycle === '' || p.lifecycle === 'Normal');
    if (p.updated) {
      newRevisionCount++;
      if (p.lifecycle === 'PreparingDelete') preDeletingNewRevisionCount++;
      else {
        newRevisionActiveCount++;
        if (p.specifiedDelete) toDeleteNewRevisionCount++;
        else if (!available) unavailableNewRevisionCount++;
      }
    } else {
      oldRevisionCount++;
      if (p.lifecycle === 'PreparingDelete') preDeletingOldRevisionCount++;
      else {
        oldRevisionActiveCount++;
        if (p.specifiedDelete) toDeleteOldRevisionCount++;
        else if (!available) unavailableOldRevisionCount++;
      }
    }
  }

  let updateOldDiff = oldRevisionActiveCount - partition;
  let updateNewDiff = newRevisionActiveCount - (replicas - partition);
  const totalUnavailable = preDeletingNewRevisionCount + preDeletingOldRevisionCount + unavailableNewRevisionCount + unavailableOldRevisionCount;
  if (cs.revisionConsistent || !cs.partitionRollback) {
    updateOldDiff = Math.max(updateOldDiff, 0);
    updateNewDiff = Math.min(updateNewDiff, 0);
  }

  if (maxSurge > 0) {
    // Surge for maxUnavailable not satisfied before scaling (pods to delete).
    let scaleSurge = 0, scaleOldRevisionSurge = 0;
    const toDeleteCount = toDeleteNewRevisionCount + toDeleteOldRevisionCount;
    if (toDeleteCount > 0) {
      scaleSurge = Math.min(Math.max(totalUnavailable + toDeleteCount - maxUnavailable, 0), toDeleteCount);
      if (scaleSurge > toDeleteNewRevisionCount) scaleOldRevisionSurge = scaleSurge - toDeleteNewRevisionCount;
    }
    // Surge for old and new revision updating.
    let updateSurge = 0, updateOldRevisionSurge = 0;
    if (isPlusAndMinus(updateOldDiff, updateNewDiff)) {
      if (Math.abs(updateOldDiff) <= Math.abs(updateNewDiff)) {
        updateSurge = Math.abs(updateOldDiff);
        if (updateOldDiff < 0) updateOldRevisionSurge = updateSurge;
      } else {
        updateSurge = Math.abs(updateNewDiff);
        if (updateNewDiff > 0) updateOldRevisionSurge = updateSurge;
      }
    }
    // The controller does not scale and update in one reconcile.
    if (scaleSurge >= updateSurge) {
      res.useSurge = Math.min(maxSurge, scaleSurge);
      res.useSurgeOldRevision = Math.min(res.useSurge, scaleOldRevisionSurge);
    } else {
      res.useSurge = Math.min(maxSurge, updateSurge);
      res.useSurgeOldRevision = Math.min(res.useSurge, updateOldRevisionSurge);
    }
  }

  let currentTotalCount = cs.pods.length;
  let currentTotalOldCount = oldRevisionCount;
  if (cs.excludePreparingDelete) {
    currentTotalCount = currentTotalCount - preDeletingOldRevisionCount - preDeletingNewRevisionCount;
    currentTotalOldCount = currentTotalOldCount - preDeletingOldRevisionCount;
  }
  const expectedTotalCount = replicas + res.useSurge;
  const expectedTotalOldCount = partition + res.useSurgeOldRevision;

  const up = expectedTotalCount - currentTotalCount;
  if (up > 0) {
    res.scaleUpNum = up;
    res.scaleUpNumOldRevision = Math.max(expectedTotalOldCount - currentTotalOldCount, 0);
    res.scaleUpLimit = Math.min(res.scaleUpNum, Math.max(scaleMaxUnavailable - totalUnavailable, 0));
  }
  const down = currentTotalCount - toDeleteOldRevisionCount - toDeleteNewRevisionCount - expectedTotalCount;
  if (down > 0) {
    res.scaleDownNum = down;
    res.scaleDownNumOldRevision = Math.max(currentTotalOldCount - toDeleteOldRevisionCount - expectedTotalOldCount, 0);
  }
  if (toDeleteNewRevisionCount > 0 || toDeleteOldRevisionCount > 0 || res.scaleDownNum > 0) {
    res.deleteReadyLimit = Math.max(maxUnavailable + (cs.pods.length - replicas) - totalUnavailable, 0);
  }
  res.updateNum = Math.abs(updateOldDiff) <= Math.abs(updateNewDiff) ? updateOldDiff : 0 - updateNewDiff;
  if (res.updateNum !== 0) res.updateMaxUnavailable = maxUnavailable + cs.pods.length - replicas;
  return res;
}

/** A pod waiting to be updated, as limitUpdateIndexes reads it. */
export interface UpdateCandidate {
  readonly available: boolean;
}

/**
 * limitUpdateIndexes (cloneset_update.go): of the sorted pods waiting for the update, at most
 * |updateNum|, and no more than keep unavailable pods (all revisions, and of the target
 * revision) under updateMaxUnavailable; updating a pod that is unavailable already costs nothing.
 * `all` is every pod's availability and whether it is at the target revision. Returns how many
 * of `waiting` (in order) may be updated now.
 */
export function limitUpdates(diffs: Pick<CloneSetDiffs, 'updateNum' | 'updateMaxUnavailable'>, waiting: readonly UpdateCandidate[], all: readonly { readonly available: boolean; readonly atTarget: boolean }[]): number {
  const n = Math.min(Math.abs(diffs.updateNum), waiting.length);
  let unavailableCount = 0;
  let targetRevisionUnavailableCount = 0;
  for (const p of all) {
    if (!p.available) {
      unavailableCount++;
      if (p.atTarget) targetRevisionUnavailableCount++;
    }
  }
  let canUpdateCount = 0;
  for (let i = 0; i < n; i++) {
    if (targetRevisionUnavailableCount + canUpdateCount >= diffs.updateMaxUnavailable) break;
    if (waiting[i].available) {
      if (unavailableCount >= diffs.updateMaxUnavailable) break;
      unavailableCount++;
    }
    canUpdateCount++;
  }
  return canUpdateCount;
}
