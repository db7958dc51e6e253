// Time series for the charts, from the change-driven samples of a SimResult (pure):
// per-workload step functions, per-zone sums of node samples, and the node heat-strip grid.
import type { NodeResult, SimResult, WorkloadResult } from '../sim/result.js';
import type { NodeSample } from '../sim/recorder.js';

/** A step function: the value holds from `t` (ms) until the next point. */
export type Step = readonly [t: number, v: number];

type NumericField<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];

/** One field of a workload's samples as a step function. */
export function workloadSteps(w: WorkloadResult, field: NumericField<WorkloadResult['samples'][number]>): Step[] {
  return w.samples.map((s) => [s.time, s[field]] as const);
}

/** The PDB's desiredHealthy as a step function (empty without a PDB). */
export function pdbSteps(w: WorkloadResult): Step[] {
  const out: Step[] = [];
  for (const s of w.samples) if (s.pdbDesired !== null) out.push([s.time, s.pdbDesired]);
  return out;
}

/** Whether the node counts as usable for new pods at this sample (Ready and not cordoned). */
export const usable = (s: NodeSample): boolean => !s.conditions.includes('Ready=') && !s.conditions.includes('SchedulingDisabled');

export interface ZoneCapacity {
  readonly zone: string;
  readonly nodes: number;
  /** cpu in cores, memory in bytes; all step functions over the same times. */
  readonly cpuRequested: Step[];
  readonly cpuAllocatable: number;
  readonly cpuUsable: Step[];
  readonly memoryRequested: Step[];
  readonly memoryAllocatable: number;
  readonly memoryUsable: Step[];
  readonly memoryWorkingSet: Step[];
  /** Σ evictionLevel: the working set at which every node of the group would be at its threshold. */
  readonly memoryEvictionLevel: number;
}

/** Zones sorted by name, each summing its nodes' samples as step functions. */
export function zoneCapacities(r: SimResult): ZoneCapacity[] {
  const byZone = new Map<string, NodeResult[]>();
  for (const n of r.nodes) {
    const list = byZone.get(n.zone);
    if (list) list.push(n);
    else byZone.set(n.zone, [n]);
  }
  return [...byZone.keys()].sort(byText).map((z) => capacityOf(z, byZone.get(z)!));
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The summed capacity series of any group of nodes, labelled `zone`. */
export function capacityOf(zone: string, nodes: readonly NodeResult[]): ZoneCapacity {
  // Every sample of every node, in time order; running sums move by each node's change.
  const changes: { t: number; n: number; s: NodeSample }[] = [];
  nodes.forEach((node, n) => node.samples.forEach((s) => changes.push({ t: s.time, n, s })));
  changes.sort((a, b) => a.t - b.t || a.n - b.n);
  const last: (NodeSample | null)[] = nodes.map(() => null);
  const sum = { cpu: 0, mem: 0, ws: 0, ucpu: 0, umem: 0 };
  const out = { cpuRequested: [] as Step[], cpuUsable: [] as Step[], memoryRequested: [] as Step[], memoryUsable: [] as Step[], memoryWorkingSet: [] as Step[] };
  const contribution = (node: NodeResult, s: NodeSample | null) => ({
    cpu: s ? s.cpuRequested / 1000 : 0,
    mem: s ? s.memoryRequested : 0,
    ws: s ? s.memoryWorkingSet : 0,
    ucpu: s && usable(s) ? node.allocatableCpu / 1000 : 0,
    umem: s && usable(s) ? node.allocatableMemory : 0,
  });
  for (let i = 0; i < changes.length; i++) {
    const { t, n, s } = changes[i];
    const before = contribution(nodes[n], last[n]);
    const after = contribution(nodes[n], s);
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += after[k] - before[k];
    last[n] = s;
    if (i + 1 < changes.length && changes[i + 1].t === t) continue;
    out.cpuRequested.push([t, round6(sum.cpu)]);
    out.cpuUsable.push([t, round6(sum.ucpu)]);
    out.memoryRequested.push([t, sum.mem]);
    out.memoryUsable.push([t, sum.umem]);
    out.memoryWorkingSet.push([t, sum.ws]);
  }
  return {
    zone,
    nodes: nodes.length,
    ...out,
    cpuAllocatable: round6(nodes.reduce((a, n) => a + n.allocatableCpu / 1000, 0)),
    memoryAllocatable: nodes.reduce((a, n) => a + n.allocatableMemory, 0),
    memoryEvictionLevel: nodes.reduce((a, n) => a + evictionLevel(n), 0),
  };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The working set at which the node's kubelet starts evicting. The hard memory.available
 * threshold trips at capacity − threshold; the kubelet copies it to allocatableMemory.available
 * (allocatable + threshold − working set), which trips once the working set passes allocatable.
 * Without a hard threshold the node never evicts: its level is its capacity.
 * Example: 64Gi capacity, 58Gi allocatable, 100Mi threshold → 58Gi.
 */
export function evictionLevel(n: NodeResult): number {
  return n.evictionThreshold > 0 ? Math.min(n.memoryCapacity - n.evictionThreshold, n.allocatableMemory) : n.memoryCapacity;
}

/** Memory left before eviction for a given memory.available (negative: past the threshold). */
export const headroomOf = (n: NodeResult, memoryAvailable: number): number => evictionLevel(n) - (n.memoryCapacity - memoryAvailable);

/** One heat-strip cell: the least memory.available in the bin, and whether the node was down. */
export interface HeatCell {
  readonly minAvailable: number;
  readonly notReady: boolean;
}

export interface HeatRow {
  readonly node: NodeResult;
  readonly cells: HeatCell[];
}

/**
 * Each node's memory.available over `bins` equal time bins: the minimum over the bin (so a
 * short dip below the threshold is never averaged away), counting the value carried into the
 * bin from before it.
 */
export function heatRow(node: NodeResult, durationMs: number, bins: number): HeatRow {
  const cells: HeatCell[] = [];
  const s = node.samples;
  const width = durationMs > 0 ? durationMs / bins : 1;
  let i = 0;
  for (let b = 0; b < bins; b++) {
    const start = b * width;
    const end = (b + 1) * width;
    while (i + 1 < s.length && s[i + 1].time <= start) i++; // the sample in effect at `start`
    let min = Infinity;
    let down = false;
    for (let j = i; j < s.length && (j === i || s[j].time < end); j++) {
      min = Math.min(min, s[j].memoryAvailable);
      down ||= s[j].conditions.includes('Ready=');
    }
    cells.push({ minAvailable: min === Infinity ? node.memoryCapacity : min, notReady: down });
  }
  return { node, cells };
}

/** The least memory a node had left before eviction over the run, as a fraction of its eviction level. */
export function lowestHeadroomFraction(n: NodeResult): number {
  let min = Infinity;
  for (const s of n.samples) min = Math.min(min, s.memoryAvailable);
  const level = evictionLevel(n);
  return min === Infinity || level <= 0 ? 1 : headroomOf(n, min) / level;
}

/**
 * The nodes to draw when there are more than `cap`: the ones that came closest to eviction
 * (ties by name), shown in zone then name order.
 */
export function nodesToShow(nodes: readonly NodeResult[], cap: number): NodeResult[] {
  const chosen =
    nodes.length <= cap
      ? [...nodes]
      : [...nodes].sort((a, b) => lowestHeadroomFraction(a) - lowestHeadroomFraction(b) || byText(a.name, b.name)).slice(0, cap);
  return chosen.sort((a, b) => byText(a.zone, b.zone) || byText(a.name, b.name));
}
