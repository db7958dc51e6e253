// End-to-end DaemonSets, each row derived by hand from the controller rules
// (k8s-workloads.md §2; daemon_controller.go podsShouldBeOnNode, update.go rollingUpdate), never
// copied from a run. Columns (§0.1): desired = nodes that should run it; updated / ready /
// available = such nodes whose oldest non-terminating pod is at the new revision / Ready /
// available; replicas = its non-terminating pods on any node.
import { describe, expect, it } from 'vitest';
import type { SimResult } from '../../../src/sim/result.js';
import { Simulation } from '../../../src/sim/simulation.js';
import { daemonSet, deployment, node, rollout, scenario } from '../../helpers/scenario.js';

const cols = ['desired', 'replicas', 'updated', 'ready', 'available', 'unavailable', 'pending', 'terminating'] as const;
type Row = Record<(typeof cols)[number], number>;
const row = (...v: number[]): Row => Object.fromEntries(cols.map((c, i) => [c, v[i]])) as Row;
function rowsOf(r: SimResult, name: string): Record<number, Row> {
  const w = r.workloads.find((x) => x.name === name)!;
  const out: Record<number, Row> = {};
  for (const s of w.samples) out[s.time / 1000] = Object.fromEntries(cols.map((c) => [c, s[c]])) as Row;
  return out;
}

const nodes = Array.from({ length: 6 }, (_, i) => node(`n${i}`));
const agent = daemonSet('monitoring/agent', { maxUnavailable: 1 }, { startSeconds: 10, shutdownSeconds: 0 });

describe('DaemonSet rollout, maxUnavailable 1 on six nodes, start 10 s, shutdown 0; node n2 unreachable at 100 s', () => {
  const sim = new Simulation(
    scenario({
      nodes,
      deployments: [],
      daemonSets: [agent],
      events: [rollout(0, agent), { at: 100, action: { kind: 'nodeFailure', node: 'n2', mode: 'unreachable' } }],
      cluster: { nodeMonitorGracePeriodMs: 40_000 },
      durationS: 600,
    }),
  );
  sim.run();
  const r = sim.result();

  it('replaces one node at a time in name order, each once the one before is available', () => {
    // maxSurge 0: the old pod is deleted (a candidate: available), gone at once (shutdown 0), so
    // manage creates the new one in the same instant; it is Ready 10 s later and the next goes.
    // Node n2 fails at 100: its last lease renewal is at 100, Ready=Unknown on the first pass
    // after 100 + 40 (145): pods not ready, unreachable:NoSchedule (not tolerated by DaemonSet
    // pods) → n2 no longer should run it; the NoExecute taint is tolerated forever: nothing else.
    expect(rowsOf(r, 'agent')).toEqual({
      //        desired replicas updated ready available unavailable pending terminating
      0: row(6, 6, 1, 5, 5, 1, 0, 0), // n0: old deleted, new created (starting)
      10: row(6, 6, 2, 5, 5, 1, 0, 0), // n0 new ready → n1
      20: row(6, 6, 3, 5, 5, 1, 0, 0),
      30: row(6, 6, 4, 5, 5, 1, 0, 0),
      40: row(6, 6, 5, 5, 5, 1, 0, 0),
      50: row(6, 6, 6, 5, 5, 1, 0, 0), // n5's new pod created
      60: row(6, 6, 6, 6, 6, 0, 0, 0), // all new and available: done
      145: row(5, 6, 5, 5, 5, 0, 0, 0), // n2 ineligible; its pod stays (misscheduled), not ready
      600: row(5, 6, 5, 5, 5, 0, 0, 0),
    });
  });

  it('reports rollout_seconds 60 (updated ≥ desired and available ≥ desired)', () => {
    const w = r.workloads[0];
    expect([w.kind, (w.rolloutCompletedAt - w.rolloutStartedAt) / 1000]).toEqual(['DaemonSet', 60]);
  });

  it('never moves the failed node’s pod, nor evicts it', () => {
    const ds = sim.cluster.daemonSets[0];
    const n2 = sim.cluster.nodeByName.get('n2')!;
    const pods = ds.podsByNode.get(n2)!;
    expect(pods.map((p) => [p.node?.name, p.deletedAt])).toEqual([['n2', -1]]);
    expect(r.events.filter((e) => e.reason === 'TaintManagerEviction')).toEqual([]);
    expect(r.events.filter((e) => e.reason === 'SuccessfulCreate').length).toBe(6);
    // every pod of the DaemonSet is on its own node: six nodes, six pods
    expect([...ds.podsByNode].map(([n, ps]) => [n.name, ps.length])).toEqual(nodes.map((n) => [n.name, 1]));
  });
});

