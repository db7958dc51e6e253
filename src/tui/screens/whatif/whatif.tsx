// The what-if form: a few fields of the selected workload (and the scenario's event times),
// each a text input; Enter re-runs the scenario with them as B. A bad value comes back as the
// loader's message under the form, with its field marked; nothing crashes.
import { formatDuration } from '../../../model/duration.js';
import { TextInput } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { Pane } from '../../components/pane.js';
import { Progress } from '../../components/progress.js';
import { S } from '../../components/styled.js';

import { describeSets, type WhatIfField } from '../../data/whatif.js';
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
  /** Lines shown beside the form: A's figures for the workload, the scenario's events. */
  readonly context?: readonly string[];
  readonly width: number;
  readonly height: number;
}

export function WhatIf({ state: s, dispatch, onSubmit, onCancel, busy, context = [], width, height }: WhatIfProps) {
  useWhatIfKeys(dispatch, onCancel, busy === null);
  const labelW = Math.max(...s.fields.map((f) => f.label.length)) + 2;
  const sets = formSets(s);
  const active = s.fields[s.active];
  const inner = width - 4;
  // Values are short (25%, 300, request * 1.3); what is left goes to the context column.
  const valueW = inner >= 140 ? 40 : 24;
  const formW = labelW + 2 + valueW + 16;
  const showContext = context.length > 0 && inner - formW - 2 >= 28;
  return (
    <Pane title={`What-if on ${s.workload} · B = A with these changes`} width={width} height={height} focused>
      <S role="dim" wrap="truncate">
        Enter runs B · ↑/↓ or Tab move · Esc back · leave a field as it is to keep the scenario's value
      </S>
      <Text> </Text>
      <Box>
        <Box flexDirection="column" width={showContext ? formW : inner} flexShrink={0}>
          {s.fields.map((f, i) => (
            <FieldRow
              key={f.id}
              field={f}
              value={valueOf(s, f.id)}
              active={i === s.active}
              editable={i === s.active && !busy}
              bad={s.errorField === f.id}
              generation={s.generation}
              labelW={labelW}
              valueW={valueW}
              onChange={(value) => dispatch({ type: 'set', id: f.id, value })}
              onSubmit={(value) => onSubmit(formSets({ ...s, values: { ...s.values, [f.id]: value } }))}
            />
          ))}
        </Box>
        {showContext ? (
          <Box flexDirection="column" marginLeft={2} width={inner - formW - 2}>
            {context.map((line, i) => (
              <Text key={i} wrap="truncate">
                <S role={i === 0 ? 'title' : 'dim'}>{line || ' '}</S>
              </Text>
            ))}
          </Box>
        ) : null}
      </Box>
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
          <Text> {busy.progress ? formatDuration(busy.progress.simMs) : ''}</Text>
        </Box>
      ) : null}
    </Pane>
  );
}

interface FieldRowProps {
  readonly field: WhatIfField;
  readonly value: string;
  readonly active: boolean;
  readonly editable: boolean;
  readonly bad: boolean;
  readonly generation: number;
  readonly labelW: number;
  readonly valueW: number;
  readonly onChange: (value: string) => void;
  readonly onSubmit: (value: string) => void;
}

/** One field: its label, a text input when active (plain text otherwise), and what it was. */
function FieldRow({ field: f, value, active, editable, bad, generation, labelW, valueW, onChange, onSubmit }: FieldRowProps) {
  const changed = f.toSet(value) !== null;
  return (
    <Box>
      <Text>
        <S role={active ? 'key' : null}>{active ? '▶ ' : '  '}</S>
        <S role={bad ? 'error' : active ? 'title' : 'dim'}>{f.label.padEnd(labelW)}</S>
      </Text>
      <Box width={valueW}>
        {editable ? (
          <TextInput key={`${f.id}-${generation}`} defaultValue={value} placeholder={f.initial === '' ? '(none)' : f.initial} onChange={onChange} onSubmit={onSubmit} />
        ) : (
          <Text wrap="truncate">
            <S role={changed ? 'seriesB' : null}>{value === '' ? ' ' : value}</S>
          </Text>
        )}
      </Box>
      <Text wrap="truncate">
        <S role="dim">{changed ? `  was ${f.initial === '' ? '(none)' : f.initial}` : ''}</S>
      </Text>
    </Box>
  );
}
