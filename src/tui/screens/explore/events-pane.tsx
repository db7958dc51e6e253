// The event log of the shown run, filtered by kind (t) and text (/), the row under the time
// cursor highlighted; Enter opens the whole event. Wide enough, the message has its own column.
import { Box, Text } from 'ink';
import { formatDuration } from '../../../model/duration.js';
import type { SimEvent } from '../../../sim/result.js';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';
import { Table, type Cell, type Column } from '../../components/table.js';
import { TextField } from '../../components/text-field.js';
import { EVENT_KINDS, type EventKind } from '../../data/events.js';
import type { TextState } from '../../text-edit.js';

export interface EventsPaneProps {
  readonly events: readonly SimEvent[];
  readonly total: number;
  readonly selected: number;
  readonly kind: EventKind;
  /** The kept text filter, and the one being typed if any. */
  readonly text: string;
  readonly typing: TextState | null;
  readonly run: 'A' | 'B' | null;
  /** The workload the log is limited to, if any. */
  readonly workload: string | null;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

export function EventsPane(p: EventsPaneProps) {
  const inner = p.width - 4;
  const kindLabel = EVENT_KINDS.find((k) => k.kind === p.kind)?.label ?? p.kind;
  const wide = inner >= 80;
  // Narrow: object and message share one column, the message after the object.
  const columns: Column[] = [
    { header: 'time', width: 7, align: 'right' },
    { header: 'reason', width: 17 },
    { header: wide ? 'object' : 'object · message', width: wide ? Math.min(40, Math.max(24, Math.floor(inner * 0.25))) : 0 },
    ...(wide ? [{ header: 'message', width: 0 }] : []),
  ];
  const row = (i: number): Cell[] => {
    const e = p.events[i];
    const reason: Cell = { text: e.reason, role: e.type === 'Warning' ? 'bad' : e.reason === 'WhatIf' ? 'accent' : null };
    return wide ? [formatDuration(e.time), reason, e.object, { text: e.message, role: 'dim' }] : [formatDuration(e.time), reason, `${e.object} · ${e.message}`];
  };
  const pos = p.events.length ? `${Math.min(p.selected + 1, p.events.length)}/${p.events.length}` : '0';
  const scope = [p.run ? `run ${p.run}` : '', p.workload ?? '', kindLabel, p.text && !p.typing ? `/${p.text}` : '', p.events.length !== p.total ? `${pos} of ${p.total}` : pos]
    .filter(Boolean)
    .join(' · ');
  return (
    <Pane title={`Events · ${scope}`} width={p.width} height={p.height} focused={p.focused}>
      {p.typing ? (
        <Box>
          <S role="key">/</S>
          <TextField text={p.typing} placeholder="filter text; Enter keeps, Esc clears" width={inner - 1} />
        </Box>
      ) : null}
      {p.events.length === 0 ? (
        <Text wrap="truncate">
          <S role="dim">{p.total === 0 ? 'No events in this run.' : 'No event matches: t changes the kind, / the text.'}</S>
        </Text>
      ) : (
        <Table columns={columns} count={p.events.length} row={row} selected={p.selected} width={inner} height={p.height - 3 - (p.typing ? 1 : 0)} />
      )}
    </Pane>
  );
}
