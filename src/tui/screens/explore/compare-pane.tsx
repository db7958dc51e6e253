// A (before) against B (after), in the rows and order `headroom compare` prints: per-workload
// figures as A→B, most changed first, and what B changed in words — a why, "not in B", or
// "same figures, different timelines" where the figures alone would read ±0. Beneath it, the
// cluster-wide totals.
import { Box, Text } from 'ink';
import type { CompareRow } from '../../../report/compare-rows.js';
import { seconds } from '../../../report/figures.js';
import type { SummaryRow } from '../../../report/summary.js';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';
import { Table, type Cell, type Column } from '../../components/table.js';
import { TextField } from '../../components/text-field.js';
import { fit, num, shortName, signed, wrap } from '../../format.js';
import { totalDeltas, type Comparison, type Delta, type Run } from '../../data/runs.js';
import { describeSets } from '../../data/whatif.js';
import type { Role } from '../../theme.js';
import type { TextState } from '../../text-edit.js';

export const SAME_FIGURES = 'same figures, different timelines';

const deltaRole = (d: number, better: 1 | -1): Role => (Math.abs(d) < 1e-9 ? 'dim' : d * better > 0 ? 'good' : 'bad');

const rollout = (r: SummaryRow): string => (r.rolloutSeconds === null ? '—' : r.rolloutSeconds < 0 ? r.rolloutStatus : seconds(r.rolloutSeconds));

/** "12→3" with the change coloured; "7" when equal. */
function arrow(a: string, b: string, d: number, better: 1 | -1): Cell {
  if (a === b) return { text: a, role: 'dim' };
  return { text: `${a}→${b}`, role: deltaRole(d, better) };
}

/** What B changed about the workload, in words. */
export function noteOf(r: CompareRow, moved: ReadonlySet<string>): Cell {
  const key = `${r.namespace}/${r.workload}`;
  if (!r.b) return { text: 'not in B', role: 'dim' };
  if (!r.a) return { text: 'only in B', role: 'dim' };
  if (moved.has(key)) return { text: SAME_FIGURES, role: 'accent' };
  if (r.a.why !== r.b.why) return { text: r.b.why ? `B: ${r.b.why}` : 'B: never below desired', role: r.b.why ? 'warn' : 'good' };
  return { text: r.a.why ? `why: ${r.a.why}` : '', role: 'dim' };
}

