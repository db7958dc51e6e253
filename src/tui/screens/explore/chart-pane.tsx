// The timeline of one workload: available (A, and B when there is one) against desired over
// the whole run, pending and terminating beneath, the time cursor across all of them and the
// counts at the cursor.
import { formatDuration } from '../../../model/duration.js';
import { Box, Text } from 'ink';
import type { WorkloadResult } from '../../../sim/result.js';
import { chartRows, merge, timeAxis, type ChartSeries } from '../../components/chart.js';
import { ChartView } from '../../components/chart-view.js';
import { Pane } from '../../components/pane.js';
import { BLOCKS } from '../../components/sparkline.js';
import { Line, S } from '../../components/styled.js';

import { columnOf, resample, sampleAt } from '../../data/series.js';
import type { Role } from '../../theme.js';

export interface ChartPaneProps {
  readonly a: WorkloadResult | undefined;
  readonly b: WorkloadResult | undefined;
  readonly durationMs: number;
  readonly cursorMs: number;
  readonly width: number;
  readonly height: number;
  readonly chartHeight: number;
  readonly columns: number;
  readonly labelWidth: number;
  readonly focused: boolean;
  readonly showRun: 'A' | 'B';
}

/** One cell per column: · for none, else a block scaled to `max`; the cursor column is marked. */
export function countCells(values: readonly number[], max: number, cursor: number, role: Role): { ch: string; role: Role | null }[] {
  return values.map((v, c) => {
    if (c === cursor && v === 0) return { ch: '│', role: 'cursor' };
    if (v <= 0) return { ch: '·', role: 'dim' };
    return { ch: BLOCKS[Math.max(0, Math.min(7, Math.ceil((v / Math.max(1, max)) * 8) - 1))], role };
  });
}

export function ChartPane(p: ChartPaneProps) {
  const { a, b, durationMs, columns } = p;
  // The legend says what the lines are; the words go first when the pane is narrow.
  const legendW = b ? 22 : 18;
  const words = ' · available vs desired';
  const title = a ? `${a.key}${a.key.length + words.length + legendW <= p.width - 4 ? words : ''}` : 'no workload';
  if (!a) {
    return (
      <Pane title={title} width={p.width} height={p.height} focused={p.focused}>
        <S role="dim">This scenario has no workloads.</S>
      </Pane>
    );
  }
  const cursor = columnOf(p.cursorMs, columns, durationMs);
  const series: ChartSeries[] = [];
  if (b) series.push({ values: resample(b.samples, (s) => s.available, columns, durationMs, 'min'), role: 'seriesB' });
  series.push({ values: resample(a.samples, (s) => s.available, columns, durationMs, 'min'), role: 'seriesA' });
  const desired = [a, ...(b ? [b] : [])].map((w) => resample(w.samples, (s) => s.desired, columns, durationMs, 'max'));
  series.push({ values: desired[desired.length - 1], role: 'desired', dashed: true });
  const rows = chartRows(series, { height: p.chartHeight, floor: 0, cursor, labelWidth: p.labelWidth });
  const shown = p.showRun === 'B' && b ? b : a;
  const pending = resample(shown.samples, (s) => s.pending, columns, durationMs, 'max');
  const terminating = resample(shown.samples, (s) => s.terminating, columns, durationMs, 'max');
  const maxP = Math.max(0, ...pending);
  const maxT = Math.max(0, ...terminating);
  const lw = p.labelWidth;
  const prefix = (label: string) => ({ text: label.padStart(lw).slice(-lw) + ' ┤', role: 'dim' as Role });
  const axis = ' '.repeat(lw + 2) + timeAxis(columns, durationMs, formatDuration);
  const at = (w: WorkloadResult) => sampleAt(w.samples, p.cursorMs);
  const sa = at(a)!;
  const sb = b ? at(b) : undefined;
  const counts = (s: typeof sa) => `avail ${s.available}/${s.desired} · upd ${s.updated} · pend ${s.pending} · term ${s.terminating}`;
  const pdb = sa.pdbDesired !== null ? ` · PDB healthy ${sa.pdbHealthy}, needs ${sa.pdbDesired}` : '';
  return (
    <Pane
      width={p.width}
      height={p.height}
      focused={p.focused}
      title={
        <Text>
          {title}
          {'  '}
          <S role="seriesA">━ A</S>
          {b ? (
            <>
              {' '}
              <S role="seriesB">━ B</S>
            </>
          ) : null}{' '}
          <S role="desired">┄ desired</S>
        </Text>
      }
    >
      <ChartView rows={rows} />
      <S role="dim" wrap="truncate">
        {axis}
      </S>
      <Line segments={[prefix('pend'), ...merge(countCells(pending, maxP, cursor, 'pending'))]} />
      <Line segments={[prefix('term'), ...merge(countCells(terminating, maxT, cursor, 'terminating'))]} />
      <Box>
        <Text wrap="truncate">
          <S role="cursor">▲ {formatDuration(p.cursorMs)}</S>
          {'  '}
          {sb ? <S role="seriesA">A </S> : null}
          {counts(sa) + pdb}
          {sb ? (
            <>
              {'  '}
              <S role="seriesB">B </S>
              {`avail ${sb.available}/${sb.desired} · pend ${sb.pending}`}
            </>
          ) : null}
        </Text>
      </Box>
    </Pane>
  );
}
