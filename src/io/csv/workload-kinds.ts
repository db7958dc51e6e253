// workloads.csv's `kind` column and the columns of StatefulSets and DaemonSets (a Job's are
// read in workload-job.ts):
//   kind                    Deployment (default) | StatefulSet | DaemonSet | Job | CloneSet
//                           (OpenKruise; its columns are read in workload-cloneset.ts)
//   strategy                RollingUpdate | OnDelete for these kinds (Recreate is a Deployment's)
//   partition               StatefulSet rollingUpdate.partition (0)
//   pod_management_policy   StatefulSet OrderedReady (default) | Parallel
//   max_unavailable         StatefulSet: unset = 1 (used from Kubernetes 1.35); DaemonSet: 1
//   max_surge               DaemonSet: 0 (a StatefulSet has none)
//   volume_zone             StatefulSet: where each ordinal's volume claims are. Empty: the set
//                           has a volumeClaimTemplate (`data`), and each ordinal's volume is made
//                           in the zone its first pod runs in; `none`: no per-pod volumes; one
//                           zone: every ordinal's claim is there; `a;b;c`: ordinal 0's in a, …
// A DaemonSet ignores `replicas` (it runs one pod on every eligible node). A column that does
// not apply to the row's kind is an error, so a value never silently does nothing.
import { checkDaemonSetSpec, checkStatefulSetSpec, type DaemonSetField, type StatefulSetField } from '../../model/set-specs.js';
import type { DaemonSet, PodManagementPolicy, PodTemplate, SetUpdateStrategy, StatefulSet, WorkloadKind } from '../../model/types.js';
import { parseIntOrPercent, parseNonNegativeInt } from '../cells.js';
import type { CsvTable } from './table.js';
import { JOB_COLUMNS } from './workload-job.js';
import { CLONESET_COLUMNS } from './workload-cloneset.js';

export const KIND_COLUMNS = ['kind', 'partition', 'pod_management_policy', 'volume_zone', ...JOB_COLUMNS, ...CLONESET_COLUMNS];

/** The claim a CSV StatefulSet's volume_zone describes (its volumeClaimTemplate's name). */
export const CSV_CLAIM = 'data';

const KINDS: readonly WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CloneSet'];

export function parseKind(v: string): WorkloadKind {
  if (v === '') return 'Deployment';
  const k = KINDS.find((x) => x.toLowerCase() === v.toLowerCase());
  if (k) return k;
  throw new Error('expected Deployment, StatefulSet, DaemonSet, Job or CloneSet');
}

const ONLY_JOBS = [...JOB_COLUMNS.map((c) => [c, 'only for Jobs'] as const), ...CLONESET_COLUMNS.map((c) => [c, 'only for CloneSets'] as const)];
const NOT_A_JOB = 'a Job runs its pods to completion';

/** Columns given a value on a row whose kind has no such field. */
const NOT_FOR: Readonly<Record<WorkloadKind, readonly (readonly [string, string])[]>> = {
  Deployment: [
    ['partition', 'only for StatefulSets'],
    ['pod_management_policy', 'only for StatefulSets'],
    ['volume_zone', 'only for StatefulSets (a Deployment has no per-pod volumes)'],
    ...ONLY_JOBS,
  ],
  StatefulSet: [
    ['max_surge', 'a StatefulSet has no maxSurge: it replaces pods in place, one at a time (or max_unavailable from Kubernetes 1.35)'],
    ['progress_deadline_seconds', 'a Deployment field: a StatefulSet has no progress deadline'],
    ...ONLY_JOBS,
  ],
  DaemonSet: [
    ['partition', 'only for StatefulSets'],
    ['pod_management_policy', 'only for StatefulSets'],
    ['volume_zone', 'only for StatefulSets'],
    ['progress_deadline_seconds', 'a Deployment field: a DaemonSet has no progress deadline'],
    ...ONLY_JOBS,
  ],
  CloneSet: [
    ['pod_management_policy', 'only for StatefulSets (a CloneSet creates and updates its pods in parallel, within max_unavailable)'],
    ['volume_zone', 'only for StatefulSets'],
    ['progress_deadline_seconds', 'a Deployment field: Headroom does not model a CloneSet\'s progressDeadlineSeconds'],
    ...JOB_COLUMNS.map((c) => [c, 'only for Jobs'] as const),
  ],
  Job: [
    ['in_place_grace_seconds', 'only for CloneSets'],
    ['replicas', 'a Job has no replicas: it runs `parallelism` pods at a time until `completions` of them succeed (leave replicas empty, set parallelism)'],
    ['strategy', `${NOT_A_JOB}: it has no update strategy (its pod template cannot change)`],
    ['max_surge', `${NOT_A_JOB}: it has no rolling update`],
    ['max_unavailable', `${NOT_A_JOB}: it has no rolling update`],
    ['min_ready_seconds', `${NOT_A_JOB}: it has no minReadySeconds`],
    ['progress_deadline_seconds', 'a Deployment field: a Job has active_deadline_seconds'],
    ['partition', 'only for StatefulSets'],
    ['pod_management_policy', 'only for StatefulSets'],
    ['volume_zone', 'only for StatefulSets'],
  ],
};

