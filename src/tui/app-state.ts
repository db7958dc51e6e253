// The app's state machine (pure reducer, no URLs): which scenario is open, where its run (A) is,
// the what-if run (B), the explore screen, the what-if form, the picker, the help and the status
// message. Screens keep no state of their own: every screen's state is a part of this one, so
// a run finishing or failing updates the screen it concerns in the same step (no effect copies
// props into a screen's reducer). Keys arrive as actions too (app-input.ts routes them through
// the key tables); run-effects.ts performs what the state asks for (load, run, export, quit).
import type { Scenario } from '../model/scenario.js';
import { clusterSize, type ClusterSize } from './data/cluster.js';
import type { Run } from './data/runs.js';
import { whatIfFields } from './data/whatif.js';
import type { SliceProgress } from './hooks/run-sliced.js';
import type { KeyPress } from './keys.js';
import { exploreReducer, initialExploreState, type ExploreAction, type ExploreState } from './screens/explore/explore-state.js';
import type { ExploreModel, Size } from './screens/explore/explore-model.js';
import { initialPickerState, pickerReducer, type PickerAction, type PickerState } from './screens/picker/picker-state.js';
import { formSets, initialWhatIfState, whatIfReducer, type WhatIfAction, type WhatIfState } from './screens/whatif/whatif-state.js';

export type Phase =
  | { readonly kind: 'picker' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'running'; readonly progress: SliceProgress | null }
  | { readonly kind: 'ready' }
  | { readonly kind: 'error'; readonly message: string };

export interface AppState {
  readonly phase: Phase;
  /** The scenario file open (A), and how it was opened. */
  readonly path: string | null;
  readonly baseSets: readonly string[];
  readonly seed: number | undefined;
  readonly scenario: Scenario | null;
  readonly size: ClusterSize | null;
  readonly a: Run | null;
  readonly b: Run | null;
  /** The explore screen, once A has run. */
  readonly explore: ExploreState | null;
  /** The what-if form, while open. */
  readonly form: WhatIfState | null;
  /** The scenario picker, while open (over the explore screen, or alone). */
  readonly picker: PickerState | null;
  /** The help, while open, at this page. */
  readonly help: { readonly scroll: number } | null;
  /** B requested with these overrides (loading, then running). */
  readonly bRequest: { readonly sets: readonly string[] } | null;
  readonly bScenario: Scenario | null;
  readonly bProgress: SliceProgress | null;
  readonly message: { readonly text: string; readonly tone: 'info' | 'error' } | null;
  /** Bumped to ask for an export of A (and B). */
  readonly exportSeq: number;
  readonly quit: boolean;
}

export type AppAction =
  | { readonly type: 'open'; readonly path: string }
  | { readonly type: 'picker-open' }
  | { readonly type: 'picker-close' }
  | { readonly type: 'picker'; readonly action: PickerAction }
  | { readonly type: 'loaded'; readonly scenario: Scenario }
  | { readonly type: 'progress'; readonly progress: SliceProgress }
  | { readonly type: 'ran'; readonly run: Run }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'explore'; readonly action: ExploreAction }
  | { readonly type: 'whatif-open'; readonly workload: string }
  | { readonly type: 'whatif-close' }
  | { readonly type: 'form'; readonly action: WhatIfAction }
  | { readonly type: 'whatif-submit' }
  | { readonly type: 'b-loaded'; readonly scenario: Scenario }
  | { readonly type: 'b-progress'; readonly progress: SliceProgress }
  | { readonly type: 'b-ran'; readonly run: Run }
  | { readonly type: 'b-failed'; readonly message: string }
  | { readonly type: 'drop-b' }
  | { readonly type: 'help-open' }
  | { readonly type: 'help-close' }
  | { readonly type: 'help-scroll'; readonly delta: number; readonly max: number }
  | { readonly type: 'message'; readonly text: string; readonly tone?: 'info' | 'error' }
  | { readonly type: 'export' }
  | { readonly type: 'quit' }
  | { readonly type: 'batch'; readonly actions: readonly AppAction[] };

/** Key presses (in the order typed), with the terminal size the screen was drawn for. */
export type KeyAction = { readonly type: 'keys'; readonly presses: readonly KeyPress[]; readonly size: Size };

/** What a key table's binding sees. */
export interface KeyContext {
  readonly s: AppState;
  /** The explore screen as drawn (null before A has run). */
  readonly m: ExploreModel | null;
  readonly size: Size;
}

