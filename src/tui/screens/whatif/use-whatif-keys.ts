// Keys of the what-if form: ↑/↓ and Tab move between fields (the text input ignores them),
// Enter runs B, Esc goes back. (No Ctrl shortcuts: the text input would type the letter.)
import { useInput, type Key } from 'ink';
import type { WhatIfAction } from './use-whatif-state.js';

export type FormIntent = { readonly action: WhatIfAction } | { readonly submit: true } | { readonly cancel: true } | null;

export function whatIfKey(_input: string, key: Partial<Key>): FormIntent {
  if (key.escape) return { cancel: true };
  if (key.downArrow || (key.tab && !key.shift)) return { action: { type: 'next' } };
  if (key.upArrow || (key.tab && key.shift)) return { action: { type: 'prev' } };
  // Enter reaches the text input's onSubmit, which submits.
  return null;
}

export function useWhatIfKeys(dispatch: (a: WhatIfAction) => void, onCancel: () => void, isActive: boolean): void {
  useInput(
    (input, key) => {
      const r = whatIfKey(input, key);
      if (r === null) return;
      if ('action' in r) dispatch(r.action);
      else if ('cancel' in r) onCancel();
    },
    { isActive },
  );
}
