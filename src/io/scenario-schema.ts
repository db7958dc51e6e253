// The scenario document's shape (contract "Scenario file"), as zod schemas: its top-level
// fields, the events, the cluster knobs and the inventory's files (the values are in
// scenario-schema-values.ts, a workload override in scenario-schema-workloads.ts). Unknown keys
// are errors everywhere, so a typo never silently does nothing.
import { z } from 'zod';
import { parseDuration } from '../model/duration.js';
import { LIMITS, LIMIT_HINTS } from '../model/limits.js';
import { parseSeed } from '../model/seed.js';
import { Cpu, Duration, Memory, PositiveDuration, WholeSeconds, convert, convertAny, count, scalar } from './scenario-schema-values.js';
import { RolloutSet, WorkloadPatch } from './scenario-schema-workloads.js';

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
