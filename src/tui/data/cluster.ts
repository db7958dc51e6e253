// Cluster figures for the header and the cursor pane (pure).
import { summarizeInventory } from '../../io/inventory-summary.js';
import type { Scenario } from '../../model/scenario.js';
import type { SimResult } from '../../sim/result.js';
import { sampleAt } from './series.js';

/** What the header says about the cluster before anything runs. */
export interface ClusterSize {
  readonly nodes: number;
  readonly zones: number;
  readonly workloads: number;
  /** Pods at t=0: those in the inventory plus the replicas the scheduler will place. */
  readonly pods: number;
  /** Millicores and bytes. */
  readonly cpuAllocatable: number;
  readonly cpuRequested: number;
  readonly memoryAllocatable: number;
  readonly memoryRequested: number;
}

export function clusterSize(s: Scenario): ClusterSize {
  const inv = summarizeInventory(s.inventory);
  const tbs = inv.to_be_scheduled;
  const bound = inv.pods.running + inv.pods.pending + inv.pods.unknown;
  return {
    nodes: inv.nodes,
    zones: Object.keys(inv.zones).length,
    workloads: inv.workloads,
    pods: bound + tbs.pods,
    cpuAllocatable: Math.round(inv.totals.cpu_allocatable * 1000),
    cpuRequested: Math.round((inv.totals.cpu_requested + tbs.cpu_requested) * 1000),
    memoryAllocatable: inv.totals.memory_allocatable,
    memoryRequested: inv.totals.memory_requested + tbs.memory_requested,
  };
}

/** One zone's capacity at an instant, summed over its nodes' samples. */
export interface ZoneState {
  readonly zone: string;
  readonly nodes: number;
  /** Nodes whose conditions say they are not Ready (Ready=False/Unknown). */
  readonly notReady: number;
  /** Nodes cordoned or carrying a NoSchedule/NoExecute taint other than their own from the start. */
  readonly tainted: number;
  readonly pods: number;
  readonly cpuRequested: number;
  readonly cpuAllocatable: number;
  readonly memoryRequested: number;
  readonly memoryAllocatable: number;
  readonly memoryWorkingSet: number;
  readonly memoryPressure: number;
}

/** Per-zone capacity at `t`, zones in name order. */
export function zonesAt(r: SimResult, t: number): ZoneState[] {
  const byZone = new Map<string, { -readonly [K in keyof ZoneState]: ZoneState[K] }>();
  for (const n of r.nodes) {
    const z =
      byZone.get(n.zone) ??
      byZone
        .set(n.zone, {
          zone: n.zone,
          nodes: 0,
          notReady: 0,
          tainted: 0,
          pods: 0,
          cpuRequested: 0,
          cpuAllocatable: 0,
          memoryRequested: 0,
          memoryAllocatable: 0,
          memoryWorkingSet: 0,
          memoryPressure: 0,
        })
        .get(n.zone)!;
    z.nodes++;
    z.cpuAllocatable += n.allocatableCpu;
    z.memoryAllocatable += n.allocatableMemory;
    const s = sampleAt(n.samples, t);
    const first = n.samples[0];
    if (!s) continue;
    z.pods += s.pods;
    z.cpuRequested += s.cpuRequested;
    z.memoryRequested += s.memoryRequested;
    z.memoryWorkingSet += s.memoryWorkingSet;
    if (/Ready=(False|Unknown)/.test(s.conditions)) z.notReady++;
    if (s.conditions.includes('MemoryPressure')) z.memoryPressure++;
    if (s.taints !== (first?.taints ?? '') || s.conditions.includes('SchedulingDisabled')) z.tainted++;
  }
  return [...byZone.values()].sort((a, b) => (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0));
}

/** One node at an instant, for the nodes view. */
export interface NodeRow {
  readonly name: string;
  readonly zone: string;
  /** "Ready", or its conditions ("Ready=Unknown;SchedulingDisabled"). */
  readonly status: string;
  readonly taints: string;
  readonly pods: number;
  readonly cpuRequested: number;
  readonly cpuAllocatable: number;
  readonly memoryRequested: number;
  readonly memoryAllocatable: number;
  readonly memoryWorkingSet: number;
  readonly memoryAvailable: number;
  /** Whether its conditions or taints differ from how it started. */
  readonly changed: boolean;
}

/** Every node at `t`, in zone then name order. */
export function nodesAt(r: SimResult, t: number): NodeRow[] {
  const out: NodeRow[] = [];
  for (const n of r.nodes) {
    const s = sampleAt(n.samples, t);
    const first = n.samples[0];
    out.push({
      name: n.name,
      zone: n.zone,
      status: s?.conditions || 'Ready',
      taints: s?.taints ?? '',
      pods: s?.pods ?? 0,
      cpuRequested: s?.cpuRequested ?? 0,
      cpuAllocatable: n.allocatableCpu,
      memoryRequested: s?.memoryRequested ?? 0,
      memoryAllocatable: n.allocatableMemory,
      memoryWorkingSet: s?.memoryWorkingSet ?? 0,
      memoryAvailable: s?.memoryAvailable ?? n.memoryCapacity,
      changed: !!s && !!first && (s.conditions !== first.conditions || s.taints !== first.taints),
    });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(a.zone, b.zone) || cmp(a.name, b.name));
}

/** Whether a node row matches a `/` filter (name, zone, status or taints, any case). */
export const nodeMatches = (n: NodeRow, text: string): boolean =>
  !text || `${n.name} ${n.zone} ${n.status} ${n.taints}`.toLowerCase().includes(text.toLowerCase());
