// The headline figures as every face names and writes them (CLI table, TUI, report.html,
// compare), so a reader learns one set of words and units: "lowest available" (the fewest
// available pods seen, never the PDB's minAvailable), "PDB needs" (its desiredHealthy),
// durations as 14m05s, lower case except Kubernetes' own acronyms (PDB, OOM).
import { formatDuration } from '../model/duration.js';
import type { JobSummary, SummaryRow } from './summary.js';

/** Column labels: `long` where there is room (HTML, wide screens), `short` in terminals. */
export const LABELS = {
  workload: { long: 'workload', short: 'workload' },
  desired: { long: 'desired', short: 'desired' },
  lowestAvailable: { long: 'lowest available', short: 'lowest available' },
  pdbMinHealthy: { long: 'PDB needs', short: 'PDB needs' },
  availabilityPct: { long: 'availability %', short: 'avail %' },
  secondsBelowDesired: { long: 'below desired', short: 'below desired' },
  secondsBelowPdb: { long: 'below PDB', short: 'below PDB' },
  rolloutSeconds: { long: 'rollout', short: 'rollout' },
  evictions: { long: 'evicted', short: 'evicted' },
  oomKills: { long: 'OOM kills', short: 'OOM' },
  maxPending: { long: 'max pending', short: 'max pending' },
  why: { long: 'why below desired', short: 'why' },
} as const;

/** Seconds as the one duration format ("0s", "45s", "14m05s"). */
export const seconds = (s: number): string => formatDuration(s * 1000);

/** The rollout: its duration, "stalled" (progress deadline exceeded), "unfinished", or '' without one. */
export function rolloutText(x: Pick<SummaryRow, 'rolloutSeconds' | 'rolloutStatus'>): string {
  if (x.rolloutSeconds === null) return '';
  if (x.rolloutSeconds < 0) return x.rolloutStatus === 'stalled' ? 'stalled' : 'unfinished';
  return seconds(x.rolloutSeconds);
}

/** What a kind's `desired` counts, in its own words ('' for a Deployment's replicas). */
export const desiredUnit = (kind: string): string =>
  kind === 'DaemonSet' ? 'nodes' : kind === 'StatefulSet' || kind === 'CloneSet' ? 'replicas' : kind === 'Job' ? 'pods wanted' : '';

/**
 * A Job's progress in its own words — its completions, not its availability:
 * "7/10 completions · Complete at 3m10s", "0/2 completions · Failed: BackoffLimitExceeded at 40s · 4 failed".
 */
export function jobText(j: JobSummary): string {
  const progress = j.completions === null ? `${j.succeeded} succeeded` : `${j.succeeded}/${j.completions} completions`;
  const when = j.conditionSeconds === null ? '' : j.conditionSeconds > 0 ? ` at ${seconds(j.conditionSeconds)}` : ' before the run';
  const waits = `waits for ${j.terminating} terminating pod${j.terminating === 1 ? '' : 's'}`;
  const at = j.interimSeconds !== null && j.interimSeconds > 0 ? ` at ${seconds(j.interimSeconds)}` : '';
  const state =
    j.condition === 'Complete'
      ? `Complete${when}`
      : j.condition === 'Failed'
        ? `Failed: ${j.reason}${when}`
        : j.interim === 'SuccessCriteriaMet'
          ? `SuccessCriteriaMet${at}, Complete ${waits}`
          : j.interim === 'FailureTarget'
            ? `FailureTarget: ${j.reason}${at}, Failed ${waits}`
            : 'not finished';
  return [progress, state, ...(j.failed > 0 ? [`${j.failed} failed`] : [])].join(' · ');
}

/** The kind as faces listing workloads of several kinds tag it ('' for a Deployment, the usual). */
export const kindTag = (kind: string): string => (kind === 'Deployment' ? '' : kind);

/** "10" or '' without a PDB. */
export const pdbText = (x: Pick<SummaryRow, 'pdbMinHealthy'>): string => (x.pdbMinHealthy === null ? '' : String(x.pdbMinHealthy));

/** A cause as a short phrase, "— not capacity" kept: `FailedScheduling: Insufficient memory`. */
export const causeText = (x: Pick<SummaryRow, 'cause' | 'notCapacity'>): string => (x.cause ? x.cause + (x.notCapacity ? ' — not capacity' : '') : '');

export interface CauseGroup {
  readonly cause: string;
  readonly notCapacity: boolean;
  /** Workload keys, in the order given. */
  readonly workloads: readonly string[];
}

/**
 * The workloads below desired grouped by their cause, the biggest group first (then by cause):
 * the answer of the run in a few lines ("9 workloads: FailedScheduling: node(s) didn't match
 * pod topology spread constraints — not capacity").
 */
export function causeGroups(rows: readonly SummaryRow[]): CauseGroup[] {
  const groups = new Map<string, { cause: string; notCapacity: boolean; workloads: string[] }>();
  for (const x of rows) {
    if (!x.cause) continue;
    const text = causeText(x);
    const g = groups.get(text) ?? groups.set(text, { cause: x.cause, notCapacity: x.notCapacity, workloads: [] }).get(text)!;
    g.workloads.push(x.key);
  }
  return [...groups.entries()]
    .sort(([ka, a], [kb, b]) => b.workloads.length - a.workloads.length || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([, g]) => g);
}

/** "9 workloads: FailedScheduling: … — not capacity". */
export const groupText = (g: CauseGroup): string =>
  `${g.workloads.length} workload${g.workloads.length === 1 ? '' : 's'}: ${g.cause}${g.notCapacity ? ' — not capacity' : ''}`;
