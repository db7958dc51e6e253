// Replays toleration_test.go TestTolerationToleratesTaint and taint_eviction_test.go
// (TestGetMinTolerationTime, TestCreatePod/TestUpdatePod/TestCreateNode/TestUpdateNode) from
// test/fixtures/vectors-node.json, plus hand-checked tables for the admission defaults.
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/vectors-node.json' with { type: 'json' };
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../../src/model/well-known.js';
import {
  decideTaintEviction,
  findUntoleratedTaint,
  getMatchingTolerations,
  getMinTolerationTime,
  isCriticalPod,
  nextTaintEviction,
  toleratesTaint,
  tolerationsTolerateTaint,
  withDefaultTolerations,
  type ScheduledTaintEviction,
} from '../../src/model/taints.js';
import type { Taint, Toleration } from '../../src/model/types.js';
import { taint, toleration, type VectorToleration } from '../helpers/k8s-vectors.js';

describe('toleratesTaint (TestTolerationToleratesTaint)', () => {
  it.each(vectors['Toleration.ToleratesTaint'].cases)('$name', ({ input, expected }) => {
    expect(toleratesTaint(toleration(input.toleration), taint(input.taint))).toBe(expected.tolerated);
  });

  it.each([
    [{ key: 'k', operator: 'Exists', effect: '' }, { key: 'k', effect: 'NoExecute' }, true], // empty effect: all effects
    [{ key: '', operator: 'Exists', effect: '' }, { key: 'any', value: 'x', effect: 'NoSchedule' }, true],
    [{ key: 'k', operator: 'Equal', value: '', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }, false],
    [{ key: 'k', operator: 'Lt', value: '950', effect: 'NoSchedule' }, { key: 'k', value: '950', effect: 'NoSchedule' }, false], // strict
    [{ key: 'k', operator: 'Lt', value: '0950', effect: 'NoSchedule' }, { key: 'k', value: '800', effect: 'NoSchedule' }, false], // leading zero
    [{ key: 'k', operator: 'Gt', value: '+1', effect: 'NoSchedule' }, { key: 'k', value: '5', effect: 'NoSchedule' }, false], // '+' sign
    [{ key: 'k', operator: 'Lt', value: '-5', effect: 'NoSchedule' }, { key: 'k', value: '-9223372036854775808', effect: 'NoSchedule' }, true],
    [{ key: 'k', operator: 'Gt', value: '1', effect: 'NoSchedule' }, { key: 'k', value: '9223372036854775808', effect: 'NoSchedule' }, false], // beyond int64
  ] as const)('%j vs %j -> %s', (tol, tnt, want) => {
    expect(toleratesTaint(toleration(tol as VectorToleration), taint(tnt))).toBe(want);
  });
});

describe('getMinTolerationTime (TestGetMinTolerationTime)', () => {
  it.each(vectors.getMinTolerationTime.cases)('$name', ({ input, expected }) => {
    const tols = input.tolerationSeconds.map((s) => toleration({ key: 'k', operator: 'Exists', tolerationSeconds: s }));
    expect(getMinTolerationTime(tols)).toBe(expected.seconds);
  });

  it.each([
    [[0, 100], 0],
    [[-5, null], 0],
    [[300, 30, null], 30],
  ])('%j -> %i', (secs, want) => {
    expect(getMinTolerationTime(secs.map((s) => toleration({ operator: 'Exists', tolerationSeconds: s })))).toBe(want);
  });
});

type ProcessCase = (typeof vectors)['TaintEviction.processPodOnNode']['cases'][number] & {
  input: {
    previousPod?: { podNodeName: string; tolerations: VectorToleration[] };
    previousNodeNoExecuteTaints?: { key: string; value?: string; effect: string }[];
  };
};

