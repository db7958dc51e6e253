// The explore screen, drawn from its state and model (it keeps no state of its own): which panes
// go where in each view. workloads: the list worst first | the selected workload's timeline,
// the zones at the cursor | the event log. workload: the timeline full width, its figures | its
// events. compare: A→B per workload (| the timeline when wide), the totals | the events. events,
// nodes, pods: one pane. What Enter opened takes the place of the view.
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

const runOf = (p: ExploreProps) => (p.b ? p.s.showRun : null);

export function Explore(p: ExploreProps) {
  const { s, m } = p;
  const L = m.layout;
  if (s.opened) return <OpenedPane opened={s.opened} result={m.shown.result} run={runOf(p)} cursorMs={s.cursorMs} width={L.width} height={L.bodyHeight} />;
  switch (s.view === 'compare' && !m.comparison ? 'workloads' : s.view) {
    case 'events':
      return <Events {...p} width={L.width} height={L.bodyHeight} />;
    case 'nodes':
      return <Nodes {...p} />;
    case 'pods':
      return <PodsPane pods={m.pods} workload={m.selected} selected={m.pod} cursorMs={s.cursorMs} run={runOf(p)} width={L.width} height={L.bodyHeight} />;
    case 'workload':
      return m.selected ? <OneWorkload {...p} key={m.selected} /> : <Workloads {...p} />;
    case 'compare':
      return <Compare {...p} />;
    default:
      return <Workloads {...p} />;
  }
}

/** The top row over the bottom row, the event log at the bottom right. */
function Rows(p: ExploreProps & { top: ReactElement; bottomLeft: ReactElement }) {
  const L = p.m.layout;
  return (
    <Box flexDirection="column" width={L.width}>
      {p.top}
      <Box>
        {p.bottomLeft}
        <Events {...p} width={L.width - L.bottomLeftWidth} height={L.bottomHeight} />
      </Box>
    </Box>
  );
}

function Workloads(p: ExploreProps) {
  const { a, b, s, m } = p;
  const L = m.layout;
  const here = eventsBetween(m.shown.result.events, s.cursorMs, s.cursorMs + m.stepMs);
  const top = (
    <Box>
      <WorkloadsPane
        a={a}
        b={b}
        list={m.workloads}
        total={m.workloadTotal}
        selected={m.selected}
        filter={filterOf(s, 'workloads')}
        typing={typing(s, 'workloads')}
        width={L.leftWidth}
        height={L.topHeight}
        focused={s.pane === 'list'}
      />
      <Chart {...p} width={L.chartWidth} />
    </Box>
  );
  const zones = <ZonesPane result={m.shown.result} run={b ? s.showRun : 'A'} cursorMs={s.cursorMs} here={here} stepMs={m.stepMs} width={L.bottomLeftWidth} height={L.bottomHeight} />;
  return <Rows {...p} top={top} bottomLeft={zones} />;
}

function OneWorkload(p: ExploreProps) {
  const { a, b, s, m } = p;
  const key = m.selected!;
  const L = m.layout;
  // Full width, the why may take two lines.
  const why = whyText(a.summary.get(key), b?.summary.get(key));
  const top = <Chart {...p} width={L.width} whyLines={Math.max(1, Math.min(2, wrap(why, L.width - 4).length))} />;
  return <Rows {...p} top={top} bottomLeft={<DetailPane a={a} b={b} workload={key} cursorMs={s.cursorMs} width={L.bottomLeftWidth} height={L.bottomHeight} />} />;
}

function Compare(p: ExploreProps) {
  const { a, b, s, m } = p;
  const L = m.layout;
  const list = (
    <ComparePane
      comparison={m.comparison!}
      list={m.workloads}
      selected={m.selected}
      filter={filterOf(s, 'workloads')}
      typing={typing(s, 'workloads')}
      width={L.leftWidth || L.width}
      height={L.topHeight}
      focused={s.pane === 'list'}
    />
  );
  // Narrow, the table takes the width; Enter shows one workload's A and B timelines.
  const top = L.leftWidth ? (
    <Box>
      {list}
      <Chart {...p} width={L.chartWidth} />
    </Box>
  ) : (
    list
  );
  return <Rows {...p} top={top} bottomLeft={<TotalsPane a={a} b={b!} moved={m.comparison!.moved} width={L.bottomLeftWidth} height={L.bottomHeight} />} />;
}

function Chart(p: ExploreProps & { width: number; whyLines?: number }) {
  const { a, b, s, m } = p;
  const L = m.layout;
  const key = m.selected;
  const whyLines = p.whyLines ?? 1;
  return (
    <ChartPane
      a={key ? workloadOf(a, key) : undefined}
      b={key && b ? workloadOf(b, key) : undefined}
      sa={key ? a.summary.get(key) : undefined}
      sb={key && b ? b.summary.get(key) : undefined}
      durationMs={a.result.durationMs}
      cursorMs={s.cursorMs}
      width={p.width}
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
}

function Events(p: ExploreProps & { width: number; height: number }) {
  const { s, m } = p;
  return (
    <EventsPane
      events={m.events}
      total={m.shown.result.events.length}
      selected={m.eventIndex}
      kind={s.eventKind}
      text={filterOf(s, 'events')}
      typing={typing(s, 'events')}
      run={runOf(p)}
      workload={s.view === 'workload' ? m.selected : null}
      width={p.width}
      height={p.height}
      focused={s.pane === 'events'}
    />
  );
}

function Nodes(p: ExploreProps) {
  const { s, m } = p;
  return (
    <NodesPane
      nodes={m.nodes}
      total={m.nodeTotal}
      selected={m.node}
      cursorMs={s.cursorMs}
      run={runOf(p)}
      filter={filterOf(s, 'nodes')}
      typing={typing(s, 'nodes')}
      width={m.layout.width}
      height={m.layout.bodyHeight}
    />
  );
}
