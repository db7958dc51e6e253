// The app as a user sees it: frames rendered by ink-testing-library, keys written to stdin.
// The services are fakes over hand-made results (fixtures.ts), so every figure is known.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../src/tui/app.js';
import type { AppStart } from '../../src/tui/use-app-state.js';
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
  const r = render(
    <App services={services} start={opts.start ?? { path: 'scenarios/fake.yaml' }} size={{ columns: opts.columns ?? 100, rows: opts.rows ?? 30 }} noColor={opts.noColor} />,
  );
  current = r;
  const frame = () => r.lastFrame() ?? '';
  const until = async (what: RegExp | ((f: string) => boolean), ms = 10_000) => {
    const ok = typeof what === 'function' ? what : (f: string) => what.test(f);
    for (let t = 0; t < ms; t += 10) {
      if (ok(frame())) {
        // Let ink subscribe the new screen's key handlers (they attach in effects).
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
  return { r, services, frame, until, press };
}

describe('start and run', { timeout: 30_000 }, () => {
  test('header, progress, then the explore screen fitting 100×30', async () => {
    const { until, frame } = await open();
    await until(/Workloads 1\/2/);
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(29);
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    expect(lines[0]).toMatch(/headroom ▸ fake · seed 7 │ 3 nodes · 2 zones · 6 pods │ req cpu 5\/24 21% · mem 10\/96Gi 10%/);
    expect(lines[1]).toMatch(/A 10m simulated in .* · 5 events/);
    expect(frame()).toMatch(/▶ shop\/checkout\s+80 /);
    expect(frame()).toMatch(/shop\/checkout · available vs desired/);
    expect(frame()).toMatch(/Zones at 0s/);
    expect(frame()).toMatch(/Events · all · 1\/5/);
    expect(lines[lines.length - 1]).toMatch(/Tab pane .* \? help {2}q quit/);
  });
  test('uses a wider terminal: longer header, message column in the events', async () => {
    const { until, frame } = await open({ columns: 160, rows: 45 });
    await until(/Workloads/);
    expect(frame()).toMatch(/2 workloads · 6 pods │ requested\/allocatable cpu 5\/24 21%/);
    expect(frame()).toMatch(/time reason\s+object\s+message/);
    expect(frame().split('\n').length).toBeLessThanOrEqual(44);
  });
  test('a scenario that cannot be read is a readable message, and r retries', async () => {
    const { until, frame, press, services } = await open({ start: { path: 'scenarios/missing.yaml' } });
    await until(/cannot be shown/);
    expect(frame()).toMatch(/✗ scenarios\/missing\.yaml: no such file/);
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
  test('the time cursor moves and shows the state at that instant', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press(KEYS.shiftRight);
    await until(/▲ 2m30s {2}avail 2\/4 · upd 4 · pend 2 · term 2/);
    await press(KEYS.right, KEYS.right);
    await until(/▲ 3m/);
    expect(frame()).toMatch(/Zones at 3m/);
    // n: the next event after the cursor (TaintManagerEviction at 5m).
    await press('n');
    await until(/▲ 5m {2}avail 3\/4/);
    expect(frame()).toMatch(/▶\s+5m TaintManagerEvic/);
    expect(frame()).toMatch(/b .*1n 1 down/);
    await press(KEYS.end);
    await until(/▲ 10m/);
    await press(KEYS.home);
    await until(/▲ 0s/);
    await press(']');
    await until(/▲ 2m {2}avail 2\/4/);
  });
  test('j/k select a workload; Enter opens it full width; Esc goes back', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press('j');
    await until(/shop\/cart · available vs desired/);
    await press('k', KEYS.enter);
    await until(/shop\/checkout at 0s · over the run/);
    expect(frame()).toMatch(/Events · shop\/checkout · all · 1\/3/);
    expect(frame()).toMatch(/avail %\s+80/);
    expect(frame()).not.toMatch(/Workloads 1\/2/);
    await press(KEYS.esc);
    await until(/Workloads 1\/2/);
  });
  test('the event log filters by kind (t) and by text (/)', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press('t');
    await until(/Events · evictions · 1\/1/);
    expect(frame()).toMatch(/TaintManagerEvic/);
    expect(frame()).not.toMatch(/NodeNotReady/);
    await press('t', 't');
    await until(/Events · nodes & taints/);
    for (let i = 0; i < 5; i++) await press('t');
    await until(/Events · all/);
    await press('/');
    await until(/filter text/);
    await press('s', 'c', 'h', 'e', 'd');
    await until(/Events · all · \d\/2/);
    expect(frame()).toMatch(/FailedScheduling/);
    expect(frame()).toMatch(/Scheduled/);
    expect(frame()).not.toMatch(/NodeNotReady/);
    // While typing, q is text, not quit.
    await press('q');
    await until(/Events · all · 0/);
    await press(KEYS.backspace, KEYS.enter);
    await until(/Events · all · \/sched · \d\/2/);
    expect(frame()).toMatch(/Enter open/);
  });
  test('Tab moves the keys between panes; j in the events pane moves the cursor to the event', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press(KEYS.tab, KEYS.tab);
    await until((f) => /» /.test(f) || true);
    await press('j', 'j');
    await until(/▲ 5m/);
    expect(frame()).toMatch(/▶\s+5m TaintManagerEvic/);
  });
  test('? shows every key; Esc closes it', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press('?');
    await until(/Keys · Esc or \? to close/);
    for (const k of ['Tab  Shift-Tab', 'Shift-← →', 'Home  End', '[  ]', 'n  N', 'what-if', 'export', 'q  Ctrl-C', '/']) expect(frame()).toContain(k);
    await press(KEYS.esc);
    await until(/Workloads/);
  });
  test('q quits', async () => {
    const { until, press, r } = await open();
    await until(/Workloads/);
    await press('q');
    await sleep(200);
    // After exit() ink draws nothing more: a key that would move the selection changes no frame.
    const before = r.frames.length;
    await press('j');
    await sleep(100);
    expect(r.frames.length).toBe(before);
  });
});

