// State of the explore screen (pure reducer): the view (k9s-like: `:workloads`, `:events`,
// `:nodes`, `:pods`, plus one workload full width and the A/B comparison), the pane with the
// keys, the selected workload and node (by name, so a list that is re-ordered or filtered keeps
// them), the time cursor, the event log's filters, the `/` or `:` prompt being typed and the
// event opened with Enter. Lists the actions move in come with the action (the explore model
// derives them), so the reducer never keeps a copy of what the runs say.
import type { SimEvent } from '../../../sim/result.js';
import { EVENT_KINDS, firstAtOrAfter, type EventKind } from '../../data/events.js';
import type { KeyPress } from '../../keys.js';
import { editText, textOf, type TextState } from '../../text-edit.js';

/** workloads: list + chart + zones + events; workload: one workload full width; compare: A vs B. */
export type View = 'workloads' | 'workload' | 'compare' | 'events' | 'nodes' | 'pods';
export type Pane = 'list' | 'chart' | 'events';
/** What `/` filters: the list in focus. */
export type FilterTarget = 'workloads' | 'events' | 'nodes';

export type Prompt =
  | { readonly kind: 'filter'; readonly target: FilterTarget; readonly text: TextState }
  | { readonly kind: 'command'; readonly text: TextState };

/** What Enter opened over the view: an event, or a node. */
export type Opened = { readonly kind: 'event'; readonly event: SimEvent } | { readonly kind: 'node'; readonly node: string };

export interface ExploreState {
  readonly view: View;
  /** Where Esc goes from a view opened from another (workload, events, nodes, pods). */
  readonly back: View;
  /** The pane that receives j/k/Enter and `/`. */
  readonly pane: Pane;
  /** The selected workload (`namespace/name`); null = the first of the list. */
  readonly selected: string | null;
  /** The selected node of the nodes view; null = the first. */
  readonly node: string | null;
  /** The selected pod of the pods view; null = the first. */
  readonly pod: string | null;
  /** Time cursor, ms, within [0, durationMs]. */
  readonly cursorMs: number;
  readonly durationMs: number;
  readonly eventKind: EventKind;
  /** Kept `/` filters ('' = none). */
  readonly filters: Readonly<Record<FilterTarget, string>>;
  readonly prompt: Prompt | null;
  /** Selected row of the filtered event log when not following the cursor. */
  readonly eventIndex: number;
  /** The event log keeps the row under the time cursor selected. */
  readonly eventsFollow: boolean;
  readonly opened: Opened | null;
  /** Which run the zones, counts and events show when there is a B run. */
  readonly showRun: 'A' | 'B';
}

interface Timed {
  readonly time: number;
}

/** The panes Tab visits in each view (they depend on the terminal's width). */
export type PanesOf = Readonly<Record<View, readonly Pane[]>>;

export type ExploreAction =
  | { readonly type: 'select-move'; readonly delta: number; readonly list: readonly string[] }
  | { readonly type: 'node-move'; readonly delta: number; readonly list: readonly string[] }
  | { readonly type: 'pod-move'; readonly delta: number; readonly list: readonly string[] }
  | { readonly type: 'pane-next' | 'pane-prev'; readonly panes: readonly Pane[] }
  | { readonly type: 'cursor-step'; readonly steps: number; readonly stepMs: number }
  | { readonly type: 'cursor-to'; readonly ms: number }
  | { readonly type: 'cursor-change'; readonly dir: 1 | -1; readonly changes: readonly number[] }
  | { readonly type: 'view'; readonly view: View; readonly panes: PanesOf }
  | { readonly type: 'back'; readonly panes: PanesOf }
  | { readonly type: 'event-move'; readonly delta: number; readonly events: readonly Timed[] }
  | { readonly type: 'event-step'; readonly dir: 1 | -1; readonly events: readonly Timed[] }
  | { readonly type: 'event-kind-next' }
  | { readonly type: 'open'; readonly opened: Opened }
  | { readonly type: 'close' }
  | { readonly type: 'prompt'; readonly prompt: 'command' | FilterTarget }
  | { readonly type: 'prompt-edit'; readonly press: KeyPress }
  | { readonly type: 'prompt-keep' }
  | { readonly type: 'prompt-clear' }
  | { readonly type: 'toggle-run'; readonly hasB: boolean }
  | { readonly type: 'b-arrived' }
  | { readonly type: 'b-dropped' };