describe('DaemonSet rollout that meets a dead node stalls there (maxUnavailable 1)', () => {
  // n4 becomes unreachable at 25. The rollout reaches it at 40 (n3's new pod ready): its old pod
  // is deleted, but no kubelet stops it, so it stays Terminating and the node gets nothing new
  // (no surge: a node whose only pod terminates waits for it to be gone). rollingUpdate counts
  // that node unavailable forever: with maxUnavailable 1, n5 is never replaced.
  const sim = new Simulation(
    scenario({
      nodes,
      deployments: [],
      daemonSets: [agent],
      events: [rollout(0, agent), { at: 25, action: { kind: 'nodeFailure', node: 'n4', mode: 'unreachable' } }],
      cluster: { nodeMonitorGracePeriodMs: 40_000 },
      durationS: 900,
    }),
  );
  sim.run();
  const r = sim.result();

  it('keeps one pod terminating on n4 and n5 at the old revision', () => {
    const rows = rowsOf(r, 'agent');
    //                desired replicas updated ready available unavailable pending terminating
    expect(rows[30]).toEqual(row(6, 6, 4, 5, 5, 1, 0, 0)); // n3 being replaced
    expect(rows[40]).toEqual(row(6, 5, 4, 5, 5, 1, 0, 1)); // n4's old pod deleted, stays
    // n4's last lease renewal was at 20 (every 10 s): Unknown on the first pass after 20 + 40,
    // at 65 → n4 ineligible (desired 5); its only pod is already deleted, so nothing else moves
    expect(rows[65]).toEqual(row(5, 5, 4, 5, 5, 0, 0, 1));
    expect(Object.keys(rows).map(Number)).toEqual([0, 10, 20, 30, 40, 65, 900]);
    expect(rows[900]).toEqual(row(5, 5, 4, 5, 5, 0, 0, 1));
    expect(r.workloads[0].rolloutCompletedAt).toBe(-1);
  });
});

describe('DaemonSet pods: drains leave them, a new eligible node gets one, they are scheduled before apps at t=0', () => {
  it('kubectl drain --ignore-daemonsets evicts the app pod and leaves the agent running on the cordoned node', () => {
    const web = deployment('shop/web', { replicas: 1 });
    const sim = new Simulation(
      scenario({
        nodes: [node('n0'), node('n1')],
        deployments: [web],
        daemonSets: [daemonSet('monitoring/agent')],
        events: [{ at: 10, action: { kind: 'drain', node: 'n0' } }, { at: 20, action: { kind: 'drain', node: 'n1' } }],
        durationS: 60,
      }),
    );
    sim.run();
    const r = sim.result();
    const evicted = r.events.filter((e) => e.reason === 'EvictionByEvictionAPI').map((e) => e.object);
    expect(evicted.every((o) => o.startsWith('pod/shop/web-'))).toBe(true);
    expect(evicted.length).toBeGreaterThan(0);
    // the agent keeps running on both cordoned nodes
    expect(rowsOf(r, 'agent')[60]).toEqual(row(2, 2, 2, 2, 2, 0, 0, 0));
  });

  it('a node that loses an untolerated taint becomes eligible and gets its pod', () => {
    const tainted = node('n1', 'zone-a', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    const sim = new Simulation(scenario({ nodes: [node('n0'), tainted], deployments: [], daemonSets: [daemonSet('monitoring/agent', {}, { startSeconds: 5 })], durationS: 60 }));
    sim.runUntil(30_000);
    expect(sim.sampler.workloads[0].at(-1)).toMatchObject({ desired: 1, replicas: 1 });
    // an operator removes the taint at 30 s
    sim.cluster.setTaints(sim.cluster.nodeByName.get('n1')!, []);
    sim.run();
    const rows = rowsOf(sim.result(), 'agent');
    expect(rows[30]).toEqual(row(2, 2, 2, 1, 1, 1, 0, 0)); // created on n1 at once, starting
    expect(rows[35]).toEqual(row(2, 2, 2, 2, 2, 0, 0, 0));
  });

  it('a full node keeps its DaemonSet pod Pending with the scheduler’s words (node affinity pins it there)', () => {
    const small = node('n1', 'zone-a', { cpu: 500 });
    const big = deployment('shop/big', { replicas: 1 }, { cpu: 450 });
    // The Deployment's pod is in the inventory on n1 already; the agent wants 100m more.
    const sim = new Simulation(
      scenario({
        nodes: [node('n0'), small],
        deployments: [big],
        daemonSets: [daemonSet('monitoring/agent')],
        pods: [
          { namespace: 'shop', name: 'big-1-1', workload: 'shop/big', ownerKind: 'ReplicaSet', node: 'n1', phase: 'Running', ready: true, spec: null, memoryUsage: null },
        ],
        durationS: 10,
      }),
    );
    sim.run();
    const r = sim.result();
    expect(rowsOf(r, 'agent')[10]).toEqual(row(2, 2, 2, 1, 1, 1, 1, 0));
    const fs = r.events.find((e) => e.reason === 'FailedScheduling')!;
    // NodeAffinity's PreFilter names the pod's node only (its matchFields term), so the other
    // node is absent from the statuses: "didn't satisfy plugin(s) [NodeAffinity]" (schedule_one.go
    // findNodesThatFitPod); preemption finds no lower-priority pod on n1 and cannot help on n2.
    expect(fs.message).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
    );
  });
});

