// The scenario picker's key table.
import type { AppAction, KeyContext } from '../../app-state.js';
import { chars, either, named, type KeyTable } from '../../keys.js';

const move = (delta: number): AppAction => ({ type: 'picker', action: { type: 'move', delta } });

export const PICKER_KEYS: KeyTable<KeyContext, AppAction> = [
  { group: 'Scenario picker', keys: 'j k  ↓ ↑', help: 'choose', hint: 'choose', hintKeys: 'j/k', match: either(chars('j'), named('downArrow')), act: () => move(1) },
  { group: 'Scenario picker', keys: 'j k  ↓ ↑', help: 'choose', match: either(chars('k'), named('upArrow')), act: () => move(-1) },
  { group: 'Scenario picker', keys: 'g G', help: 'first / last', match: either(chars('g'), named('home')), act: () => ({ type: 'picker', action: { type: 'to', index: 0 } }) },
  { group: 'Scenario picker', keys: 'g G', help: 'first / last', match: either(chars('G'), named('end')), act: () => ({ type: 'picker', action: { type: 'to', index: Number.MAX_SAFE_INTEGER } }) },
  {
    group: 'Scenario picker',
    keys: 'Enter',
    help: 'open the scenario',
    hint: 'open',
    match: named('return'),
    act: (c) => {
      const p = c.s.picker;
      const e = p?.entries?.[p.selected];
      return e ? { type: 'open', path: e.path } : null;
    },
  },
  { group: 'Scenario picker', keys: 'Esc', help: 'back to the scenario open now', hint: 'back', when: (c) => c.s.a !== null, match: named('escape'), act: () => ({ type: 'picker-close' }) },
  { group: 'Scenario picker', keys: 'q', help: 'quit', hint: 'quit', match: chars('q'), act: () => ({ type: 'quit' }) },
];
