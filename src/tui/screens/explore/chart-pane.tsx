// The timeline of one workload: available in A (light line) and B (double line) against
// desired (dashed) from 0 pods up, pending and terminating beneath, the time cursor across all
// of them, the counts and what the PDB needs at the cursor, and why it was below desired.
import { Box, Text } from 'ink';
import { formatDuration } from '../../../model/duration.js';
import type { SummaryRow } from '../../../report/summary.js';
import type { WorkloadResult } from '../../../sim/result.js';
import { STROKE, chartRows, merge, timeAxis, type ChartSeries } from '../../components/chart.js';
import { ChartView } from '../../components/chart-view.js';
import { Pane } from '../../components/pane.js';
import { BLOCKS } from '../../components/sparkline.js';
import { Line, S } from '../../components/styled.js';
import { columnOf, resample, sampleAt } from '../../data/series.js';
import { wrap } from '../../format.js';
import type { Role } from '../../theme.js';

export interface ChartPaneProps {
  readonly a: WorkloadResult | undefined;
  readonly b: WorkloadResult | undefined;
  /** Their headline figures (for the why line). */
  readonly sa: SummaryRow | undefined;
  readonly sb: SummaryRow | undefined;
  readonly durationMs: number;
  readonly cursorMs: number;
  readonly width: number;
  readonly height: number;
  readonly chartHeight: number;
  readonly columns: number;
  readonly labelWidth: number;
  readonly terminatingRow: boolean;
  /** Lines for the why (wrapped); 1 truncates it. */
  readonly whyLines?: number;
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

/** Why it was below desired, for A and (when different) B. */
export function whyText(sa: SummaryRow | undefined, sb: SummaryRow | undefined): string {
  const a = sa?.why ?? '';
  if (!sb) return a ? `why: ${a}` : '';
  const b = sb.why;
  if (a === b) return a ? `why (A and B): ${a}` : '';
  return `why: A ${a || 'never below desired'} · B ${b || 'never below desired'}`;
}

export function ChartPane(p: ChartPaneProps) {
  const { a, b, durationMs, columns } = p;
  const legend = b ? 18 : 14;
  const words = ' · available vs desired';
  const title = a ? `${a.key}${a.key.length + words.length + legend <= p.width - 4 ? words : ''}` : 'no workload';
  if (!a) {
    return (
      <Pane title={title} width={p.width} height={p.height} focused={p.focused}>
        <S role="dim">No workload to show (the list is empty or filtered out).</S>
      </Pane>
    );
  }
  const cursor = columnOf(p.cursorMs, columns, durationMs);
  const series: ChartSeries[] = [];
  if (b) series.push({ values: resample(b.samples, (s) => s.available, columns, durationMs, 'min'), role: 'seriesB', line: 'double' });
  series.push({ values: resample(a.samples, (s) => s.available, columns, durationMs, 'min'), role: 'seriesA', line: 'light' });
  const desired = [a, ...(b ? [b] : [])].map((w) => resample(w.samples, (s) => s.desired, columns, durationMs, 'max'));
  series.push({ values: desired[desired.length - 1], role: 'desired', line: 'dashed' });
  const rows = chartRows(series, { height: p.chartHeight, floor: 0, cursor, labelWidth: p.labelWidth });
  const shown = p.showRun === 'B' && b ? b : a;
  const pending = resample(shown.samples, (s) => s.pending, columns, durationMs, 'max');
  const terminating = resample(shown.samples, (s) => s.terminating, columns, durationMs, 'max');
  const lw = p.labelWidth;
  const prefix = (label: string) => ({ text: label.padStart(lw).slice(-lw) + ' ┤', role: 'dim' as Role });
  const axis = ' '.repeat(lw + 2) + timeAxis(columns, durationMs, formatDuration);
  const sa = sampleAt(a.samples, p.cursorMs)!;
  const sb = b ? sampleAt(b.samples, p.cursorMs) : undefined;
  const counts = (s: typeof sa) =>
    `avail ${s.available}/${s.desired} · pend ${s.pending} · term ${s.terminating}${s.pdbDesired !== null ? ` · PDB healthy ${s.pdbHealthy}, needs ${s.pdbDesired}` : ''}`;
  const why = whyText(p.sa, p.sb);
  const whyLines = why ? (p.whyLines && p.whyLines > 1 ? wrap(why, p.width - 4).slice(0, p.whyLines) : [why]) : [];
  return (
    <Pane
      width={p.width}
      height={p.height}
      focused={p.focused}
      title={
        <Text>
          {title}
          {'  '}
          <S role="seriesA">{STROKE.light} A</S>
          {b ? <S role="seriesB">{` ${STROKE.double} B`}</S> : null}
          <S role="desired">{` ${STROKE.dashed} desired`}</S>
        </Text>
      }
    >
      <ChartView rows={rows} />
      <S role="dim" wrap="truncate">
        {axis}
      </S>
      <Line segments={[prefix('pend'), ...merge(countCells(pending, Math.max(0, ...pending), cursor, 'pending'))]} />
      {p.terminatingRow ? <Line segments={[prefix('term'), ...merge(countCells(terminating, Math.max(0, ...terminating), cursor, 'terminating'))]} /> : null}
      <Box>
        <Text wrap="truncate">
          <S role="cursor">▲ {formatDuration(p.cursorMs)}</S>
          {'  '}
          {sb ? <S role="seriesA">A </S> : null}
          {counts(sa)}
          {sb ? (
            <>
              {'  '}
              <S role="seriesB">B </S>
              {`avail ${sb.available}/${sb.desired} · pend ${sb.pending}`}
            </>
          ) : null}
        </Text>
      </Box>
      {whyLines.map((l, i) => (
        <Text key={i} wrap="truncate">
          <S role="warn">{l}</S>
        </Text>
      ))}
    </Pane>
  );
}
