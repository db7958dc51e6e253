// Every screen's state is a pure reducer and every key map a pure function: tested here
// without ink.
import { describe, expect, test } from 'vitest';
import { appReducer, initialAppState } from '../../src/tui/use-app-state.js';
import { makeRun } from '../../src/tui/data/runs.js';
import { whatIfFields } from '../../src/tui/data/whatif.js';
import { exploreKey, type KeyContext } from '../../src/tui/screens/explore/use-explore-keys.js';
import { eventIndexOf, exploreReducer, initialExploreState, niceStep, panesOf, type ExploreState } from '../../src/tui/screens/explore/use-explore-state.js';
import { exploreLayout } from '../../src/tui/screens/explore/layout.js';
import { pickerKey } from '../../src/tui/screens/picker/use-picker-keys.js';
import { initialPickerState, pickerReducer } from '../../src/tui/screens/picker/use-picker-state.js';
import { whatIfKey } from '../../src/tui/screens/whatif/use-whatif-keys.js';
import { formSets, initialWhatIfState, valueOf, whatIfReducer } from '../../src/tui/screens/whatif/use-whatif-state.js';
import { fakeResult, fakeScenario } from './fixtures.js';

const base = () => initialExploreState(5, 600_000, 15_000);
const run = (s: ExploreState, ...actions: Parameters<typeof exploreReducer>[1][]) => actions.reduce(exploreReducer, s);

