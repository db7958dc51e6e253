// `:nodes`: every node at the time cursor (filtered with `/`): its conditions and taints as the
// node samples say, requested cpu and memory against allocatable, working set and pods.
import { Box } from 'ink';
import { formatDuration } from '../../../model/duration.js';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';
import { Table, type Cell, type Column } from '../../components/table.js';
import { TextField } from '../../components/text-field.js';
import type { NodeRow } from '../../data/cluster.js';
import { bytes, pct, shortName } from '../../format.js';
import type { TextState } from '../../text-edit.js';

export interface NodesPaneProps {
  readonly nodes: readonly NodeRow[];
  readonly total: number;
  readonly selected: string | null;
  readonly cursorMs: number;
  readonly run: 'A' | 'B' | null;
  readonly filter: string;
  readonly typing: TextState | null;
  readonly width: number;
  readonly height: number;
}

const fillRole = (f: number) => (f >= 0.95 ? 'bad' : f >= 0.8 ? 'warn' : null);

export function NodesPane(p: NodesPaneProps) {
  const inner = p.width - 4;
  const wide = inner >= 110;
  const columns: Column[] = [
    { header: 'node', width: Math.min(24, Math.max(12, Math.floor(inner * 0.2))) },
    { header: 'zone', width: Math.min(16, Math.max(4, ...p.nodes.map((n) => n.zone.length))) },
    { header: 'status', width: wide ? 30 : 16 },
    { header: 'cpu', width: 5, align: 'right' },
    { header: 'memory', width: 6, align: 'right' },
    ...(wide ? [{ header: 'working set', width: 11, align: 'right' as const }] : []),
    { header: 'pods', width: 4, align: 'right' },
    { header: 'taints', width: 0 },
  ];
  const row = (i: number): Cell[] => {
    const n = p.nodes[i];
    const cpu = n.cpuAllocatable ? n.cpuRequested / n.cpuAllocatable : 0;
    const mem = n.memoryAllocatable ? n.memoryRequested / n.memoryAllocatable : 0;
    return [
      shortName(n.name, 24),
      { text: n.zone, role: 'accent' },
      { text: n.status, role: n.status === 'Ready' ? 'dim' : 'bad' },
      { text: pct(cpu), role: fillRole(cpu) },
      { text: pct(mem), role: fillRole(mem) },
      ...(wide ? [bytes(n.memoryWorkingSet)] : []),
      String(n.pods),
      { text: n.taints, role: n.changed ? 'bad' : 'dim' },
    ];
  };
  const at = p.selected ? p.nodes.findIndex((n) => n.name === p.selected) : -1;
  const of = p.nodes.length !== p.total ? ` of ${p.total}` : '';
  const filtered = p.filter && !p.typing ? ` · /${p.filter}` : '';
  return (
    <Pane title={`Nodes ${at + 1}/${p.nodes.length}${of} at ${formatDuration(p.cursorMs)}${p.run ? ` · run ${p.run}` : ''}${filtered} · cpu and memory requested of allocatable`} width={p.width} height={p.height} focused>
      {p.typing ? (
        <Box>
          <S role="key">/</S>
          <TextField text={p.typing} placeholder="name, zone, status or taint; Enter keeps, Esc clears" width={inner - 1} />
        </Box>
      ) : null}
      {p.nodes.length === 0 ? (
        <S role="dim">No node matches: / changes the filter.</S>
      ) : (
        <Table columns={columns} count={p.nodes.length} row={row} selected={at} width={inner} height={p.height - 3 - (p.typing ? 1 : 0)} />
      )}
    </Pane>
  );
}