export interface AppStart {
  /** Scenario to open; null opens the picker. */
  readonly path: string | null;
  readonly sets?: readonly string[];
  readonly seed?: number;
}

export function initialAppState(start: AppStart): AppState {
  return {
    phase: start.path ? { kind: 'loading' } : { kind: 'picker' },
    path: start.path,
    baseSets: start.sets ?? [],
    seed: start.seed,
    scenario: null,
    size: null,
    a: null,
    b: null,
    explore: null,
    form: null,
    picker: start.path ? null : initialPickerState,
    help: null,
    bRequest: null,
    bScenario: null,
    bProgress: null,
    message: null,
    exportSeq: 0,
    quit: false,
  };
}

const noB = { b: null, bRequest: null, bScenario: null, bProgress: null, form: null } as const;

export function appReducer(s: AppState, a: AppAction): AppState {
  switch (a.type) {
    case 'open':
      return {
        ...s,
        ...noB,
        phase: { kind: 'loading' },
        path: a.path,
        // Overrides and seed from the command line belong to the scenario they came with.
        baseSets: a.path === s.path ? s.baseSets : [],
        seed: a.path === s.path ? s.seed : undefined,
        scenario: null,
        size: null,
        a: null,
        explore: null,
        picker: null,
        help: null,
        message: null,
      };
    case 'picker-open':
      return { ...s, picker: initialPickerState, help: null };
    case 'picker-close':
      return s.phase.kind === 'picker' ? s : { ...s, picker: null };
    case 'picker':
      return s.picker ? { ...s, picker: pickerReducer(s.picker, a.action) } : s;
    case 'loaded':
      return { ...s, phase: { kind: 'running', progress: null }, scenario: a.scenario, size: clusterSize(a.scenario) };
    case 'progress':
      return s.phase.kind === 'running' ? { ...s, phase: { kind: 'running', progress: a.progress } } : s;
    case 'ran':
      return { ...s, phase: { kind: 'ready' }, a: a.run, explore: initialExploreState(a.run.result.durationMs) };
    case 'failed':
      return { ...s, phase: { kind: 'error', message: a.message }, a: null, explore: null };
    case 'explore':
      return s.explore ? { ...s, explore: exploreReducer(s.explore, a.action) } : s;
    case 'whatif-open':
      return s.a && s.scenario ? { ...s, form: initialWhatIfState(a.workload, whatIfFields(s.scenario, a.workload)), help: null } : s;
    case 'whatif-close':
      return s.bRequest ? s : { ...s, form: null };
    case 'form':
      return s.form && !s.bRequest ? { ...s, form: whatIfReducer(s.form, a.action) } : s;
    case 'whatif-submit': {
      if (!s.form || s.bRequest) return s;
      const sets = formSets(s.form);
      if (sets.length === 0) return { ...s, form: whatIfReducer(s.form, { type: 'error', message: 'Nothing to compare yet: change a field first.' }) };
      return { ...s, bRequest: { sets }, bScenario: null, bProgress: null, form: { ...s.form, error: null, errorField: null } };
    }
    case 'b-loaded':
      return s.bRequest ? { ...s, bScenario: a.scenario } : s;
    case 'b-progress':
      return s.bRequest ? { ...s, bProgress: a.progress } : s;
    case 'b-ran':
      return { ...s, ...noB, b: a.run, message: null, explore: s.explore && exploreReducer(s.explore, { type: 'b-arrived' }) };
    case 'b-failed':
      return { ...s, bRequest: null, bScenario: null, bProgress: null, form: s.form && whatIfReducer(s.form, { type: 'error', message: a.message }) };
    case 'drop-b':
      return s.b ? { ...s, b: null, message: { text: 'B dropped: showing A only.', tone: 'info' }, explore: s.explore && exploreReducer(s.explore, { type: 'b-dropped' }) } : s;
    case 'help-open':
      return { ...s, help: { scroll: 0 } };
    case 'help-close':
      return { ...s, help: null };
    case 'help-scroll':
      return s.help ? { ...s, help: { scroll: Math.max(0, Math.min(a.max, s.help.scroll + a.delta)) } } : s;
    case 'message':
      return { ...s, message: { text: a.text, tone: a.tone ?? 'info' } };
    case 'export':
      return s.a ? { ...s, exportSeq: s.exportSeq + 1, message: { text: 'Exporting reports…', tone: 'info' } } : s;
    case 'quit':
      return { ...s, quit: true };
    case 'batch':
      return a.actions.reduce(appReducer, s);
  }
}
