// The explore screen, drawn from its state and model (no state of its own): per view, which
// panes go where. workloads: the list worst first | the selected workload's timeline, the
// zones at the cursor | the event log. workload: the timeline full width, its figures | its
// events. compare: A→B per workload (| the timeline when wide), the totals | the events.
// events, nodes, pods: one pane. Enter opens an event or a node in place of the view.
import { Box } from 'ink';
import type { ReactElement } from 'react';
import { eventsBetween } from '../../data/events.js';
import { workloadOf, type Run } from '../../data/runs.js';
import { wrap } from '../../format.js';
import { ChartPane, whyText } from './chart-pane.js';
import { ComparePane, TotalsPane } from './compare-pane.js';
import { DetailPane } from './detail-pane.js';
import { EventsPane } from './events-pane.js';
import { filterOf, type ExploreState, type FilterTarget } from './explore-state.js';
import type { ExploreModel } from './explore-model.js';
import { NodesPane } from './nodes-pane.js';
import { OpenedPane } from './opened-pane.js';
import { PodsPane } from './pods-pane.js';
import { WorkloadsPane } from './workloads-pane.js';
import { ZonesPane } from './zones-pane.js';

export interface ExploreProps {
  readonly a: Run;
  readonly b: Run | null;
  readonly s: ExploreState;
  readonly m: ExploreModel;
}

/** The text field of a `/` being typed for this list, if any. */
const typing = (s: ExploreState, target: FilterTarget) => (s.prompt?.kind === 'filter' && s.prompt.target === target ? s.prompt.text : null);

export function Explore({ a, b, s, m }: ExploreProps) {
  const L = m.layout;
  const run = b ? s.showRun : null;
  if (s.opened) {
    return <OpenedPane opened={s.opened} result={m.shown.result} run={run} cursorMs={s.cursorMs} width={L.width} height={L.bodyHeight} />;
  }
  const view = s.view === 'compare' && !m.comparison ? 'workloads' : s.view;
  const key = m.selected;
  const chart = (width: number, whyLines = 1) => (
    <ChartPane
      a={key ? workloadOf(a, key) : undefined}
      b={key && b ? workloadOf(b, key) : undefined}
      sa={key ? a.summary.get(key) : undefined}
      sb={key && b ? b.summary.get(key) : undefined}
      durationMs={a.result.durationMs}
      cursorMs={s.cursorMs}
      width={width}
      height={L.topHeight}
      chartHeight={L.chartHeight - (whyLines - 1)}
      columns={L.chartColumns}
      labelWidth={L.labelWidth}
      terminatingRow={L.terminatingRow}
      whyLines={whyLines}
      focused={s.pane === 'chart'}
      showRun={s.showRun}
    />
  );
  const events = (width: number, height: number) => (
    <EventsPane
      events={m.events}
      total={m.shown.result.events.length}
      selected={m.eventIndex}
      kind={s.eventKind}
      text={filterOf(s, 'events')}
      typing={typing(s, 'events')}
      run={run}
      workload={view === 'workload' ? key : null}
      width={width}
      height={height}
      focused={s.pane === 'events'}
    />
  );
  if (view === 'events') return events(L.width, L.bodyHeight);
  if (view === 'nodes') {
    return (
      <NodesPane
        nodes={m.nodes}
        total={m.nodeTotal}
        selected={m.node}
        cursorMs={s.cursorMs}
        run={run}
        filter={filterOf(s, 'nodes')}
        typing={typing(s, 'nodes')}
        width={L.width}
        height={L.bodyHeight}
      />
    );
  }
  if (view === 'pods') return <PodsPane width={L.width} height={L.bodyHeight} />;
  const rightWidth = L.width - L.bottomLeftWidth;
  let top: ReactElement;
  let bottomLeft: ReactElement;
  if (view === 'workload' && key) {
    // Full width, the why may take two lines.
    const why = whyText(a.summary.get(key), b?.summary.get(key));
    top = chart(L.width, Math.max(1, Math.min(2, wrap(why, L.width - 4).length)));
    bottomLeft = <DetailPane a={a} b={b} workload={key} cursorMs={s.cursorMs} width={L.bottomLeftWidth} height={L.bottomHeight} />;
  } else if (view === 'compare' && b && m.comparison) {
    const list = (
      <ComparePane
        comparison={m.comparison}
        list={m.workloads}
        selected={key}
        filter={filterOf(s, 'workloads')}
        typing={typing(s, 'workloads')}
        width={L.leftWidth || L.width}
        height={L.topHeight}
        focused={s.pane === 'list'}
      />
    );
    top = L.leftWidth ? (
      <Box>
        {list}
        {chart(L.chartWidth)}
      </Box>
    ) : (
      list
    );
    bottomLeft = <TotalsPane a={a} b={b} moved={m.comparison.moved} width={L.bottomLeftWidth} height={L.bottomHeight} />;
  } else {
    top = (
      <Box>
        <WorkloadsPane
          a={a}
          b={b}
          list={m.workloads}
          total={m.workloadTotal}
          selected={key}
          filter={filterOf(s, 'workloads')}
          typing={typing(s, 'workloads')}
          width={L.leftWidth}
          height={L.topHeight}
          focused={s.pane === 'list'}
        />
        {chart(L.chartWidth)}
      </Box>
    );
    const here = eventsBetween(m.shown.result.events, s.cursorMs, s.cursorMs + m.stepMs);
    bottomLeft = (
      <ZonesPane result={m.shown.result} run={b ? s.showRun : 'A'} cursorMs={s.cursorMs} here={here} stepMs={m.stepMs} width={L.bottomLeftWidth} height={L.bottomHeight} />
    );
  }
  return (
    <Box flexDirection="column" width={L.width}>
      {top}
      <Box>
        {bottomLeft}
        {events(rightWidth, L.bottomHeight)}
      </Box>
    </Box>
  );
}
