// End-to-end rollouts, each expectation derived by hand from the controller rules
// (k8s-rollout.md §4): the Deployment controller re-syncs until nothing moves at every instant.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulation.js';
import type { SimResult } from '../../../src/sim/result.js';
import { summarize } from '../../../src/report/summary.js';
import { deployment, node, probe, rollout, scenario } from '../../helpers/scenario.js';

const cols = ['desired', 'replicas', 'updated', 'ready', 'available', 'unavailable', 'pending', 'terminating'] as const;
type Row = Record<(typeof cols)[number], number>;

function rowsOf(r: SimResult, name: string): Record<number, Row> {
  const w = r.workloads.find((x) => x.name === name)!;
  const out: Record<number, Row> = {};
  for (const s of w.samples) out[s.time / 1000] = Object.fromEntries(cols.map((c) => [c, s[c]])) as Row;
  return out;
}
const row = (...v: number[]): Row => Object.fromEntries(cols.map((c, i) => [c, v[i]])) as Row;
const summaryOf = (r: SimResult, name: string) => summarize(r).find((s) => s.workload === name)!;

describe('RollingUpdate, 10 replicas, maxSurge 25% (3), maxUnavailable 25% (2), pods available 10 s after creation', () => {
  const web = deployment('shop/web', {}, { startSeconds: 10, shutdownSeconds: 5 });
  const r = simulate(scenario({ nodes: [node('n1'), node('n2'), node('n3')], deployments: [web], events: [rollout(0, web)], durationS: 60 }));

  it('creates the new RS at 3, drops old to 8 and raises new to 5 in the same instant, then waves of T', () => {
    expect(rowsOf(r, 'web')).toEqual({
      //        desired replicas updated ready available unavailable pending terminating
      0: row(10, 13, 5, 8, 8, 2, 0, 2), // old 10→8 (2 terminating for shutdownSeconds 5), new 0→3→5
      5: row(10, 13, 5, 8, 8, 2, 0, 0),
      10: row(10, 13, 10, 8, 8, 2, 0, 5), // 5 new available: old 8→3, new 5→10
      15: row(10, 13, 10, 8, 8, 2, 0, 0),
      20: row(10, 10, 10, 10, 10, 0, 0, 3), // last 3 old go; complete
      25: row(10, 10, 10, 10, 10, 0, 0, 0),
      60: row(10, 10, 10, 10, 10, 0, 0, 0),
    });
  });

  it('never drops below replicas - maxUnavailable and reports the rollout time', () => {
    const s = summaryOf(r, 'web');
    expect(s.lowestAvailable).toBe(8);
    expect(s.rolloutSeconds).toBe(20);
    expect(s.secondsBelowDesired).toBe(20);
    expect(s.availabilityPct).toBeCloseTo((100 * (40 + 20 * 0.8)) / 60, 3);
  });

  it('records the scaling steps as ScalingReplicaSet events', () => {
    const msgs = r.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => `${e.time / 1000} ${e.message}`);
    expect(msgs).toEqual([
      '0 Scaled up replica set web-2 from 0 to 3',
      '0 Scaled down replica set web-1 from 10 to 8',
      '0 Scaled up replica set web-2 from 3 to 5',
      '10 Scaled down replica set web-1 from 8 to 3',
      '10 Scaled up replica set web-2 from 5 to 10',
      '20 Scaled down replica set web-1 from 3 to 0',
    ]);
  });
});

describe('maxSurge 1, maxUnavailable 0: one pod at a time, availability never drops', () => {
  const api = deployment('shop/api', { replicas: 4, maxSurge: 1, maxUnavailable: 0 }, { startSeconds: 10 });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [api], events: [rollout(0, api)], durationS: 60 }));
  it('surges by one, waits T, swaps one old pod per wave', () => {
    expect(rowsOf(r, 'api')).toEqual({
      0: row(4, 5, 1, 4, 4, 0, 0, 0),
      10: row(4, 5, 2, 4, 4, 0, 0, 0),
      20: row(4, 5, 3, 4, 4, 0, 0, 0),
      30: row(4, 5, 4, 4, 4, 0, 0, 0),
      40: row(4, 4, 4, 4, 4, 0, 0, 0),
      60: row(4, 4, 4, 4, 4, 0, 0, 0),
    });
    expect(summaryOf(r, 'api').rolloutSeconds).toBe(40);
    expect(summaryOf(r, 'api').secondsBelowDesired).toBe(0);
  });
});

