// Replays TestSortingActivePodsWithRanks (pkg/controller/controller_utils_test.go).
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-rollout-deployment.json' with { type: 'json' };
import { activePodsWithRanksLess, type RankablePod } from '../../../../src/sim/controllers/replicaset/ranking.js';

type Any = any;
const v = vectors['ActivePodsWithRanks.Less'] as Any;
const NOW = 1_000_000_000_000; // ms
const HOUR = 3_600_000;
const time = (s: string | null): number | null => {
  if (s === null) return null;
  const table: Record<string, number> = {
    now: NOW,
    'now-1month': NOW - 30 * 24 * HOUR,
    'now-2h': NOW - 2 * HOUR,
    'now-5h': NOW - 5 * HOUR,
    'now-8h': NOW - 8 * HOUR,
  };
  if (!(s in table)) throw new Error(`unknown time ${s}`);
  return table[s];
};
const pod = (name: string): RankablePod => {
  const p = v.pods[name];
  return {
    assigned: p.node !== '',
    phase: p.phase,
    ready: p.ready,
    deletionCost: p.podDeletionCost ?? 0,
    readySince: time(p.readySince),
    restarts: p.restarts,
    created: time(p.created),
    uid: '', // upstream pods have empty UIDs, so UID tie-breaks say "not less"
  };
};

describe('ActivePodsWithRanks.Less', () => {
  const cases = (v.cases as Any[]).filter((c) => c.input.gates.podDeletionCostEnabled && c.input.gates.logarithmicScaleDownEnabled);
  it('replays every case with the default gates', () => expect(cases.length).toBeGreaterThan(20));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c: Any) => {
    const i = c.input;
    const a = pod(i.first);
    const b = pod(i.second);
    expect(activePodsWithRanksLess(a, i.firstRank, b, i.secondRank, NOW)).toBe(c.expected['less(first,second)']);
    expect(activePodsWithRanksLess(b, i.secondRank, a, i.firstRank, NOW)).toBe(c.expected['less(second,first)']);
  });
});
