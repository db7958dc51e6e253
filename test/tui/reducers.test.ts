// Every screen's state is a pure reducer and every key table pure data: tested here without
// ink, by feeding actions and key presses to the app reducer.
import { describe, expect, test } from 'vitest';
import { reduce } from '../../src/tui/app-input.js';
import { appReducer, initialAppState, type AppState } from '../../src/tui/app-state.js';
import { makeRun } from '../../src/tui/data/runs.js';
import type { KeyPress } from '../../src/tui/keys.js';
import { exploreLayout } from '../../src/tui/screens/explore/layout.js';
import { exploreReducer, initialExploreState, niceStep, viewNamed, type ExploreState, type PanesOf } from '../../src/tui/screens/explore/explore-state.js';
import { initialPickerState, pickerReducer } from '../../src/tui/screens/picker/picker-state.js';
import { formSets, initialWhatIfState, valueOf, whatIfReducer } from '../../src/tui/screens/whatif/whatif-state.js';
import { whatIfFields } from '../../src/tui/data/whatif.js';
import { fakeResult, fakeScenario } from './fixtures.js';

const PANES: PanesOf = {
  workloads: ['list', 'chart', 'events'],
  workload: ['chart', 'events'],
  compare: ['list', 'chart', 'events'],
  events: ['events'],
  nodes: ['list'],
  pods: ['list'],
};
const base = () => initialExploreState(600_000);
const run = (s: ExploreState, ...actions: Parameters<typeof exploreReducer>[1][]) => actions.reduce(exploreReducer, s);

