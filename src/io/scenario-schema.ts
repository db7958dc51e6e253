// The scenario document's shape (contract "Scenario file"), as zod schemas. Durations and
// quantities are converted here (ms, millicores, bytes) so later steps see numbers; unknown
// keys are errors everywhere, so a typo never silently does nothing.
import { z } from 'zod';
import { parseDuration } from '../model/duration.js';
import { cpuQuantity, memoryQuantity, parseIntOrPercent, parseLabels, parseTolerations } from './cells.js';
import { reasonOf } from './csv/table.js';
import { excerpt } from './errors.js';
import { LIMITS, LIMIT_HINTS } from '../model/limits.js';
import { parseSeed } from '../model/seed.js';
import { parseExitCode, parseInitContainers, parseResizePolicy, parseRestartPolicy } from './lifecycle-cells.js';
import { parseAntiAffinity, parseTopologySpread } from './scheduling-cells.js';
import { parseCompletionMode, parsePodFailurePolicy, parsePodReplacementPolicy } from './job-cells.js';

const scalar = z.union([z.string(), z.number()]);

/** A value quoted for a message: an excerpt of a string, a number as YAML would write it. */
const quote = (v: string | number): string => (typeof v === 'string' ? excerpt(v) : Number.isFinite(v) ? String(v) : String(v).toLowerCase());

function convert<T>(fn: (v: string | number) => T) {
  return scalar.transform((v, ctx): T => {
    try {
      return fn(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `${quote(v)}: ${reasonOf(e)}`, input: v });
      return z.NEVER;
    }
  });
}

function convertText<T>(fn: (v: string) => T) {
  return z.string().transform((v, ctx): T => {
    try {
      return fn(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `${quote(v)}: ${reasonOf(e)}`, input: v });
      return z.NEVER;
    }
  });
}

/**
 * Any value given to `fn` as is (numbers too large for a double arrive as Infinity, which
 * z.number() would refuse with a confusing "got null").
 */
function convertAny<T>(fn: (v: unknown) => T) {
  return z.unknown().transform((v, ctx): T => {
    try {
      return fn(v);
    } catch (e) {
      const shown = typeof v === 'string' || typeof v === 'number' ? `${quote(v)}: ` : '';
      ctx.addIssue({ code: 'custom', message: `${shown}${reasonOf(e)}`, input: v });
      return z.NEVER;
    }
  });
}

/** A duration ("30s", "5m", "1h30m", or seconds as a number) → ms. */
export const Duration = convert(parseDuration);
/** A positive duration → ms. */
const PositiveDuration = convert((v) => {
  const ms = parseDuration(v);
  if (ms <= 0) throw new Error('must be greater than 0');
  return ms;
});
/** The scenario's `duration`: positive and at most 30 days (contract "Limits"). */
const ScenarioDuration = convert((v) => {
  const over = () => new Error(`more than the limit of 30 days (720h). ${LIMIT_HINTS.durationMs}`);
  let ms: number;
  try {
    ms = parseDuration(v);
  } catch (e) {
    if (/^too long/.test((e as Error).message)) throw over();
    throw e;
  }
  if (ms <= 0) throw new Error('must be greater than 0');
  if (ms > LIMITS.durationMs) throw over();
  return ms;
});
/** `seed`: the same rule as `--seed`. */
const Seed = convertAny((v) => {
  if (typeof v !== 'number' && typeof v !== 'string') throw new Error('expected a whole number');
  return parseSeed(v);
});
/** Seconds as a number, or a duration string ("45s", "2m") → seconds. */
export const Seconds = convert((v) => parseDuration(v) / 1000);
const WholeSeconds = convert((v) => {
  const s = parseDuration(v) / 1000;
  if (!Number.isInteger(s)) throw new Error('must be a whole number of seconds');
  return s;
});
const Cpu = convert(cpuQuantity);
const Memory = convert(memoryQuantity);
const IntOrPercent = convert(parseIntOrPercent);
const count = z.number().int().min(0);
const atLeastOne = z.number().int().min(1);

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
  strategy: z.enum(['RollingUpdate', 'Recreate', 'OnDelete']).optional(),
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

const Mode = z.enum(['unreachable', 'NotReady']);
const workload = z.string().min(1);
const node = z.string().min(1);
const zone = z.string();

