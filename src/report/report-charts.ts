// The report's Kubernetes charts, built on charts.ts: a workload's availability timeline, a
// zone's cpu and memory capacity, and the node heat-strip of memory.available (pure).
import type { NodeResult, SimResult, WorkloadResult } from '../sim/result.js';
import { type Marker, OKABE_ITO as C, type Series, timeChart } from './charts.js';
import { heatClass, heatStrip } from './heat-strip.js';
import { type Step, type ZoneCapacity, evictionLevel, headroomOf, heatRow, nodesToShow, pdbSteps, sumSteps, workloadSteps } from './series.js';
import { fmtNum, gib } from './page.js';
import { niceCountTicks, niceTicks, timeTicks } from './svg.js';

/** Line styles shared by report.html and compare.html, so a reader learns them once. */
export const STYLE = {
  // A wide light band under every line: a line on the target stays visible on it.
  desired: { color: '#c8c8c8', width: 7 },
  available: { color: C.blue, width: 2.6 },
  ready: { color: C.green, dash: '2 2', width: 1.6 },
  pdb: { color: C.vermillion, dash: '9 3 2 3', width: 1.3 },
  pending: { color: C.orange, hatch: 'diag' as const },
  terminating: { color: C.purple, hatch: 'dots' as const },
};

/** First and last time (ms) the workload's counts changed; null when they never did. */
export function activeSpan(w: WorkloadResult): { from: number; to: number } | null {
  let from = -1;
  let to = -1;
  const s = w.samples;
  for (let i = 1; i < s.length; i++) {
    const a = s[i - 1];
    const b = s[i];
    const same =
      a.desired === b.desired && a.replicas === b.replicas && a.updated === b.updated && a.ready === b.ready &&
      a.available === b.available && a.pending === b.pending && a.terminating === b.terminating && a.pdbDesired === b.pdbDesired;
    if (same) continue;
    if (from < 0) from = b.time;
    to = b.time;
  }
  return from < 0 ? null : { from, to };
}

/** Whether the workload's counts never changed during the run (a flat chart says nothing). */
export const isSteady = (w: WorkloadResult): boolean => activeSpan(w) === null;

/**
 * A close-up window when everything the workload did fits in 40 % of the run or less (a
 * 2-minute rollout in a 30-minute run is a sliver otherwise): the active span plus a margin,
 * widened to whole time-axis steps. Null when the whole run is readable as it is.
 */
export function zoomWindow(w: WorkloadResult, durationMs: number): { fromMs: number; toMs: number } | null {
  return zoomAround(activeSpan(w), durationMs);
}

/** The close-up window around an active span (see zoomWindow). */
export function zoomAround(span: { from: number; to: number } | null, durationMs: number): { fromMs: number; toMs: number } | null {
  if (!span || durationMs <= 0) return null;
  const pad = Math.max((span.to - span.from) * 0.15, 5000);
  const a = Math.max(0, span.from - pad);
  const b = Math.min(durationMs, span.to + pad);
  const step = timeTicks(a / 1000, b / 1000, 6).step * 1000;
  const fromMs = Math.max(0, Math.floor(a / step) * step);
  const toMs = Math.min(durationMs, Math.ceil(b / step) * step);
  return toMs - fromMs <= durationMs * 0.4 ? { fromMs, toMs } : null;
}

const maxOf = (steps: readonly Step[]): number => steps.reduce((m, [, v]) => Math.max(m, v), 0);

/** available/ready/desired as step lines, pending and terminating hatched, PDB floor dash-dotted. */
export function availabilityChart(
  w: WorkloadResult,
  durationMs: number,
  markers: readonly Marker[],
  id: string,
  window: { fromMs: number; toMs: number } | null = null,
): string {
  const desired = workloadSteps(w, 'desired');
  const available = workloadSteps(w, 'available');
  const ready = workloadSteps(w, 'ready');
  const pending = workloadSteps(w, 'pending');
  const terminating = workloadSteps(w, 'terminating');
  const pdb = pdbSteps(w);
  const series: Series[] = [];
  // terminating is stacked on pending, so the two never hide each other
  const hasPending = maxOf(pending) > 0;
  if (hasPending) series.push({ kind: 'area', label: 'pending', steps: pending, ...STYLE.pending });
  if (maxOf(terminating) > 0) {
    series.push({ kind: 'area', label: hasPending ? 'terminating (stacked on pending)' : 'terminating', steps: terminating, base: hasPending ? pending : undefined, ...STYLE.terminating });
  }
  series.push({ kind: 'line', label: 'desired', steps: desired, ...STYLE.desired });
  if (pdb.length) series.push({ kind: 'line', label: 'PDB needs', steps: pdb, ...STYLE.pdb });
  series.push({ kind: 'line', label: 'available', steps: available, ...STYLE.available });
  series.push({ kind: 'line', label: 'ready', steps: ready, ...STYLE.ready });
  const hi = Math.max(...series.map((s) => maxOf(s.steps)), maxOf(sumSteps(pending, terminating)));
  return podsChart(id, `${w.key}: pods available, ready and desired over time`, series, hi, markers, durationMs, window);
}

