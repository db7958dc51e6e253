// The explore screen: workloads worst first, the selected workload's timeline with a time
// cursor, the cluster at the cursor and the event log; Enter opens one workload full width,
// `c` compares A (before) with B (after the what-if).
import { Box } from 'ink';
import { useEffect, useMemo, type ReactElement } from 'react';
import { eventsBetween, filterEvents } from '../../data/events.js';
import { workloadDeltas, workloadOf, type Run } from '../../data/runs.js';
import { changeTimes } from '../../data/series.js';
import { ChartPane } from './chart-pane.js';
import { ComparePane, TotalsPane } from './compare-pane.js';
import { DetailPane } from './detail-pane.js';
import { EventsPane } from './events-pane.js';
import { exploreLayout } from './layout.js';
import { useExploreKeys, type AppIntent } from './use-explore-keys.js';
import { eventIndexOf, niceStep, useExploreState, type ExploreAction, type View } from './use-explore-state.js';
import { WorkloadsPane } from './workloads-pane.js';
import { ZonesPane } from './zones-pane.js';

export interface ExploreProps {
  readonly a: Run;
  readonly b: Run | null;
  readonly columns: number;
  readonly rows: number;
  /** Keys are read only while true (an overlay or form has them otherwise). */
  readonly isActive: boolean;
  readonly onIntent: (i: AppIntent, workload: string | null) => void;
  /** Told when the `/` filter starts and stops taking text, so `q` is not read as quit. */
  readonly onTyping: (typing: boolean) => void;
  /** Opens this view first (the app opens `compare` right after a what-if run). */
  readonly view?: View;
}

const LEFT: Record<View, number> = { overview: 0.38, workload: 0.5, compare: 0.58 };
/** Share of the width the chart leaves to the left column (0 = the chart spans the width). */
const CHART_LEFT: Record<View, number> = { overview: 0.38, workload: 0, compare: 0.58 };

export function Explore(p: ExploreProps) {
  const { a, b } = p;
  const order = a.worstFirst;
  const durationMs = a.result.durationMs;
  const initialLayout = exploreLayout(p.columns, p.rows, LEFT.overview);
  const [s, dispatch0] = useExploreState(order.length, durationMs, niceStep(durationMs / initialLayout.chartColumns));
  const layout = { ...exploreLayout(p.columns, p.rows, LEFT[s.view]), chartColumns: exploreLayout(p.columns, p.rows, CHART_LEFT[s.view]).chartColumns };
  const stepMs = niceStep(durationMs / layout.chartColumns);
  const deltas = useMemo(() => (b ? workloadDeltas(a, b) : []), [a, b]);
  const listOrder = s.view === 'compare' && b ? deltas.map((d) => d.key) : order;
  const selectedKey = listOrder[Math.min(s.selected, listOrder.length - 1)] ?? null;

  // Switching between lists of different orders keeps the same workload selected.
  const orders = useMemo(() => ({ overview: order, compare: b ? deltas.map((d) => d.key) : undefined }), [order, deltas, b]);
  const dispatch = (act: ExploreAction) => dispatch0(act.type === 'view' || act.type === 'back' ? { ...act, orders } : act);

  useEffect(() => {
    dispatch0({ type: 'resize', count: order.length, durationMs, stepMs });
  }, [order.length, durationMs, stepMs]);
  // A new B opens the comparison, with B's events (the what-if is what one wants to read).
  useEffect(() => {
    if (p.view) dispatch({ type: 'view', view: p.view });
    if (b) dispatch0({ type: 'show-run', run: 'B' });
  }, [p.view, b]);
  useEffect(() => {
    if (!b && (s.view === 'compare' || s.showRun === 'B')) {
      dispatch({ type: 'back' });
      dispatch0({ type: 'toggle-run', hasB: false });
    }
  }, [b]);
  useEffect(() => p.onTyping(s.typing), [s.typing]);

  const shown = s.showRun === 'B' && b ? b : a;
  const filter = { kind: s.eventKind, text: s.eventText, workload: s.view === 'workload' ? selectedKey : null };
  const events = useMemo(() => filterEvents(shown.result.events, filter), [shown, filter.kind, filter.text, filter.workload]);
  const eventIndex = eventIndexOf(s, events);
  const here = useMemo(() => eventsBetween(shown.result.events, s.cursorMs, s.cursorMs + s.stepMs), [shown, s.cursorMs, s.stepMs]);
  const wa = selectedKey ? workloadOf(a, selectedKey) : undefined;
  const wb = selectedKey && b ? workloadOf(b, selectedKey) : undefined;
  const changes = useMemo(() => {
    const all = [...(wa ? changeTimes(wa.samples) : []), ...(wb ? changeTimes(wb.samples) : [])];
    return [...new Set(all)].sort((x, y) => x - y);
  }, [wa, wb]);

  useExploreKeys(
    { state: s, events, changes, hasB: b !== null, page: Math.max(1, layout.topHeight - 4) },
    dispatch,
    (i) => p.onIntent(i, selectedKey),
    p.isActive,
  );

  const chart = (width: number) => (
    <ChartPane
      a={wa}
      b={wb}
      durationMs={durationMs}
      cursorMs={s.cursorMs}
      width={width}
      height={layout.topHeight}
      chartHeight={layout.chartHeight}
      columns={layout.chartColumns}
      labelWidth={layout.labelWidth}
      focused={s.pane === 'chart'}
      showRun={s.showRun}
    />
  );
  const eventsPane = (
    <EventsPane
      events={events}
      total={shown.result.events.length}
      selected={eventIndex}
      kind={s.eventKind}
      text={s.eventText}
      typing={s.typing}
      run={b ? s.showRun : null}
      workload={filter.workload}
      onText={(text) => dispatch({ type: 'filter-text', text })}
      onSubmit={() => dispatch({ type: 'filter-done' })}
      width={layout.rightWidth}
      height={layout.bottomHeight}
      focused={s.pane === 'events'}
    />
  );

  let top: ReactElement;
  let bottomLeft: ReactElement;
  if (s.view === 'workload' && selectedKey) {
    top = chart(layout.width);
    bottomLeft = <DetailPane a={a} b={b} workload={selectedKey} cursorMs={s.cursorMs} width={layout.leftWidth} height={layout.bottomHeight} />;
  } else if (s.view === 'compare' && b) {
    top = (
      <Box>
        <ComparePane deltas={deltas} selected={s.selected} width={layout.leftWidth} height={layout.topHeight} focused={s.pane === 'workloads'} />
        {chart(layout.rightWidth)}
      </Box>
    );
    bottomLeft = <TotalsPane a={a} b={b} width={layout.leftWidth} height={layout.bottomHeight} />;
  } else {
    top = (
      <Box>
        <WorkloadsPane a={a} b={b} order={order} selected={s.selected} width={layout.leftWidth} height={layout.topHeight} focused={s.pane === 'workloads'} />
        {chart(layout.rightWidth)}
      </Box>
    );
    bottomLeft = (
      <ZonesPane result={shown.result} run={b ? s.showRun : 'A'} cursorMs={s.cursorMs} here={here} stepMs={s.stepMs} width={layout.leftWidth} height={layout.bottomHeight} />
    );
  }
  return (
    <Box flexDirection="column" width={layout.width}>
      {top}
      <Box>
        {bottomLeft}
        {eventsPane}
      </Box>
    </Box>
  );
}

