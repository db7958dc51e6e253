// Number and time formatting for the screens (pure). Times are SimTime milliseconds.

/** Millicores → "97.3" cores (one decimal below 100, else whole). */
export function cores(milli: number): string {
  const c = milli / 1000;
  return Number.isInteger(c) || Math.abs(c) >= 100 ? String(Math.round(c)) : c.toFixed(1);
}

/** Bytes → "190Gi" / "1.5Gi" / "512Mi" (binary units, at most one decimal). */
export function bytes(b: number): string {
  const units = [
    ['Ti', 1024 ** 4],
    ['Gi', 1024 ** 3],
    ['Mi', 1024 ** 2],
    ['Ki', 1024],
  ] as const;
  for (const [u, size] of units) {
    if (Math.abs(b) >= size) {
      const v = b / size;
      return (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1)) + u;
    }
  }
  return String(Math.round(b));
}

/** 0.634 → "63%". */
export const pct = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/** A number with at most `digits` decimals, trailing zeros dropped. */
export function num(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return String(x);
  return Number.isInteger(x) ? String(x) : x.toFixed(digits).replace(/\.?0+$/, '');
}

/** "+2.1" / "-3" / "±0" for deltas. */
export function signed(x: number, digits = 1): string {
  if (Math.abs(x) < 10 ** -digits / 2) return '±0';
  return (x > 0 ? '+' : '') + num(x, digits);
}

/** Pads or cuts `s` to exactly `width` cells (… when cut). Wide glyphs are not expected here. */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  if (s.length > width) return width === 1 ? '…' : s.slice(0, width - 1) + '…';
  return align === 'left' ? s.padEnd(width) : s.padStart(width);
}
