// State of the explore screen: which pane has the keys, the selected workload, the time cursor
// and the event filters. The reducer is pure (tested without ink); the hook wraps useReducer.
import { useReducer } from 'react';
import { EVENT_KINDS, firstAtOrAfter, type EventKind } from '../../data/events.js';

export type Pane = 'workloads' | 'chart' | 'events';
/** overview: list + chart + zones + events; workload: one workload full width; compare: A vs B. */
export type View = 'overview' | 'workload' | 'compare';

export interface ExploreState {
  readonly view: View;
  /** The pane that receives j/k/Enter. */
  readonly pane: Pane;
  /** Index of the selected workload in the list order (worst first). */
  readonly selected: number;
  /** Number of workloads in the list. */
  readonly count: number;
  /** Time cursor, ms. */
  readonly cursorMs: number;
  readonly durationMs: number;
  /** One ←/→ step, ms (a nice round step of about one chart column). */
  readonly stepMs: number;
  readonly eventKind: EventKind;
  /** Text filter of the event log ('' = none). */
  readonly eventText: string;
  /** True while `/` is being typed. */
  readonly typing: boolean;
  /** Selected row of the filtered event log when not following the cursor. */
  readonly eventIndex: number;
  /** The event log keeps the row under the time cursor selected. */
  readonly eventsFollow: boolean;
  /** Which run the zones, counts and events show when there is a B run. */
  readonly showRun: 'A' | 'B';
}

export type ExploreAction =
  | { readonly type: 'select-move'; readonly delta: number }
  | { readonly type: 'select-to'; readonly index: number }
  | { readonly type: 'pane-next' }
  | { readonly type: 'pane-prev' }
  | { readonly type: 'pane'; readonly pane: Pane }
  | { readonly type: 'cursor-step'; readonly steps: number }
  | { readonly type: 'cursor-to'; readonly ms: number }
  | { readonly type: 'cursor-home' }
  | { readonly type: 'cursor-end' }
  | { readonly type: 'view'; readonly view: View; readonly orders?: ListOrders }
  | { readonly type: 'back'; readonly orders?: ListOrders }
  | { readonly type: 'cursor-change'; readonly dir: 1 | -1; readonly changes: readonly number[] }
  | { readonly type: 'event-move'; readonly delta: number; readonly events: readonly Timed[] }
  | { readonly type: 'event-step'; readonly dir: 1 | -1; readonly events: readonly Timed[] }
  | { readonly type: 'event-kind-next' }
  | { readonly type: 'event-kind'; readonly kind: EventKind }
  | { readonly type: 'filter-start' }
  | { readonly type: 'filter-text'; readonly text: string }
  | { readonly type: 'filter-done' }
  | { readonly type: 'filter-cancel' }
  | { readonly type: 'event-select'; readonly index: number; readonly timeMs: number }
  | { readonly type: 'toggle-run'; readonly hasB: boolean }
  | { readonly type: 'show-run'; readonly run: 'A' | 'B' }
  | { readonly type: 'resize'; readonly count: number; readonly durationMs: number; readonly stepMs: number };

interface Timed {
  readonly time: number;
}

/** The workload lists of the views (overview: worst first; compare: most changed first). */
export interface ListOrders {
  readonly overview?: readonly string[];
  readonly compare?: readonly string[];
}

const listOf = (v: View): keyof ListOrders => (v === 'compare' ? 'compare' : 'overview');

/** Keeps the same workload selected when the view's list has another order. */
function reselect(s: ExploreState, next: View, orders: ListOrders | undefined): number {
  const from = orders?.[listOf(s.view)];
  const to = orders?.[listOf(next)];
  if (!from || !to) return s.selected;
  const i = to.indexOf(from[s.selected]);
  return i >= 0 ? i : s.selected;
}

/** The highlighted row of the event log: the one under the cursor while following it. */
export function eventIndexOf(s: ExploreState, events: readonly Timed[]): number {
  if (events.length === 0) return 0;
  if (s.eventsFollow) return Math.max(0, Math.min(events.length - 1, firstAtOrAfter(events, s.cursorMs)));
  return Math.max(0, Math.min(events.length - 1, s.eventIndex));
}