describe('the ready-made what-ifs (scenarios/daemonset-rollout.yaml, statefulset-zone-failure.yaml)', () => {
  it('daemonset-rollout: 12 nodes one at a time, 17 s each → 204 s', async () => {
    // Per node: the old agent is deleted and exits after shutdown 2 s; then (no surge) the new one
    // is created, scheduled at once, runs after start 10 s; its readiness probe ticks every 5 s
    // from scheduling and first passes when the app answers (warm-up 5 s): 2 + 15 = 17 s after
    // the delete, when the next node's agent goes. maxUnavailable 25% (3): 4 waves of 17 s.
    const { loadScenario } = await import('../../../src/io/scenario.js');
    const { simulate } = await import('../../../src/sim/simulation.js');
    const one = simulate(await loadScenario('scenarios/daemonset-rollout.yaml'));
    const quarter = simulate(await loadScenario('scenarios/daemonset-rollout.yaml', { set: ['workloads.observability/fluent-bit.maxUnavailable=25%'] }));
    const secs = (res: SimResult) => {
      const w = res.workloads.find((x) => x.key === 'observability/fluent-bit')!;
      return [w.kind, (w.rolloutCompletedAt - w.rolloutStartedAt) / 1000, Math.min(...w.samples.map((s) => s.available))];
    };
    expect(secs(one)).toEqual(['DaemonSet', 204, 11]);
    expect(secs(quarter)).toEqual(['DaemonSet', 68, 9]);
  });

  it('statefulset-zone-failure: the kafka pod of eu-west-1b stays Pending there; fluent-bit keeps 12', async () => {
    const { loadScenario } = await import('../../../src/io/scenario.js');
    const sim = new Simulation(await loadScenario('scenarios/statefulset-zone-failure.yaml'));
    sim.run();
    const r = sim.result();
    const kafka = sim.cluster.statefulSets[0];
    const pinned = [...kafka.podByOrdinal.values()].filter((p) => kafka.claimZones.get(p.ordinal) === 'eu-west-1b');
    expect(pinned).toHaveLength(1);
    const [p] = pinned;
    expect([p.node, p.spec.volumeZone, p.deletedAt]).toEqual([null, 'eu-west-1b', -1]); // recreated, Pending
    const failed = r.events.filter((e) => e.reason === 'FailedScheduling' && e.object === `pod/data/${p.name}`);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((e) => e.message.includes('node(s) had volume node affinity conflict'))).toBe(true);
    // its summary puts it down to the volume (VolumeBinding comes after NodeResourcesFit)
    const { summarize } = await import('../../../src/report/summary.js');
    const s = summarize(r).find((x) => x.key === 'data/kafka')!;
    expect([s.kind, s.cause]).toEqual(['StatefulSet', 'FailedScheduling: node(s) had volume node affinity conflict']);
    const fb = r.workloads.find((w) => w.key === 'observability/fluent-bit')!;
    expect(fb.samples.every((s) => s.desired === 12 && s.available === 12)).toBe(true);
  });
});

