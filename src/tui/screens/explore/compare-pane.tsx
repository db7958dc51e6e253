// A (before) against B (after): per-workload headline figures with their deltas, the most
// changed first, and the cluster-wide totals.
import { Box, Text } from 'ink';
import type { SummaryRow } from '../../../report/summary.js';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';
import { Table, type Cell, type Column } from '../../components/table.js';
import { num, signed } from '../../format.js';
import { totalDeltas, type Delta, type Run, type WorkloadDelta } from '../../data/runs.js';
import { describeSets } from '../../data/whatif.js';
import type { Role } from '../../theme.js';
import { shortName } from './workloads-pane.js';

const deltaRole = (d: number, better: 1 | -1): Role => (Math.abs(d) < 1e-9 ? 'dim' : d * better > 0 ? 'good' : 'bad');

const rollout = (r: SummaryRow): string => (r.rolloutSeconds === null ? '—' : r.rolloutSeconds < 0 ? r.rolloutStatus : num(r.rolloutSeconds, 0));

/** "12→3" with the change coloured; "7" when equal. */
function arrow(a: number, b: number, better: 1 | -1, digits = 0): Cell {
  if (a === b) return { text: num(a, digits), role: 'dim' };
  return { text: `${num(a, digits)}→${num(b, digits)}`, role: deltaRole(b - a, better) };
}

export interface ComparePaneProps {
  readonly deltas: readonly WorkloadDelta[];
  readonly selected: number;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

export function ComparePane(p: ComparePaneProps) {
  const inner = p.width - 4;
  // Narrow: the rollout time takes the place of the Δ column (the arrow shows the change).
  const wide = inner >= 78;
  const columns: Column[] = [
    { header: 'workload', width: 0 },
    { header: 'avail% A→B', width: 11, align: 'right' },
    ...(wide ? [{ header: 'Δ', width: 5, align: 'right' as const }] : []),
    { header: 'min av', width: 6, align: 'right' },
    { header: 's<pdb', width: 7, align: 'right' },
    ...(wide ? [{ header: 'evicted', width: 7, align: 'right' as const }] : []),
    { header: 'rollout s', width: 9, align: 'right' },
  ];
  const fixedW = columns.reduce((acc, c) => acc + c.width + 1, 2);
  const row = (i: number): Cell[] => {
    const d = p.deltas[i];
    const b = d.b;
    if (!b) return [d.key, { text: 'not in B', role: 'dim' }];
    const dp = b.availabilityPct - d.a.availabilityPct;
    const ra = rollout(d.a);
    const rb = rollout(b);
    const cells: Cell[] = [
      shortName(d.key, Math.max(8, inner - fixedW)),
      { text: `${num(d.a.availabilityPct, 1)}→${num(b.availabilityPct, 1)}`, role: deltaRole(dp, 1) },
      ...(wide ? [{ text: signed(dp, 1), role: deltaRole(dp, 1) }] : []),
      arrow(d.a.lowestAvailable, b.lowestAvailable, 1),
      arrow(d.a.secondsBelowPdb, b.secondsBelowPdb, -1),
      ...(wide ? [arrow(d.a.evictions, b.evictions, -1)] : []),
      { text: ra === rb ? ra : `${ra}→${rb}`, role: ra === rb ? 'dim' : null },
    ];
    return cells;
  };
  return (
    <Pane title="Compare A (before) → B (after) · most changed first" width={p.width} height={p.height} focused={p.focused}>
      <Table columns={columns} count={p.deltas.length} row={row} selected={p.selected} width={inner} height={p.height - 3} />
    </Pane>
  );
}

export interface TotalsPaneProps {
  readonly a: Run;
  readonly b: Run;
  readonly width: number;
  readonly height: number;
}

function DeltaLine({ d }: { d: Delta }) {
  const diff = d.b - d.a;
  const digits = /%/.test(d.label) ? 2 : 0;
  return (
    <Text wrap="truncate">
      <S role="dim">{d.label.padEnd(19)}</S>
      {num(d.a, digits).padStart(8)} → {num(d.b, digits).padEnd(8)}
      <S role={deltaRole(diff, d.better)}>{signed(diff, digits).padStart(8)}</S>
    </Text>
  );
}

export function TotalsPane(p: TotalsPaneProps) {
  const deltas = totalDeltas(p.a, p.b);
  const room = Math.max(0, p.height - 4);
  return (
    <Pane title="Headline figures, all workloads" width={p.width} height={p.height}>
      {deltas.slice(0, room).map((d) => (
        <DeltaLine key={d.label} d={d} />
      ))}
      <Box>
        <Text wrap="truncate">
          <S role="seriesB">B: </S>
          {describeSets(p.b.sets.slice(p.a.sets.length)) || 'same as A'}
        </Text>
      </Box>
    </Pane>
  );
}
