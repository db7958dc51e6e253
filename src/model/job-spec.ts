// One home for a Job's own fields: batch/v1 defaults (pkg/apis/batch/v1/defaults.go
// SetDefaults_Job) and the API server's validation (pkg/apis/batch/validation/validation.go
// validateJobSpec, validatePodReplacementPolicy, validatePodFailurePolicyRule…OnExitCodes),
// plus Headroom's pod limit, used by every loader (workloads.csv, a scenario's per-workload
// overrides and `--set`, kubectl dumps), so a Job is accepted or refused the same way
// everywhere. Problems name the field; each loader turns that into its own location.
import type { CompletionMode, Job, PodFailurePolicyRule, PodReplacementPolicy, RestartPolicy } from './types.js';
import { LIMITS, LIMIT_HINTS } from './limits.js';

/**
 * SetDefaults_Job: completions and parallelism both unset → both 1; parallelism unset → 1;
 * backoffLimit 6; completionMode NonIndexed; podReplacementPolicy TerminatingOrFailed, Failed
 * when a podFailurePolicy is given (JobPodReplacementPolicy on).
 */
export const JOB_DEFAULTS = {
  parallelism: 1,
  backoffLimit: 6,
  completionMode: 'NonIndexed',
  podReplacementPolicy: 'TerminatingOrFailed',
  /** A Job's pods default to OnFailure in workloads.csv (contract); a dump's template says its own. */
  restartPolicy: 'OnFailure',
} as const;

/** validation.go maxParallelismForIndexedJob. */
export const MAX_PARALLELISM_INDEXED = 100_000;

/** int32 fields (ValidateNonnegativeField over an int32). */
const INT32_MAX = 2 ** 31 - 1;

export type JobField =
  | 'completions'
  | 'parallelism'
  | 'backoffLimit'
  | 'completionMode'
  | 'activeDeadlineSeconds'
  | 'podReplacementPolicy'
  | 'podFailurePolicy'
  | 'restartPolicy';

/** Each field's path in a Job object, as Kubernetes' validation names it. */
export const JOB_FIELD_PATHS: Readonly<Record<JobField, readonly string[]>> = {
  completions: ['spec', 'completions'],
  parallelism: ['spec', 'parallelism'],
  backoffLimit: ['spec', 'backoffLimit'],
  completionMode: ['spec', 'completionMode'],
  activeDeadlineSeconds: ['spec', 'activeDeadlineSeconds'],
  podReplacementPolicy: ['spec', 'podReplacementPolicy'],
  podFailurePolicy: ['spec', 'podFailurePolicy'],
  restartPolicy: ['spec', 'template', 'spec', 'restartPolicy'],
};

/** A Job's fields as given (undefined = not given, so defaulted; null completions = unset). */
export interface JobSpecInput {
  readonly completions?: number | null;
  readonly parallelism?: number;
  readonly backoffLimit?: number;
  readonly completionMode?: CompletionMode;
  readonly activeDeadlineSeconds?: number | null;
  readonly podReplacementPolicy?: PodReplacementPolicy;
  readonly podFailurePolicy?: readonly PodFailurePolicyRule[] | null;
  readonly suspend?: boolean;
  /** The pod template's restartPolicy (checked here, not part of the returned spec). */
  readonly restartPolicy?: RestartPolicy;
  /** The template's container and init container names (a rule's containerName must be one). */
  readonly containerNames?: readonly string[];
}

export type JobSpec = Omit<Job, 'namespace' | 'name' | 'template' | 'status'>;

export interface JobProblem {
  readonly field: JobField;
  readonly detail: string;
}

export type JobCheck = { readonly ok: true; readonly spec: JobSpec } | { readonly ok: false; readonly problem: JobProblem };

const wholeInt32 = (v: number) => Number.isSafeInteger(v) && v >= 0 && v <= INT32_MAX;

/**
 * Defaults the fields, then validates them in validateJobSpec's order: parallelism,
 * completions, activeDeadlineSeconds, backoffLimit ≥ 0; Indexed needs completions and at most
 * 100,000 parallelism; the pod failure policy's rules; podReplacementPolicy (only Failed with a
 * pod failure policy); restartPolicy OnFailure or Never (Never only with a pod failure policy).
 * Headroom refuses a parallelism over its pod limit. `name` spells a field the loader's way.
 */