describe('explore state', () => {
  test('the selection stays within the list', () => {
    expect(run(base(), { type: 'select-move', delta: -1 }).selected).toBe(0);
    expect(run(base(), { type: 'select-move', delta: 3 }, { type: 'select-move', delta: 9 }).selected).toBe(4);
  });
  test('Tab cycles the panes of the view', () => {
    const s = run(base(), { type: 'pane-next' }, { type: 'pane-next' });
    expect(s.pane).toBe('events');
    expect(run(s, { type: 'pane-next' }).pane).toBe('workloads');
    expect(run(base(), { type: 'pane-prev' }).pane).toBe('events');
    expect(panesOf('workload')).toEqual(['chart', 'events']);
    expect(run(base(), { type: 'view', view: 'workload' }).pane).toBe('chart');
  });
  test('the cursor moves in round steps and stays in the run', () => {
    expect(run(base(), { type: 'cursor-step', steps: 1 }).cursorMs).toBe(15_000);
    expect(run(base(), { type: 'cursor-to', ms: 20_000 }, { type: 'cursor-step', steps: 1 }).cursorMs).toBe(30_000);
    expect(run(base(), { type: 'cursor-to', ms: 20_000 }, { type: 'cursor-step', steps: -1 }).cursorMs).toBe(15_000);
    expect(run(base(), { type: 'cursor-step', steps: -10 }).cursorMs).toBe(0);
    expect(run(base(), { type: 'cursor-end' }, { type: 'cursor-step', steps: 10 }).cursorMs).toBe(600_000);
    expect(run(base(), { type: 'cursor-end' }, { type: 'cursor-home' }).cursorMs).toBe(0);
  });
  test('picking an event moves the cursor to it; moving the cursor follows again', () => {
    const s = run(base(), { type: 'event-select', index: 3, timeMs: 300_000 });
    expect([s.eventIndex, s.eventsFollow, s.cursorMs]).toEqual([3, false, 300_000]);
    expect(run(s, { type: 'cursor-step', steps: 1 }).eventsFollow).toBe(true);
  });
  test('filters: kinds cycle, text is kept or cleared', () => {
    expect(run(base(), { type: 'event-kind-next' }).eventKind).toBe('evictions');
    const typing = run(base(), { type: 'filter-start' }, { type: 'filter-text', text: 'evict' });
    expect([typing.typing, typing.pane]).toEqual([true, 'events']);
    expect(run(typing, { type: 'filter-done' })).toMatchObject({ typing: false, eventText: 'evict' });
    expect(run(typing, { type: 'filter-cancel' })).toMatchObject({ typing: false, eventText: '' });
  });
  test('Esc goes back to the overview; A/B only with a B', () => {
    expect(run(base(), { type: 'view', view: 'workload' }, { type: 'back' })).toMatchObject({ view: 'overview', pane: 'workloads' });
    expect(run(base(), { type: 'toggle-run', hasB: true }).showRun).toBe('B');
    expect(run(base(), { type: 'toggle-run', hasB: false }).showRun).toBe('A');
  });
  test('a resize keeps the cursor and selection valid', () => {
    const s = run(base(), { type: 'select-to', index: 4 }, { type: 'cursor-end' }, { type: 'resize', count: 2, durationMs: 60_000, stepMs: 1000 });
    expect([s.selected, s.cursorMs, s.stepMs]).toEqual([1, 60_000, 1000]);
  });
  test('[ ] and n N move the cursor to changes and events', () => {
    const ev = fakeResult(fakeScenario()).events; // at 120, 160, 300, 300, 420 s
    const changes = [0, 120_000, 300_000];
    expect(run(base(), { type: 'cursor-change', dir: 1, changes }).cursorMs).toBe(120_000);
    expect(run(base(), { type: 'cursor-change', dir: -1, changes })).toEqual(base());
    const n1 = run(base(), { type: 'event-step', dir: 1, events: ev });
    expect([n1.eventIndex, n1.cursorMs]).toEqual([0, 120_000]);
    const n3 = run(n1, { type: 'event-step', dir: 1, events: ev }, { type: 'event-step', dir: 1, events: ev }, { type: 'event-step', dir: 1, events: ev });
    expect([n3.eventIndex, n3.cursorMs]).toEqual([3, 300_000]);
    expect(run(n3, { type: 'event-step', dir: -1, events: ev }).eventIndex).toBe(2);
    const m = run(base(), { type: 'event-move', delta: 2, events: ev });
    expect([m.eventIndex, m.cursorMs, eventIndexOf(m, ev)]).toEqual([2, 300_000, 2]);
    expect(run(m, { type: 'event-move', delta: 99, events: ev }).eventIndex).toBe(4);
    expect(eventIndexOf({ ...base(), cursorMs: 200_000 }, ev)).toBe(2);
  });
  test('switching lists keeps the same workload selected', () => {
    const orders = { overview: ['a', 'b', 'c'], compare: ['c', 'a', 'b'] };
    const s = run(base(), { type: 'select-to', index: 2 }, { type: 'view', view: 'compare', orders });
    expect(s.selected).toBe(0);
    expect(run(s, { type: 'back', orders }).selected).toBe(2);
  });
  test('steps are round', () => {
    expect([niceStep(11_000), niceStep(34_600), niceStep(1), niceStep(5 * 3_600_000)]).toEqual([15_000, 60_000, 1000, 5 * 3_600_000]);
  });
});

