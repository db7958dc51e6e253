// One home for a Deployment's own fields (not its pod template): Kubernetes' defaults and one
// validation, used by every loader (workloads.csv, a scenario's per-workload overrides and
// `--set`, kubectl dumps), so the same spec is accepted or refused the same way everywhere.
// Problems come back with the field they concern; each loader turns that into its own
// location (a CSV column on a line, `workloads.shop/web.maxSurge`, `items[3].spec...`).
import type { Deployment, DeploymentStrategy, IntOrPercent, RestartPolicy, WorkloadKind } from './types.js';
import { LIMITS, LIMIT_HINTS } from './limits.js';
import { intOrPercentValue, positiveIntOrPercent } from './intstr.js';

/** Deployment-level defaults (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment). */
export const DEPLOYMENT_DEFAULTS: Pick<
  Deployment,
  'replicas' | 'strategy' | 'maxSurge' | 'maxUnavailable' | 'minReadySeconds' | 'progressDeadlineSeconds' | 'revisionHistoryLimit'
> = {
  replicas: 1,
  strategy: 'RollingUpdate',
  maxSurge: '25%',
  maxUnavailable: '25%',
  minReadySeconds: 0,
  progressDeadlineSeconds: 600,
  revisionHistoryLimit: 10,
};

export type DeploymentField =
  | 'replicas'
  | 'strategy'
  | 'maxSurge'
  | 'maxUnavailable'
  | 'minReadySeconds'
  | 'progressDeadlineSeconds'
  | 'revisionHistoryLimit'
  | 'restartPolicy';

/** Each field's path in a Deployment object, as Kubernetes' validation names it. */
export const DEPLOYMENT_FIELD_PATHS: Readonly<Record<DeploymentField, readonly string[]>> = {
  replicas: ['spec', 'replicas'],
  strategy: ['spec', 'strategy', 'type'],
  maxSurge: ['spec', 'strategy', 'rollingUpdate', 'maxSurge'],
  maxUnavailable: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
  minReadySeconds: ['spec', 'minReadySeconds'],
  progressDeadlineSeconds: ['spec', 'progressDeadlineSeconds'],
  revisionHistoryLimit: ['spec', 'revisionHistoryLimit'],
  restartPolicy: ['spec', 'template', 'spec', 'restartPolicy'],
};

/** A Deployment's fields as given (undefined = not given, so defaulted). */
export interface DeploymentSpecInput {
  readonly replicas?: number;
  readonly strategy?: DeploymentStrategy;
  readonly maxSurge?: IntOrPercent;
  readonly maxUnavailable?: IntOrPercent;
  readonly minReadySeconds?: number;
  /** null = no deadline (Headroom's `none`: never reported as stalled). */
  readonly progressDeadlineSeconds?: number | null;
  readonly revisionHistoryLimit?: number;
  /** The pod template's restartPolicy (checked here, not part of the returned spec). */
  readonly restartPolicy?: RestartPolicy;
}

export type DeploymentSpec = typeof DEPLOYMENT_DEFAULTS;

export interface DeploymentProblem {
  readonly field: DeploymentField;
  readonly detail: string;
}

export type DeploymentCheck = { readonly ok: true; readonly spec: DeploymentSpec } | { readonly ok: false; readonly problem: DeploymentProblem };

/**
 * Defaults the fields (SetDefaults_Deployment), then validates them as the API server does
 * (pkg/apis/apps/validation/validation.go ValidateDeploymentSpec, ValidateDeploymentStrategy,
 * ValidateRollingUpdateDeployment, ValidatePositiveIntOrPercent, IsNotMoreThan100Percent), plus
 * Headroom's pod limit. `name` spells a field the loader's way in messages ("max_surge").
 * Returns the first problem, in the upstream order of checks; details leave the value out
 * (loaders quote it with their location).
 */
