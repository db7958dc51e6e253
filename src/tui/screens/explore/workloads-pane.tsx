// The workloads, worst first, with availability, time below the PDB and a sparkline of
// available/desired over the run (A; B's figures beside it when there is a B run).
import type { SummaryRow } from '../../../report/summary.js';
import { Pane } from '../../components/pane.js';
import { sparkline } from '../../components/sparkline.js';
import { Table, type Cell, type Column } from '../../components/table.js';
import { num, signed } from '../../format.js';
import { resample } from '../../data/series.js';
import { workloadOf, type Run } from '../../data/runs.js';
import type { Role } from '../../theme.js';

export interface WorkloadsPaneProps {
  readonly a: Run;
  readonly b: Run | null;
  readonly order: readonly string[];
  readonly selected: number;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

export const availRole = (pct: number): Role => (pct >= 99.999 ? 'good' : pct >= 95 ? 'warn' : 'bad');

/** Available/desired per column (the lowest in each), drawn between its minimum and 100%. */
export function availabilitySpark(run: Run, key: string, columns: number): string {
  const w = workloadOf(run, key);
  if (!w || columns <= 0) return '';
  const d = run.result.durationMs;
  const ratio = (s: { available: number; desired: number }) => (s.desired > 0 ? Math.min(1, s.available / s.desired) : 1);
  const values = resample(w.samples, ratio, columns, d, 'min');
  return sparkline(values, { min: Math.min(...values, 1), max: 1 });
}

export function WorkloadsPane(p: WorkloadsPaneProps) {
  const inner = p.width - 4;
  const hasB = p.b !== null;
  const nameW = Math.min(28, Math.max(14, Math.floor(inner * 0.42)));
  const base: Column[] = [
    { header: 'workload', width: nameW },
    { header: 'avail%', width: 6, align: 'right' },
    ...(hasB ? [{ header: 'B%', width: 6, align: 'right' as const }] : []),
  ];
  const usedBy = (cols: Column[]) => 2 + cols.reduce((a, c) => a + c.width + 1, 0);
  // The time below the PDB gets a column when the sparkline keeps at least 10 cells.
  const withPdb = inner - usedBy([...base, { header: '', width: 5 }]) >= 10;
  const fixed: Column[] = withPdb ? [...base, { header: 's<pdb', width: 5, align: 'right' }] : base;
  const sparkW = Math.max(4, inner - usedBy(fixed));
  const columns: Column[] = [...fixed, { header: 'over time', width: sparkW }];
  const row = (i: number): Cell[] => {
    const key = p.order[i];
    const s: SummaryRow = p.a.summary.get(key)!;
    const sb = p.b?.summary.get(key);
    const cells: Cell[] = [shortName(key, nameW), { text: num(s.availabilityPct, 1), role: availRole(s.availabilityPct) }];
    if (hasB) {
      const d = sb ? sb.availabilityPct - s.availabilityPct : 0;
      cells.push(sb ? { text: num(sb.availabilityPct, 1), role: d > 0.05 ? 'good' : d < -0.05 ? 'bad' : 'dim' } : { text: '—', role: 'dim' });
    }
    if (withPdb) cells.push({ text: s.secondsBelowPdb ? num(s.secondsBelowPdb, 0) : '0', role: s.secondsBelowPdb ? 'bad' : 'dim' });
    cells.push({ text: availabilitySpark(hasB && p.b ? p.b : p.a, key, sparkW), role: hasB ? 'seriesB' : 'seriesA' });
    return cells;
  };
  const pos = p.order.length ? `${p.selected + 1}/${p.order.length}` : '0';
  return (
    <Pane title={`Workloads ${pos} · worst first`} width={p.width} height={p.height} focused={p.focused}>
      <Table columns={columns} count={p.order.length} row={row} selected={p.selected} width={inner} height={p.height - 3} />
    </Pane>
  );
}

export { signed };

/** `namespace/name`, or the name alone when the whole key does not fit. */
export function shortName(key: string, width: number): string {
  if (key.length <= width) return key;
  return key.slice(key.indexOf('/') + 1);
}
