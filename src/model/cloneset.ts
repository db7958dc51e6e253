// OpenKruise's CloneSet (apps.kruise.io/v1alpha1) as pure rules: its defaults
// (apis/apps/defaults SetDefaultsCloneSet), the validating webhook's checks of the fields Headroom
// reads (pkg/webhook/cloneset/validating/validation.go validateUpdateStrategy,
// ValidateCloneSetUpdate), whether a template change can be made in place
// (pkg/util/inplaceupdate/inplace_update_defaults.go defaultCalculateInPlaceUpdateSpec), and the
// controller's central count (pkg/controller/cloneset/sync/cloneset_sync_utils.go
// calculateDiffsWithExpectation, cloneset_update.go limitUpdateIndexes). Used by the loaders (a
// spec is accepted or refused the same way from workloads.csv, overrides and dumps) and by the
// CloneSet controller.
import { getScaledValueFromIntOrPercent, isIntOrPercent } from './intstr.js';
import { templateRestartPolicyProblem } from './deployment.js';
import type { CloneSet, CloneSetUpdateType, IntOrPercent, PodTemplate, RestartPolicy } from './types.js';

/** SetDefaultsCloneSet: ReCreate, partition 0, maxUnavailable 20% (DefaultCloneSetMaxUnavailable), maxSurge 0. */
export const CLONESET_DEFAULTS: Omit<CloneSet, 'namespace' | 'name' | 'template'> = {
  replicas: 1,
  updateStrategy: 'ReCreate',
  partition: 0,
  maxUnavailable: '20%',
  maxSurge: 0,
  paused: false,
  inPlaceGraceSeconds: 0,
  scaleMaxUnavailable: null,
  minReadySeconds: 0,
  revisionHistoryLimit: 10,
};

export const CLONESET_UPDATE_TYPES: readonly CloneSetUpdateType[] = ['ReCreate', 'InPlaceIfPossible', 'InPlaceOnly'];

export type CloneSetField =
  | 'replicas'
  | 'updateStrategy'
  | 'partition'
  | 'maxUnavailable'
  | 'maxSurge'
  | 'paused'
  | 'inPlaceGraceSeconds'
  | 'scaleMaxUnavailable'
  | 'minReadySeconds'
  | 'restartPolicy';

/** Each field's path in a v1alpha1 CloneSet object. */
export const CLONESET_FIELD_PATHS: Readonly<Record<CloneSetField, readonly string[]>> = {
  replicas: ['spec', 'replicas'],
  updateStrategy: ['spec', 'updateStrategy', 'type'],
  partition: ['spec', 'updateStrategy', 'partition'],
  maxUnavailable: ['spec', 'updateStrategy', 'maxUnavailable'],
  maxSurge: ['spec', 'updateStrategy', 'maxSurge'],
  paused: ['spec', 'updateStrategy', 'paused'],
  inPlaceGraceSeconds: ['spec', 'updateStrategy', 'inPlaceUpdateStrategy', 'gracePeriodSeconds'],
  scaleMaxUnavailable: ['spec', 'scaleStrategy', 'maxUnavailable'],
  minReadySeconds: ['spec', 'minReadySeconds'],
  restartPolicy: ['spec', 'template', 'spec', 'restartPolicy'],
};

export type CloneSetSpecInput = { readonly [K in Exclude<CloneSetField, 'restartPolicy'>]?: CloneSet[K] } & { readonly restartPolicy?: RestartPolicy };
export type CloneSetSpec = Omit<CloneSet, 'namespace' | 'name' | 'template' | 'revisionHistoryLimit'>;
export type CloneSetCheck = { readonly ok: true; readonly spec: CloneSetSpec } | { readonly ok: false; readonly field: CloneSetField; readonly detail: string };

/**
 * SetDefaultsCloneSet, then validateUpdateStrategy (the type one of three; partition,
 * maxUnavailable and maxSurge well-formed ints or percentages, partition ≥ 0; no maxSurge with
 * InPlaceOnly; maxUnavailable and maxSurge not both < 1 when replicas > 0), replicas and
 * minReadySeconds ≥ 0 (apivalidation), the template's restartPolicy Always.
 */
