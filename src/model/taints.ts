// Taints and tolerations: matching (staging/src/k8s.io/api/core/v1/toleration.go ToleratesTaint,
// component-helpers/scheduling/corev1 helpers), NoExecute eviction timing
// (pkg/controller/tainteviction/taint_eviction.go) and the default tolerations every pod gets
// (plugin/pkg/admission/defaulttolerationseconds/admission.go).
import type { Taint, Toleration } from './types.js';
import { SYSTEM_CRITICAL_PRIORITY, TAINT_NOT_READY, TAINT_UNREACHABLE } from './well-known.js';

/** kubelet/types IsCriticalPod, for pods that are neither static nor mirror pods. */
export function isCriticalPod(priority: number): boolean {
  return priority >= SYSTEM_CRITICAL_PRIORITY;
}

// content.IsDecimalInteger: "0" or an optional '-' then 1-9 and digits (no '+', no leading zeros).
const DECIMAL_INTEGER = /^(0|-?[1-9]\d*)$/;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function parseInt64(s: string): bigint | null {
  if (!DECIMAL_INTEGER.test(s)) return null;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? null : v;
}

/**
 * Toleration.ToleratesTaint: the effect must be empty or equal, the key empty or equal; then
 * Equal (or empty) compares values, Exists matches any value, and Lt/Gt compare the values as
 * int64 (taint < toleration for Lt, taint > toleration for Gt; unparsable values never match).
 * tolerationSeconds plays no part in matching.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator as string) {
    case '':
    case 'Equal':
      return t.value === taint.value;
    case 'Exists':
      return true;
    case 'Lt':
    case 'Gt': {
      const tol = parseInt64(t.value);
      const val = parseInt64(taint.value);
      if (tol === null || val === null) return false;
      return t.operator === 'Lt' ? val < tol : val > tol;
    }
    default:
      return false;
  }
}

/** corev1 helpers TolerationsTolerateTaint: some toleration tolerates the taint. */
export function tolerationsTolerateTaint(tols: readonly Toleration[], taint: Taint): boolean {
  return tols.some((t) => toleratesTaint(t, taint));
}

/**
 * corev1 helpers FindMatchingUntoleratedTaint: the first taint the filter selects that no
 * toleration tolerates (the scheduler's TaintToleration filter passes NoSchedule|NoExecute).
 */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tols: readonly Toleration[],
  filter: (t: Taint) => boolean,
): Taint | null {
  return taints.find((taint) => filter(taint) && !tolerationsTolerateTaint(tols, taint)) ?? null;
}

/**
 * v1helper.GetMatchingTolerations: whether every taint is tolerated and, if so, for each taint the
 * FIRST toleration that tolerates it (later matching tolerations are not considered, so their
 * tolerationSeconds do not count).
 */
export function getMatchingTolerations(
  taints: readonly Taint[],
  tols: readonly Toleration[],
): { allTolerated: boolean; matching: Toleration[] } {
  const matching: Toleration[] = [];
  for (const taint of taints) {
    const t = tols.find((tol) => toleratesTaint(tol, taint));
    if (!t) return { allTolerated: false, matching: [] };
    matching.push(t);
  }
  return { allTolerated: true, matching };
}

/**
 * tainteviction getMinTolerationTime, in seconds: 0 (evict now) for no tolerations or any
 * tolerationSeconds <= 0; else the smallest tolerationSeconds; -1 (forever) when none is set.
 */
