// The app's own state machine (no URLs): which scenario is open, where its run (A) is, the
// what-if run (B), overlays and the status message. Pure reducer; app.tsx runs the effects.
import { useReducer } from 'react';
import type { Scenario } from '../model/scenario.js';
import { clusterSize, type ClusterSize } from './data/cluster.js';
import type { Run } from './data/runs.js';
import type { SliceProgress } from './hooks/run-sliced.js';

export type Phase =
  | { readonly kind: 'picker' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'running'; readonly progress: SliceProgress | null }
  | { readonly kind: 'ready' }
  | { readonly kind: 'error'; readonly message: string };

export type Overlay = 'none' | 'help' | 'picker';

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
  /** The what-if form, open for this workload. */
  readonly whatIf: { readonly workload: string } | null;
  /** B requested with these overrides (loading, then running). */
  readonly bRequest: { readonly sets: readonly string[] } | null;
  readonly bScenario: Scenario | null;
  readonly bProgress: SliceProgress | null;
  /** The last what-if error, and a counter so the same message twice still shows. */
  readonly whatIfError: { readonly message: string; readonly seq: number } | null;
  readonly overlay: Overlay;
  /** A text input outside the form has the keys (the event filter). */
  readonly typing: boolean;
  readonly message: { readonly text: string; readonly tone: 'info' | 'error' } | null;
  /** Bumped when B finishes, so the explore screen switches to the comparison. */
  readonly compareSeq: number;
}

export type AppAction =
  | { readonly type: 'open'; readonly path: string }
  | { readonly type: 'picker' }
  | { readonly type: 'loaded'; readonly scenario: Scenario }
  | { readonly type: 'progress'; readonly progress: SliceProgress }
  | { readonly type: 'ran'; readonly run: Run }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'whatif-open'; readonly workload: string }
  | { readonly type: 'whatif-close' }
  | { readonly type: 'whatif-submit'; readonly sets: readonly string[] }
  | { readonly type: 'b-loaded'; readonly scenario: Scenario }
  | { readonly type: 'b-progress'; readonly progress: SliceProgress }
  | { readonly type: 'b-ran'; readonly run: Run }
  | { readonly type: 'b-failed'; readonly message: string }
  | { readonly type: 'drop-b' }
  | { readonly type: 'overlay'; readonly overlay: Overlay }
  | { readonly type: 'typing'; readonly typing: boolean }
  | { readonly type: 'message'; readonly text: string; readonly tone?: 'info' | 'error' };

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
    whatIf: null,
    bRequest: null,
    bScenario: null,
    bProgress: null,
    whatIfError: null,
    overlay: 'none',
    typing: false,
    message: null,
    compareSeq: 0,
  };
}

const noB = { b: null, bRequest: null, bScenario: null, bProgress: null, whatIf: null, whatIfError: null } as const;

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
        overlay: 'none',
        typing: false,
        message: null,
      };
    case 'picker':
      return s.a ? { ...s, overlay: 'picker' } : { ...s, phase: { kind: 'picker' }, overlay: 'none' };
    case 'loaded':
      return { ...s, phase: { kind: 'running', progress: null }, scenario: a.scenario, size: clusterSize(a.scenario) };
    case 'progress':
      return s.phase.kind === 'running' ? { ...s, phase: { kind: 'running', progress: a.progress } } : s;
    case 'ran':
      return { ...s, phase: { kind: 'ready' }, a: a.run };
    case 'failed':
      return { ...s, phase: { kind: 'error', message: a.message }, a: null };
    case 'whatif-open':
      return s.a ? { ...s, whatIf: { workload: a.workload }, whatIfError: null, overlay: 'none' } : s;
    case 'whatif-close':
      return s.bRequest ? s : { ...s, whatIf: null, whatIfError: null };
    case 'whatif-submit':
      if (a.sets.length === 0) return { ...s, whatIfError: { message: 'Nothing to compare yet: change a field first.', seq: (s.whatIfError?.seq ?? 0) + 1 } };
      return { ...s, bRequest: { sets: a.sets }, bScenario: null, bProgress: null, whatIfError: null };
    case 'b-loaded':
      return s.bRequest ? { ...s, bScenario: a.scenario } : s;
    case 'b-progress':
      return s.bRequest ? { ...s, bProgress: a.progress } : s;
    case 'b-ran':
      return { ...s, ...noB, b: a.run, compareSeq: s.compareSeq + 1, message: null };
    case 'b-failed':
      return { ...s, bRequest: null, bScenario: null, bProgress: null, whatIfError: { message: a.message, seq: (s.whatIfError?.seq ?? 0) + 1 } };
    case 'drop-b':
      return { ...s, b: null, message: { text: 'B dropped: showing A only.', tone: 'info' } };
    case 'overlay':
      return { ...s, overlay: a.overlay };
    case 'typing':
      return { ...s, typing: a.typing };
    case 'message':
      return { ...s, message: { text: a.text, tone: a.tone ?? 'info' } };
  }
}

export const useAppState = (start: AppStart) => useReducer(appReducer, start, initialAppState);
