// The pod status rules the kubelet applies when it generates a pod's API status, as pure
// functions of the spec and the container statuses (so the simulation and kubectl's printer
// share them, and Kubernetes' own test tables replay against them):
// - getPhase                         pkg/kubelet/kubelet_pods.go getPhase (gate ContainerRestartRules off)
// - Initialized / ContainersReady / Ready conditions
//                                    pkg/kubelet/status/generate.go Generate*Condition (pod-conditions.ts)
// - shouldContainerBeRestarted       pkg/kubelet/container/helpers.go ShouldContainerBeRestarted
// Statuses are aligned with the spec's containers (index i describes container i; undefined =
// the API has no status for it), which is what podutil.GetContainerStatus finds by name.
import type { PodPhase, RestartPolicy } from './types.js';

/** One entry of status.containerStatuses / initContainerStatuses, flattened. */
export interface ContainerStatusView {
  /** Which state the container is in; '' = the status has no state at all. */
  readonly state: '' | 'waiting' | 'running' | 'terminated';
  /** state.waiting.reason or state.terminated.reason ('' = none). */
  readonly reason: string;
  /** state.terminated.exitCode / signal. */
  readonly exitCode: number;
  readonly signal: number;
  readonly ready: boolean;
  /** null = the field is absent. */
  readonly started: boolean | null;
  readonly restartCount: number;
  /** lastTerminationState.terminated.exitCode; null = no last termination. */
  readonly lastExitCode: number | null;
  /** lastTerminationState.terminated.finishedAt (ms); -1 = none. */
  readonly lastFinishedAt: number;
}

export interface PodSpecView {
  readonly restartPolicy: RestartPolicy;
  /** spec.initContainers: `sidecar` = restartPolicy Always (KEP-753). */
  readonly initContainers: readonly { readonly name: string; readonly sidecar?: boolean }[];
  readonly containers: readonly { readonly name: string }[];
  /** spec.readinessGates[].conditionType. */
  readonly readinessGates: readonly string[];
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface PodConditionView {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason?: string;
  readonly message?: string;
}

/**
 * getPhase(pod, statuses, podIsTerminal, podHasInitialized). `podHasInitialized`: a regular
 * container of the current sandbox has started (a restarting sidecar then does not send the
 * pod back to Pending).
 */
export function getPhase(
  spec: PodSpecView,
  init: readonly (ContainerStatusView | undefined)[],
  regular: readonly (ContainerStatusView | undefined)[],
  podIsTerminal: boolean,
  podHasInitialized: boolean,
): PodPhase {
  let pendingRegularInit = 0;
  let pendingRestartableInit = 0;
  let failedInitialization = 0;
  const inits = spec.initContainers;
  for (let i = 0; i < inits.length; i++) {
    if (inits[i].sidecar) continue;
    const s = init[i];
    if (!s) {
      pendingRegularInit++;
      continue;
    }
    switch (s.state) {
      case 'running':
        pendingRegularInit++;
        break;
      case 'terminated':
        if (s.exitCode !== 0) failedInitialization++;
        break;
      case 'waiting':
        if (s.lastExitCode !== null) {
          if (s.lastExitCode !== 0) failedInitialization++;
        } else pendingRegularInit++;
        break;
      default:
        pendingRegularInit++;
    }
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (let i = 0; i < inits.length; i++) {
    if (!inits[i].sidecar) continue;
    const s = init[i];
    if (!s) {
      unknown++;
      continue;
    }
    switch (s.state) {
      case 'running':
        if (s.started !== true) pendingRestartableInit++;
        running++;
        break;
      case 'terminated':
        break; // terminated sidecars do not count for the phase
      case 'waiting':
        if (s.lastExitCode === null) {
          pendingRestartableInit++;
          waiting++;
        }
        break;
      default:
        pendingRestartableInit++;
        unknown++;
    }
  }
  for (let i = 0; i < spec.containers.length; i++) {
    const s = regular[i];
    if (!s) {
      unknown++;
      continue;
    }
    switch (s.state) {
      case 'running':
        running++;
        break;
      case 'terminated':
        stopped++;
        if (s.exitCode === 0) succeeded++;
        break;
      case 'waiting':
        if (s.lastExitCode !== null) stopped++;
        else waiting++;
        break;
      default:
        unknown++;
    }
  }
  if (failedInitialization > 0 && spec.restartPolicy === 'Never') return 'Failed';
  if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !podHasInitialized) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (spec.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (spec.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/**
 * ShouldContainerBeRestarted for a container that exited with `exitCode` (the pod not being
 * deleted): Never never, OnFailure only after a failure, Always always.
 */
export function shouldRestart(policy: RestartPolicy, exitCode: number): boolean {
  if (policy === 'Never') return false;
  if (policy === 'OnFailure') return exitCode !== 0;
  return true;
}

/** kubecontainer.HasAnyRegularContainerStarted: a regular container is Running or Terminated. */
export function hasAnyRegularContainerStarted(regular: readonly (ContainerStatusView | undefined)[]): boolean {
  for (const s of regular) if (s && (s.state === 'running' || s.state === 'terminated')) return true;
  return false;
}
