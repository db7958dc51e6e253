// workloads.csv's Job rows (`kind` Job): the contract's `completions`, `parallelism`,
// `backoff_limit`, and ours: `completion_mode` (NonIndexed | Indexed), `active_deadline_seconds`,
// `pod_replacement_policy` (TerminatingOrFailed | Failed), `pod_failure_policy` (job-cells.ts).
// Validated as every loader validates a Job (model/job-spec.ts). A Job's pods default to
// restart_policy OnFailure; it has no replicas (it runs `parallelism` pods at a time until
// `completions` of them succeed).
import { type JobField, checkJobSpec } from '../../model/job-spec.js';
import type { Job, PodTemplate } from '../../model/types.js';
import { parseNonNegativeInt } from '../cells.js';
import { parseCompletionMode, parsePodFailurePolicy, parsePodReplacementPolicy } from '../job-cells.js';
import type { CsvTable } from './table.js';

export const JOB_COLUMNS = ['completions', 'parallelism', 'backoff_limit', 'completion_mode', 'active_deadline_seconds', 'pod_replacement_policy', 'pod_failure_policy'];

const COLUMN: Readonly<Record<JobField, string>> = {
  completions: 'completions',
  parallelism: 'parallelism',
  backoffLimit: 'backoff_limit',
  completionMode: 'completion_mode',
  activeDeadlineSeconds: 'active_deadline_seconds',
  podReplacementPolicy: 'pod_replacement_policy',
  podFailurePolicy: 'pod_failure_policy',
  restartPolicy: 'restart_policy',
};

export function readJob(t: CsvTable, i: number, namespace: string, name: string, template: PodTemplate): Job {
  const opt = <T>(column: string, parse: (v: string) => T): T | undefined => t.read(i, column, (v) => (v === '' ? undefined : parse(v)));
  const check = checkJobSpec(
    {
      completions: opt('completions', parseNonNegativeInt),
      parallelism: opt('parallelism', parseNonNegativeInt),
      backoffLimit: opt('backoff_limit', parseNonNegativeInt),
      completionMode: opt('completion_mode', parseCompletionMode),
      activeDeadlineSeconds: opt('active_deadline_seconds', parseNonNegativeInt),
      podReplacementPolicy: opt('pod_replacement_policy', parsePodReplacementPolicy),
      podFailurePolicy: opt('pod_failure_policy', parsePodFailurePolicy),
      restartPolicy: template.restartPolicy,
      containerNames: [...template.containers, ...template.initContainers].map((c) => c.name),
    },
    (f) => COLUMN[f],
  );
  if (!check.ok) {
    const column = COLUMN[check.problem.field];
    throw t.cellError(i, column, t.cell(i, column), check.problem.detail);
  }
  return { namespace, name, ...check.spec, template };
}
