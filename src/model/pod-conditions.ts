// The pod conditions the kubelet generates with a pod's API status (pkg/kubelet/status/generate.go
// GeneratePodInitializedCondition, GenerateContainersReadyCondition, GeneratePodReadyCondition),
// as pure functions of the spec and the container statuses; getPhase and the views they read
// are in pod-status.ts.
import type { PodPhase } from './types.js';
import { type ConditionStatus, type ContainerStatusView, type PodConditionView, type PodSpecView, hasAnyRegularContainerStarted } from './pod-status.js';

export interface GeneratedCondition {
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message: string;
}

const TRUE: GeneratedCondition = { status: 'True', reason: '', message: '' };
const UNKNOWN_STATUSES: GeneratedCondition = { status: 'False', reason: 'UnknownContainerStatuses', message: '' };
const COMPLETED: GeneratedCondition = { status: 'False', reason: 'PodCompleted', message: '' };
const FAILED: GeneratedCondition = { status: 'False', reason: 'PodFailed', message: '' };

const list = (names: readonly string[]): string => `[${names.join(' ')}]`;

/**
 * GeneratePodInitializedCondition. `statuses` null = the status has no container statuses at
 * all (the kubelet has not synced the pod yet).
 */
export function podInitializedCondition(
  spec: PodSpecView,
  statuses: { readonly init: readonly (ContainerStatusView | undefined)[]; readonly regular: readonly (ContainerStatusView | undefined)[] } | null,
  phase: PodPhase,
): GeneratedCondition {
  if (statuses === null) return spec.initContainers.length > 0 ? UNKNOWN_STATUSES : TRUE;
  if (hasAnyRegularContainerStarted(statuses.regular)) return TRUE;
  let unknown: string[] | null = null;
  let incomplete: string[] | null = null;
  const inits = spec.initContainers;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    const s = statuses.init[i];
    if (!s) (unknown ??= []).push(c.name);
    else if (c.sidecar ? s.started !== true : !s.ready) (incomplete ??= []).push(c.name);
  }
  if (phase === 'Succeeded' && unknown === null) return { status: 'True', reason: 'PodCompleted', message: '' };
  if (unknown === null && incomplete === null) return TRUE;
  const messages: string[] = [];
  if (unknown) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (incomplete) messages.push(`containers with incomplete status: ${list(incomplete)}`);
  return { status: 'False', reason: 'ContainersNotInitialized', message: messages.join(', ') };
}

/**
 * podInitializedCondition(...).status === 'True' without building the condition's message (the
 * kubelet's status generation on every container change needs only this).
 */
export function isPodInitialized(
  spec: PodSpecView,
  init: readonly (ContainerStatusView | undefined)[],
  regular: readonly (ContainerStatusView | undefined)[],
  phase: PodPhase,
): boolean {
  if (hasAnyRegularContainerStarted(regular)) return true;
  let unknown = false;
  let incomplete = false;
  const inits = spec.initContainers;
  for (let i = 0; i < inits.length; i++) {
    const s = init[i];
    if (!s) unknown = true;
    else if (inits[i].sidecar ? s.started !== true : !s.ready) incomplete = true;
  }
  if (phase === 'Succeeded' && !unknown) return true;
  return !unknown && !incomplete;
}

/** containersReadyCondition(...).status === 'True' without building the condition's message. */
export function areContainersReady(
  spec: PodSpecView,
  init: readonly (ContainerStatusView | undefined)[],
  regular: readonly (ContainerStatusView | undefined)[],
  phase: PodPhase,
): boolean {
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const inits = spec.initContainers;
  for (let i = 0; i < inits.length; i++) {
    if (!inits[i].sidecar) continue;
    const s = init[i];
    if (!s || !s.ready) return false;
  }
  const n = spec.containers.length;
  for (let i = 0; i < n; i++) {
    const s = regular[i];
    if (!s || !s.ready) return false;
  }
  return true;
}

/** GenerateContainersReadyCondition: every sidecar and regular container has a status and is ready. */
export function containersReadyCondition(
  spec: PodSpecView,
  statuses: { readonly init: readonly (ContainerStatusView | undefined)[]; readonly regular: readonly (ContainerStatusView | undefined)[] } | null,
  phase: PodPhase,
): GeneratedCondition {
  if (statuses === null) return UNKNOWN_STATUSES;
  let unknown: string[] | null = null;
  let unready: string[] | null = null;
  const inits = spec.initContainers;
  for (let i = 0; i < inits.length; i++) {
    if (!inits[i].sidecar) continue;
    const s = statuses.init[i];
    if (!s) (unknown ??= []).push(inits[i].name);
    else if (!s.ready) (unready ??= []).push(inits[i].name);
  }
  const cs = spec.containers;
  for (let i = 0; i < cs.length; i++) {
    const s = statuses.regular[i];
    if (!s) (unknown ??= []).push(cs[i].name);
    else if (!s.ready) (unready ??= []).push(cs[i].name);
  }
  if (phase === 'Succeeded' && unknown === null) return COMPLETED;
  if (phase === 'Failed') return FAILED;
  if (unknown === null && unready === null) return TRUE;
  const messages: string[] = [];
  if (unknown) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (unready) messages.push(`containers with unready status: ${list(unready)}`);
  return { status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') };
}

/**
 * GeneratePodReadyCondition: ContainersReady, then every readiness gate's condition (found in
 * `conditions`, which the kubelet keeps from the API status) must exist and be True.
 */
export function podReadyCondition(
  spec: PodSpecView,
  containersReady: GeneratedCondition,
  conditions: readonly PodConditionView[],
): GeneratedCondition {
  if (containersReady.status !== 'True') return containersReady;
  const messages: string[] = [];
  for (const gate of spec.readinessGates) {
    const c = conditions.find((x) => x.type === gate);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate}" is not "True", but ${c.status}`);
  }
  if (messages.length > 0) return { status: 'False', reason: 'ReadinessGatesNotReady', message: messages.join(', ') };
  return TRUE;
}