describe('a rollout on a full node', () => {
  // 1 node of 4 cores, 4 pods of 1 core; maxSurge 1, maxUnavailable 25% (1); old pods take 10 s
  // to shut down and hold their core meanwhile, so surge pods wait Pending for them.
  const full = deployment('shop/full', { replicas: 4, maxSurge: 1, maxUnavailable: '25%' }, { cpu: 1000, shutdownSeconds: 10 });
  const r = simulate(scenario({ nodes: [node('n1', 'a', { cpu: 4000 })], deployments: [full], events: [rollout(0, full)], durationS: 60 }));
  it('keeps surge pods Pending until terminating pods release their resources', () => {
    expect(rowsOf(r, 'full')).toEqual({
      0: row(4, 5, 2, 3, 3, 1, 2, 1),
      10: row(4, 5, 3, 3, 3, 1, 2, 1),
      20: row(4, 5, 4, 3, 3, 1, 2, 1),
      30: row(4, 4, 4, 3, 3, 1, 1, 1),
      40: row(4, 4, 4, 4, 4, 0, 0, 0),
      60: row(4, 4, 4, 4, 4, 0, 0, 0),
    });
    expect(summaryOf(r, 'full').maxPending).toBe(2);
    expect(summaryOf(r, 'full').rolloutSeconds).toBe(40);
    const failed = r.events.filter((e) => e.reason === 'FailedScheduling');
    // Every pod on the node has the surge pod's priority (0): DefaultPreemption finds no victim
    // (SelectVictimsOnNode: only strictly lower priorities), and says so after the FitError.
    expect(failed[0].message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });
});

describe('a rollout that cannot fit stalls and is reported after progressDeadlineSeconds', () => {
  const stuck = deployment('shop/stuck', { replicas: 4, maxSurge: 1, maxUnavailable: 0, progressDeadlineSeconds: 60 }, { cpu: 1000 });
  const r = simulate(scenario({ nodes: [node('n1', 'a', { cpu: 4000 })], deployments: [stuck], events: [rollout(0, stuck)], durationS: 120 }));
  it('keeps the old pods serving, the surge pod Pending, and times out at deadline + 1 s', () => {
    expect(rowsOf(r, 'stuck')).toEqual({ 0: row(4, 5, 1, 4, 4, 0, 1, 0), 120: row(4, 5, 1, 4, 4, 0, 1, 0) });
    const timeout = r.events.filter((e) => e.reason === 'ProgressDeadlineExceeded');
    expect(timeout.map((e) => [e.time, e.type, e.message])).toEqual([[61_000, 'Warning', 'ReplicaSet stuck-2 has timed out progressing.']]);
    const s = summaryOf(r, 'stuck');
    expect(s.rolloutSeconds).toBe(-1);
    expect(s.rolloutStatus).toBe('stalled');
  });
});

describe('Recreate', () => {
  const db = deployment('shop/db', { replicas: 3, strategy: 'Recreate' }, { startSeconds: 5, shutdownSeconds: 10 });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [db], events: [rollout(0, db)], durationS: 30 }));
  it('waits for every old pod to be gone before creating the new ReplicaSet', () => {
    expect(rowsOf(r, 'db')).toEqual({
      0: row(3, 0, 0, 0, 0, 3, 0, 3),
      10: row(3, 3, 3, 0, 0, 3, 0, 0),
      15: row(3, 3, 3, 3, 3, 0, 0, 0),
      30: row(3, 3, 3, 3, 3, 0, 0, 0),
    });
    expect(summaryOf(r, 'db').rolloutSeconds).toBe(15);
  });
});

describe('scaling while a rollout is in progress (proportional scaling)', () => {
  const web = deployment('shop/web', {}, { startSeconds: 10 });
  const r = simulate(
    scenario({
      nodes: [node('n1'), node('n2')],
      deployments: [web],
      events: [rollout(0, web), { at: 5, action: { kind: 'scale', workload: 'shop/web', replicas: 20 } }],
      durationS: 120,
    }),
  );
  it('splits the 12 extra replicas (25 allowed − 13) between old (8→15) and new (5→10), then resumes', () => {
    const rows = rowsOf(r, 'web');
    expect(rows[5]).toEqual(row(20, 25, 10, 8, 8, 12, 0, 0));
    // t=10: the first 5 new pods are available; cleanup removes 5 of the 7 unready old pods
    // (maxScaledDown = 25 − 15 − 5), and the new RS grows into the freed room (10 → 15).
    expect(rows[10]).toEqual(row(20, 25, 15, 13, 13, 7, 0, 0));
    expect(summaryOf(r, 'web').rolloutStatus).toBe('complete');
  });
});

