// State of the what-if form (pure reducer): the fields for one workload, the text of each, which
// field is active, and the last try's error with the field it is about. A field left as the
// scenario has it, or emptied, keeps the scenario's value.
import { fieldOfError, setsOf, type WhatIfField } from '../../data/whatif.js';
import type { KeyPress } from '../../keys.js';
import { editText, textOf, type TextState } from '../../text-edit.js';

export interface WhatIfState {
  readonly workload: string;
  readonly fields: readonly WhatIfField[];
  /** Each field's text, by id (starting with what the scenario says). */
  readonly texts: Readonly<Record<string, TextState>>;
  readonly active: number;
  /** The last try's error (an InputError message), shown under the form. */
  readonly error: string | null;
  /** The field that error is about, if it can be told. */
  readonly errorField: string | null;
}

export type WhatIfAction =
  | { readonly type: 'next' }
  | { readonly type: 'prev' }
  | { readonly type: 'edit'; readonly press: KeyPress }
  | { readonly type: 'error'; readonly message: string };

export function initialWhatIfState(workload: string, fields: readonly WhatIfField[]): WhatIfState {
  return { workload, fields, texts: Object.fromEntries(fields.map((f) => [f.id, textOf(f.initial)])), active: 0, error: null, errorField: null };
}

/** The fields' values as typed. */
export const valuesOf = (s: WhatIfState): Record<string, string> => Object.fromEntries(Object.entries(s.texts).map(([id, t]) => [id, t.value]));

export function whatIfReducer(s: WhatIfState, a: WhatIfAction): WhatIfState {
  const n = s.fields.length;
  switch (a.type) {
    case 'next':
      return { ...s, active: n ? (s.active + 1) % n : 0 };
    case 'prev':
      return { ...s, active: n ? (s.active - 1 + n) % n : 0 };
    case 'edit': {
      const f = s.fields[s.active];
      if (!f) return s;
      const before = s.texts[f.id] ?? textOf(f.initial);
      const after = editText(before, a.press);
      if (after === before) return s;
      // Editing answers the last error.
      return { ...s, texts: { ...s.texts, [f.id]: after }, error: null, errorField: null };
    }
    case 'error': {
      const field = fieldOfError(s.fields, valuesOf(s), a.message);
      const index = field ? s.fields.findIndex((f) => f.id === field) : -1;
      return { ...s, error: a.message, errorField: field, active: index >= 0 ? index : s.active };
    }
  }
}

/** The overrides the form stands for now. */
export const formSets = (s: WhatIfState): string[] => setsOf(s.fields, valuesOf(s));

export const valueOf = (s: WhatIfState, id: string): string => s.texts[id]?.value ?? s.fields.find((f) => f.id === id)?.initial ?? '';
