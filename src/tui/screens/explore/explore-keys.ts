// The explore screen's key table (k9s and less habits): the one place its keys are stated; the
// app reducer, the hint line and the help all read it.
import type { AppAction, KeyContext } from '../../app-state.js';
import { chars, ctrl, either, named, shifted, shiftTab, type KeyTable } from '../../keys.js';
import type { ExploreAction, ExploreState, FilterTarget } from './explore-state.js';
import type { ExploreModel } from './explore-model.js';


const ex = (action: ExploreAction): AppAction => ({ type: 'explore', action });
const st = (c: KeyContext): ExploreState => c.s.explore!;
const md = (c: KeyContext): ExploreModel => c.m!;
const hasB = (c: KeyContext): boolean => c.s.b !== null;
const big = Number.MAX_SAFE_INTEGER;

/** What j/k move in now: the event log, the nodes, or the workloads. */
function move(c: KeyContext, delta: number): AppAction {
  const s = st(c);
  const m = md(c);
  if (s.pane === 'events') return ex({ type: 'event-move', delta, events: m.events });
  if (s.view === 'nodes') return ex({ type: 'node-move', delta, list: m.nodes.map((n) => n.name) });
  if (s.view === 'pods') return ex({ type: 'pod-move', delta, list: (m.pods ?? []).map((x) => x.name) });
  return ex({ type: 'select-move', delta, list: m.workloads });
}

/** What `/` filters: the list in focus. */
function filterTarget(s: ExploreState): FilterTarget | null {
  if (s.pane === 'events') return 'events';
  if (s.view === 'nodes') return 'nodes';
  if (s.pane === 'list' && (s.view === 'workloads' || s.view === 'compare')) return 'workloads';
  return null;
}

function enter(c: KeyContext): AppAction | null {
  const s = st(c);
  const m = md(c);
  if (s.pane === 'events') {
    const e = m.events[m.eventIndex];
    return e ? ex({ type: 'open', opened: { kind: 'event', event: e } }) : null;
  }
  if (s.view === 'nodes') return m.node ? ex({ type: 'open', opened: { kind: 'node', node: m.node } }) : null;
  if ((s.view === 'workloads' || s.view === 'compare') && m.selected) {
    return { type: 'batch', actions: [ex({ type: 'select-move', delta: 0, list: m.workloads }), ex({ type: 'view', view: 'workload', panes: m.panes })] };
  }
  return null;
}

const eventsVisible = (c: KeyContext): boolean => st(c).view !== 'nodes' && st(c).view !== 'pods';

