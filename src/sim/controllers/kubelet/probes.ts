// When probes flip and kills end, computed rather than ticked. The kubelet's prober workers
// (pkg/kubelet/prober/worker.go) start when the pod is admitted and probe at once and then
// every periodSeconds, so their results change on that grid. The first probe, at admission,
// finds no container yet — unless one was already running (the kubelet restarted) — and a tick
// only probes once the API status shows the container Running (after postStart) and
// `int(secondsSinceStart) >= initialDelaySeconds`; liveness and readiness wait until the
// container has started (startup probe passed); a result flips after failureThreshold /
// successThreshold consecutive results. On top of the grid, prober_manager UpdatePodStatus
// probes readiness at once whenever a started, running container is not ready yet: when it
// starts and when its startup probe succeeds. The app answers from `answersAt` (start + warmup).
import type { PodTemplate, Probe } from '../../../model/types.js';
import { EXIT_SIGKILL, EXIT_SIGTERM } from '../../state/container-status.js';

/** First tick of the grid anchor + k·period (k ≥ 0) at or after `from`. */
export function nextTick(anchor: number, period: number, from: number): number {
  if (from <= anchor) return anchor;
  return anchor + Math.ceil((from - anchor) / period) * period;
}

export interface ContainerPlan {
  /** Killed by a failing startup or liveness probe at this time (null = never). */
  readonly killAt: number | null;
  readonly killedBy: 'startup' | 'liveness' | null;
  /** `started` (startup probe passed, or none) from this time; null when killed first. */
  readonly startedAt: number | null;
  /** Container ready from this time (null when killed first). */
  readonly readyAt: number | null;
}

export interface Timing {
  /** Probe grid anchor: when the kubelet admitted the pod (started its probe workers). */
  readonly anchor: number;
  /** state.running.startedAt: the CRI start (before postStart). initialDelaySeconds counts from here. */
  readonly containerStart: number;
  /** The status shows the container Running (postStart returned): nothing is probed before. */
  readonly runningAt: number;
  readonly answersAt: number;
  /** The worker's first probe, at the anchor, finds the container (it was running before the kubelet started). */
  readonly seenAtAnchor: boolean;
}

const s = (sec: number): number => sec * 1000;

/** The first tick of `probe` at or after `from` that probes the container. */
function firstTick(probe: Probe, t: Timing, from: number): number {
  const period = s(probe.periodSeconds);
  const at = nextTick(t.anchor, period, Math.max(from, t.runningAt, t.containerStart + s(probe.initialDelaySeconds)));
  return at === t.anchor && !t.seenAtAnchor ? at + period : at;
}

/**
 * The first failing-threshold kill among ticks from `from` while the app does not answer yet,
 * or null if the app answers before failureThreshold consecutive failures.
 */
function killTime(probe: Probe, t: Timing, from: number): number | null {
  const period = s(probe.periodSeconds);
  const first = firstTick(probe, t, from);
  if (first >= t.answersAt) return null;
  const failing = Math.ceil((t.answersAt - first) / period);
  return failing >= probe.failureThreshold ? first + (probe.failureThreshold - 1) * period : null;
}

/** Plans one container run: when it is started, killed, or ready. */
export function planContainer(
  t: Timing,
  probes: { startup: Probe | null; liveness: Probe | null; readiness: Probe | null },
): ContainerPlan {
  const { startup, liveness, readiness } = probes;
  let startedAt = t.runningAt;
  // Other workers see Started only after the startup result is published: strictly later ticks.
  let gatedFrom = t.runningAt;
  if (startup) {
    const kill = killTime(startup, t, t.runningAt);
    if (kill !== null) return { killAt: kill, killedBy: 'startup', startedAt: null, readyAt: null };
    startedAt = firstTick(startup, t, t.answersAt);
    gatedFrom = startedAt + 1;
  }
  if (liveness) {
    // Killed by liveness while the app does not answer: a readiness probe never passed before
    // (it needs the app to answer), but without one the container is ready from its start
    // until the kill (prober_manager UpdatePodStatus: no readinessProbe → ready while running).
    const kill = killTime(liveness, t, gatedFrom);
    if (kill !== null) return { killAt: kill, killedBy: 'liveness', startedAt, readyAt: readiness ? null : startedAt };
  }
  if (!readiness) return { killAt: null, killedBy: null, startedAt, readyAt: startedAt };
  const period = s(readiness.periodSeconds);
  // UpdatePodStatus's immediate probe when the container becomes started (still subject to
  // initialDelaySeconds): a success counts as the first of successThreshold.
  const immediate = startedAt >= t.answersAt && startedAt >= t.containerStart + s(readiness.initialDelaySeconds);
  if (immediate) {
    const later = nextTick(t.anchor, period, startedAt + 1);
    return { killAt: null, killedBy: null, startedAt, readyAt: readiness.successThreshold === 1 ? startedAt : later + (readiness.successThreshold - 2) * period };
  }
  const firstSuccess = firstTick(readiness, t, Math.max(gatedFrom, t.answersAt));
  return { killAt: null, killedBy: null, startedAt, readyAt: firstSuccess + (readiness.successThreshold - 1) * period };
}

/** kuberuntime killContainer: SIGKILL comes no sooner than this after SIGTERM (minimumGracePeriodInSeconds). */
const MIN_GRACE_AFTER_SIGTERM_MS = 2000;

export interface KillEnd {
  /** When the container is gone (finishedAt). */
  readonly at: number;
  /** 143 when the app exited on SIGTERM within the grace period, 137 when it was SIGKILLed. */
  readonly exitCode: number;
}

/**
 * When a running container killed at `now` is gone (killContainer): preStop first (bounded by
 * the grace period), then SIGTERM; the app exits after shutdownSeconds, or is SIGKILLed when
 * the grace period is used up, but never sooner than 2 s after SIGTERM.
 */
export function killEnd(spec: PodTemplate, now: number, graceSeconds: number): KillEnd {
  const grace = graceSeconds * 1000;
  const preStop = Math.min(spec.preStopSeconds * 1000, grace);
  const sigterm = now + preStop;
  const sigkill = Math.max(now + grace, sigterm + MIN_GRACE_AFTER_SIGTERM_MS);
  const exits = sigterm + spec.shutdownSeconds * 1000;
  return exits <= sigkill ? { at: exits, exitCode: EXIT_SIGTERM } : { at: sigkill, exitCode: EXIT_SIGKILL };
}

/** killEnd's time only. */
export function killEnds(spec: PodTemplate, now: number, graceSeconds: number): number {
  return killEnd(spec, now, graceSeconds).at;
}
