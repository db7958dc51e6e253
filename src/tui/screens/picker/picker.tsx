// The scenario picker: every scenario under scenarios/, Enter opens one.
import { Text } from 'ink';
import { useEffect } from 'react';
import { Pane } from '../../components/pane.js';
import { S } from '../../components/styled.js';
import { Table, type Cell } from '../../components/table.js';
import { usePickerKeys } from './use-picker-keys.js';
import { usePickerState, type ScenarioEntry } from './use-picker-state.js';

export interface PickerProps {
  readonly list: () => Promise<readonly ScenarioEntry[]>;
  /** The scenario open now (highlighted first), if any. */
  readonly current: string | null;
  readonly onOpen: (path: string) => void;
  /** Esc: back to the scenario open now; null when there is none. */
  readonly onCancel: (() => void) | null;
  readonly width: number;
  readonly height: number;
  readonly isActive: boolean;
}

export function Picker(p: PickerProps) {
  const [s, dispatch] = usePickerState();
  useEffect(() => {
    let live = true;
    p.list().then(
      (entries) => live && dispatch({ type: 'loaded', entries, current: p.current }),
      (e: unknown) => live && dispatch({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  const entries = s.entries ?? [];
  usePickerKeys(
    dispatch,
    () => {
      const e = entries[s.selected];
      if (e) p.onOpen(e.path);
    },
    () => p.onCancel?.(),
    p.isActive,
  );
  const inner = p.width - 4;
  const row = (i: number): Cell[] => [entries[i].label, { text: entries[i].name, role: 'accent' }, { text: entries[i].description, role: 'dim' }];
  return (
    <Pane title="Open a scenario" width={p.width} height={p.height} focused>
      <S role="dim" wrap="truncate">
        j/k or ↑/↓ choose · Enter open{p.onCancel ? ' · Esc back' : ''} · q quit — or start with `headroom tui PATH`
      </S>
      {s.entries === null ? <Text>Looking for scenarios…</Text> : null}
      {s.error ? <S role="error">{s.error}</S> : null}
      {s.entries !== null && entries.length === 0 && !s.error ? <S role="warn">No scenario files (.yaml, .yml, .json) under scenarios/.</S> : null}
      {entries.length > 0 ? (
        <Table
          columns={[
            { header: 'file', width: Math.min(40, Math.max(16, ...entries.map((e) => e.label.length))) },
            { header: 'name', width: Math.min(30, Math.max(8, ...entries.map((e) => e.name.length))) },
            { header: 'description', width: 0 },
          ]}
          count={entries.length}
          row={row}
          selected={s.selected}
          width={inner}
          height={p.height - 4}
        />
      ) : null}
    </Pane>
  );
}