// The vectors give one change; when they name a previous state, that state is processed at t = 0
// and the change 1 ms later (the controller sees them as separate events). The answer is the time
// from the change to the deletion: a queued deletion that is kept still fires ~1 s after t = 0.
describe('decideTaintEviction + nextTaintEviction (processPodOnNode)', () => {
  it.each(vectors['TaintEviction.processPodOnNode'].cases as ProcessCase[])('$name', ({ input, expected }) => {
    const tols = input.tolerations.map(toleration);
    const taints = input.nodeNoExecuteTaints.map(taint);
    if (input.podNodeName === '') {
      // handlePodUpdate ignores pods that are not bound to a node.
      expect(expected.evictAfterSeconds).toBeNull();
      return;
    }
    let scheduled: ScheduledTaintEviction | null = null;
    let now = 0;
    const prev = input.previousPod
      ? { bound: input.previousPod.podNodeName !== '', tols: input.previousPod.tolerations.map(toleration), taints }
      : input.previousNodeNoExecuteTaints
        ? { bound: true, tols, taints: input.previousNodeNoExecuteTaints.map(taint) }
        : null;
    if (prev) {
      if (prev.bound) {
        const plan = nextTaintEviction(decideTaintEviction(prev.tols, prev.taints), null, 0);
        expect(plan.kind).not.toBe('deleteNow'); // no vector starts from a pod already deleted
        if (plan.kind === 'wait') scheduled = plan.scheduled;
      }
      now = 1;
    }
    const plan = nextTaintEviction(decideTaintEviction(tols, taints), scheduled, now);
    const after = plan.kind === 'deleteNow' ? 0 : plan.kind === 'cancel' ? null : (plan.scheduled.fireAtMs - now) / 1000;
    if (expected.evictAfterSeconds === null) expect(after).toBeNull();
    else expect(after).toBeCloseTo(expected.evictAfterSeconds, 2);
  });
});

const ne = (key: string, value = ''): Taint => ({ key, value, effect: 'NoExecute' });
const tol = (key: string, seconds: number | null, effect: Toleration['effect'] = 'NoExecute'): Toleration => ({
  key,
  operator: 'Exists',
  value: '',
  effect,
  tolerationSeconds: seconds,
});

describe('decideTaintEviction details', () => {
  it.each([
    ['no taints', [], [], { kind: 'none' }],
    ['NoSchedule taints are ignored', [tol('a', 5)], [{ key: 'x', value: '', effect: 'NoSchedule' } as Taint], { kind: 'none' }],
    ['untolerated', [tol('a', 5)], [ne('b')], { kind: 'now' }],
    ['tolerated with 0 s', [tol('a', 0)], [ne('a')], { kind: 'now' }],
    ['forever', [tol('a', null)], [ne('a')], { kind: 'never' }],
    ['shortest of the matching ones', [tol('a', 300), tol('b', 30)], [ne('a'), ne('b')], { kind: 'after', seconds: 30 }],
    // only the first toleration matching a taint counts (GetMatchingTolerations breaks on it)
    ['first match per taint', [tol('a', 300), tol('a', 10)], [ne('a')], { kind: 'after', seconds: 300 }],
    ['forever + finite', [tol('a', null), tol('b', 60)], [ne('a'), ne('b')], { kind: 'after', seconds: 60 }],
  ] as const)('%s', (_n, tols, taints, want) => {
    expect(decideTaintEviction(tols, taints)).toEqual(want);
  });

  it('default tolerations: 300 s on an unreachable node', () => {
    const tols = withDefaultTolerations([], 300, 300);
    expect(decideTaintEviction(tols, [ne(TAINT_UNREACHABLE)])).toEqual({ kind: 'after', seconds: 300 });
  });
});

