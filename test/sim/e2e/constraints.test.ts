// Scheduling constraints end to end; every expectation is derived by hand from the rules
// (k8s-scheduling.md §4, §5, §6, §8; the Deployment controller of k8s-rollout.md §4; node
// lifecycle timing as in failure.test.ts: a node failing at 30 s is NotReady at 85 s and
// NoExecute-tainted at 90 s, a second node of its zone at 100 s; pods tolerate 300 s).
import { describe, expect, it } from 'vitest';
import type { Affinity } from '../../../src/model/affinity.js';
import type { TopologySpread } from '../../../src/model/types.js';
import { summarize } from '../../../src/report/summary.js';
import type { SimResult } from '../../../src/sim/result.js';
import { simulate } from '../../../src/sim/simulation.js';
import { at, daemonSet, deployment, node, rollout, scenario } from '../../helpers/scenario.js';

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
const samples = (r: SimResult, name: string) => r.workloads.find((w) => w.name === name)!.samples;
const events = (r: SimResult, reason: string) => r.events.filter((e) => e.reason === reason);

const antiHostname = (app: string): Affinity => ({
  podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' }] },
});

describe('required hostname anti-affinity, 4 replicas on 4 nodes, rollout at 10 s (§8.1)', () => {
  // Old pods exit 10 s after SIGTERM; new pods run (and, with no readiness probe, are Ready and
  // available) 15 s after binding. Old and new pods share app=web, so every node holds one pod
  // the anti-affinity term matches, and a terminating one still counts (§4.2).
  const nodes = ['n1', 'n2', 'n3', 'n4'].map((n) => node(n));
  const web = (maxSurge: number, maxUnavailable: number) =>
    deployment('shop/web', { replicas: 4, maxSurge, maxUnavailable }, { startSeconds: 15, shutdownSeconds: 10, affinity: antiHostname('web') });

  it('maxUnavailable 1: each new pod binds when a deleted old pod is gone; available never below 3', () => {
    const d = web(1, 1);
    const r = simulate(scenario({ nodes, deployments: [d], events: [rollout(10, d)], durationS: 130 }));
    expect(rowsOf(r, 'web')).toEqual({
      //        desired replicas updated ready available unavailable pending terminating
      0: row(4, 4, 4, 4, 4, 0, 0, 0), // one pod per node (the anti-affinity at placement)
      // new RS 1 (surge); old 4→3 (allPods 5 − minAvailable 3 − newUnavailable 1); new 2: both Pending
      10: row(4, 5, 2, 3, 3, 1, 2, 1),
      20: row(4, 5, 2, 3, 3, 1, 1, 0), // the deleted old pod is gone: N1 binds on its node
      35: row(4, 5, 3, 3, 3, 1, 2, 1), // N1 available: old 3→2, new 3 (N2, N3 Pending)
      45: row(4, 5, 3, 3, 3, 1, 1, 0), // gone: N2 binds
      60: row(4, 5, 4, 3, 3, 1, 2, 1), // N2 available: old 2→1, new 4
      70: row(4, 5, 4, 3, 3, 1, 1, 0), // N3 binds
      85: row(4, 4, 4, 3, 3, 1, 1, 1), // N3 available: old 1→0
      95: row(4, 4, 4, 3, 3, 1, 0, 0), // N4 binds
      110: row(4, 4, 4, 4, 4, 0, 0, 0), // N4 available: complete, 100 s after the rollout began
      130: row(4, 4, 4, 4, 4, 0, 0, 0),
    });
    expect(summaryOf(r, 'web').rolloutSeconds).toBe(100);
    expect(summaryOf(r, 'web').lowestAvailable).toBe(3);
    // Each Pending pod is refused by its own anti-affinity on every node; nothing has a lower
    // priority to preempt.
    const msg = events(r, 'FailedScheduling')[0].message;
    expect(msg).toBe(
      "0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.",
    );
  });

  it('maxUnavailable 0: the surge pod fits nowhere and the rollout never progresses (§8.1, kubernetes#116891)', () => {
    const d = web(1, 0);
    const r = simulate(scenario({ nodes, deployments: [d], events: [rollout(10, d)], durationS: 700 }));
    // new RS 1; old never scaled down (allPods 5 − minAvailable 4 − newUnavailable 1 = 0).
    expect(rowsOf(r, 'web')[10]).toEqual(row(4, 5, 1, 4, 4, 0, 1, 0));
    expect(at(samples(r, 'web'), 700, 'pending')).toBe(1);
    expect(at(samples(r, 'web'), 700, 'updated')).toBe(1);
    expect(summaryOf(r, 'web').rolloutSeconds).toBe(-1);
    // progressDeadlineSeconds 600 after the rollout began; DeploymentTimedOut is strict and the
    // controller looks again one second after the deadline (requeueStuckDeployment): 10 + 600 + 1.
    expect(events(r, 'ProgressDeadlineExceeded').map((e) => e.time / 1000)).toEqual([611]);
  });
});