describe('explore keys', () => {
  const r = fakeResult(fakeScenario());
  const ctx = (over: Partial<KeyContext> = {}): KeyContext => ({
    state: base(),
    events: r.events,
    changes: [0, 120_000, 300_000, 420_000],
    hasB: false,
    page: 10,
    ...over,
  });
  const k = (input: string, key: Record<string, boolean> = {}, c = ctx()) => exploreKey(input, key, c);
  test('arrows and shift-arrows move the cursor; Home/End jump', () => {
    expect(k('', { rightArrow: true })).toEqual({ action: { type: 'cursor-step', steps: 1 } });
    expect(k('', { leftArrow: true, shift: true })).toEqual({ action: { type: 'cursor-step', steps: -10 } });
    expect(k('L')).toEqual({ action: { type: 'cursor-step', steps: 10 } });
    expect(k('', { home: true })).toEqual({ action: { type: 'cursor-home' } });
    expect(k('', { end: true })).toEqual({ action: { type: 'cursor-end' } });
  });
  test('[ ] jump between changes of the workload, n N between events', () => {
    const changes = [0, 120_000, 300_000, 420_000];
    expect(k(']')).toEqual({ action: { type: 'cursor-change', dir: 1, changes } });
    expect(k('N')).toEqual({ action: { type: 'event-step', dir: -1, events: r.events } });
  });
  test('j/k move in the focused pane', () => {
    expect(k('j')).toEqual({ action: { type: 'select-move', delta: 1 } });
    expect(k('', { pageDown: true })).toEqual({ action: { type: 'select-move', delta: 10 } });
    const ev = ctx({ state: { ...base(), pane: 'events' } });
    expect(k('j', {}, ev)).toEqual({ action: { type: 'event-move', delta: 1, events: r.events } });
    expect(k('G', {}, ev)).toEqual({ action: { type: 'event-move', delta: Number.MAX_SAFE_INTEGER, events: r.events } });
  });
  test('app keys', () => {
    expect(k('', { return: true })).toEqual({ action: { type: 'view', view: 'workload' } });
    expect(k('', { tab: true })).toEqual({ action: { type: 'pane-next' } });
    expect(k('', { escape: true })).toEqual({ action: { type: 'back' } });
    expect(k('w')).toEqual({ intent: 'whatif' });
    expect(k('e')).toEqual({ intent: 'export' });
    expect(k('c')).toEqual({ intent: 'whatif' });
    expect(k('c', {}, ctx({ hasB: true }))).toEqual({ action: { type: 'view', view: 'compare' } });
    expect(k('x')).toBeNull();
    expect(k('x', {}, ctx({ hasB: true }))).toEqual({ intent: 'drop-b' });
    expect(k('/')).toEqual({ action: { type: 'filter-start' } });
    expect(k('t')).toEqual({ action: { type: 'event-kind-next' } });
  });
  test('while the filter is typed only Esc is a key', () => {
    const typing = ctx({ state: { ...base(), typing: true } });
    expect(k('q', {}, typing)).toBeNull();
    expect(k('', { escape: true }, typing)).toEqual({ action: { type: 'filter-cancel' } });
  });
});

describe('what-if form', () => {
  const s = fakeScenario();
  const start = () => initialWhatIfState('shop/checkout', whatIfFields(s, 'shop/checkout'));
  test('fields wrap around and hold what was typed', () => {
    const f = start();
    expect(whatIfReducer(f, { type: 'prev' }).active).toBe(f.fields.length - 1);
    const typed = whatIfReducer(f, { type: 'set', id: 'maxSurge', value: '50%' });
    expect(valueOf(typed, 'maxSurge')).toBe('50%');
    expect(formSets(typed)).toEqual(['workloads.shop/checkout.maxSurge=50%']);
    expect(valueOf(whatIfReducer(typed, { type: 'reset-field' }), 'maxSurge')).toBe('25%');
  });
  test('an error lands on its field', () => {
    const typed = whatIfReducer(whatIfReducer(start(), { type: 'set', id: 'replicas', value: 'x' }), { type: 'next' });
    const e = whatIfReducer(typed, { type: 'error', message: 'f.yaml: bad (from --set workloads.shop/checkout.replicas=x)' });
    expect([e.errorField, e.fields[e.active].id, e.generation]).toEqual(['replicas', 'replicas', 1]);
    expect(whatIfReducer(e, { type: 'clear-error' }).error).toBeNull();
  });
  test('keys', () => {
    expect(whatIfKey('', { downArrow: true })).toEqual({ action: { type: 'next' } });
    expect(whatIfKey('', { tab: true, shift: true })).toEqual({ action: { type: 'prev' } });
    expect(whatIfKey('', { escape: true })).toEqual({ cancel: true });
    expect(whatIfKey('q', {})).toBeNull();
  });
});

