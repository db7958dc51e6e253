// An Indexed Job's completion indexes, after pkg/controller/job/indexed_job_utils.go: the
// succeeded indexes as ordered intervals (status.completedIndexes "0-2,4"), merged with new
// ones (withOrderedIndexes), parsed back (succeededIndexesFromString), and the lowest indexes
// no pod covers yet (firstPendingIndexes). Pure.

/** An inclusive run of indexes. */
export interface Interval {
  readonly first: number;
  readonly last: number;
}

export type Intervals = readonly Interval[];

/** withOrderedIndexes: the intervals with `indexes` (ascending) merged in. */
export function withOrderedIndexes(oi: Intervals, indexes: readonly number[]): Interval[] {
  const out: { first: number; last: number }[] = [];
  const add = (iv: Interval) => {
    const last = out[out.length - 1];
    if (!last || iv.first > last.last + 1) out.push({ first: iv.first, last: iv.last });
    else if (last.last < iv.last) last.last = iv.last;
  };
  let i = 0;
  let j = 0;
  while (i < oi.length && j < indexes.length) {
    if (oi[i].first < indexes[j]) add(oi[i++]);
    else {
      add({ first: indexes[j], last: indexes[j] });
      j++;
    }
  }
  while (i < oi.length) add(oi[i++]);
  while (j < indexes.length) {
    add({ first: indexes[j], last: indexes[j] });
    j++;
  }
  return out;
}

/** total: how many indexes the intervals hold. */
export function totalIndexes(oi: Intervals): number {
  let n = 0;
  for (const iv of oi) n += iv.last - iv.first + 1;
  return n;
}

/** String: "0-2,4" (two neighbours are written "5,6"). */
export function formatIntervals(oi: Intervals): string {
  let s = '';
  for (const iv of oi) {
    if (s) s += ',';
    s += String(iv.first);
    if (iv.last > iv.first) s += (iv.last === iv.first + 1 ? ',' : '-') + String(iv.last);
  }
  return s;
}

/** has: whether `ix` is in the intervals (binary search). */
export function hasIndex(oi: Intervals, ix: number): boolean {
  let lo = 0;
  let hi = oi.length;
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    if (oi[mid].last >= ix) hi = mid;
    else lo = mid + 1;
  }
  return hi < oi.length && oi[hi].first <= ix;
}

/**
 * succeededIndexesFromString: "0-2,4" → intervals, indexes at or above `completions` dropped,
 * corrupt parts ignored.
 */
export function parseIntervals(text: string, completions: number): Interval[] {
  if (text === '') return [];
  const out: { first: number; last: number }[] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split('-');
    const first = /^\d+$/.test(a) ? Number(a) : NaN;
    if (Number.isNaN(first)) continue;
    if (first >= completions) break;
    let last = first;
    if (b !== undefined) {
      if (!/^\d+$/.test(b)) continue;
      last = Math.min(Number(b), completions - 1);
    }
    const prev = out[out.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else out.push({ first, last });
  }
  return out;
}

/** Intervals → the indexes they hold, ascending. */
export function indexesOf(oi: Intervals): number[] {
  const out: number[] = [];
  for (const iv of oi) for (let i = iv.first; i <= iv.last; i++) out.push(i);
  return out;
}

/**
 * firstPendingIndexes: `count` indexes below `completions` that are neither succeeded nor
 * covered by an active pod (nor, when only failed pods are replaced, by a terminating one).
 */
export function firstPendingIndexes(succeeded: Intervals, covered: readonly number[], count: number, completions: number): number[] {
  if (count === 0) return [];
  const nonPending = withOrderedIndexes(succeeded, [...new Set(covered.filter((i) => i >= 0))].sort((a, b) => a - b));
  const out: number[] = [];
  let candidate = 0;
  for (const iv of nonPending) {
    for (; candidate < completions && out.length < count && candidate < iv.first; candidate++) out.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && out.length < count; candidate++) out.push(candidate);
  return out;
}
