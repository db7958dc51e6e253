// A workload override's shape (the scenario's `workloads:`, a rollout's `set:`), as zod
// schemas: the pod template's fields and the workload-level ones (set-patch.ts checks which
// kind takes which).
import { z } from 'zod';
import { parseLabels, parseTolerations } from './cells.js';
import { reasonOf } from './csv/table.js';
import { parseExitCode, parseInitContainers, parseResizePolicy, parseRestartPolicy } from './lifecycle-cells.js';
import { parseAntiAffinity, parseTopologySpread } from './scheduling-cells.js';
import { parseCompletionMode, parsePodFailurePolicy, parsePodReplacementPolicy } from './job-cells.js';
import { Cpu, IntOrPercent, Memory, Seconds, WholeSeconds, atLeastOne, convert, convertText, count, scalar } from './scenario-schema-values.js';

const TolerationObject = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute', '']).optional(),
  tolerationSeconds: count.nullable().optional(),
});

const Policy = z.enum(['Honor', 'Ignore']);
/** A topologySpreadConstraint as YAML (selector: the workload's own pods). */
const SpreadObject = z.strictObject({
  topologyKey: z.string().min(1),
  maxSkew: atLeastOne,
  whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
  minDomains: atLeastOne.optional(),
  nodeAffinityPolicy: Policy.optional(),
  nodeTaintsPolicy: Policy.optional(),
  matchLabelKeys: z.array(z.string().min(1)).optional(),
});

/** Template fields: what a rollout may change (and what per-workload overrides may too). */
export const TemplateFields = {
  image: z.string().min(1).optional(),
  cpuRequest: Cpu.nullable().optional(),
  memoryRequest: Memory.nullable().optional(),
  cpuLimit: Cpu.nullable().optional(),
  memoryLimit: Memory.nullable().optional(),
  priority: z.number().int().optional(),
  startSeconds: Seconds.optional(),
  warmupSeconds: Seconds.optional(),
  shutdownSeconds: Seconds.optional(),
  preStopSeconds: Seconds.optional(),
  terminationGracePeriodSeconds: WholeSeconds.optional(),
  readinessPeriodSeconds: atLeastOne.nullable().optional(),
  readinessInitialDelaySeconds: count.optional(),
  readinessSuccessThreshold: atLeastOne.optional(),
  readinessFailureThreshold: atLeastOne.optional(),
  livenessPeriodSeconds: atLeastOne.nullable().optional(),
  livenessInitialDelaySeconds: count.optional(),
  livenessSuccessThreshold: atLeastOne.optional(),
  livenessFailureThreshold: atLeastOne.optional(),
  startupPeriodSeconds: atLeastOne.nullable().optional(),
  startupInitialDelaySeconds: count.optional(),
  startupSuccessThreshold: atLeastOne.optional(),
  startupFailureThreshold: atLeastOne.optional(),
  memoryUsage: scalar.optional(),
  tolerationSeconds: count.nullable().optional(),
  tolerations: z.union([z.array(TolerationObject), convertText(parseTolerations)]).optional(),
  nodeSelector: z.union([z.record(z.string(), z.string()), convertText(parseLabels)]).optional(),
  zoneSpread: atLeastOne.nullable().optional(),
  // The pod lifecycle (workloads.csv's columns of the same names in snake_case).
  initSeconds: convert(parseInitContainers).optional(),
  postStartSeconds: Seconds.optional(),
  restartPolicy: convertText(parseRestartPolicy).optional(),
  exitAfterSeconds: Seconds.nullable().optional(),
  exitCode: convert(parseExitCode).optional(),
  readinessGateSeconds: Seconds.nullable().optional(),
  resizePolicy: convertText(parseResizePolicy).optional(),
  ephemeralStorageRequest: Memory.nullable().optional(),
  ephemeralStorageLimit: Memory.nullable().optional(),
  ephemeralStorageUsage: scalar.optional(),
  emptyDirSizeLimit: Memory.nullable().optional(),
  emptyDirUsage: Memory.optional(),
  /** `required:KEY;preferred:KEY[:WEIGHT]` against the workload's own pods; null removes it. */
  antiAffinity: convertText(parseAntiAffinity).nullable().optional(),
  /** Replaces the constraints (`KEY:MAXSKEW:WHEN[:opt=v];…` or a list); null removes them. */
  topologySpread: z
    .union([z.string(), z.array(SpreadObject)])
    .transform((v, ctx) => {
      if (typeof v !== 'string') return v;
      try {
        return parseTopologySpread(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)}: ${reasonOf(e)}`, input: v });
        return z.NEVER;
      }
    })
    .nullable()
    .optional(),
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).optional(),
};

/**
 * Workload-level fields: only per-workload overrides may change them (not a rollout). Strategy
 * Recreate is a Deployment's, OnDelete a StatefulSet's or DaemonSet's; partition,
 * podManagementPolicy and volumeZone are a StatefulSet's; completions … podFailurePolicy a
 * Job's (set-patch.ts checks each kind's).
 */
export const DeploymentFields = {
  replicas: count.optional(),
  maxSurge: IntOrPercent.optional(),
  maxUnavailable: IntOrPercent.optional(),
  // ReCreate, InPlaceIfPossible and InPlaceOnly are an OpenKruise CloneSet's (set-patch.ts checks each kind's).
  strategy: z.enum(['RollingUpdate', 'Recreate', 'OnDelete', 'ReCreate', 'InPlaceIfPossible', 'InPlaceOnly']).optional(),
  partition: count.optional(),
  podManagementPolicy: z.enum(['OrderedReady', 'Parallel']).optional(),
  volumeZone: z.string().min(1).optional(),
  minReadySeconds: WholeSeconds.optional(),
  progressDeadlineSeconds: WholeSeconds.nullable().optional(),
  pdbMinAvailable: IntOrPercent.nullable().optional(),
  pdbMaxUnavailable: IntOrPercent.nullable().optional(),
  // A Job's (workloads.csv's completions, parallelism, backoff_limit … in camelCase).
  completions: count.nullable().optional(),
  parallelism: count.optional(),
  backoffLimit: count.optional(),
  completionMode: convertText(parseCompletionMode).optional(),
  activeDeadlineSeconds: WholeSeconds.nullable().optional(),
  podReplacementPolicy: convertText(parsePodReplacementPolicy).optional(),
  podFailurePolicy: convertText(parsePodFailurePolicy).nullable().optional(),
};

export const TEMPLATE_KEYS: ReadonlySet<string> = new Set(Object.keys(TemplateFields));
export const DEPLOYMENT_KEYS: ReadonlySet<string> = new Set(Object.keys(DeploymentFields));
export const PATCH_KEYS: ReadonlySet<string> = new Set([...TEMPLATE_KEYS, ...DEPLOYMENT_KEYS]);

export const WorkloadPatch = z.strictObject({ ...TemplateFields, ...DeploymentFields });
export type WorkloadPatch = z.infer<typeof WorkloadPatch>;

/** A rollout's `set:`: parsed with every patch key so a Deployment field gets a clear message. */
export const RolloutSet = WorkloadPatch;