describe('picker', () => {
  const entries = ['a', 'b', 'c'].map((n) => ({ path: `${n}.yaml`, label: `${n}.yaml`, name: n, description: '' }));
  test('starts on the open scenario and stays in the list', () => {
    const s = pickerReducer(initialPickerState, { type: 'loaded', entries, current: 'b.yaml' });
    expect(s.selected).toBe(1);
    expect(pickerReducer(s, { type: 'move', delta: 5 }).selected).toBe(2);
    expect(pickerReducer(s, { type: 'to', index: -3 }).selected).toBe(0);
    expect(pickerReducer(s, { type: 'failed', message: 'x' })).toMatchObject({ entries: [], error: 'x' });
  });
  test('keys', () => {
    expect(pickerKey('j', {})).toEqual({ action: { type: 'move', delta: 1 } });
    expect(pickerKey('', { return: true })).toEqual({ open: true });
    expect(pickerKey('', { escape: true })).toEqual({ cancel: true });
  });
});

describe('app state', () => {
  const s = fakeScenario();
  const a = makeRun(fakeResult(s), [], 1);
  test('open → loaded → ran', () => {
    let st = initialAppState({ path: 'x.yaml', sets: ['k=v'], seed: 3 });
    expect(st.phase.kind).toBe('loading');
    st = appReducer(st, { type: 'loaded', scenario: s });
    expect(st.phase).toEqual({ kind: 'running', progress: null });
    expect(st.size?.nodes).toBe(3);
    st = appReducer(st, { type: 'progress', progress: { simMs: 1, durationMs: 2, wallMs: 0 } });
    st = appReducer(st, { type: 'ran', run: a });
    expect([st.phase.kind, st.a === a]).toEqual(['ready', true]);
    // Reopening the same file keeps its command-line overrides; another file does not.
    expect(appReducer(st, { type: 'open', path: 'x.yaml' }).baseSets).toEqual(['k=v']);
    expect(appReducer(st, { type: 'open', path: 'y.yaml' })).toMatchObject({ baseSets: [], seed: undefined, a: null });
  });
  test('what-if: nothing changed is an inline error; a failure keeps the form; success shows B', () => {
    let st = appReducer(appReducer(initialAppState({ path: 'x.yaml' }), { type: 'loaded', scenario: s }), { type: 'ran', run: a });
    st = appReducer(st, { type: 'whatif-open', workload: 'shop/checkout' });
    expect(appReducer(st, { type: 'whatif-submit', sets: [] }).whatIfError?.message).toMatch(/change a field/);
    st = appReducer(st, { type: 'whatif-submit', sets: ['k=v'] });
    expect(appReducer(st, { type: 'whatif-close' }).whatIf).not.toBeNull(); // not while B runs
    const failed = appReducer(st, { type: 'b-failed', message: 'bad' });
    expect([failed.whatIf !== null, failed.bRequest, failed.whatIfError?.message]).toEqual([true, null, 'bad']);
    const b = makeRun(fakeResult(s, true), ['k=v'], 1);
    const done = appReducer(appReducer(st, { type: 'b-loaded', scenario: s }), { type: 'b-ran', run: b });
    expect([done.whatIf, done.b === b, done.compareSeq]).toEqual([null, true, 1]);
    expect(appReducer(done, { type: 'drop-b' }).b).toBeNull();
  });
  test('a failed load is an error screen; the picker is an overlay only over a run', () => {
    const st = appReducer(initialAppState({ path: 'x.yaml' }), { type: 'failed', message: 'x.yaml:3: bad' });
    expect(st.phase).toEqual({ kind: 'error', message: 'x.yaml:3: bad' });
    expect(appReducer(st, { type: 'picker' }).phase.kind).toBe('picker');
    expect(initialAppState({ path: null }).phase.kind).toBe('picker');
  });
});

describe('layout', () => {
  test('fits 100×30 and uses wider terminals', () => {
    const small = exploreLayout(100, 30);
    expect(small.topHeight + small.bottomHeight).toBe(26);
    expect(small.leftWidth + small.rightWidth).toBe(100);
    const big = exploreLayout(160, 45);
    expect(big.chartColumns).toBeGreaterThan(small.chartColumns);
    expect(big.chartHeight).toBeGreaterThan(small.chartHeight);
    expect(exploreLayout(100, 30, 0).chartColumns).toBe(100 - 10);
  });
});
