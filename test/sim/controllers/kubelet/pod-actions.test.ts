// Replays the kubelet-side tables of test/fixtures/vectors-pod-lifecycle.json:
// kuberuntime_manager_test.go TestComputePodActions / TestComputePodActionsWithInitContainers
// against computePodActions, and client-go flowcontrol backoff_test.go against the Backoff
// functions the kubelet's doBackOff uses.
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-pod-lifecycle.json' with { type: 'json' };
import { computePodActions, type PodActionsInput, type RuntimeContainer } from '../../../../src/sim/controllers/kubelet/pod-actions.js';
import { isInBackOffSince, isInBackOffSinceUpdate, nextBackoff, type BackoffEntry } from '../../../../src/sim/controllers/kubelet/backoff.js';
import type { RestartPolicy } from '../../../../src/model/types.js';

type Mutable = { -readonly [K in keyof PodActionsInput]: PodActionsInput[K] } & {
  sandbox: { ready: boolean; hasIP: boolean; attempt: number } | null;
  init: (RuntimeContainer | undefined)[];
  regular: (RuntimeContainer | undefined)[];
};

const running: RuntimeContainer = { state: 'running', exitCode: 0 };
const exited = (exitCode: number): RuntimeContainer => ({ state: 'exited', exitCode });
const index = (name: string) => Number(/\d+/.exec(name)![0]) - 1; // foo2 / init3 → 1 / 2

/** The tests' base pod and the mutations the vector names, applied in order. */
function podInput(policy: string | null, mutate: readonly string[], withInit: boolean): PodActionsInput {
  const p: Mutable = {
    restartPolicy: (policy ?? 'Always') as RestartPolicy,
    deleted: false,
    sandbox: { ready: true, hasIP: true, attempt: 0 },
    // With init containers the base has init1..init3 exited 0 and no regular container statuses.
    init: withInit ? [exited(0), exited(0), exited(0)] : [],
    regular: withInit ? [undefined, undefined, undefined] : [running, running, running],
  };
  for (const m of mutate) {
    let g: RegExpExecArray | null;
    if (m === 'no sandbox') p.sandbox = null;
    else if (m === 'no container statuses') {
      p.init = p.init.map(() => undefined);
      p.regular = p.regular.map(() => undefined);
    } else if ((g = /^sandbox NOTREADY(?: attempt (\d+))?$/.exec(m))) p.sandbox = { ready: false, hasIP: true, attempt: Number(g[1] ?? 0) };
    else if (m === 'sandbox IP empty') p.sandbox = { ready: true, hasIP: false, attempt: 0 };
    else if (m === 'all containers exited 0') p.regular = p.regular.map(() => exited(0));
    else if ((g = /^(foo\d) exited (\d+)$/.exec(m))) p.regular[index(g[1])] = exited(Number(g[2]));
    else if ((g = /^(foo\d) created$/.exec(m))) p.regular[index(g[1])] = { state: 'created', exitCode: 0 };
    else if ((g = /^(foo\d) state unknown$/.exec(m))) p.regular[index(g[1])] = { state: 'unknown', exitCode: 0 };
    else if ((g = /^(foo\d) hash differs from spec$/.exec(m))) p.regular[index(g[1])] = { ...running, specChanged: true };
    else if ((g = /^(liveness|startup) result of (foo\d) = Failure$/.exec(m))) p.regular[index(g[2])] = { ...running, [g[1]]: 'Failure' };
    else if ((g = /^(init\d) running$/.exec(m))) p.init[index(g[1])] = running;
    else if ((g = /^(init\d) exit code (\d+)$/.exec(m))) p.init[index(g[1])] = exited(Number(g[2]));
    else if ((g = /^(init\d) state unknown$/.exec(m))) p.init[index(g[1])] = { state: 'unknown', exitCode: 0 };
    else if ((g = /^(init\d) created$/.exec(m))) p.init[index(g[1])] = { state: 'created', exitCode: 0 };
    else if (m === 'only init3 has a status, running') p.init = [undefined, undefined, running];
    else throw new Error(`unknown mutation ${m}`);
  }
  return p;
}

