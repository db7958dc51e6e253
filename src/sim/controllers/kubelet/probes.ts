// When probes flip and kills end, computed rather than ticked: the kubelet's prober workers
// (pkg/kubelet/prober/worker.go) probe once when the pod is admitted and then every
// periodSeconds, so results only change on that grid. A tick probes only once the container
// runs and `int(secondsSinceStart) >= initialDelaySeconds`; liveness and readiness wait until
// the container has started (startup probe passed); a result flips after failureThreshold /
// successThreshold consecutive results. The app answers from `answersAt` (start + warmup).
import type { PodTemplate, Probe } from '../../../model/types.js';

/** First tick of the grid anchor + k·period (k ≥ 0) at or after `from`. */
export function nextTick(anchor: number, period: number, from: number): number {
  if (from <= anchor) return anchor;
  return anchor + Math.ceil((from - anchor) / period) * period;
}

export interface ContainerPlan {
  /** Killed by a failing startup or liveness probe at this time (null = never). */
  readonly killAt: number | null;
  readonly killedBy: 'startup' | 'liveness' | null;
  /** Container Ready from this time (null when killed first). */
  readonly readyAt: number | null;
}

interface Timing {
  /** Probe grid anchor: when the kubelet admitted the pod. */
  readonly anchor: number;
  readonly containerStart: number;
  readonly answersAt: number;
}

const s = (sec: number): number => sec * 1000;

/**
 * The first failing-threshold kill among ticks from `from` while the app does not answer yet,
 * or null if the app answers before failureThreshold consecutive failures.
 */
function killTime(probe: Probe, t: Timing, from: number): number | null {
  const period = s(probe.periodSeconds);
  const first = nextTick(t.anchor, period, Math.max(from, t.containerStart + s(probe.initialDelaySeconds)));
  if (first >= t.answersAt) return null;
  const failing = Math.ceil((t.answersAt - first) / period);
  return failing >= probe.failureThreshold ? first + (probe.failureThreshold - 1) * period : null;
}

/** Plans one container run: when it is started, killed, or Ready. */
export function planContainer(
  t: Timing,
  probes: { startup: Probe | null; liveness: Probe | null; readiness: Probe | null },
): ContainerPlan {
  const { startup, liveness, readiness } = probes;
  let startedAt = t.containerStart;
  // Other workers see Started only after the startup result is published: strictly later ticks.
  let gatedFrom = t.containerStart;
  if (startup) {
    const kill = killTime(startup, t, t.containerStart);
    if (kill !== null) return { killAt: kill, killedBy: 'startup', readyAt: null };
    const period = s(startup.periodSeconds);
    startedAt = nextTick(t.anchor, period, Math.max(t.answersAt, t.containerStart + s(startup.initialDelaySeconds)));
    gatedFrom = startedAt + 1;
  }
  if (liveness) {
    const kill = killTime(liveness, t, gatedFrom);
    if (kill !== null) return { killAt: kill, killedBy: 'liveness', readyAt: null };
  }
  if (!readiness) return { killAt: null, killedBy: null, readyAt: startedAt };
  const period = s(readiness.periodSeconds);
  const firstSuccess = nextTick(
    t.anchor,
    period,
    Math.max(gatedFrom, t.answersAt, t.containerStart + s(readiness.initialDelaySeconds)),
  );
  return { killAt: null, killedBy: null, readyAt: firstSuccess + (readiness.successThreshold - 1) * period };
}

/**
 * CrashLoopBackOff, as kuberuntime's doBackOff drives client-go's flowcontrol.Backoff
 * (initial 10 s, max 300 s, no jitter): the delay before restarting a container that exited at
 * `exitedAt`. The first restart is immediate; the entry expires (resets) when the exit comes
 * more than 2 × max after the last restart.
 */
export function restartDelay(
  entry: { backoffMs: number; updatedAt: number },
  exitedAt: number,
  maxMs: number,
): number {
  if (entry.backoffMs === 0 || exitedAt - entry.updatedAt > 2 * maxMs) return 0;
  return entry.backoffMs;
}

/** Backoff.Next at a restart: a new or expired entry starts at `initial`, else doubles up to max. */
export function nextBackoff(
  entry: { backoffMs: number; updatedAt: number },
  exitedAt: number,
  initialMs: number,
  maxMs: number,
): number {
  if (entry.backoffMs === 0 || exitedAt - entry.updatedAt > 2 * maxMs) return initialMs;
  return Math.min(entry.backoffMs * 2, maxMs);
}

/** kuberuntime killContainer: SIGKILL comes no sooner than this after SIGTERM (minimumGracePeriodInSeconds). */
const MIN_GRACE_AFTER_SIGTERM_MS = 2000;

/**
 * When a running container killed at `now` is gone (killContainer): preStop first (bounded by
 * the grace period), then SIGTERM; the app exits after shutdownSeconds, or is SIGKILLed when
 * the grace period is used up, but never sooner than 2 s after SIGTERM.
 */
export function killEnds(spec: PodTemplate, now: number, graceSeconds: number): number {
  const grace = graceSeconds * 1000;
  const preStop = Math.min(spec.preStopSeconds * 1000, grace);
  const sigterm = now + preStop;
  const sigkill = Math.max(now + grace, sigterm + MIN_GRACE_AFTER_SIGTERM_MS);
  return Math.min(sigterm + spec.shutdownSeconds * 1000, sigkill);
}
