// One workload at the time cursor: its pods by state (A, and B beside it), its headline figures
// over the whole run in the words every face uses, and why it was below desired.
import { Box, Text } from 'ink';
import { formatDuration } from '../../../model/duration.js';
import { desiredUnit, jobText, kindTag, pdbText, rolloutText, seconds } from '../../../report/figures.js';
import type { SummaryRow } from '../../../report/summary.js';
import type { WorkloadRow } from '../../../sim/result.js';
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
  ['lowest available', (s) => `${s.lowestAvailable}/${s.desired}`],
  ['PDB needs', (s) => pdbText(s) || '—'],
  ['avail %', (s) => num(s.availabilityPct, 2)],
  ['below desired', (s) => seconds(s.secondsBelowDesired)],
  ['below PDB', (s) => (s.pdbMinHealthy === null && s.secondsBelowPdb === 0 ? '—' : seconds(s.secondsBelowPdb))],
  ['rollout', (s) => rolloutText(s) || '—'],
  ['evicted', (s) => String(s.evictions)],
  ['OOM kills', (s) => String(s.oomKills)],
];

/** A Job's pods at the cursor: its progress is completions (and failures), not availability. */
const JOB_STATES: readonly [string, (r: WorkloadRow) => string][] = [
  ['wanted', (r) => String(r.desired)],
  ['active', (r) => String(r.replicas)],
  ['ready', (r) => String(r.ready)],
  ['succeeded', (r) => String(r.succeeded ?? 0)],
  ['failed', (r) => String(r.failed ?? 0)],
  ['pending', (r) => String(r.pending)],
  ['terminating', (r) => String(r.terminating)],
];

const JOB_FIGURES: readonly [string, (s: SummaryRow) => string][] = [
  ['completions', (s) => (s.job ? (s.job.completions === null ? `${s.job.succeeded}` : `${s.job.succeeded}/${s.job.completions}`) : '')],
  ['failed pods', (s) => String(s.job?.failed ?? 0)],
  ['completed', (s) => (s.job?.condition === 'Complete' && s.job.conditionSeconds !== null ? seconds(s.job.conditionSeconds) : '—')],
  ['below wanted', (s) => seconds(s.secondsBelowDesired)],
  ['evicted', (s) => String(s.evictions)],
  ['OOM kills', (s) => String(s.oomKills)],
];

/** Labels too long for a narrow pane, in the words the workloads list uses there. */
const SHORT: Readonly<Record<string, string>> = { 'lowest available': 'lowest' };

/** One block of label / A / B rows. */
function Block<T>({ title, rows, a, b, labelW, col, room, width, hasB }: { title: string; rows: readonly [string, (x: T) => string][]; a: T | undefined; b: T | undefined; labelW: number; col: number; room: number; width: number; hasB: boolean }) {
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <S role="dim">{title.padEnd(labelW)}</S>
        <S role="seriesA">{'A'.padStart(col)}</S>
        {hasB ? <S role="seriesB">{'B'.padStart(col + 1)}</S> : null}
      </Text>
      {rows.slice(0, room).map(([label, f]) => (
        <Text key={label} wrap="truncate">
          <S role="dim">{(label.length < labelW ? label : (SHORT[label] ?? label)).padEnd(labelW)}</S>
          {(a ? f(a) : '').padStart(col)}
          {hasB ? ' ' + (b ? f(b) : '').padStart(col) : ''}
        </Text>
      ))}
    </Box>
  );
}

export function DetailPane(p: DetailPaneProps) {
  const wa = workloadOf(p.a, p.workload);
  const wb = p.b ? workloadOf(p.b, p.workload) : undefined;
  const sa = p.a.summary.get(p.workload);
  const sb = p.b?.summary.get(p.workload);
  const room = Math.max(0, p.height - 4);
  const hasB = p.b !== null;
  const col = hasB ? 7 : 8;
  const half = Math.floor((p.width - 4) / 2);
  // Narrow, the pods at the cursor give way (the chart's counts line shows them).
  const both = half >= 12 + col * (hasB ? 2 : 1) + (hasB ? 1 : 0);
  // Each kind in its own words: a DaemonSet's desired are the nodes it should run on, a Job's
  // progress is its completions (and how it ended).
  const kind = wa?.kind ?? 'Deployment';
  const isJob = kind === 'Job';
  const figures = isJob ? JOB_FIGURES : FIGURES;
  const outcome = isJob && sa?.job ? jobText(sa.job) : '';
  const used = figures.length + 1 + (outcome ? 1 : 0);
  const why = sa?.why && room > used ? wrap(`why: ${sa.why}`, p.width - 4).slice(0, room - used) : [];
  // "lowest available" and its value where the pane has room, else the list's short word.
  const runLabelW = Math.max(14, Math.min(17, (both ? half : p.width - 4) - col * (hasB ? 2 : 1) - (hasB ? 1 : 0)));
  const states = isJob ? JOB_STATES : desiredUnit(kind) === 'nodes' ? STATES.map(([l, f]): (typeof STATES)[number] => [l === 'desired' ? 'nodes' : l, f]) : STATES;
  return (
    <Pane title={`${p.workload}${kindTag(kind) ? ` (${kindTag(kind)})` : ''} ${both ? `at ${formatDuration(p.cursorMs)} · over the run` : '· over the run'}`} width={p.width} height={p.height}>
      <Box>
        {both ? (
          <Block title="pods" rows={states} a={wa ? sampleAt(wa.samples, p.cursorMs) : undefined} b={wb ? sampleAt(wb.samples, p.cursorMs) : undefined} labelW={12} col={col} room={room} width={half} hasB={hasB} />
        ) : null}
        <Block title="run" rows={figures} a={sa} b={sb} labelW={runLabelW} col={col} room={room} width={both ? half : p.width - 4} hasB={hasB} />
      </Box>
      {outcome && room > figures.length + 1 ? (
        <Text wrap="truncate">
          <S role={sa?.job?.condition === 'Failed' ? 'warn' : 'dim'}>{outcome}</S>
        </Text>
      ) : null}
      {why.map((l, i) => (
        <Text key={i} wrap="truncate">
          <S role="warn">{l}</S>
        </Text>
      ))}
    </Pane>
  );
}
