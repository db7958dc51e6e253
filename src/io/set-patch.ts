// Applying a scenario's per-workload override to a StatefulSet or a DaemonSet (the pod template
// is patched as for any kind, by workload-patch.ts patchTemplate), validated as every loader
// validates these kinds (model/set-specs.ts). A key the kind has no field for is an error
// naming it, so an override never silently does nothing.
import { checkDaemonSetSpec, checkStatefulSetSpec } from '../model/set-specs.js';
import { checkJobSpec } from '../model/job-spec.js';
import type { DaemonSet, Job, StatefulSet, WorkloadKind } from '../model/types.js';
import { parseVolumeZone } from './csv/workload-kinds.js';
import type { WorkloadPatch } from './scenario-schema-workloads.js';
import type { Fail } from './workload-patch.js';
import type { PathSegment } from './yaml-source.js';

const JOB_KEYS = ['completions', 'parallelism', 'backoffLimit', 'completionMode', 'activeDeadlineSeconds', 'podReplacementPolicy', 'podFailurePolicy'] as const;
const onlyJobs = Object.fromEntries(JOB_KEYS.map((k) => [k, 'only Jobs have it'])) as Partial<Record<keyof WorkloadPatch, string>>;
const NOT_A_JOB = 'a Job runs its pods to completion';

/** Override keys a kind has no field for, and why. */
const NOT_FOR: Readonly<Record<WorkloadKind, Partial<Record<keyof WorkloadPatch, string>>>> = {
  Deployment: {
    partition: 'only StatefulSets have a partition',
    podManagementPolicy: 'only StatefulSets have a podManagementPolicy',
    volumeZone: 'only StatefulSets have per-pod volumes',
    ...onlyJobs,
  },
  StatefulSet: {
    maxSurge: 'a StatefulSet has no maxSurge: it replaces pods in place (one at a time, or maxUnavailable from Kubernetes 1.35)',
    progressDeadlineSeconds: 'a StatefulSet has no progress deadline',
    ...onlyJobs,
  },
  DaemonSet: {
    replicas: 'a DaemonSet has no replicas: it runs one pod on every node it should run on',
    partition: 'only StatefulSets have a partition',
    podManagementPolicy: 'only StatefulSets have a podManagementPolicy',
    volumeZone: 'only StatefulSets have per-pod volumes',
    progressDeadlineSeconds: 'a DaemonSet has no progress deadline',
    ...onlyJobs,
  },
  CloneSet: {
    podManagementPolicy: 'only StatefulSets have a podManagementPolicy (a CloneSet creates and updates its pods in parallel, within maxUnavailable)',
    volumeZone: 'only StatefulSets have per-pod volumes',
    progressDeadlineSeconds: "Headroom does not model a CloneSet's progressDeadlineSeconds",
    ...onlyJobs,
  },
  Job: {
    replicas: 'a Job has no replicas: it runs parallelism pods at a time until completions of them succeed (set parallelism)',
    strategy: `${NOT_A_JOB}: it has no update strategy`,
    maxSurge: `${NOT_A_JOB}: it has no rolling update`,
    maxUnavailable: `${NOT_A_JOB}: it has no rolling update`,
    minReadySeconds: `${NOT_A_JOB}: it has no minReadySeconds`,
    progressDeadlineSeconds: 'a Job has activeDeadlineSeconds, not a progress deadline',
    partition: 'only StatefulSets have a partition',
    podManagementPolicy: 'only StatefulSets have a podManagementPolicy',
    volumeZone: 'only StatefulSets have per-pod volumes',
  },
};

/** Refuses the keys of `patch` that `kind` has no field for (and a strategy of another kind). */
export function checkPatchKeys(kind: WorkloadKind, patch: WorkloadPatch, at: readonly PathSegment[], fail: Fail): void {
  for (const [key, why] of Object.entries(NOT_FOR[kind])) {
    if (patch[key as keyof WorkloadPatch] !== undefined) fail([...at, key], `not a ${kind} field: ${why}`);
  }
  const cloneSetStrategy = patch.strategy === 'ReCreate' || patch.strategy === 'InPlaceIfPossible' || patch.strategy === 'InPlaceOnly';
  if (kind === 'CloneSet' && patch.strategy !== undefined && !cloneSetStrategy) {
    fail([...at, 'strategy'], `${patch.strategy} is not a CloneSet update strategy: a CloneSet is ReCreate, InPlaceIfPossible or InPlaceOnly`);
  }
  if (kind !== 'CloneSet' && kind !== 'Job' && cloneSetStrategy) {
    fail([...at, 'strategy'], `${patch.strategy} is an OpenKruise CloneSet strategy, not a ${kind}'s`);
  }
  if (kind === 'Deployment' && patch.strategy === 'OnDelete') {
    fail([...at, 'strategy'], 'OnDelete is a StatefulSet or DaemonSet strategy: a Deployment is RollingUpdate or Recreate');
  }
  if (kind !== 'Deployment' && kind !== 'Job' && kind !== 'CloneSet' && patch.strategy === 'Recreate') {
    fail([...at, 'strategy'], `Recreate is a Deployment strategy: a ${kind} is RollingUpdate or OnDelete`);
  }
}

