// The app as a user sees it: frames rendered by ink-testing-library, keys written to stdin
// (several in one write where a terminal would send them together). The services are fakes over
// hand-made results (fixtures.ts), so every figure is known.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../src/tui/app.js';
import type { AppStart } from '../../src/tui/app-state.js';
import { fakeServices, type FakeServices } from './fixtures.js';

const KEYS = {
  right: '\x1b[C',
  left: '\x1b[D',
  shiftRight: '\x1b[1;2C',
  down: '\x1b[B',
  up: '\x1b[A',
  enter: '\r',
  tab: '\t',
  esc: '\x1b',
  end: '\x1b[F',
  home: '\x1b[H',
  backspace: '\x7f',
} as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let current: ReturnType<typeof render> | null = null;
afterEach(() => {
  current?.unmount();
  current = null;
});

async function open(opts: { start?: AppStart; services?: FakeServices; columns?: number; rows?: number; noColor?: boolean } = {}) {
  const services = opts.services ?? fakeServices();
  const columns = opts.columns ?? 100;
  const rows = opts.rows ?? 30;
  const r = render(<App services={services} start={opts.start ?? { path: 'scenarios/fake.yaml' }} size={{ columns, rows }} noColor={opts.noColor} />);
  current = r;
  const frame = () => r.lastFrame() ?? '';
  const until = async (what: RegExp | ((f: string) => boolean), ms = 10_000) => {
    const ok = typeof what === 'function' ? what : (f: string) => what.test(f);
    for (let t = 0; t < ms; t += 10) {
      if (ok(frame())) {
        await sleep(30);
        return frame();
      }
      await sleep(10);
    }
    throw new Error(`timed out waiting for ${String(what)}; last frame:\n${frame()}`);
  };
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await sleep(25);
    }
  };
  /** The frame fits the terminal: no line wider, no more lines than it has (one left free). */
  const fits = () => {
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
  };
  return { r, services, frame, until, press, fits };
}

describe('start and run', { timeout: 30_000 }, () => {
  test('header, progress, then the explore screen fitting 100×30', async () => {
    const { until, frame, fits } = await open();
    await until(/Workloads 1\/2/);
    fits();
    const lines = frame().split('\n');
    // 96 GiB allocatable, 10 GiB requested: in GiB, as the reports write memory.
    expect(lines[0]).toMatch(/headroom ▸ fake · seed 7 │ 3 nodes · 6 pods │ req cpu 5\/24 21% · mem 10\/96 GiB 10%/);
    expect(lines[1]).toMatch(/A 10m simulated in .* · 5 events/);
    expect(frame()).toMatch(/▶ shop\/checkout\s+80 /);
    expect(frame()).toMatch(/shop\/checkout · available vs desired/);
    expect(frame()).toMatch(/Zones at 0s/);
    expect(frame()).toMatch(/Events · all · 1\/5/);
    expect(lines[lines.length - 1]).toMatch(/Tab pane .* \? help {2}q quit/);
  });
  test('uses a wider terminal: longer header, message column in the events', async () => {
    const { until, frame, fits } = await open({ columns: 160, rows: 45 });
    await until(/Workloads/);
    fits();
    expect(frame()).toMatch(/2 workloads · 6 pods │ requested\/allocatable cpu 5\/24 21%/);
    expect(frame()).toMatch(/time reason\s+object\s+message/);
  });
  test('a scenario that cannot be read is a readable message, and r retries', async () => {
    const { until, frame, press, services } = await open({ start: { path: 'scenarios/missing.yaml' } });
    await until(/cannot be shown/);
    expect(frame()).toMatch(/✗ scenarios\/missing\.yaml: no such file/);
    expect(frame()).toMatch(/r retry {2}p pick a scenario {2}q quit/);
    await press('r');
    await until(() => services.loads.length === 2);
  });
  test('a run that fails is a readable message too', async () => {
    const { until, frame } = await open({ services: fakeServices({ failRun: 'controllers did not settle' }) });
    await until(/cannot be shown/);
    expect(frame()).toMatch(/the simulation failed: controllers did not settle/);
  });
});

