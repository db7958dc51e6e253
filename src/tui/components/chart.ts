// A multi-series line chart as styled text rows (pure). Each series is plotted by asciichart on
// the same scale, then the plots are merged cell by cell — the first series in the list wins a
// cell — so every cell knows which series drew it and can be coloured; a time cursor is laid
// over one column. Each series has its own line glyphs too (light, double, dashed), so A, B and
// desired read apart without colour (NO_COLOR). The y axis starts at the floor (0 for pods):
// a drop is drawn to scale.
import asciichart from 'asciichart';
import type { Role } from '../theme.js';

export type LineStyle = 'light' | 'double' | 'dashed';

export interface ChartSeries {
  /** One value per column. */
  readonly values: readonly number[];
  readonly role: Role;
  /** light (the default: A), double (B), dashed (a reference line such as "desired"). */
  readonly line?: LineStyle;
}

/** asciichart's symbols: axis cross, axis, line ends, horizontal, corners, vertical. */
const GLYPHS: Record<LineStyle, string[] | undefined> = {
  light: undefined,
  double: ['┼', '┤', '╶', '╴', '═', '╚', '╔', '╗', '╝', '║'],
  dashed: ['┼', '┤', '╶', '╴', '┄', '╰', '╭', '╮', '╯', '┆'],
};

/** The horizontal stroke of each style, for legends. */
export const STROKE: Record<LineStyle, string> = { light: '─', double: '═', dashed: '┄' };

export interface Segment {
  readonly text: string;
  readonly role: Role | null;
}

export interface ChartOptions {
  /** Rows of plot (the chart is height + 1 lines). */
  readonly height: number;
  /** Where the y axis starts (0 for counts); default: the lowest value. */
  readonly floor?: number;
  /** Column of the time cursor, or null. */
  readonly cursor?: number | null;
  /** Width of the y-axis labels. */
  readonly labelWidth?: number;
}

const AXIS = /[┤┼]/;

/**
 * Plots the series (each `columns` long) into rows of segments: label, axis, then one cell per
 * column. Integer data get one row per unit when the range fits the height, so labels are exact.
 */
export function chartRows(series: readonly ChartSeries[], opts: ChartOptions): Segment[][] {
  const columns = Math.max(0, ...series.map((s) => s.values.length));
  if (columns === 0 || series.length === 0) return [];
  const all = series.flatMap((s) => s.values);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const min = Math.min(opts.floor ?? lo, lo);
  let height = Math.max(1, opts.height);
  let max = Math.max(hi, min + 1);
  let perUnit = 0;
  if (Number.isInteger(min) && Number.isInteger(max) && max - min <= height) {
    // Counts that fit: whole rows per unit, so every label is an exact count.
    perUnit = Math.max(1, Math.floor(height / (max - min)));
    height = (max - min) * perUnit;
    max = min + height / perUnit;
  }
  const lw = Math.max(3, opts.labelWidth ?? Math.max(String(Math.round(max)).length, String(Math.round(min)).length));
  // With several rows per unit only the whole counts are labelled.
  const format = (x: number) => (perUnit > 1 && Math.abs(x - Math.round(x)) > 1e-6 ? '' : fmtLabel(x)).padStart(lw).slice(-lw);
  // asciichart draws column x as the step from value x to x+1: lead with the first value so
  // column j ends at values[j].
  const plots = series.map((s) =>
    asciichart
      .plot([s.values[0] ?? 0, ...padTo(s.values, columns)], { min, max, height, format, offset: 3, symbols: GLYPHS[s.line ?? 'light'] })
      .split('\n'),
  );
  const rows: Segment[][] = [];
  for (let r = 0; r < plots[0].length; r++) {
    const first = plots[0][r];
    const axis = first.search(AXIS);
    const label = first.slice(0, axis);
    const cells: { ch: string; role: Role | null }[] = [];
    for (let c = 0; c < columns; c++) {
      let ch = ' ';
      let role: Role | null = null;
      for (let k = 0; k < plots.length; k++) {
        const line = plots[k][r];
        const x = line.search(AXIS) + 1 + c;
        const v = line[x] ?? ' ';
        if (v !== ' ') {
          ch = v;
          role = series[k].role;
          break;
        }
      }
      if (c === opts.cursor && ch === ' ') {
        ch = '│';
        role = 'cursor';
      }
      cells.push({ ch, role });
    }
    rows.push([{ text: label, role: 'dim' }, { text: first[axis], role: 'dim' }, ...merge(cells)]);
  }
  return rows;
}

function padTo(v: readonly number[], n: number): number[] {
  const out = v.slice(0, n);
  while (out.length < n) out.push(out[out.length - 1] ?? 0);
  return out;
}

function fmtLabel(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** Adjacent cells of one role become one segment. */
export function merge(cells: readonly { ch: string; role: Role | null }[]): Segment[] {
  const out: { text: string; role: Role | null }[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && last.role === c.role) last.text += c.ch;
    else out.push({ text: c.ch, role: c.role });
  }
  return out;
}

/** Tick labels under a time axis of `columns` cells: "0s", "5m", ... placed at their columns. */
export function timeAxis(columns: number, durationMs: number, label: (ms: number) => string): string {
  if (columns <= 0) return '';
  const line = new Array<string>(columns).fill(' ');
  const candidates = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);
  const minGap = 9;
  const maxTicks = Math.max(2, Math.floor(columns / minGap));
  const step = candidates.find((c) => durationMs / c <= maxTicks) ?? durationMs;
  for (let t = 0; t <= durationMs; t += step) {
    const col = Math.min(columns - 1, Math.floor((t / durationMs) * columns));
    const text = label(t);
    const start = t === 0 ? 0 : Math.min(columns - text.length, col);
    if (line.slice(Math.max(0, start - 1), start + text.length + 1).some((ch) => ch !== ' ')) continue;
    for (let i = 0; i < text.length; i++) line[start + i] = text[i];
  }
  return line.join('');
}