export interface ComparePaneProps {
  readonly comparison: Comparison;
  readonly list: readonly string[];
  readonly selected: string | null;
  readonly filter: string;
  readonly typing: TextState | null;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

export function ComparePane(p: ComparePaneProps) {
  const inner = p.width - 4;
  const byKey = new Map(p.comparison.rows.map((r) => [`${r.namespace}/${r.workload}`, r]));
  const wide = inner >= 110;
  const nameW = Math.min(30, Math.max(16, Math.floor(inner * 0.28)));
  const columns: Column[] = [
    { header: 'workload', width: nameW },
    { header: 'avail % A→B', width: 11, align: 'right' },
    ...(wide ? [{ header: 'Δ', width: 5, align: 'right' as const }] : []),
    { header: wide ? 'lowest available' : 'lowest', width: wide ? 16 : 6, align: 'right' },
    ...(wide ? [{ header: 'PDB needs', width: 9, align: 'right' as const }] : []),
    { header: 'below PDB', width: 13, align: 'right' },
    ...(wide ? [{ header: 'evicted', width: 7, align: 'right' as const }, { header: 'rollout', width: 13, align: 'right' as const }] : []),
    { header: 'what changed', width: 0 },
  ];
  const row = (i: number): Cell[] => {
    const key = p.list[i];
    const r = byKey.get(key);
    const name = shortName(key, nameW);
    if (!r || !r.a || !r.b) return [name, '', ...(wide ? [''] : []), '', ...(wide ? [''] : []), '', ...(wide ? ['', ''] : []), r ? noteOf(r, p.comparison.moved) : ''];
    const { a, b } = r;
    const dp = b.availabilityPct - a.availabilityPct;
    const cells: Cell[] = [
      name,
      arrow(num(a.availabilityPct, 1), num(b.availabilityPct, 1), dp, 1),
      ...(wide ? [{ text: signed(dp, 1), role: deltaRole(dp, 1) }] : []),
      arrow(String(a.lowestAvailable), String(b.lowestAvailable), b.lowestAvailable - a.lowestAvailable, 1),
      ...(wide ? [arrow(a.pdbMinHealthy === null ? '—' : String(a.pdbMinHealthy), b.pdbMinHealthy === null ? '—' : String(b.pdbMinHealthy), 0, 1)] : []),
      a.pdbMinHealthy === null && b.pdbMinHealthy === null ? { text: '—', role: 'dim' } : arrow(seconds(a.secondsBelowPdb), seconds(b.secondsBelowPdb), b.secondsBelowPdb - a.secondsBelowPdb, -1),
      ...(wide ? [arrow(String(a.evictions), String(b.evictions), b.evictions - a.evictions, -1), arrow(rollout(a), rollout(b), 0, -1)] : []),
      noteOf(r, p.comparison.moved),
    ];
    return cells;
  };
  const at = p.selected ? p.list.indexOf(p.selected) : -1;
  const filtered = p.filter && !p.typing ? ` · /${p.filter}` : '';
  return (
    <Pane title={`Compare A (before) → B (after) · most changed first${filtered}`} width={p.width} height={p.height} focused={p.focused}>
      {p.typing ? (
        <Box>
          <S role="key">/</S>
          <TextField text={p.typing} placeholder="name or cause; Enter keeps, Esc clears" width={inner - 1} />
        </Box>
      ) : null}
      <Table columns={columns} count={p.list.length} row={row} selected={at} width={inner} height={p.height - 3 - (p.typing ? 1 : 0)} />
    </Pane>
  );
}

export interface TotalsPaneProps {
  readonly a: Run;
  readonly b: Run;
  readonly moved: ReadonlySet<string>;
  readonly width: number;
  readonly height: number;
}

const deltaValue = (d: Delta, x: number): string => (d.seconds ? seconds(x) : num(x, /%/.test(d.label) ? 2 : 0));

function DeltaLine({ d, width }: { d: Delta; width: number }) {
  const diff = d.b - d.a;
  const text = Math.abs(diff) < 1e-9 ? '±0' : d.seconds ? `${diff > 0 ? '+' : '-'}${seconds(Math.abs(diff))}` : signed(diff, /%/.test(d.label) ? 2 : 0);
  // label, "A → B", the difference: the label gives way first, then the difference.
  const values = `${deltaValue(d, d.a).padStart(8)} → ${deltaValue(d, d.b).padEnd(8)}`;
  const showDelta = width >= 12 + values.length + 9;
  const labelW = Math.max(8, Math.min(19, width - values.length - (showDelta ? 9 : 0)));
  return (
    <Text wrap="truncate">
      <S role="dim">{fit(d.label, labelW)}</S>
      {values}
      {showDelta ? <S role={deltaRole(diff, d.better)}>{text.padStart(9)}</S> : null}
    </Text>
  );
}

export function TotalsPane(p: TotalsPaneProps) {
  const deltas = totalDeltas(p.a, p.b);
  const moved = p.moved.size;
  const note = moved ? wrap(`${moved} workload${moved === 1 ? '' : 's'}: ${SAME_FIGURES}`, p.width - 4).slice(0, 2) : [];
  const room = Math.max(0, p.height - 4 - note.length);
  return (
    <Pane title="Headline figures, all workloads" width={p.width} height={p.height}>
      {note.map((l, i) => (
        <Text key={i} wrap="truncate">
          <S role="accent">{l}</S>
        </Text>
      ))}
      {deltas.slice(0, room).map((d) => (
        <DeltaLine key={d.label} d={d} width={p.width - 4} />
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