describe('explore', { timeout: 30_000 }, () => {
  test('the time cursor moves and shows the state at that instant, with what the PDB needs and why', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    // checkout: 2 Pending 2m–5m (no FailedScheduling yet: not scheduled), 1 Pending 5m–7m
    // (FailedScheduling on a taint): Pending has the most time.
    expect(frame()).toMatch(/why: 2 Pending from 2m to 5m: not scheduled yet/);
    await press(KEYS.shiftRight);
    await until(/▲ 2m30s {2}avail 2\/4 · pend 2 · term 2/);
    await press(KEYS.right, KEYS.right);
    await until(/▲ 3m/);
    expect(frame()).toMatch(/Zones at 3m/);
    await press('n');
    await until(/▲ 5m {2}avail 3\/4/);
    expect(frame()).toMatch(/▶\s+5m TaintManagerEvic/);
    await press(KEYS.end);
    await until(/▲ 10m/);
    await press(KEYS.home);
    await until(/▲ 0s/);
    await press(']');
    await until(/▲ 2m {2}avail 2\/4/);
  });
  test('the chart draws from 0 pods, so a drop reads at its size', async () => {
    const { until, frame } = await open();
    await until(/Workloads/);
    const chart = frame().split('\n').filter((l) => /┤|┼/.test(l) && !/pend|term/.test(l));
    expect(chart[0]).toMatch(/ 4 ┼/);
    expect(chart[chart.length - 1]).toMatch(/ 0 ┤/);
  });
  test('at 160 columns the detail pane says "lowest available" and "PDB needs"', async () => {
    const { until, press, frame, fits } = await open({ columns: 160, rows: 45 });
    await until(/Workloads/);
    await press(KEYS.enter);
    await until(/shop\/checkout at 0s · over the run/);
    expect(frame()).toMatch(/lowest available\s+2\/4/);
    expect(frame()).toMatch(/PDB needs\s+/);
    fits();
  });
  test('j/k select a workload; Enter opens it full width with its figures; Esc goes back', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press('j');
    await until(/shop\/cart · available vs desired/);
    await press('k', KEYS.enter);
    await until(/shop\/checkout at 0s · over the run/);
    expect(frame()).toMatch(/Events · shop\/checkout · all · 1\/3/);
    // At 100 columns the half pane says "lowest", as the workloads list does when narrow.
    expect(frame()).toMatch(/lowest\s+2\/4/);
    expect(frame()).toMatch(/below desired\s+5m/);
    expect(frame()).not.toMatch(/min avail/);
    expect(frame()).not.toMatch(/Workloads 1\/2/);
    await press(KEYS.esc);
    await until(/Workloads 1\/2/);
  });
  test('/ filters the pane in focus: the workloads in the list, the events in the log', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press('/', 'c', 'a', 'r', 't');
    await until(/Workloads 1\/1 of 2/);
    expect(frame()).toMatch(/▶ shop\/cart/);
    expect(frame()).not.toMatch(/▶ shop\/checkout/);
    // q is text while typing, not quit.
    await press('q', KEYS.backspace, KEYS.enter);
    await until(/Workloads 1\/1 of 2 · \/cart/);
    await press(KEYS.tab, KEYS.tab);
    await press('/', 's', 'c', 'h', 'e', 'd', KEYS.enter);
    await until(/Events · all · \/sched · \d\/2/);
    expect(frame()).toMatch(/FailedScheduling/);
    expect(frame()).not.toMatch(/NodeNotReady/);
    await press('t');
    await until(/Events · evictions · \/sched · 0/);
    // The chart has nothing to filter: it says so.
    await press(KEYS.tab, KEYS.tab, '/');
    await until(/Nothing to filter here/);
  });
  test('Enter on an event opens it whole: message, object, node, time, and its pod then', async () => {
    const { until, press, frame } = await open({ columns: 80, rows: 24 });
    await until(/Workloads/);
    // The events pane, the 4th event: FailedScheduling at 5m.
    await press(KEYS.tab, KEYS.tab, 'j', 'j', 'j', KEYS.enter);
    await until(/Event at 5m/);
    const flat = frame().replace(/[┃\s]+/g, ' ');
    expect(flat).toContain('message 0/3 nodes are available: 1 node(s) had untolerated taint');
    expect(flat).toContain('object pod/shop/checkout-1-5');
    expect(flat).toContain('time 5m (300 s)');
    expect(flat).toContain('pod then Pending (unschedulable)');
    expect(flat).toContain('workload then 3/4 available · 1 pending · 0 terminating');
    // j: the next event, opened in place; Esc: back to the log.
    await press('j');
    await until(/Event at 7m/);
    expect(frame()).toMatch(/Successfully assigned shop\/checkout-1-5 to n-a2/);
    await press(KEYS.esc);
    await until(/Events · all/);
  });
  test(': switches views — nodes, events, the selected workload’s pods, back to workloads', async () => {
    const { until, press, frame, fits } = await open({ columns: 80, rows: 24 });
    await until(/Workloads/);
    await press(':', 'n', 'o', KEYS.enter);
    await until(/Nodes 1\/3 at 0s/);
    fits();
    await press(KEYS.end);
    await until(/Nodes 1\/3 at 10m/);
    expect(frame()).toMatch(/n-b1\s+zone-b\s+Ready=Unknown/);
    await press('/', 'u', 'n', 'r', KEYS.enter);
    await until(/Nodes 1\/1 of 3/);
    await press(':', 'e', 'v', KEYS.enter);
    await until(/Events · all · \d\/5/);
    fits();
    await press(':', 'p', 'o', KEYS.enter);
    // At the cursor (10m), as kubectl get pods would list them: 1-1 restarted at 6m30s.
    await until(/Pods of shop\/checkout \(3\) at 10m/);
    expect(frame()).toMatch(/checkout-1-1\s+1\/1\s+Running\s+1 \(3m30s ago\)\s+10m\s+n-a1/);
    expect(frame()).toMatch(/checkout-1-2\s+0\/1\s+Terminating\s+0\s+10m\s+n-b1/);
    expect(frame()).toMatch(/checkout-1-5\s+1\/1\s+Running\s+0\s+5m\s+n-a2/);
    fits();
    await press(KEYS.home);
    await until(/Pods of shop\/checkout \(2\) at 0s/);
    await press(':', 'w', 'o', KEYS.tab, KEYS.enter);
    await until(/Workloads 1\/2/);
  });
  test('? shows every key of the key tables, readable at 80×24; Esc closes it', async () => {
    const { until, press, frame, fits } = await open({ columns: 80, rows: 24 });
    await until(/Workloads/);
    await press('?');
    await until(/Keys · Esc or \? to close/);
    fits();
    const pages: string[] = [frame()];
    const count = Number(/page 1\/(\d)/.exec(frame())?.[1] ?? 1);
    for (let i = 1; i < count; i++) {
      await press(' ');
      await until(new RegExp(`page ${i + 1}/${count}`));
      fits();
      pages.push(frame());
    }
    const all = pages.join('\n');
    for (const k of ['Tab  Shift-Tab', 'Shift-← →  H L', 'Home  End', '[  ]', 'n  N', '/', ':', 'what-if', 'export', 'q  Ctrl-C', 'Enter']) expect(all).toContain(k);
    // Keys and their words on one line each, never run into the next column.
    expect(all).toMatch(/q {2}Ctrl-C\s+quit/);
    expect(all).not.toMatch(/pane {0,1}pane|quit help/);
    await press(KEYS.esc);
    await until(/Workloads/);
  });
  test('q quits', async () => {
    const { until, press, r } = await open();
    await until(/Workloads/);
    await press('q');
    await sleep(200);
    const before = r.frames.length;
    await press('j');
    await sleep(100);
    expect(r.frames.length).toBe(before);
  });
});