export function initialExploreState(count: number, durationMs: number, stepMs: number): ExploreState {
  return {
    view: 'overview',
    pane: 'workloads',
    selected: 0,
    count,
    cursorMs: 0,
    durationMs,
    stepMs: Math.max(1, stepMs),
    eventKind: 'all',
    eventText: '',
    typing: false,
    eventIndex: 0,
    eventsFollow: true,
    showRun: 'A',
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The panes Tab visits in a view. */
export function panesOf(view: View): Pane[] {
  return view === 'workload' ? ['chart', 'events'] : ['workloads', 'chart', 'events'];
}

export function exploreReducer(s: ExploreState, a: ExploreAction): ExploreState {
  switch (a.type) {
    case 'select-move':
      return { ...s, selected: clamp(s.selected + a.delta, 0, Math.max(0, s.count - 1)) };
    case 'select-to':
      return { ...s, selected: clamp(a.index, 0, Math.max(0, s.count - 1)) };
    case 'pane-next':
    case 'pane-prev': {
      const panes = panesOf(s.view);
      const i = panes.indexOf(s.pane);
      const n = panes.length;
      const next = panes[(((i < 0 ? 0 : i) + (a.type === 'pane-next' ? 1 : -1)) % n + n) % n];
      return { ...s, pane: next };
    }
    case 'pane':
      return panesOf(s.view).includes(a.pane) ? { ...s, pane: a.pane } : s;
    case 'cursor-step': {
      // Steps land on multiples of the step, so the cursor reads as round times.
      const base = a.steps > 0 ? Math.floor(s.cursorMs / s.stepMs) : Math.ceil(s.cursorMs / s.stepMs);
      return { ...s, cursorMs: clamp((base + a.steps) * s.stepMs, 0, s.durationMs), eventsFollow: true };
    }
    case 'cursor-to':
      return { ...s, cursorMs: clamp(a.ms, 0, s.durationMs), eventsFollow: true };
    case 'cursor-home':
      return { ...s, cursorMs: 0, eventsFollow: true };
    case 'cursor-end':
      return { ...s, cursorMs: s.durationMs, eventsFollow: true };
    case 'view': {
      const pane = panesOf(a.view).includes(s.pane) ? s.pane : panesOf(a.view)[0];
      return { ...s, view: a.view, pane, selected: reselect(s, a.view, a.orders) };
    }
    case 'back':
      if (s.typing) return { ...s, typing: false };
      if (s.view !== 'overview') {
        return { ...s, view: 'overview', pane: s.view === 'workload' ? 'workloads' : s.pane, selected: reselect(s, 'overview', a.orders) };
      }
      return s;
    case 'cursor-change': {
      const t = s.cursorMs;
      const next = a.dir > 0 ? a.changes.find((c) => c > t) : [...a.changes].reverse().find((c) => c < t);
      return next === undefined ? s : { ...s, cursorMs: clamp(next, 0, s.durationMs), eventsFollow: true };
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
    case 'event-kind':
      return { ...s, eventKind: a.kind, eventsFollow: true };
    case 'filter-start':
      return { ...s, typing: true, pane: 'events' };
    case 'filter-text':
      return { ...s, eventText: a.text, eventsFollow: true };
    case 'filter-done':
      return { ...s, typing: false };
    case 'filter-cancel':
      return { ...s, typing: false, eventText: '', eventsFollow: true };
    case 'event-select':
      return { ...s, eventIndex: Math.max(0, a.index), eventsFollow: false, cursorMs: clamp(a.timeMs, 0, s.durationMs) };
    case 'toggle-run':
      return a.hasB ? { ...s, showRun: s.showRun === 'A' ? 'B' : 'A' } : { ...s, showRun: 'A' };
    case 'show-run':
      return { ...s, showRun: a.run, eventsFollow: true };
    case 'resize':
      return {
        ...s,
        count: a.count,
        selected: clamp(s.selected, 0, Math.max(0, a.count - 1)),
        durationMs: a.durationMs,
        stepMs: Math.max(1, a.stepMs),
        cursorMs: clamp(s.cursorMs, 0, a.durationMs),
      };
  }
}

export function useExploreState(count: number, durationMs: number, stepMs: number) {
  return useReducer(exploreReducer, undefined, () => initialExploreState(count, durationMs, stepMs));
}

/** A round step of at least `ms` (1s, 2s, 5s, 10s, 15s, 30s, 1m, 2m, 5m, ...). */
export function niceStep(ms: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);
  return steps.find((s) => s >= ms) ?? Math.ceil(ms / 3_600_000) * 3_600_000;
}
