// Which pods a ReplicaSet deletes first, after pkg/controller/controller_utils.go
// (ActivePodsWithRanks.Less, with PodDeletionCost and LogarithmicScaleDown on, their defaults
// since v1.22). `less(a, b)` = a is deleted before b.
import type { PodPhase } from '../../../model/types.js';

export interface RankablePod {
  readonly assigned: boolean;
  readonly phase: PodPhase;
  readonly ready: boolean;
  /** controller.kubernetes.io/pod-deletion-cost (0 when absent). */
  readonly deletionCost: number;
  /** Ready condition's lastTransitionTime in ms; null = zero time. */
  readonly readySince: number | null;
  readonly restarts: number;
  /** creationTimestamp in ms; null = zero time. */
  readonly created: number | null;
  readonly uid: string;
}

const PHASE_ORDINAL: Partial<Record<PodPhase, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** afterOrZero: t1 after t2, a zero time counting as the latest. */
function afterOrZero(t1: number | null, t2: number | null): boolean {
  if (t1 === null || t2 === null) return t1 === null;
  return t1 > t2;
}

/** logarithmicRankDiff: floor(log2(age in ns)) of t1 minus that of t2 (-1 for non-positive ages). */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6;
  const d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

/** Compares two times newest-first, in log2 age buckets; same bucket → UID order decides. */
function newerFirst(t1: number | null, t2: number | null, a: RankablePod, b: RankablePod, now: number | null): boolean {
  if (now === null || t1 === null || t2 === null) return afterOrZero(t1, t2);
  const diff = logarithmicRankDiff(t1, t2, now);
  if (diff === 0) return a.uid < b.uid;
  return diff < 0;
}

export function activePodsWithRanksLess(a: RankablePod, rankA: number, b: RankablePod, rankB: number, now: number | null): boolean {
  // 1. Unassigned < assigned.
  if (a.assigned !== b.assigned) return !a.assigned;
  // 2. Pending < Unknown < Running.
  const pa = PHASE_ORDINAL[a.phase] ?? 0;
  const pb = PHASE_ORDINAL[b.phase] ?? 0;
  if (pa !== pb) return pa < pb;
  // 3. Not ready < ready.
  if (a.ready !== b.ready) return !a.ready;
  // 4. Lower pod-deletion-cost first.
  if (a.deletionCost !== b.deletionCost) return a.deletionCost < b.deletionCost;
  // 5. Doubled up (more related active pods on the same node) first.
  if (rankA !== rankB) return rankA > rankB;
  // 6. Both ready: the more recently ready first (log2 buckets).
  if (a.ready && b.ready && a.readySince !== b.readySince) return newerFirst(a.readySince, b.readySince, a, b, now);
  // 7. Higher restart count first.
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  // 8. Newer (or zero) creation time first (log2 buckets).
  if (a.created !== b.created) return newerFirst(a.created, b.created, a, b, now);
  return false;
}
