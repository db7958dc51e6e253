// OpenKruise's CloneSet (apps.kruise.io/v1alpha1) as pure rules: its defaults
// (apis/apps/defaults SetDefaultsCloneSet), the validating webhook's checks of the fields Headroom
// reads (pkg/webhook/cloneset/validating/validation.go validateUpdateStrategy,
// ValidateCloneSetUpdate), whether a template change can be made in place
// (pkg/util/inplaceupdate/inplace_update_defaults.go defaultCalculateInPlaceUpdateSpec). Used by
// the loaders (a spec is accepted or refused the same way from workloads.csv, overrides and
// dumps) and by the CloneSet controller (its counting rules are in cloneset-sync.ts).
import { getScaledValueFromIntOrPercent, isIntOrPercent } from './intstr.js';
import { templateRestartPolicyProblem } from './deployment.js';
import type { CloneSet, CloneSetUpdateType, PodTemplate, RestartPolicy } from './types.js';

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
