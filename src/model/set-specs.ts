// One home for a StatefulSet's and a DaemonSet's own fields: defaults and the API server's
// validation (pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec,
// validateRollingUpdateStatefulSet, ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet),
// used by every loader (workloads.csv, a scenario's per-workload overrides, kubectl dumps), so a
// spec is accepted or refused the same way everywhere. Problems name the field they concern;
// each loader turns that into its own location.
import type { DaemonSet, IntOrPercent, PodManagementPolicy, RestartPolicy, SetUpdateStrategy, StatefulSet } from './types.js';
import { templateRestartPolicyProblem } from './deployment.js';
import { DAEMONSET_DEFAULTS, STATEFULSET_DEFAULTS } from './workloads.js';
import { intOrPercentValue, positiveIntOrPercent } from './intstr.js';

export type StatefulSetField =
  | 'replicas'
  | 'podManagementPolicy'
  | 'updateStrategy'
  | 'partition'
  | 'maxUnavailable'
  | 'minReadySeconds'
  | 'ordinalsStart'
  | 'restartPolicy';

export type DaemonSetField = 'updateStrategy' | 'maxUnavailable' | 'maxSurge' | 'minReadySeconds' | 'restartPolicy';

/** Each field's path in the object, as Kubernetes' validation names it. */
export const STATEFULSET_FIELD_PATHS: Readonly<Record<StatefulSetField, readonly string[]>> = {
  replicas: ['spec', 'replicas'],
  podManagementPolicy: ['spec', 'podManagementPolicy'],
  updateStrategy: ['spec', 'updateStrategy', 'type'],
  partition: ['spec', 'updateStrategy', 'rollingUpdate', 'partition'],
  maxUnavailable: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'],
  minReadySeconds: ['spec', 'minReadySeconds'],
  ordinalsStart: ['spec', 'ordinals', 'start'],
  restartPolicy: ['spec', 'template', 'spec', 'restartPolicy'],
};

export const DAEMONSET_FIELD_PATHS: Readonly<Record<DaemonSetField, readonly string[]>> = {
  updateStrategy: ['spec', 'updateStrategy', 'type'],
  maxUnavailable: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'],
  maxSurge: ['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'],
  minReadySeconds: ['spec', 'minReadySeconds'],
  restartPolicy: ['spec', 'template', 'spec', 'restartPolicy'],
};

/** The fields as given (undefined = not given, so defaulted). */
export interface StatefulSetSpecInput {
  readonly replicas?: number;
  readonly podManagementPolicy?: PodManagementPolicy;
  readonly updateStrategy?: SetUpdateStrategy;
  readonly partition?: number;
  readonly maxUnavailable?: IntOrPercent | null;
  readonly minReadySeconds?: number;
  readonly ordinalsStart?: number;
  /** The pod template's restartPolicy (checked here, not part of the returned spec). */
  readonly restartPolicy?: RestartPolicy;
}

export interface DaemonSetSpecInput {
  readonly updateStrategy?: SetUpdateStrategy;
  readonly maxUnavailable?: IntOrPercent;
  readonly maxSurge?: IntOrPercent;
  readonly minReadySeconds?: number;
  /** The pod template's restartPolicy (checked here, not part of the returned spec). */
  readonly restartPolicy?: RestartPolicy;
}

export type StatefulSetSpec = Pick<StatefulSet, Exclude<StatefulSetField, 'restartPolicy'>>;
export type DaemonSetSpec = Pick<DaemonSet, Exclude<DaemonSetField, 'restartPolicy'>>;

export interface SpecProblem<F extends string> {
  readonly field: F;
  readonly detail: string;
}

export type SpecCheck<S, F extends string> = { readonly ok: true; readonly spec: S } | { readonly ok: false; readonly problem: SpecProblem<F> };

const wholeNonNegative = (v: number) => Number.isSafeInteger(v) && v >= 0;

/**
 * SetDefaults_StatefulSet, then ValidateStatefulSetSpec's checks of these fields: replicas,
 * minReadySeconds, ordinals.start and partition ≥ 0; rollingUpdate only with RollingUpdate;
 * maxUnavailable a positive int or percentage, not 0, at most 100 %.
 */
