// The simulation kernel, after SimPy's Environment: a clock and a timer queue, nothing about
// Kubernetes. Timers are callbacks; a timer can be cancelled in O(1). `runUntil` processes one
// instant at a time and calls `onInstant` once every timer of that instant (including those
// scheduled while it ran) has fired, so observers see each instant's settled state.
import { TimerQueue, type Timer } from './queue.js';
import type { SimTime } from './time.js';

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
    const t: Timer = { time: at, priority, seq: this.seq++, cancelled: false, fire };
    this.queue.push(t);
    return t;
  }

  /** Schedules `fire` after `delay` ms. */
  after(delay: SimTime, priority: number, fire: () => void): Timer {
    if (!(delay >= 0)) throw new Error(`negative delay ${delay} ms`);
    return this.at(this._now + delay, priority, fire);
  }

  cancel(t: Timer | null | undefined): void {
    if (t) t.cancelled = true;
  }

  /** Time of the next live timer, or Infinity when none is left. */
  peekTime(): SimTime {
    return this.queue.peek()?.time ?? Infinity;
  }

  /** Fires the next live timer; false when the queue is empty. */
  step(): boolean {
    const t = this.queue.peek();
    if (!t) return false;
    this.queue.pop();
    this._now = t.time;
    this.fired++;
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