describe('what-if, compare and export', { timeout: 30_000 }, () => {
  test('Backspaces sent together all apply; run B; compare A and B; export writes A, B and compare.html', async () => {
    const { until, press, frame, services } = await open();
    await until(/Workloads/);
    await press('w');
    await until(/What-if on shop\/checkout/);
    expect(frame()).toMatch(/▶ maxSurge\s+25%/);
    expect(frame()).toMatch(/tolerationSeconds\s+300/);
    expect(frame()).toMatch(/event 0 at\s+2m/);
    // Three Backspaces in one write, as a terminal sends them when pressed quickly.
    await press('\x7f\x7f\x7f', '50%');
    await until(/B: shop\/checkout maxSurge=50%/);
    expect(frame()).toMatch(/maxSurge\s+50%\s+was 25%/);
    await press(KEYS.enter);
    await until(/Compare A \(before\) → B \(after\)/);
    expect(services.loads.at(-1)?.sets).toEqual(['workloads.shop/checkout.maxSurge=50%']);
    // B: 120 s at 4/4, 180 s at 3/4, then 4/4 → 92.5 %; lowest 2 → 3.
    expect(frame()).toMatch(/shop\/checkout\s+80→92\.5\s+2→3/);
    expect(frame()).toMatch(/evicted\s+2 → 1\s+-1/);
    expect(frame().split('\n')[1]).toMatch(/B worst avail % 80→92\.5 \(\+12\.5\) · below PDB 0s→0s \(±0\) · evicted 2→1 \(-1\)/);
    await press('c');
    await until(/Workloads 1\/2/);
    expect(frame()).toMatch(/avail %\s+B %/);
    await press('e');
    await until(/Exported A, B and compare\.html → .*fake-1-compare\//);
    expect(services.exports).toHaveLength(1);
    expect(services.exports[0].b).not.toBeNull();
    await press('x');
    await until(/B dropped/);
  });
  test('Ctrl-U sent together with digits clears the field before the cursor, as alone', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press('w');
    await until(/What-if on shop\/checkout/);
    await press(KEYS.down, KEYS.down);
    await until(/▶ replicas/);
    // One read from the terminal: 3, 4, 5, Ctrl-U (0x15), 6 — the field holds 6, not 3456.
    await press('\x15', '345\x156');
    await until(/B: shop\/checkout replicas=6/);
    expect(frame()).toMatch(/▶ replicas\s+6/);
  });
  test('an emptied field keeps the scenario\'s value, shown as a placeholder that reads as one without colour', async () => {
    const { until, press, frame, services } = await open({ noColor: true });
    await until(/Workloads/);
    await press('w');
    await until(/What-if on/);
    await press('\x7f\x7f\x7f\x7f');
    await until(/‹keep 25%›/);
    expect(frame()).toMatch(/B: no change yet/);
    // Move away: the emptied field still says what it keeps.
    await press(KEYS.down);
    await until(/maxSurge\s+‹keep 25%›/);
    await press(KEYS.enter);
    await until(/Nothing to compare yet/);
    expect(services.loads.every((l) => l.sets.length === 0)).toBe(true);
    expect(frame()).not.toMatch(/\x1b\[/);
  });
  test('a bad value comes back inline on its field; the form stays', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press('w');
    await until(/What-if on/);
    await press(KEYS.down, KEYS.down);
    await until(/▶ replicas/);
    await press(KEYS.backspace, 'b', 'a', 'd');
    await until(/B: shop\/checkout replicas=bad/);
    await press(KEYS.enter);
    await until(/✗ scenarios/);
    const flat = frame().replace(/[┃\s]+/g, ' ');
    expect(flat).toMatch(/✗ scenarios\/fake\.yaml: workloads\.shop\/checkout\.maxSurge: "bad" is not an int or percent \(from --set workloads\.shop\/checkout\.replicas=bad\)/);
    expect(frame()).toMatch(/✗ replicas/);
    await press(KEYS.esc);
    await until(/Workloads 1\/2/);
    expect(frame()).not.toMatch(/B %/);
  });
  test('a what-if that moves only the timing says "same figures, different timelines", not ±0', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press('w', KEYS.down, KEYS.down, KEYS.down);
    await until(/▶ tolerationSeconds/);
    await press('\x7f\x7f\x7f', '60', KEYS.enter);
    await until(/Compare A \(before\)/);
    expect(frame().split('\n')[1]).toMatch(/^B same figures, different timelines for 1 workload │ shop\/checkout tolerationSeconds=60/);
    // The moved workload comes before the unchanged one, named for what changed.
    expect(frame()).toMatch(/▶ shop\/checkout .*same figures, different timelines/);
    const lines = frame().split('\n');
    const at = lines.findIndex((l) => /│ 1 workload: same figures, different/.test(l));
    expect(lines[at + 1]).toMatch(/^│ timelines /);
  });
  test('at 80×24 the comparison keeps whole names and fits', async () => {
    const { until, press, frame, fits } = await open({ columns: 80, rows: 24 });
    await until(/Workloads/);
    await press('w', '\x7f\x7f\x7f', '50%', KEYS.enter);
    await until(/Compare A/);
    fits();
    expect(frame()).toMatch(/▶ shop\/checkout\s+80→92\.5/);
    expect(frame()).toMatch(/ {2}shop\/cart\s/);
  });
});

