// Small, dependency-free SVG building blocks for the report charts (pure, deterministic):
// nice axis ticks (Heckbert, "Nice numbers for graph labels", Graphics Gems 1990), time ticks,
// step-function paths, fixed-precision coordinates, escaping. The charts themselves are in
// charts.ts; this file knows nothing about Kubernetes.

/** Escapes text for XML/HTML content and attribute values. */
export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A coordinate with at most one decimal, no trailing ".0" and never "-0", so the same chart
 * always serialises to the same bytes: 12.04 → "12", 3.25 → "3.3", -0.01 → "0".
 */
export function num(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/**
 * Heckbert's nice number: the "nice" value (1, 2, 5 or 10 × a power of ten) closest to x when
 * `round`, else the smallest nice value ≥ x. niceNum(0.7, true) = 0.5, niceNum(0.7, false) = 1,
 * niceNum(130, false) = 200, niceNum(130, true) = 100.
 */
export function niceNum(x: number, round: boolean): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const exp = Math.floor(Math.log10(x));
  const f = x / 10 ** exp;
  let nf: number;
  if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * 10 ** exp;
}

export interface Ticks {
  /** Axis range, widened to whole steps ("loose" labelling). */
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** The tick values from min to max inclusive. */
  readonly ticks: readonly number[];
}

/**
 * Loose nice ticks (Heckbert) for [lo, hi] with about `count` ticks. The range always contains
 * lo and hi; an empty range [v, v] becomes [0, v] (or [0, 1] for 0). Tick values are rounded to
 * the step's decimals, so 0.1 + 0.2 shows as 0.3. Example: niceTicks(0, 9) = 0, 2, 4, 6, 8, 10.
 */
export function niceTicks(lo: number, hi: number, count = 5): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return niceTicks(0, 1, count);
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) {
    if (lo > 0) lo = 0;
    else if (hi < 0) hi = 0;
    else hi = 1;
  }
  const range = niceNum(hi - lo, false);
  const step = niceNum(range / Math.max(1, count - 1), true);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const fix = (v: number): number => {
    const r = Number(v.toFixed(decimals));
    return Object.is(r, -0) ? 0 : r;
  };
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(fix(k * step));
  return { min: fix(first * step), max: fix(last * step), step, ticks };
}

/** Integer-only ticks for counts (pods): steps of at least 1. niceCountTicks(0, 3) = 0, 1, 2, 3. */
export function niceCountTicks(hi: number, count = 5): Ticks {
  const t = niceTicks(0, Math.max(1, hi), count);
  if (t.step >= 1) return t;
  const ticks: number[] = [];
  for (let k = 0; k <= Math.ceil(hi); k++) ticks.push(k);
  return { min: 0, max: Math.max(1, Math.ceil(hi)), step: 1, ticks: ticks.length > 1 ? ticks : [0, 1] };
}

/** Steps a time axis may use, in seconds: 1s … 30s, 1m … 30m, 1h … 12h, 1d, 2d, 7d. */
const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

/**
 * Ticks for a time axis over [fromS, toS] (seconds): the smallest clock-friendly step giving at
 * most `maxTicks` intervals, at its multiples. timeTicks(0, 1800) = 0, 5m, 10m, … 30m (step 300);
 * timeTicks(50, 250) = 1m, 1m30s, … 4m (step 30). A span shorter than a second gets its ends.
 */
export function timeTicks(fromS: number, toS: number, maxTicks = 8): { step: number; ticks: number[] } {
  const span = toS - fromS;
  if (!(span > 0)) return { step: 1, ticks: [fromS] };
  const step = TIME_STEPS_S.find((s) => span / s <= maxTicks) ?? niceNum(span / maxTicks, false);
  if (step > span) return { step: span, ticks: [fromS, toS] };
  const ticks: number[] = [];
  for (let k = Math.ceil(fromS / step - 1e-9) || 0; k * step <= toS + 1e-9; k++) ticks.push(k * step);
  return { step, ticks };
}

