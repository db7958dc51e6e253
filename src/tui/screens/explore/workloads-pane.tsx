// The workloads, worst first (filtered with `/`): availability, the lowest available pods
// against what the PDB needs when there is room, and a sparkline of available/desired over the
// run (B's when there is a B, with B's availability beside A's).
import type { SummaryRow } from '../../../report/summary.js';
import { Pane } from '../../components/pane.js';
import { sparkline } from '../../components/sparkline.js';
import { Table, type Cell, type Column } from '../../components/table.js';
import { TextField } from '../../components/text-field.js';
import { S } from '../../components/styled.js';
import { Box } from 'ink';
import { num, shortName } from '../../format.js';
import { resample } from '../../data/series.js';
import { workloadOf, type Run } from '../../data/runs.js';
import type { Role } from '../../theme.js';
import type { TextState } from '../../text-edit.js';

export interface WorkloadsPaneProps {
  readonly a: Run;
  readonly b: Run | null;
  readonly list: readonly string[];
  readonly total: number;
  readonly selected: string | null;
  /** The kept filter, and the one being typed (shown as a field) if any. */
  readonly filter: string;
  readonly typing: TextState | null;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

export const availRole = (pct: number): Role => (pct >= 99.999 ? 'good' : pct >= 95 ? 'warn' : 'bad');

/** Available/desired per column (the lowest in each), drawn from 0 to 100 %. */
export function availabilitySpark(run: Run, key: string, columns: number): string {
  const w = workloadOf(run, key);
  if (!w || columns <= 0) return '';
  const d = run.result.durationMs;
  const ratio = (s: { available: number; desired: number }) => (s.desired > 0 ? Math.min(1, s.available / s.desired) : 1);
  const values = resample(w.samples, ratio, columns, d, 'min');
  return sparkline(values, { min: 0, max: 1 });
}

export function WorkloadsPane(p: WorkloadsPaneProps) {
  const inner = p.width - 4;
  const hasB = p.b !== null;
  // The name gets what the availability and a short sparkline leave, up to its longest.
  const longest = Math.max(8, ...p.list.map((k) => k.length));
  const nameW = Math.min(30, longest, Math.max(14, inner - 2 - 8 - (hasB ? 7 : 0) - 9));
  const base: Column[] = [
    { header: 'workload', width: nameW },
    { header: 'avail %', width: 7, align: 'right' },
    ...(hasB ? [{ header: 'B %', width: 6, align: 'right' as const }] : []),
  ];
  const usedBy = (cols: Column[]) => 2 + cols.reduce((a, c) => a + c.width + 1, 0);
  // Their long headers ("lowest available", "PDB needs") when both fit beside a 10-cell sparkline.
  const long = inner - usedBy([...base, { header: '', width: 16 }, { header: '', width: 9 }]) >= 10;
  const optional: Column[] = [
    { header: long ? 'lowest available' : 'lowest', width: long ? 16 : 6, align: 'right' },
    { header: long ? 'PDB needs' : 'PDB', width: long ? 9 : 4, align: 'right' },
  ];
  // Lowest available and PDB needs get columns while the sparkline keeps at least 10 cells.
  const extra = optional.filter((_, i) => inner - usedBy([...base, ...optional.slice(0, i + 1)]) >= 10).slice(0, 2);
  const fixed = [...base, ...extra];
  const sparkW = Math.max(4, inner - usedBy(fixed));
  const columns: Column[] = [...fixed, { header: 'over time', width: sparkW }];
  const row = (i: number): Cell[] => {
    const key = p.list[i];
    const s: SummaryRow | undefined = p.a.summary.get(key);
    const sb = p.b?.summary.get(key);
    if (!s) return [shortName(key, nameW)];
    const cells: Cell[] = [shortName(key, nameW), { text: num(s.availabilityPct, 1), role: availRole(s.availabilityPct) }];
    if (hasB) {
      const d = sb ? sb.availabilityPct - s.availabilityPct : 0;
      cells.push(sb ? { text: num(sb.availabilityPct, 1), role: d > 0.05 ? 'good' : d < -0.05 ? 'bad' : 'dim' } : { text: '—', role: 'dim' });
    }
    if (extra.length > 0) cells.push({ text: `${s.lowestAvailable}/${s.desired}`, role: s.lowestAvailable < s.desired ? 'warn' : 'dim' });
    if (extra.length > 1) {
      const below = s.secondsBelowPdb > 0;
      cells.push({ text: s.pdbMinHealthy === null ? '—' : String(s.pdbMinHealthy), role: below ? 'bad' : 'dim' });
    }
    cells.push({ text: availabilitySpark(hasB && p.b ? p.b : p.a, key, sparkW), role: hasB ? 'seriesB' : 'seriesA' });
    return cells;
  };
  const at = p.selected ? p.list.indexOf(p.selected) : -1;
  const pos = p.list.length ? `${at + 1}/${p.list.length}` : '0';
  const filtered = p.filter && !p.typing ? ` · /${p.filter}` : '';
  const of = p.list.length !== p.total ? ` of ${p.total}` : '';
  return (
    <Pane title={`Workloads ${pos}${of}${filtered} · worst first`} width={p.width} height={p.height} focused={p.focused}>
      {p.typing ? (
        <Box>
          <S role="key">/</S>
          <TextField text={p.typing} placeholder="name or cause; Enter keeps, Esc clears" width={inner - 1} />
        </Box>
      ) : null}
      {p.list.length === 0 ? (
        <S role="dim">No workload matches: / changes the filter, Esc in it clears it.</S>
      ) : (
        <Table columns={columns} count={p.list.length} row={row} selected={at} width={inner} height={p.height - 3 - (p.typing ? 1 : 0)} />
      )}
    </Pane>
  );
}
