// What the kubelet's next SyncPod does with a pod, from the runtime's view of its sandbox and
// containers: pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions (the regular
// init container path, findNextInitContainerToRun / isInitContainerFailed) and
// pkg/kubelet/container/helpers.go ShouldContainerBeRestarted, runtimeutil.PodSandboxChanged.
// Sidecars (restartable init containers) are started by the kubelet directly (kubelet.ts).
import type { RestartPolicy } from '../../../model/types.js';

/** A container as the runtime reports it (kubecontainer.State). */
export interface RuntimeContainer {
  readonly state: 'created' | 'running' | 'exited' | 'unknown';
  readonly exitCode: number;
  /** The runtime's reason (OOMKilled counts as an init failure whatever the code). */
  readonly reason?: string;
  /** The container's spec hash differs from the running instance's. */
  readonly specChanged?: boolean;
  /** The prober's current result for this instance. */
  readonly liveness?: 'Success' | 'Failure';
  readonly startup?: 'Success' | 'Failure';
}

export interface PodActionsInput {
  readonly restartPolicy: RestartPolicy;
  /** metadata.deletionTimestamp is set. */
  readonly deleted: boolean;
  /** The newest sandbox (null = none yet). */
  readonly sandbox: { readonly ready: boolean; readonly hasIP: boolean; readonly attempt: number } | null;
  /** Runtime statuses aligned with spec.initContainers / spec.containers (undefined = none). */
  readonly init: readonly (RuntimeContainer | undefined)[];
  readonly regular: readonly (RuntimeContainer | undefined)[];
}

export interface PodActions {
  readonly killPod: boolean;
  readonly createSandbox: boolean;
  readonly attempt: number;
  readonly containersToStart: readonly number[];
  readonly containersToKill: readonly { readonly init: boolean; readonly index: number; readonly reason: string }[];
  readonly initContainersToStart: readonly number[];
}

/** shouldRestartOnFailure: anything but Never (an unset policy is Always). */
const restartsOnFailure = (p: RestartPolicy) => p !== 'Never';

/** ShouldContainerBeRestarted for a container that is not running. */
export function shouldContainerBeRestarted(policy: RestartPolicy, deleted: boolean, s: RuntimeContainer | undefined): boolean {
  if (deleted) return false;
  if (!s) return true;
  if (s.state === 'running') return false;
  if (s.state === 'unknown' || s.state === 'created') return true;
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && s.exitCode === 0) return false;
  return true;
}

function isInitContainerFailed(s: RuntimeContainer): boolean {
  if ((s.reason ?? '').includes('OOMKilled')) return true;
  if (s.state === 'exited' && s.exitCode !== 0) return true;
  return s.state === 'unknown';
}

/**
 * findNextInitContainerToRun: the last failed init container (to retry), or the one after the
 * newest that exited, or the first; `done` when they all ran — or when a regular container
 * runs (they ran at some point, even if the runtime has forgotten them).
 */
export function findNextInitContainerToRun(
  init: readonly (RuntimeContainer | undefined)[],
  regular: readonly (RuntimeContainer | undefined)[],
): { readonly last: RuntimeContainer | null; readonly lastIndex: number; readonly next: number | null; readonly done: boolean } {
  const n = init.length;
  if (n === 0) return { last: null, lastIndex: -1, next: null, done: true };
  if (regular.some((s) => s?.state === 'running')) return { last: null, lastIndex: -1, next: null, done: true };
  for (let i = n - 1; i >= 0; i--) {
    const s = init[i];
    if (s && isInitContainerFailed(s)) return { last: s, lastIndex: i, next: i, done: false };
  }
  for (let i = n - 1; i >= 0; i--) {
    const s = init[i];
    if (!s) continue;
    if (s.state === 'running') return { last: null, lastIndex: -1, next: null, done: false };
    if (s.state === 'exited') return i === n - 1 ? { last: null, lastIndex: -1, next: null, done: true } : { last: null, lastIndex: -1, next: i + 1, done: false };
  }
  return { last: null, lastIndex: -1, next: 0, done: false };
}

/** runtimeutil.PodSandboxChanged: (re)create the sandbox, and with which attempt number. */
function sandboxChanged(sandbox: PodActionsInput['sandbox']): { create: boolean; attempt: number } {
  if (sandbox === null) return { create: true, attempt: 0 };
  if (!sandbox.ready || !sandbox.hasIP) return { create: true, attempt: sandbox.attempt + 1 };
  return { create: false, attempt: sandbox.attempt };
}

export function computePodActions(input: PodActionsInput): PodActions {
  const { restartPolicy: policy, init, regular } = input;
  const sb = sandboxChanged(input.sandbox);
  const out = {
    killPod: sb.create,
    createSandbox: sb.create,
    attempt: sb.attempt,
    containersToStart: [] as number[],
    containersToKill: [] as { init: boolean; index: number; reason: string }[],
    initContainersToStart: [] as number[],
  };
  const hasStatuses = init.some((s) => s !== undefined) || regular.some((s) => s !== undefined);
  if (sb.create) {
    // Everything is killed and recreated; a pod that must not restart and already ran just ends.
    if (!restartsOnFailure(policy) && sb.attempt !== 0 && hasStatuses) {
      out.createSandbox = false;
      return out;
    }
    const toStart: number[] = [];
    regular.forEach((s, i) => {
      if (policy === 'OnFailure' && s?.state === 'exited' && s.exitCode === 0) return; // containerSucceeded
      toStart.push(i);
    });
    if (toStart.length === 0 && findNextInitContainerToRun(init, regular).done) {
      out.createSandbox = false;
      return out;
    }
    if (init.length > 0) out.initContainersToStart.push(0);
    else out.containersToStart.push(...toStart);
    return out;
  }
  const progress = findNextInitContainerToRun(init, regular);
  if (!progress.done) {
    if (progress.next !== null) {
      const failed = progress.last !== null && isInitContainerFailed(progress.last);
      if (failed && !restartsOnFailure(policy)) out.killPod = true;
      else {
        if (progress.last?.state === 'unknown') out.containersToKill.push({ init: true, index: progress.lastIndex, reason: 'Unknown' });
        out.initContainersToStart.push(progress.next);
      }
    }
    return out;
  }
  let keep = 0;
  regular.forEach((s, i) => {
    if (!s || s.state !== 'running') {
      if (shouldContainerBeRestarted(policy, input.deleted, s)) {
        out.containersToStart.push(i);
        if (s?.state === 'unknown') out.containersToKill.push({ init: false, index: i, reason: 'Unknown' });
      }
      return;
    }
    let restart = restartsOnFailure(policy);
    let reason: string;
    if (s.specChanged) {
      reason = 'DefinitionChanged';
      restart = true;
    } else if (s.liveness === 'Failure') reason = 'LivenessProbe';
    else if (s.startup === 'Failure') reason = 'StartupProbe';
    else {
      keep++;
      return;
    }
    if (restart) out.containersToStart.push(i);
    out.containersToKill.push({ init: false, index: i, reason });
  });
  if (keep === 0 && out.containersToStart.length === 0) {
    out.killPod = true;
    out.initContainersToStart.length = 0;
  }
  return out;
}