export const EXPLORE_KEYS: KeyTable<KeyContext, AppAction> = [
  // Moving around
  { group: 'Moving around', keys: 'Tab  Shift-Tab', help: 'next / previous pane', hint: 'pane', hintKeys: 'Tab', when: (c) => md(c).panes[st(c).view].length > 1, match: named('tab'), act: (c) => ex({ type: 'pane-next', panes: md(c).panes[st(c).view] }) },
  { group: 'Moving around', keys: 'Tab  Shift-Tab', help: 'next / previous pane', match: shiftTab, act: (c) => ex({ type: 'pane-prev', panes: md(c).panes[st(c).view] }) },
  { group: 'Moving around', keys: 'j k  ↓ ↑', help: 'move in the pane', hint: 'select', hintKeys: 'j/k', match: either(chars('j'), named('downArrow')), act: (c) => move(c, 1) },
  { group: 'Moving around', keys: 'j k  ↓ ↑', help: 'move in the pane', match: either(chars('k'), named('upArrow')), act: (c) => move(c, -1) },
  { group: 'Moving around', keys: 'g G', help: 'top / bottom', match: chars('g'), act: (c) => move(c, -big) },
  { group: 'Moving around', keys: 'g G', help: 'top / bottom', match: chars('G'), act: (c) => move(c, big) },
  { group: 'Moving around', keys: 'PgDn PgUp  Space', help: 'a page down / up', match: either(named('pageDown'), chars(' '), ctrl('f')), act: (c) => move(c, md(c).page) },
  { group: 'Moving around', keys: 'PgDn PgUp  Space', help: 'a page down / up', match: either(named('pageUp'), ctrl('b')), act: (c) => move(c, -md(c).page) },
  { group: 'Moving around', keys: 'Enter', help: 'open: the workload full width, the whole event, the node', hint: 'open', match: named('return'), act: enter },
  {
    group: 'Moving around',
    keys: 'Esc  Backspace',
    help: 'back to the view before',
    hint: 'back',
    hintKeys: 'Esc',
    when: (c) => st(c).view !== 'workloads',
    match: either(named('escape'), named('backspace'), named('delete')),
    act: (c) => ex({ type: 'back', panes: md(c).panes }),
  },
  // Time cursor
  { group: 'Time cursor', keys: '← →  h l', help: 'one step back / forward', hint: 'time', hintKeys: '←/→', match: either(chars('h'), named('leftArrow')), act: (c, k) => ex({ type: 'cursor-step', steps: shifted('leftArrow')(k) ? -10 : -1, stepMs: md(c).stepMs }) },
  { group: 'Time cursor', keys: '← →  h l', help: 'one step back / forward', match: either(chars('l'), named('rightArrow')), act: (c, k) => ex({ type: 'cursor-step', steps: shifted('rightArrow')(k) ? 10 : 1, stepMs: md(c).stepMs }) },
  { group: 'Time cursor', keys: 'Shift-← →  H L', help: 'ten steps', match: chars('H'), act: (c) => ex({ type: 'cursor-step', steps: -10, stepMs: md(c).stepMs }) },
  { group: 'Time cursor', keys: 'Shift-← →  H L', help: 'ten steps', match: chars('L'), act: (c) => ex({ type: 'cursor-step', steps: 10, stepMs: md(c).stepMs }) },
  { group: 'Time cursor', keys: 'Home  End', help: 'start / end of the run', match: named('home'), act: () => ex({ type: 'cursor-to', ms: 0 }) },
  { group: 'Time cursor', keys: 'Home  End', help: 'start / end of the run', match: named('end'), act: (c) => ex({ type: 'cursor-to', ms: st(c).durationMs }) },
  { group: 'Time cursor', keys: '[  ]', help: "previous / next change of the workload's pods", match: chars('['), act: (c) => ex({ type: 'cursor-change', dir: -1, changes: md(c).changes }) },
  { group: 'Time cursor', keys: '[  ]', help: "previous / next change of the workload's pods", match: chars(']'), act: (c) => ex({ type: 'cursor-change', dir: 1, changes: md(c).changes }) },
  { group: 'Time cursor', keys: 'n  N', help: 'next / previous event', match: chars('n'), act: (c) => ex({ type: 'event-step', dir: 1, events: md(c).events }) },
  { group: 'Time cursor', keys: 'n  N', help: 'next / previous event', match: chars('N'), act: (c) => ex({ type: 'event-step', dir: -1, events: md(c).events }) },
  // Views and filters
  { group: 'Views and filters', keys: 't', help: 'events of a kind: all, evictions, scheduling, nodes & taints, rollouts, pod lifecycle, warnings, what-if', hint: 'kind', when: eventsVisible, match: chars('t'), act: () => ex({ type: 'event-kind-next' }) },
  {
    group: 'Views and filters',
    keys: '/',
    help: 'filter the pane in focus: workloads (name or cause), events (text), nodes',
    hint: 'filter',
    match: chars('/'),
    act: (c) => {
      const target = filterTarget(st(c));
      return target ? ex({ type: 'prompt', prompt: target }) : { type: 'message', text: 'Nothing to filter here: Tab to a list or to the events first.' };
    },
  },
  { group: 'Views and filters', keys: ':', help: 'switch view: workloads, events, nodes, pods (compare with a B)', hint: 'view', match: chars(':'), act: () => ex({ type: 'prompt', prompt: 'command' }) },
  // What-if
  { group: 'What-if', keys: 'w', help: 'what-if on the selected workload → run B', hint: 'what-if', when: (c) => md(c).selected !== null, match: chars('w'), act: (c) => ({ type: 'whatif-open', workload: md(c).selected! }) },
  {
    group: 'What-if',
    keys: 'c',
    help: 'compare A (before) and B (after)',
    hint: 'compare',
    when: hasB,
    match: chars('c'),
    act: (c) => ex({ type: 'view', view: st(c).view === 'compare' ? 'workloads' : 'compare', panes: md(c).panes }),
  },
  { group: 'What-if', keys: 'b', help: 'events, zones and nodes of B / of A', hint: 'A/B', when: hasB, match: chars('b'), act: (c) => ex({ type: 'toggle-run', hasB: hasB(c) }) },
  { group: 'What-if', keys: 'x', help: 'drop B', hint: 'drop B', when: hasB, match: chars('x'), act: () => ({ type: 'drop-b' }) },
  // Anywhere
  { group: 'Anywhere', keys: 'e', help: 'export the reports of A (and B, with compare.html)', hint: 'export', match: chars('e'), act: () => ({ type: 'export' }) },
  { group: 'Anywhere', keys: 'p', help: 'pick another scenario', hint: 'scenarios', when: (c) => !hasB(c), match: chars('p'), act: () => ({ type: 'picker-open' }) },
  { group: 'Anywhere', keys: 'p', help: 'pick another scenario', when: hasB, match: chars('p'), act: () => ({ type: 'picker-open' }) },
  { group: 'Anywhere', keys: '?', help: 'this help', hint: 'help', match: chars('?'), act: () => ({ type: 'help-open' }) },
  { group: 'Anywhere', keys: 'q  Ctrl-C', help: 'quit', hint: 'quit', hintKeys: 'q', match: chars('q'), act: () => ({ type: 'quit' }) },
];

