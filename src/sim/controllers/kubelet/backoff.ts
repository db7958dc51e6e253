// client-go util/flowcontrol Backoff (no jitter), as the kubelet keys it per container for
// CrashLoopBackOff (kuberuntime doBackOff; initial 10 s, max 300 s). An entry is the backoff
// and the time it was last moved; it expires (starts over) when an event comes more than
// 2 × max after that. Times in ms.

export interface BackoffEntry {
  backoffMs: number;
  lastUpdate: number;
}

/** hasExpired: the entry is considered stable (reset) past 2 × max since its last update. */
export function hasExpired(eventTime: number, lastUpdate: number, maxMs: number): boolean {
  return eventTime - lastUpdate > 2 * maxMs;
}

/** IsInBackOffSince(id, eventTime): the entry exists, has not expired and now − eventTime < backoff. */
export function isInBackOffSince(e: BackoffEntry | null, eventTime: number, now: number, maxMs: number): boolean {
  if (e === null || hasExpired(eventTime, e.lastUpdate, maxMs)) return false;
  return now - eventTime < e.backoffMs;
}

/** IsInBackOffSinceUpdate(id, eventTime): measured from the entry's last update instead. */
export function isInBackOffSinceUpdate(e: BackoffEntry | null, eventTime: number, maxMs: number): boolean {
  if (e === null || hasExpired(eventTime, e.lastUpdate, maxMs)) return false;
  return eventTime - e.lastUpdate < e.backoffMs;
}

/** Next(id, eventTime): a new or expired entry starts at `initial`, else doubles up to max; lastUpdate = now. */
export function nextBackoff(e: BackoffEntry | null, eventTime: number, now: number, initialMs: number, maxMs: number): BackoffEntry {
  const backoffMs = e === null || hasExpired(eventTime, e.lastUpdate, maxMs) ? initialMs : Math.min(2 * e.backoffMs, maxMs);
  return { backoffMs, lastUpdate: now };
}