describe('explore state', () => {
  const list = ['a/x', 'a/y', 'a/z'];
  test('the selection is a workload, moved within the list given', () => {
    expect(run(base(), { type: 'select-move', delta: -1, list }).selected).toBe('a/x');
    expect(run(base(), { type: 'select-move', delta: 1, list }, { type: 'select-move', delta: 9, list }).selected).toBe('a/z');
    // Another order (the comparison's) keeps the same workload and moves from where it is there.
    const s = run(base(), { type: 'select-move', delta: 2, list });
    expect(run(s, { type: 'select-move', delta: -1, list: ['a/z', 'a/x', 'a/y'] }).selected).toBe('a/z');
    expect(run(s, { type: 'select-move', delta: 1, list: ['a/z', 'a/x', 'a/y'] }).selected).toBe('a/x');
  });
  test('Tab cycles the panes of the view', () => {
    const s = run(base(), { type: 'pane-next', panes: PANES.workloads }, { type: 'pane-next', panes: PANES.workloads });
    expect(s.pane).toBe('events');
    expect(run(s, { type: 'pane-next', panes: PANES.workloads }).pane).toBe('list');
    expect(run(base(), { type: 'pane-prev', panes: PANES.workloads }).pane).toBe('events');
    expect(run(base(), { type: 'view', view: 'workload', panes: PANES }).pane).toBe('chart');
  });
  test('the cursor moves in round steps and stays in the run', () => {
    const step = (steps: number) => ({ type: 'cursor-step', steps, stepMs: 15_000 }) as const;
    expect(run(base(), step(1)).cursorMs).toBe(15_000);
    expect(run(base(), { type: 'cursor-to', ms: 20_000 }, step(1)).cursorMs).toBe(30_000);
    expect(run(base(), { type: 'cursor-to', ms: 20_000 }, step(-1)).cursorMs).toBe(15_000);
    expect(run(base(), step(-10)).cursorMs).toBe(0);
    expect(run(base(), { type: 'cursor-to', ms: 9e9 }, step(10)).cursorMs).toBe(600_000);
  });
  test('views: Enter opens one workload, Esc goes back to where it came from', () => {
    const w = run(base(), { type: 'view', view: 'workload', panes: PANES });
    expect([w.view, w.back]).toEqual(['workload', 'workloads']);
    expect(run(w, { type: 'back', panes: PANES })).toMatchObject({ view: 'workloads', pane: 'list' });
    const fromCompare = run(base(), { type: 'b-arrived' }, { type: 'view', view: 'workload', panes: PANES });
    expect(run(fromCompare, { type: 'back', panes: PANES }).view).toBe('compare');
    expect(run(fromCompare, { type: 'back', panes: PANES }, { type: 'back', panes: PANES }).view).toBe('workloads');
    // :events then Esc: back to the view it was typed in.
    expect(run(base(), { type: 'view', view: 'events', panes: PANES }, { type: 'back', panes: PANES }).view).toBe('workloads');
  });
  test('`/` filters the list given; Enter keeps it, Esc clears it', () => {
    const typing = run(base(), { type: 'prompt', prompt: 'workloads' }, { type: 'prompt-edit', press: { input: 'spread', key: {} } });
    expect(typing.prompt).toMatchObject({ kind: 'filter', target: 'workloads', text: { value: 'spread' } });
    expect(typing.filters.workloads).toBe(''); // kept only on Enter
    const kept = run(typing, { type: 'prompt-keep' });
    expect([kept.prompt, kept.filters.workloads]).toEqual([null, 'spread']);
    expect(run(kept, { type: 'prompt', prompt: 'workloads' }).prompt).toMatchObject({ text: { value: 'spread', cursor: 6 } });
    expect(run(typing, { type: 'prompt-clear' }).filters.workloads).toBe('');
    expect(run(base(), { type: 'prompt', prompt: 'events' }, { type: 'prompt-edit', press: { input: 'evict', key: {} } }, { type: 'prompt-keep' }).filters).toEqual({
      workloads: '',
      events: 'evict',
      nodes: '',
    });
  });
  test('an event opened with Enter, closed with Esc (back closes it first)', () => {
    const e = fakeResult(fakeScenario()).events[3];
    const s = run(base(), { type: 'open', opened: { kind: 'event', event: e } });
    expect(s.opened).toEqual({ kind: 'event', event: e });
    expect(run(s, { type: 'back', panes: PANES }).opened).toBeNull();
    expect(run(s, { type: 'close' }).opened).toBeNull();
  });
  test('a B arriving opens the comparison with B\'s events; dropping it goes back to A', () => {
    const b = run(base(), { type: 'b-arrived' });
    expect([b.view, b.showRun]).toEqual(['compare', 'B']);
    expect(run(b, { type: 'toggle-run', hasB: true }).showRun).toBe('A');
    expect(run(b, { type: 'b-dropped' })).toMatchObject({ view: 'workloads', showRun: 'A' });
  });
  test('[ ] and n N move the cursor to changes and events', () => {
    const ev = fakeResult(fakeScenario()).events; // at 120, 160, 300, 300, 420 s
    const changes = [0, 120_000, 300_000];
    expect(run(base(), { type: 'cursor-change', dir: 1, changes }).cursorMs).toBe(120_000);
    expect(run(base(), { type: 'cursor-change', dir: -1, changes })).toEqual(base());
    const n1 = run(base(), { type: 'event-step', dir: 1, events: ev });
    expect([n1.eventIndex, n1.cursorMs]).toEqual([0, 120_000]);
    const m = run(base(), { type: 'event-move', delta: 2, events: ev });
    expect([m.eventIndex, m.cursorMs, m.eventsFollow]).toEqual([2, 300_000, false]);
  });
  test(': names a view by name, alias or unique prefix', () => {
    expect(['nodes', 'no', 'po', 'ev', 'events', 'deploy', ':pods', 'work'].map(viewNamed)).toEqual(['nodes', 'nodes', 'pods', 'events', 'events', 'workloads', 'pods', 'workloads']);
    expect(viewNamed('xyz')).toBeNull();
    expect(viewNamed('')).toBeNull();
  });
  test('steps are round', () => {
    expect([niceStep(11_000), niceStep(34_600), niceStep(1), niceStep(5 * 3_600_000)]).toEqual([15_000, 60_000, 1000, 5 * 3_600_000]);
  });
});

