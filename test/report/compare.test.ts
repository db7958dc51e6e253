// A/B figures: differences, the compare.csv columns, ordering and the terminal table.
import { describe, expect, it } from 'vitest';
import { FIGURES, byChange, compareRows, compareTable, compareText, delta, movedOnly, sameSteps, timelinesDiffer } from '../../src/report/compare.js';
import { renderCompareHtml } from '../../src/report/compare.js';
import { summarizeWorkload } from '../../src/report/summary.js';
import { result, workload } from './fixtures.js';

const steady = (key: string, n = 3) => workload(key, [{ t: 0, desired: n, available: n }]);
const dipped = (key: string, low: number, over = {}) =>
  workload(key, [{ t: 0, desired: 4, available: 4 }, { t: 10, desired: 4, available: low }, { t: 40, desired: 4, available: 4 }], over);

const fig = (col: string) => FIGURES.find((f) => f.col === col)!;

describe('delta (B − A)', () => {
  const a = summarizeWorkload(dipped('shop/web', 2, { rolloutStartedAt: 0, rolloutCompletedAt: 40_000 }), 100_000);
  const b = summarizeWorkload(dipped('shop/web', 3, { rolloutStartedAt: 0, rolloutCompletedAt: 55_000 }), 100_000);

  it('subtracts and rounds away float noise', () => {
    // A: (10 + 30·0.5 + 60) = 85 %; B: (10 + 30·0.75 + 60) = 92.5 %
    expect(delta(fig('availability_pct'), a, b)).toBe(7.5);
    expect(delta(fig('lowest_available'), a, b)).toBe(1);
    // No PDB on either side: nothing to subtract.
    expect(delta(fig('pdb_min_healthy'), a, b)).toBeNull();
    expect(delta(fig('rollout_seconds'), a, b)).toBe(15);
    expect(delta(fig('seconds_below_desired'), a, b)).toBe(0);
  });

  it('has no difference for a rollout that did not finish, or for a missing side', () => {
    const stalled = summarizeWorkload(dipped('shop/web', 3, { rolloutStartedAt: 0, rolloutStalled: true }), 100_000);
    expect(delta(fig('rollout_seconds'), a, stalled)).toBeNull();
    expect(delta(fig('availability_pct'), a, null)).toBeNull();
  });
});

describe('compareTable (compare.csv)', () => {
  const A = result({ durationS: 100, workloads: [dipped('shop/web', 2), steady('shop/db')] });
  const B = result({ durationS: 100, workloads: [dipped('shop/web', 4), steady('shop/db'), steady('shop/new')] });
  const t = compareTable(compareRows(A, B));

  it('has namespace, workload, then A, B and delta for each summary figure, then rollout statuses and causes', () => {
    expect(t.header.slice(0, 5)).toEqual(['namespace', 'workload', 'desired_a', 'desired_b', 'desired_delta']);
    expect(t.header.slice(5, 11)).toEqual(['lowest_available_a', 'lowest_available_b', 'lowest_available_delta', 'pdb_min_healthy_a', 'pdb_min_healthy_b', 'pdb_min_healthy_delta']);
    expect(t.header).toHaveLength(2 + 3 * FIGURES.length + 4);
    expect(t.header.slice(-4)).toEqual(['rollout_status_a', 'rollout_status_b', 'cause_a', 'cause_b']);
    // shop/web dips with no event: ContainersNotReady in A, never below in B.
    expect(t.rows[0].slice(-2)).toEqual(['ContainersNotReady', '']);
  });

  it('keeps A’s order and appends workloads only B has, with empty A cells', () => {
    expect(t.rows.map((r) => `${r[0]}/${r[1]}`)).toEqual(['shop/web', 'shop/db', 'shop/new']);
    const onlyB = t.rows[2];
    expect(onlyB[2]).toBeNull();
    expect(onlyB[3]).toBe(3);
    expect(onlyB[4]).toBeNull();
  });

  it('orders by change for people', () => {
    expect(byChange(compareRows(A, B)).map((r) => r.workload)).toEqual(['web', 'new', 'db']);
  });
});

