// The simulation kernel, after SimPy's Environment: a clock and a timer queue, nothing about
// Kubernetes. Timers are callbacks; a timer can be cancelled in O(1). `runUntil` processes one
// instant at a time and calls `onInstant` once every timer of that instant (including those
// scheduled while it ran) has fired, so observers see each instant's settled state.
// The engine owns each timer's state (pending, fired, cancelled): holders ask `pending(t)`
// instead of keeping flags of their own, and move work with `reschedule`.
import { TimerEntry, TimerQueue, type Timer } from './queue.js';
import type { SimTime } from './time.js';

export type { Timer, TimerState } from './queue.js';
export type { SimTime } from './time.js';

export class Engine {
  private queue = new TimerQueue();
  private seq = 0;
  private _now: SimTime = 0;
  /** Timers fired so far (a measure of simulated work, for benchmarks). */
  fired = 0;

  get now(): SimTime {
    return this._now;
  }

  /** Schedules `fire` at absolute time `at` (never in the past). */
  at(at: SimTime, priority: number, fire: () => void): Timer {
    if (!(at >= this._now)) throw new Error(`cannot schedule at ${at} ms: it is before now (${this._now} ms)`);
    const t = new TimerEntry(at, priority, this.seq++, fire);
    this.queue.push(t);
    return t;
  }

  /** Schedules `fire` after `delay` ms. */
  after(delay: SimTime, priority: number, fire: () => void): Timer {
    if (!(delay >= 0)) throw new Error(`negative delay ${delay} ms`);
    return this.at(this._now + delay, priority, fire);
  }

  /** Cancels a pending timer; a fired or cancelled one (or none) is left as it is. */
  cancel(t: Timer | null | undefined): void {
    if (t && t.state === 'pending') (t as TimerEntry).state = 'cancelled';
  }

  /** Whether `t` is scheduled and has neither fired nor been cancelled. */
  pending(t: Timer | null | undefined): t is Timer {
    return t != null && t.state === 'pending';
  }

  /**
   * The same work at another time: `t` itself when it is pending at `at` already, otherwise a
   * new timer with t's priority and callback (t is cancelled if it was pending).
   */
  reschedule(t: Timer, at: SimTime): Timer {
    if (t.state === 'pending' && t.time === at) return t;
    this.cancel(t);
    return this.at(at, t.priority, (t as TimerEntry).fire);
  }

  /** Time of the next pending timer, or Infinity when none is left. */
  peekTime(): SimTime {
    return this.queue.peek()?.time ?? Infinity;
  }

  /** Fires the next pending timer; false when the queue is empty. */
  step(): boolean {
    const t = this.queue.peek();
    if (!t) return false;
    this.queue.pop();
    this._now = t.time;
    this.fired++;
    t.state = 'fired';
    t.fire();
    return true;
  }

  /**
   * Runs every timer with time <= until, instant by instant, calling onInstant(now) after each
   * instant settles; then advances the clock to `until`. Returns false if it stopped because
   * `shouldYield` asked (so a UI can slice a long run), true when `until` was reached.
   */
  runUntil(until: SimTime, onInstant?: (now: SimTime) => void, shouldYield?: () => boolean): boolean {
    for (;;) {
      const next = this.peekTime();
      if (next > until) break;
      while (this.peekTime() === next) this.step();
      onInstant?.(next);
      if (shouldYield?.()) return false;
    }
    if (until > this._now && until !== Infinity) this._now = until;
    return true;
  }
}
