// The what-if form's key table: the text keys go to the active field (several Backspaces at
// once too); ↑/↓ and Tab move between fields, Enter runs B, Esc goes back.
import type { AppAction, KeyContext } from '../../app-state.js';
import { either, named, shiftTab, textKey, type KeyTable } from '../../keys.js';

const form = (c: KeyContext): boolean => c.s.bRequest === null;

export const WHATIF_KEYS: KeyTable<KeyContext, AppAction> = [
  { group: 'What-if form', keys: 'Enter', help: 'run B: the scenario with these changes', hint: 'run B', when: form, match: named('return'), act: () => ({ type: 'whatif-submit' }) },
  { group: 'What-if form', keys: '↓ ↑  Tab  Shift-Tab', help: 'next / previous field', hint: 'field', hintKeys: '↑/↓', match: either(named('downArrow'), named('tab')), act: () => ({ type: 'form', action: { type: 'next' } }) },
  { group: 'What-if form', keys: '↓ ↑  Tab  Shift-Tab', help: 'next / previous field', match: either(named('upArrow'), shiftTab), act: () => ({ type: 'form', action: { type: 'prev' } }) },
  { group: 'What-if form', keys: 'Esc', help: 'back, without a B', hint: 'back', when: form, match: named('escape'), act: () => ({ type: 'whatif-close' }) },
  {
    group: 'What-if form',
    keys: 'text  ← →  Backspace  Ctrl-U',
    help: "edit the field; emptied, it keeps the scenario's value",
    hint: 'edit',
    hintKeys: 'type',
    when: form,
    match: textKey,
    act: (_c, press) => ({ type: 'form', action: { type: 'edit', press } }),
  },
];
