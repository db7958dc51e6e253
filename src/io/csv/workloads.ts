// workloads.csv → workloads (+ PDBs): one row per Deployment, StatefulSet, DaemonSet or Job (the
// `kind` column; the kinds' own columns are read in workload-kinds.ts and workload-job.ts), one
// container named after it.
// Beyond the contract's columns we read: image, labels (extra pod labels), priority_class,
// progress_deadline_seconds (600; "none" = no deadline), pre_stop_seconds, and
// liveness_* / startup_* probe columns shaped like the readiness_* ones.
import type { CloneSet, Container, DaemonSet, Deployment, Job, PodDisruptionBudget, PodTemplate, Probe, ResourceList, RestartPolicy, StatefulSet, TopologySpread } from '../../model/types.js';
import { JOB_DEFAULTS } from '../../model/job-spec.js';
import { readJob } from './workload-job.js';
import { readCloneSet } from './workload-cloneset.js';
import { workloadKey } from '../../model/types.js';
import { readTextFile } from '../read-file.js';
import { parseMemoryUsage } from '../expression.js';
import {
  cpuQuantity,
  memoryQuantity,
  parseInt32,
  parseIntOrPercent,
  parseLabels,
  parseNonNegativeInt,
  parseSeconds,
  parseTolerations,
} from '../cells.js';
import { DEPLOYMENT_DEFAULTS, type DeploymentField, checkDeploymentSpec } from '../../model/deployment.js';
import { defaultTemplate, defaulted, probeWithDefaults, resolvePriority } from '../template.js';
import { ZONE_LABEL, requiredName } from './nodes.js';
import { LIFECYCLE_COLUMNS, readLifecycle } from './workload-lifecycle.js';
import { parseRestartPolicy } from '../lifecycle-cells.js';
import { antiAffinityOf, parseAntiAffinity, parsePreemptionPolicy, parseTopologySpread } from '../scheduling-cells.js';
import { topologySpreadProblem } from '../../model/topology-spread.js';
import { type CsvTable, readCsv } from './table.js';
import { KIND_COLUMNS, checkKindColumns, parseKind, readDaemonSet, readStatefulSet } from './workload-kinds.js';
import { LIMITS, overLimit } from '../../model/limits.js';

const PROBE_KINDS = ['readiness', 'liveness', 'startup'] as const;
const PROBE_FIELDS = ['period_seconds', 'initial_delay_seconds', 'success_threshold', 'failure_threshold'] as const;

export const WORKLOAD_COLUMNS = {
  required: ['namespace', 'name', 'replicas', 'cpu_request', 'memory_request'],
  optional: [
    'cpu_limit', 'memory_limit', 'priority', 'priority_class', 'max_surge', 'max_unavailable', 'strategy',
    'min_ready_seconds', 'progress_deadline_seconds', 'start_seconds', 'warmup_seconds', 'shutdown_seconds',
    'pre_stop_seconds', 'termination_grace_seconds', 'memory_usage', 'node_selector', 'tolerations',
    'pdb_min_available', 'pdb_max_unavailable', 'zone_spread', 'image', 'labels',
    'anti_affinity', 'topology_spread', 'preemption_policy', ...KIND_COLUMNS,
    ...PROBE_KINDS.flatMap((k) => PROBE_FIELDS.map((f) => `${k}_${f}`)),
    ...LIFECYCLE_COLUMNS,
  ],
};

export interface WorkloadsResult {
  readonly deployments: Deployment[];
  readonly statefulSets: StatefulSet[];
  readonly daemonSets: DaemonSet[];
  readonly jobs: Job[];
  readonly cloneSets: CloneSet[];
  readonly pdbs: PodDisruptionBudget[];
}

export async function loadWorkloadsCsv(file: string): Promise<WorkloadsResult> {
  return parseWorkloadsCsv(await readTextFile(file), file);
}

