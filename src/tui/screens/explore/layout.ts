// Where the panes go for a terminal size and a view (pure). The app draws 2 header lines and 1
// key line and leaves one line free (so ink redraws in place); the explore body gets the rest.
import type { View } from './explore-state.js';

export interface ExploreLayout {
  readonly width: number;
  readonly bodyHeight: number;
  /** Height of the top row (list | chart) and of the bottom row (zones | events); 0 = no bottom row. */
  readonly topHeight: number;
  readonly bottomHeight: number;
  /** Width of the top row's left pane; 0 when the top row is one pane. */
  readonly leftWidth: number;
  /** Width of the bottom row's left pane. */
  readonly bottomLeftWidth: number;
  /** The chart pane's width; 0 when the view has no chart. */
  readonly chartWidth: number;
  /** Rows of plot in the chart (it draws chartHeight + 1 lines). */
  readonly chartHeight: number;
  /** Time columns of the chart. */
  readonly chartColumns: number;
  /** Width of the chart's y labels. */
  readonly labelWidth: number;
  /** Whether the chart has room for the terminating pods' row. */
  readonly terminatingRow: boolean;
}

export const CHART_LABEL_WIDTH = 4;
/** From this width on the comparison has the chart beside its table. */
export const COMPARE_CHART_MIN_WIDTH = 120;

export const bodyHeightFor = (rows: number): number => Math.max(16, rows - 1 - 3);

/** Time columns of a chart pane `width` wide: minus border, padding, labels, space and axis. */
export const chartColumnsFor = (width: number): number => Math.max(10, width - 2 - 2 - CHART_LABEL_WIDTH - 2);

export function exploreLayout(view: View, columns: number, rows: number): ExploreLayout {
  const width = Math.max(60, columns);
  const bodyHeight = bodyHeightFor(rows);
  const split = (share: number) => Math.max(40, Math.min(Math.round(width * 0.6), Math.round(width * share)));
  const single = view === 'events' || view === 'nodes' || view === 'pods';
  const bottomHeight = single ? 0 : Math.max(7, Math.min(18, Math.round(bodyHeight * 0.38)));
  const topHeight = bodyHeight - bottomHeight;
  let leftWidth = 0;
  let chartWidth = 0;
  if (view === 'workloads') leftWidth = split(0.38);
  if (view === 'compare') leftWidth = width >= COMPARE_CHART_MIN_WIDTH ? split(0.58) : 0;
  if (view === 'workloads' || view === 'workload' || (view === 'compare' && leftWidth > 0)) chartWidth = width - leftWidth;
  const bottomLeftWidth = single ? 0 : split(view === 'workload' ? 0.5 : view === 'compare' ? 0.45 : 0.38);
  // Chart pane: border 2, title 1, then the plot (h + 1), the time axis, pending, terminating
  // (when there is room), the counts at the cursor and the why line.
  const terminatingRow = topHeight >= 16;
  const chartHeight = Math.max(2, topHeight - 2 - 1 - 1 - 1 - 1 - 1 - (terminatingRow ? 1 : 0) - 1);
  return {
    width,
    bodyHeight,
    topHeight,
    bottomHeight,
    leftWidth,
    bottomLeftWidth,
    chartWidth,
    chartHeight,
    chartColumns: chartColumnsFor(chartWidth || width),
    labelWidth: CHART_LABEL_WIDTH,
    terminatingRow,
  };
}
