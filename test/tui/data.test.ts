// The TUI's pure data layer: formatting, step series, event filters, run figures, what-if sets.
import { describe, expect, test } from 'vitest';
import type { SimEvent } from '../../src/sim/result.js';
import { clusterSize, nodeMatches, nodesAt, zonesAt } from '../../src/tui/data/cluster.js';
import { eventDetail, podStateFrom } from '../../src/tui/data/event-detail.js';
import { EVENT_KINDS, eventsBetween, eventWorkloadKey, filterEvents, firstAtOrAfter, kindsOf, reasonCounts } from '../../src/tui/data/events.js';
import { compareRuns, makeRun, totalDeltas, totals } from '../../src/tui/data/runs.js';
import { changeTimes, columnOf, indexAt, resample, sampleAt } from '../../src/tui/data/series.js';
import { describeSets, fieldOfError, setsOf, whatIfFields } from '../../src/tui/data/whatif.js';
import { bytes, cores, fit, middle, num, pct, shortName, signed, wrap } from '../../src/tui/format.js';
import { fitHints } from '../../src/tui/components/header.js';
import { zoneLabels, trouble } from '../../src/tui/screens/explore/zones-pane.js';
import { DURATION_MS, fakeResult, fakeScenario } from './fixtures.js';

describe('format', () => {
  test('cores, bytes, percentages and deltas', () => {
    expect([cores(97_300), cores(2000), cores(50_053_300)]).toEqual(['97.3', '2', '50053']);
    // GiB, as the reports write it.
    expect([bytes(1.5 * 1024 ** 3), bytes(268 * 1024 ** 3), bytes(512 * 1024 ** 2), bytes(100)]).toEqual(['1.5 GiB', '268 GiB', '512 MiB', '100 B']);
    expect(pct(0.634)).toBe('63%');
    expect([num(99.75, 1), num(100, 1), num(2.5, 0)]).toEqual(['99.8', '100', '3']);
    expect([signed(2.14), signed(-3), signed(0.01)]).toEqual(['+2.1', '-3', '±0']);
    expect([fit('shop/checkout', 8), fit('ab', 4, 'right')]).toEqual(['shop/ch…', '  ab']);
  });
  test('names are shortened in the middle, the namespace never dropped', () => {
    expect(middle('otel-collector', 12)).toBe('otel-c…ector');
    expect(shortName('shop/checkout', 20)).toBe('shop/checkout');
    // 19 cells of room: the namespace gets 40 % (7), the name the rest (12).
    expect(shortName('observability/otel-collector', 20)).toBe('obs…ity/otel-c…ector');
    // A short name leaves its room to the namespace.
    expect(shortName('observability/api', 12)).toBe('obse…ity/api');
    for (const w of [8, 12, 16, 20, 24]) {
      const s = shortName('observability/prometheus', w);
      expect(s.length).toBeLessThanOrEqual(w);
      expect(s).toContain('/');
      expect(s.startsWith('o')).toBe(true);
    }
  });
  test('text wraps at words', () => {
    expect(wrap('4 Pending from 11m to the end: not capacity', 16)).toEqual(['4 Pending from', '11m to the end:', 'not capacity']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});

describe('step series', () => {
  const s = [
    { time: 0, v: 4 },
    { time: 100, v: 2 },
    { time: 130, v: 3 },
    { time: 400, v: 4 },
  ];
  test('the sample in effect at a time', () => {
    expect([indexAt(s, -1), indexAt(s, 0), indexAt(s, 99), indexAt(s, 100), indexAt(s, 1000)]).toEqual([-1, 0, 0, 1, 3]);
    expect(sampleAt(s, 150)?.v).toBe(3);
    expect(sampleAt([], 5)).toBeUndefined();
  });
  test('resampling keeps a dip shorter than a column with min, and shows the value in effect with at', () => {
    // 5 columns of 100 ms over 500 ms: the dip to 2 lasts 30 ms inside column 1.
    expect(resample(s, (x) => x.v, 5, 500, 'at')).toEqual([4, 2, 3, 3, 4]);
    expect(resample(s, (x) => x.v, 5, 500, 'min')).toEqual([4, 2, 3, 3, 4]);
    const late = [{ time: 0, v: 4 }, { time: 150, v: 1 }, { time: 170, v: 4 }];
    expect(resample(late, (x) => x.v, 5, 500, 'at')).toEqual([4, 4, 4, 4, 4]);
    expect(resample(late, (x) => x.v, 5, 500, 'min')).toEqual([4, 1, 4, 4, 4]);
    expect(resample(late.map((x) => ({ ...x, v: 5 - x.v })), (x) => x.v, 5, 500, 'max')).toEqual([1, 4, 1, 1, 1]);
  });
  test('columns and change times', () => {
    expect([columnOf(0, 10, 600), columnOf(599, 10, 600), columnOf(600, 10, 600), columnOf(-5, 10, 600)]).toEqual([0, 9, 9, 0]);
    expect(changeTimes([{ time: 0 }, { time: 5 }, { time: 5 }, { time: 9 }])).toEqual([0, 5, 9]);
  });
});

describe('events', () => {
  const r = fakeResult(fakeScenario());
  test('each event has its kinds', () => {
    const byReason = Object.fromEntries(r.events.map((e) => [e.reason, kindsOf(e)]));
    expect(byReason.TaintManagerEviction).toEqual(expect.arrayContaining(['evictions', 'nodes', 'warnings']));
    // "had untolerated taint": a scheduling failure caused by a taint is listed under both.
    expect(byReason.FailedScheduling).toEqual(['scheduling', 'nodes', 'warnings']);
    expect(byReason.NodeNotReady).toEqual(['nodes']);
    expect(byReason.WhatIf).toContain('whatif');
    expect(EVENT_KINDS.map((k) => k.kind)).toContain('evictions');
  });
  test('filters by kind, text and workload', () => {
    expect(filterEvents(r.events, { kind: 'evictions', text: '', workload: null }).map((e) => e.reason)).toEqual(['TaintManagerEviction']);
    expect(filterEvents(r.events, { kind: 'all', text: 'N-B1', workload: null }).map((e) => e.reason)).toEqual(['WhatIf', 'NodeNotReady']);
    expect(filterEvents(r.events, { kind: 'all', text: '', workload: 'shop/checkout' })).toHaveLength(3);
    expect(filterEvents(r.events, { kind: 'all', text: '', workload: null })).toHaveLength(r.events.length);
    expect(eventWorkloadKey(r.events[3])).toBe('shop/checkout');
  });
  test('finds events by time', () => {
    const ev = r.events;
    expect(firstAtOrAfter(ev, 0)).toBe(0);
    expect(firstAtOrAfter(ev, 160_000)).toBe(1);
    expect(firstAtOrAfter(ev, 10_000_000)).toBe(ev.length);
    expect(eventsBetween(ev, 300_000, 301_000).map((e) => e.reason)).toEqual(['TaintManagerEviction', 'FailedScheduling']);
    const many = [...ev, ev[2]] as SimEvent[];
    expect(reasonCounts(many)[0]).toEqual({ reason: 'TaintManagerEviction', count: 2 });
  });
});

describe('runs and comparisons', () => {
  const s = fakeScenario();
  const a = makeRun(fakeResult(s), [], 5);
  const b = makeRun(fakeResult(s, true), ['workloads.shop/checkout.maxSurge=50%'], 5);
  test('a run is indexed worst first', () => {
    expect(a.worstFirst).toEqual(['shop/checkout', 'shop/cart']);
    // 120 s at 4/4, 180 s at 2/4, 120 s at 3/4, 180 s at 4/4: (120 + 90 + 90 + 180) / 600
    expect(a.summary.get('shop/checkout')!.availabilityPct).toBe(80);
    expect(totals(a).evictions).toBe(2);
  });
  test('deltas say which way is better', () => {
    const d = totalDeltas(a, b);
    const ev = d.find((x) => x.label === 'evicted')!;
    expect([ev.a, ev.b, ev.better]).toEqual([2, 1, -1]);
    expect(d[0].b).toBeGreaterThan(d[0].a);
    // The rows and order of `headroom compare`: the changed workload first.
    const c = compareRuns(a, b);
    expect(c.rows.map((r) => r.workload)).toEqual(['checkout', 'cart']);
    expect(c.moved.size).toBe(0);
  });
  test('a B whose figures are equal but timelines not is named as such', () => {
    // cart dips from 2 to 1 at 100 s in A and at 200 s in B, for 50 s each: same figures.
    const dip = (t: number) => ({ ...fakeResult(s), workloads: [{ ...fakeResult(s).workloads[1], samples: [row(0, 2), row(t * 1000, 1), row((t + 50) * 1000, 2)] }] });
    const c = compareRuns(makeRun(dip(100), [], 1), makeRun(dip(200), ['x=1'], 1));
    expect([...c.moved]).toEqual(['shop/cart']);
  });
});

describe('what-if fields', () => {
  const s = fakeScenario();
  const fields = whatIfFields(s, 'shop/checkout');
  test('start from what the scenario says', () => {
    const byId = Object.fromEntries(fields.map((f) => [f.id, f.initial]));
    expect(byId).toMatchObject({ maxSurge: '25%', maxUnavailable: '0', replicas: '4', tolerationSeconds: '300', memoryUsage: 'request', rolloutAt: '', event0: '2m', more: '' });
  });
  test('an emptied field keeps the scenario\'s value: no override, never null', () => {
    expect(setsOf(fields, { maxSurge: '', tolerationSeconds: '  ', replicas: '', memoryUsage: '', event0: '' })).toEqual([]);
  });
  test('only changed fields become overrides', () => {
    expect(setsOf(fields, {})).toEqual([]);
    expect(setsOf(fields, { maxSurge: '25%', replicas: ' 6 ' })).toEqual(['workloads.shop/checkout.replicas=6']);
    expect(
      setsOf(fields, { maxSurge: '50%', tolerationSeconds: 'forever', memoryUsage: 'request * 1.3', rolloutAt: '90s', event0: '5m', more: 'a.b=1; c=2' }),
    ).toEqual([
      'workloads.shop/checkout.maxSurge=50%',
      'workloads.shop/checkout.tolerationSeconds=null',
      'workloads.shop/checkout.memoryUsage=request * 1.3',
      'events.1={"at":"90s","rollout":{"workload":"shop/checkout"}}',
      'events.0.at=5m',
      'a.b=1',
      'c=2',
    ]);
  });
  test('an error message is traced back to its field', () => {
    const values = { maxSurge: 'lots' };
    expect(fieldOfError(fields, values, 'x.yaml: workloads.shop/checkout.maxSurge: bad (from --set workloads.shop/checkout.maxSurge=lots)')).toBe('maxSurge');
    expect(fieldOfError(fields, values, 'something else')).toBeNull();
  });
  test('overrides read back in words', () => {
    expect(describeSets(['workloads.shop/checkout.maxSurge=50%', 'events.3={"at":"2m","rollout":{"workload":"shop/cart"}}', 'events.0.at=5m'])).toBe(
      'shop/checkout maxSurge=50%, rollout shop/cart at 2m, events.0.at=5m',
    );
  });
});

describe('cluster figures', () => {
  const s = fakeScenario();
  test('size before the run', () => {
    expect(clusterSize(s)).toMatchObject({ nodes: 3, zones: 2, workloads: 2, pods: 6, cpuAllocatable: 24_000, cpuRequested: 5000 });
  });
  test('zones at an instant, with their trouble', () => {
    const r = fakeResult(s);
    const [za, zb] = zonesAt(r, 310_000);
    expect(za).toMatchObject({ zone: 'zone-a', nodes: 2, cpuRequested: 8000, cpuAllocatable: 16_000, notReady: 0 });
    expect(zb).toMatchObject({ zone: 'zone-b', nodes: 1, notReady: 1 });
    expect(trouble(zb)).toBe('1 down');
    expect(zonesAt(r, 0)[1].notReady).toBe(0);
    expect(zoneLabels(['eu-west-1a', 'eu-west-1b'])).toEqual(['1a', '1b']);
    expect(zoneLabels(['zone-a', 'zone-b'])).toEqual(['a', 'b']);
    expect(zoneLabels(['only'])).toEqual(['only']);
  });
  test('nodes at an instant, filtered', () => {
    const r = fakeResult(s);
    const rows = nodesAt(r, 310_000);
    expect(rows.map((n) => n.name)).toEqual(['n-a1', 'n-a2', 'n-b1']);
    expect(rows[2]).toMatchObject({ status: 'Ready=Unknown', taints: 'node.kubernetes.io/unreachable:NoExecute', changed: true });
    expect(rows[0]).toMatchObject({ status: 'Ready', cpuRequested: 6000, changed: false });
    expect(rows.filter((n) => nodeMatches(n, 'UNREACH')).map((n) => n.name)).toEqual(['n-b1']);
    expect(rows.filter((n) => nodeMatches(n, 'zone-a'))).toHaveLength(2);
  });
  test('key hints drop from the middle to fit, keeping help and quit', () => {
    const hints = [['Tab', 'pane'], ['j/k', 'select'], ['w', 'what-if'], ['?', 'help'], ['q', 'quit']] as const;
    expect(fitHints(hints, 200)).toHaveLength(5);
    expect(fitHints(hints, 36).map(([k]) => k)).toEqual(['Tab', 'j/k', '?', 'q']);
  });
});

describe('an opened event', () => {
  const s = fakeScenario();
  const r = fakeResult(s);
  test('is whole, with its pod, workload and node then', () => {
    const e = r.events.find((x) => x.reason === 'FailedScheduling')!;
    const d = eventDetail(r, e);
    const f = Object.fromEntries(d.fields);
    expect(f.message).toBe('0/3 nodes are available: 1 node(s) had untolerated taint');
    expect(f.time).toBe('5m (300 s)');
    expect(f.event).toBe('Warning FailedScheduling');
    expect(f['stopped by']).toBe('node(s) had untolerated taint — not capacity');
    expect(f['pod then']).toMatch(/^Pending \(unschedulable\) \(from its events; per-pod status is not recorded yet\)$/);
    // checkout at 300 s: 3 of 4 available, 1 pending.
    expect(f['workload then']).toBe('3/4 available · 1 pending · 0 terminating');
    expect(d.history.map((x) => x.reason)).toEqual(['FailedScheduling']);
  });
  test('a node event shows the node then', () => {
    const e = r.events.find((x) => x.reason === 'NodeNotReady')!;
    const f = Object.fromEntries(eventDetail(r, e).fields);
    expect(f['node then']).toBe('n-b1 (zone-b): Ready=Unknown · taints node.kubernetes.io/unreachable:NoExecute · 3 pods');
  });
  test('a pod\'s state from its latest event', () => {
    const at = (reason: string, message = '') => podStateFrom({ ...r.events[0], reason, message, node: 'n1' });
    expect([at('Scheduled'), at('Started'), at('BackOff'), at('TaintManagerEviction', 'Marking'), at('TaintManagerEviction', 'Cancelling deletion')]).toEqual([
      'scheduled on n1',
      'Running',
      'CrashLoopBackOff',
      'Terminating (evicted)',
      'Running (deletion cancelled)',
    ]);
  });
});

const row = (time: number, available: number) => ({
  time,
  desired: 2,
  replicas: 2,
  updated: 2,
  ready: available,
  available,
  unavailable: 2 - available,
  pending: 0,
  terminating: 0,
  pdbDesired: null,
  pdbHealthy: null,
});

void DURATION_MS;