export function initialExploreState(durationMs: number): ExploreState {
  return {
    view: 'workloads',
    back: 'workloads',
    pane: 'list',
    selected: null,
    node: null,
    pod: null,
    cursorMs: 0,
    durationMs,
    eventKind: 'all',
    filters: { workloads: '', events: '', nodes: '' },
    prompt: null,
    eventIndex: 0,
    eventsFollow: true,
    opened: null,
    showRun: 'A',
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The selected row of the event log: under the cursor while following, else the one picked. */
export function eventIndexOf(s: Pick<ExploreState, 'eventsFollow' | 'cursorMs' | 'eventIndex'>, events: readonly Timed[]): number {
  if (events.length === 0) return 0;
  if (s.eventsFollow) return clamp(firstAtOrAfter(events, s.cursorMs), 0, events.length - 1);
  return clamp(s.eventIndex, 0, events.length - 1);
}

/** The filter in effect for a list: the one being typed, else the one kept. */
export function filterOf(s: ExploreState, target: FilterTarget): string {
  return s.prompt?.kind === 'filter' && s.prompt.target === target ? s.prompt.text.value : s.filters[target];
}

/** The name `delta` rows from `current` in `list` (a name not in it counts as the first row). */
function moveIn(list: readonly string[], current: string | null, delta: number): string | null {
  if (list.length === 0) return current;
  const i = current === null ? 0 : Math.max(0, list.indexOf(current));
  return list[clamp(i + delta, 0, list.length - 1)];
}

const keepPane = (pane: Pane, panes: readonly Pane[]): Pane => (panes.includes(pane) ? pane : (panes[0] ?? 'list'));

export function exploreReducer(s: ExploreState, a: ExploreAction): ExploreState {
  switch (a.type) {
    case 'select-move':
      return { ...s, selected: moveIn(a.list, s.selected, a.delta) };
    case 'node-move':
      return { ...s, node: moveIn(a.list, s.node, a.delta) };
    case 'pod-move':
      return { ...s, pod: moveIn(a.list, s.pod, a.delta) };
    case 'pane-next':
    case 'pane-prev': {
      const n = a.panes.length;
      if (n === 0) return s;
      const i = Math.max(0, a.panes.indexOf(s.pane));
      return { ...s, pane: a.panes[(((i + (a.type === 'pane-next' ? 1 : -1)) % n) + n) % n] };
    }
    case 'cursor-step': {
      // Steps land on multiples of the step, so the cursor reads as round times.
      const step = Math.max(1, a.stepMs);
      const base = a.steps > 0 ? Math.floor(s.cursorMs / step) : Math.ceil(s.cursorMs / step);
      return { ...s, cursorMs: clamp((base + a.steps) * step, 0, s.durationMs), eventsFollow: true };
    }
    case 'cursor-to':
      return { ...s, cursorMs: clamp(a.ms, 0, s.durationMs), eventsFollow: true };
    case 'cursor-change': {
      const t = s.cursorMs;
      const next = a.dir > 0 ? a.changes.find((c) => c > t) : [...a.changes].reverse().find((c) => c < t);
      return next === undefined ? s : { ...s, cursorMs: clamp(next, 0, s.durationMs), eventsFollow: true };
    }
    case 'view': {
      if (a.view === s.view) return s;
      // One workload, the event log, the nodes or the pods return to where they were opened from.
      const back = a.view === 'workloads' || a.view === 'compare' ? a.view : s.view === 'workloads' || s.view === 'compare' ? s.view : s.back;
      return { ...s, view: a.view, back, pane: a.view === 'workload' ? 'chart' : keepPane(s.pane, a.panes[a.view]), opened: null };
    }
    case 'back': {
      if (s.opened) return { ...s, opened: null };
      if (s.view === 'workloads') return s;
      const view = s.view === s.back ? 'workloads' : s.back;
      return { ...s, view, back: 'workloads', pane: keepPane(s.view === 'workload' ? 'list' : s.pane, a.panes[view]) };
    }
    case 'event-move': {
      if (a.events.length === 0) return s;
      const i = clamp(eventIndexOf(s, a.events) + a.delta, 0, a.events.length - 1);
      return { ...s, eventIndex: i, eventsFollow: false, cursorMs: clamp(a.events[i].time, 0, s.durationMs) };
    }
    case 'event-step': {
      // n / N: the next event after the cursor (or after the highlighted row), like less.
      const ev = a.events;
      if (ev.length === 0) return s;
      let i: number;
      if (a.dir > 0) {
        i = firstAtOrAfter(ev, s.cursorMs + 1);
        if (!s.eventsFollow && s.eventIndex + 1 < ev.length && ev[s.eventIndex].time >= s.cursorMs) i = s.eventIndex + 1;
      } else {
        i = firstAtOrAfter(ev, s.cursorMs) - 1;
        if (!s.eventsFollow && s.eventIndex - 1 >= 0) i = s.eventIndex - 1;
      }
      if (i < 0 || i >= ev.length) return s;
      return { ...s, eventIndex: i, eventsFollow: false, cursorMs: clamp(ev[i].time, 0, s.durationMs) };
    }
    case 'event-kind-next': {
      const i = EVENT_KINDS.findIndex((k) => k.kind === s.eventKind);
      return { ...s, eventKind: EVENT_KINDS[(i + 1) % EVENT_KINDS.length].kind, eventsFollow: true };
    }
    case 'open':
      return { ...s, opened: a.opened };
    case 'close':
      return { ...s, opened: null };
    case 'prompt':
      if (a.prompt === 'command') return { ...s, prompt: { kind: 'command', text: textOf('') } };
      return { ...s, prompt: { kind: 'filter', target: a.prompt, text: textOf(s.filters[a.prompt]) }, eventsFollow: true };
    case 'prompt-edit':
      return s.prompt ? { ...s, prompt: { ...s.prompt, text: editText(s.prompt.text, a.press) }, eventsFollow: true } : s;
    case 'prompt-keep': {
      const p = s.prompt;
      if (!p || p.kind !== 'filter') return { ...s, prompt: null };
      return { ...s, prompt: null, filters: { ...s.filters, [p.target]: p.text.value.trim() } };
    }
    case 'prompt-clear': {
      const p = s.prompt;
      if (!p || p.kind !== 'filter') return { ...s, prompt: null };
      return { ...s, prompt: null, filters: { ...s.filters, [p.target]: '' }, eventsFollow: true };
    }
    case 'toggle-run':
      return { ...s, showRun: a.hasB && s.showRun === 'A' ? 'B' : 'A', eventsFollow: true };
    case 'b-arrived':
      // A new B: the comparison, with B's events (the what-if is what one wants to read).
      return { ...s, view: 'compare', back: 'compare', pane: 'list', showRun: 'B', opened: null, eventsFollow: true };
    case 'b-dropped':
      return {
        ...s,
        view: s.view === 'compare' ? 'workloads' : s.view,
        back: s.back === 'compare' ? 'workloads' : s.back,
        showRun: 'A',
        opened: s.opened?.kind === 'event' ? null : s.opened,
      };
  }
}

/** A round step of at least `ms` (1s, 2s, 5s, 10s, 15s, 30s, 1m, 2m, 5m, ...). */
export function niceStep(ms: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((x) => x * 1000);
  return steps.find((x) => x >= ms) ?? Math.ceil(ms / 3_600_000) * 3_600_000;
}

/** Views `:` can switch to, with the names and k9s aliases it accepts. */
export const VIEW_NAMES: readonly { readonly view: View; readonly names: readonly string[] }[] = [
  { view: 'workloads', names: ['workloads', 'wl', 'deployments', 'deploy', 'dp'] },
  { view: 'events', names: ['events', 'ev'] },
  { view: 'nodes', names: ['nodes', 'no'] },
  { view: 'pods', names: ['pods', 'po'] },
  { view: 'compare', names: ['compare', 'cmp'] },
];

/** The view a `:` command names (a unique prefix will do); null when none. */
export function viewNamed(text: string): View | null {
  const t = text.trim().toLowerCase().replace(/^:/, '');
  if (!t) return null;
  const exact = VIEW_NAMES.find((v) => v.names.includes(t));
  if (exact) return exact.view;
  const prefixed = VIEW_NAMES.filter((v) => v.names.some((n) => n.startsWith(t)));
  return prefixed.length === 1 ? prefixed[0].view : null;
}
