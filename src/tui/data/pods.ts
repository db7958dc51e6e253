// The pods of a workload as `kubectl get pods -o wide` would list them at an instant, from the
// run's pod-status timeline (pure).
import { humanDuration } from '../../model/print-pod.js';
import type { PodStatusRow, SimResult } from '../../sim/result.js';

export interface PodLine {
  readonly name: string;
  readonly ready: string;
  readonly status: string;
  /** As kubectl prints it: "3 (2m ago)". */
  readonly restarts: string;
  readonly age: string;
  readonly node: string;
  readonly readinessGates: string;
}

/** The workload's pods that exist at `t` (created, not yet gone), in creation order; null when the run recorded none. */
export function podsAt(r: SimResult, workloadKey: string, t: number): PodLine[] | null {
  const tl = r.pods;
  if (!tl) return null;
  const last = new Map<number, PodStatusRow>();
  for (const row of tl.rows) {
    if (row.time > t) break;
    if (tl.pods[row.pod].workloadKey === workloadKey) last.set(row.pod, row);
  }
  const out: PodLine[] = [];
  for (const [i, row] of [...last].sort((a, b) => a[0] - b[0])) {
    if (row.removed) continue;
    const p = tl.pods[i];
    out.push({
      name: p.name,
      ready: row.ready,
      status: row.status,
      restarts: row.restarts !== 0 && row.lastRestartAt >= 0 ? `${row.restarts} (${humanDuration(t - row.lastRestartAt)} ago)` : String(row.restarts),
      age: humanDuration(t - p.createdAt),
      node: row.node || '<none>',
      readinessGates: row.readinessGates,
    });
  }
  return out;
}
