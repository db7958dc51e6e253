// Jobs (batch/v1) in `kubectl get ... -o json|yaml` dumps: the spec, validated as every loader
// validates a Job (model/job-spec.ts), and the status a Job taken mid-run had — succeeded and
// failed counts, completedIndexes, startTime, a Complete or Failed condition — so the
// simulation goes on from there. Its pods are found by their owner reference; a pod still
// carrying the tracking finalizer (batch.kubernetes.io/job-tracking) is not counted yet: a
// finished one is added to the counts (the controller's first sync would count it), a running
// one is tracked by the simulated controller. Schemas check field names against kubernetes-types.
import { z } from 'zod';
import type { JobCondition, JobSpec, JobStatus, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyOnPodConditionsPattern, PodFailurePolicyRule as K8sRule } from 'kubernetes-types/batch/v1.js';
import { JOB_FIELD_PATHS, checkJobSpec } from '../model/job-spec.js';
import type { CompletionMode, InventoryPod, Job, PodFailurePolicyRule, PodReplacementPolicy } from '../model/types.js';
import { type FailAt, type PriorityClassInfo, podSpecToTemplate } from './kubectl-template.js';
import { Meta, PodSpecSchema } from './kubectl-schema.js';
import type { Clock } from './kubectl-state.js';
import { sameResources, withAdmissionOf } from './kubectl-owners.js';

type Shape<T> = { [K in keyof T]?: z.ZodType };
const opt = <T extends z.ZodType>(s: T) => s.nullish();
const int = z.number().int();
const time = z.string();

/** The job controller's own name in spec.managedBy (any other controller owns the Job). */
export const JOB_CONTROLLER = 'kubernetes.io/job-controller';
export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

const Rule = z.object({
  action: z.string(),
  onExitCodes: opt(
    z.object({ containerName: opt(z.string()), operator: z.string(), values: z.array(int) } satisfies Shape<PodFailurePolicyOnExitCodesRequirement>),
  ),
  onPodConditions: opt(z.array(z.object({ type: z.string(), status: z.string() } satisfies Shape<PodFailurePolicyOnPodConditionsPattern>))),
} satisfies Shape<K8sRule>);

export const JobSchema = z.object({
  metadata: Meta,
  spec: z.object({
    parallelism: opt(int),
    completions: opt(int),
    backoffLimit: opt(int),
    backoffLimitPerIndex: opt(int),
    maxFailedIndexes: opt(int),
    completionMode: opt(z.string()),
    activeDeadlineSeconds: opt(int),
    podReplacementPolicy: opt(z.string()),
    podFailurePolicy: opt(z.object({ rules: z.array(Rule) })),
    successPolicy: opt(z.unknown()),
    suspend: opt(z.boolean()),
    managedBy: opt(z.string()),
    template: z.object({ metadata: opt(z.object({ labels: opt(z.record(z.string(), z.string())) })), spec: PodSpecSchema }),
  } satisfies Shape<JobSpec>),
  status: opt(
    z.object({
      startTime: opt(time),
      succeeded: opt(int),
      failed: opt(int),
      completedIndexes: opt(z.string()),
      conditions: opt(z.array(z.object({ type: z.string(), status: z.string(), reason: opt(z.string()), lastTransitionTime: opt(time) } satisfies Shape<JobCondition>))),
    } satisfies Shape<JobStatus>),
  ),
});

export type RawJob = z.infer<typeof JobSchema>;

/** What a Job's pod says beyond its spec: its Job, the tracking finalizer, the completion index. */
export interface JobPodInfo {
  /** `namespace/name` of the Job its controller reference names. */
  readonly job: string;
  readonly tracked: boolean;
  /** batch.kubernetes.io/job-completion-index (null: none or not a number). */
  readonly index: number | null;
}

const JobPodSchema = z.object({
  metadata: z.object({
    namespace: opt(z.string()),
    finalizers: opt(z.array(z.string())),
    annotations: opt(z.record(z.string(), z.string())),
    ownerReferences: opt(z.array(z.object({ kind: z.string(), name: z.string(), controller: opt(z.boolean()) }))),
  }),
});