describe('readiness: on the probe grid, and at once when a warm container starts', () => {
  // Re-derived for issue 14: prober_manager UpdatePodStatus probes readiness at once whenever a
  // started, running container is not ready yet (the old rule, ticks only, is gone). Rollout at
  // 3 s: each new pod is admitted at 3 s (probe grid 3, 13, 23, ...; the tick at 3 finds no
  // container yet), runs at 8 s (startSeconds 5) and answers at 20 s (warmupSeconds 12) — or at
  // once (warm).
  const probed = deployment('shop/probed', { replicas: 1 }, { startSeconds: 5, warmupSeconds: 12, readinessProbe: probe() });
  const delayed = deployment('shop/delayed', { replicas: 1 }, { startSeconds: 5, warmupSeconds: 12, readinessProbe: probe({ initialDelaySeconds: 30 }) });
  const bare = deployment('shop/bare', { replicas: 1 }, { startSeconds: 5, warmupSeconds: 12 });
  const warm = deployment('shop/warm', { replicas: 1 }, { startSeconds: 5, readinessProbe: probe() });
  const r = simulate(
    scenario({
      nodes: [node('n1')],
      deployments: [probed, delayed, bare, warm],
      events: [rollout(3, probed), rollout(3, delayed), rollout(3, bare), rollout(3, warm)],
      durationS: 60,
    }),
  );
  // The immediate probe at 8 s fails (the app answers at 20): the first tick after, 23 s.
  it('becomes Ready on the first tick after the app answers (23 s)', () => expect(summaryOf(r, 'probed').rolloutSeconds).toBe(20));
  it('waits for initialDelaySeconds counted from the container start (tick 43 s ≥ 8 + 30)', () =>
    expect(summaryOf(r, 'delayed').rolloutSeconds).toBe(40));
  it('without a readiness probe is Ready when the container runs, warm or not (8 s)', () =>
    expect(summaryOf(r, 'bare').rolloutSeconds).toBe(5));
  it('a warm app with a readiness probe is Ready when its container runs (8 s), not at the tick (13 s)', () =>
    expect(summaryOf(r, 'warm').rolloutSeconds).toBe(5));
});

describe('one pod per wave with a 10 s readiness period (issue 14: the tick rule was an artefact)', () => {
  // 4 replicas, maxSurge 1, maxUnavailable 0, startSeconds 5, a warm app probed every 10 s. Each
  // new pod is created, bound and admitted at T, runs at T + 5 and is Ready at once: the next
  // wave starts at T + 5. Waves at 0, 5, 10, 15; the 4th new pod is Ready at 20 and the last old
  // one goes. (Waiting for the grid tick at T + 10 made every wave 10 s: 40 s in all.)
  const api = deployment('shop/api', { replicas: 4, maxSurge: 1, maxUnavailable: 0 }, { startSeconds: 5, readinessProbe: probe() });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [api], events: [rollout(0, api)], durationS: 60 }));
  it('rolls out in 20 s', () => {
    expect(rowsOf(r, 'api')).toEqual({
      0: row(4, 5, 1, 4, 4, 0, 0, 0),
      5: row(4, 5, 2, 4, 4, 0, 0, 0),
      10: row(4, 5, 3, 4, 4, 0, 0, 0),
      15: row(4, 5, 4, 4, 4, 0, 0, 0),
      20: row(4, 4, 4, 4, 4, 0, 0, 0),
      60: row(4, 4, 4, 4, 4, 0, 0, 0),
    });
    expect(summaryOf(r, 'api').rolloutSeconds).toBe(20);
  });
});

describe('determinism', () => {
  it('gives identical results for the same inputs and seed', () => {
    const s = () =>
      scenario({
        nodes: [node('n1'), node('n2', 'b'), node('n3', 'c')],
        deployments: [deployment('a/x', { replicas: 30 }, { startSeconds: 7 }), deployment('a/y', { replicas: 17 })],
        events: [rollout(10, deployment('a/x', { replicas: 30 }, { startSeconds: 7 }))],
        seed: 7,
      });
    expect(JSON.stringify(simulate(s()))).toBe(JSON.stringify(simulate(s())));
  });
});
