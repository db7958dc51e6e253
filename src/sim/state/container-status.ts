// One entry of a pod's status.containerStatuses / initContainerStatuses, as the kubelet writes
// it (kubelet_pods.go convertToAPIContainerStatuses): exactly one state — Waiting with a reason,
// Running since startedAt, or Terminated with a reason and exit code — plus the previous dead
// instance as lastTerminationState, restartCount, ready and started. Mutated only inside a
// ClusterState begin … commit of its pod.
import type { ContainerStatusView } from '../../model/pod-status.js';
import type { SimTime } from '../engine/time.js';

export class ContainerStatus implements ContainerStatusView {
  state: ContainerStatusView['state'] = 'waiting';
  /** Waiting: ContainerCreating, PodInitializing, CrashLoopBackOff; Terminated: Completed, Error, OOMKilled. */
  reason = '';
  exitCode = 0;
  ready = false;
  started: boolean | null = false;
  restartCount = 0;
  /** state.running.startedAt (the CRI start) of the current instance; -1 before the first start. */
  startedAt: SimTime = -1;
  /** state.terminated.finishedAt. */
  finishedAt: SimTime = -1;
  /** lastTerminationState.terminated (exit code null = none). */
  lastExitCode: number | null = null;
  lastReason = '';
  lastFinishedAt: SimTime = -1;
  /** An instance was started before (the runtime's attempt counter is past 0). */
  private everStarted = false;

  constructor(readonly name: string) {}

  /** state.terminated.signal: the runtime reports exit codes only (128 + n), so always 0. */
  get signal(): number {
    return 0;
  }

  /** Waiting with `reason`; a Terminated state becomes the last termination. */
  wait(reason: string): void {
    this.keepTermination();
    this.state = 'waiting';
    this.reason = reason;
    this.ready = false;
  }

  /**
   * The runtime creates and starts a new instance (CRI start): restartCount + 1 when one was
   * started before — counted now, even if the API never shows this one Running.
   */
  startInstance(): void {
    if (this.everStarted) this.restartCount++;
    this.everStarted = true;
  }

  /** The status shows the current instance Running since `at` (its CRI start). */
  run(at: SimTime): void {
    this.keepTermination();
    this.state = 'running';
    this.reason = '';
    this.startedAt = at;
  }

  /**
   * The current instance exited. The previous dead one stays the last termination — unless the
   * status still shows that one Terminated (this instance died before it was ever shown Running).
   */
  terminate(reason: string, exitCode: number, at: SimTime): void {
    this.keepTermination();
    this.state = 'terminated';
    this.reason = reason;
    this.exitCode = exitCode;
    this.finishedAt = at;
    this.ready = false;
    this.started = false;
  }

  /**
   * doBackOff's view: the finishedAt of the newest exited instance in the runtime's status —
   * this one if it is Terminated, else the last termination — or -1 when none exited.
   */
  get newestExitedAt(): SimTime {
    if (this.state === 'terminated') return this.finishedAt;
    return this.lastExitCode !== null ? this.lastFinishedAt : -1;
  }

  private keepTermination(): void {
    if (this.state !== 'terminated') return;
    this.lastExitCode = this.exitCode;
    this.lastReason = this.reason;
    this.lastFinishedAt = this.finishedAt;
  }
}

/** Termination reasons as the runtime reports them: Completed for exit 0, Error otherwise (OOMKilled given). */
export const terminationReason = (exitCode: number): string => (exitCode === 0 ? 'Completed' : 'Error');

/** 128 + SIGKILL / SIGTERM: a container killed, or dead of the stop signal. */
export const EXIT_SIGKILL = 137;
export const EXIT_SIGTERM = 143;
