// Where the panes go for a terminal size (pure). The app draws 2 header lines and 1 key line;
// the explore body gets the rest.

export interface ExploreLayout {
  readonly width: number;
  readonly bodyHeight: number;
  /** Height of the top row (list | chart) and of the bottom row (zones | events). */
  readonly topHeight: number;
  readonly bottomHeight: number;
  /** Width of the left column (list, zones); 0 when the chart takes the whole width. */
  readonly leftWidth: number;
  readonly rightWidth: number;
  /** Rows of plot in the chart (it draws chartHeight + 1 lines). */
  readonly chartHeight: number;
  /** Time columns of the chart. */
  readonly chartColumns: number;
  /** Width of the chart's y labels. */
  readonly labelWidth: number;
}

export const CHART_LABEL_WIDTH = 4;

/** `left`: share of the width for the left column (0 = the chart takes the whole top row). */
export function exploreLayout(columns: number, rows: number, left = 0.38): ExploreLayout {
  const width = Math.max(60, columns);
  // One line is left free below the UI, so ink redraws in place instead of clearing the screen.
  const bodyHeight = Math.max(16, rows - 1 - 3);
  const bottomHeight = Math.max(7, Math.min(18, Math.round(bodyHeight * 0.38)));
  const topHeight = bodyHeight - bottomHeight;
  const leftWidth = left <= 0 ? 0 : Math.max(36, Math.min(Math.round(width * 0.6), Math.round(width * left)));
  const rightWidth = width - leftWidth;
  // Chart pane: border 2 + title 1 + legend-free; chart (h+1) + time axis 1 + pending 1 +
  // terminating 1 + counts 1.
  const chartHeight = Math.max(3, topHeight - 2 - 1 - 1 - 1 - 1 - 1 - 1);
  const chartColumns = chartColumnsFor(left <= 0 ? width : rightWidth);
  return { width, bodyHeight, topHeight, bottomHeight, leftWidth, rightWidth, chartHeight, chartColumns, labelWidth: CHART_LABEL_WIDTH };
}

/** Time columns of a chart pane `width` wide: minus border, padding, labels, space and axis. */
export const chartColumnsFor = (width: number): number => Math.max(10, width - 2 - 2 - CHART_LABEL_WIDTH - 2);
