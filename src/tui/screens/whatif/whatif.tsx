// The what-if form: a few fields of the selected workload (and the scenario's event times),
// each a text field; Enter re-runs the scenario with them as B. An emptied field shows the
// scenario's value as ‹keep …› and keeps it. A bad value comes back as the loader's message
// under the form, with its field marked; nothing crashes. Keys: whatif-keys.ts.
import { Box, Text } from 'ink';
import { formatDuration } from '../../../model/duration.js';
import { Pane } from '../../components/pane.js';
import { Progress } from '../../components/progress.js';
import { S } from '../../components/styled.js';
import { TextField } from '../../components/text-field.js';
import { describeSets, type WhatIfField } from '../../data/whatif.js';
import type { SliceProgress } from '../../hooks/run-sliced.js';
import { textOf } from '../../text-edit.js';
import { formSets, valueOf, type WhatIfState } from './whatif-state.js';

export interface WhatIfProps {
  readonly state: WhatIfState;
  /** Set while B loads or runs: the form is read-only then. */
  readonly busy: { readonly label: string; readonly progress: SliceProgress | null } | null;
  /** Lines shown beside the form: A's figures for the workload, the scenario's events. */
  readonly context?: readonly string[];
  readonly width: number;
  readonly height: number;
}

/** The scenario's value as the placeholder of an emptied field. */
export const keepText = (f: WhatIfField): string => (f.initial === '' ? 'none: leave empty' : `keep ${f.initial}`);

export function WhatIf({ state: s, busy, context = [], width, height }: WhatIfProps) {
  const labelW = Math.max(...s.fields.map((f) => f.label.length)) + 2;
  const sets = formSets(s);
  const active = s.fields[s.active];
  const inner = width - 4;
  // Values are short (25%, 300, request * 1.3); what is left goes to the context column.
  const valueW = inner >= 140 ? 40 : 22;
  const wasW = 14;
  const formW = labelW + 2 + valueW + wasW;
  const showContext = context.length > 0 && inner - formW - 2 >= 28;
  // Rows: title, hint, blank, fields, blank, field help, B, error/progress.
  const room = Math.max(1, height - 2 - 1 - 2 - 1 - 2 - 1);
  const first = Math.max(0, Math.min(s.active - room + 1, s.fields.length - room));
  const shown = s.fields.slice(first, first + room);
  return (
    <Pane title={`What-if on ${s.workload} · B = A with these changes`} width={width} height={height} focused>
      <S role="dim" wrap="truncate">
        Enter runs B · ↑/↓ or Tab move · Esc back · an emptied field keeps the scenario's value
      </S>
      <Text> </Text>
      <Box>
        <Box flexDirection="column" width={showContext ? formW : inner} flexShrink={0}>
          {shown.map((f) => {
            const i = s.fields.indexOf(f);
            return <FieldRow key={f.id} field={f} state={s} active={i === s.active} editable={i === s.active && !busy} bad={s.errorField === f.id} labelW={labelW} valueW={valueW} />;
          })}
        </Box>
        {showContext ? (
          <Box flexDirection="column" marginLeft={2} width={inner - formW - 2}>
            {context.slice(0, room).map((line, i) => (
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
  readonly state: WhatIfState;
  readonly active: boolean;
  readonly editable: boolean;
  readonly bad: boolean;
  readonly labelW: number;
  readonly valueW: number;
}

/** One field: its label, its text (with the cursor when active), and what it was when changed. */
function FieldRow({ field: f, state, active, editable, bad, labelW, valueW }: FieldRowProps) {
  const value = valueOf(state, f.id);
  const changed = f.toSet(value) !== null;
  return (
    <Box>
      <Text>
        <S role={active ? 'key' : null}>{active ? '▶ ' : '  '}</S>
        <S role={bad ? 'error' : active ? 'title' : 'dim'}>{(bad ? '✗ ' : '') + f.label.padEnd(labelW - (bad ? 2 : 0))}</S>
      </Text>
      <Box width={valueW}>
        {editable ? (
          <TextField text={state.texts[f.id] ?? textOf(value)} placeholder={keepText(f)} width={valueW} />
        ) : value === '' ? (
          <S role="dim">{f.initial === '' ? ' ' : `‹${keepText(f)}›`}</S>
        ) : (
          <Text wrap="truncate">
            <S role={changed ? 'seriesB' : null}>{value}</S>
          </Text>
        )}
      </Box>
      <Text wrap="truncate">
        <S role="dim">{changed ? `  was ${f.initial === '' ? 'none' : f.initial}` : ''}</S>
      </Text>
    </Box>
  );
}
