// One sync of a StatefulSet as a pure rule, after pkg/controller/statefulset
// stateful_set_control.go (updateStatefulSet, processReplica, processCondemned, the classic
// rolling-update loop and updateStatefulSetAfterInvariantEstablished) and stateful_set_utils.go
// (newVersionedStatefulSetPod, getStatefulSetMaxUnavailable, isUnavailable). It reads the pods
// as the informer lists them and returns the creates and deletes the sync issues, in order;
// the controller (statefulset-controller.ts) carries them out. Replayed against the upstream
// tables in test/sim/controllers/statefulset.test.ts.
import { getScaledValueFromIntOrPercent } from '../../../model/intstr.js';
import type { IntOrPercent } from '../../../model/types.js';

/** What the controller reads of one of the set's pods. */
export interface StatefulPodState {
  readonly ordinal: number;
  /** Phase Failed or Succeeded. */
  readonly terminal: boolean;
  /** Has a deletionTimestamp. */
  readonly terminating: boolean;
  /** isRunningAndReady: phase Running and the Ready condition True. */
  readonly runningAndReady: boolean;
  /** isRunningAndAvailable: also Ready for minReadySeconds. */
  readonly runningAndAvailable: boolean;
  /** Its controller-revision-hash is the set's updateRevision. */
  readonly updated: boolean;
}

export interface StatefulSetView {
  readonly replicas: number;
  /** spec.ordinals.start. */
  readonly start: number;
  /** podManagementPolicy Parallel (allowsBurst); OrderedReady otherwise. */
  readonly parallel: boolean;
  readonly onDelete: boolean;
  readonly partition: number;
  /**
   * getStatefulSetMaxUnavailable's value when the MaxUnavailableStatefulSet path applies; null
   * for the classic loop (one pod at a time).
   */
  readonly maxUnavailable: number | null;
  readonly pods: readonly StatefulPodState[];
}

export type StatefulSetAction =
  | { readonly kind: 'create'; readonly ordinal: number; readonly atUpdateRevision: boolean }
  | { readonly kind: 'delete'; readonly ordinal: number; readonly why: 'terminal' | 'scaleDown' | 'update' };

/**
 * getStatefulSetMaxUnavailable: maxUnavailable (1 when unset) scaled against replicas rounding
 * down, and at least 1.
 */
export function statefulSetMaxUnavailable(maxUnavailable: IntOrPercent | null, replicas: number): number {
  const v = getScaledValueFromIntOrPercent(maxUnavailable ?? 1, replicas, false);
  return v < 1 ? 1 : v;
}

/**
 * newVersionedStatefulSetPod: with RollingUpdate, an ordinal below start + partition is created
 * at the current revision; otherwise (and always with OnDelete) at the update revision.
 */
export function createdAtUpdateRevision(view: Pick<StatefulSetView, 'onDelete' | 'start' | 'partition'>, ordinal: number): boolean {
  return view.onDelete || ordinal >= view.start + view.partition;
}

/** isUnavailable: not running and available for minReadySeconds, or terminating. */
const unavailable = (p: StatefulPodState | undefined): boolean => !p || !p.runningAndAvailable || p.terminating;