/** The extra fields of a pod a Job owns (read leniently: a malformed field is as if absent). */
export function jobPodInfo(item: unknown): JobPodInfo {
  const r = JobPodSchema.safeParse(item);
  const m = r.success ? r.data.metadata : undefined;
  const refs = m?.ownerReferences ?? [];
  const owner = refs.find((o) => o.controller) ?? refs[0];
  const ix = m?.annotations?.[COMPLETION_INDEX];
  return {
    job: `${m?.namespace ?? 'default'}/${owner?.name ?? ''}`,
    tracked: (m?.finalizers ?? []).includes(TRACKING_FINALIZER),
    index: ix !== undefined && /^\d+$/.test(ix) ? Number(ix) : null,
  };
}

const NOT_SIMULATED = 'is not simulated by Headroom (it follows backoffLimit and completions): remove it to simulate this Job';

/**
 * A Job object; null when another controller manages it (spec.managedBy): the job controller
 * skips it, so nothing replaces its pods. Its times go to the dump's clock.
 */
export function jobFrom(raw: RawJob, fail: FailAt, clock: Clock, classes?: ReadonlyMap<string, PriorityClassInfo>): Job | null {
  const { metadata, spec, status } = raw;
  if (spec.managedBy && spec.managedBy !== JOB_CONTROLLER) return null;
  for (const f of ['backoffLimitPerIndex', 'maxFailedIndexes', 'successPolicy'] as const) {
    if (spec[f] !== undefined && spec[f] !== null) fail(['spec', f], NOT_SIMULATED);
  }
  const completionMode = spec.completionMode ?? undefined;
  if (completionMode !== undefined && completionMode !== 'NonIndexed' && completionMode !== 'Indexed') {
    fail(JOB_FIELD_PATHS.completionMode, `${JSON.stringify(completionMode)}: expected NonIndexed or Indexed`);
  }
  const replacement = spec.podReplacementPolicy ?? undefined;
  if (replacement !== undefined && replacement !== 'TerminatingOrFailed' && replacement !== 'Failed') {
    fail(JOB_FIELD_PATHS.podReplacementPolicy, `${JSON.stringify(replacement)}: expected TerminatingOrFailed or Failed`);
  }
  const rules = spec.podFailurePolicy ? spec.podFailurePolicy.rules.map((r, i) => rule(r, ['spec', 'podFailurePolicy', 'rules', i], fail)) : undefined;
  const tpl = spec.template.spec;
  const check = checkJobSpec({
    completions: spec.completions ?? undefined,
    parallelism: spec.parallelism ?? undefined,
    backoffLimit: spec.backoffLimit ?? undefined,
    completionMode: completionMode as CompletionMode | undefined,
    activeDeadlineSeconds: spec.activeDeadlineSeconds ?? undefined,
    podReplacementPolicy: replacement as PodReplacementPolicy | undefined,
    podFailurePolicy: rules,
    suspend: spec.suspend ?? undefined,
    // SetDefaults_PodSpec: an unset restartPolicy is Always, which a Job refuses.
    restartPolicy: tpl.restartPolicy ?? 'Always',
    containerNames: [...tpl.containers, ...(tpl.initContainers ?? [])].map((c) => c.name),
  });
  if (!check.ok) {
    const path = JOB_FIELD_PATHS[check.problem.field];
    const value = path.reduce<unknown>((o, k) => (o as Record<string, unknown> | null | undefined)?.[k], raw);
    // A scalar is quoted; an object (podFailurePolicy) is not repeated.
    fail(path, value === undefined || (typeof value === 'object' && value !== null) ? check.problem.detail : `${JSON.stringify(value)}: ${check.problem.detail}`);
  }
  const finished = (status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  (status?.conditions ?? []).forEach((c, i) => clock.time(c.lastTransitionTime, ['status', 'conditions', i, 'lastTransitionTime'], fail));
  const start = clock.time(status?.startTime, ['status', 'startTime'], fail);
  const completions = check.spec.completions ?? 0;
  return {
    namespace: metadata.namespace ?? 'default',
    name: metadata.name,
    ...check.spec,
    template: podSpecToTemplate(tpl, spec.template.metadata?.labels ?? {}, ['spec', 'template', 'spec'], fail, classes),
    status: {
      succeeded: status?.succeeded ?? 0,
      failed: status?.failed ?? 0,
      completedIndexes: check.spec.completionMode === 'Indexed' ? parseCompleted(status?.completedIndexes ?? '', completions) : [],
      startTime: start ?? null,
      finished: finished ? { type: finished.type as 'Complete' | 'Failed', reason: finished.reason ?? '' } : null,
    },
  };
}

function rule(r: z.infer<typeof Rule>, at: (string | number)[], fail: FailAt): PodFailurePolicyRule {
  if (r.action === 'FailIndex') fail([...at, 'action'], 'FailIndex needs backoffLimitPerIndex, which Headroom does not simulate (it follows backoffLimit and completions): remove the rule to simulate this Job');
  if (r.action !== 'FailJob' && r.action !== 'Ignore' && r.action !== 'Count') fail([...at, 'action'], `${JSON.stringify(r.action)}: expected FailJob, Ignore or Count`);
  const ec = r.onExitCodes;
  if (ec && ec.operator !== 'In' && ec.operator !== 'NotIn') fail([...at, 'onExitCodes', 'operator'], `${JSON.stringify(ec.operator)}: expected In or NotIn`);
  const conditions = (r.onPodConditions ?? []).map((c, j) => {
    if (c.status !== 'True' && c.status !== 'False' && c.status !== 'Unknown') fail([...at, 'onPodConditions', j, 'status'], `${JSON.stringify(c.status)}: expected True, False or Unknown`);
    return { type: c.type, status: c.status as 'True' | 'False' | 'Unknown' };
  });
  return {
    action: r.action,
    ...(ec ? { onExitCodes: { containerName: ec.containerName ?? null, operator: ec.operator as 'In' | 'NotIn', values: ec.values } } : {}),
    ...(conditions.length ? { onPodConditions: conditions } : {}),
  };
}

/** status.completedIndexes "0-2,4" → the indexes below completions (corrupt parts skipped, as upstream). */
function parseCompleted(text: string, completions: number): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split('-');
    if (!/^\d+$/.test(a ?? '') || (b !== undefined && !/^\d+$/.test(b))) continue;
    for (let i = Number(a); i <= Math.min(Number(b ?? a), completions - 1); i++) out.push(i);
  }
  return out;
}

