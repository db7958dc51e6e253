// Sparklines: one of eight block glyphs per value, scaled between min and max (pure).
export const BLOCKS = '▁▂▃▄▅▆▇█';

export interface SparkScale {
  /** Value drawn as ▁ (default: the series' minimum). */
  readonly min?: number;
  /** Value drawn as █ (default: the series' maximum). */
  readonly max?: number;
}

/** A flat series is drawn full (█). */
export function sparkline(values: readonly number[], scale: SparkScale = {}): string {
  if (values.length === 0) return '';
  const lo = scale.min ?? Math.min(...values);
  const hi = scale.max ?? Math.max(...values);
  let out = '';
  for (const v of values) {
    if (hi <= lo) out += BLOCKS[7];
    else {
      const f = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
      out += BLOCKS[Math.round(f * 7)];
    }
  }
  return out;
}

/** A horizontal bar of `width` cells filled to `fraction` (0..1), with eighth-cell precision. */
export function hbar(fraction: number, width: number): { filled: string; empty: string } {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const eighths = Math.round(f * width * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  const partial = part ? '▏▎▍▌▋▊▉'[part - 1] : '';
  const filled = '█'.repeat(full) + partial;
  return { filled, empty: '·'.repeat(Math.max(0, width - full - (partial ? 1 : 0))) };
}
