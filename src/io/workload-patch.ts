// Applying a scenario's per-workload override or a rollout's `set:` to a Deployment, its pod
// template and its PodDisruptionBudget. Validation mirrors what the API server would refuse.
import type { Deployment, MemoryUsage, PodDisruptionBudget, PodTemplate, Probe, Toleration } from '../model/types.js';
import { PROBE_DEFAULTS } from '../model/types.js';
import { defaultRequestsFromLimits } from '../model/resources.js';
import { parseMemoryUsage } from './expression.js';
import { bothZero, checkDeploymentSpec } from '../model/deployment.js';
import { MAIN_CONTAINER, NO_STORAGE } from './template.js';
import { READINESS_GATE } from './lifecycle-cells.js';
import { ZONE_LABEL } from './csv/nodes.js';
import type { WorkloadPatch } from './scenario-schema-workloads.js';
import type { PathSegment } from './yaml-source.js';
import { InputError, type InputLocation } from './errors.js';
import { antiAffinityOf, withPodAntiAffinity } from './scheduling-cells.js';
import { topologySpreadProblem } from '../model/topology-spread.js';

/** Reports a problem at a field path (and says where a path is, for errors found later). */
export type Fail = ((path: readonly PathSegment[], detail: string) => never) & {
  readonly locate?: (path: readonly PathSegment[]) => InputLocation;
};

import { TAINT_NOT_READY as NOT_READY_TAINT, TAINT_UNREACHABLE as UNREACHABLE_TAINT } from '../model/well-known.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const PROBES = [
  ['readiness', 'readinessProbe'],
  ['liveness', 'livenessProbe'],
  ['startup', 'startupProbe'],
] as const;

/** Applies the template fields of `patch`, found at `at` (e.g. ['workloads', 'shop/web']). */
export async function patchTemplate(
  template: PodTemplate,
  patch: WorkloadPatch,
  at: readonly PathSegment[],
  fail: Fail,
): Promise<PodTemplate> {
  const t: Mutable<PodTemplate> = { ...template };
  patchResources(t, patch, at, fail);
  if (patch.image !== undefined) t.image = patch.image;
  if (patch.priority !== undefined) t.priority = patch.priority;
  if (patch.startSeconds !== undefined) t.startSeconds = patch.startSeconds;
  if (patch.warmupSeconds !== undefined) t.warmupSeconds = patch.warmupSeconds;
  if (patch.shutdownSeconds !== undefined) t.shutdownSeconds = patch.shutdownSeconds;
  if (patch.preStopSeconds !== undefined) t.preStopSeconds = patch.preStopSeconds;
  if (patch.terminationGracePeriodSeconds !== undefined) t.terminationGracePeriodSeconds = patch.terminationGracePeriodSeconds;
  for (const [kind, field] of PROBES) t[field] = patchProbe(t[field], kind, patch, at, fail);
  if (patch.tolerations !== undefined) t.tolerations = patch.tolerations.map((x, i) => toleration(x, [...at, 'tolerations', i], fail));
  if (patch.tolerationSeconds !== undefined) t.tolerations = withNodeProblemSeconds(t.tolerations, patch.tolerationSeconds);
  if (patch.nodeSelector !== undefined) t.nodeSelector = patch.nodeSelector;
  if (patch.topologySpread !== undefined) t.topologySpread = patch.topologySpread ?? [];
  if (patch.zoneSpread !== undefined) {
    // zoneSpread is the zone DoNotSchedule constraint: it replaces that one only.
    const others = t.topologySpread.filter((c) => c.topologyKey !== ZONE_LABEL || c.whenUnsatisfiable !== 'DoNotSchedule');
    t.topologySpread =
      patch.zoneSpread === null
        ? others
        : [...others, { maxSkew: patch.zoneSpread, topologyKey: ZONE_LABEL, whenUnsatisfiable: 'DoNotSchedule' }];
  }
  if (patch.topologySpread !== undefined || patch.zoneSpread !== undefined) {
    const bad = topologySpreadProblem(t.topologySpread);
    if (bad) {
      const key = patch.topologySpread !== undefined ? 'topologySpread' : 'zoneSpread';
      fail([...at, key, ...(key === 'topologySpread' && Array.isArray(patch.topologySpread) ? [bad.index] : [])], `${bad.field} ${bad.problem}`);
    }
  }
  if (patch.antiAffinity !== undefined) {
    const next = withPodAntiAffinity(t, patch.antiAffinity === null ? undefined : antiAffinityOf(patch.antiAffinity, t.labels));
    if (next.affinity) t.affinity = next.affinity;
    else delete t.affinity;
  }
  if (patch.preemptionPolicy !== undefined) t.preemptionPolicy = patch.preemptionPolicy;
  if (patch.memoryUsage !== undefined) {
    t.memoryUsage = await memoryUsageAt(patch.memoryUsage, t, [...at, 'memoryUsage'], fail);
  }
  await patchLifecycle(t, patch, at, fail);
  return t;
}

