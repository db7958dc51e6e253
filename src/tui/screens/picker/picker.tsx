// The scenario picker: every scenario under scenarios/; Enter opens one (keys: picker-keys.ts).
import { Text } from 'ink';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';
import { Table, type Cell } from '../../components/table.js';
import type { PickerState } from './picker-state.js';

export interface PickerProps {
  readonly state: PickerState;
  readonly width: number;
  readonly height: number;
}

export function Picker({ state: s, width, height }: PickerProps) {
  const entries = s.entries ?? [];
  const inner = width - 4;
  const row = (i: number): Cell[] => [entries[i].label, { text: entries[i].name, role: 'accent' }, { text: entries[i].description, role: 'dim' }];
  return (
    <Pane title="Open a scenario" width={width} height={height} focused>
      <S role="dim" wrap="truncate">
        or start with `headroom tui PATH`
      </S>
      {s.entries === null ? <Text>Looking for scenarios…</Text> : null}
      {s.error ? <S role="error">{s.error}</S> : null}
      {s.entries !== null && entries.length === 0 && !s.error ? <S role="warn">No scenario files (.yaml, .yml, .json) under scenarios/.</S> : null}
      {entries.length > 0 ? (
        <Table
          columns={[
            { header: 'file', width: Math.min(Math.floor(inner * 0.45), Math.max(16, ...entries.map((e) => e.label.length))) },
            { header: 'name', width: Math.min(Math.floor(inner * 0.25), Math.max(8, ...entries.map((e) => e.name.length))) },
            { header: 'description', width: 0 },
          ]}
          count={entries.length}
          row={row}
          selected={s.selected}
          width={inner}
          height={height - 4}
        />
      ) : null}
    </Pane>
  );
}
