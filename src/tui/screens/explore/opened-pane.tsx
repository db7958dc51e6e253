// What Enter opened: an event, whole (its full message, object, node, time) with what the result
// says about its pod, workload and node at that time; or a node at the cursor. Esc closes it;
// j/k walk to the neighbouring events.
import { Text } from 'ink';
import { formatDuration } from '../../../model/duration.js';
import type { SimResult } from '../../../sim/result.js';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';
import { nodesAt } from '../../data/cluster.js';
import { eventDetail } from '../../data/event-detail.js';
import { bytes, cores, fit, wrap } from '../../format.js';
import type { Opened } from './explore-state.js';

export interface OpenedPaneProps {
  readonly opened: Opened;
  readonly result: SimResult;
  readonly run: 'A' | 'B' | null;
  readonly cursorMs: number;
  readonly width: number;
  readonly height: number;
}

interface Line {
  readonly label: string;
  readonly text: string;
  readonly role?: 'warn' | 'bad' | 'dim' | null;
}

/** label: value, the value wrapped under itself. */
function labelled(lines: readonly Line[], width: number): { label: string; text: string; role?: Line['role'] }[] {
  const lw = Math.max(...lines.map((l) => l.label.length)) + 2;
  const out: { label: string; text: string; role?: Line['role'] }[] = [];
  for (const l of lines) wrap(l.text, Math.max(10, width - lw)).forEach((t, i) => out.push({ label: i === 0 ? fit(l.label, lw) : ' '.repeat(lw), text: t, role: l.role }));
  return out;
}

function eventLines(p: OpenedPaneProps, width: number) {
  if (p.opened.kind !== 'event') return [];
  const d = eventDetail(p.result, p.opened.event);
  const fields: Line[] = d.fields.map(([label, text]) => ({ label, text, role: label === 'stopped by' ? 'warn' : label === 'event' && p.opened.kind === 'event' && p.opened.event.type === 'Warning' ? 'bad' : null }));
  const out = labelled(fields, width);
  out.push({ label: '', text: '' });
  out.push({ label: '', text: `${p.opened.event.object.startsWith('node/') ? 'The node' : 'Its'} events up to then${d.earlier ? ` (the last ${d.history.length}; ${d.earlier} earlier)` : ''}:`, role: 'dim' });
  for (const e of d.history) out.push({ label: '', text: `  ${formatDuration(e.time).padStart(7)}  ${e.reason.padEnd(22)} ${e.message}`, role: e === p.opened.event ? null : 'dim' });
  return out;
}

function nodeLines(p: OpenedPaneProps, width: number) {
  if (p.opened.kind !== 'node') return [];
  const name = p.opened.node;
  const n = nodesAt(p.result, p.cursorMs).find((x) => x.name === name);
  if (!n) return [{ label: '', text: `No node ${name} in this run.` }];
  const fields: Line[] = [
    { label: 'node', text: `${n.name} (${n.zone}) at ${formatDuration(p.cursorMs)}` },
    { label: 'conditions', text: n.status, role: n.status === 'Ready' ? null : 'bad' },
    { label: 'taints', text: n.taints || 'none', role: n.changed ? 'bad' : null },
    { label: 'cpu', text: `${cores(n.cpuRequested)} of ${cores(n.cpuAllocatable)} cores requested` },
    { label: 'memory', text: `${bytes(n.memoryRequested)} of ${bytes(n.memoryAllocatable)} requested · working set ${bytes(n.memoryWorkingSet)} · memory.available ${bytes(n.memoryAvailable)}` },
    { label: 'pods', text: String(n.pods) },
  ];
  const events = p.result.events.filter((e) => e.time <= p.cursorMs && (e.node === name || e.object === `node/${name}`)).slice(-8);
  const out = labelled(fields, width);
  out.push({ label: '', text: '' }, { label: '', text: 'Its last events up to the cursor:', role: 'dim' });
  for (const e of events) out.push({ label: '', text: `  ${formatDuration(e.time).padStart(7)}  ${e.reason.padEnd(22)} ${e.object} · ${e.message}`, role: 'dim' });
  return out;
}

export function OpenedPane(p: OpenedPaneProps) {
  const inner = p.width - 4;
  const lines = p.opened.kind === 'event' ? eventLines(p, inner) : nodeLines(p, inner);
  const title = p.opened.kind === 'event' ? `Event at ${formatDuration(p.opened.event.time)}${p.run ? ` · run ${p.run}` : ''} · Esc closes, j/k the next` : `Node ${p.opened.node} · Esc closes`;
  return (
    <Pane title={title} width={p.width} height={p.height} focused>
      {lines.slice(0, Math.max(0, p.height - 3)).map((l, i) => (
        <Text key={i} wrap="truncate">
          <S role="dim">{l.label}</S>
          <S role={l.role ?? null}>{l.text}</S>
        </Text>
      ))}
    </Pane>
  );
}