/** A memory usage value for `template`'s main container, errors reported at `path`. */
export async function memoryUsageAt(
  value: string | number,
  template: PodTemplate,
  path: readonly PathSegment[],
  fail: Fail,
): Promise<MemoryUsage> {
  const main = template.containers[MAIN_CONTAINER];
  const request = main?.requests.memory ?? 0;
  try {
    return await parseMemoryUsage(value, '', fail.locate?.(path) ?? {}, { request, limit: main?.limits.memory ?? request });
  } catch (e) {
    if (e instanceof InputError) return fail(path, e.detail);
    throw e;
  }
}

function patchResources(t: Mutable<PodTemplate>, patch: WorkloadPatch, at: readonly PathSegment[], fail: Fail): void {
  const keys = [
    ['cpuRequest', 'requests', 'cpu'],
    ['memoryRequest', 'requests', 'memory'],
    ['cpuLimit', 'limits', 'cpu'],
    ['memoryLimit', 'limits', 'memory'],
    ['ephemeralStorageRequest', 'requests', 'ephemeralStorage'],
    ['ephemeralStorageLimit', 'limits', 'ephemeralStorage'],
  ] as const;
  if (!keys.some(([k]) => patch[k] !== undefined)) return;
  const main = t.containers[MAIN_CONTAINER];
  if (!main) fail(at, 'the pod template has no container to change');
  const lists = { requests: { ...main.requests }, limits: { ...main.limits } };
  for (const [key, list, r] of keys) {
    const v = patch[key];
    if (v === undefined) continue;
    if (v === null) delete lists[list][r];
    else lists[list][r] = v;
  }
  const c = defaultRequestsFromLimits({ ...main, ...lists });
  for (const r of ['cpu', 'memory', 'ephemeralStorage'] as const) {
    const req = c.requests[r];
    const lim = c.limits[r];
    if (req !== undefined && lim !== undefined && req > lim) {
      const key = patch[`${r}Request`] !== undefined ? `${r}Request` : `${r}Limit`;
      fail([...at, key], `the ${r} request would be greater than its limit (Kubernetes rejects it)`);
    }
  }
  t.containers = t.containers.map((x, i) => (i === MAIN_CONTAINER ? c : x));
}

