// `:pods`: the selected workload's pods as `kubectl get pods -o wide` would list them at the
// time cursor — READY, STATUS and RESTARTS as printPod computes them (pod-status.csv's rows).
import { formatDuration } from '../../../model/duration.js';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';
import { Table, type Cell, type Column } from '../../components/table.js';
import type { PodLine } from '../../data/pods.js';
import { shortName } from '../../format.js';
import type { Role } from '../../theme.js';

export interface PodsPaneProps {
  /** null: the run recorded no pod rows (over 20,000 pods without --pod-status). */
  readonly pods: readonly PodLine[] | null;
  readonly workload: string | null;
  readonly selected: string | null;
  readonly cursorMs: number;
  readonly run: 'A' | 'B' | null;
  readonly width: number;
  readonly height: number;
}

const GOOD = new Set(['Running', 'Completed']);
const statusRole = (p: PodLine): Role | null => (p.status === 'Running' && p.ready.startsWith('0/') ? 'warn' : GOOD.has(p.status) ? null : p.status === 'Terminating' || p.status.startsWith('Init:') || p.status === 'PodInitializing' || p.status === 'ContainerCreating' || p.status === 'Pending' ? 'warn' : 'bad');

export function PodsPane(p: PodsPaneProps) {
  const inner = p.width - 4;
  const title = `Pods of ${p.workload ?? '—'}${p.pods ? ` (${p.pods.length})` : ''} at ${formatDuration(p.cursorMs)}${p.run ? ` · run ${p.run}` : ''} · kubectl get pods -o wide`;
  if (p.pods === null) {
    return (
      <Pane title={title} width={p.width} height={p.height} focused>
        <S role="dim">This run recorded no pod rows: runs of more than 20,000 pods record them with --pod-status (pod-status.csv).</S>
      </Pane>
    );
  }
  const pods = p.pods;
  const wide = inner >= 120;
  const columns: Column[] = [
    { header: 'NAME', width: Math.min(40, Math.max(16, ...pods.map((x) => x.name.length))) },
    { header: 'READY', width: 5 },
    { header: 'STATUS', width: Math.min(24, Math.max(8, ...pods.map((x) => x.status.length))) },
    { header: 'RESTARTS', width: Math.max(8, ...pods.map((x) => x.restarts.length)) },
    { header: 'AGE', width: 6 },
    ...(wide ? [{ header: 'IP', width: 6 }] : []),
    { header: 'NODE', width: wide ? Math.min(28, Math.max(6, ...pods.map((x) => x.node.length))) : 0 },
    ...(wide ? [{ header: 'NOMINATED NODE', width: 14 }, { header: 'READINESS GATES', width: 0 }] : []),
  ];
  const row = (i: number): Cell[] => {
    const x = pods[i];
    return [
      shortName(x.name, 40),
      x.ready,
      { text: x.status, role: statusRole(x) },
      { text: x.restarts, role: x.restarts === '0' ? 'dim' : 'warn' },
      { text: x.age, role: 'dim' },
      ...(wide ? [{ text: '<none>', role: 'dim' as const }] : []),
      x.node,
      ...(wide ? [{ text: '<none>', role: 'dim' as const }, { text: x.readinessGates, role: 'dim' as const }] : []),
    ];
  };
  const at = p.selected ? pods.findIndex((x) => x.name === p.selected) : 0;
  return (
    <Pane title={title} width={p.width} height={p.height} focused>
      {pods.length === 0 ? (
        <S role="dim">No pod of this workload exists at this time (← → moves the time cursor).</S>
      ) : (
        <Table columns={columns} count={pods.length} row={row} selected={at} width={inner} height={p.height - 3} />
      )}
    </Pane>
  );
}