describe('a priority rollout at peak preempts a batch workload (§8.4)', () => {
  // One node of 16 cpu, full: pay (priority 1000) 6 × 2 cpu, maxSurge 2 / maxUnavailable 0,
  // running 5 s after binding and exiting 5 s after SIGTERM; etl (priority 0) 2 × 2 cpu, exits 30 s
  // after SIGTERM (grace 60 s), with a PDB minAvailable 1. Rollout of pay at 10 s.
  const pay = deployment('shop/pay', { replicas: 6, maxSurge: 2, maxUnavailable: 0 }, { cpu: 2000, priority: 1000, startSeconds: 5, shutdownSeconds: 5 });
  const etl = deployment('data/etl', { replicas: 2 }, { cpu: 2000, priority: 0, shutdownSeconds: 30, terminationGracePeriodSeconds: 60 });
  const r = simulate(
    scenario({
      nodes: [node('n1', 'a', { cpu: 16_000 })],
      deployments: [pay, etl],
      pdbs: [{ namespace: 'data', name: 'etl', selector: { app: 'etl' }, minAvailable: 1, maxUnavailable: null }],
      events: [rollout(10, pay)],
      durationS: 90,
    }),
  );
  const preempted = events(r, 'Preempted');

  it('the first surge pod preempts one etl pod — the one whose loss keeps the PDB — and is nominated', () => {
    // S1 (pay-2-1): removing both etl pods fits; the PDB allows 1 disruption, so etl-1-2 (the
    // second, less important by creation) is PDB-violating and reprieved first: 12 + 2 + 2 = 16
    // still fits; then etl-1-1 cannot be reprieved (18 > 16): the only victim, no violation.
    // S2 (pay-2-2) sees S1 nominated on n1 (§1.5): removing etl-1-1 (terminating) and etl-1-2 fits
    // (12 + 2 + 2); neither can come back: both are victims (etl-1-1 again).
    expect(preempted.map((e) => [e.time / 1000, e.object])).toEqual([
      [10, 'pod/data/etl-1-1'],
      [10, 'pod/data/etl-1-1'],
      [10, 'pod/data/etl-1-2'],
    ]);
    expect(preempted[0].message).toMatch(/^Preempted by pod [0-9a-f]{8} on node n1$/);
    expect(preempted[1].message).not.toBe(preempted[0].message); // another preemptor
  });

  it('the preemptors wait for their victims to be gone (30 s), then bind; the rollout goes on without preempting again', () => {
    expect(rowsOf(r, 'pay')).toEqual({
      //        desired replicas updated ready available unavailable pending terminating
      0: row(6, 6, 6, 6, 6, 0, 0, 0),
      10: row(6, 8, 2, 6, 6, 0, 2, 0), // new RS 2 (surge), both Pending, old never below 6
      40: row(6, 8, 2, 6, 6, 0, 0, 0), // etl pods gone: S1, S2 bind on their nominated node
      45: row(6, 8, 4, 6, 6, 0, 2, 2), // S1, S2 available: old 6→4, new 4 (Pending: old pods still hold the cpu)
      50: row(6, 8, 4, 6, 6, 0, 0, 0), // old pods gone: S3, S4 bind (priority 1000 before etl's 0)
      55: row(6, 8, 6, 6, 6, 0, 2, 2), // old 4→2, new 6
      60: row(6, 8, 6, 6, 6, 0, 0, 0),
      65: row(6, 6, 6, 6, 6, 0, 0, 2), // old 2→0: complete
      70: row(6, 6, 6, 6, 6, 0, 0, 0),
      90: row(6, 6, 6, 6, 6, 0, 0, 0),
    });
    expect(summaryOf(r, 'pay').rolloutSeconds).toBe(55);
    expect(events(r, 'Scheduled').filter((e) => e.object.startsWith('pod/shop/pay-2-')).map((e) => [e.object, e.time / 1000])).toEqual([
      ['pod/shop/pay-2-1', 40],
      ['pod/shop/pay-2-2', 40],
      ['pod/shop/pay-2-3', 50],
      ['pod/shop/pay-2-4', 50],
      ['pod/shop/pay-2-5', 60],
      ['pod/shop/pay-2-6', 60],
    ]);
  });

  it('etl is replaced at once but its pods wait for room; its PDB is violated for the whole time', () => {
    expect(rowsOf(r, 'etl')).toEqual({
      0: row(2, 2, 2, 2, 2, 0, 0, 0),
      10: row(2, 2, 2, 0, 0, 2, 2, 2), // both victims Terminating (DisruptionTarget), 2 replacements Pending
      40: row(2, 2, 2, 0, 0, 2, 2, 0),
      70: row(2, 2, 2, 2, 2, 0, 0, 0), // the last old pay pods are gone: room for both
      90: row(2, 2, 2, 2, 2, 0, 0, 0),
    });
    const replacement = events(r, 'FailedScheduling').find((e) => e.object === 'pod/data/etl-1-3')!;
    expect(replacement.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    const s = summaryOf(r, 'etl');
    expect(s.evictions).toBe(2);
    expect(s.lowestAvailable).toBe(0);
    expect(s.secondsBelowPdb).toBe(60);
    expect(s.secondsBelowDesired).toBe(60);
  });
});

describe('hostname spread during a zone failure: ScheduleAnyway, DoNotSchedule, DoNotSchedule with nodeTaintsPolicy Honor', () => {
  // 3 zones × 2 nodes, 6 replicas spread one per node (maxSkew 1). Zone c fails at 30 s: its
  // pods are deleted at 390 s (c-0) and 400 s (c-1) and stay Terminating on the unreachable
  // nodes; each replacement is created at once and runs 5 s after binding.
  const nodes = ['a', 'b', 'c'].flatMap((z) => [node(`${z}-0`, z), node(`${z}-1`, z)]);
  const run = (c: Omit<TopologySpread, 'maxSkew' | 'topologyKey'>) => {
    const d = deployment('shop/web', { replicas: 6 }, { startSeconds: 5, topologySpread: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', ...c }] });
    return simulate(scenario({ nodes, deployments: [d], events: [{ at: 30, action: { kind: 'zoneFailure', zone: 'c', mode: 'unreachable' } }], durationS: 600 }));
  };
  const perNode = (r: SimResult) => {
    const counts: Record<string, number> = {};
    for (const e of events(r, 'Scheduled')) counts[e.node] = (counts[e.node] ?? 0) + 1;
    return counts;
  };

  it('ScheduleAnyway: the replacements go to the emptiest hosts of zones a and b', () => {
    const r = run({ whenUnsatisfiable: 'ScheduleAnyway' });
    expect(at(samples(r, 'web'), 84, 'available')).toBe(6);
    expect(at(samples(r, 'web'), 85, 'available')).toBe(4); // zone c NotReady
    expect(at(samples(r, 'web'), 395, 'available')).toBe(5);
    expect(at(samples(r, 'web'), 405, 'available')).toBe(6);
    // Routine events are kept at this size: 6 initial placements are muted, so these are the two
    // replacements — on two different nodes (the second avoids the first's host: its count is 2).
    const placed = events(r, 'Scheduled').map((e) => e.node);
    expect(placed).toHaveLength(2);
    expect(new Set(placed).size).toBe(2);
    expect(placed.every((n) => !n.startsWith('c-'))).toBe(true);
    expect(Object.values(perNode(r)).every((k) => k === 1)).toBe(true);
  });

  it('DoNotSchedule: the empty hosts of the failed zone still count as domains (nodeTaintsPolicy Ignore), min 0, so every other host is at skew 2', () => {
    const r = run({ whenUnsatisfiable: 'DoNotSchedule' });
    expect(at(samples(r, 'web'), 600, 'available')).toBe(4);
    expect(at(samples(r, 'web'), 600, 'pending')).toBe(2);
    const failed = events(r, 'FailedScheduling');
    expect(failed.map((e) => e.time / 1000)).toEqual([390, 400]);
    expect(failed[0].message).toBe(
      '0/6 nodes are available: 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 4 node(s) didn\'t match pod topology spread constraints. ' +
        'preemption: 0/6 nodes are available: 2 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod.',
    );
  });

  it('DoNotSchedule with nodeTaintsPolicy Honor: the tainted hosts are no domains, min 1, and the replacements schedule', () => {
    const r = run({ whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honor' });
    expect(at(samples(r, 'web'), 395, 'available')).toBe(5);
    expect(at(samples(r, 'web'), 405, 'available')).toBe(6);
    const placed = events(r, 'Scheduled').map((e) => e.node);
    expect(new Set(placed).size).toBe(2); // the second may not join the first (2 + 1 − 1 > 1)
    expect(events(r, 'FailedScheduling')).toEqual([]);
  });
});

describe('a DaemonSet with required node affinity (NodeShouldRunDaemonPod reads it; its pods are pinned by node name)', () => {
  // 4 nodes, two labelled disk=ssd. The controller creates a pod only on those (its affinity's
  // nodeSelectorTerms), each pod's own node affinity is the one matchFields term naming its node,
  // so each binds to its node at t=0.
  const nodes = ['n1', 'n2', 'n3', 'n4'].map((n, i) => node(n, 'zone-a', i < 2 ? { labels: { disk: 'ssd' } } : {}));
  const affinity: Affinity = {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } },
  };
  it('runs on the two ssd nodes only', () => {
    const agent = daemonSet('monitoring/agent', {}, { startSeconds: 5, affinity });
    const r = simulate(scenario({ nodes, deployments: [], daemonSets: [agent], durationS: 30 }));
    const w = r.workloads.find((x) => x.name === 'agent')!;
    expect(at(w.samples, 30, 'desired')).toBe(2);
    expect(at(w.samples, 30, 'available')).toBe(2);
    expect(r.nodes.filter((n) => n.samples[n.samples.length - 1].pods > 0).map((n) => n.name)).toEqual(['n1', 'n2']);
  });
});