export async function parseWorkloadsCsv(text: string, file: string): Promise<WorkloadsResult> {
  const t = readCsv(text, file, WORKLOAD_COLUMNS, { max: LIMITS.workloads, describe: (n) => overLimit(n, 'workloads') });
  const deployments: Deployment[] = [];
  const statefulSets: StatefulSet[] = [];
  const daemonSets: DaemonSet[] = [];
  const jobs: Job[] = [];
  const cloneSets: CloneSet[] = [];
  const pdbs: PodDisruptionBudget[] = [];
  const rowOf = new Map<string, number>();
  for (let i = 0; i < t.rows.length; i++) {
    if (t.isBlank(i)) continue;
    const namespace = t.read(i, 'namespace', requiredName);
    const name = t.read(i, 'name', requiredName);
    const kind = t.read(i, 'kind', parseKind);
    const key = workloadKey({ namespace, name });
    // Workloads of different kinds may share a name (they are then named `kind/namespace/name`).
    const prev = rowOf.get(`${kind}/${key}`);
    if (prev !== undefined) throw t.rowError(i, `duplicate ${kind === 'Deployment' ? 'workload' : kind} "${key}" (first on line ${t.lineOf(prev)})`);
    rowOf.set(`${kind}/${key}`, i);
    checkKindColumns(t, i, kind);
    const workload =
      kind === 'StatefulSet'
        ? readStatefulSet(t, i, namespace, name, await readTemplate(t, i, name))
        : kind === 'DaemonSet'
          ? readDaemonSet(t, i, namespace, name, await readTemplate(t, i, name))
          : kind === 'Job'
            ? readJob(t, i, namespace, name, await readTemplate(t, i, name, JOB_DEFAULTS.restartPolicy))
            : kind === 'CloneSet'
              ? readCloneSet(t, i, namespace, name, await readTemplate(t, i, name))
              : await readDeployment(t, i, namespace, name);
    if (kind === 'StatefulSet') statefulSets.push(workload as StatefulSet);
    else if (kind === 'DaemonSet') daemonSets.push(workload as DaemonSet);
    else if (kind === 'Job') jobs.push(workload as Job);
    else if (kind === 'CloneSet') cloneSets.push(workload as CloneSet);
    else deployments.push(workload as Deployment);
    const pdb = readPdb(t, i, workload);
    if (pdb) pdbs.push(pdb);
  }
  return { deployments, statefulSets, daemonSets, jobs, cloneSets, pdbs };
}

/** workloads.csv's column for each Deployment field. */
const DEPLOYMENT_COLUMNS: Readonly<Record<DeploymentField, string>> = {
  replicas: 'replicas',
  strategy: 'strategy',
  maxSurge: 'max_surge',
  maxUnavailable: 'max_unavailable',
  minReadySeconds: 'min_ready_seconds',
  progressDeadlineSeconds: 'progress_deadline_seconds',
  revisionHistoryLimit: 'revision_history_limit',
  restartPolicy: 'restart_policy',
};

async function readDeployment(t: CsvTable, i: number, namespace: string, name: string): Promise<Deployment> {
  const opt = <T>(column: string, parse: (v: string) => T): T | undefined => t.read(i, column, (v) => (v === '' ? undefined : parse(v)));
  const check = checkDeploymentSpec(
    {
      replicas: t.read(i, 'replicas', (v) => (v === '' ? fail('required') : parseNonNegativeInt(v))),
      strategy: opt('strategy', parseStrategy),
      maxSurge: opt('max_surge', parseIntOrPercent),
      maxUnavailable: opt('max_unavailable', parseIntOrPercent),
      minReadySeconds: opt('min_ready_seconds', parseNonNegativeInt),
      progressDeadlineSeconds: opt('progress_deadline_seconds', parseDeadline),
      restartPolicy: opt('restart_policy', parseRestartPolicy),
    },
    (f) => DEPLOYMENT_COLUMNS[f],
  );
  if (!check.ok) {
    const column = DEPLOYMENT_COLUMNS[check.problem.field];
    const shown = t.cell(i, column) || (check.problem.field === 'progressDeadlineSeconds' ? String(DEPLOYMENT_DEFAULTS.progressDeadlineSeconds) : '');
    throw t.cellError(i, column, shown, check.problem.detail);
  }
  return { namespace, name, ...check.spec, template: await readTemplate(t, i, name) };
}

