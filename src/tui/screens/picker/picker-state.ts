// State of the scenario picker (pure reducer): the scenarios found, and the highlighted one.

export interface ScenarioEntry {
  /** Path to open (as loadScenario takes it). */
  readonly path: string;
  /** Path shown, relative to where it was found. */
  readonly label: string;
  readonly name: string;
  readonly description: string;
}

export interface PickerState {
  /** null while the list is being read. */
  readonly entries: readonly ScenarioEntry[] | null;
  readonly selected: number;
  readonly error: string | null;
}

export type PickerAction =
  | { readonly type: 'loaded'; readonly entries: readonly ScenarioEntry[]; readonly current: string | null }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'move'; readonly delta: number }
  | { readonly type: 'to'; readonly index: number };

export const initialPickerState: PickerState = { entries: null, selected: 0, error: null };

export function pickerReducer(s: PickerState, a: PickerAction): PickerState {
  const n = s.entries?.length ?? 0;
  switch (a.type) {
    case 'loaded': {
      const i = a.current ? a.entries.findIndex((e) => e.path === a.current) : -1;
      return { entries: a.entries, selected: Math.max(0, i), error: null };
    }
    case 'failed':
      return { ...s, entries: [], error: a.message };
    case 'move':
      return { ...s, selected: n ? Math.max(0, Math.min(n - 1, s.selected + a.delta)) : 0 };
    case 'to':
      return { ...s, selected: n ? Math.max(0, Math.min(n - 1, a.index)) : 0 };
  }
}
