// Headline figures per workload, from its step-function timeline (pure).
//   availability_pct      time-weighted mean of min(available/desired, 1) over the run, in %
//   seconds_below_desired time with available < desired
//   seconds_below_pdb     time with the PDB's currentHealthy < desiredHealthy
//   rollout_seconds       first rollout start → the Deployment complete again; null (empty
//                         cell) without a rollout, -1 when it did not finish within the run
//   pdb_min_healthy       the healthy pods its PDB requires at the end of the run: the
//                         disruption controller's status.desiredHealthy, as sampled
//   cause                 why it was below desired longest (cause.ts); a Job that failed: its
//                         Failed condition's reason (BackoffLimitExceeded, DeadlineExceeded…)
//   job                   a Job's progress: succeeded / failed pods, completions, and when it
//                         completed or failed (completed_seconds: -1 when it did not complete)
import type { SimEvent } from '../sim/result.js';
import type { SimResult, WorkloadResult } from '../sim/result.js';
import { type BelowDesired, NEVER_BELOW, belowDesired as explainBelowDesired, eventWorkloadKey } from './cause.js';
import { formatDuration } from '../model/duration.js';

export type RolloutStatus = 'none' | 'complete' | 'stalled' | 'in-progress';

export interface SummaryRow {
  readonly namespace: string;
  readonly workload: string;
  /** How it is named: `namespace/name`, or `kind/namespace/name` when names clash (WorkloadResult.key). */
  readonly key: string;
  readonly desired: number;
  /** The fewest available pods at any time of the run (not the PDB's minAvailable). */
  readonly lowestAvailable: number;
  readonly availabilityPct: number;
  readonly secondsBelowDesired: number;
  readonly secondsBelowPdb: number;
  readonly rolloutSeconds: number | null;
  readonly evictions: number;
  readonly oomKills: number;
  readonly maxPending: number;
  readonly rolloutStatus: RolloutStatus;
  /** Container restarts of the workload's pods (OOM kills, failed probes). */
  readonly restarts: number;
  /** The healthy pods its PodDisruptionBudget requires (status.desiredHealthy); null without one. */
  readonly pdbMinHealthy: number | null;
  /** Why it was below desired longest, in Kubernetes' words ('' when never below). */
  readonly cause: string;
  /** The same as one line for people ('' when never below). */
  readonly why: string;
  /** The cause is FailedScheduling, and not for lack of room. */
  readonly notCapacity: boolean;
  /** Time below desired per reason, ms, most first. */
  readonly causes: BelowDesired['byReason'];
  /** Deployment, StatefulSet, DaemonSet or Job. */
  readonly kind: string;
  /** A Job's progress and outcome (null for other kinds). */
  readonly job: JobSummary | null;
}

export interface JobSummary {
  /** null = unset (a work-queue Job: done once a pod succeeded and none runs). */
  readonly completions: number | null;
  readonly succeeded: number;
  readonly failed: number;
  /** Complete, Failed, or null while it runs (or is suspended) at the end. */
  readonly condition: 'Complete' | 'Failed' | null;
  /** The Failed condition's reason and message ('' otherwise). */
  readonly reason: string;
  readonly message: string;
  /** When the condition was set, seconds (null: none). */
  readonly conditionSeconds: number | null;
  /** The outcome decided but not final: Complete / Failed wait for pods still terminating. */
  readonly interim: 'SuccessCriteriaMet' | 'FailureTarget' | null;
  readonly interimSeconds: number | null;
  readonly terminating: number;
}

/** What the cause needs besides the workload: its events and the nodes that went NotReady. */
export interface WorkloadEvents {
  readonly events: readonly SimEvent[];
  readonly nodeNotReady: readonly SimEvent[];
}

const NO_EVENTS: WorkloadEvents = { events: [], nodeNotReady: [] };

/**
 * The `workload` column of the CSVs: its name, or `kind/name` when a workload of another kind
 * shares it (its key is then `kind/namespace/name`), as events.csv names it.
 */
export function workloadColumn(w: Pick<WorkloadResult, 'key' | 'name'>): string {
  const slash = w.key.indexOf('/');
  return w.key.indexOf('/', slash + 1) < 0 ? w.name : `${w.key.slice(0, slash)}/${w.name}`;
}