export function checkKindColumns(t: CsvTable, i: number, kind: WorkloadKind): void {
  for (const [column, why] of NOT_FOR[kind]) {
    const v = t.cell(i, column);
    if (v !== '') throw t.cellError(i, column, v, `not a ${kind} field: ${why}`);
  }
}

function parseSetStrategy(v: string): SetUpdateStrategy {
  const s = v.toLowerCase();
  if (s === 'rollingupdate') return 'RollingUpdate';
  if (s === 'ondelete') return 'OnDelete';
  if (s === 'recreate') throw new Error('Recreate is a Deployment strategy: expected RollingUpdate or OnDelete');
  throw new Error('expected RollingUpdate or OnDelete');
}

function parsePolicy(v: string): PodManagementPolicy {
  const s = v.toLowerCase();
  if (s === 'orderedready') return 'OrderedReady';
  if (s === 'parallel') return 'Parallel';
  throw new Error('expected OrderedReady or Parallel');
}

const STATEFULSET_COLUMNS: Partial<Record<StatefulSetField, string>> = {
  replicas: 'replicas',
  podManagementPolicy: 'pod_management_policy',
  updateStrategy: 'strategy',
  partition: 'partition',
  maxUnavailable: 'max_unavailable',
  minReadySeconds: 'min_ready_seconds',
  restartPolicy: 'restart_policy',
};

const DAEMONSET_COLUMNS: Record<DaemonSetField, string> = {
  updateStrategy: 'strategy',
  maxUnavailable: 'max_unavailable',
  maxSurge: 'max_surge',
  minReadySeconds: 'min_ready_seconds',
  restartPolicy: 'restart_policy',
};

export function readStatefulSet(t: CsvTable, i: number, namespace: string, name: string, template: PodTemplate): StatefulSet {
  const opt = <T>(column: string, parse: (v: string) => T): T | undefined => t.read(i, column, (v) => (v === '' ? undefined : parse(v)));
  const check = checkStatefulSetSpec({
    replicas: t.read(i, 'replicas', (v) => {
      if (v === '') throw new Error('required');
      return parseNonNegativeInt(v);
    }),
    podManagementPolicy: opt('pod_management_policy', parsePolicy),
    updateStrategy: opt('strategy', parseSetStrategy),
    partition: opt('partition', parseNonNegativeInt),
    maxUnavailable: opt('max_unavailable', parseIntOrPercent),
    minReadySeconds: opt('min_ready_seconds', parseNonNegativeInt),
    restartPolicy: template.restartPolicy,
  });
  if (!check.ok) {
    const column = STATEFULSET_COLUMNS[check.problem.field] ?? check.problem.field;
    throw t.cellError(i, column, t.cell(i, column), check.problem.detail);
  }
  const spec = check.spec;
  const { volumeClaims, claimZones } = t.read(i, 'volume_zone', (v) => parseVolumeZone(v, spec.ordinalsStart, spec.replicas));
  return { namespace, name, ...spec, revisionHistoryLimit: 10, volumeClaims, claimZones, template };
}

/** volume_zone (see the header): the claims and the zones of those that exist, by ordinal. */
export function parseVolumeZone(v: string, start: number, replicas: number): Pick<StatefulSet, 'volumeClaims' | 'claimZones'> {
  if (v === '') return { volumeClaims: [CSV_CLAIM], claimZones: {} };
  if (v.toLowerCase() === 'none') return { volumeClaims: [], claimZones: {} };
  const zones = v.split(';').map((z) => z.trim());
  if (zones.some((z) => z === '')) throw new Error('expected a zone, zones separated by ";" (one per ordinal), or none');
  const claimZones: Record<number, string> = {};
  if (zones.length === 1) for (let o = start; o < start + replicas; o++) claimZones[o] = zones[0];
  else zones.forEach((z, k) => (claimZones[start + k] = z));
  return { volumeClaims: [CSV_CLAIM], claimZones };
}

export function readDaemonSet(t: CsvTable, i: number, namespace: string, name: string, template: PodTemplate): DaemonSet {
  const opt = <T>(column: string, parse: (v: string) => T): T | undefined => t.read(i, column, (v) => (v === '' ? undefined : parse(v)));
  const check = checkDaemonSetSpec(
    {
      updateStrategy: opt('strategy', parseSetStrategy),
      maxUnavailable: opt('max_unavailable', parseIntOrPercent),
      maxSurge: opt('max_surge', parseIntOrPercent),
      minReadySeconds: opt('min_ready_seconds', parseNonNegativeInt),
      restartPolicy: template.restartPolicy,
    },
    (f) => DAEMONSET_COLUMNS[f],
  );
  if (!check.ok) {
    const column = DAEMONSET_COLUMNS[check.problem.field];
    throw t.cellError(i, column, t.cell(i, column), check.problem.detail);
  }
  return { namespace, name, ...check.spec, revisionHistoryLimit: 10, template };
}