describe('keys through the app reducer', () => {
  const s0 = fakeScenario();
  const a = makeRun(fakeResult(s0), [], 1);
  const ready = (): AppState => appReducer(appReducer(initialAppState({ path: 'x.yaml' }), { type: 'loaded', scenario: s0 }), { type: 'ran', run: a });
  const size = { columns: 100, rows: 30 };
  const keys = (s: AppState, ...presses: KeyPress[]) => reduce(s, { type: 'keys', presses, size });
  const ch = (input: string): KeyPress => ({ input, key: {} });
  test('"/x" typed faster than a redraw: the x is text for the filter, not a key', () => {
    const s = keys(ready(), ch('/'), ch('c'), ch('a'), ch('r'), ch('q'));
    expect(s.quit).toBe(false);
    expect(s.explore!.prompt).toMatchObject({ kind: 'filter', target: 'workloads', text: { value: 'carq' } });
  });
  test('j/k move the selection in the list, Enter opens the workload, Esc comes back', () => {
    let s = keys(ready(), ch('j'));
    expect(s.explore!.selected).toBe('shop/cart');
    s = keys(s, { input: '', key: { return: true } });
    expect([s.explore!.view, s.explore!.selected]).toEqual(['workload', 'shop/cart']);
    s = keys(s, { input: '', key: { escape: true, meta: true } });
    expect(s.explore!.view).toBe('workloads');
  });
  test(':nodes switches the view; an unknown name says which there are', () => {
    const s = keys(ready(), ch(':'), ch('n'), ch('o'), { input: '', key: { return: true } });
    expect([s.explore!.view, s.explore!.prompt]).toEqual(['nodes', null]);
    const bad = keys(ready(), ch(':'), ch('z'), { input: '', key: { return: true } });
    expect(bad.message?.text).toMatch(/No view "z": try workloads, events, nodes or pods/);
    const noB = keys(ready(), ch(':'), ch('c'), ch('m'), ch('p'), { input: '', key: { return: true } });
    expect(noB.message?.text).toMatch(/Nothing to compare yet/);
  });
  test('in the events pane, Enter opens the event under the cursor', () => {
    const s = keys(ready(), { input: '', key: { tab: true } }, { input: '', key: { tab: true } }, ch('j'), { input: '', key: { return: true } });
    expect(s.explore!.pane).toBe('events');
    expect(s.explore!.opened).toEqual({ kind: 'event', event: a.result.events[1] });
    // j in the opened event: the next one, opened in its place.
    expect(keys(s, ch('j')).explore!.opened).toEqual({ kind: 'event', event: a.result.events[2] });
  });
  test('q quits; ? opens the help, whose keys are its own', () => {
    expect(keys(ready(), ch('q')).quit).toBe(true);
    const h = keys(ready(), ch('?'));
    expect(h.help).toEqual({ scroll: 0 });
    expect(keys(h, ch('j')).explore!.selected).toBeNull(); // j pages the help, it does not move the list
    expect(keys(h, ch('q')).help).toBeNull();
  });
  test('the what-if form: several Backspaces at once empty a field, which then keeps the scenario\'s value', () => {
    let s = keys(ready(), ch('w'));
    expect(s.form?.workload).toBe('shop/checkout');
    s = keys(s, ch('\x7f\x7f\x7f'));
    expect(valueOf(s.form!, 'maxSurge')).toBe('');
    expect(formSets(s.form!)).toEqual([]);
    s = keys(s, { input: '', key: { return: true } });
    expect(s.form!.error).toMatch(/Nothing to compare yet/);
    expect(s.bRequest).toBeNull();
    s = keys(s, ch('5'), ch('0'), ch('%'), { input: '', key: { return: true } });
    expect(s.bRequest).toEqual({ sets: ['workloads.shop/checkout.maxSurge=50%'] });
  });
});