export function getMinTolerationTime(tols: readonly Toleration[]): number {
  if (tols.length === 0) return 0;
  let min = Infinity;
  for (const t of tols) {
    if (t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min;
}

/**
 * DefaultTolerationSeconds admission: adds {key, Exists, NoExecute, seconds} for not-ready and
 * then for unreachable, each unless some toleration already has that key or an empty key, with
 * effect NoExecute or empty (operator, value and seconds are not looked at).
 */
export function withDefaultTolerations(
  tols: readonly Toleration[],
  notReadySeconds: number,
  unreachableSeconds: number,
): Toleration[] {
  const covers = (key: string) => (t: Toleration) => (t.key === key || t.key === '') && (t.effect === 'NoExecute' || t.effect === '');
  const out = [...tols];
  for (const [key, seconds] of [
    [TAINT_NOT_READY, notReadySeconds],
    [TAINT_UNREACHABLE, unreachableSeconds],
  ] as const) {
    if (!tols.some(covers(key))) {
      out.push({ key, operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: seconds });
    }
  }
  return out;
}

export type TaintEvictionDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'now' }
  | { readonly kind: 'after'; readonly seconds: number }
  | { readonly kind: 'never' };

/**
 * processPodOnNode's decision for a pod bound to a node (the controller ignores unbound pods):
 * 'none' when the node has no NoExecute taint, 'now' when one is not tolerated or the shortest
 * toleration is <= 0 s, 'never' when every matching toleration is forever, else 'after' the
 * shortest tolerationSeconds. Only NoExecute taints are looked at.
 */
export function decideTaintEviction(tols: readonly Toleration[], noExecuteTaints: readonly Taint[]): TaintEvictionDecision {
  const taints = noExecuteTaints.filter((t) => t.effect === 'NoExecute');
  if (taints.length === 0) return { kind: 'none' };
  const { allTolerated, matching } = getMatchingTolerations(taints, tols);
  if (!allTolerated) return { kind: 'now' };
  const seconds = getMinTolerationTime(matching);
  if (seconds < 0) return { kind: 'never' };
  if (seconds === 0) return { kind: 'now' };
  return { kind: 'after', seconds };
}

/** A deletion the taint-eviction queue holds for a pod (TimedWorkerQueue: CreatedAt, FireAt). */
export interface ScheduledTaintEviction {
  readonly createdAtMs: number;
  readonly fireAtMs: number;
}

export type TaintEvictionPlan =
  | { readonly kind: 'cancel' }
  | { readonly kind: 'deleteNow' }
  | { readonly kind: 'wait'; readonly scheduled: ScheduledTaintEviction };

/**
 * What processPodOnNode does with a decision given the deletion already queued for the pod, if
 * any. A queued deletion created before now is kept as it is: lengthening (or shortening) a
 * toleration after the taint was seen does not move it; only 'none'/'never' cancel it and 'now'
 * replaces it. (Newer sources also reschedule when the queued deletion was for another node or a
 * disjoint taint set; Headroom keeps the classic rule.)
 */
export function nextTaintEviction(
  decision: TaintEvictionDecision,
  scheduled: ScheduledTaintEviction | null,
  nowMs: number,
): TaintEvictionPlan {
  switch (decision.kind) {
    case 'none':
    case 'never':
      return { kind: 'cancel' };
    case 'now':
      return { kind: 'deleteNow' };
    case 'after': {
      const fireAtMs = nowMs + decision.seconds * 1000;
      if (scheduled && scheduled.createdAtMs < nowMs) return { kind: 'wait', scheduled };
      return { kind: 'wait', scheduled: { createdAtMs: scheduled?.createdAtMs ?? nowMs, fireAtMs } };
    }
  }
}

/**
 * The deletion the taint-eviction queue holds at `nowMs` for a pod found on a node whose
 * NoExecute taints were added before (a kubectl dump's `timeAdded`; undefined = at `nowMs`),
 * the pod having been bound at `boundAtMs` (-Infinity: before every taint). The controller runs
 * processPodOnNode when the pod is bound and whenever the node's taints change, each time with
 * the time it observes the change (≈ the taint's timeAdded): replayed here in that order, so a
 * pod on a node tainted unreachable 200 s ago with the default 300 s toleration is due 100 s from now.
 */
export function replayTaintEviction(
  tolerations: readonly Toleration[],
  noExecuteTaints: readonly Taint[],
  boundAtMs: number,
  nowMs: number,
): TaintEvictionPlan {
  const added = (t: Taint) => Math.max(Math.min(t.timeAdded ?? nowMs, nowMs), boundAtMs);
  const times = [...new Set(noExecuteTaints.map(added))].sort((a, b) => a - b);
  let scheduled: ScheduledTaintEviction | null = null;
  for (const at of times) {
    const present = noExecuteTaints.filter((t) => added(t) <= at);
    const plan = nextTaintEviction(decideTaintEviction(tolerations, present), scheduled, at);
    if (plan.kind === 'deleteNow') return plan;
    scheduled = plan.kind === 'wait' ? plan.scheduled : null;
  }
  return scheduled ? { kind: 'wait', scheduled } : { kind: 'cancel' };
}