export function checkDeploymentSpec(input: DeploymentSpecInput, name: (f: DeploymentField) => string = (f) => f): DeploymentCheck {
  const fail = (field: DeploymentField, detail: string): DeploymentCheck => ({ ok: false, problem: { field, detail } });
  const strategy = input.strategy ?? DEPLOYMENT_DEFAULTS.strategy;
  const replicas = input.replicas ?? DEPLOYMENT_DEFAULTS.replicas;
  // ValidateNonnegativeField(spec.replicas)
  if (!Number.isSafeInteger(replicas) || replicas < 0) return fail('replicas', 'must be a whole number ≥ 0');
  if (replicas > LIMITS.pods) {
    return fail('replicas', `more than the limit of ${LIMITS.pods.toLocaleString('en-US')} pods at once. ${LIMIT_HINTS.pods}`);
  }
  // ValidatePodTemplateSpecForReplicaSet (checked after the selector, before the strategy).
  const template = templateRestartPolicyProblem('Deployment', input.restartPolicy);
  if (template) return fail('restartPolicy', template);
  let maxSurge: IntOrPercent = 0;
  let maxUnavailable: IntOrPercent = 0;
  if (strategy === 'Recreate') {
    // ValidateDeploymentStrategy: rollingUpdate "may not be specified when strategy `type` is 'Recreate'".
    for (const f of ['maxSurge', 'maxUnavailable'] as const) {
      if (input[f] !== undefined) return fail(f, 'not allowed with strategy Recreate (Kubernetes rejects it)');
    }
  } else {
    maxSurge = input.maxSurge ?? DEPLOYMENT_DEFAULTS.maxSurge;
    maxUnavailable = input.maxUnavailable ?? DEPLOYMENT_DEFAULTS.maxUnavailable;
    // ValidateRollingUpdateDeployment: maxUnavailable is checked first, then maxSurge.
    for (const [f, v] of [['maxUnavailable', maxUnavailable], ['maxSurge', maxSurge]] as const) {
      const bad = positiveIntOrPercent(v);
      if (bad) return fail(f, bad);
    }
    if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
      return fail('maxUnavailable', bothZero(name('maxSurge')));
    }
    // IsNotMoreThan100Percent(maxUnavailable): maxSurge may exceed 100 %, maxUnavailable may not.
    if (typeof maxUnavailable === 'string' && intOrPercentValue(maxUnavailable) > 100) {
      return fail('maxUnavailable', 'must not be greater than 100% (Kubernetes rejects it)');
    }
  }
  const minReadySeconds = input.minReadySeconds ?? DEPLOYMENT_DEFAULTS.minReadySeconds;
  if (!Number.isSafeInteger(minReadySeconds) || minReadySeconds < 0) return fail('minReadySeconds', 'must be a whole number ≥ 0');
  const revisionHistoryLimit = input.revisionHistoryLimit ?? DEPLOYMENT_DEFAULTS.revisionHistoryLimit;
  if (!Number.isSafeInteger(revisionHistoryLimit) || revisionHistoryLimit < 0) {
    return fail('revisionHistoryLimit', 'must be a whole number ≥ 0');
  }
  const progressDeadlineSeconds = input.progressDeadlineSeconds === undefined ? DEPLOYMENT_DEFAULTS.progressDeadlineSeconds : input.progressDeadlineSeconds;
  if (progressDeadlineSeconds !== null) {
    if (!Number.isSafeInteger(progressDeadlineSeconds) || progressDeadlineSeconds < 0) {
      return fail('progressDeadlineSeconds', 'must be a whole number ≥ 0');
    }
    if (progressDeadlineSeconds <= minReadySeconds) {
      return fail('progressDeadlineSeconds', `must be greater than ${name('minReadySeconds')} (${minReadySeconds})`);
    }
  }
  return {
    ok: true,
    spec: { replicas, strategy, maxSurge, maxUnavailable, minReadySeconds, progressDeadlineSeconds, revisionHistoryLimit },
  };
}

/**
 * The pod template of a Deployment (ValidatePodTemplateSpecForReplicaSet), a StatefulSet
 * (ValidateStatefulSetSpec) or a DaemonSet (ValidateDaemonSetSpec) must have restartPolicy Always
 * (field.NotSupported); only a Job's may be OnFailure or Never. Used by each kind's validator,
 * and for a rollout, whose new template is checked alone.
 */
export function templateRestartPolicyProblem(kind: WorkloadKind, restartPolicy: RestartPolicy | undefined): string | null {
  return restartPolicy === undefined || restartPolicy === 'Always'
    ? null
    : `a ${kind} accepts only restartPolicy Always (Kubernetes rejects Never and OnFailure: its pods must keep running)`;
}

/** ValidateRollingUpdateDeployment's "may not be 0 when `maxSurge` is 0", naming the other field. */
export const bothZero = (other: string): string =>
  `may not be 0 when ${other} is also 0: Kubernetes rejects such a Deployment, since the rollout could never progress`;