describe('what-if, compare and export', { timeout: 30_000 }, () => {
  test('change maxSurge, run B, compare A and B with the deltas', async () => {
    const { until, press, frame, services } = await open();
    await until(/Workloads/);
    await press('w');
    await until(/What-if on shop\/checkout/);
    expect(frame()).toMatch(/▶ maxSurge\s+25%/);
    expect(frame()).toMatch(/tolerationSeconds\s+300/);
    expect(frame()).toMatch(/event 0 at\s+2m/);
    await press(KEYS.backspace, KEYS.backspace, KEYS.backspace, '5', '0', '%');
    await until(/B: shop\/checkout maxSurge=50%/);
    expect(frame()).toMatch(/maxSurge\s+50%\s+was 25%/);
    await press(KEYS.enter);
    await until(/Compare A \(before\) → B \(after\)/);
    expect(services.loads.at(-1)?.sets).toEqual(['workloads.shop/checkout.maxSurge=50%']);
    // B: 120 s at 4/4, 180 s at 3/4, then 4/4 → 92.5 %.
    expect(frame()).toMatch(/shop\/checkout\s+80→92\.5\s+2→3\s+0\s+—/);
    expect(frame()).toMatch(/evictions\s+2 → 1\s+-1/);
    expect(frame()).toMatch(/━ A ━ B/);
    expect(frame().split('\n')[1]).toMatch(/B worst avail % 80→92\.5 \(\+12\.5\) · s below PDB 0→0 \(±0\) · evictions 2→1 \(-1\)/);
    // c toggles back to the overview, where B's figures sit beside A's.
    await press('c');
    await until(/Workloads 1\/2/);
    expect(frame()).toMatch(/avail%\s+B%/);
    // e exports A and B.
    await press('e');
    await until(/Exported A → .*fake-1\/ {2}B → .*fake-1-B\//);
    expect(services.exports).toHaveLength(1);
    expect(services.exports[0].b).not.toBeNull();
    // x drops B.
    await press('x');
    await until(/B dropped/);
  });
  test('a bad value comes back inline on its field; the form stays', async () => {
    const { until, press, frame } = await open();
    await until(/Workloads/);
    await press('w');
    await until(/What-if on/);
    await press(KEYS.down, KEYS.down);
    // The active field's text input takes keys once it is mounted.
    await until(/▶ replicas/);
    await press(KEYS.backspace, 'b', 'a', 'd');
    await until(/B: shop\/checkout replicas=bad/);
    await press(KEYS.enter);
    await until(/✗ /);
    const flat = frame().replace(/[┃\s]+/g, ' ');
    expect(flat).toMatch(/✗ scenarios\/fake\.yaml: workloads\.shop\/checkout\.maxSurge: "bad" is not an int or percent \(from --set workloads\.shop\/checkout\.replicas=bad\)/);
    expect(frame()).toMatch(/What-if on shop\/checkout/);
    // Esc leaves the form without a B.
    await press(KEYS.esc);
    await until(/Workloads 1\/2/);
    expect(frame()).not.toMatch(/B%/);
  });
  test('submitting an unchanged form says so', async () => {
    const { until, press } = await open();
    await until(/Workloads/);
    await press('w');
    await until(/What-if on/);
    await press(KEYS.enter);
    await until(/Nothing to compare yet/);
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
    await until(/Open a scenario/);
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
});