describe('k8s-workloads.md §2.10: 4 nodes, start 15 s, shutdown 0', () => {
  const four = ['n1', 'n2', 'n3', 'n4'].map((n) => node(n));
  const run = (over: Parameters<typeof daemonSet>[1]) => {
    const ds = daemonSet('monitoring/agent', over, { startSeconds: 15, shutdownSeconds: 0 });
    const sim = new Simulation(scenario({ nodes: four, deployments: [], daemonSets: [ds], events: [rollout(0, ds)], durationS: 90 }));
    sim.run();
    return sim.result();
  };

  it('maxUnavailable 2: two nodes at a time, done at 30 s', () => {
    const r = run({ maxUnavailable: 2 });
    expect(rowsOf(r, 'agent')).toEqual({
      //        desired replicas updated ready available unavailable pending terminating
      0: row(4, 4, 2, 2, 2, 2, 0, 0), // old pods of n1, n2 deleted (gone at once), new created
      15: row(4, 4, 4, 2, 2, 2, 0, 0), // n1, n2 new ready → n3, n4
      30: row(4, 4, 4, 4, 4, 0, 0, 0),
      90: row(4, 4, 4, 4, 4, 0, 0, 0),
    });
    expect((r.workloads[0].rolloutCompletedAt - r.workloads[0].rolloutStartedAt) / 1000).toBe(30);
  });

  it('maxSurge 1, maxUnavailable 0: the new pod first, the old one once it is available; availability never drops', () => {
    const r = run({ maxUnavailable: 0, maxSurge: 1 });
    expect(rowsOf(r, 'agent')).toEqual({
      0: row(4, 5, 0, 4, 4, 0, 0, 0), // new pod on n1 beside the old (n1's oldest is still old)
      15: row(4, 5, 1, 4, 4, 0, 0, 0), // n1's new available → its old goes; n2 gets its new one
      30: row(4, 5, 2, 4, 4, 0, 0, 0),
      45: row(4, 5, 3, 4, 4, 0, 0, 0),
      60: row(4, 4, 4, 4, 4, 0, 0, 0), // n4's old goes: done
      90: row(4, 4, 4, 4, 4, 0, 0, 0),
    });
    expect((r.workloads[0].rolloutCompletedAt - r.workloads[0].rolloutStartedAt) / 1000).toBe(60);
  });
});

describe('DaemonSet.rollingUpdate.walkthrough "6 nodes maxUnavailable 1 with start time" (derived vector)', async () => {
  const { readFileSync } = await import('node:fs');
  const cases = JSON.parse(readFileSync(new URL('../../fixtures/vectors-workloads.json', import.meta.url), 'utf8'))['DaemonSet.rollingUpdate.walkthrough'].cases;
  const v = cases.find((c: { derived?: boolean }) => c.derived);
  const i = v.input as { nodes: number; maxUnavailable: number; startSeconds: number; shutdownSeconds: number; rolloutAt: number };
  const e = v.expected as { newPodCreatedAt: number[]; newPodReadyAt: number[]; available: { during: number; from60: number }; rolloutSeconds: number };
  const ds = daemonSet('monitoring/agent', { maxUnavailable: i.maxUnavailable }, { startSeconds: i.startSeconds, shutdownSeconds: i.shutdownSeconds });
  const sim = new Simulation(
    scenario({ nodes: Array.from({ length: i.nodes }, (_, k) => node(`n${k}`)), deployments: [], daemonSets: [ds], events: [rollout(i.rolloutAt, ds)], durationS: 120 }),
  );
  sim.run();
  const r = sim.result();

  it('creates and readies the new pods node after node', () => {
    const created = r.events.filter((x) => x.reason === 'SuccessfulCreate').map((x) => x.time / 1000);
    expect(created).toEqual(e.newPodCreatedAt);
    const pods = [...sim.cluster.daemonSets[0].podsByNode.values()].flat();
    expect(pods.map((p) => p.readySince / 1000).sort((a, b) => a - b)).toEqual(e.newPodReadyAt);
  });

  it('keeps 5 available during the rollout and 6 from its end', () => {
    const w = r.workloads[0];
    const during = w.samples.filter((s) => s.time > 0 && s.time < e.rolloutSeconds * 1000).map((s) => s.available);
    expect(new Set(during)).toEqual(new Set([e.available.during]));
    expect(w.samples.filter((s) => s.time >= 60_000).every((s) => s.available === e.available.from60)).toBe(true);
    expect((w.rolloutCompletedAt - w.rolloutStartedAt) / 1000).toBe(e.rolloutSeconds);
  });
});
