// The headline figures on timelines worked out by hand (contract: summary.csv).
import { describe, expect, it } from 'vitest';
import { summarizeWorkload, worstFirst, summarize } from '../../src/report/summary.js';
import { result, workload } from './fixtures.js';

const ms = (s: number) => s * 1000;

describe('availability_pct: time-weighted mean of min(available/desired, 1)', () => {
  it.each([
    {
      name: 'a 10 s dip to 8 of 10 in a 100 s run: (20·1 + 10·0.8 + 70·1) / 100 = 98 %',
      rows: [
        { t: 0, desired: 10, available: 10 },
        { t: 20, desired: 10, available: 8 },
        { t: 30, desired: 10, available: 10 },
      ],
      duration: 100,
      pct: 98,
      below: 10,
      min: 8,
    },
    {
      name: 'surge above desired is capped at 100 %',
      rows: [
        { t: 0, desired: 10, available: 10 },
        { t: 10, desired: 10, available: 12 },
        { t: 40, desired: 10, available: 10 },
      ],
      duration: 60,
      pct: 100,
      below: 0,
      min: 10,
    },
    {
      name: 'scale-up 6 → 30 at 50 s, 26 available from 60 s: (50 + 10·0.2 + 40·26/30) / 100 = 86.667 %',
      rows: [
        { t: 0, desired: 6, available: 6 },
        { t: 50, desired: 30, available: 6 },
        { t: 60, desired: 30, available: 26 },
      ],
      duration: 100,
      pct: 86.667,
      below: 50,
      min: 6,
    },
    {
      name: 'desired 0 counts as fully available',
      rows: [{ t: 0, desired: 0, available: 0 }],
      duration: 100,
      pct: 100,
      below: 0,
      min: 0,
    },
    {
      name: 'all pods gone for the last quarter: 75 %',
      rows: [
        { t: 0, desired: 4, available: 4 },
        { t: 75, desired: 4, available: 0 },
      ],
      duration: 100,
      pct: 75,
      below: 25,
      min: 0,
    },
    {
      name: 'a sample at the very end adds no time but counts for the minimum',
      rows: [
        { t: 0, desired: 3, available: 3 },
        { t: 100, desired: 3, available: 1 },
      ],
      duration: 100,
      pct: 100,
      below: 0,
      min: 1,
    },
  ])('$name', ({ rows, duration, pct, below, min }) => {
    const s = summarizeWorkload(workload('shop/web', rows), ms(duration));
    expect(s.availabilityPct).toBe(pct);
    expect(s.secondsBelowDesired).toBe(below);
    expect(s.lowestAvailable).toBe(min);
  });

  it('a zero-length run is judged by its only state: 5 of 10 → 50 %', () => {
    const s = summarizeWorkload(workload('shop/web', [{ t: 0, desired: 10, available: 5 }]), 0);
    expect(s.availabilityPct).toBe(50);
    expect(s.secondsBelowDesired).toBe(0);
    expect(s.lowestAvailable).toBe(5);
  });

  it('a zero-length run of a workload with desired 0 is 100 %', () => {
    expect(summarizeWorkload(workload('shop/web', [{ t: 0, desired: 0, available: 0 }]), 0).availabilityPct).toBe(100);
  });

  it('a workload without samples is 100 % with desired 0 (nothing was asked of it)', () => {
    const s = summarizeWorkload(workload('shop/web', []), ms(60));
    expect(s).toMatchObject({ availabilityPct: 100, desired: 0, lowestAvailable: 0, secondsBelowDesired: 0, maxPending: 0 });
  });
});

