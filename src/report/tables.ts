// The report tables as data: header + rows of numbers and strings, in the contract's columns
// (then our extra ones). Pure; csv.ts turns them into bytes.
import type { SimResult } from '../sim/result.js';
import { headroomOf } from './series.js';
import { type SummaryRow, summarize, workloadColumn } from './summary.js';

export type Cell = string | number | null;

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

const sec = (ms: number): number => ms / 1000;
const cores = (milli: number): number => milli / 1000;

/**
 * Merges per-owner sample lists (each in time order, one sample per owner per instant) into
 * rows ordered by time, then owner order. Sorting one typed array of time·2^20 + owner keys
 * (exact below 2^53: any simulated time under ~99 days; longer runs sort plainly)
 * instead of row objects keeps 200,000-row tables cheap.
 */
export function byTimeThenOwner<S extends { readonly time: number }, R>(lists: readonly (readonly S[])[], row: (owner: number, s: S) => R): R[] {
  let total = 0;
  for (const l of lists) total += l.length;
  const keys = new Float64Array(total);
  const OWNER = 2 ** 20;
  if (lists.length > OWNER) throw new Error(`more than ${OWNER} owners`);
  let k = 0;
  let maxTime = 0;
  lists.forEach((l, owner) => {
    for (const s of l) {
      keys[k++] = s.time * OWNER + owner;
      if (s.time > maxTime) maxTime = s.time;
    }
  });
  if (maxTime * OWNER + OWNER > Number.MAX_SAFE_INTEGER) {
    // Runs longer than ~99 days of simulated time would lose key precision: sort plainly.
    const all: { owner: number; s: S }[] = [];
    lists.forEach((l, owner) => l.forEach((s) => all.push({ owner, s })));
    all.sort((a, b) => a.s.time - b.s.time || a.owner - b.owner);
    return all.map((x) => row(x.owner, x.s));
  }
  keys.sort();
  const cursor = new Int32Array(lists.length);
  const out: R[] = new Array(total);
  for (let i = 0; i < total; i++) {
    const owner = keys[i] % OWNER;
    out[i] = row(owner, lists[owner][cursor[owner]++]);
  }
  return out;
}

export function timelineTable(r: SimResult): Table {
  const ws = r.workloads;
  return {
    // A Job's status.succeeded and status.failed after `kind` (empty for other kinds).
    header: ['time_s', 'namespace', 'workload', 'desired', 'replicas', 'updated', 'ready', 'available', 'unavailable', 'pending', 'terminating', 'pdb_desired_healthy', 'pdb_current_healthy', 'kind', 'succeeded', 'failed'],
    rows: byTimeThenOwner(
      ws.map((w) => w.samples),
      (i, s) => {
        const w = ws[i];
        return [sec(s.time), w.namespace, workloadColumn(w), s.desired, s.replicas, s.updated, s.ready, s.available, s.unavailable, s.pending, s.terminating, s.pdbDesired, s.pdbHealthy, w.kind, s.succeeded ?? null, s.failed ?? null];
      },
    ),
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
    // The contract's columns, then ours.
    header: [
      'namespace', 'workload', 'desired', 'lowest_available', 'availability_pct', 'seconds_below_desired', 'seconds_below_pdb', 'rollout_seconds',
      'evictions', 'oom_kills', 'max_pending', 'pdb_min_healthy', 'cause', 'kind', 'rollout_status', 'restarts',
      // A Job's (empty for other kinds): its pods succeeded and failed by the end, when it
      // completed (-1: it did not, within the run), and its final condition.
      'succeeded', 'failed', 'completed_seconds', 'job_condition',
    ],
    rows: summarize(r).map((s) => [
      s.namespace, s.workload, s.desired, s.lowestAvailable, s.availabilityPct, s.secondsBelowDesired, s.secondsBelowPdb,
      s.rolloutSeconds, s.evictions, s.oomKills, s.maxPending, s.pdbMinHealthy, s.cause, s.kind, s.rolloutStatus, s.restarts,
      ...jobCells(s),
    ]),
  };
}

/**
 * succeeded, failed, completed_seconds, job_condition: `Complete`, `Failed: BackoffLimitExceeded`,
 * the interim `SuccessCriteriaMet` / `FailureTarget: …` while terminating pods hold the final
 * one back, '' while it runs.
 */
function jobCells(s: SummaryRow): Cell[] {
  const j = s.job;
  if (!j) return [null, null, null, null];
  const completed = j.condition === 'Complete' && j.conditionSeconds !== null ? j.conditionSeconds : -1;
  const condition =
    j.condition === 'Failed' ? `Failed: ${j.reason}` : j.condition ?? (j.interim === 'FailureTarget' ? `FailureTarget: ${j.reason}` : (j.interim ?? ''));
  return [j.succeeded, j.failed, completed, condition];
}

export function nodesTable(r: SimResult): Table {
  const nodes = r.nodes;
  const rows = byTimeThenOwner(
    nodes.map((n) => n.samples),
    (i, s): Cell[] => {
      const n = nodes[i];
      return [
        sec(s.time), n.name, n.zone, cores(s.cpuRequested), cores(n.allocatableCpu), s.memoryRequested, n.allocatableMemory,
        s.memoryWorkingSet, s.memoryAvailable, s.pods, s.conditions, s.taints, headroomOf(n, s.memoryAvailable),
      ];
    },
  );
  return {
    // memory_until_eviction: bytes of working set the node can still add before its kubelet
    // evicts (memory.available or allocatableMemory.available reaching the hard threshold,
    // whichever comes first); negative once past it.
    header: ['time_s', 'node', 'zone', 'cpu_requested', 'cpu_allocatable', 'memory_requested', 'memory_allocatable', 'memory_working_set', 'memory_available', 'pods', 'conditions', 'taints', 'memory_until_eviction'],
    rows,
  };
}

/** summary.csv's rows as objects keyed by its columns (for `-o json`): the same cells, typed. */
export function summaryRecords(r: SimResult): Record<string, Cell>[] {
  const t = summaryTable(r);
  return t.rows.map((row) => Object.fromEntries(t.header.map((h, i) => [h, row[i]])));
}
