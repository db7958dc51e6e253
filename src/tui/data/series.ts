// Step-function series from the simulation's change-driven samples (pure).
// A sample holds from its time until the next sample's time; the last one holds to the end.

export interface Timed {
  readonly time: number;
}

/** Index of the sample in effect at `t` (the last with time <= t); -1 before the first. */
export function indexAt(samples: readonly Timed[], t: number): number {
  let lo = 0;
  let hi = samples.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].time <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The sample in effect at `t` (the first sample when `t` is before it); undefined when empty. */
export function sampleAt<T extends Timed>(samples: readonly T[], t: number): T | undefined {
  if (samples.length === 0) return undefined;
  return samples[Math.max(0, indexAt(samples, t))];
}

/** How a column that spans several samples is reduced to one value. */
export type Reduce = 'min' | 'max' | 'at';

/**
 * Resamples a step series into `columns` values over [0, durationMs]. Column i covers
 * [i·w, (i+1)·w) with w = duration / columns; `at` takes the value in effect at the column's
 * start, `min`/`max` the extreme over the whole column, so a dip shorter than a column still
 * shows (availability charts use `min`, pending/terminating `max`).
 */
export function resample<T extends Timed>(
  samples: readonly T[],
  value: (s: T) => number,
  columns: number,
  durationMs: number,
  reduce: Reduce = 'at',
): number[] {
  const out: number[] = new Array(Math.max(0, columns)).fill(0);
  if (samples.length === 0 || columns <= 0) return out;
  const w = durationMs / columns;
  let i = Math.max(0, indexAt(samples, 0));
  for (let c = 0; c < columns; c++) {
    const start = c * w;
    const end = (c + 1) * w;
    while (i + 1 < samples.length && samples[i + 1].time <= start) i++;
    let v = value(samples[i]);
    if (reduce !== 'at') {
      for (let j = i + 1; j < samples.length && samples[j].time < end; j++) {
        const x = value(samples[j]);
        v = reduce === 'min' ? Math.min(v, x) : Math.max(v, x);
      }
    }
    out[c] = v;
  }
  return out;
}

/** The column a time falls in, for `columns` columns over [0, durationMs]. */
export function columnOf(t: number, columns: number, durationMs: number): number {
  if (durationMs <= 0 || columns <= 0) return 0;
  return Math.min(columns - 1, Math.max(0, Math.floor((t / durationMs) * columns)));
}

/** Times at which any sample changes, sorted and unique (for jumping the cursor). */
export function changeTimes(samples: readonly Timed[]): number[] {
  const out: number[] = [];
  for (const s of samples) if (out[out.length - 1] !== s.time) out.push(s.time);
  return out;
}