describe('compareText', () => {
  it('shows only what changed, as A → B, and counts the rest', () => {
    const A = result({ durationS: 100, workloads: [dipped('shop/web', 2), steady('shop/db')] });
    const B = result({ durationS: 100, workloads: [dipped('shop/web', 3), steady('shop/db')] });
    const text = compareText(compareRows(A, B));
    expect(text).toContain('shop/web');
    expect(text).toContain('85 → 92.5');
    expect(text.split('\n')[0]).toMatch(/^workload\s+lowest available\s+avail %\s+below desired\s+below PDB\s+rollout\s+evicted\s+OOM\s+max pending$/);
    // 30 s below desired in both: written once, as a duration.
    expect(text).toMatch(/2 → 3\s+85 → 92\.5\s+30s\s+—\s+0\s+0\s+0$/m);
    expect(text).toContain('Why below desired:\n  shop/web  A: 2 unavailable from 10s to 40s: ContainersNotReady → B: 1 unavailable from 10s to 40s: ContainersNotReady');
    expect(text).toContain('1 workload unchanged');
    expect(text).not.toContain('shop/db');
  });

  it('shows what the PDB needs beside the lowest available pods, so a budget change reads as one', () => {
    // Scaled from 4 to 5 with a PDB of 75 %: it needs 3 healthy pods in A, 4 in B.
    const w = (n: number, needs: number) => workload('shop/web', [{ t: 0, desired: n, available: n, pdbDesired: needs, pdbHealthy: n }, { t: 10, desired: n, available: n - 1, pdbDesired: needs, pdbHealthy: n - 1 }, { t: 40, desired: n, available: n, pdbDesired: needs, pdbHealthy: n }]);
    const text = compareText(compareRows(result({ durationS: 100, workloads: [w(4, 3)] }), result({ durationS: 100, workloads: [w(5, 4)] })));
    expect(text.split('\n')[0]).toMatch(/^workload\s+desired\s+lowest available\s+PDB needs\s+avail %/);
    expect(text.split('\n')[1]).toMatch(/^shop\/web\s+4 → 5\s+3 → 4\s+3 → 4\s+/);
  });

  it('says so when nothing changed', () => {
    const A = result({ durationS: 100, workloads: [steady('shop/db')] });
    expect(compareText(compareRows(A, A))).toBe("No workload's figures changed (1 workloads compared).");
  });
});

describe('sameSteps', () => {
  it('ignores samples where the value did not change', () => {
    expect(sameSteps([[0, 3], [10, 3], [20, 5]], [[0, 3], [20, 5], [30, 5]])).toBe(true);
    expect(sameSteps([[0, 3], [20, 5]], [[0, 3], [21, 5]])).toBe(false);
  });
});

describe('timelines that moved without changing the figures', () => {
  // pending from 60 s in A, from 30 s in B: same peak, same availability (pending pods are not available)
  const late = workload('shop/web', [{ t: 0, desired: 2, available: 2 }, { t: 60, desired: 2, available: 2, pending: 1 }, { t: 90, desired: 2, available: 2 }]);
  const early = workload('shop/web', [{ t: 0, desired: 2, available: 2 }, { t: 30, desired: 2, available: 2, pending: 1 }, { t: 60, desired: 2, available: 2 }]);
  const A = result({ durationS: 100, workloads: [late, steady('shop/db')] });
  const B = result({ durationS: 100, workloads: [early, steady('shop/db')] });
  const rows = compareRows(A, B);

  it('are found', () => {
    expect(timelinesDiffer(late, early)).toBe(true);
    expect(timelinesDiffer(late, late)).toBe(false);
    expect(movedOnly(A, B, rows)).toEqual(['shop/web']);
  });

  it('are named in the terminal and charted in compare.html', () => {
    expect(compareText(rows, 25, movedOnly(A, B, rows))).toBe(
      "No workload's figures changed (2 workloads compared).\n1 workload with the same figures but different timelines (see compare.html): shop/web",
    );
    const html = renderCompareHtml(A, B);
    expect(html.match(/<figure>/g)).toHaveLength(1);
    expect(html).toContain('same figures, different timelines');
  });
});