/** The pod-lifecycle keys (see workloads.csv's columns of the same names). */
async function patchLifecycle(t: Mutable<PodTemplate>, patch: WorkloadPatch, at: readonly PathSegment[], fail: Fail): Promise<void> {
  if (patch.initSeconds !== undefined) t.initContainers = [...t.initContainers.filter((c) => c.sidecar), ...patch.initSeconds];
  if (patch.postStartSeconds !== undefined) t.postStartSeconds = patch.postStartSeconds;
  // A Deployment's template keeps Always (patchDeployment, and a rollout's check, refuse the others).
  if (patch.restartPolicy !== undefined) t.restartPolicy = patch.restartPolicy;
  if (patch.exitAfterSeconds !== undefined) t.exitAfterSeconds = patch.exitAfterSeconds;
  if (patch.exitCode !== undefined) {
    if (t.exitAfterSeconds === null) fail([...at, 'exitCode'], 'is set but exitAfterSeconds is not (the app exits with it after that long)');
    t.exitCode = patch.exitCode;
  }
  if (patch.readinessGateSeconds !== undefined) {
    const own = t.readinessGates.filter((g) => g !== READINESS_GATE);
    t.readinessGates = patch.readinessGateSeconds === null ? own : [...own, READINESS_GATE];
    t.readinessGateSeconds = patch.readinessGateSeconds ?? 0;
  }
  if (patch.resizePolicy !== undefined) {
    const policy = patch.resizePolicy;
    t.containers = t.containers.map((c, i) => (i === MAIN_CONTAINER ? { ...c, resizeRestart: policy } : c));
  }
  if (patch.ephemeralStorageUsage !== undefined) {
    const main = t.containers[MAIN_CONTAINER];
    const request = main?.requests.ephemeralStorage ?? main?.limits.ephemeralStorage ?? 0;
    const limit = main?.limits.ephemeralStorage ?? request;
    try {
      t.ephemeralStorageUsage = await parseMemoryUsage(patch.ephemeralStorageUsage, '', {}, { request, limit });
    } catch (e) {
      if (e instanceof InputError) fail([...at, 'ephemeralStorageUsage'], e.detail);
      throw e;
    }
    if (t.ephemeralStorageUsage.kind === 'request' && String(patch.ephemeralStorageUsage).trim() === '') t.ephemeralStorageUsage = NO_STORAGE;
  }
  if (patch.emptyDirSizeLimit !== undefined || patch.emptyDirUsage !== undefined) {
    const dir = t.emptyDirs[0] ?? { name: 'cache', sizeLimit: null, memory: false, usage: 0 };
    const next = {
      ...dir,
      ...(patch.emptyDirSizeLimit !== undefined ? { sizeLimit: patch.emptyDirSizeLimit } : {}),
      ...(patch.emptyDirUsage !== undefined ? { usage: patch.emptyDirUsage } : {}),
    };
    t.emptyDirs = [next, ...t.emptyDirs.slice(1)];
  }
}

function patchProbe(
  probe: Probe | null,
  kind: 'readiness' | 'liveness' | 'startup',
  patch: WorkloadPatch,
  at: readonly PathSegment[],
  fail: Fail,
): Probe | null {
  const fields = {
    periodSeconds: patch[`${kind}PeriodSeconds`],
    initialDelaySeconds: patch[`${kind}InitialDelaySeconds`],
    successThreshold: patch[`${kind}SuccessThreshold`],
    failureThreshold: patch[`${kind}FailureThreshold`],
  };
  if (fields.periodSeconds === null) {
    for (const [f, v] of Object.entries(fields)) {
      if (f !== 'periodSeconds' && v !== undefined) fail([...at, `${kind}${f[0].toUpperCase()}${f.slice(1)}`], `conflicts with ${kind}PeriodSeconds: null (no ${kind} probe)`);
    }
    return null;
  }
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Probe>;
  if (Object.keys(given).length === 0) return probe;
  if (kind !== 'readiness' && given.successThreshold !== undefined && given.successThreshold !== 1) {
    fail([...at, `${kind}SuccessThreshold`], `must be 1 for a ${kind} probe (Kubernetes rejects other values)`);
  }
  return { ...(probe ?? PROBE_DEFAULTS), ...given };
}

type RawToleration = Toleration | NonNullable<WorkloadPatch['tolerations']>[number];

function toleration(x: RawToleration, at: readonly PathSegment[], fail: Fail): Toleration {
  const key = x.key ?? '';
  const value = x.value ?? '';
  const operator = x.operator ?? (key === '' ? 'Exists' : 'Equal');
  const effect = x.effect ?? '';
  if (key === '' && operator !== 'Exists') fail(at, 'an empty key needs operator Exists (it tolerates every taint)');
  if (operator === 'Exists' && value !== '') fail([...at, 'value'], 'operator Exists takes no value');
  const seconds = x.tolerationSeconds ?? null;
  if (seconds !== null && effect !== 'NoExecute') fail([...at, 'tolerationSeconds'], 'only allowed with effect NoExecute');
  return { key, operator, value, effect, tolerationSeconds: seconds };
}

/** Sets the seconds of the not-ready/unreachable NoExecute tolerations, adding them if absent. */
export function withNodeProblemSeconds(tolerations: readonly Toleration[], seconds: number | null): Toleration[] {
  const isNodeProblem = (t: Toleration) =>
    (t.key === NOT_READY_TAINT || t.key === UNREACHABLE_TAINT) && (t.effect === 'NoExecute' || t.effect === '');
  const out = tolerations.filter((t) => !isNodeProblem(t));
  for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    out.push({ key, operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: seconds });
  }
  return out;
}

