// The report tables as data: header + rows of numbers and strings, in the contract's columns
// (then our extra ones). Pure; csv.ts turns them into bytes.
import type { SimResult } from '../sim/result.js';
import { headroomOf } from './series.js';
import { summarize } from './summary.js';

export type Cell = string | number | null;

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

const sec = (ms: number): number => ms / 1000;
const cores = (milli: number): number => milli / 1000;

export function timelineTable(r: SimResult): Table {
  const rows: { t: number; i: number; row: Cell[] }[] = [];
  for (const w of r.workloads) {
    for (const s of w.samples) {
      rows.push({
        t: s.time,
        i: w.index,
        row: [sec(s.time), w.namespace, w.name, s.desired, s.replicas, s.updated, s.ready, s.available, s.unavailable, s.pending, s.terminating, s.pdbDesired, s.pdbHealthy],
      });
    }
  }
  rows.sort((a, b) => a.t - b.t || a.i - b.i);
  return {
    header: ['time_s', 'namespace', 'workload', 'desired', 'replicas', 'updated', 'ready', 'available', 'unavailable', 'pending', 'terminating', 'pdb_desired_healthy', 'pdb_current_healthy'],
    rows: rows.map((x) => x.row),
  };
}

export function eventsTable(r: SimResult): Table {
  return {
    header: ['time_s', 'type', 'reason', 'object', 'node', 'workload', 'qos', 'message'],
    rows: r.events.map((e) => [sec(e.time), e.type, e.reason, e.object, e.node, e.workload, e.qos, e.message]),
  };
}

export function summaryTable(r: SimResult): Table {
  return {
    header: ['namespace', 'workload', 'desired', 'min_available', 'availability_pct', 'seconds_below_desired', 'seconds_below_pdb', 'rollout_seconds', 'evictions', 'oom_kills', 'max_pending', 'rollout_status', 'restarts'],
    rows: summarize(r).map((s) => [
      s.namespace, s.workload, s.desired, s.minAvailable, s.availabilityPct, s.secondsBelowDesired, s.secondsBelowPdb,
      s.rolloutSeconds, s.evictions, s.oomKills, s.maxPending, s.rolloutStatus, s.restarts,
    ]),
  };
}

export function nodesTable(r: SimResult): Table {
  const rows: { t: number; i: number; row: Cell[] }[] = [];
  r.nodes.forEach((n, i) => {
    for (const s of n.samples) {
      rows.push({
        t: s.time,
        i,
        row: [
          sec(s.time), n.name, n.zone, cores(s.cpuRequested), cores(n.allocatableCpu), s.memoryRequested, n.allocatableMemory,
          s.memoryWorkingSet, s.memoryAvailable, s.pods, s.conditions, s.taints, headroomOf(n, s.memoryAvailable),
        ],
      });
    }
  });
  rows.sort((a, b) => a.t - b.t || a.i - b.i);
  return {
    // memory_until_eviction: bytes of working set the node can still add before its kubelet
    // evicts (memory.available or allocatableMemory.available reaching the hard threshold,
    // whichever comes first); negative once past it.
    header: ['time_s', 'node', 'zone', 'cpu_requested', 'cpu_allocatable', 'memory_requested', 'memory_allocatable', 'memory_working_set', 'memory_available', 'pods', 'conditions', 'taints', 'memory_until_eviction'],
    rows: rows.map((x) => x.row),
  };
}