describe('pdb_min_healthy, cause, kind', () => {
  it('the PDB requirement is status.desiredHealthy as sampled at the end, beside desired', () => {
    // Scaled from 10 to 20 replicas with a 75 % minAvailable: 8 healthy required, then 15.
    const w = workload('shop/web', [
      { t: 0, desired: 10, available: 10, pdbDesired: 8, pdbHealthy: 10 },
      { t: 50, desired: 20, available: 20, pdbDesired: 15, pdbHealthy: 20 },
    ]);
    expect(summarizeWorkload(w, ms(100))).toMatchObject({ desired: 20, pdbMinHealthy: 15 });
    expect(summarizeWorkload(workload('shop/web', [{ t: 0, desired: 2, available: 2 }]), ms(100)).pdbMinHealthy).toBeNull();
  });
  it('no cause when never below desired; Deployment unless the result says otherwise', () => {
    const s = summarizeWorkload(workload('shop/web', [{ t: 0, desired: 2, available: 2 }]), ms(100));
    expect([s.cause, s.why, s.kind]).toEqual(['', '', 'Deployment']);
    expect(summarizeWorkload(workload('shop/db', [{ t: 0, desired: 2, available: 2 }], { kind: 'StatefulSet' }), ms(100)).kind).toBe('StatefulSet');
  });
});

describe('seconds_below_pdb, max_pending, desired', () => {
  it('counts the time currentHealthy < desiredHealthy, not the time below desired', () => {
    const w = workload('shop/web', [
      { t: 0, desired: 10, available: 10, pdbDesired: 8, pdbHealthy: 10 },
      { t: 10, desired: 10, available: 8, pdbDesired: 8, pdbHealthy: 8 },
      { t: 25, desired: 10, available: 7, pdbDesired: 8, pdbHealthy: 7, pending: 3 },
      { t: 40, desired: 10, available: 10, pdbDesired: 8, pdbHealthy: 10 },
    ]);
    const s = summarizeWorkload(w, ms(100));
    expect(s.secondsBelowPdb).toBe(15);
    expect(s.secondsBelowDesired).toBe(30);
    expect(s.maxPending).toBe(3);
    // (10·1 + 15·0.8 + 15·0.7 + 60·1) / 100 = 92.5
    expect(s.availabilityPct).toBe(92.5);
  });

  it('is 0 without a PDB', () => {
    const w = workload('shop/web', [
      { t: 0, desired: 2, available: 0 },
    ]);
    expect(summarizeWorkload(w, ms(10)).secondsBelowPdb).toBe(0);
  });

  it('desired is the last sample’s', () => {
    const w = workload('shop/web', [
      { t: 0, desired: 2, available: 2 },
      { t: 5, desired: 5, available: 2 },
    ]);
    expect(summarizeWorkload(w, ms(10)).desired).toBe(5);
  });
});

describe('rollout_seconds', () => {
  const rows = [{ t: 0, desired: 1, available: 1 }];
  it.each([
    { name: 'no rollout → empty (null)', over: {}, seconds: null, status: 'none' },
    { name: 'finished: completion − start', over: { rolloutStartedAt: ms(30), rolloutCompletedAt: ms(50) }, seconds: 20, status: 'complete' },
    { name: 'sub-second precision is kept', over: { rolloutStartedAt: 1500, rolloutCompletedAt: 4250 }, seconds: 2.75, status: 'complete' },
    { name: 'stalled (progress deadline) → -1', over: { rolloutStartedAt: ms(30), rolloutStalled: true }, seconds: -1, status: 'stalled' },
    { name: 'still rolling at the end → -1', over: { rolloutStartedAt: ms(30) }, seconds: -1, status: 'in-progress' },
  ])('$name', ({ over, seconds, status }) => {
    const s = summarizeWorkload(workload('shop/web', rows, over), ms(100));
    expect(s.rolloutSeconds).toBe(seconds);
    expect(s.rolloutStatus).toBe(status);
  });
});

describe('worstFirst', () => {
  it('orders by availability, then time below PDB, below desired, OOM kills, evictions, then name by code point', () => {
    const r = result({
      durationS: 100,
      workloads: [
        workload('b/ok', [{ t: 0, desired: 1, available: 1 }]),
        workload('a/ok', [{ t: 0, desired: 1, available: 1 }]),
        workload('Z/ok', [{ t: 0, desired: 1, available: 1 }]),
        workload('x/oom', [{ t: 0, desired: 1, available: 1 }], { oomKills: 2 }),
        workload('x/bad', [
          { t: 0, desired: 2, available: 2 },
          { t: 50, desired: 2, available: 1 },
        ]),
      ],
    });
    expect(worstFirst(summarize(r)).map((s) => `${s.namespace}/${s.workload}`)).toEqual(['x/bad', 'x/oom', 'Z/ok', 'a/ok', 'b/ok']);
  });
});
