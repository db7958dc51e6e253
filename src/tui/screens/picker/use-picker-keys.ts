// Keys of the picker: j/k or arrows move, g/G ends, Enter opens, Esc goes back.
import { useInput, type Key } from 'ink';
import type { PickerAction } from './use-picker-state.js';

export type PickerIntent = { readonly action: PickerAction } | { readonly open: true } | { readonly cancel: true } | null;

export function pickerKey(input: string, key: Partial<Key>): PickerIntent {
  if (key.downArrow || input === 'j') return { action: { type: 'move', delta: 1 } };
  if (key.upArrow || input === 'k') return { action: { type: 'move', delta: -1 } };
  if (input === 'g' || key.home) return { action: { type: 'to', index: 0 } };
  if (input === 'G' || key.end) return { action: { type: 'to', index: Number.MAX_SAFE_INTEGER } };
  if (key.return) return { open: true };
  if (key.escape) return { cancel: true };
  return null;
}

export function usePickerKeys(dispatch: (a: PickerAction) => void, onOpen: () => void, onCancel: () => void, isActive: boolean): void {
  useInput(
    (input, key) => {
      const r = pickerKey(input, key);
      if (r === null) return;
      if ('action' in r) dispatch(r.action);
      else if ('open' in r) onOpen();
      else onCancel();
    },
    { isActive },
  );
}
