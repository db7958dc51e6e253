// FitError.Error() (pkg/scheduler/framework/types.go): "0/N nodes are available: <count>
// <reason>, ... (sorted)." Each node counts under the reasons of the first filter that rejects
// it, in the default plugin order; NodeResourcesFit reports every insufficient resource (and
// "Too many pods").
import { tolerationsTolerateTaint } from '../../../model/taints.js';
import type { Taint } from '../../../model/types.js';
import { TAINT_UNSCHEDULABLE } from '../../../model/well-known.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import { INSUFFICIENT_CPU, INSUFFICIENT_EPHEMERAL_STORAGE, INSUFFICIENT_MEMORY, INSUFFICIENT_PODS, insufficient } from './plugins.js';
import type { SpreadState } from './topology-spread.js';
import { VOLUME_NODE_CONFLICT, nodeNameFits, volumeZoneFits } from './volume-binding.js';

export const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_UNSCHEDULABLE, value: '', effect: 'NoSchedule' };

/** Nodes that answer the cordon and taint filters alike (a NodeIndex class, or one node). */
export interface NodeGroup {
  readonly sample: SimNode;
  readonly size: number;
  readonly buckets: readonly Iterable<SimNode>[];
}

interface Counters {
  selector: number;
  pods: number;
  cpu: number;
  memory: number;
  volume: number;
  ephemeral: number;
  topology: number;
}

export function fitError(p: SimPod, nodeCount: number, groups: readonly NodeGroup[], spread: SpreadState): string {
  const counts = new Map<string, number>();
  let unschedulable = 0;
  const counters: Counters = { selector: 0, pods: 0, cpu: 0, memory: 0, ephemeral: 0, volume: 0, topology: 0 };
  // Nodes of a group share cordon, taints and zone: their first reasons are decided once.
  group: for (const g of groups) {
    const sample = g.sample;
    if (sample.unschedulable && !tolerationsTolerateTaint(p.tolerations, UNSCHEDULABLE_TAINT)) {
      unschedulable += g.size;
      continue;
    }
    for (const t of sample.taints) {
      if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(p.tolerations, t)) {
        const r = `node(s) had untolerated taint {${t.key}: ${t.value}}`;
        counts.set(r, (counts.get(r) ?? 0) + g.size);
        continue group;
      }
    }
    if (spread.hasFilters && !spread.zoneAllows(sample)) {
      // Zone spreading rules the whole zone out — unless an earlier filter says otherwise.
      for (const bucket of g.buckets) for (const node of bucket) countMisfit(p, node, counters, true);
      continue;
    }
    for (const bucket of g.buckets) for (const node of bucket) countMisfit(p, node, counters, false, spread);
  }
  const { selector, pods, cpu, memory, ephemeral, volume, topology } = counters;
  const fixed: [number, string][] = [
    [unschedulable, 'node(s) were unschedulable'],
    [selector, "node(s) didn't match Pod's node affinity/selector"],
    [pods, 'Too many pods'],
    [cpu, 'Insufficient cpu'],
    [memory, 'Insufficient memory'],
    [ephemeral, 'Insufficient ephemeral-storage'],
    [volume, VOLUME_NODE_CONFLICT],
    [topology, "node(s) didn't match pod topology spread constraints"],
  ];
  for (const [k, r] of fixed) if (k > 0) counts.set(r, k);
  const parts = [...counts].map(([r, k]) => `${k} ${r}`).sort();
  return `0/${nodeCount} nodes are available: ${parts.join(', ')}.`;
}

/** The per-node filters of a FitError after cordon and taints: selector, resources, spreading. */
function countMisfit(p: SimPod, node: SimNode, k: Counters, zoneRejected: boolean, spread?: SpreadState): void {
  const sel = p.spec.nodeSelector;
  for (const key in sel) {
    if (node.labels[key] !== sel[key]) {
      k.selector++;
      return;
    }
  }
  if (!nodeNameFits(p, node)) {
    k.selector++;
    return;
  }
  const misfit = insufficient(node, p);
  if (misfit !== 0) {
    if (misfit & INSUFFICIENT_PODS) k.pods++;
    if (misfit & INSUFFICIENT_CPU) k.cpu++;
    if (misfit & INSUFFICIENT_MEMORY) k.memory++;
    if (misfit & INSUFFICIENT_EPHEMERAL_STORAGE) k.ephemeral++;
  } else if (!volumeZoneFits(p, node)) k.volume++;
  else if (zoneRejected || (spread && spread.hasFilters && !spread.filter(node))) k.topology++;
}
