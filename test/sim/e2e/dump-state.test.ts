// The cluster's live state at t=0, from real dumps (test/fixtures/io/kubectl/public): nodes
// NotReady or unreachable with their taints' timeAdded, cordoned or under memory pressure; pods
// Pending, Terminating, crash-looping or not Ready; a pods-only dump's Deployment rolled out; a
// Deployment caught mid-rollout. Where a state is not in a public dump it is set on a real
// object here, said so. Every expected time is derived from the rules in the comments.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/io/scenario.js';
import { simulate } from '../../../src/sim/simulation.js';
import type { SimResult } from '../../../src/sim/result.js';
import { type Obj, PUBLIC, publicItems } from '../../helpers/dumps.js';

const tmp = mkdtempSync(join(tmpdir(), 'headroom-dump-state-'));
let n = 0;

/** Runs `scenario` (YAML, without inventory) over `items` as a dump (plus nodes.csv if given). */
async function run(items: Obj[], scenario: string, nodesCsv?: string): Promise<SimResult> {
  const dir = join(tmp, String(n++));
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir);
  writeFileSync(join(dir, 'dump.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 4));
  const inventory = nodesCsv ? `{nodes: ${nodesCsv}, kubectl: dump.json}` : '{kubectl: dump.json}';
  writeFileSync(join(dir, 'scenario.yaml'), `name: t\ninventory: ${inventory}\n${scenario}`);
  return simulate(await loadScenario(join(dir, 'scenario.yaml')));
}

const events = (r: SimResult, pred: (e: SimResult['events'][number]) => boolean) => r.events.filter(pred).map((e) => [e.time / 1000, e.reason, e.message]);
const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

describe('a pods-only dump (describecluster) with its nodes from nodes.csv', () => {
  const pods = publicItems('describecluster-pods.json');
  const nodes = join(PUBLIC, 'describecluster-nodes.csv');

  it("rolls out a Deployment known only from its pods' owner references", async () => {
    const r = await run(pods, 'duration: 3m\nevents:\n  - {at: 1m, rollout: {workload: efk/kibana-logging}}\n', nodes);
    // efk/kibana-logging: 1 pod of ReplicaSet kibana-logging-5494bdd549 (no revision annotation:
    // revision 1), so replicas 1; API defaults maxSurge 25% → ceil(0.25) = 1, maxUnavailable
    // floor(0.25) = 0. At 60 s the new ReplicaSet (revision 2) is created at 1 + 1 − 1 = 1; its pod
    // starts at once (startSeconds 0) and its readiness probe (from the pod: initialDelay 5 s,
    // period 10 s) ticks on the grid from admission, 60, 70 …: the first tick past 65 s is 70 s,
    // one success is enough → Ready and available (minReadySeconds 0) at 70 s; the old ReplicaSet
    // is scaled down then, and the rollout is complete.
    const w = r.workloads.find((x) => x.key === 'efk/kibana-logging')!;
    expect(events(r, (e) => e.reason === 'ScalingReplicaSet' && e.workload === 'kibana-logging')).toEqual([
      [60, 'ScalingReplicaSet', 'Scaled up replica set kibana-logging-2 from 0 to 1'],
      [70, 'ScalingReplicaSet', 'Scaled down replica set kibana-logging-5494bdd549 from 1 to 0'],
    ]);
    expect([w.rolloutStartedAt, w.rolloutCompletedAt]).toEqual([60_000, 70_000]);
  });

  it('a CrashLoopBackOff pod keeps its restart count and back-off (zqa/samples: 1,900 restarts)', async () => {
    const r = await run(pods, 'duration: 6m\n', nodes);
    // The dump's latest timestamp is 04:56:12Z (the pod's Ready=False transition): t=0. The
    // container last exited at 04:56:11Z (t = −1 s) after 1,900 restarts; the back-off doubles
    // from 10 s per restart up to 300 s, so the next start is 300 s after the exit: t = 299 s.
    // Until then the pod is not Ready: zqa/samples has 0 of 1 available.
    expect(events(r, (e) => e.object === 'pod/zqa/samples-5bf89b8ddc-ft77l' && e.reason === 'Started')).toEqual([
      [299, 'Started', 'Started container samples'],
    ]);
    const w = r.workloads.find((x) => x.key === 'zqa/samples')!;
    const firstAvailable = w.samples.find((s) => s.available === 1);
    expect(firstAvailable?.time).toBe(299_000);
    // 1,900 restarts before the run are status, not something the run did: one restart counted.
    expect(w.restarts).toBe(1);
    // It goes on as its last instance went: it ran 9 s (04:56:02Z → 04:56:11Z) and exited 0; so
    // at 308 s it exits again, and the back-off, 300 s, holds it until 608 s (after this run).
    expect(events(r, (e) => e.object === 'pod/zqa/samples-5bf89b8ddc-ft77l' && e.reason === 'BackOff')).toEqual([
      [308, 'BackOff', 'Back-off 300s restarting failed container (CrashLoopBackOff)'],
    ]);
    expect(w.samples.find((s) => s.time > 299_000 && s.available === 0)?.time).toBe(308_000);
  });
});

describe('nodes at t=0', () => {
  const kind = publicItems('kind-nodes-list.yaml');
  // A third node (a copy of kind-worker) so replacements have somewhere to go; the control plane
  // is tainted NoSchedule for everyone else.
  const worker2 = clone(kind[1]);
  worker2.metadata.name = 'kind-worker2';
  worker2.metadata.labels['kubernetes.io/hostname'] = 'kind-worker2';
  // A real pod of the describecluster dump (redis/redis, with the admission-added 300 s
  // not-ready/unreachable tolerations), moved onto kind-worker.
  const redis = publicItems('describecluster-pods.json').find((p) => p.metadata.name.startsWith('redis-769dd87dfd'))!;
  const podOn = (node: string, name: string, unreachableSeconds?: number) => {
    const p = clone(redis);
    p.spec.nodeName = node;
    p.metadata.name = name;
    if (unreachableSeconds !== undefined) {
      // A pod of its own (naked): it keeps its own tolerations (a ReplicaSet's pods share its template's).
      delete p.metadata.ownerReferences;
      p.spec.tolerations = p.spec.tolerations.map((t: Obj) => (t.key === 'node.kubernetes.io/unreachable' ? { ...t, tolerationSeconds: unreachableSeconds } : t));
    }
    return p;
  };

  it('unreachable (Ready Unknown) with its NoExecute taint added 200 s before the snapshot: evicted 100 s in', async () => {
    const worker = clone(kind[1]);
    // Set here: kind-worker stopped posting status, and the node lifecycle controller tainted it.
    worker.status.conditions = worker.status.conditions.map((c: Obj) => (c.type === 'Ready' ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown' } : c));
    worker.spec.taints = [
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: '2023-05-31T04:56:35Z' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2023-05-31T04:56:40Z' },
    ];
    const r = await run([kind[0], worker, worker2, podOn('kind-worker', 'redis-769dd87dfd-a'), podOn('kind-worker', 'redis-769dd87dfd-b', 150)], 'duration: 5m\nsnapshotTime: "2023-05-31T05:00:00Z"\n');
    // t=0 is 05:00:00Z; the NoExecute taint came at 04:56:40Z, t = −200 s. processPodOnNode ran
    // when the taint came: pod a tolerates unreachable for the default 300 s → due at −200 + 300 =
    // 100 s; pod b (a naked pod) for 150 s → due at −50 s, already past: deleted at t=0. Each
    // deletion is a graceful DELETE; the kubelet is unreachable, so both stay Terminating. Pod a's
    // ReplicaSet replaces it at once — on kind-worker2 (kind-worker is tainted unreachable, the
    // control plane NoSchedule); pod b has nothing to replace it.
    expect(events(r, (e) => e.reason === 'TaintManagerEviction')).toEqual([
      [0, 'TaintManagerEviction', 'Marking for deletion Pod redis/redis-769dd87dfd-b'],
      [100, 'TaintManagerEviction', 'Marking for deletion Pod redis/redis-769dd87dfd-a'],
    ]);
    // (A ReplicaSet names the pods it makes <replicaset>-<n>, counting on from the pods the
    // inventory gives it: one here, so the replacement is -2.)
    expect(events(r, (e) => e.reason === 'Scheduled').map(([t, , m]) => [t, m])).toEqual([[100, 'Successfully assigned redis/redis-769dd87dfd-2 to kind-worker2']]);
    // The node stays unreachable: no NodeNotReady again (it was not Ready already).
    expect(events(r, (e) => e.reason === 'NodeNotReady')).toEqual([]);
  });

  it('NotReady (cka: every node Ready False): master disruption mode, no NoExecute taint, no eviction; Pending pods stay', async () => {
    const r = simulate(await loadScenario(await scenarioFile(join(PUBLIC, 'cka-notready-cluster-info.json'), 'duration: 10m\n')));
    // handleDisruption at the first monitor pass (t=0): the only zone has no Ready node →
    // FullDisruption, and every zone is: the controller taints nothing and evicts nothing.
    expect(events(r, (e) => e.reason === 'MasterDisruptionMode').map(([t]) => t)).toEqual([0]);
    expect(events(r, (e) => e.reason === 'TaintManagerEviction')).toEqual([]);
    // coredns's two pods do not tolerate not-ready:NoSchedule: never scheduled.
    expect(events(r, (e) => e.reason === 'Scheduled')).toEqual([]);
    const coredns = r.workloads.find((w) => w.key === 'kube-system/coredns')!;
    expect(coredns.samples.at(-1)).toMatchObject({ pending: 2, available: 0 });
  });

  it('cordoned (spec.unschedulable), a taint of its own, and MemoryPressure lifting after 5 minutes', async () => {
    const cordoned = clone(kind[1]);
    cordoned.spec.unschedulable = true;
    const pressured = clone(worker2);
    // Set here: the kubelet reported MemoryPressure, and the dedicated taint an operator put.
    pressured.status.conditions = pressured.status.conditions.map((c: Obj) => (c.type === 'MemoryPressure' ? { ...c, status: 'True' } : c));
    pressured.spec.taints = [{ key: 'dedicated', value: 'redis', effect: 'NoExecute' }];
    const pending = podOn('', 'redis-769dd87dfd-p');
    delete pending.spec.nodeName;
    pending.status = { phase: 'Pending' };
    pending.spec.tolerations.push({ key: 'dedicated', operator: 'Equal', value: 'redis', effect: 'NoExecute' });
    const r = await run([kind[0], cordoned, pressured, pending], 'duration: 8m\n');
    // The pending pod cannot go to the control plane (NoSchedule) nor the cordoned worker
    // (unschedulable), and kind-worker2 is tainted memory-pressure:NoSchedule from t=0
    // (doNoScheduleTaintingPass on the node's add event; the pod tolerates dedicated). The
    // kubelet's last observation of pressure counts as t=0: the condition holds for the 5 min
    // transition period, so the eviction manager's pass at 300 s (its 10 s grid) reports it gone,
    // the taint goes with it, and the pod is scheduled there at 300 s.
    expect(events(r, (e) => e.reason === 'NodeHasSufficientMemory').map(([t]) => t)).toEqual([300]);
    expect(events(r, (e) => e.reason === 'Scheduled').map(([t, , m]) => [t, m])).toEqual([[300, 'Successfully assigned redis/redis-769dd87dfd-p to kind-worker2']]);
  });
});

describe('pods at t=0 (docker-desktop cluster-info dump)', () => {
  const items = publicItems('docker-desktop-cluster-info.txt').filter((i) => i.kind !== 'Service' && i.kind !== 'Event');
  const snapshot = Date.parse('2019-12-26T10:12:29Z'); // the dump's latest timestamp

  it('a Terminating pod holds its node until its grace period ends, and is replaced at once', async () => {
    const edited = clone(items);
    const redis = edited.find((i) => i.kind === 'Pod' && i.metadata.name.startsWith('redis-deployment-'))!;
    // Set here: deleted 10 s before the snapshot with the default 30 s grace period.
    redis.metadata.deletionTimestamp = new Date(snapshot + 20_000).toISOString().replace('.000', '');
    redis.metadata.deletionGracePeriodSeconds = 30;
    const r = await run(edited, 'duration: 2m\n');
    // Not active from t=0 (a deletionTimestamp): the ReplicaSet (1 replica) creates a replacement
    // at t=0, named after it (its second pod: redis-deployment-74bb8bb895-2); the old pod goes
    // when its grace period ends, 30 − 10 = 20 s in — the node's requests drop then.
    expect(events(r, (e) => e.reason === 'SuccessfulCreate').map(([t, , m]) => [t, m])).toEqual([[0, 'Created pod: redis-deployment-74bb8bb895-2']]);
    const redisNode = r.nodes[0].samples;
    const before = redisNode.find((s) => s.time === 0)!;
    const after = redisNode.find((s) => s.time >= 20_000)!;
    expect(after.time).toBe(20_000);
    expect(before.pods - after.pods).toBe(1);
  });

  it('a running pod that is not Ready becomes Ready through its readiness probe', async () => {
    const edited = clone(items);
    const coredns = edited.find((i) => i.kind === 'Pod' && i.metadata.name === 'coredns-6dcc67dcbc-pfrkk')!;
    // Set here: its Ready condition False (the container runs; its readiness probe fails).
    coredns.status.conditions = coredns.status.conditions.map((c: Obj) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
    const r = await run(edited, 'duration: 1m\n');
    // coredns's readiness probe: period 10 s, initialDelay 0, one success. The container has run
    // since before t=0; the prober ticks from the kubelet's start, t = 0, 10, …: the first tick
    // (0 s) succeeds → Ready at t=0. The other coredns pod was Ready all along: 2 of 2 available.
    const w = r.workloads.find((x) => x.key === 'kube-system/coredns')!;
    expect(w.samples[0]).toMatchObject({ time: 0, ready: 2, available: 2 });
  });
});

describe('a Deployment caught mid-rollout (test/fixtures/io/kubectl/cluster.json, shop/web)', () => {
  it('keeps its old and new ReplicaSets by name, and the rollout resumes and completes', async () => {
    const r = simulate(await loadScenario(await scenarioFile(join(PUBLIC, '../cluster.json'), 'duration: 5m\n')));
    // web: 3 replicas, maxSurge 25% → 1, maxUnavailable 0, minReadySeconds 5. The dump has the
    // new ReplicaSet web-7d4b9c (revision 2 = the Deployment's) at 1 with 3 pods (one Pending) and
    // the old web-5f6d7e (revision 1) at 1 with 1 pod. t=0: NewRSNewReplicas = min(3 + 1 − (1 + 1)
    // + 1, 3) = 3. The Pending pod is scheduled and starts at once; its readiness probe (period
    // 5 s) succeeds at its first tick, t=0; available after minReadySeconds, 5 s: then the old
    // ReplicaSet can go (4 pods − 3 min available − 0 unavailable = 1) and the rollout is complete.
    expect(events(r, (e) => e.reason === 'ScalingReplicaSet' && e.workload === 'web')).toEqual([
      [0, 'ScalingReplicaSet', 'Scaled up replica set web-7d4b9c from 1 to 3'],
      [5, 'ScalingReplicaSet', 'Scaled down replica set web-5f6d7e from 1 to 0'],
    ]);
    const web = r.workloads.find((w) => w.key === 'shop/web')!;
    expect([web.rolloutStartedAt, web.rolloutCompletedAt]).toEqual([0, 5_000]);
  });
});

/** A scenario file over an existing dump. */
async function scenarioFile(dump: string, rest: string): Promise<string> {
  const p = join(tmp, `s${n++}.yaml`);
  writeFileSync(p, `name: t\ninventory: {kubectl: ${dump}}\n${rest}`);
  return p;
}
