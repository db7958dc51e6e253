// pods.csv → InventoryPod[]: the current placement. `namespace,workload,name,node` required
// (`workload` is the workload's name in that namespace, or `kind/name` — `statefulset/db` — when
// workloads of different kinds share it; an empty node = not yet scheduled); optional
// memory_usage (a quantity: this pod's working set now), phase, ready, and volume_zone (a
// StatefulSet pod's claim zone). A StatefulSet's pods are named `<set>-<ordinal>`.
import type { InventoryPod, PodPhase, WorkloadKind } from '../../model/types.js';
import { kindPrefix, parentNameAndOrdinal } from '../../model/workloads.js';
import { readTextFile } from '../read-file.js';
import { memoryQuantity, parseBool } from '../cells.js';
import { requiredName } from './nodes.js';
import { readCsv } from './table.js';
import { LIMITS, overLimit } from '../../model/limits.js';

export const POD_COLUMNS = {
  required: ['namespace', 'workload', 'name', 'node'],
  optional: ['memory_usage', 'phase', 'ready', 'volume_zone'],
} as const;

const PHASES: readonly PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/** What pods may refer to. */
export interface PodRefs {
  readonly nodes: ReadonlySet<string>;
  /** `namespace/name` of every Deployment. */
  readonly workloads: ReadonlySet<string>;
  /** `namespace/name` of every StatefulSet and DaemonSet. */
  readonly statefulSets?: ReadonlySet<string>;
  readonly daemonSets?: ReadonlySet<string>;
  /** `namespace/name` of every Job. */
  readonly jobs?: ReadonlySet<string>;
  /** `namespace/name` of every CloneSet. */
  readonly cloneSets?: ReadonlySet<string>;
}

/** The kinds a `workload` cell can name, with the set of `namespace/name` each has. */
function kindsOf(refs: PodRefs): [WorkloadKind, ReadonlySet<string>][] {
  return [
    ['Deployment', refs.workloads],
    ['StatefulSet', refs.statefulSets ?? new Set()],
    ['DaemonSet', refs.daemonSets ?? new Set()],
    ['Job', refs.jobs ?? new Set()],
    ['CloneSet', refs.cloneSets ?? new Set()],
  ];
}

export async function loadPodsCsv(file: string, refs: PodRefs): Promise<InventoryPod[]> {
  return parsePodsCsv(await readTextFile(file), file, refs);
}

export function parsePodsCsv(text: string, file: string, refs: PodRefs): InventoryPod[] {
  const t = readCsv(text, file, POD_COLUMNS, { max: LIMITS.pods, describe: (n) => overLimit(n, 'pods') });
  const pods: InventoryPod[] = [];
  const rowOf = new Map<string, number>();
  for (let i = 0; i < t.rows.length; i++) {
    if (t.isBlank(i)) continue;
    const namespace = t.read(i, 'namespace', requiredName);
    // `name`, or `kind/name` (the kind checked when the workload is resolved).
    const workloadName = t.read(i, 'workload', (v) => {
      const slash = v.indexOf('/');
      return slash > 0 ? `${v.slice(0, slash)}/${requiredName(v.slice(slash + 1))}` : requiredName(v);
    });
    const name = t.read(i, 'name', requiredName);
    const key = `${namespace}/${name}`;
    const prev = rowOf.get(key);
    if (prev !== undefined) throw t.cellError(i, 'name', name, `duplicate pod "${key}" (first on line ${t.lineOf(prev)})`);
    rowOf.set(key, i);
    const { kind, workload } = resolveWorkload(refs, namespace, workloadName, (detail) => t.cellError(i, 'workload', workloadName, detail));
    const node = t.cell(i, 'node');
    if (node !== '' && !refs.nodes.has(node)) throw t.cellError(i, 'node', node, 'no such node in the inventory');
    const phase = t.read(i, 'phase', (v) => (v === '' ? (node ? 'Running' : 'Pending') : parsePhase(v)));
    if (node === '' && phase !== 'Pending') throw t.cellError(i, 'phase', phase, 'a pod without a node can only be Pending');
    const ready = t.read(i, 'ready', (v) => (v === '' ? phase === 'Running' : parseBool(v)));
    if (ready && phase !== 'Running') throw t.cellError(i, 'ready', t.cell(i, 'ready'), `a ${phase} pod cannot be ready`);
    const memoryUsage = t.read(i, 'memory_usage', (v) => {
      if (v === '') return null;
      try {
        return memoryQuantity(v);
      } catch (e) {
        if (/request|limit|[*/+()\s]/.test(v)) {
          throw new Error('per-pod memory_usage must be a quantity like 900Mi (expressions belong in workloads.csv)');
        }
        throw e;
      }
    });
    if (kind === 'StatefulSet' && parentNameAndOrdinal(name).parent !== workload.slice(namespace.length + 1)) {
      throw t.cellError(i, 'name', name, `a StatefulSet's pods are named ${workload.slice(namespace.length + 1)}-<ordinal>`);
    }
    if (kind === 'DaemonSet' && node === '') throw t.cellError(i, 'node', node, 'a DaemonSet pod belongs to a node: give it');
    // An Indexed Job's pods are named <job>-<index>-xxxxx (podGenerateNameWithIndex).
    const indexed = kind === 'Job' ? new RegExp(`^${escape(workload.slice(namespace.length + 1))}-(\\d+)-`).exec(name) : null;
    const volumeZone = t.cell(i, 'volume_zone');
    if (volumeZone !== '' && kind !== 'StatefulSet') throw t.cellError(i, 'volume_zone', volumeZone, 'only for StatefulSet pods (their claim\'s zone)');
    pods.push({
      namespace,
      name,
      workload,
      ownerKind: kind === 'Deployment' ? 'ReplicaSet' : kind,
      ...(kind === 'Deployment' ? {} : { workloadKind: kind }),
      ...(volumeZone ? { volumeZone } : {}),
      ...(indexed ? { completionIndex: Number(indexed[1]) } : {}),
      node: node || null,
      phase,
      ready,
      spec: null,
      memoryUsage,
    });
  }
  return pods;
}

/** A `workload` cell: `name`, or `kind/name` when names clash (or to be explicit). */
function resolveWorkload(refs: PodRefs, namespace: string, cell: string, fail: (detail: string) => Error): { kind: WorkloadKind; workload: string } {
  const slash = cell.indexOf('/');
  const prefix = slash > 0 ? cell.slice(0, slash).toLowerCase() : '';
  const kinds = kindsOf(refs);
  const named = kinds.filter(([k]) => kindPrefix(k) === prefix);
  const name = named.length ? cell.slice(slash + 1) : cell;
  const key = `${namespace}/${name}`;
  const found = (named.length ? named : kinds).filter(([, set]) => set.has(key)).map(([k]) => k);
  if (found.length === 1) return { kind: found[0], workload: key };
  if (found.length > 1) throw fail(`"${key}" names ${found.map((k) => `a ${k}`).join(' and ')}: write ${found.map((k) => `${kindPrefix(k)}/${name}`).join(' or ')}`);
  throw fail(`no workload "${key}" in the inventory`);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function parsePhase(v: string): PodPhase {
  const p = PHASES.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!p) throw new Error(`unknown phase (expected ${PHASES.join(', ')})`);
  return p;
}
