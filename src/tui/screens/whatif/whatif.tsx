// The what-if form: a few fields of the selected workload (and the scenario's event times),
// each a text input; Enter re-runs the scenario with them as B. A bad value comes back as the
// loader's message under the form, with its field marked; nothing crashes.
import { TextInput } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { Pane } from '../../components/pane.js';
import { Progress } from '../../components/progress.js';
import { S } from '../../components/styled.js';
import { clock } from '../../format.js';
import { describeSets } from '../../data/whatif.js';
import type { SliceProgress } from '../../hooks/run-sliced.js';
import { useWhatIfKeys } from './use-whatif-keys.js';
import { formSets, valueOf, type WhatIfAction, type WhatIfState } from './use-whatif-state.js';

export interface WhatIfProps {
  readonly state: WhatIfState;
  readonly dispatch: (a: WhatIfAction) => void;
  readonly onSubmit: (sets: string[]) => void;
  readonly onCancel: () => void;
  /** Set while B loads or runs: the form is read-only then. */
  readonly busy: { readonly label: string; readonly progress: SliceProgress | null } | null;
  readonly width: number;
  readonly height: number;
}

export function WhatIf({ state: s, dispatch, onSubmit, onCancel, busy, width, height }: WhatIfProps) {
  useWhatIfKeys(dispatch, onCancel, busy === null);
  const labelW = Math.max(...s.fields.map((f) => f.label.length)) + 2;
  const sets = formSets(s);
  const active = s.fields[s.active];
  const inner = width - 4;
  const valueW = Math.max(12, Math.min(40, inner - labelW - 4 - 24));
  return (
    <Pane title={`What-if on ${s.workload} · B = A with these changes`} width={width} height={height} focused>
      <S role="dim" wrap="truncate">
        Enter runs B · ↑/↓ or Tab move · Esc back · leave a field as it is to keep the scenario's value
      </S>
      <Text> </Text>
      {s.fields.map((f, i) => {
        const v = valueOf(s, f.id);
        const changed = f.toSet(v) !== null;
        const isActive = i === s.active;
        const bad = s.errorField === f.id;
        return (
          <Box key={f.id}>
            <Text>
              <S role={isActive ? 'key' : null}>{isActive ? '▶ ' : '  '}</S>
              <S role={bad ? 'error' : isActive ? 'title' : 'dim'}>{f.label.padEnd(labelW)}</S>
            </Text>
            <Box width={valueW}>
              {isActive && !busy ? (
                <TextInput
                  key={`${f.id}-${s.generation}`}
                  defaultValue={v}
                  placeholder={f.initial === '' ? '(none)' : f.initial}
                  onChange={(value) => dispatch({ type: 'set', id: f.id, value })}
                  onSubmit={(value) => onSubmit(formSets({ ...s, values: { ...s.values, [f.id]: value } }))}
                />
              ) : (
                <Text wrap="truncate">
                  <S role={changed ? 'seriesB' : null}>{v === '' ? ' ' : v}</S>
                </Text>
              )}
            </Box>
            <Text wrap="truncate">
              <S role="dim">{changed ? `  was ${f.initial === '' ? '(none)' : f.initial}` : ''}</S>
            </Text>
          </Box>
        );
      })}
      <Text> </Text>
      <Text wrap="truncate">
        <S role="dim">{active ? active.hint : ''}</S>
      </Text>
      <Text wrap="truncate">
        <S role="dim">B: </S>
        {sets.length ? <S role="seriesB">{describeSets(sets)}</S> : <S role="dim">no change yet</S>}
      </Text>
      {s.error ? (
        <Text wrap="wrap">
          <S role="error">✗ {s.error}</S>
        </Text>
      ) : null}
      {busy ? (
        <Box>
          <Text>{busy.label} </Text>
          <Progress fraction={busy.progress ? busy.progress.simMs / Math.max(1, busy.progress.durationMs) : 0} width={Math.max(10, inner - busy.label.length - 20)} />
          <Text> {busy.progress ? clock(busy.progress.simMs) : ''}</Text>
        </Box>
      ) : null}
    </Pane>
  );
}
