// One workload at the time cursor: its pods by state (A, and B beside it), its headline figures
// over the whole run in the words every face uses, and why it was below desired.
import { Box, Text } from 'ink';
import { formatDuration } from '../../../model/duration.js';
import { pdbText, rolloutText, seconds } from '../../../report/figures.js';
import type { SummaryRow } from '../../../report/summary.js';
import type { WorkloadRow } from '../../../sim/sampler.js';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';
import { num, wrap } from '../../format.js';
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
  ['lowest avail', (s) => `${s.lowestAvailable}/${s.desired}`],
  ['PDB needs', (s) => pdbText(s) || '—'],
  ['avail %', (s) => num(s.availabilityPct, 2)],
  ['below desired', (s) => seconds(s.secondsBelowDesired)],
  ['below PDB', (s) => (s.pdbMinHealthy === null && s.secondsBelowPdb === 0 ? '—' : seconds(s.secondsBelowPdb))],
  ['rollout', (s) => rolloutText(s) || '—'],
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
  const col = p.b ? 7 : 8;
  const half = Math.floor((p.width - 4) / 2);
  // Narrow, the pods at the cursor give way (the chart's counts line shows them).
  const both = half >= 12 + col * (p.b ? 2 : 1) + (p.b ? 1 : 0);
  const rows = both ? STATES.length : FIGURES.length;
  return (
    <Pane title={`${p.workload} ${both ? `at ${formatDuration(p.cursorMs)} · over the run` : '· over the run'}`} width={p.width} height={p.height}>
      <Box>
        {both ? <Box flexDirection="column" width={half}>
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
        </Box> : null}
        <Box flexDirection="column" width={both ? half : p.width - 4}>
          <Text wrap="truncate">
            <S role="dim">{'run'.padEnd(14)}</S>
            <S role="seriesA">{'A'.padStart(col)}</S>
            {p.b ? <S role="seriesB">{'B'.padStart(col + 1)}</S> : null}
          </Text>
          {FIGURES.slice(0, room).map(([label, f]) => (
            <Text key={label} wrap="truncate">
              <S role="dim">{label.padEnd(14)}</S>
              {(sa ? f(sa) : '').padStart(col)}
              {p.b ? ' ' + (sb ? f(sb) : '').padStart(col) : ''}
            </Text>
          ))}
        </Box>
      </Box>
      {sa?.why && room > rows + 1
        ? wrap(`why: ${sa.why}`, p.width - 4)
            .slice(0, room - rows - 1)
            .map((l, i) => (
              <Text key={i} wrap="truncate">
                <S role="warn">{l}</S>
              </Text>
            ))
        : null}
    </Pane>
  );
}