export async function readTemplate(t: CsvTable, i: number, name: string, restartPolicy: RestartPolicy = 'Always'): Promise<PodTemplate> {
  const opt = <T>(column: string, parse: (v: string) => T, fallback: T): T =>
    t.read(i, column, (v) => (v === '' ? fallback : parse(v)));
  const base = defaultTemplate(name);
  const quantity = (column: string, parse: (v: string) => number) => opt<number | undefined>(column, parse, undefined);
  const lifecycle = await readLifecycle(t, i, restartPolicy);
  const container: Container = {
    name,
    requests: { ...resourceList(quantity('cpu_request', cpuQuantity), quantity('memory_request', memoryQuantity)), ...lifecycle.requests },
    limits: { ...resourceList(quantity('cpu_limit', cpuQuantity), quantity('memory_limit', memoryQuantity)), ...lifecycle.limits },
    ...(lifecycle.resizeRestart.length > 0 ? { resizeRestart: lifecycle.resizeRestart } : {}),
  };
  checkRequestWithinLimit(t, i, container, 'cpu');
  checkRequestWithinLimit(t, i, container, 'memory');
  const [main] = defaulted([container]);
  const priorityClassName = t.cell(i, 'priority_class');
  const zoneSpread = opt('zone_spread', (v) => {
    const n = parseNonNegativeInt(v);
    if (n < 1) throw new Error('maxSkew must be at least 1');
    return n;
  }, 0);
  // zone_spread N is shorthand for topology_spread topology.kubernetes.io/zone:N:DoNotSchedule.
  const topologySpread: TopologySpread[] = [
    ...opt('topology_spread', parseTopologySpread, []),
    ...(zoneSpread > 0 ? [{ maxSkew: zoneSpread, topologyKey: ZONE_LABEL, whenUnsatisfiable: 'DoNotSchedule' as const }] : []),
  ];
  const spreadProblem = topologySpreadProblem(topologySpread);
  if (spreadProblem) {
    const column = t.cell(i, 'topology_spread') !== '' ? 'topology_spread' : 'zone_spread';
    throw t.cellError(i, column, t.cell(i, column), `${spreadProblem.field} ${spreadProblem.problem}${t.cell(i, 'zone_spread') !== '' ? ' (zone_spread adds topology.kubernetes.io/zone DoNotSchedule)' : ''}`);
  }
  const labels = { ...base.labels, ...opt('labels', parseLabels, {}) };
  const podAntiAffinity = antiAffinityOf(opt('anti_affinity', parseAntiAffinity, []), labels);
  const preemptionPolicy = opt('preemption_policy', (v) => parsePreemptionPolicy(v) as PodTemplate['preemptionPolicy'], undefined);
  const memory = main.requests.memory ?? 0;
  return {
    ...base,
    ...(podAntiAffinity ? { affinity: { podAntiAffinity } } : {}),
    ...(preemptionPolicy ? { preemptionPolicy } : {}),
    labels,
    image: t.cell(i, 'image') || base.image,
    containers: [main],
    priority: resolvePriority(opt('priority', parseInt32, null), priorityClassName),
    priorityClassName,
    tolerations: opt('tolerations', parseTolerations, []),
    nodeSelector: opt('node_selector', parseLabels, {}),
    topologySpread,
    terminationGracePeriodSeconds: opt('termination_grace_seconds', parseNonNegativeInt, 30),
    readinessProbe: readProbe(t, i, 'readiness'),
    livenessProbe: readProbe(t, i, 'liveness'),
    startupProbe: readProbe(t, i, 'startup'),
    preStopSeconds: opt('pre_stop_seconds', parseSeconds, 0),
    startSeconds: opt('start_seconds', parseSeconds, 0),
    warmupSeconds: opt('warmup_seconds', parseSeconds, 0),
    shutdownSeconds: opt('shutdown_seconds', parseSeconds, 0),
    ...lifecycle.template,
    memoryUsage: await parseMemoryUsage(t.cell(i, 'memory_usage'), 'memory_usage', { file: t.file, line: t.lineOf(i) }, {
      request: memory,
      limit: main.limits.memory ?? memory,
    }),
  };
}

