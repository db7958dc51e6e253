// State of the what-if form: the fields for one workload, what has been typed, which field is
// active, and the outcome of the last try (an inline error or "running"). Pure reducer.
import { useReducer } from 'react';
import { fieldOfError, setsOf, type WhatIfField } from '../../data/whatif.js';

export interface WhatIfState {
  readonly workload: string;
  readonly fields: readonly WhatIfField[];
  /** Typed values by field id (a field not in here still has its initial value). */
  readonly values: Readonly<Record<string, string>>;
  readonly active: number;
  /** The last try's error (an InputError message), shown under the form. */
  readonly error: string | null;
  /** The field that error is about, if it can be told. */
  readonly errorField: string | null;
  /** Bumped on reset so the text inputs start again from their values. */
  readonly generation: number;
}

export type WhatIfAction =
  | { readonly type: 'next' }
  | { readonly type: 'prev' }
  | { readonly type: 'focus'; readonly index: number }
  | { readonly type: 'set'; readonly id: string; readonly value: string }
  | { readonly type: 'reset-field' }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'clear-error' };

export function initialWhatIfState(workload: string, fields: readonly WhatIfField[], values: Readonly<Record<string, string>> = {}): WhatIfState {
  return { workload, fields, values, active: 0, error: null, errorField: null, generation: 0 };
}

export function whatIfReducer(s: WhatIfState, a: WhatIfAction): WhatIfState {
  const n = s.fields.length;
  switch (a.type) {
    case 'next':
      return { ...s, active: n ? (s.active + 1) % n : 0 };
    case 'prev':
      return { ...s, active: n ? (s.active - 1 + n) % n : 0 };
    case 'focus':
      return { ...s, active: Math.max(0, Math.min(n - 1, a.index)) };
    case 'set':
      return { ...s, values: { ...s.values, [a.id]: a.value } };
    case 'reset-field': {
      const f = s.fields[s.active];
      if (!f) return s;
      const values = { ...s.values };
      delete values[f.id];
      return { ...s, values, generation: s.generation + 1 };
    }
    case 'error': {
      const field = fieldOfError(s.fields, s.values, a.message);
      const index = field ? s.fields.findIndex((f) => f.id === field) : -1;
      return { ...s, error: a.message, errorField: field, active: index >= 0 ? index : s.active, generation: s.generation + 1 };
    }
    case 'clear-error':
      return { ...s, error: null, errorField: null };
  }
}

/** The overrides the form stands for now. */
export const formSets = (s: WhatIfState): string[] => setsOf(s.fields, s.values);

export function valueOf(s: WhatIfState, id: string): string {
  return s.values[id] ?? s.fields.find((f) => f.id === id)?.initial ?? '';
}

export function useWhatIfState(workload: string, fields: readonly WhatIfField[], values?: Readonly<Record<string, string>>) {
  return useReducer(whatIfReducer, undefined, () => initialWhatIfState(workload, fields, values));
}
