// A Job of the inventory as the simulation holds it: the spec, and the status a dump had (a Job
// taken mid-run goes on from its counts and its start time; one that had finished does nothing).
import type { Inventory, InventoryPod, Job } from '../model/types.js';
import { formatIntervals, withOrderedIndexes } from './controllers/job/indexes.js';
import type { ClusterState } from './state/cluster-state.js';
import { type JobCondition, NEW_JOB_STATUS, SimJob } from './state/job.js';

/**
 * The Job; without a status from a dump (workloads.csv), the pods.csv pods of it that have
 * finished count as its succeeded and failed pods already.
 */
export function jobFromInventory(c: ClusterState, spec: Job, inv: Pick<Inventory, 'pods' | 'snapshotTime'>): SimJob {
  const pods: readonly InventoryPod[] = inv.pods;
  const j = new SimJob(c.workloads.length, spec.namespace, spec.name, spec, c.nextRevisionSeq());
  const key = `${spec.namespace}/${spec.name}`;
  const own = pods.filter((p) => p.workloadKind === 'Job' && p.workload === key);
  const s = spec.status ?? {
    succeeded: own.filter((p) => p.phase === 'Succeeded').length,
    failed: own.filter((p) => p.phase === 'Failed').length,
    completedIndexes: own.flatMap((p) => (p.phase === 'Succeeded' && p.completionIndex !== undefined && p.completionIndex < (spec.completions ?? 0) ? [p.completionIndex] : [])),
    startTime: null,
    finished: null,
  };
  // A dump's start time counts from its snapshot (t=0); pods.csv's running pods: started at t=0.
  const snapshot = inv.snapshotTime;
  const started = spec.status ? (s.startTime === null ? null : snapshot !== undefined ? Math.min(0, s.startTime - snapshot) : 0) : own.length > 0 ? 0 : null;
  if (!spec.status && own.length === 0) return j;
  const conditions: JobCondition[] = s.finished ? [{ type: s.finished.type, reason: s.finished.reason, message: '', at: 0 }] : [];
  const indexes = withOrderedIndexes([], [...new Set(s.completedIndexes)].sort((a, b) => a - b));
  j.status = {
    ...NEW_JOB_STATUS,
    startTime: started,
    succeeded: spec.completionMode === 'Indexed' ? indexes.reduce((n, iv) => n + iv.last - iv.first + 1, 0) : s.succeeded,
    failed: s.failed,
    completedIndexes: spec.completionMode === 'Indexed' ? formatIntervals(indexes) : '',
    conditions,
    completionTime: s.finished?.type === 'Complete' ? 0 : null,
  };
  return j;
}
