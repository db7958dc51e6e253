// The node lifecycle controller's eviction rate limiter per zone.
import type { SimTime } from '../engine/time.js';

/** A token bucket with burst 1 (flowcontrol.NewTokenBucketRateLimiter(qps, 1)). */
export class Limiter {
  /** When the bucket was last emptied; -Infinity = full. */
  private emptiedAt = -Infinity;
  constructor(readonly qps: number) {}
  /** The time a token is available (Infinity when the rate is 0). */
  nextToken(): SimTime {
    return this.qps <= 0 ? Infinity : this.emptiedAt + Math.ceil(1000 / this.qps);
  }
  tryAccept(now: SimTime): boolean {
    if (now < this.nextToken()) return false;
    this.emptiedAt = now;
    return true;
  }
  drain(now: SimTime): void {
    this.emptiedAt = now;
  }
}