/**
 * Applies the Deployment-level fields of `patch` (set-patch.ts checkPatchKeys has refused the
 * others), validated as every loader validates a Deployment.
 */
export function patchDeployment(d: Deployment, patch: DeploymentPatch, at: readonly PathSegment[], fail: Fail): Deployment {
  const strategy = patch.strategy ?? d.strategy;
  // A new strategy starts from its own defaults, as a Deployment written with it would.
  const keep = strategy === 'RollingUpdate' && strategy === d.strategy;
  const check = checkDeploymentSpec({
    replicas: patch.replicas ?? d.replicas,
    strategy,
    maxSurge: patch.maxSurge ?? (keep ? d.maxSurge : undefined),
    maxUnavailable: patch.maxUnavailable ?? (keep ? d.maxUnavailable : undefined),
    minReadySeconds: patch.minReadySeconds ?? d.minReadySeconds,
    progressDeadlineSeconds: patch.progressDeadlineSeconds !== undefined ? patch.progressDeadlineSeconds : d.progressDeadlineSeconds,
    revisionHistoryLimit: d.revisionHistoryLimit,
    restartPolicy: patch.restartPolicy ?? d.template.restartPolicy,
  });
  if (check.ok) return { ...d, ...check.spec };
  const { field, detail } = check.problem;
  // Point at the key the override gave (an error from `--set` then names that argument).
  if (field === 'maxUnavailable' && patch.maxUnavailable === undefined && patch.maxSurge !== undefined) {
    fail([...at, 'maxSurge'], bothZero('maxUnavailable'));
  }
  if (field === 'progressDeadlineSeconds' && patch.progressDeadlineSeconds === undefined && patch.minReadySeconds !== undefined) {
    fail([...at, 'minReadySeconds'], `must be less than progressDeadlineSeconds (${String(d.progressDeadlineSeconds)})`);
  }
  return fail(field === 'revisionHistoryLimit' ? at : [...at, field], detail);
}

/** A per-workload override of a Deployment: its strategy is one of a Deployment's. */
export type DeploymentPatch = WorkloadPatch & { readonly strategy?: Deployment['strategy'] };

/** What a PDB override needs of its workload (any kind). */
export type PdbTarget = Pick<Deployment, 'namespace' | 'name' | 'template'>;

/** Does the PDB select the pods of this template? (null selector = every pod of the namespace) */
export function pdbSelects(pdb: PodDisruptionBudget, d: PdbTarget): boolean {
  if (pdb.namespace !== d.namespace) return false;
  if (pdb.selector === null) return true;
  return Object.entries(pdb.selector).every(([k, v]) => d.template.labels[k] === v);
}

/**
 * pdbMinAvailable / pdbMaxUnavailable: change the workload's own PDB (the first, by name, whose
 * non-empty selector matches its pods), create one named after the workload if it has none,
 * or remove it with null.
 */
export function patchPdbs(
  pdbs: readonly PodDisruptionBudget[],
  d: PdbTarget,
  patch: WorkloadPatch,
  at: readonly PathSegment[],
  fail: Fail,
): PodDisruptionBudget[] {
  const min = patch.pdbMinAvailable;
  const max = patch.pdbMaxUnavailable;
  if (min === undefined && max === undefined) return [...pdbs];
  if (min !== undefined && min !== null && max !== undefined && max !== null) {
    fail([...at, 'pdbMaxUnavailable'], 'give pdbMinAvailable or pdbMaxUnavailable, not both (a PodDisruptionBudget has one)');
  }
  const own = pdbs
    .filter((p) => p.selector !== null && pdbSelects(p, d))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
  const rest = pdbs.filter((p) => p !== own);
  if ((min ?? null) === null && (max ?? null) === null) return rest;
  const taken = new Set(pdbs.filter((p) => p.namespace === d.namespace).map((p) => p.name));
  const name = own?.name ?? (taken.has(d.name) ? `${d.name}-pdb` : d.name);
  const selector = own?.selector ?? { ...d.template.labels };
  return [...rest, { namespace: d.namespace, name, selector, minAvailable: min ?? null, maxUnavailable: max ?? null }];
}