/** The frame every "pods over time" chart shares (full run, or a close-up window). */
export function podsChart(
  id: string,
  title: string,
  series: Series[],
  maxPods: number,
  markers: readonly Marker[],
  durationMs: number,
  window: { fromMs: number; toMs: number } | null,
): string {
  return timeChart({
    id,
    title: `${title}${window ? ' (close-up)' : ''}`,
    durationMs: window ? window.toMs : durationMs,
    fromMs: window?.fromMs ?? 0,
    series,
    markers,
    yTicks: niceCountTicks(maxPods, 5),
    yLabel: 'pods',
    height: window ? 150 : 190,
  });
}

/** The cpu chart of a zone (cores): requested against allocatable (and what Ready nodes offer). */
export function cpuChart(z: ZoneCapacity, durationMs: number, markers: readonly Marker[], id: string): string {
  const alloc: Step[] = [[0, z.cpuAllocatable]];
  const series: Series[] = [{ kind: 'line', label: 'allocatable', steps: alloc, color: C.black, width: 1.3 }];
  if (z.cpuUsable.some(([, v]) => v !== z.cpuAllocatable)) {
    series.push({ kind: 'line', label: 'allocatable on Ready, schedulable nodes', steps: z.cpuUsable, color: C.black, dash: '6 3', width: 1.3 });
  }
  series.push({ kind: 'line', label: 'requested', steps: z.cpuRequested, color: C.blue, width: 2.4 });
  const hi = Math.max(z.cpuAllocatable, maxOf(z.cpuRequested));
  return timeChart({
    id,
    title: `${z.zone}: cpu requested vs allocatable`,
    durationMs,
    series,
    markers,
    yTicks: niceTicks(0, hi, 5),
    yFormat: (v) => fmtNum(v),
    yLabel: 'cpu cores',
    height: 170,
  });
}

/** The memory chart of a zone (GiB): requested and working set against allocatable and the eviction level. */
export function memoryChart(z: ZoneCapacity, durationMs: number, markers: readonly Marker[], id: string): string {
  const g = (steps: readonly Step[]): Step[] => steps.map(([t, v]) => [t, v / 1024 ** 3] as const);
  // The kubelet evicts once pods use more than allocatable (or capacity − threshold, if less):
  // usually the two lines are one, then it is drawn once.
  const sameLine = z.memoryEvictionLevel === z.memoryAllocatable;
  const series: Series[] = [
    { kind: 'line', label: sameLine ? 'allocatable = eviction threshold' : 'allocatable', steps: [[0, z.memoryAllocatable / 1024 ** 3]], color: C.black, width: 1.3 },
  ];
  if (z.memoryUsable.some(([, v]) => v !== z.memoryAllocatable)) {
    series.push({ kind: 'line', label: 'allocatable on Ready, schedulable nodes', steps: g(z.memoryUsable), color: C.black, dash: '6 3', width: 1.3 });
  }
  if (!sameLine) {
    series.push({ kind: 'line', label: 'eviction threshold', steps: [[0, z.memoryEvictionLevel / 1024 ** 3]], color: C.purple, dash: '9 3 2 3', width: 1.6 });
  }
  series.push({ kind: 'line', label: 'requested', steps: g(z.memoryRequested), color: C.blue, width: 2.4 });
  series.push({ kind: 'line', label: 'working set', steps: g(z.memoryWorkingSet), color: C.vermillion, dash: '3 2', width: 2 });
  const hi = Math.max(z.memoryEvictionLevel, z.memoryAllocatable, maxOf(z.memoryRequested), maxOf(z.memoryWorkingSet)) / 1024 ** 3;
  return timeChart({
    id,
    title: `${z.zone}: memory requested and working set vs allocatable and the eviction threshold`,
    durationMs,
    series,
    markers,
    yTicks: niceTicks(0, hi, 5),
    yFormat: (v) => fmtNum(v),
    yLabel: 'memory GiB',
    height: 170,
  });
}

export const HEAT_BINS = 120;

/** The node heat-strip for at most `cap` nodes (the ones that came closest to running out). */
export function nodeHeatStrip(r: SimResult, markers: readonly Marker[], cap: number, id: string): { svg: string; shown: NodeResult[] } {
  const shown = nodesToShow(r.nodes, cap);
  let zone: string | null = null;
  const rows = shown.map((n) => {
    const row = heatRow(n, r.durationMs, HEAT_BINS);
    const level = evictionLevel(n);
    const classes = row.cells.map((c) => heatClass(headroomOf(n, c.leastMemoryAvailable), c.notReady, level));
    const least = Math.min(...row.cells.map((c) => c.leastMemoryAvailable));
    const group = n.zone !== zone ? n.zone : undefined;
    zone = n.zone;
    const title =
      `${n.name} (${n.zone}): least memory.available ${gib(least)} of ${gib(n.memoryCapacity)} capacity; ` +
      `evicts above a working set of ${gib(level)}`;
    return { label: n.name, title, classes, group };
  });
  return { svg: heatStrip(id, 'memory.available per node over time', rows, r.durationMs, markers), shown };
}
