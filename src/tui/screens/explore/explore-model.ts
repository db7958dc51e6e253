// What the explore screen shows, derived from the runs, its state and the terminal size (pure,
// memoised on its inputs): the layout, the lists of the view as filtered, the selected rows,
// the event log. The view draws it and the key table reads it, so both see the same lists.
import type { SimEvent } from '../../../sim/result.js';
import { nodeMatches, nodesAt, type NodeRow } from '../../data/cluster.js';
import { podsAt, type PodLine } from '../../data/pods.js';
import { filterEvents, type EventKind } from '../../data/events.js';
import { compareRuns, workloadOf, type Comparison, type Run } from '../../data/runs.js';
import { changeTimes } from '../../data/series.js';
import { eventIndexOf, filterOf, niceStep, type ExploreState, type PanesOf, type View } from './explore-state.js';
import { COMPARE_CHART_MIN_WIDTH, exploreLayout, type ExploreLayout } from './layout.js';

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

export interface ExploreModel {
  readonly layout: ExploreLayout;
  /** One ←/→ step: a round time of about one chart column. */
  readonly stepMs: number;
  readonly panes: PanesOf;
  readonly comparison: Comparison | null;
  /** The view's workload list (worst first; most changed first when comparing), filtered. */
  readonly workloads: readonly string[];
  /** Before the filter. */
  readonly workloadTotal: number;
  /** The selected workload as shown: the state's when it is listed, else the first. */
  readonly selected: string | null;
  /** The run whose events, zones and nodes are shown (A, or B when asked). */
  readonly shown: Run;
  readonly events: readonly SimEvent[];
  readonly eventIndex: number;
  /** Times at which the selected workload's counts change (A's and B's). */
  readonly changes: readonly number[];
  /** The nodes view's rows at the cursor, filtered ([] in other views). */
  readonly nodes: readonly NodeRow[];
  readonly nodeTotal: number;
  readonly node: string | null;
  /** The pods view's rows: the selected workload's pods at the cursor (null: not recorded; [] in other views). */
  readonly pods: readonly PodLine[] | null;
  readonly pod: string | null;
  /** Rows a page key moves. */
  readonly page: number;
}

/** Remembers the last call: the view and the key table ask for the same thing in a row. */
function lastCall<A extends unknown[], R>(fn: (...a: A) => R): (...a: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((x, i) => Object.is(x, args[i]))) return last.result;
    const result = fn(...args);
    last = { args, result };
    return result;
  };
}

const comparisonOf = lastCall((a: Run, b: Run | null): Comparison | null => (b ? compareRuns(a, b) : null));

const eventsOf = lastCall((run: Run, kind: EventKind, text: string, workload: string | null) => filterEvents(run.result.events, { kind, text, workload }));

const workloadList = lastCall((order: readonly string[], run: Run, text: string): readonly string[] => {
  if (!text) return order;
  const needle = text.toLowerCase();
  // A workload matches by its name or by why it was below desired ("/spread").
  return order.filter((k) => `${k} ${run.summary.get(k)?.cause ?? ''}`.toLowerCase().includes(needle));
});

const changesOf = lastCall((a: Run, b: Run | null, key: string | null): number[] => {
  if (key === null) return [];
  const all = [a, b].flatMap((r) => {
    const w = r ? workloadOf(r, key) : undefined;
    return w ? changeTimes(w.samples) : [];
  });
  return [...new Set(all)].sort((x, y) => x - y);
});

const nodeList = lastCall((run: Run, t: number, text: string) => {
  const all = nodesAt(run.result, t);
  return { all: all.length, rows: all.filter((n) => nodeMatches(n, text)) };
});

const podList = lastCall((run: Run, workload: string | null, t: number) => (workload === null ? [] : podsAt(run.result, workload, t)));

const panesFor = lastCall(
  (compareChart: boolean): PanesOf => ({
    workloads: ['list', 'chart', 'events'],
    workload: ['chart', 'events'],
    compare: compareChart ? ['list', 'chart', 'events'] : ['list', 'events'],
    events: ['events'],
    nodes: ['list'],
    pods: ['list'],
  }),
);

export function exploreModel(a: Run, b: Run | null, s: ExploreState, size: Size): ExploreModel {
  const view: View = s.view === 'compare' && !b ? 'workloads' : s.view;
  const layout = exploreLayout(view, size.columns, size.rows);
  const durationMs = a.result.durationMs;
  const stepMs = niceStep(durationMs / layout.chartColumns);
  const comparison = comparisonOf(a, b);
  const listView = view === 'workload' || view === 'events' || view === 'nodes' || view === 'pods' ? s.back : view;
  const order = listView === 'compare' && comparison ? comparison.rows.map((r) => `${r.namespace}/${r.workload}`) : a.worstFirst;
  const workloads = workloadList(order, a, filterOf(s, 'workloads'));
  const selected = s.selected !== null && workloads.includes(s.selected) ? s.selected : (workloads[0] ?? null);
  const shown = s.showRun === 'B' && b ? b : a;
  const events = eventsOf(shown, s.eventKind, filterOf(s, 'events'), view === 'workload' ? selected : null);
  const nodes = view === 'nodes' ? nodeList(shown, s.cursorMs, filterOf(s, 'nodes')) : { all: 0, rows: [] as NodeRow[] };
  const node = s.node !== null && nodes.rows.some((n) => n.name === s.node) ? s.node : (nodes.rows[0]?.name ?? null);
  const pods = view === 'pods' ? podList(shown, selected, s.cursorMs) : [];
  const pod = s.pod !== null && pods?.some((x) => x.name === s.pod) ? s.pod : (pods?.[0]?.name ?? null);
  return {
    layout,
    stepMs,
    panes: panesFor(Math.max(60, size.columns) >= COMPARE_CHART_MIN_WIDTH),
    comparison,
    workloads,
    workloadTotal: order.length,
    selected,
    shown,
    events,
    eventIndex: eventIndexOf(s, events),
    changes: changesOf(a, b, selected),
    nodes: nodes.rows,
    nodeTotal: nodes.all,
    node,
    pods,
    pod,
    page: Math.max(1, (layout.bottomHeight === 0 ? layout.bodyHeight : layout.topHeight) - 4),
  };
}