export const ACTIONS = {
  rollout: z.strictObject({ workload, set: RolloutSet.optional() }),
  scale: z.strictObject({ workload, replicas: count }),
  nodeFailure: z.strictObject({ node, mode: Mode.optional() }),
  nodeRecover: z.strictObject({ node }),
  zoneFailure: z.strictObject({ zone, mode: Mode.optional() }),
  zoneRecover: z.strictObject({ zone }),
  memoryUsage: z.strictObject({ workload, value: scalar }),
  resize: z.strictObject({
    workload,
    set: z.strictObject({ cpuRequest: Cpu.optional(), memoryRequest: Memory.optional(), cpuLimit: Cpu.optional(), memoryLimit: Memory.optional() }),
  }),
  drain: z.strictObject({ node }),
  cordon: z.strictObject({ node }),
  uncordon: z.strictObject({ node }),
};
export const ACTION_NAMES = Object.keys(ACTIONS) as (keyof typeof ACTIONS)[];

export const Event = z
  .strictObject({ at: Duration, ...Object.fromEntries(ACTION_NAMES.map((k) => [k, ACTIONS[k].optional()])) } as {
    at: typeof Duration;
  } & { [K in keyof typeof ACTIONS]: z.ZodOptional<(typeof ACTIONS)[K]> })
  .superRefine((e, ctx) => {
    const given = ACTION_NAMES.filter((k) => e[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          given.length === 0
            ? `an event needs one action: ${ACTION_NAMES.join(', ')}`
            : `an event has one action, got ${given.join(' and ')} (make them two events)`,
      });
    }
  });
export type Event = z.infer<typeof Event>;

const path = z.string().min(1);

export const Cluster = z.strictObject({
  version: scalar
    .transform((v, ctx) => {
      if (typeof v === 'string') return v;
      ctx.addIssue({
        code: 'custom',
        message: `${v}: write the version as a string, e.g. version: "1.34" (YAML reads 1.30 as the number 1.3)`,
        input: v,
      });
      return z.NEVER;
    })
    .optional(),
  nodeMonitorPeriod: PositiveDuration.optional(),
  nodeMonitorGracePeriod: PositiveDuration.optional(),
  nodeStartupGracePeriod: PositiveDuration.optional(),
  nodeEvictionRate: z.number().min(0).optional(),
  secondaryNodeEvictionRate: z.number().min(0).optional(),
  largeClusterSizeThreshold: count.optional(),
  unhealthyZoneThreshold: z.number().min(0).max(1).optional(),
  evictionHard: z.record(z.string(), scalar).optional(),
  evictionSoft: z.record(z.string(), scalar).optional(),
  evictionSoftGracePeriod: z.record(z.string(), scalar).optional(),
  evictionMinimumReclaim: z.record(z.string(), scalar).optional(),
  evictionMonitoringPeriod: PositiveDuration.optional(),
  evictionPressureTransitionPeriod: Duration.optional(),
  evictionMaxPodGracePeriod: WholeSeconds.optional(),
  hardEvictionGracePeriod: WholeSeconds.nullable().optional(),
  defaultNotReadyTolerationSeconds: WholeSeconds.optional(),
  defaultUnreachableTolerationSeconds: WholeSeconds.optional(),
  percentageOfNodesToScore: z.number().int().min(0).max(100).optional(),
  drainRetryPeriod: PositiveDuration.optional(),
});
export type Cluster = z.infer<typeof Cluster>;

export const InventoryRef = z.union([
  path,
  z.strictObject({
    nodes: path.optional(),
    // One workloads.csv, or several whose rows add up (e.g. the demo's services plus more).
    workloads: z.union([path, z.array(path).min(1)]).optional(),
    pods: path.optional(),
    // One dump, or several read as one dump; `-` is standard input.
    kubectl: z.union([path, z.array(path).min(1)]).optional(),
  }),
]);
export type InventoryRef = z.infer<typeof InventoryRef>;

/** An RFC 3339 time → ms since the epoch. */
const SnapshotTime = convertAny((v) => {
  const text = v instanceof Date ? v.toISOString() : v;
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(text) || !Number.isFinite(Date.parse(text))) {
    throw new Error('expected an RFC 3339 time, e.g. "2024-11-17T10:19:31Z"');
  }
  return Date.parse(text);
});

/** Report folder names come from `name`: keep them to safe file-name characters. */
export const SCENARIO_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$/;

export const ScenarioFile = z.strictObject({
  name: z
    .string()
    .regex(SCENARIO_NAME, 'use letters, digits, ".", "_", "-" and spaces (it names the report folder)')
    .optional(),
  description: z.string().optional(),
  inventory: InventoryRef.optional(),
  duration: ScenarioDuration.optional(),
  seed: Seed.optional(),
  cluster: Cluster.optional(),
  workloads: z.record(z.string(), WorkloadPatch).optional(),
  events: z.array(Event).optional(),
  /**
   * The moment the inventory describes (t=0), RFC 3339: times in a kubectl dump (taints'
   * timeAdded, deletionTimestamp, container exits) count from it. Default: the dump's latest timestamp.
   */
  snapshotTime: SnapshotTime.optional(),
});
export type ScenarioFile = z.infer<typeof ScenarioFile>;
