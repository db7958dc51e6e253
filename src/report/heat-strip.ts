// The node heat-strip of memory.available as inline SVG (pure, deterministic): one row per node,
// one column per time bin, coloured by how much memory the node had left before its kubelet
// evicts; built on the time-chart pieces of charts.ts.
import { type Hatch, type Marker, OKABE_ITO, SVG_OPEN, drawMarkers, groupMarkers, hatchPattern, legend, placeMarkers } from './charts.js';
import { formatDuration } from '../model/duration.js';
import { clip, esc, linear, num, timeTicks } from './svg.js';


export interface HeatClass {
  readonly label: string;
  readonly fill: string;
  /** Hatched classes draw this pattern over the fill. */
  readonly hatch?: Hatch;
  readonly hatchColor?: string;
}

/** Classes of memory headroom, darkest = least (viridis steps: monotonic in lightness). */
export const HEAT_CLASSES: readonly HeatClass[] = [
  { label: 'node not Ready', fill: '#dddddd', hatch: 'rdiag', hatchColor: '#555555' },
  { label: 'at the eviction threshold', fill: OKABE_ITO.vermillion, hatch: 'cross', hatchColor: '#000000' },
  { label: '< 5 %', fill: '#440154' },
  { label: '5–10 %', fill: '#3b528b' },
  { label: '10–25 %', fill: '#21908d' },
  { label: '25–50 %', fill: '#5dc963' },
  { label: '≥ 50 %', fill: '#fde725' },
];

/**
 * The heat class index of a cell from the memory left before eviction (`headroom`, bytes) and
 * the node's eviction level (the working set at which it evicts): below zero → at the threshold,
 * else the share headroom / level in classes < 5 %, 5–10 %, 10–25 %, 25–50 %, ≥ 50 %.
 */
export function heatClass(headroom: number, notReady: boolean, level: number): number {
  if (notReady) return 0;
  if (headroom < 0) return 1;
  const f = level > 0 ? headroom / level : 1;
  return f < 0.05 ? 2 : f < 0.1 ? 3 : f < 0.25 ? 4 : f < 0.5 ? 5 : 6;
}

export interface HeatStripRow {
  /** Row label (node name) and its tooltip. */
  readonly label: string;
  readonly title: string;
  /** A heat class index per bin. */
  readonly classes: readonly number[];
  /** A group heading drawn above the row (the zone), when it starts a group. */
  readonly group?: string;
}

/** The heat strip: one row per node, one column per time bin, equal classes merged into runs. */
export function heatStrip(id: string, title: string, rows: readonly HeatStripRow[], durationMs: number, markers: readonly Marker[]): string {
  const W = 800;
  const left = 170;
  const right = 14;
  const plotW = W - left - right;
  const rowH = 10;
  const groupH = 16;
  const bins = rows[0]?.classes.length ?? 1;
  const cellW = plotW / bins;
  const x = linear(0, Math.max(durationMs, 1), left, left + plotW);
  const patterns = HEAT_CLASSES.map((c, i) => (c.hatch ? hatchPatternOn(`${id}-h${i}`, c.fill, c.hatchColor!, c.hatch) : '')).join('');
  const fillOf = (k: number): string => (HEAT_CLASSES[k].hatch ? `url(#${id}-h${k})` : HEAT_CLASSES[k].fill);
  const entries = HEAT_CLASSES.map((c, k) => ({
    label: c.label,
    swatch: `<rect x="0" y="-2" width="24" height="12" fill="${fillOf(k)}" stroke="#555" stroke-width="0.5"/>`,
  }));
  const leg = legend([{ label: 'Memory left before eviction (least in each interval), % of the eviction level:', swatch: '' }, ...entries], 8, 10, W - 16);
  const placed = placeMarkers(groupMarkers(markers, x), x, left, W - 2);
  const flagRows = placed.length ? Math.max(...placed.map((p) => p.row)) + 1 : 0;
  const top = 10 + leg.height + flagRows * 15 + 6;
  const body: string[] = [];
  let yy = top;
  for (const r of rows) {
    if (r.group !== undefined) {
      body.push(`<text x="4" y="${num(yy + 11)}" font-weight="bold">${esc(clip(r.group, 30))}</text>`);
      yy += groupH;
    }
    body.push(`<text x="${left - 6}" y="${num(yy + rowH / 2)}" text-anchor="end" dominant-baseline="middle" font-size="9"><title>${esc(r.title)}</title>${esc(clip(r.label, 30))}</text>`);
    let i = 0;
    while (i < r.classes.length) {
      let j = i;
      while (j + 1 < r.classes.length && r.classes[j + 1] === r.classes[i]) j++;
      body.push(`<rect x="${num(left + i * cellW)}" y="${num(yy)}" width="${num((j - i + 1) * cellW)}" height="${rowH - 1}" fill="${fillOf(r.classes[i])}"/>`);
      i = j + 1;
    }
    yy += rowH;
  }
  const plotBottom = yy;
  const H = plotBottom + 24;
  const out: string[] = [SVG_OPEN(W, H, title, 'chart heat'), `<defs>${patterns}</defs>`, leg.svg, ...body];
  const tt = timeTicks(0, durationMs / 1000, Math.max(4, Math.floor(plotW / 70)));
  for (const s of tt.ticks) {
    const px = x(s * 1000);
    const anchor = px > left + plotW - 15 ? 'end' : 'middle';
    out.push(`<line x1="${num(px)}" y1="${num(plotBottom)}" x2="${num(px)}" y2="${num(plotBottom + 4)}" stroke="#333"/>`);
    out.push(`<text x="${num(px)}" y="${num(plotBottom + 15)}" text-anchor="${anchor}">${formatDuration(s * 1000)}</text>`);
  }
  out.push(drawMarkers(placed, top, flagRows, plotBottom));
  out.push('</svg>');
  return out.join('');
}

/** Like hatchPattern, over an opaque background colour. */
function hatchPatternOn(id: string, background: string, color: string, hatch: Hatch): string {
  const inner = hatchPattern(id, color, hatch).replace(/<rect [^>]*\/>/, `<rect width="6" height="6" fill="${background}"/>`);
  return inner;
}