describe('picker', { timeout: 30_000 }, () => {
  test('p lists the scenarios; Enter opens one; Esc returns', async () => {
    const entries = [
      { path: 'scenarios/fake.yaml', label: 'scenarios/fake.yaml', name: 'fake', description: 'a fake scenario' },
      { path: 'scenarios/other.yaml', label: 'scenarios/other.yaml', name: 'other', description: 'another one' },
    ];
    const { until, press, frame, services } = await open({ services: fakeServices({ entries }) });
    await until(/Workloads/);
    await press('p');
    await until(/Open a scenario/);
    expect(frame()).toMatch(/▶ scenarios\/fake\.yaml\s+fake\s+a fake scenario/);
    await press(KEYS.esc);
    await until(/Workloads/);
    await press('p');
    await until(/▶ scenarios\/fake/);
    await press('j', KEYS.enter);
    await until(() => services.loads.some((l) => l.path === 'scenarios/other.yaml'));
    await until(/Workloads/);
  });
  test('starting without a scenario opens the picker', async () => {
    const { until } = await open({ start: { path: null } });
    await until(/Open a scenario/);
  });
});

describe('no colour', { timeout: 30_000 }, () => {
  test('the focused pane is marked without colour', async () => {
    const { until, frame } = await open({ noColor: true });
    await until(/Workloads/);
    expect(frame()).toMatch(/» Workloads 1\/2/);
    expect(frame()).not.toMatch(/\x1b\[/);
  });
  test('the comparison chart draws A and B with different glyphs', async () => {
    const { until, press, frame } = await open({ noColor: true, columns: 160, rows: 45 });
    await until(/Workloads/);
    await press('w', '\x7f\x7f\x7f', '50%', KEYS.enter);
    await until(/Compare A/);
    const chart = frame().split('\n').filter((l) => /[┤┼]/.test(l));
    // B (better) is back at 4 from 5m, A at 7m: between them B is drawn double, A light.
    expect(chart.join('\n')).toMatch(/[═╔╗╚╝║]/);
    expect(chart.join('\n')).toMatch(/[─╭╮╰╯│]/);
    expect(frame()).toMatch(/─ A ═ B ┄ desired/);
  });
});

describe('80×24, every screen', { timeout: 30_000 }, () => {
  test('overview, one workload, events, nodes, the form and the help fit', async () => {
    const { until, press, fits } = await open({ columns: 80, rows: 24 });
    await until(/Workloads/);
    fits();
    await press(KEYS.enter);
    await until(/over the run/);
    fits();
    await press(KEYS.esc, 'w');
    await until(/What-if on/);
    fits();
    await press(KEYS.esc, '?');
    await until(/Keys/);
    fits();
  });
});