/** The creates and deletes of one updateStatefulSet call. */
export function updateStatefulSet(view: StatefulSetView): StatefulSetAction[] {
  const actions: StatefulSetAction[] = [];
  const { replicas: count, start } = view;
  const monotonic = !view.parallel;
  // Partition the pods into replicas [start, start + replicas) and condemned (other ordinals).
  const replicas: (StatefulPodState | undefined)[] = new Array(count).fill(undefined);
  const condemned: StatefulPodState[] = [];
  for (const p of view.pods) {
    if (p.ordinal < 0) continue; // ordinal could not be parsed: ignored
    if (p.ordinal >= start && p.ordinal < start + count) replicas[p.ordinal - start] = p;
    else condemned.push(p);
  }
  condemned.sort((a, b) => b.ordinal - a.ordinal);
  // The first unavailable replica (a missing one counts), else the lowest unavailable condemned.
  let firstUnavailable: StatefulPodState | undefined | null = null;
  for (const r of replicas) {
    if (unavailable(r)) {
      firstUnavailable = r;
      break;
    }
  }
  if (firstUnavailable === null) {
    for (let i = condemned.length - 1; i >= 0; i--) {
      if (unavailable(condemned[i])) {
        firstUnavailable = condemned[i];
        break;
      }
    }
  }

  // processReplica, ascending; in monotonic mode the first "stop" ends the sync.
  for (let i = 0; i < count; i++) {
    const ordinal = start + i;
    const p = replicas[i];
    if (p && p.terminal) {
      // Delete it; the replacement is created on a later sync, once the old object is gone.
      if (!p.terminating) actions.push({ kind: 'delete', ordinal, why: 'terminal' });
      if (monotonic) return actions;
      continue;
    }
    if (!p) {
      const atUpdateRevision = createdAtUpdateRevision(view, ordinal);
      actions.push({ kind: 'create', ordinal, atUpdateRevision });
      if (monotonic) return actions;
      // Parallel: the pod now exists, Pending, at that revision.
      replicas[i] = { ordinal, terminal: false, terminating: false, runningAndReady: false, runningAndAvailable: false, updated: atUpdateRevision };
      continue;
    }
    if (monotonic && (p.terminating || !p.runningAndReady || !p.runningAndAvailable)) return actions;
  }

  // processCondemned, highest ordinal first. Monotonic: one at a time, and only once every
  // replica is Running, Ready and available (else only the first unavailable pod may go).
  for (const p of condemned) {
    if (p.terminating) {
      if (monotonic) return actions;
      continue;
    }
    if (monotonic && (!p.runningAndReady || !p.runningAndAvailable) && p !== firstUnavailable) return actions;
    actions.push({ kind: 'delete', ordinal: p.ordinal, why: 'scaleDown' });
    if (monotonic) return actions;
  }

  if (view.onDelete) return actions;

  if (view.maxUnavailable !== null) {
    for (const ordinal of updateAfterInvariantEstablished(replicas, start, view.partition, view.maxUnavailable)) {
      actions.push({ kind: 'delete', ordinal, why: 'update' });
    }
    return actions;
  }

  // The classic loop: the highest replica not at the update revision is deleted, one per sync,
  // and the loop waits at any unavailable replica on its way down to the partition.
  for (let t = count - 1; t >= view.partition; t--) {
    const r = replicas[t];
    if (r && !r.updated && !r.terminating) {
      actions.push({ kind: 'delete', ordinal: start + t, why: 'update' });
      return actions;
    }
    if (unavailable(r)) return actions;
  }
  return actions;
}

/**
 * updateStatefulSetAfterInvariantEstablished (MaxUnavailableStatefulSet): count the unavailable
 * replicas over the whole range (below the partition too); if within maxUnavailable, delete the
 * difference, from the highest ordinal down to the partition, skipping pods already updated or
 * terminating. `replicas[i]` is ordinal start + i (undefined: not created). Returns the ordinals.
 */
export function updateAfterInvariantEstablished(
  replicas: readonly (StatefulPodState | undefined)[],
  start: number,
  partition: number,
  maxUnavailable: number,
): number[] {
  let unavailablePods = 0;
  for (const r of replicas) if (unavailable(r)) unavailablePods++;
  if (unavailablePods > maxUnavailable) return [];
  const toDelete = maxUnavailable - unavailablePods;
  const out: number[] = [];
  for (let t = replicas.length - 1; t >= partition && out.length < toDelete; t--) {
    const r = replicas[t];
    if (r && !r.updated && !r.terminating) out.push(start + t);
  }
  return out;
}

/**
 * `kubectl rollout status` for a StatefulSet (polymorphichelpers StatefulSetStatusViewer):
 * RollingUpdate is done when readyReplicas ≥ spec.replicas and updatedReplicas ≥ replicas −
 * partition; OnDelete never reports done.
 */
export function statefulSetRolloutDone(s: {
  readonly onDelete: boolean;
  readonly replicas: number;
  readonly partition: number;
  readonly readyReplicas: number;
  readonly updatedReplicas: number;
}): boolean {
  if (s.onDelete) return false;
  return s.readyReplicas >= s.replicas && s.updatedReplicas >= s.replicas - s.partition;
}
