// End-to-end StatefulSets, each row derived by hand from the controller rules
// (k8s-workloads.md §1; stateful_set_control.go updateStatefulSet), never copied from a run.
// Columns as k8s-workloads.md §0.1: replicas = non-terminating pods, updated = non-terminating
// pods at the update revision, ready = Running and Ready, terminating = deleted but still there.
import { describe, expect, it } from 'vitest';
import type { InventoryPod, StatefulSet } from '../../../src/model/types.js';
import { summarize } from '../../../src/report/summary.js';
import type { SimResult } from '../../../src/sim/result.js';
import { Simulation, simulate } from '../../../src/sim/simulation.js';
import { node, rollout, scenario, statefulSet } from '../../helpers/scenario.js';

const cols = ['desired', 'replicas', 'updated', 'ready', 'available', 'unavailable', 'pending', 'terminating'] as const;
type Row = Record<(typeof cols)[number], number>;
const row = (...v: number[]): Row => Object.fromEntries(cols.map((c, i) => [c, v[i]])) as Row;
function rowsOf(r: SimResult, name: string): Record<number, Row> {
  const w = r.workloads.find((x) => x.name === name)!;
  const out: Record<number, Row> = {};
  for (const s of w.samples) out[s.time / 1000] = Object.fromEntries(cols.map((c) => [c, s[c]])) as Row;
  return out;
}

/** The set's pods Running and Ready at t=0, web-i on node n<i+1> (each node to itself). */
function placed(s: StatefulSet): InventoryPod[] {
  return Array.from({ length: s.replicas }, (_, i) => ({
    namespace: s.namespace,
    name: `${s.name}-${i}`,
    workload: `${s.namespace}/${s.name}`,
    workloadKind: 'StatefulSet' as const,
    ownerKind: 'StatefulSet',
    node: `n${i + 1}`,
    phase: 'Running' as const,
    ready: true,
    spec: null,
    memoryUsage: null,
  }));
}

describe('StatefulSet: 5 replicas, OrderedReady, partition 2, start 20 s, shutdown 10 s; rollout at 0, drain of web-0 at 120', () => {
  const web = statefulSet('shop/web', { replicas: 5, partition: 2 }, { startSeconds: 20, shutdownSeconds: 10 });
  const nodes = Array.from({ length: 6 }, (_, i) => node(`n${i + 1}`));
  const s = scenario({
    nodes,
    deployments: [],
    statefulSets: [web],
    pods: placed(web),
    // minAvailable 4: with 5 healthy pods one eviction is allowed
    pdbs: [{ namespace: 'shop', name: 'web', selector: { app: 'web' }, minAvailable: 4, maxUnavailable: null }],
    events: [rollout(0, web), { at: 120, action: { kind: 'drain', node: 'n1' } }],
    durationS: 200,
  });
  const sim = new Simulation(s);
  sim.run();
  const r = sim.result();

  it('updates one pod at a time from the highest ordinal down to the partition, then recreates web-0 at the old revision', () => {
    expect(rowsOf(r, 'web')).toEqual({
      //        desired replicas updated ready available unavailable pending terminating
      0: row(5, 4, 0, 4, 4, 1, 0, 1), // new revision; target 4 is old → delete web-4 (shutdown 10 s)
      10: row(5, 5, 1, 4, 4, 1, 0, 0), // web-4 gone → created at the update revision (4 ≥ partition), starts 20 s
      30: row(5, 4, 1, 4, 4, 1, 0, 1), // web-4 Running+Ready → target 3 old → delete web-3
      40: row(5, 5, 2, 4, 4, 1, 0, 0), // web-3 created (update revision)
      60: row(5, 4, 2, 4, 4, 1, 0, 1), // web-3 ready → delete web-2
      70: row(5, 5, 3, 4, 4, 1, 0, 0), // web-2 created
      90: row(5, 5, 3, 5, 5, 0, 0, 0), // web-2 ready; the loop stops at the partition: done
      120: row(5, 4, 3, 4, 4, 1, 0, 1), // drain evicts web-0 (the PDB allows one)
      130: row(5, 5, 3, 4, 4, 1, 0, 0), // web-0 gone → recreated, below the partition: current (old) revision
      150: row(5, 5, 3, 5, 5, 0, 0, 0), // web-0 ready
      200: row(5, 5, 3, 5, 5, 0, 0, 0),
    });
  });

  it('reports the rollout done at 90 s as kubectl rollout status would (ready ≥ 5, updated ≥ 5 − 2)', () => {
    const sum = summarize(r).find((x) => x.workload === 'web')!;
    expect(sum.rolloutSeconds).toBe(90);
    expect([sum.kind, sum.key, sum.lowestAvailable]).toEqual(['StatefulSet', 'shop/web', 4]);
  });

  it('keeps the names and revisions: web-0 and web-1 old, web-2..4 new; web-0 no longer on the drained node', () => {
    const set = sim.cluster.statefulSets[0];
    const pods = [...set.podByOrdinal.values()].sort((a, b) => a.ordinal - b.ordinal);
    expect(pods.map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);
    expect(pods.map((p) => (p.revision === set.updateRevision ? 'new' : 'old'))).toEqual(['old', 'old', 'new', 'new', 'new']);
    expect(set.currentRevision).not.toBe(set.updateRevision); // partition > 0: never completes
    expect(pods[0].node?.name).not.toBe('n1');
  });

  it('records the deletes and creates in order, by name', () => {
    const ev = r.events.filter((e) => e.reason === 'SuccessfulCreate' || e.reason === 'SuccessfulDelete').map((e) => `${e.time / 1000} ${e.message}`);
    expect(ev).toEqual([
      '0 delete Pod web-4 in StatefulSet web successful',
      '10 create Pod web-4 in StatefulSet web successful',
      '30 delete Pod web-3 in StatefulSet web successful',
      '40 create Pod web-3 in StatefulSet web successful',
      '60 delete Pod web-2 in StatefulSet web successful',
      '70 create Pod web-2 in StatefulSet web successful',
      '130 create Pod web-0 in StatefulSet web successful',
    ]);
    expect(r.events.find((e) => e.reason === 'EvictionByEvictionAPI')).toMatchObject({ time: 120_000, object: 'pod/shop/web-0' });
  });
});