export function patchStatefulSet(s: StatefulSet, patch: WorkloadPatch, at: readonly PathSegment[], fail: Fail): StatefulSet {
  checkPatchKeys('StatefulSet', patch, at, fail);
  const strategy = patch.strategy === 'RollingUpdate' || patch.strategy === 'OnDelete' ? patch.strategy : undefined;
  // A new strategy starts from its own defaults, as a StatefulSet written with it would.
  const keep = (strategy ?? s.updateStrategy) === s.updateStrategy;
  const check = checkStatefulSetSpec({
    replicas: patch.replicas ?? s.replicas,
    podManagementPolicy: patch.podManagementPolicy ?? s.podManagementPolicy,
    updateStrategy: strategy ?? s.updateStrategy,
    partition: patch.partition ?? (keep && s.updateStrategy === 'RollingUpdate' ? s.partition : undefined),
    maxUnavailable: patch.maxUnavailable ?? (keep ? s.maxUnavailable : undefined),
    minReadySeconds: patch.minReadySeconds ?? s.minReadySeconds,
    ordinalsStart: s.ordinalsStart,
    restartPolicy: patch.restartPolicy ?? s.template.restartPolicy,
  });
  if (!check.ok) return fail([...at, check.problem.field === 'updateStrategy' ? 'strategy' : check.problem.field], check.problem.detail);
  let { volumeClaims, claimZones } = s;
  if (patch.volumeZone !== undefined) {
    try {
      ({ volumeClaims, claimZones } = parseVolumeZone(patch.volumeZone, check.spec.ordinalsStart, check.spec.replicas));
    } catch (e) {
      fail([...at, 'volumeZone'], `${JSON.stringify(patch.volumeZone)}: ${(e as Error).message}`);
    }
  }
  return { ...s, ...check.spec, volumeClaims, claimZones };
}

export function patchDaemonSet(d: DaemonSet, patch: WorkloadPatch, at: readonly PathSegment[], fail: Fail): DaemonSet {
  checkPatchKeys('DaemonSet', patch, at, fail);
  const strategy = patch.strategy === 'RollingUpdate' || patch.strategy === 'OnDelete' ? patch.strategy : undefined;
  const keep = (strategy ?? d.updateStrategy) === d.updateStrategy && d.updateStrategy === 'RollingUpdate';
  const check = checkDaemonSetSpec({
    updateStrategy: strategy ?? d.updateStrategy,
    maxUnavailable: patch.maxUnavailable ?? (keep && patch.maxSurge === undefined ? d.maxUnavailable : undefined),
    maxSurge: patch.maxSurge ?? (keep && patch.maxUnavailable === undefined ? d.maxSurge : undefined),
    minReadySeconds: patch.minReadySeconds ?? d.minReadySeconds,
    restartPolicy: patch.restartPolicy ?? d.template.restartPolicy,
  });
  if (!check.ok) return fail([...at, check.problem.field === 'updateStrategy' ? 'strategy' : check.problem.field], check.problem.detail);
  return { ...d, ...check.spec };
}

export function patchJob(j: Job, patch: WorkloadPatch, at: readonly PathSegment[], fail: Fail): Job {
  checkPatchKeys('Job', patch, at, fail);
  const template = j.template;
  const check = checkJobSpec({
    completions: patch.completions !== undefined ? patch.completions : j.completions,
    parallelism: patch.parallelism ?? j.parallelism,
    backoffLimit: patch.backoffLimit ?? j.backoffLimit,
    completionMode: patch.completionMode ?? j.completionMode,
    activeDeadlineSeconds: patch.activeDeadlineSeconds !== undefined ? patch.activeDeadlineSeconds : j.activeDeadlineSeconds,
    // A pod failure policy given or removed: the replacement policy defaults again with it.
    podReplacementPolicy: patch.podReplacementPolicy ?? (patch.podFailurePolicy !== undefined ? undefined : j.podReplacementPolicy),
    podFailurePolicy: patch.podFailurePolicy !== undefined ? patch.podFailurePolicy : j.podFailurePolicy,
    suspend: j.suspend,
    restartPolicy: patch.restartPolicy ?? template.restartPolicy,
    containerNames: [...template.containers, ...template.initContainers].map((c) => c.name),
  });
  if (!check.ok) return fail([...at, check.problem.field], check.problem.detail);
  return { ...j, ...check.spec };
}
