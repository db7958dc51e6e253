// Keys of the explore screen (k9s / less habits). `exploreKey` maps one key press to what it
// means, purely, so the mapping is tested without a terminal; the hook only wires it to ink.
import { useInput, type Key } from 'ink';
import type { SimEvent } from '../../../sim/result.js';
import type { ExploreAction, ExploreState } from './use-explore-state.js';

/** Things the explore screen asks of the app. */
export type AppIntent = 'whatif' | 'export' | 'drop-b';

export type KeyResult = { readonly action: ExploreAction } | { readonly intent: AppIntent } | null;

export interface KeyContext {
  readonly state: ExploreState;
  /** The event log as filtered on screen. */
  readonly events: readonly SimEvent[];
  /** Times at which the selected workload's counts change. */
  readonly changes: readonly number[];
  readonly hasB: boolean;
  /** Rows of the list pane (for PgUp/PgDn). */
  readonly page: number;
}

export function exploreKey(input: string, key: Partial<Key>, ctx: KeyContext): KeyResult {
  const { state: s } = ctx;
  const act = (action: ExploreAction): KeyResult => ({ action });
  if (s.typing) {
    if (key.escape) return act({ type: 'filter-cancel' });
    return null; // the text input has the keys
  }
  if (key.tab) return act({ type: key.shift ? 'pane-prev' : 'pane-next' });
  if (key.leftArrow || key.rightArrow) {
    const dir = key.leftArrow ? -1 : 1;
    return act({ type: 'cursor-step', steps: dir * (key.shift || key.meta ? 10 : 1) });
  }
  if (input === 'H' || input === 'L') return act({ type: 'cursor-step', steps: input === 'H' ? -10 : 10 });
  if (input === 'h' || input === 'l') return act({ type: 'cursor-step', steps: input === 'h' ? -1 : 1 });
  if (key.home) return act({ type: 'cursor-home' });
  if (key.end) return act({ type: 'cursor-end' });
  if (input === '[' || input === ']') return act({ type: 'cursor-change', dir: input === ']' ? 1 : -1, changes: ctx.changes });
  if (input === 'n' || input === 'N') return act({ type: 'event-step', dir: input === 'n' ? 1 : -1, events: ctx.events });
  const down = key.downArrow || input === 'j';
  const up = key.upArrow || input === 'k';
  const pageDown = key.pageDown || (key.ctrl && input === 'f') || input === ' ';
  const pageUp = key.pageUp || (key.ctrl && input === 'b');
  if (down || up || pageDown || pageUp || input === 'g' || input === 'G') {
    const delta = down ? 1 : up ? -1 : pageDown ? ctx.page : pageUp ? -ctx.page : 0;
    // Relative moves: the reducer applies them to its own state, so fast typing never reads a
    // stale row.
    if (s.pane === 'events') {
      const big = Number.MAX_SAFE_INTEGER;
      return act({ type: 'event-move', delta: input === 'g' ? -big : input === 'G' ? big : delta, events: ctx.events });
    }
    if (input === 'g') return act({ type: 'select-to', index: 0 });
    if (input === 'G') return act({ type: 'select-to', index: s.count - 1 });
    return act({ type: 'select-move', delta });
  }
  if (key.return) {
    if (s.pane === 'events') return act({ type: 'pane', pane: 'chart' });
    return s.view === 'workload' ? null : act({ type: 'view', view: 'workload' });
  }
  if (key.escape || key.backspace || key.delete) return act({ type: 'back' });
  if (input === '/') return act({ type: 'filter-start' });
  if (input === 't') return act({ type: 'event-kind-next' });
  if (input === 'c') return ctx.hasB ? act({ type: 'view', view: s.view === 'compare' ? 'overview' : 'compare' }) : { intent: 'whatif' };
  if (input === 'b') return act({ type: 'toggle-run', hasB: ctx.hasB });
  if (input === 'w') return { intent: 'whatif' };
  if (input === 'e') return { intent: 'export' };
  if (input === 'x' && ctx.hasB) return { intent: 'drop-b' };
  return null;
}

export function useExploreKeys(ctx: KeyContext, dispatch: (a: ExploreAction) => void, onIntent: (i: AppIntent) => void, isActive: boolean): void {
  useInput(
    (input, key) => {
      const r = exploreKey(input, key, ctx);
      if (r === null) return;
      if ('action' in r) dispatch(r.action);
      else onIntent(r.intent);
    },
    { isActive },
  );
}