/** Maps [d0, d1] linearly onto [r0, r1]; a zero-width domain maps everything to r0. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** A point of a step function in pixels: the value y holds from x until the next point's x. */
export type Pt = readonly [x: number, y: number];

/**
 * Thins a step function to what a screen can show: points that fall in the same pixel column
 * are replaced by the first value, the extremes (in the order they occurred) and the last value
 * of that column, so spikes stay visible. Input must be sorted by x.
 */
export function compressSteps(pts: readonly Pt[]): Pt[] {
  const out: Pt[] = [];
  let i = 0;
  while (i < pts.length) {
    const col = Math.round(pts[i][0]);
    let j = i;
    let lo = i;
    let hi = i;
    while (j + 1 < pts.length && Math.round(pts[j + 1][0]) === col) {
      j++;
      if (pts[j][1] < pts[lo][1]) lo = j;
      if (pts[j][1] > pts[hi][1]) hi = j;
    }
    const x = pts[i][0]; // every kept point of the column is drawn at its first x
    const keep = [...new Set([i, lo, hi, j])].sort((a, b) => a - b);
    for (const k of keep) {
      const y = pts[k][1];
      if (out.length > 0 && out[out.length - 1][1] === y) continue;
      out.push([x, y]);
    }
    i = j + 1;
  }
  return out;
}

/** The step segments after the pen is at pts[0]: "H x V y" per change, then on to xEnd. */
function stepSegments(pts: readonly Pt[], xEnd: number): string {
  let d = '';
  let y = num(pts[0][1]);
  let penX = num(pts[0][0]);
  for (let i = 1; i < pts.length; i++) {
    const ny = num(pts[i][1]);
    if (ny === y) continue;
    penX = num(pts[i][0]);
    d += `H${penX}V${ny}`;
    y = ny;
  }
  if (num(xEnd) !== penX) d += `H${num(xEnd)}`;
  return d;
}

/**
 * SVG path of a step function (each value holds until the next point), drawn to xEnd:
 * stepPath([[0, 10], [5, 20]], 9) = "M0 10H5V20H9". Repeated values add nothing.
 */
export function stepPath(pts: readonly Pt[], xEnd: number): string {
  if (pts.length === 0) return '';
  return `M${num(pts[0][0])} ${num(pts[0][1])}${stepSegments(pts, xEnd)}`;
}

/**
 * Closed SVG path of the area between a step function and the baseline yBase:
 * stepAreaPath([[0, 10], [5, 20]], 9, 30) = "M0 30V10H5V20H9V30Z".
 */
export function stepAreaPath(pts: readonly Pt[], xEnd: number, yBase: number): string {
  if (pts.length === 0) return '';
  return `M${num(pts[0][0])} ${num(yBase)}V${num(pts[0][1])}${stepSegments(pts, xEnd)}V${num(yBase)}Z`;
}

/**
 * Closed SVG path of the band between two step functions (top above bottom, e.g. stacked
 * areas): along the top to xEnd, down, and back along the bottom.
 * stepBandPath([[0, 10], [5, 20]], [[0, 30], [5, 25]], 9) = "M0 10H5V20H9V25H5V30H0Z".
 */
export function stepBandPath(top: readonly Pt[], bottom: readonly Pt[], xEnd: number): string {
  if (top.length === 0 || bottom.length === 0) return '';
  let d = `${stepPath(top, xEnd)}V${num(bottom[bottom.length - 1][1])}`;
  for (let i = bottom.length - 1; i > 0; i--) {
    if (num(bottom[i][1]) === num(bottom[i - 1][1])) continue;
    d += `H${num(bottom[i][0])}V${num(bottom[i - 1][1])}`;
  }
  return `${d}H${num(bottom[0][0])}Z`;
}

/** Shortens a label to `max` characters with an ellipsis. */
export const clip = (s: string, max: number): string => (s.length <= max ? s : s.slice(0, Math.max(1, max - 1)) + '…');