function checkRequestWithinLimit(t: CsvTable, i: number, c: Container, r: 'cpu' | 'memory'): void {
  const req = c.requests[r];
  const lim = c.limits[r];
  if (req !== undefined && lim !== undefined && req > lim) {
    throw t.cellError(i, `${r}_request`, t.cell(i, `${r}_request`), `is greater than ${r}_limit ${t.cell(i, `${r}_limit`)} (Kubernetes rejects it)`);
  }
}

/** A probe from `<kind>_*` columns; null when the period is empty (and then no other may be set). */
function readProbe(t: CsvTable, i: number, kind: (typeof PROBE_KINDS)[number]): Probe | null {
  const col = (f: (typeof PROBE_FIELDS)[number]) => `${kind}_${f}`;
  if (t.cell(i, col('period_seconds')) === '') {
    for (const f of PROBE_FIELDS) {
      const v = t.cell(i, col(f));
      if (v !== '') throw t.cellError(i, col(f), v, `is set but ${col('period_seconds')} is empty (empty period = no ${kind} probe)`);
    }
    return null;
  }
  const atLeast = (min: number) => (v: string) => {
    const n = parseNonNegativeInt(v);
    if (n < min) throw new Error(`must be at least ${min}`);
    return n;
  };
  const p: { -readonly [K in keyof Probe]?: Probe[K] } = {
    periodSeconds: t.read(i, col('period_seconds'), atLeast(1)),
  };
  const delay = t.cell(i, col('initial_delay_seconds'));
  if (delay !== '') p.initialDelaySeconds = t.read(i, col('initial_delay_seconds'), atLeast(0));
  if (t.cell(i, col('success_threshold')) !== '') {
    p.successThreshold = t.read(i, col('success_threshold'), (v) => {
      const n = atLeast(1)(v);
      if (kind !== 'readiness' && n !== 1) throw new Error(`must be 1 for a ${kind} probe (Kubernetes rejects other values)`);
      return n;
    });
  }
  if (t.cell(i, col('failure_threshold')) !== '') p.failureThreshold = t.read(i, col('failure_threshold'), atLeast(1));
  return probeWithDefaults(p);
}

function readPdb(t: CsvTable, i: number, d: { namespace: string; name: string; template: PodTemplate }): PodDisruptionBudget | null {
  const min = t.read(i, 'pdb_min_available', (v) => (v === '' ? null : parseIntOrPercent(v)));
  const max = t.read(i, 'pdb_max_unavailable', (v) => (v === '' ? null : parseIntOrPercent(v)));
  if (min === null && max === null) return null;
  if (min !== null && max !== null) {
    throw t.cellError(i, 'pdb_max_unavailable', t.cell(i, 'pdb_max_unavailable'), 'give pdb_min_available or pdb_max_unavailable, not both (Kubernetes allows one)');
  }
  return { namespace: d.namespace, name: d.name, selector: { app: d.template.labels.app }, minAvailable: min, maxUnavailable: max };
}

export function parseStrategy(v: string): Deployment['strategy'] {
  const s = v.trim().toLowerCase();
  if (s === 'rollingupdate') return 'RollingUpdate';
  if (s === 'recreate') return 'Recreate';
  throw new Error('expected RollingUpdate or Recreate');
}

function parseDeadline(v: string): number | null {
  if (v.toLowerCase() === 'none') return null;
  const n = parseNonNegativeInt(v);
  if (n < 1) throw new Error('must be at least 1 (or "none")');
  return n;
}

/** A ResourceList without the keys that are not given. */
export function resourceList(cpu: number | undefined, memory: number | undefined): ResourceList {
  return { ...(cpu === undefined ? {} : { cpu }), ...(memory === undefined ? {} : { memory }) };
}

function fail(msg: string): never {
  throw new Error(msg);
}
