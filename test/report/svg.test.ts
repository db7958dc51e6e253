// The SVG helpers on fixed inputs: Heckbert's nice numbers and ticks, time ticks and labels,
// step paths, column thinning, clipping and fixed-precision coordinates.
import { describe, expect, it } from 'vitest';
import { clip, compressSteps, linear, niceCountTicks, niceNum, niceTicks, num, stepAreaPath, stepBandPath, stepPath, timeTicks } from '../../src/report/svg.js';
import { clipSteps, groupMarkers } from '../../src/report/charts.js';

describe('niceNum (Heckbert 1990)', () => {
  it.each([
    [0.7, true, 0.5],
    [0.7, false, 1],
    [130, false, 200],
    [130, true, 100],
    [3, true, 5],
    [7, true, 10],
    [1.4, true, 1],
    [2.5, false, 5],
    [10, false, 10],
    [0, false, 1],
  ])('niceNum(%d, %s) = %d', (x, round, want) => expect(niceNum(x, round)).toBe(want));
});

describe('niceTicks (loose labelling)', () => {
  it.each([
    { lo: 0, hi: 9, ticks: [0, 2, 4, 6, 8, 10] },
    { lo: 0, hi: 143, ticks: [0, 50, 100, 150] },
    { lo: 0, hi: 0.3, ticks: [0, 0.1, 0.2, 0.3] },
    { lo: -3, hi: 7, ticks: [-4, -2, 0, 2, 4, 6, 8] },
    { lo: 5, hi: 5, ticks: [0, 1, 2, 3, 4, 5] },
    { lo: 0, hi: 0, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    { lo: 0, hi: 47.64, ticks: [0, 10, 20, 30, 40, 50] },
  ])('[$lo, $hi] → $ticks', ({ lo, hi, ticks }) => {
    const t = niceTicks(lo, hi);
    expect(t.ticks).toEqual(ticks);
    expect(t.min).toBe(ticks[0]);
    expect(t.max).toBe(ticks[ticks.length - 1]);
    expect(t.min).toBeLessThanOrEqual(Math.min(lo, hi));
    expect(t.max).toBeGreaterThanOrEqual(Math.max(lo, hi));
  });

  it('has no float noise in its labels', () => {
    for (const t of niceTicks(0, 0.7).ticks) expect(String(t).length).toBeLessThanOrEqual(3);
  });

  it('survives non-finite input', () => expect(niceTicks(0, Infinity).ticks).toEqual(niceTicks(0, 1).ticks));
});

describe('niceCountTicks (pods: whole numbers only)', () => {
  it.each([
    [3, [0, 1, 2, 3]],
    [2, [0, 1, 2]],
    [1, [0, 1]],
    [0, [0, 1]],
    [9, [0, 2, 4, 6, 8, 10]],
    [30, [0, 10, 20, 30]],
  ])('up to %d → %j', (hi, want) => expect(niceCountTicks(hi).ticks).toEqual(want));
});

describe('timeTicks', () => {
  it('30 minutes: every 5 minutes', () => expect(timeTicks(0, 1800)).toEqual({ step: 300, ticks: [0, 300, 600, 900, 1200, 1500, 1800] }));
  it('a close-up 50 s … 250 s: every 30 s from 1m', () => expect(timeTicks(50, 250).ticks).toEqual([60, 90, 120, 150, 180, 210, 240]));
  it('5 minutes: every minute', () => expect(timeTicks(0, 300).step).toBe(60));
  it('2 hours: every 15 minutes', () => expect(timeTicks(0, 7200).step).toBe(900));
  it('under a second: just the ends', () => expect(timeTicks(0, 0.5).ticks).toEqual([0, 0.5]));
  it('zero length: one tick', () => expect(timeTicks(0, 0).ticks).toEqual([0]));
  it('never more intervals than asked', () => {
    for (const d of [7, 61, 299, 1000, 5401, 86400 * 3]) expect(timeTicks(0, d, 6).ticks.length - 1).toBeLessThanOrEqual(6);
  });
});

describe('num (coordinates)', () => {
  it.each([
    [12.04, '12'],
    [3.25, '3.3'],
    [-0.01, '0'],
    [-3.26, '-3.3'],
    [100, '100'],
  ])('%d → %s', (x, want) => expect(num(x)).toBe(want));
});

describe('step paths', () => {
  it('draws horizontal then vertical segments up to the end', () => {
    expect(stepPath([[0, 10], [5, 20]], 9)).toBe('M0 10H5V20H9');
  });
  it('skips repeated values', () => {
    expect(stepPath([[0, 10], [5, 10], [7, 20]], 9)).toBe('M0 10H7V20H9');
  });
  it('a single point runs to the end', () => expect(stepPath([[0, 10]], 9)).toBe('M0 10H9'));
  it('a change at the very end still shows', () => expect(stepPath([[0, 10], [9, 20]], 9)).toBe('M0 10H9V20'));
  it('empty input draws nothing', () => expect(stepPath([], 9)).toBe(''));
  it('band: along the top, then back along the bottom (stacked areas)', () => {
    expect(stepBandPath([[0, 10], [5, 20]], [[0, 30], [5, 25]], 9)).toBe('M0 10H5V20H9V25H5V30H0Z');
    expect(stepBandPath([[0, 10]], [[0, 30], [4, 30]], 9)).toBe('M0 10H9V30H0Z');
  });
  it('area: closed down to the baseline', () => {
    expect(stepAreaPath([[0, 10], [5, 20]], 9, 30)).toBe('M0 30V10H5V20H9V30Z');
  });
});

describe('compressSteps', () => {
  it('keeps first, extremes and last of a pixel column, in order, at the column’s first x', () => {
    const pts = [[0, 10], [10.2, 5], [10.3, 25], [10.4, 20], [10.45, 12], [20, 12]] as const;
    expect(compressSteps(pts)).toEqual([[0, 10], [10.2, 5], [10.2, 25], [10.2, 12]]);
  });
  it('leaves sparse points alone', () => {
    const pts = [[0, 1], [5, 2], [10, 3]] as const;
    expect(compressSteps(pts)).toEqual(pts);
  });
  it('turns 100 000 points into at most a few per column', () => {
    const pts = Array.from({ length: 100_000 }, (_, i) => [i / 200, i % 7] as const);
    expect(compressSteps(pts).length).toBeLessThanOrEqual(4 * 501);
  });
});

describe('clipSteps', () => {
  const steps = [[0, 1], [5, 2], [9, 3]] as const;
  it('starts with the value in effect at `from`', () => expect(clipSteps(steps, 6, 8)).toEqual([[6, 2]]));
  it('keeps points inside', () => expect(clipSteps(steps, 5, 9)).toEqual([[5, 2], [9, 3]]));
  it('the whole range is unchanged', () => expect(clipSteps(steps, 0, 10)).toEqual(steps));
});

describe('small helpers', () => {
  it('linear maps domain to range, flat domains to the start', () => {
    expect(linear(0, 10, 100, 200)(5)).toBe(150);
    expect(linear(3, 3, 100, 200)(7)).toBe(100);
  });
  it('clip shortens with an ellipsis', () => {
    expect(clip('general-purpose-node-17', 10)).toBe('general-p…');
    expect(clip('short', 10)).toBe('short');
  });
});

describe('groupMarkers', () => {
  const x = (ms: number) => ms / 1000; // 1 px per second
  const m = (s: number, tag: string) => ({ atMs: s * 1000, tag, title: `${tag}: at ${s}s` });
  it('keeps markers that are far apart', () => {
    expect(groupMarkers([m(0, '1'), m(60, '2')], x).map((g) => g.tag)).toEqual(['1', '2']);
  });
  it('merges close ones into a range with the first titles', () => {
    const g = groupMarkers([m(0, '1'), m(5, '2'), m(8, '3'), m(100, '4')], x);
    expect(g.map((v) => v.tag)).toEqual(['1–3', '4']);
    expect(g[0].title).toBe('1: at 0s\n2: at 5s\n3: at 8s');
  });
  it('says how many more a big group holds', () => {
    const g = groupMarkers(Array.from({ length: 8 }, (_, i) => m(0, String(i + 1))), x);
    expect(g).toHaveLength(1);
    expect(g[0].title.split('\n').pop()).toBe('… and 3 more');
  });
});