export function checkCloneSetSpec(input: CloneSetSpecInput): CloneSetCheck {
  const d = CLONESET_DEFAULTS;
  const spec: CloneSetSpec = {
    replicas: input.replicas ?? d.replicas,
    updateStrategy: input.updateStrategy ?? d.updateStrategy,
    partition: input.partition ?? d.partition,
    maxUnavailable: input.maxUnavailable ?? d.maxUnavailable,
    maxSurge: input.maxSurge ?? d.maxSurge,
    paused: input.paused ?? d.paused,
    inPlaceGraceSeconds: input.inPlaceGraceSeconds ?? d.inPlaceGraceSeconds,
    scaleMaxUnavailable: input.scaleMaxUnavailable ?? d.scaleMaxUnavailable,
    minReadySeconds: input.minReadySeconds ?? d.minReadySeconds,
  };
  const fail = (field: CloneSetField, detail: string): CloneSetCheck => ({ ok: false, field, detail });
  const whole = (v: number) => Number.isSafeInteger(v) && v >= 0;
  for (const f of ['replicas', 'minReadySeconds', 'inPlaceGraceSeconds'] as const) if (!whole(spec[f])) return fail(f, 'must be a whole number ≥ 0');
  const template = templateRestartPolicyProblem('CloneSet', input.restartPolicy);
  if (template) return fail('restartPolicy', template);
  if (!CLONESET_UPDATE_TYPES.includes(spec.updateStrategy)) return fail('updateStrategy', "must be 'ReCreate', 'InPlaceIfPossible' or 'InPlaceOnly'");
  for (const f of ['partition', 'maxUnavailable', 'maxSurge', 'scaleMaxUnavailable'] as const) {
    const v = spec[f];
    if (v !== null && !isIntOrPercent(v)) return fail(f, `${JSON.stringify(v)} is not an integer or a percentage (e.g. 5 or '20%')`);
  }
  if (getScaledValueFromIntOrPercent(spec.partition, spec.replicas, true) < 0) return fail('partition', 'must be greater than or equal to 0');
  const maxUnavailable = getScaledValueFromIntOrPercent(spec.maxUnavailable, spec.replicas, true);
  const maxSurge = getScaledValueFromIntOrPercent(spec.maxSurge, spec.replicas, true);
  if (maxUnavailable < 0) return fail('maxUnavailable', 'must be greater than or equal to 0');
  if (maxSurge < 0) return fail('maxSurge', 'must be greater than or equal to 0');
  if (spec.updateStrategy === 'InPlaceOnly' && maxSurge > 0) return fail('maxSurge', 'can not use maxSurge with strategy type InPlaceOnly');
  if (spec.replicas > 0 && maxUnavailable < 1 && maxSurge < 1) return fail('maxUnavailable', 'maxUnavailable and maxSurge should not both be less than 1');
  return { ok: true, spec };
}

/** Template fields an in-place update may change: the image and the pod's metadata (labels). */
const IN_PLACE_FIELDS: ReadonlySet<string> = new Set(['image', 'labels']);

/**
 * defaultCalculateInPlaceUpdateSpec's verdict: the new revision's template differs from the
 * old one only in container images and metadata (every other patch returns nil: recreate).
 * Headroom's templates compare field by field (a field both share by reference, or equal by
 * value, is unchanged).
 */
export function canUpdateInPlace(from: PodTemplate, to: PodTemplate): boolean {
  if (from === to) return true;
  const keys = new Set([...Object.keys(from), ...Object.keys(to)]);
  for (const k of keys) {
    if (IN_PLACE_FIELDS.has(k)) continue;
    if (!sameValue((from as unknown as Record<string, unknown>)[k], (to as unknown as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** The template fields that differ (what makes a change not in place), for messages. */
export function changedTemplateFields(from: PodTemplate, to: PodTemplate): string[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return keys.filter((k) => !IN_PLACE_FIELDS.has(k) && !sameValue((from as unknown as Record<string, unknown>)[k], (to as unknown as Record<string, unknown>)[k]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

// --- calculateDiffsWithExpectation ------------------------------------------------------

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
