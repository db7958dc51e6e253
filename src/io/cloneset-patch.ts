// A scenario's per-workload override (or `--set`) of an OpenKruise CloneSet: replicas, strategy
// (ReCreate | InPlaceIfPossible | InPlaceOnly), partition, maxUnavailable, maxSurge,
// minReadySeconds, validated as every loader validates a CloneSet (model/cloneset.ts).
import { canUpdateInPlace, changedTemplateFields, checkCloneSetSpec } from '../model/cloneset.js';
import { type CloneSet, type CloneSetUpdateType, type Inventory, type PodTemplate, workloadKey } from '../model/types.js';
import type { WorkloadPatch } from './scenario-schema-workloads.js';
import { checkPatchKeys } from './set-patch.js';
import type { Fail } from './workload-patch.js';
import type { PathSegment } from './yaml-source.js';

export function patchCloneSet(cs: CloneSet, patch: WorkloadPatch, at: readonly PathSegment[], fail: Fail): CloneSet {
  checkPatchKeys('CloneSet', patch, at, fail);
  const check = checkCloneSetSpec({
    replicas: patch.replicas ?? cs.replicas,
    updateStrategy: (patch.strategy as CloneSetUpdateType | undefined) ?? cs.updateStrategy,
    partition: patch.partition ?? cs.partition,
    maxUnavailable: patch.maxUnavailable ?? cs.maxUnavailable,
    maxSurge: patch.maxSurge ?? cs.maxSurge,
    paused: cs.paused,
    inPlaceGraceSeconds: cs.inPlaceGraceSeconds,
    scaleMaxUnavailable: cs.scaleMaxUnavailable,
    minReadySeconds: patch.minReadySeconds ?? cs.minReadySeconds,
    restartPolicy: patch.restartPolicy ?? cs.template.restartPolicy,
  });
  if (!check.ok) return fail([...at, check.field === 'updateStrategy' ? 'strategy' : check.field], check.detail);
  return { ...cs, ...check.spec };
}

/**
 * A rollout of a CloneSet whose updateStrategy is InPlaceOnly: Kruise's validating webhook
 * (ValidateCloneSetUpdate) refuses a template change that is not only images ("only allowed to
 * update images in spec for InPlaceOnly"), so `kubectl apply` fails and nothing changes. The
 * loader refuses it the same way, naming the first key of `set:` that is not the image.
 */
export function checkCloneSetRollout(inv: Inventory, key: string, from: PodTemplate, to: PodTemplate, set: Readonly<Record<string, unknown>>, where: readonly PathSegment[], fail: Fail): void {
  const cs = (inv.cloneSets ?? []).find((c) => key === workloadKey(c) || key === `cloneset/${workloadKey(c)}`);
  if (!cs || cs.updateStrategy !== 'InPlaceOnly' || canUpdateInPlace(from, to)) return;
  const keyAt = Object.keys(set).find((k) => k !== 'image') ?? changedTemplateFields(from, to)[0];
  fail([...where, 'set', keyAt], `the CloneSet "${key}" updates InPlaceOnly: Kruise's webhook refuses any template change but the image (ValidateCloneSetUpdate: "only allowed to update images in spec for InPlaceOnly"), so this rollout would be rejected; change only image, or use strategy InPlaceIfPossible (falls back to recreating the pods)`);
}
