// pod-status.csv (contract "Reports"): what `kubectl get pods -o wide` would show, over time —
// one row per pod when it is created, at every change of its row, and at the end. STATUS,
// READY and RESTARTS are printPod's (src/model/print-pod.ts). Pure.
import type { SimResult } from '../sim/result.js';
import type { Table } from './tables.js';

export const POD_STATUS_HEADER = [
  'time_s', 'namespace', 'pod', 'workload', 'node', 'phase', 'status', 'ready', 'restarts', 'conditions',
  // ours: -o wide's READINESS GATES, an in-place resize in flight, and `true` on the row where the pod left the API.
  'readiness_gates', 'resize', 'removed',
] as const;

/** The table, or null when the run did not record pod rows (over 20,000 pods without --pod-status). */
export function podStatusTable(r: SimResult): Table | null {
  const tl = r.pods;
  if (!tl) return null;
  const pods = tl.pods;
  return {
    header: POD_STATUS_HEADER,
    rows: tl.rows.map((row) => {
      const p = pods[row.pod];
      return [row.time / 1000, p.namespace, p.name, p.workload, row.node, row.phase, row.status, row.ready, row.restarts, row.conditions, row.readinessGates, row.resize, row.removed ? 'true' : ''];
    }),
  };
}
