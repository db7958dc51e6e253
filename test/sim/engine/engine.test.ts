// The kernel's contract: (time, priority, seq) order, O(1) cancellation, instant-by-instant runs.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/sim/engine/engine.js';
import { makeStreams } from '../../../src/sim/engine/rng.js';

describe('Engine', () => {
  it('fires by time, then priority, then scheduling order (FIFO)', () => {
    const e = new Engine();
    const log: string[] = [];
    e.at(20, 5, () => log.push('t20 p5'));
    e.at(10, 9, () => log.push('t10 p9 first'));
    e.at(10, 1, () => log.push('t10 p1'));
    e.at(10, 9, () => log.push('t10 p9 second'));
    e.after(0, 0, () => log.push('t0'));
    e.runUntil(100);
    expect(log).toEqual(['t0', 't10 p1', 't10 p9 first', 't10 p9 second', 't20 p5']);
  });

  it('drops cancelled timers and lets timers schedule more in the same instant', () => {
    const e = new Engine();
    const log: string[] = [];
    const t = e.at(5, 0, () => log.push('cancelled'));
    e.at(5, 0, () => {
      log.push('a');
      e.at(5, 0, () => log.push('b, same instant'));
    });
    e.cancel(t);
    const instants: number[] = [];
    e.runUntil(10, (now) => instants.push(now));
    expect(log).toEqual(['a', 'b, same instant']);
    expect(instants).toEqual([5]);
    expect(e.now).toBe(10);
  });

  it('refuses to schedule in the past or with a negative delay', () => {
    const e = new Engine();
    e.runUntil(50);
    expect(() => e.at(10, 0, () => {})).toThrow(/before now/);
    expect(() => e.after(-1, 0, () => {})).toThrow(/negative delay/);
  });

  it('can pause between instants for a UI and resume', () => {
    const e = new Engine();
    const seen: number[] = [];
    for (let t = 1; t <= 5; t++) e.at(t, 0, () => seen.push(t));
    expect(e.runUntil(10, undefined, () => true)).toBe(false);
    expect(seen).toEqual([1]);
    expect(e.runUntil(10)).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('timer state (owned by the engine)', () => {
  it('moves pending → fired or pending → cancelled, and cancelling a fired timer changes nothing', () => {
    const e = new Engine();
    const a = e.at(5, 0, () => {});
    const b = e.at(5, 0, () => {});
    expect([a.state, b.state]).toEqual(['pending', 'pending']);
    e.cancel(b);
    expect(e.pending(b)).toBe(false);
    e.runUntil(10);
    expect([a.state, b.state]).toEqual(['fired', 'cancelled']);
    e.cancel(a);
    expect(a.state).toBe('fired');
    expect(e.pending(null)).toBe(false);
  });

  it('reschedule keeps a timer already due at that time, else moves its work', () => {
    const e = new Engine();
    const log: number[] = [];
    const t = e.at(10, 0, () => log.push(e.now));
    expect(e.reschedule(t, 10)).toBe(t);
    const moved = e.reschedule(t, 20);
    expect(moved).not.toBe(t);
    expect(t.state).toBe('cancelled');
    expect([moved.time, moved.priority, moved.state]).toEqual([20, 0, 'pending']);
    e.runUntil(30);
    expect(log).toEqual([20]);
    // A fired timer's work can be planned again.
    const again = e.reschedule(moved, 40);
    e.runUntil(50);
    expect(again.state).toBe('fired');
    expect(log).toEqual([20, 40]);
  });
});

describe('seeded streams', () => {
  it('repeat for a seed, differ between seeds and between streams', () => {
    const draw = (seed: number, name: 'scheduler' | 'workload') => {
      const s = makeStreams(seed)[name];
      return Array.from({ length: 8 }, () => s.int(0, 1_000_000));
    };
    expect(draw(42, 'scheduler')).toEqual(draw(42, 'scheduler'));
    expect(draw(42, 'scheduler')).not.toEqual(draw(43, 'scheduler'));
    expect(draw(42, 'scheduler')).not.toEqual(draw(42, 'workload'));
  });
});
