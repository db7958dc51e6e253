// One workload at the time cursor: its pods by state (A, and B beside it), and its headline
// figures over the whole run.
import { formatDuration } from '../../../model/duration.js';
import { Box, Text } from 'ink';
import type { SummaryRow } from '../../../report/summary.js';
import type { WorkloadRow } from '../../../sim/sampler.js';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';
import { num } from '../../format.js';
import { sampleAt } from '../../data/series.js';
import { workloadOf, type Run } from '../../data/runs.js';

export interface DetailPaneProps {
  readonly a: Run;
  readonly b: Run | null;
  readonly workload: string;
  readonly cursorMs: number;
  readonly width: number;
  readonly height: number;
}

const STATES: readonly [string, (r: WorkloadRow) => string][] = [
  ['desired', (r) => String(r.desired)],
  ['available', (r) => String(r.available)],
  ['ready', (r) => String(r.ready)],
  ['updated', (r) => String(r.updated)],
  ['pending', (r) => String(r.pending)],
  ['terminating', (r) => String(r.terminating)],
  ['PDB healthy', (r) => (r.pdbDesired === null ? '—' : `${r.pdbHealthy}/${r.pdbDesired}`)],
];

const FIGURES: readonly [string, (s: SummaryRow) => string][] = [
  ['avail %', (s) => num(s.availabilityPct, 2)],
  ['min avail', (s) => String(s.lowestAvailable)],
  ['s<desired', (s) => num(s.secondsBelowDesired, 0)],
  ['s<pdb', (s) => num(s.secondsBelowPdb, 0)],
  ['rollout s', (s) => (s.rolloutSeconds === null ? '—' : s.rolloutSeconds < 0 ? s.rolloutStatus : num(s.rolloutSeconds, 0))],
  ['evicted', (s) => String(s.evictions)],
  ['OOM kills', (s) => String(s.oomKills)],
];

export function DetailPane(p: DetailPaneProps) {
  const wa = workloadOf(p.a, p.workload);
  const wb = p.b ? workloadOf(p.b, p.workload) : undefined;
  const ra = wa ? sampleAt(wa.samples, p.cursorMs) : undefined;
  const rb = wb ? sampleAt(wb.samples, p.cursorMs) : undefined;
  const sa = p.a.summary.get(p.workload);
  const sb = p.b?.summary.get(p.workload);
  const room = Math.max(0, p.height - 4);
  const col = p.b ? 5 : 6;
  const half = Math.floor((p.width - 4) / 2);
  return (
    <Pane title={`${p.workload} at ${formatDuration(p.cursorMs)} · over the run`} width={p.width} height={p.height}>
      <Box>
        <Box flexDirection="column" width={half}>
          <Text wrap="truncate">
            <S role="dim">{'pods'.padEnd(12)}</S>
            <S role="seriesA">{'A'.padStart(col)}</S>
            {p.b ? <S role="seriesB">{'B'.padStart(col + 1)}</S> : null}
          </Text>
          {STATES.slice(0, room).map(([label, f]) => (
            <Text key={label} wrap="truncate">
              <S role="dim">{label.padEnd(12)}</S>
              {(ra ? f(ra) : '').padStart(col)}
              {p.b ? ' ' + (rb ? f(rb) : '').padStart(col) : ''}
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" width={half}>
          <Text wrap="truncate">
            <S role="dim">{'run'.padEnd(10)}</S>
            <S role="seriesA">{'A'.padStart(col + 1)}</S>
            {p.b ? <S role="seriesB">{'B'.padStart(col + 2)}</S> : null}
          </Text>
          {FIGURES.slice(0, room).map(([label, f]) => (
            <Text key={label} wrap="truncate">
              <S role="dim">{label.padEnd(10)}</S>
              {(sa ? f(sa) : '').padStart(col + 1)}
              {p.b ? ' ' + (sb ? f(sb) : '').padStart(col + 1) : ''}
            </Text>
          ))}
        </Box>
      </Box>
    </Pane>
  );
}
