// Time series for the charts, from the change-driven samples of a SimResult (pure):
// per-workload step functions, per-zone sums of node samples, and the node heat-strip grid.
import type { NodeResult, SimResult, WorkloadResult } from '../sim/result.js';
import type { NodeSample } from '../sim/result.js';

/** A step function: the value holds from `t` (ms) until the next point. */
export type Step = readonly [t: number, v: number];

type NumericField<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T];

/** One field of a workload's samples as a step function. */
export function workloadSteps(w: WorkloadResult, field: NumericField<WorkloadResult['samples'][number]>): Step[] {
  return w.samples.map((s) => [s.time, s[field]] as const);
}

/** The sum of two step functions: sumSteps([[0, 1], [5, 2]], [[0, 10], [3, 20]]) = [[0, 11], [3, 21], [5, 22]]. */
export function sumSteps(a: readonly Step[], b: readonly Step[]): Step[] {
  const out: Step[] = [];
  let i = 0;
  let j = 0;
  let va = 0;
  let vb = 0;
  while (i < a.length || j < b.length) {
    const t = Math.min(i < a.length ? a[i][0] : Infinity, j < b.length ? b[j][0] : Infinity);
    while (i < a.length && a[i][0] === t) va = a[i++][1];
    while (j < b.length && b[j][0] === t) vb = b[j++][1];
    out.push([t, va + vb]);
  }
  return out;
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
  // Every sample of every node in (time, node) order; running sums (integer millicores and
  // bytes, so exact) move by each node's change. Each node's samples are in time order, so a
  // cursor per node finds the sample behind each sorted entry.
  const count = nodes.reduce((a, n) => a + n.samples.length, 0);
  const time = new Float64Array(count);
  const owner = new Int32Array(count);
  let k = 0;
  nodes.forEach((node, n) => {
    for (const x of node.samples) {
      time[k] = x.time;
      owner[k++] = n;
    }
  });
  const sorted = sortByTimeThenNode(time, owner, nodes.length);
  const cursor = new Int32Array(nodes.length);
  const last: (NodeSample | null)[] = nodes.map(() => null);
  let cpu = 0, mem = 0, ws = 0, ucpu = 0, umem = 0; // prettier-ignore
  const out = { cpuRequested: [] as Step[], cpuUsable: [] as Step[], memoryRequested: [] as Step[], memoryUsable: [] as Step[], memoryWorkingSet: [] as Step[] };
  for (let i = 0; i < count; i++) {
    const n = sorted.owner[i];
    const node = nodes[n];
    const s = node.samples[cursor[n]++];
    const p = last[n];
    if (p) {
      cpu -= p.cpuRequested;
      mem -= p.memoryRequested;
      ws -= p.memoryWorkingSet;
      if (usable(p)) (ucpu -= node.allocatableCpu), (umem -= node.allocatableMemory);
    }
    cpu += s.cpuRequested;
    mem += s.memoryRequested;
    ws += s.memoryWorkingSet;
    if (usable(s)) (ucpu += node.allocatableCpu), (umem += node.allocatableMemory);
    last[n] = s;
    const t = sorted.time[i];
    if (i + 1 < count && sorted.time[i + 1] === t) continue;
    out.cpuRequested.push([t, cpu / 1000]);
    out.cpuUsable.push([t, ucpu / 1000]);
    out.memoryRequested.push([t, mem]);
    out.memoryUsable.push([t, umem]);
    out.memoryWorkingSet.push([t, ws]);
  }
  return {
    zone,
    nodes: nodes.length,
    ...out,
    cpuAllocatable: nodes.reduce((a, n) => a + n.allocatableCpu, 0) / 1000,
    memoryAllocatable: nodes.reduce((a, n) => a + n.allocatableMemory, 0),
    memoryEvictionLevel: nodes.reduce((a, n) => a + evictionLevel(n), 0),
  };
}

/**
 * The (time, node) pairs sorted by time, then node. SimTimes are integer ms, so one native
 * numeric sort of packed keys time·N + node does it (a comparator sort of a million entries is
 * many times slower); other times fall back to the comparator.
 */
function sortByTimeThenNode(time: Float64Array, owner: Int32Array, n: number): { time: Float64Array; owner: Int32Array } {
  const count = time.length;
  const packable = time.every((t) => Number.isInteger(t) && t >= 0 && (t + 1) * n < Number.MAX_SAFE_INTEGER);
  if (!packable) {
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => time[a] - time[b] || owner[a] - owner[b]);
    return { time: Float64Array.from(order, (i) => time[i]), owner: Int32Array.from(order, (i) => owner[i]) };
  }
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = time[i] * n + owner[i];
  keys.sort();
  const t = new Float64Array(count);
  const o = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    o[i] = keys[i] % n;
    t[i] = (keys[i] - o[i]) / n;
  }
  return { time: t, owner: o };
}

/** Several groups' capacity added up (e.g. all zones), without going over the samples again. */
export function sumCapacities(label: string, zs: readonly ZoneCapacity[]): ZoneCapacity {
  const steps = (f: 'cpuRequested' | 'cpuUsable' | 'memoryRequested' | 'memoryUsable' | 'memoryWorkingSet'): Step[] =>
    zs.reduce<Step[]>((acc, z) => sumSteps(acc, z[f]), []).map(([t, v]) => [t, f.startsWith('cpu') ? round6(v) : v] as const);
  const total = (f: 'nodes' | 'cpuAllocatable' | 'memoryAllocatable' | 'memoryEvictionLevel'): number => zs.reduce((a, z) => a + z[f], 0);
  return {
    zone: label,
    nodes: total('nodes'),
    cpuRequested: steps('cpuRequested'),
    cpuAllocatable: round6(total('cpuAllocatable')),
    cpuUsable: steps('cpuUsable'),
    memoryRequested: steps('memoryRequested'),
    memoryAllocatable: total('memoryAllocatable'),
    memoryUsable: steps('memoryUsable'),
    memoryWorkingSet: steps('memoryWorkingSet'),
    memoryEvictionLevel: total('memoryEvictionLevel'),
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
  readonly leastMemoryAvailable: number;
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
    cells.push({ leastMemoryAvailable: min === Infinity ? node.memoryCapacity : min, notReady: down });
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
  let chosen = [...nodes];
  if (nodes.length > cap) {
    const low = new Map(nodes.map((n) => [n, lowestHeadroomFraction(n)]));
    chosen = chosen.sort((a, b) => low.get(a)! - low.get(b)! || byText(a.name, b.name)).slice(0, cap);
  }
  return chosen.sort((a, b) => byText(a.zone, b.zone) || byText(a.name, b.name));
}