function actionsOf(input: PodActionsInput) {
  const a = computePodActions(input);
  return {
    killPod: a.killPod,
    createSandbox: a.createSandbox,
    attempt: a.attempt,
    containersToStart: [...a.containersToStart],
    // The tests name a killed init container "init <index>"; regular ones by index.
    containersToKill: a.containersToKill.map((k) => (k.init ? `init ${k.index}` : k.index)),
    initContainersToStart: [...a.initContainersToStart],
  };
}

describe('computePodActions (TestComputePodActions)', () => {
  it.each(vectors.computePodActions.cases)('$name', ({ input, expected }) => {
    expect(actionsOf(podInput(input.restartPolicy, input.mutate, false))).toEqual(expected);
  });
});

describe('computePodActions with init containers (TestComputePodActionsWithInitContainers)', () => {
  it.each(vectors['computePodActions.initContainers'].cases)('$name', ({ input, expected }) => {
    expect(actionsOf(podInput(input.restartPolicy, input.mutate, true))).toEqual(expected);
  });
});

/** One key's Backoff, driven as the upstream tests drive client-go's (times in s). */
class OneKey {
  e: BackoffEntry | null = null;
  constructor(readonly initial: number, readonly max: number) {}
  get = () => this.e?.backoffMs ?? 0;
  next = (eventTime: number, now: number) => (this.e = nextBackoff(this.e, eventTime, now, this.initial, this.max));
  reset = () => (this.e = null);
}

const S = 1000;
const sec = (t: string) => Number(t.replace('s', '')) * S;
describe('flowcontrol.Backoff (backoff_test.go)', () => {
  const cases = Object.fromEntries(vectors.Backoff.cases.map((c) => [c.name, c]));
  it('TestSlowBackoff: 0, 1, 2, 4 … capped at max; 0 after Reset', () => {
    const c = cases.TestSlowBackoff;
    const b = new OneKey(sec(c.input.initial), sec(c.input.max));
    let now = 0;
    const gets: number[] = [];
    for (let i = 0; i < 10; i++) {
      now += S;
      gets.push(b.get() / S);
      b.next(now, now);
    }
    b.next(now, now);
    b.reset();
    expect({ getsBeforeEachNext: gets, getAfterReset: b.get() }).toEqual(c.expected);
  });
  it('TestBackoffReset: in back-off at the cap, not any more 11 s (> 2 × max) after the last update', () => {
    const c = cases.TestBackoffReset;
    const b = new OneKey(sec(c.input.initial), sec(c.input.max));
    let now = 0;
    for (let i = 0; i < 6; i++) {
      now += S;
      b.next(now, now);
    }
    const atCap = isInBackOffSince(b.e, now, now, b.max);
    const lastUpdate = now;
    now += 11 * S;
    expect({ inBackOffAtCap: atCap, inBackOffAfter11s: isInBackOffSince(b.e, lastUpdate, now, b.max) }).toEqual({
      inBackOffAtCap: c.expected.inBackOffAtCap,
      inBackOffAfter11s: c.expected.inBackOffAfter11s,
    });
  });
  it('TestBackoffHighWaterMark: 6 s after the cap is not 2 × max, so it stays at the cap', () => {
    const c = cases.TestBackoffHighWaterMark;
    const b = new OneKey(sec(c.input.initial), sec(c.input.max));
    let now = 0;
    for (let i = 0; i < 6; i++) {
      now += S;
      b.next(now, now);
    }
    now += 6 * S;
    b.next(now, now);
    expect(b.get()).toBe(sec(c.expected.get as string));
  });
  it('TestIsInBackOffSinceUpdate: each row in or out of back-off since the last update', () => {
    const c = cases.TestIsInBackOffSinceUpdate;
    const b = new OneKey(sec(c.input.initial), sec(c.input.max));
    for (const row of c.expected.rows as { tick: number; inBackOff: boolean; value: number }[]) {
      const now = row.tick * S;
      const inBackOff = isInBackOffSinceUpdate(b.e, now, b.max);
      expect(inBackOff, `tick ${row.tick}`).toBe(row.inBackOff);
      if (inBackOff) expect(b.get(), `tick ${row.tick}`).toBe(row.value * S);
      else b.next(now, now);
    }
  });
});