describe('what-if form', () => {
  const s = fakeScenario();
  const start = () => initialWhatIfState('shop/checkout', whatIfFields(s, 'shop/checkout'));
  test('fields wrap around and hold what was typed', () => {
    const f = start();
    expect(whatIfReducer(f, { type: 'prev' }).active).toBe(f.fields.length - 1);
    const typed = whatIfReducer(f, { type: 'edit', press: { input: '\x7f\x7f\x7f50%', key: {} } });
    expect(valueOf(typed, 'maxSurge')).toBe('50%');
    expect(formSets(typed)).toEqual(['workloads.shop/checkout.maxSurge=50%']);
  });
  test('an error lands on its field; editing answers it', () => {
    const onReplicas = whatIfReducer(whatIfReducer(start(), { type: 'next' }), { type: 'next' });
    const typed = whatIfReducer(whatIfReducer(onReplicas, { type: 'edit', press: { input: '\x7fx', key: {} } }), { type: 'next' });
    const e = whatIfReducer(typed, { type: 'error', message: 'f.yaml: bad (from --set workloads.shop/checkout.replicas=x)' });
    expect([e.errorField, e.fields[e.active].id]).toEqual(['replicas', 'replicas']);
    expect(whatIfReducer(e, { type: 'edit', press: { input: '4', key: {} } }).error).toBeNull();
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
    expect([st.phase.kind, st.a === a, st.explore?.durationMs]).toEqual(['ready', true, 600_000]);
    // Reopening the same file keeps its command-line overrides; another file does not.
    expect(appReducer(st, { type: 'open', path: 'x.yaml' }).baseSets).toEqual(['k=v']);
    expect(appReducer(st, { type: 'open', path: 'y.yaml' })).toMatchObject({ baseSets: [], seed: undefined, a: null, explore: null });
  });
  test('what-if: a failure lands in the form (no effect copies it there); success shows B', () => {
    let st = appReducer(appReducer(initialAppState({ path: 'x.yaml' }), { type: 'loaded', scenario: s }), { type: 'ran', run: a });
    st = appReducer(st, { type: 'whatif-open', workload: 'shop/checkout' });
    st = appReducer(st, { type: 'form', action: { type: 'edit', press: { input: '\x7f\x7f\x7fbad', key: {} } } });
    st = appReducer(st, { type: 'whatif-submit' });
    expect(st.bRequest).toEqual({ sets: ['workloads.shop/checkout.maxSurge=bad'] });
    expect(appReducer(st, { type: 'whatif-close' }).form).not.toBeNull(); // not while B runs
    const failed = appReducer(st, { type: 'b-failed', message: 'bad (from --set workloads.shop/checkout.maxSurge=bad)' });
    expect([failed.bRequest, failed.form?.error, failed.form?.errorField]).toEqual([null, 'bad (from --set workloads.shop/checkout.maxSurge=bad)', 'maxSurge']);
    const b = makeRun(fakeResult(s, true), ['k=v'], 1);
    const done = appReducer(appReducer(st, { type: 'b-loaded', scenario: s }), { type: 'b-ran', run: b });
    expect([done.form, done.b === b, done.explore?.view]).toEqual([null, true, 'compare']);
    const dropped = appReducer(done, { type: 'drop-b' });
    expect([dropped.b, dropped.explore?.view]).toEqual([null, 'workloads']);
  });
  test('a failed load is an error screen; the picker opens over it; export and quit are asked of the effects', () => {
    const st = appReducer(initialAppState({ path: 'x.yaml' }), { type: 'failed', message: 'x.yaml:3: bad' });
    expect(st.phase).toEqual({ kind: 'error', message: 'x.yaml:3: bad' });
    expect(appReducer(st, { type: 'picker-open' }).picker).toEqual(initialPickerState);
    expect(initialAppState({ path: null }).picker).toEqual(initialPickerState);
    expect(appReducer(st, { type: 'export' }).exportSeq).toBe(0); // nothing to export without A
    expect(appReducer(appReducer(st, { type: 'ran', run: a }), { type: 'export' }).exportSeq).toBe(1);
  });
});

describe('layout', () => {
  test('fits the terminal and uses wider ones', () => {
    const small = exploreLayout('workloads', 100, 30);
    expect(small.topHeight + small.bottomHeight).toBe(26);
    expect(small.leftWidth + small.chartWidth).toBe(100);
    const big = exploreLayout('workloads', 160, 45);
    expect(big.chartColumns).toBeGreaterThan(small.chartColumns);
    expect(big.chartHeight).toBeGreaterThan(small.chartHeight);
    expect(exploreLayout('workload', 100, 30).chartColumns).toBe(100 - 10);
    // The comparison has its chart beside it from 120 columns; below, its table takes the width.
    expect(exploreLayout('compare', 80, 24)).toMatchObject({ leftWidth: 0, chartWidth: 0 });
    expect(exploreLayout('compare', 160, 45).chartWidth).toBeGreaterThan(0);
    expect(exploreLayout('nodes', 80, 24)).toMatchObject({ bottomHeight: 0, topHeight: 20 });
  });
});
