// The cluster's live state at the moment of a kubectl dump: node conditions and taints with
// their times, what each pod is doing (Terminating, crash-looping, starting, not Ready), and
// the snapshot's time — the latest timestamp the dump holds.
import type { ConditionStatus, InventoryPodStatus, Taint } from '../model/types.js';
import type { PathSegment } from './yaml-source.js';
import type { FailAt } from './kubectl-template.js';
import type { RawContainerStatus, RawNode, RawPod } from './kubectl-schema.js';

// RFC 3339 as the API server writes metav1.Time / MicroTime.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Collects the timestamps read, to find the snapshot's time (their latest). */
export class Clock {
  latest = -Infinity;

  /** An RFC 3339 time → ms since the epoch (null/absent → undefined); refused with its path. */
  time(v: string | null | undefined, path: readonly PathSegment[], fail: FailAt): number | undefined {
    if (v === null || v === undefined || v === '') return undefined;
    const ms = RFC3339.test(v) ? Date.parse(v) : NaN;
    if (!Number.isFinite(ms)) return fail(path, `${JSON.stringify(v.slice(0, 40))} is not an RFC 3339 time (e.g. 2024-11-17T10:19:31Z)`);
    if (ms > this.latest) this.latest = ms;
    return ms;
  }

  /** The latest time seen, or undefined when the dump had none. */
  get snapshot(): number | undefined {
    return this.latest === -Infinity ? undefined : this.latest;
  }
}

/** A node's Ready and MemoryPressure conditions, and its taints with timeAdded. */
export function nodeState(
  raw: RawNode,
  clock: Clock,
  fail: FailAt,
): { ready: ConditionStatus; memoryPressure: boolean; taints: Taint[] } {
  const conditions = raw.status?.conditions ?? [];
  let ready: ConditionStatus = 'True';
  let memoryPressure = false;
  conditions.forEach((c, i) => {
    const at = ['status', 'conditions', i];
    clock.time(c.lastHeartbeatTime, [...at, 'lastHeartbeatTime'], fail);
    clock.time(c.lastTransitionTime, [...at, 'lastTransitionTime'], fail);
    if (c.type === 'Ready') ready = c.status === 'True' || c.status === 'False' ? c.status : 'Unknown';
    if (c.type === 'MemoryPressure') memoryPressure = c.status === 'True';
  });
  const taints = (raw.spec?.taints ?? []).map((t, i): Taint => {
    const timeAdded = clock.time(t.timeAdded, ['spec', 'taints', i, 'timeAdded'], fail);
    return { key: t.key, value: t.value ?? '', effect: t.effect, ...(timeAdded !== undefined ? { timeAdded } : {}) };
  });
  return { ready, memoryPressure, taints };
}

/** What a dumped pod is doing, beyond its phase (times in ms since the epoch). */
export function podState(raw: RawPod, clock: Clock, fail: FailAt): InventoryPodStatus {
  const { metadata, spec, status } = raw;
  const out: { -readonly [K in keyof InventoryPodStatus]: InventoryPodStatus[K] } = {};
  clock.time(metadata.creationTimestamp, ['metadata', 'creationTimestamp'], fail);
  // deletionTimestamp is the end of the grace period (now + grace when the DELETE came): the
  // snapshot is at least the DELETE's time, not the deadline.
  const deletion = timeOnly(metadata.deletionTimestamp, ['metadata', 'deletionTimestamp'], fail);
  if (deletion !== undefined) {
    out.deletionTimestamp = deletion;
    const requested = deletion - (metadata.deletionGracePeriodSeconds ?? 0) * 1000;
    if (requested > clock.latest) clock.latest = requested;
  }
  (status?.conditions ?? []).forEach((c, i) => {
    const t = clock.time(c.lastTransitionTime, ['status', 'conditions', i, 'lastTransitionTime'], fail);
    if (c.type === 'PodScheduled' && c.status === 'True' && t !== undefined) out.scheduledAt = t;
    if (c.type === 'Ready' && t !== undefined) out.readySince = t;
  });
  const statuses = status?.containerStatuses ?? [];
  const app = spec.containers[0]?.name;
  const index = Math.max(0, statuses.findIndex((s) => s.name === app));
  statuses.forEach((s, i) => times(s, ['status', 'containerStatuses', i], clock, fail));
  (status?.initContainerStatuses ?? []).forEach((s, i) => times(s, ['status', 'initContainerStatuses', i], clock, fail));
  const cs = statuses[index];
  if (cs) {
    const at = ['status', 'containerStatuses', index];
    if (cs.restartCount) out.restartCount = cs.restartCount;
    if (cs.state?.waiting) out.waiting = cs.state.waiting.reason ?? 'Waiting';
    const started = clock.time(cs.state?.running?.startedAt, [...at, 'state', 'running', 'startedAt'], fail);
    if (started !== undefined) out.startedAt = started;
    const last = cs.lastState?.terminated;
    const finishedAt = clock.time(last?.finishedAt, [...at, 'lastState', 'terminated', 'finishedAt'], fail);
    if (last && finishedAt !== undefined) {
      const startedAt = clock.time(last.startedAt, [...at, 'lastState', 'terminated', 'startedAt'], fail);
      out.lastTerminated = {
        finishedAt,
        ranSeconds: startedAt === undefined ? null : Math.max(0, Math.round((finishedAt - startedAt) / 1000)),
        exitCode: last.exitCode ?? 0,
        reason: last.reason ?? '',
      };
    }
  }
  return out;
}

function times(s: RawContainerStatus, at: PathSegment[], clock: Clock, fail: FailAt): void {
  for (const key of ['state', 'lastState'] as const) {
    const st = s[key];
    clock.time(st?.running?.startedAt, [...at, key, 'running', 'startedAt'], fail);
    clock.time(st?.terminated?.startedAt, [...at, key, 'terminated', 'startedAt'], fail);
    clock.time(st?.terminated?.finishedAt, [...at, key, 'terminated', 'finishedAt'], fail);
  }
}

/** A time that is read but does not count for the snapshot (a deadline, not an observation). */
function timeOnly(v: string | null | undefined, path: readonly PathSegment[], fail: FailAt): number | undefined {
  const c = new Clock();
  return c.time(v, path, fail);
}

/**
 * The word kubectl's STATUS column would show for a pod that is not Running and Ready (printPod,
 * simplified): Terminating, a waiting reason (CrashLoopBackOff, ContainerCreating, …), the
 * phase or its reason (Evicted), or "Running (not Ready)". Null for Running and Ready pods.
 */
export function kubectlStatus(raw: RawPod, ready: boolean, st: InventoryPodStatus): string | null {
  const phase = raw.status?.phase ?? 'Pending';
  if (st.deletionTimestamp !== undefined && phase !== 'Succeeded' && phase !== 'Failed') return 'Terminating';
  if (phase === 'Succeeded' || phase === 'Failed') return raw.status?.reason || phase;
  if (st.waiting) return st.waiting;
  if (phase === 'Running') return ready ? null : 'Running (not Ready)';
  return phase;
}
