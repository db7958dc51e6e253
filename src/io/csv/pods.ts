// pods.csv → InventoryPod[]: the current placement. `namespace,workload,name,node` required
// (`workload` is the Deployment's name in that namespace; an empty node = not yet scheduled);
// optional memory_usage (a quantity: this pod's working set now), phase and ready.
import type { InventoryPod, PodPhase } from '../../model/types.js';
import { readTextFile } from '../read-file.js';
import { memoryQuantity, parseBool } from '../cells.js';
import { requiredName } from './nodes.js';
import { readCsv } from './table.js';
import { LIMITS, overLimit } from '../../model/limits.js';

export const POD_COLUMNS = {
  required: ['namespace', 'workload', 'name', 'node'],
  optional: ['memory_usage', 'phase', 'ready'],
} as const;

const PHASES: readonly PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/** What pods may refer to. */
export interface PodRefs {
  readonly nodes: ReadonlySet<string>;
  /** `namespace/name` of every Deployment. */
  readonly workloads: ReadonlySet<string>;
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
    const workloadName = t.read(i, 'workload', requiredName);
    const name = t.read(i, 'name', requiredName);
    const key = `${namespace}/${name}`;
    const prev = rowOf.get(key);
    if (prev !== undefined) throw t.cellError(i, 'name', name, `duplicate pod "${key}" (first on line ${t.lineOf(prev)})`);
    rowOf.set(key, i);
    const workload = `${namespace}/${workloadName}`;
    if (!refs.workloads.has(workload)) throw t.cellError(i, 'workload', workloadName, `no workload "${workload}" in the inventory`);
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
    pods.push({ namespace, name, workload, ownerKind: 'ReplicaSet', node: node || null, phase, ready, spec: null, memoryUsage });
  }
  return pods;
}

function parsePhase(v: string): PodPhase {
  const p = PHASES.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!p) throw new Error(`unknown phase (expected ${PHASES.join(', ')})`);
  return p;
}