describe('nextTaintEviction keeps an earlier queued deletion', () => {
  const queued = { createdAtMs: 0, fireAtMs: 300_000 };
  it.each([
    ['longer toleration later', { kind: 'after', seconds: 600 }, queued, 10_000, { kind: 'wait', scheduled: queued }],
    ['shorter toleration later', { kind: 'after', seconds: 1 }, queued, 10_000, { kind: 'wait', scheduled: queued }],
    ['same instant replaces it', { kind: 'after', seconds: 60 }, queued, 0, { kind: 'wait', scheduled: { createdAtMs: 0, fireAtMs: 60_000 } }],
    ['first sighting', { kind: 'after', seconds: 60 }, null, 5_000, { kind: 'wait', scheduled: { createdAtMs: 5_000, fireAtMs: 65_000 } }],
    ['now replaces it', { kind: 'now' }, queued, 10_000, { kind: 'deleteNow' }],
    ['none cancels', { kind: 'none' }, queued, 10_000, { kind: 'cancel' }],
    ['never cancels', { kind: 'never' }, queued, 10_000, { kind: 'cancel' }],
  ] as const)('%s', (_n, decision, sched, now, want) => {
    expect(nextTaintEviction(decision, sched, now)).toEqual(want);
  });
});

describe('withDefaultTolerations (DefaultTolerationSeconds admission)', () => {
  const notReady = tol(TAINT_NOT_READY, 300);
  const unreachable = tol(TAINT_UNREACHABLE, 300);
  it.each([
    ['adds both, not-ready first', [], [notReady, unreachable]],
    ['keeps a user not-ready toleration, adds unreachable', [tol(TAINT_NOT_READY, 10)], [tol(TAINT_NOT_READY, 10), unreachable]],
    ['keeps a user unreachable toleration', [tol(TAINT_UNREACHABLE, 10)], [tol(TAINT_UNREACHABLE, 10), notReady]],
    ['empty key covers both', [tol('', null)], [tol('', null)]],
    ['empty effect covers', [tol(TAINT_NOT_READY, null, '')], [tol(TAINT_NOT_READY, null, ''), unreachable]],
    ['a NoSchedule toleration does not cover', [tol(TAINT_NOT_READY, null, 'NoSchedule')], [tol(TAINT_NOT_READY, null, 'NoSchedule'), notReady, unreachable]],
    ['unrelated tolerations stay', [tol('dedicated', null)], [tol('dedicated', null), notReady, unreachable]],
  ] as const)('%s', (_n, input, want) => {
    expect(withDefaultTolerations(input, 300, 300)).toEqual(want);
  });

  it('uses the configured seconds for each key', () => {
    expect(withDefaultTolerations([], 60, 120).map((t) => [t.key, t.tolerationSeconds])).toEqual([
      [TAINT_NOT_READY, 60],
      [TAINT_UNREACHABLE, 120],
    ]);
  });
});

describe('matching helpers', () => {
  const ns = (key: string): Taint => ({ key, value: '', effect: 'NoSchedule' });
  it('findUntoleratedTaint returns the first filtered taint nobody tolerates', () => {
    const taints = [ns('a'), { key: 'p', value: '', effect: 'PreferNoSchedule' } as Taint, ns('b'), ns('c')];
    const noSchedule = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
    expect(findUntoleratedTaint(taints, [tol('a', null, 'NoSchedule')], noSchedule)).toEqual(ns('b'));
    expect(findUntoleratedTaint(taints, [tol('', null, '')], noSchedule)).toBeNull();
    expect(findUntoleratedTaint(taints, [tol('a', null, 'NoSchedule'), tol('b', null, ''), tol('c', null, '')], noSchedule)).toBeNull();
  });

  it('getMatchingTolerations lists one toleration per taint or nothing', () => {
    const a = tol('a', 1);
    const any = tol('', 2, '');
    expect(getMatchingTolerations([ne('a'), ne('b')], [a, any])).toEqual({ allTolerated: true, matching: [a, any] });
    expect(getMatchingTolerations([ne('a'), ne('b')], [a])).toEqual({ allTolerated: false, matching: [] });
    expect(getMatchingTolerations([], [])).toEqual({ allTolerated: true, matching: [] });
    expect(tolerationsTolerateTaint([a], ne('b'))).toBe(false);
  });

  it('isCriticalPod at system-cluster-critical and above', () => {
    expect(isCriticalPod(2_000_000_000)).toBe(true);
    expect(isCriticalPod(2_000_001_000)).toBe(true);
    expect(isCriticalPod(1_999_999_999)).toBe(false);
    expect(isCriticalPod(0)).toBe(false);
  });
});
