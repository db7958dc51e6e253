// The report's charts as inline SVG strings (pure, deterministic): a generic time chart of step
// lines and hatched step areas with scenario-event markers and a legend, and the node heat-strip.
// Colours are the Okabe-Ito palette (safe for colour-blind readers); every series also differs
// by dash pattern or hatching, so the charts read in greyscale print too.
import { formatDuration } from '../model/duration.js';
import { type Ticks, compressSteps, esc, linear, num, stepAreaPath, stepBandPath, stepPath, timeTicks, type Pt } from './svg.js';
import { type Step, sumSteps } from './series.js';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#999999',
} as const;

export type Hatch = 'diag' | 'rdiag' | 'cross' | 'dots';

export interface LineSeries {
  readonly kind: 'line';
  readonly label: string;
  readonly steps: readonly Step[];
  readonly color: string;
  /** stroke-dasharray, e.g. "6 3"; omitted = solid. */
  readonly dash?: string;
  readonly width?: number;
}

export interface AreaSeries {
  readonly kind: 'area';
  readonly label: string;
  readonly steps: readonly Step[];
  /** Stack the area on top of this step function (default: from the axis). */
  readonly base?: readonly Step[];
  readonly color: string;
  readonly hatch: Hatch;
}

export type Series = LineSeries | AreaSeries;

/** A scenario event drawn on the time axis as a numbered flag. */
export interface Marker {
  readonly atMs: number;
  /** Short text in the flag, e.g. "3" (the event's number in the scenario table). */
  readonly tag: string;
  /** Full description for the tooltip, e.g. "5m rollout shop/checkout". */
  readonly title: string;
}

export interface TimeChartSpec {
  /** Unique in the page: prefixes the ids of the chart's hatch patterns. */
  readonly id: string;
  /** Accessible name of the chart. */
  readonly title: string;
  /** The time axis runs from fromMs (default 0) to durationMs. */
  readonly durationMs: number;
  readonly fromMs?: number;
  readonly series: readonly Series[];
  readonly markers: readonly Marker[];
  readonly yTicks: Ticks;
  readonly yFormat?: (v: number) => string;
  /** Unit of the y axis, e.g. "pods" or "GiB". */
  readonly yLabel: string;
  readonly width?: number;
  readonly height?: number;
}

const FONT = 'font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="11"';
// Inline SVG in HTML needs no xmlns (the HTML parser puts <svg> in the SVG namespace), and
// leaving it out keeps every URL out of the page.
export const SVG_OPEN = (w: number, h: number, title: string, cls: string) =>
  `<svg class="${cls}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(title)}" ${FONT}><title>${esc(title)}</title>`;

/** A hatch pattern: a light tint of the colour with lines (or dots) of the colour over it. */
export function hatchPattern(id: string, color: string, hatch: Hatch): string {
  const marks: Record<Hatch, string> = {
    diag: `<path d="M0 6L6 0M-1 1L1 -1M5 7L7 5" stroke="${color}" stroke-width="1.2"/>`,
    rdiag: `<path d="M0 0L6 6M-1 5L1 7M5 -1L7 1" stroke="${color}" stroke-width="1.2"/>`,
    cross: `<path d="M0 6L6 0M0 0L6 6" stroke="${color}" stroke-width="0.9"/>`,
    dots: `<circle cx="3" cy="3" r="1.2" fill="${color}"/>`,
  };
  return `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${color}" fill-opacity="0.18"/>${marks[hatch]}</pattern>`;
}

export interface LegendEntry {
  readonly label: string;
  readonly swatch: string;
}

/** Legend entries laid out left to right, wrapping at `width`; returns the SVG and its height. */
export function legend(entries: readonly LegendEntry[], x0: number, y0: number, width: number): { svg: string; height: number } {
  let x = x0;
  let y = y0;
  const parts: string[] = [];
  for (const e of entries) {
    const w = (e.swatch ? 30 : 0) + Math.ceil(e.label.length * 6.2) + 14;
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += 16;
    }
    const tx = e.swatch ? 28 : 0;
    parts.push(`<g transform="translate(${num(x)},${num(y)})">${e.swatch}<text x="${tx}" y="4" dominant-baseline="middle">${esc(e.label)}</text></g>`);
    x += w;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: entries.length ? y - y0 + 16 : 0 };
}