export function checkJobSpec(input: JobSpecInput, name: (f: JobField) => string = (f) => f): JobCheck {
  const fail = (field: JobField, detail: string): JobCheck => ({ ok: false, problem: { field, detail } });
  // SetDefaults_Job.
  const bothUnset = input.completions === undefined && input.parallelism === undefined;
  const completions = input.completions === undefined ? (bothUnset ? 1 : null) : input.completions;
  const parallelism = input.parallelism ?? JOB_DEFAULTS.parallelism;
  const backoffLimit = input.backoffLimit ?? JOB_DEFAULTS.backoffLimit;
  const completionMode = input.completionMode ?? JOB_DEFAULTS.completionMode;
  const podFailurePolicy = input.podFailurePolicy ?? null;
  const podReplacementPolicy = input.podReplacementPolicy ?? (podFailurePolicy ? 'Failed' : JOB_DEFAULTS.podReplacementPolicy);
  const activeDeadlineSeconds = input.activeDeadlineSeconds ?? null;
  if (!wholeInt32(parallelism)) return fail('parallelism', 'must be a whole number ≥ 0');
  if (parallelism > LIMITS.pods) {
    return fail('parallelism', `more than the limit of ${LIMITS.pods.toLocaleString('en-US')} pods at once. ${LIMIT_HINTS.pods}`);
  }
  if (completions !== null && !wholeInt32(completions)) return fail('completions', 'must be a whole number ≥ 0');
  if (activeDeadlineSeconds !== null && !(Number.isSafeInteger(activeDeadlineSeconds) && activeDeadlineSeconds >= 0)) {
    return fail('activeDeadlineSeconds', 'must be a whole number of seconds ≥ 0');
  }
  if (!wholeInt32(backoffLimit)) return fail('backoffLimit', 'must be a whole number ≥ 0');
  if (completionMode === 'Indexed') {
    if (completions === null) return fail('completions', `required when ${name('completionMode')} is Indexed`);
    if (parallelism > MAX_PARALLELISM_INDEXED) return fail('parallelism', `must be at most ${MAX_PARALLELISM_INDEXED.toLocaleString('en-US')} when ${name('completionMode')} is Indexed`);
  }
  if (podFailurePolicy) {
    const bad = podFailurePolicyProblem(podFailurePolicy, input.containerNames);
    if (bad) return fail('podFailurePolicy', bad);
    if (podReplacementPolicy !== 'Failed') return fail('podReplacementPolicy', `only Failed is supported with a ${name('podFailurePolicy')}`);
  }
  const restart = input.restartPolicy;
  if (restart === undefined || restart === 'Always') {
    return fail('restartPolicy', 'a Job accepts only restartPolicy OnFailure or Never (Kubernetes rejects Always: a Job runs its pods to completion)');
  }
  if (podFailurePolicy && restart !== 'Never') return fail('restartPolicy', `only Never is supported when a ${name('podFailurePolicy')} is given`);
  return {
    ok: true,
    spec: { completions, parallelism, backoffLimit, completionMode, activeDeadlineSeconds, podReplacementPolicy, suspend: input.suspend ?? false, podFailurePolicy },
  };
}

/** validatePodFailurePolicyRule / …OnExitCodes / …OnPodConditions (at most 20 rules, 255 values). */
function podFailurePolicyProblem(rules: readonly PodFailurePolicyRule[], containers: readonly string[] | undefined): string | null {
  if (rules.length > 20) return 'at most 20 rules';
  for (const [i, r] of rules.entries()) {
    const at = `rule ${i + 1}`;
    if (r.onExitCodes && r.onPodConditions) return `${at}: give onExitCodes or onPodConditions, not both`;
    if (!r.onExitCodes && (!r.onPodConditions || r.onPodConditions.length === 0)) return `${at}: needs onExitCodes or onPodConditions`;
    const ec = r.onExitCodes;
    if (ec) {
      if (ec.containerName !== null && containers && !containers.includes(ec.containerName)) {
        return `${at}: container "${ec.containerName}" is not one of the pod template's (${containers.join(', ')})`;
      }
      if (ec.values.length === 0) return `${at}: at least one exit code is required`;
      if (ec.values.length > 255) return `${at}: at most 255 exit codes`;
      for (let j = 0; j < ec.values.length; j++) {
        const v = ec.values[j];
        if (!Number.isSafeInteger(v) || v < -(2 ** 31) || v > INT32_MAX) return `${at}: exit code ${v} is not a 32-bit integer`;
        if (ec.operator === 'In' && v === 0) return `${at}: exit code 0 is not allowed with In`;
        if (j > 0 && ec.values[j - 1] >= v) return `${at}: exit codes must be given in increasing order, each once`;
      }
    }
  }
  return null;
}