export function checkStatefulSetSpec(input: StatefulSetSpecInput): SpecCheck<StatefulSetSpec, StatefulSetField> {
  const fail = (field: StatefulSetField, detail: string): SpecCheck<StatefulSetSpec, StatefulSetField> => ({ ok: false, problem: { field, detail } });
  const d = STATEFULSET_DEFAULTS;
  const spec = {
    replicas: input.replicas ?? d.replicas,
    podManagementPolicy: input.podManagementPolicy ?? d.podManagementPolicy,
    updateStrategy: input.updateStrategy ?? d.updateStrategy,
    partition: input.partition ?? d.partition,
    maxUnavailable: input.maxUnavailable ?? d.maxUnavailable,
    minReadySeconds: input.minReadySeconds ?? d.minReadySeconds,
    ordinalsStart: input.ordinalsStart ?? d.ordinalsStart,
  };
  for (const f of ['replicas', 'minReadySeconds', 'ordinalsStart'] as const) {
    if (!wholeNonNegative(spec[f])) return fail(f, 'must be a whole number ≥ 0');
  }
  const template = templateRestartPolicyProblem('StatefulSet', input.restartPolicy);
  if (template) return fail('restartPolicy', template);
  if (spec.updateStrategy === 'OnDelete') {
    // ValidateStatefulSetUpdateStrategy: rollingUpdate "only allowed for updateStrategy 'RollingUpdate'".
    for (const f of ['partition', 'maxUnavailable'] as const) {
      if (input[f] !== undefined && input[f] !== null) return fail(f, "only allowed with updateStrategy RollingUpdate (Kubernetes rejects it with OnDelete)");
    }
    return { ok: true, spec };
  }
  if (!wholeNonNegative(spec.partition)) return fail('partition', 'must be a whole number ≥ 0');
  if (spec.maxUnavailable !== null) {
    const bad = positiveIntOrPercent(spec.maxUnavailable);
    if (bad) return fail('maxUnavailable', bad);
    if (intOrPercentValue(spec.maxUnavailable) === 0) return fail('maxUnavailable', 'cannot be 0');
    if (typeof spec.maxUnavailable === 'string' && intOrPercentValue(spec.maxUnavailable) > 100) {
      return fail('maxUnavailable', 'must not be greater than 100%');
    }
  }
  return { ok: true, spec };
}

/**
 * SetDefaults_DaemonSet (maxUnavailable 1, maxSurge 0), then ValidateRollingUpdateDaemonSet:
 * both positive ints or percentages, at most 100 %, and exactly one of them non-zero.
 * `name` spells a field the loader's way in messages ("max_surge").
 */
export function checkDaemonSetSpec(input: DaemonSetSpecInput, name: (f: DaemonSetField) => string = (f) => f): SpecCheck<DaemonSetSpec, DaemonSetField> {
  const fail = (field: DaemonSetField, detail: string): SpecCheck<DaemonSetSpec, DaemonSetField> => ({ ok: false, problem: { field, detail } });
  const d = DAEMONSET_DEFAULTS;
  const updateStrategy = input.updateStrategy ?? d.updateStrategy;
  const minReadySeconds = input.minReadySeconds ?? d.minReadySeconds;
  // ValidateDaemonSetSpec checks the template (restartPolicy) before minReadySeconds.
  const template = templateRestartPolicyProblem('DaemonSet', input.restartPolicy);
  if (template) return fail('restartPolicy', template);
  if (!wholeNonNegative(minReadySeconds)) return fail('minReadySeconds', 'must be a whole number ≥ 0');
  if (updateStrategy === 'OnDelete') {
    for (const f of ['maxUnavailable', 'maxSurge'] as const) {
      if (input[f] !== undefined) return fail(f, 'only allowed with updateStrategy RollingUpdate (Kubernetes ignores it with OnDelete)');
    }
    return { ok: true, spec: { updateStrategy, maxUnavailable: d.maxUnavailable, maxSurge: d.maxSurge, minReadySeconds } };
  }
  const maxUnavailable = input.maxUnavailable ?? d.maxUnavailable;
  const maxSurge = input.maxSurge ?? d.maxSurge;
  for (const [f, v] of [['maxUnavailable', maxUnavailable], ['maxSurge', maxSurge]] as const) {
    const bad = positiveIntOrPercent(v);
    if (bad) return fail(f, bad);
    if (typeof v === 'string' && intOrPercentValue(v) > 100) return fail(f, 'must not be greater than 100%');
  }
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    const defaulted = input.maxUnavailable === undefined ? ` (${name('maxUnavailable')} defaults to 1: set it to 0 to surge)` : '';
    return fail('maxSurge', `may not be set when ${name('maxUnavailable')} is non-zero${defaulted}`);
  }
  if (!hasUnavailable && !hasSurge) return fail('maxUnavailable', `cannot be 0 when ${name('maxSurge')} is 0`);
  return { ok: true, spec: { updateStrategy, maxUnavailable, maxSurge, minReadySeconds } };
}
