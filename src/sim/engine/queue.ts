// A binary min-heap of timers ordered by (time, priority, seq), as SimPy orders its queue:
// earlier time first; at equal times the lower priority number first; at equal priority the
// timer scheduled first (FIFO). The seq tie-break makes every run reproducible, which a plain
// priority heap (e.g. flatqueue) does not promise.
import type { SimTime } from './time.js';

export interface Timer {
  readonly time: SimTime;
  readonly priority: number;
  readonly seq: number;
  /** Set by Engine.cancel: the heap drops it lazily when it reaches the top (O(1) cancel). */
  cancelled: boolean;
  readonly fire: () => void;
}

const before = (a: Timer, b: Timer): boolean =>
  a.time < b.time || (a.time === b.time && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)));

export class TimerQueue {
  private heap: Timer[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(t: Timer): void {
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

  /** The earliest live timer, discarding cancelled ones on the way. */
  peek(): Timer | undefined {
    const h = this.heap;
    while (h.length > 0 && h[0].cancelled) this.pop();
    return h[0];
  }

  pop(): Timer | undefined {
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