/** Rounds to 3 decimals so printed figures are stable and short. */
export const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function summarizeWorkload(w: WorkloadResult, durationMs: number, ev: WorkloadEvents = NO_EVENTS): SummaryRow {
  const s = w.samples;
  let weighted = 0;
  let belowDesired = 0;
  let belowPdb = 0;
  let lowest = Infinity;
  let maxPending = 0;
  for (let i = 0; i < s.length; i++) {
    const r = s[i];
    const until = i + 1 < s.length ? s[i + 1].time : durationMs;
    const dt = Math.max(0, until - r.time);
    weighted += (r.desired > 0 ? Math.min(1, r.available / r.desired) : 1) * dt;
    if (r.available < r.desired) belowDesired += dt;
    if (r.pdbDesired !== null && r.pdbHealthy !== null && r.pdbHealthy < r.pdbDesired) belowPdb += dt;
    lowest = Math.min(lowest, r.available);
    maxPending = Math.max(maxPending, r.pending);
  }
  const last = s[s.length - 1];
  const first = s[0];
  // A zero-length run (or one without samples) is judged by its only state.
  const availabilityPct =
    durationMs > 0 && s.length > 0 ? (100 * weighted) / durationMs : first && first.desired > 0 ? 100 * Math.min(1, first.available / first.desired) : 100;
  let rolloutStatus: RolloutStatus = 'none';
  let rolloutSeconds: number | null = null;
  if (w.rolloutStartedAt >= 0) {
    if (w.rolloutCompletedAt >= 0) {
      rolloutStatus = 'complete';
      rolloutSeconds = (w.rolloutCompletedAt - w.rolloutStartedAt) / 1000;
    } else {
      rolloutStatus = w.rolloutStalled ? 'stalled' : 'in-progress';
      rolloutSeconds = -1;
    }
  }
  const below =
    belowDesired > 0
      ? explainBelowDesired({
          samples: s,
          durationMs,
          events: ev.events,
          nodeNotReady: ev.nodeNotReady,
          rolloutStartedAt: w.rolloutStartedAt,
          rolloutCompletedAt: w.rolloutCompletedAt,
          ...(w.job ? { backoffs: w.job.backoffs } : {}),
        })
      : NEVER_BELOW;
  const job = jobSummary(w);
  const cause = job?.condition === 'Failed' || job?.interim === 'FailureTarget' ? jobFailure(job, below) : below;
  return {
    namespace: w.namespace,
    workload: workloadColumn(w),
    key: w.key,
    desired: last?.desired ?? 0,
    lowestAvailable: lowest === Infinity ? 0 : lowest,
    availabilityPct: round3(availabilityPct),
    secondsBelowDesired: belowDesired / 1000,
    secondsBelowPdb: belowPdb / 1000,
    rolloutSeconds,
    evictions: w.evictions,
    oomKills: w.oomKills,
    maxPending,
    rolloutStatus,
    restarts: w.restarts ?? 0,
    pdbMinHealthy: last?.pdbDesired ?? null,
    cause: cause.reason,
    why: cause.why,
    notCapacity: cause.notCapacity,
    causes: cause.byReason,
    kind: w.kind,
    job,
  };
}

function jobSummary(w: WorkloadResult): JobSummary | null {
  const j = w.job;
  if (!j) return null;
  return {
    completions: j.completions,
    succeeded: j.succeeded,
    failed: j.failed,
    condition: j.condition,
    reason: j.reason,
    message: j.message,
    conditionSeconds: j.conditionAt >= 0 ? j.conditionAt / 1000 : null,
    interim: j.interim,
    interimSeconds: j.interimAt >= 0 ? j.interimAt / 1000 : null,
    terminating: j.terminating,
  };
}

/**
 * A Job that failed is put down to its Failed condition (the job controller's reason), whatever
 * the stretches below desired before it: "Failed at 40s: BackoffLimitExceeded (Job has
 * reached the specified backoff limit), 4 pods failed".
 */
function jobFailure(j: JobSummary, below: BelowDesired): BelowDesired {
  const t = j.conditionSeconds ?? j.interimSeconds;
  const when = t !== null && t > 0 ? ` at ${formatDuration(t * 1000)}` : t === 0 ? ' before the run' : '';
  const detail = j.message ? ` (${j.message})` : '';
  const pods = j.failed > 0 ? `, ${j.failed} pod${j.failed === 1 ? '' : 's'} failed` : '';
  return { reason: j.reason || 'Failed', byReason: below.byReason, why: `Failed${when}: ${j.reason || 'Failed'}${detail}${pods}`, notCapacity: false };
}

/** Each workload's events (by `namespace/name`), and the cluster's NodeNotReady events. */
export function eventsByWorkload(r: SimResult): { byKey: ReadonlyMap<string, SimEvent[]>; nodeNotReady: SimEvent[] } {
  const byKey = new Map<string, SimEvent[]>();
  const nodeNotReady: SimEvent[] = [];
  for (const e of r.events) {
    if (e.reason === 'NodeNotReady') nodeNotReady.push(e);
    const k = eventWorkloadKey(e);
    if (!k) continue;
    const list = byKey.get(k);
    if (list) list.push(e);
    else byKey.set(k, [e]);
  }
  return { byKey, nodeNotReady };
}

/** Results are immutable: each is summarised once, however many reports ask (the rows are frozen). */
const summaries = new WeakMap<SimResult, readonly SummaryRow[]>();

export function summarize(r: SimResult): SummaryRow[] {
  let rows = summaries.get(r);
  if (!rows) {
    const { byKey, nodeNotReady } = eventsByWorkload(r);
    rows = Object.freeze(r.workloads.map((w) => Object.freeze(summarizeWorkload(w, r.durationMs, { events: byKey.get(w.key) ?? [], nodeNotReady }))));
    summaries.set(r, rows);
  }
  return [...rows];
}

/**
 * Worst first: lowest availability, then most time below the PDB, then below desired, then
 * OOM kills and evictions, then name (by code points, so the order is the same everywhere).
 */
export function worstFirst(rows: readonly SummaryRow[]): SummaryRow[] {
  const key = (r: SummaryRow): string => `${r.namespace}/${r.workload}`;
  return [...rows].sort(
    (a, b) =>
      a.availabilityPct - b.availabilityPct ||
      b.secondsBelowPdb - a.secondsBelowPdb ||
      b.secondsBelowDesired - a.secondsBelowDesired ||
      b.oomKills - a.oomKills ||
      b.evictions - a.evictions ||
      (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
  );
}