/**
 * The dump's pods of its Jobs become theirs (each by its controller reference; its own spec
 * kept unless it runs the Job's template), and each Job's finished pods that still carry the
 * tracking finalizer are counted (what the controller's first sync would count: Succeeded ones
 * by index for an Indexed Job). Returns the pods, the Jobs, and the Jobs' keys.
 */
export function attachJobPods(
  pods: readonly InventoryPod[],
  jobs: readonly Job[],
  infos: ReadonlyMap<string, JobPodInfo>,
): { pods: InventoryPod[]; jobs: Job[]; keys: Set<string> } {
  const byKey = new Map(jobs.map((j) => [`${j.namespace}/${j.name}`, { job: j, succeeded: 0, failed: 0, indexes: [] as number[] }]));
  const out = pods.map((p): InventoryPod => {
    const info = p.ownerKind === 'Job' ? infos.get(`${p.namespace}/${p.name}`) : undefined;
    const entry = info ? byKey.get(info.job) : undefined;
    if (!info || !entry) return p;
    const j = entry.job;
    if (info.tracked) {
      if (p.phase === 'Succeeded') {
        if (j.completionMode !== 'Indexed') entry.succeeded++;
        else if (info.index !== null && info.index < (j.completions ?? 0)) entry.indexes.push(info.index);
      } else if (p.phase === 'Failed') entry.failed++;
    }
    const own = p.spec;
    const active = p.phase !== 'Succeeded' && p.phase !== 'Failed' && p.status?.deletionTimestamp === undefined;
    if (own && active) entry.job = withAdmissionOf(entry.job, own);
    const current = own !== null && sameResources(own, entry.job.template);
    return { ...p, workload: info.job, workloadKind: 'Job', spec: current ? null : own, ...(info.index !== null ? { completionIndex: info.index } : {}) };
  });
  const done = [...byKey.values()].map(({ job, succeeded, failed, indexes }) => {
    const s = job.status;
    if (!s) return job;
    return { ...job, status: { ...s, succeeded: s.succeeded + succeeded, failed: s.failed + failed, completedIndexes: [...s.completedIndexes, ...indexes] } };
  });
  return { pods: out, jobs: done, keys: new Set(byKey.keys()) };
}