function lineSwatch(s: LineSeries): string {
  return `<line x1="0" y1="4" x2="24" y2="4" stroke="${s.color}" stroke-width="${s.width ?? 1.5}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
}

/**
 * Markers closer than `gap` pixels become one flag: "3–7" (first–last tag) with the first few
 * titles, so a scenario with 1,500 rollouts at t=0 draws one flag, not 1,500.
 */
export function groupMarkers(markers: readonly Marker[], x: (ms: number) => number, gap = 12): Marker[] {
  const sorted = [...markers].sort((a, b) => a.atMs - b.atMs);
  const groups: Marker[][] = [];
  for (const m of sorted) {
    const g = groups[groups.length - 1];
    if (g && x(m.atMs) - x(g[0].atMs) < gap) g.push(m);
    else groups.push([m]);
  }
  return groups.map((g) => {
    if (g.length === 1) return g[0];
    const shown = g.slice(0, 5).map((m) => m.title);
    if (g.length > 5) shown.push(`… and ${g.length - 5} more`);
    return { atMs: g[0].atMs, tag: `${g[0].tag}–${g[g.length - 1].tag}`, title: shown.join('\n') };
  });
}

/**
 * Marker flags placed in up to three rows so that close events do not overlap; `fx` is the
 * flag's centre, kept inside [lo, hi] (the line stays at the event's time `x`).
 */
export function placeMarkers(markers: readonly Marker[], x: (ms: number) => number, lo: number, hi: number): { m: Marker; x: number; fx: number; row: number }[] {
  const rowEnds = [-Infinity, -Infinity, -Infinity];
  const out: { m: Marker; x: number; fx: number; row: number }[] = [];
  for (const m of [...markers].sort((a, b) => a.atMs - b.atMs)) {
    const px = x(m.atMs);
    const w = 8 + m.tag.length * 6;
    const fx = Math.min(Math.max(px, lo + w / 2), hi - w / 2);
    let row = rowEnds.findIndex((end) => fx - w / 2 >= end + 2);
    if (row < 0) row = rowEnds.indexOf(Math.min(...rowEnds));
    rowEnds[row] = fx + w / 2;
    out.push({ m, x: px, fx, row });
  }
  return out;
}

/**
 * The part of a step function inside [from, to]: the value in effect at `from` starts it, and
 * points after `to` are dropped. clipSteps([[0, 1], [5, 2], [9, 3]], 6, 8) = [[6, 2]].
 */
export function clipSteps(steps: readonly Step[], from: number, to: number): Step[] {
  const out: Step[] = [];
  for (let i = 0; i < steps.length; i++) {
    const [t, v] = steps[i];
    if (t > to) break;
    const next = i + 1 < steps.length ? steps[i + 1][0] : Infinity;
    if (next <= from) continue;
    out.push([Math.max(t, from), v]);
  }
  return out;
}

/** Event flags above the plot (rows stacked upwards) with a dotted line down to `bottom`. */
export function drawMarkers(placed: ReturnType<typeof placeMarkers>, top: number, flagRows: number, bottom: number): string {
  return placed
    .map((p) => {
      const fy = top - 6 - (flagRows - 1 - p.row) * 15;
      const w = 8 + p.m.tag.length * 6;
      return (
        `<g class="marker"><title>${esc(p.m.title)}</title>` +
        `<line x1="${num(p.x)}" y1="${num(fy + 6)}" x2="${num(p.x)}" y2="${num(bottom)}" stroke="#000" stroke-opacity="0.55" stroke-dasharray="2 3"/>` +
        `<rect x="${num(p.fx - w / 2)}" y="${num(fy - 6)}" width="${w}" height="12" rx="3" fill="#fff" stroke="#555"/>` +
        `<text x="${num(p.fx)}" y="${num(fy)}" text-anchor="middle" dominant-baseline="middle" font-size="9">${esc(p.m.tag)}</text></g>`
      );
    })
    .join('');
}

/** A time chart of step series, with a legend on top and event flags over the plot. */
export function timeChart(spec: TimeChartSpec): string {
  const W = spec.width ?? 660;
  const H0 = spec.height ?? 190;
  const fmt = spec.yFormat ?? ((v: number) => String(v));
  // room for the widest tick label beside the rotated unit label
  const left = Math.max(52, 26 + Math.ceil(Math.max(...spec.yTicks.ticks.map((t) => fmt(t).length)) * 6.5));
  const right = 14;
  const plotW = W - left - right;
  const from = spec.fromMs ?? 0;
  const to = Math.max(spec.durationMs, from + 1);
  const x = linear(from, to, left, left + plotW);
  const placed = placeMarkers(
    groupMarkers(
      spec.markers.filter((m) => m.atMs >= from && m.atMs <= to),
      x,
    ),
    x,
    left,
    W - 2,
  );
  const flagRows = placed.length ? Math.max(...placed.map((p) => p.row)) + 1 : 0;
  const patterns: string[] = [];
  const entries: LegendEntry[] = spec.series.map((s, i) => {
    if (s.kind === 'line') return { label: s.label, swatch: lineSwatch(s) };
    const pid = `${spec.id}-p${i}`;
    patterns.push(hatchPattern(pid, s.color, s.hatch));
    return { label: s.label, swatch: `<rect x="0" y="-2" width="24" height="12" fill="url(#${pid})" stroke="${s.color}"/>` };
  });
  const leg = legend(entries, left, 10, plotW);
  const top = 10 + leg.height + flagRows * 15 + 6;
  const plotH = H0 - 30;
  const H = top + plotH + 24;
  const y = linear(spec.yTicks.min, spec.yTicks.max, top + plotH, top);
  const xEnd = x(spec.durationMs);
  const out: string[] = [SVG_OPEN(W, H, spec.title, 'chart')];
  if (patterns.length) out.push(`<defs>${patterns.join('')}</defs>`);
  out.push(leg.svg);
  // grid and y axis
  for (const t of spec.yTicks.ticks) {
    const py = num(y(t));
    out.push(`<line x1="${left}" y1="${py}" x2="${num(left + plotW)}" y2="${py}" stroke="#ddd"/>`);
    out.push(`<text x="${left - 5}" y="${py}" text-anchor="end" dominant-baseline="middle">${esc(fmt(t))}</text>`);
  }
  out.push(`<text transform="translate(12,${num(top + plotH / 2)}) rotate(-90)" text-anchor="middle" fill="#444">${esc(spec.yLabel)}</text>`);
  // time axis
  const tt = timeTicks(from / 1000, to / 1000, Math.max(4, Math.floor(plotW / 70)));
  out.push(`<g class="xaxis">`);
  for (const s of tt.ticks) {
    const px = x(s * 1000);
    const anchor = px > left + plotW - 15 ? 'end' : px < left + 15 ? 'start' : 'middle';
    out.push(`<line x1="${num(px)}" y1="${num(top + plotH)}" x2="${num(px)}" y2="${num(top + plotH + 4)}" stroke="#333"/>`);
    out.push(`<text x="${num(px)}" y="${num(top + plotH + 15)}" text-anchor="${anchor}">${formatDuration(s * 1000)}</text>`);
  }
  out.push(`</g>`);
  // series: areas first, then lines in the given order (later ones on top)
  const toPx = (steps: readonly Step[]): Pt[] => compressSteps(clipSteps(steps, from, to).map(([t, v]) => [x(t), y(v)] as const));
  spec.series.forEach((s, i) => {
    if (s.kind !== 'area' || s.steps.length === 0) return;
    const d = s.base?.length
      ? stepBandPath(toPx(sumSteps(s.base, s.steps)), toPx(s.base), xEnd)
      : stepAreaPath(toPx(s.steps), xEnd, y(spec.yTicks.min));
    out.push(`<path d="${d}" fill="url(#${spec.id}-p${i})" stroke="${s.color}" stroke-width="0.8"/>`);
  });
  for (const s of spec.series) {
    if (s.kind !== 'line' || s.steps.length === 0) continue;
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    out.push(`<path d="${stepPath(toPx(s.steps), xEnd)}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 1.5}"${dash}/>`);
  }
  out.push(`<path d="M${left} ${num(top)}V${num(top + plotH)}H${num(left + plotW)}" fill="none" stroke="#333"/>`);
  out.push(drawMarkers(placed, top, flagRows, top + plotH));
  out.push('</svg>');
  return out.join('');
}

