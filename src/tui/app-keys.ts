// The key tables of the app's smaller screens: the `/` and `:` prompt, an opened
// event or node, a scenario that failed, and the wait while one loads or runs.
import type { AppAction, KeyContext } from './app-state.js';
import { chars, ctrl, either, named, textKey, type KeyTable } from './keys.js';
import { VIEW_NAMES, viewNamed, type ExploreAction } from './screens/explore/explore-state.js';

const ex = (action: ExploreAction): AppAction => ({ type: 'explore', action });

const isCommand = (c: KeyContext): boolean => c.s.explore?.prompt?.kind === 'command';
const isFilter = (c: KeyContext): boolean => c.s.explore?.prompt?.kind === 'filter';

/** `:` + text: the view it names, or why not. */
function switchView(c: KeyContext): AppAction {
  const text = c.s.explore?.prompt?.text.value ?? '';
  const view = viewNamed(text);
  const close = ex({ type: 'prompt-keep' });
  if (view === null) return { type: 'batch', actions: [close, { type: 'message', text: `No view "${text.trim()}": try workloads, events, nodes or pods.`, tone: 'error' }] };
  if (view === 'compare' && !c.s.b) return { type: 'batch', actions: [close, { type: 'message', text: 'Nothing to compare yet: w runs a what-if as B.', tone: 'error' }] };
  return { type: 'batch', actions: [close, ex({ type: 'view', view, panes: c.m!.panes })] };
}

/** Tab after `:`: the first view whose name starts with what is typed. */
function complete(c: KeyContext): AppAction | null {
  const t = (c.s.explore?.prompt?.text.value ?? '').trim().toLowerCase();
  const v = VIEW_NAMES.find((x) => x.names[0].startsWith(t) && (x.view !== 'compare' || c.s.b));
  if (!v) return null;
  const rest = v.names[0].slice(t.length);
  return rest ? ex({ type: 'prompt-edit', press: { input: rest, key: {} } }) : null;
}

export const PROMPT_KEYS: KeyTable<KeyContext, AppAction> = [
  { group: 'Typing a filter (/) or a view (:)', keys: 'Enter', help: 'keep the filter / switch to the view', hint: 'keep filter', when: isFilter, match: named('return'), act: () => ex({ type: 'prompt-keep' }) },
  { group: 'Typing a filter (/) or a view (:)', keys: 'Enter', help: 'keep the filter / switch to the view', hint: 'switch view', when: isCommand, match: named('return'), act: switchView },
  { group: 'Typing a filter (/) or a view (:)', keys: 'Tab', help: 'complete the view name', hint: 'complete', when: isCommand, match: named('tab'), act: complete },
  { group: 'Typing a filter (/) or a view (:)', keys: 'Esc', help: 'clear the filter / cancel', hint: 'clear filter', when: isFilter, match: named('escape'), act: () => ex({ type: 'prompt-clear' }) },
  { group: 'Typing a filter (/) or a view (:)', keys: 'Esc', help: 'clear the filter / cancel', hint: 'cancel', when: isCommand, match: named('escape'), act: () => ex({ type: 'prompt-clear' }) },
  { group: 'Typing a filter (/) or a view (:)', keys: 'text  ← →  Backspace  Ctrl-U', help: 'edit what is typed (q is text here, not quit)', match: textKey, act: (_c, press) => ex({ type: 'prompt-edit', press }) },
];

const openedEvent = (c: KeyContext): boolean => c.s.explore?.opened?.kind === 'event';

/** j/k in an opened event: the one before or after it in the log, opened in its place. */
function step(c: KeyContext, delta: number): AppAction | null {
  const m = c.m!;
  if (m.events.length === 0) return null;
  const i = Math.max(0, Math.min(m.events.length - 1, m.eventIndex + delta));
  return { type: 'batch', actions: [ex({ type: 'event-move', delta, events: m.events }), ex({ type: 'open', opened: { kind: 'event', event: m.events[i] } })] };
}

export const DETAIL_KEYS: KeyTable<KeyContext, AppAction> = [
  { group: 'An opened event or node', keys: 'Esc  Enter  Backspace', help: 'close it', hint: 'close', hintKeys: 'Esc', match: either(named('escape'), named('return'), named('backspace'), named('delete')), act: () => ex({ type: 'close' }) },
  { group: 'An opened event or node', keys: 'j k  ↓ ↑', help: 'the next / previous event', hint: 'next/previous', hintKeys: 'j/k', when: openedEvent, match: either(chars('j'), named('downArrow')), act: (c) => step(c, 1) },
  { group: 'An opened event or node', keys: 'j k  ↓ ↑', help: 'the next / previous event', when: openedEvent, match: either(chars('k'), named('upArrow')), act: (c) => step(c, -1) },
  { group: 'Anywhere', keys: '?', help: 'this help', hint: 'help', match: chars('?'), act: () => ({ type: 'help-open' }) },
  { group: 'Anywhere', keys: 'q  Ctrl-C', help: 'quit', hint: 'quit', hintKeys: 'q', match: chars('q'), act: () => ({ type: 'quit' }) },
];

export const ERROR_KEYS: KeyTable<KeyContext, AppAction> = [
  { group: 'A scenario that cannot be shown', keys: 'r', help: 'read the file again', hint: 'retry', when: (c) => c.s.path !== null, match: chars('r'), act: (c) => ({ type: 'open', path: c.s.path! }) },
  { group: 'A scenario that cannot be shown', keys: 'p', help: 'pick another scenario', hint: 'pick a scenario', match: chars('p'), act: () => ({ type: 'picker-open' }) },
  { group: 'A scenario that cannot be shown', keys: 'q  Ctrl-C', help: 'quit', hint: 'quit', hintKeys: 'q', match: chars('q'), act: () => ({ type: 'quit' }) },
];

export const BUSY_KEYS: KeyTable<KeyContext, AppAction> = [
  { group: 'While a scenario loads or runs', keys: 'q  Ctrl-C', help: 'quit', hint: 'quit', hintKeys: 'q', match: either(chars('q'), ctrl('c')), act: () => ({ type: 'quit' }) },
];