describe('StatefulSet with volume claims: a zone failure leaves its pod Pending in that zone', () => {
  // db-0 in zone-a, db-1 in zone-b, db-2 in zone-c (one node each, plus a spare node in zone-b);
  // each claim is bound where its pod runs. Zone a fails at 10 s (unreachable): the last lease
  // renewal is at 10, Ready=Unknown on the first 5 s pass after 10 + 40 = 50, i.e. 55 (pods marked
  // not ready); the next pass (60) queues the NoExecute taint, put on at once (first of its zone);
  // tolerated 300 s → deleted at 360. The pod stays Terminating on the silent node, so its name is
  // taken: no replacement.
  const db = statefulSet('data/db', { replicas: 3, volumeClaims: ['data'] }, { startSeconds: 5 });
  const nodes = [node('n1', 'zone-a'), node('n2', 'zone-b'), node('n3', 'zone-c'), node('n4', 'zone-b')];
  const pods = placed(db).map((p, i) => ({ ...p, node: ['n1', 'n2', 'n3'][i] }));

  it('never moves db-0 out of zone-a, and recreates it Pending there once its old object is gone', () => {
    const s = scenario({
      nodes,
      deployments: [],
      statefulSets: [db],
      pods,
      events: [
        { at: 10, action: { kind: 'zoneFailure', zone: 'zone-a', mode: 'unreachable' } },
        // the node comes back at 400 → its kubelet stops the deleted pod → db-0 is created again,
        // and may only go to zone-a: back on n1
        { at: 400, action: { kind: 'nodeRecover', node: 'n1' } },
      ],
      cluster: { nodeMonitorGracePeriodMs: 40_000 },
      durationS: 500,
    });
    const sim = new Simulation(s);
    sim.run();
    const r = sim.result();
    const rows = rowsOf(r, 'db');
    //                desired replicas updated ready available unavailable pending terminating
    expect(rows[0]).toEqual(row(3, 3, 3, 3, 3, 0, 0, 0));
    expect(rows[55]).toEqual(row(3, 3, 3, 2, 2, 1, 0, 0)); // db-0 marked not ready
    expect(rows[360]).toEqual(row(3, 2, 2, 2, 2, 1, 0, 1)); // taint eviction: terminating on the dead node
    expect(Object.keys(rows).map(Number)).toEqual([0, 55, 360, 400, 405, 500]); // nothing in between
    // back at 400: the kubelet finishes the deletion, db-0 is created and pinned to zone-a (n1)
    expect(rows[400]).toEqual(row(3, 3, 3, 2, 2, 1, 0, 0));
    expect(rows[405]).toEqual(row(3, 3, 3, 3, 3, 0, 0, 0)); // started 5 s later on n1
    const p0 = sim.cluster.statefulSets[0].podByOrdinal.get(0)!;
    expect([p0.node?.name, p0.spec.volumeZone]).toEqual(['n1', 'zone-a']);
  });

  it('a pod whose zone has no node left stays Pending with the volume conflict in its FailedScheduling', () => {
    // db-0's pod object removed at 20 s (as by a force delete) while zone-a is down: recreated at
    // once, it fits only zone-a, whose only node is tainted unreachable.
    const s = scenario({
      nodes,
      deployments: [],
      statefulSets: [db],
      pods,
      events: [{ at: 10, action: { kind: 'zoneFailure', zone: 'zone-a', mode: 'unreachable' } }],
      cluster: { nodeMonitorGracePeriodMs: 40_000 },
      durationS: 120,
    });
    const sim = new Simulation(s);
    sim.runUntil(60_000);
    const p0 = sim.cluster.statefulSets[0].podByOrdinal.get(0)!;
    sim.cluster.removePod(p0);
    sim.run();
    const r = sim.result();
    const rows = rowsOf(r, 'db');
    expect(rows[60]).toEqual(row(3, 3, 3, 2, 2, 1, 1, 0)); // recreated db-0: Pending
    expect(rows[120]).toEqual(row(3, 3, 3, 2, 2, 1, 1, 0));
    const fs = r.events.filter((e) => e.reason === 'FailedScheduling' && e.object === 'pod/data/db-0');
    // n1 is tainted unreachable (TaintToleration first); n2..n4 are in other zones.
    // Both reasons are UnschedulableAndUnresolvable: preemption cannot help on any node.
    expect(fs[0].message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 3 node(s) had volume node affinity conflict. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });
});

describe('StatefulSet Parallel scale-up and minReadySeconds (StatefulSet.Availability)', () => {
  it('Parallel creates every pod at once; OrderedReady one after another', () => {
    const par = statefulSet('a/par', { replicas: 3, podManagementPolicy: 'Parallel' }, { startSeconds: 10 });
    const ord = statefulSet('a/ord', { replicas: 3 }, { startSeconds: 10 });
    const r = simulate(
      scenario({
        nodes: [node('n1')],
        deployments: [],
        statefulSets: [par, ord],
        events: [
          { at: 0, action: { kind: 'scale', workload: 'a/par', replicas: 5 } },
          { at: 0, action: { kind: 'scale', workload: 'a/ord', replicas: 5 } },
        ],
        durationS: 60,
      }),
    );
    // par: par-3 and par-4 created at 0, ready at 10. ord: ord-3 at 0 (ready 10), then ord-4 at 10 (ready 20).
    expect(rowsOf(r, 'par')).toEqual({ 0: row(5, 5, 5, 3, 3, 2, 0, 0), 10: row(5, 5, 5, 5, 5, 0, 0, 0), 60: row(5, 5, 5, 5, 5, 0, 0, 0) });
    expect(rowsOf(r, 'ord')).toEqual({
      0: row(5, 4, 4, 3, 3, 2, 0, 0),
      10: row(5, 5, 5, 4, 4, 1, 0, 0),
      20: row(5, 5, 5, 5, 5, 0, 0, 0),
      60: row(5, 5, 5, 5, 5, 0, 0, 0),
    });
  });

  it('a replica Ready for 1800 s of minReadySeconds 3600 is not available; for 7200 s it is', () => {
    const slow = statefulSet('a/slow', { replicas: 1, minReadySeconds: 3600 }, { startSeconds: 0 });
    // The pod is created at t=0 (Pending in the inventory) and is Ready as it starts.
    const pod = { ...placed(slow)[0], node: 'n1', phase: 'Pending' as const, ready: false };
    const r = simulate(scenario({ nodes: [node('n1')], deployments: [], statefulSets: [slow], pods: [pod], durationS: 7200 }));
    const w = r.workloads[0];
    const availableAt = (t: number) => [...w.samples].reverse().find((x) => x.time <= t * 1000)!.available;
    expect(availableAt(1800)).toBe(0);
    expect(availableAt(7200)).toBe(1);
    expect(w.samples.find((x) => x.available === 1)!.time).toBe(3600_000);
  });
});

describe('StatefulSet OnDelete: a rollout changes nothing until pods are deleted', () => {
  it('keeps every pod old; the pod a drain evicts comes back new; the rollout never finishes by itself', () => {
    const web = statefulSet('shop/web', { replicas: 3, updateStrategy: 'OnDelete' }, { startSeconds: 5, shutdownSeconds: 0 });
    const nodes = [node('n1'), node('n2'), node('n3'), node('n4')];
    const sim = new Simulation(
      scenario({ nodes, deployments: [], statefulSets: [web], pods: placed(web), events: [rollout(0, web), { at: 60, action: { kind: 'drain', node: 'n2' } }], durationS: 120 }),
    );
    sim.run();
    const r = sim.result();
    // 0: new revision, nothing deleted (updated 0). 60: web-1 evicted, gone at once (shutdown 0),
    // recreated at the update revision (OnDelete: new pods are new); ready at 65.
    expect(rowsOf(r, 'web')).toEqual({
      0: row(3, 3, 0, 3, 3, 0, 0, 0),
      60: row(3, 3, 1, 2, 2, 1, 0, 0),
      65: row(3, 3, 1, 3, 3, 0, 0, 0),
      120: row(3, 3, 1, 3, 3, 0, 0, 0),
    });
    expect(r.workloads[0].rolloutCompletedAt).toBe(-1);
  });
});

describe('StatefulSet.classicUpdate.walkthrough (vectors-workloads.json, k8s-workloads.md §1.10)', async () => {
  const { readFileSync } = await import('node:fs');
  const v = JSON.parse(readFileSync(new URL('../../fixtures/vectors-workloads.json', import.meta.url), 'utf8'))['StatefulSet.classicUpdate.walkthrough'].cases[0];
  const i = v.input as { replicas: number; partition: number; startSeconds: number; shutdownSeconds: number; rolloutAt: number; drainWeb0At: number };
  const e = v.expected as {
    deleted: Record<string, number>;
    created: Record<string, number>;
    ready: Record<string, number>;
    rolloutSeconds: number;
    updatedAtEnd: number;
    minAvailable: number;
  };
  // web-i alone on node n<i+1>; a PDB minAvailable 3 lets the drain evict web-0.
  const web = statefulSet('shop/web', { replicas: i.replicas, partition: i.partition }, { startSeconds: i.startSeconds, shutdownSeconds: i.shutdownSeconds });
  const sim = new Simulation(
    scenario({
      nodes: Array.from({ length: i.replicas + 1 }, (_, k) => node(`n${k + 1}`)),
      deployments: [],
      statefulSets: [web],
      pods: placed(web),
      pdbs: [{ namespace: 'shop', name: 'web', selector: { app: 'web' }, minAvailable: 3, maxUnavailable: null }],
      events: [rollout(i.rolloutAt, web), { at: i.drainWeb0At, action: { kind: 'drain', node: 'n1' } }],
      durationS: 200,
    }),
  );
  sim.run();
  const r = sim.result();
  const at = (reason: string, name: string) => r.events.find((x) => x.reason === reason && (x.message.includes(`Pod ${name} `) || x.object === `pod/shop/${name}`))!.time / 1000;

  it('deletes, creates and readies each pod when the vector says', () => {
    for (const [name, t] of Object.entries(e.deleted)) expect([name, at(name === 'web-0' ? 'EvictionByEvictionAPI' : 'SuccessfulDelete', name)]).toEqual([name, t]);
    for (const [name, t] of Object.entries(e.created)) expect([name, at('SuccessfulCreate', name)]).toEqual([name, t]);
    const set = sim.cluster.statefulSets[0];
    for (const [name, t] of Object.entries(e.ready)) expect([name, set.podByOrdinal.get(Number(name.slice(4)))!.readySince / 1000]).toEqual([name, t]);
  });

  it('finishes the rollout at the partition, and web-0 comes back at the old revision', () => {
    const w = r.workloads[0];
    expect((w.rolloutCompletedAt - w.rolloutStartedAt) / 1000).toBe(e.rolloutSeconds);
    expect(w.samples.at(-1)!.updated).toBe(e.updatedAtEnd);
    expect(Math.min(...w.samples.map((s) => s.available))).toBe(e.minAvailable);
    const set = sim.cluster.statefulSets[0];
    expect(set.podByOrdinal.get(0)!.revision).toBe(set.currentRevision);
    expect(set.currentRevision).not.toBe(set.updateRevision);
  });
});
