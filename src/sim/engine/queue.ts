// A binary min-heap of timers ordered by (time, priority, seq), as SimPy orders its queue:
// earlier time first; at equal times the lower priority number first; at equal priority the
// timer scheduled first (FIFO). The seq tie-break makes every run reproducible, which a plain
// priority heap (e.g. flatqueue) does not promise.
import type { SimTime } from './time.js';

/** pending → fired, or pending → cancelled; only the engine moves a timer between states. */
export type TimerState = 'pending' | 'fired' | 'cancelled';

/** A handle on scheduled work. Its state is the engine's; holders only read it. */
export interface Timer {
  readonly time: SimTime;
  readonly priority: number;
  readonly state: TimerState;
}

/** The engine's own record of a timer (the handle callers get is this object, read-only). */
export class TimerEntry implements Timer {
  state: TimerState = 'pending';
  constructor(
    readonly time: SimTime,
    readonly priority: number,
    readonly seq: number,
    readonly fire: () => void,
  ) {}
}

const before = (a: TimerEntry, b: TimerEntry): boolean =>
  a.time < b.time || (a.time === b.time && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)));

export class TimerQueue {
  private heap: TimerEntry[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(t: TimerEntry): void {
    const h = this.heap;
    let i = h.length;
    h.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(t, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = t;
  }

  /** The earliest pending timer, dropping cancelled ones on the way (O(1) lazy cancel). */
  peek(): TimerEntry | undefined {
    const h = this.heap;
    while (h.length > 0 && h[0].state === 'cancelled') this.pop();
    return h[0];
  }

  pop(): TimerEntry | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r], h[l]) ? r : l;
        if (!before(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
