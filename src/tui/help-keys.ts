// The help's key table.
import { helpFor } from './app-help.js';
import type { AppAction, KeyContext } from './app-state.js';
import { helpPageCount } from './components/help.js';
import { chars, either, named, type KeyTable } from './keys.js';

/** The help's pages at this size (the help is drawn in the body: all rows but 3). */
const helpPagesNow = (c: KeyContext): number => helpPageCount(helpFor(c.s, c.size), c.size.columns, Math.max(20, c.size.rows - 1) - 3);
const page = (c: KeyContext, delta: number): AppAction => ({ type: 'help-scroll', delta, max: helpPagesNow(c) - 1 });

export const HELP_KEYS: KeyTable<KeyContext, AppAction> = [
  { group: 'Help', keys: 'Esc  ?  q', help: 'close the help', hint: 'close the help', match: either(named('escape'), chars('?', 'q')), act: () => ({ type: 'help-close' }) },
  { group: 'Help', keys: 'Space j  k', help: 'next / previous page', hint: 'page', hintKeys: 'Space/k', when: (c) => helpPagesNow(c) > 1, match: either(chars(' ', 'j'), named('downArrow'), named('pageDown')), act: (c) => page(c, 1) },
  { group: 'Help', keys: 'Space j  k', help: 'next / previous page', match: either(chars('k'), named('upArrow'), named('pageUp')), act: (c) => page(c, -1) },
];

