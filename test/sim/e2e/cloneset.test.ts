// End-to-end OpenKruise CloneSets, each row derived by hand from Kruise's rules (cloneset_update.go
// Update / limitUpdateIndexes, cloneset_scale.go Scale, inplaceupdate Update / Refresh) and the
// kubelet's (a changed container hash: kill, pull, start; the readiness prober's grid), never
// copied from a run. Columns: replicas = active pods, updated = status.updatedReplicas (pods whose
// controller-revision-hash is the update revision), ready/available = Ready (InPlaceUpdateReady
// gate included), terminating = deleted but still holding their node.
//
// The set: 4 replicas on 2 nodes, maxUnavailable 1 (maxSurge 0), startSeconds 5 (image pull and
// sandbox), warmupSeconds 3, shutdownSeconds 2, readiness probe every 10 s. The pods run Ready at
// t=0 (steady state: the kubelet's probe grid is anchored at 0 → ticks 0, 10, 20 …). A rollout
// at 100 s changes only the image.
import { describe, expect, it } from 'vitest';
import type { CloneSet } from '../../../src/model/types.js';
import type { SimResult } from '../../../src/sim/result.js';
import { simulate } from '../../../src/sim/simulation.js';
import { cloneSet, node, probe, rollout, scenario } from '../../helpers/scenario.js';

const cols = ['desired', 'replicas', 'updated', 'ready', 'available', 'unavailable', 'pending', 'terminating'] as const;
type Row = Record<(typeof cols)[number], number>;
const row = (...v: number[]): Row => Object.fromEntries(cols.map((c, i) => [c, v[i]])) as Row;
function rowsOf(r: SimResult): Record<number, Row> {
  const out: Record<number, Row> = {};
  for (const s of r.workloads[0].samples) out[s.time / 1000] = Object.fromEntries(cols.map((c) => [c, s[c]])) as Row;
  return out;
}
const events = (r: SimResult, reason: string) => r.events.filter((e) => e.reason === reason).map((e) => [e.time / 1000, e.object.split('/').pop()]);

const TPL = { startSeconds: 5, warmupSeconds: 3, shutdownSeconds: 2, readinessProbe: probe({ periodSeconds: 10 }) };
const run = (over: Partial<CloneSet>, change = {}, durationS = 200) => {
  const web = cloneSet('shop/web', { replicas: 4, maxUnavailable: 1, ...over }, TPL);
  return simulate(scenario({ nodes: [node('n1'), node('n2')], deployments: [], cloneSets: [web], events: [rollout(100, web, change)], durationS }));
};
// The pods in creation order (generateName: web-xxxxx); ActivePods.Less ties every Ready pod
// (same ready time, restarts and creation), so they are updated in that order.
const PODS = ['web-bbbbb', 'web-cdn6r', 'web-dg2zb', 'web-fjfvs'];

describe('CloneSet InPlaceIfPossible, image-only rollout', () => {
  const r = run({ updateStrategy: 'InPlaceIfPossible' });

  it('updates one pod at a time in place: no new pod, no pod terminating, updated counts at once', () => {
    expect(rowsOf(r)).toEqual({
      //        desired replicas updated ready available unavailable pending terminating
      0: row(4, 4, 4, 4, 4, 0, 0, 0),
      // 100: updateNum 4, updateMaxUnavailable 1 → one pod: InPlaceUpdateReady False (Ready
      // False), its label at the new revision, the image patched; its kubelet kills the
      // container (SIGTERM, exits after 2 s: 102), pulls (5 s: 107), starts it (107, answers at
      // 110), the readiness tick at 110 passes → Ready at 110.
      100: row(4, 4, 1, 3, 3, 1, 0, 0),
      // 110: the first is available again → the next one (kill 110–112, start 117, Ready at tick 120)
      110: row(4, 4, 2, 3, 3, 1, 0, 0),
      120: row(4, 4, 3, 3, 3, 1, 0, 0), // third: 120 → 122 → 127 → Ready 130
      130: row(4, 4, 4, 3, 3, 1, 0, 0), // fourth: 130 → 132 → 137 → Ready 140
      140: row(4, 4, 4, 4, 4, 0, 0, 0),
      200: row(4, 4, 4, 4, 4, 0, 0, 0),
    });
  });

  it("says so in Kruise's and the kubelet's events: update in place, Killing, Started — and nothing scheduled", () => {
    const inPlace = r.events.filter((e) => e.reason === 'SuccessfulUpdatePodInPlace').map((e) => [e.time / 1000, e.object, e.message.split(' ')[3]]);
    expect(inPlace).toEqual(PODS.map((p, i) => [100 + 10 * i, 'cloneset/shop/web', p]));
    expect(events(r, 'Killing')).toEqual(PODS.map((p, i) => [100 + 10 * i, p]));
    // Started: kill 2 s + pull 5 s after each update.
    expect(events(r, 'Started')).toEqual(PODS.map((p, i) => [107 + 10 * i, p]));
    expect(r.events.some((e) => e.reason === 'Killing' && e.message === 'Container app definition changed, will be restarted')).toBe(true);
    expect(events(r, 'Scheduled')).toEqual([]);
    expect(events(r, 'SuccessfulCreate')).toEqual([]);
  });

  it('keeps every pod (name and node) and counts one restart each; the rollout is done at 140', () => {
    const w = r.workloads[0];
    expect(r.stats.podsCreated).toBe(4);
    expect(w.restarts).toBe(4);
    expect([w.rolloutStartedAt, w.rolloutCompletedAt]).toEqual([100_000, 140_000]);
    const tl = r.pods!;
    expect(tl.pods.map((p) => p.name).sort()).toEqual(PODS);
    const rows = tl.rows.filter((x) => tl.pods[x.pod].name === PODS[0]);
    expect(new Set(rows.map((p) => p.node)).size).toBe(1);
    // pod-status.csv: Ready gone at 100 (containers still ready), ContainerCreating at 102, Running 0/1 with 1 restart at 107, Ready at 110.
    // READINESS GATES: Kruise's InPlaceUpdateReady, False from 100 until the new container runs (107).
    expect(rows.filter((p) => p.time >= 100_000 && p.time <= 110_000).map((p) => [p.time / 1000, p.status, p.ready, p.restarts, p.conditions, p.readinessGates])).toEqual([
      [100, 'Running', '1/1', 0, 'PodScheduled;Initialized;ContainersReady', '0/1'],
      [102, 'ContainerCreating', '0/1', 0, 'PodScheduled;Initialized', '0/1'],
      [107, 'Running', '0/1', 1, 'PodScheduled;Initialized', '1/1'],
      [110, 'Running', '1/1', 1, 'PodScheduled;Initialized;ContainersReady;Ready', '1/1'],
    ]);
    expect(rows[0].readinessGates).toBe('1/1');
  });
});

describe('CloneSet ReCreate, the same rollout (contrast)', () => {
  const r = run({ updateStrategy: 'ReCreate' });

  it('deletes and recreates one pod at a time: the replacement is scheduled, and Ready on its own probe grid', () => {
    expect(rowsOf(r)).toEqual({
      //        desired replicas updated ready available unavailable pending terminating
      0: row(4, 4, 4, 4, 4, 0, 0, 0),
      // 100: the pod is labelled specified-delete, Scale deletes it (deleteReadyLimit 1 + 0 − 0 = 1)
      // and creates its replacement at the update revision (scaleUpNum 1); bound at once, admitted
      // at 100 (probe grid 100, 110 …), started at 105, answers at 108 → Ready at the 110 tick.
      // The old one terminates until 102 (SIGTERM, 2 s).
      100: row(4, 4, 1, 3, 3, 1, 0, 1),
      102: row(4, 4, 1, 3, 3, 1, 0, 0),
      110: row(4, 4, 2, 3, 3, 1, 0, 1),
      112: row(4, 4, 2, 3, 3, 1, 0, 0),
      120: row(4, 4, 3, 3, 3, 1, 0, 1),
      122: row(4, 4, 3, 3, 3, 1, 0, 0),
      130: row(4, 4, 4, 3, 3, 1, 0, 1),
      132: row(4, 4, 4, 3, 3, 1, 0, 0),
      140: row(4, 4, 4, 4, 4, 0, 0, 0),
      200: row(4, 4, 4, 4, 4, 0, 0, 0),
    });
  });

  it('makes 4 new pods (scheduled), no restarts', () => {
    expect(events(r, 'SuccessfulUpdatePodReCreate').map((e) => e[0])).toEqual([100, 110, 120, 130]);
    expect(events(r, 'Scheduled').map((e) => e[0])).toEqual([100, 110, 120, 130]);
    expect(r.stats.podsCreated).toBe(8);
    expect(r.workloads[0].restarts).toBe(0);
    expect(r.workloads[0].rolloutCompletedAt).toBe(140_000);
  });
});

describe('CloneSet InPlaceIfPossible with a change that is not the image', () => {
  // defaultCalculateInPlaceUpdateSpec: a resources patch → nil → recreate, as ReCreate does.
  const r = run({ updateStrategy: 'InPlaceIfPossible' }, { cpu: 200 });
  it('falls back to recreating the pods', () => {
    expect(events(r, 'SuccessfulUpdatePodInPlace')).toEqual([]);
    expect(events(r, 'SuccessfulUpdatePodReCreate').map((e) => e[0])).toEqual([100, 110, 120, 130]);
    expect(r.stats.podsCreated).toBe(8);
  });
});

describe('CloneSet in place with inPlaceUpdateStrategy.gracePeriodSeconds 5', () => {
  const r = run({ updateStrategy: 'InPlaceIfPossible', inPlaceGraceSeconds: 5 }, {}, 160);
  // 100: not Ready, label moved, image not yet written (grace annotation); 105 (finishGracePeriod):
  // image patched → kill 105–107, pull → start 112, answers 115 → Ready at the 120 tick.
  // 120: next pod (its grace to 125, kill to 127, start 132, answers 135, Ready 140), …
  it('marks the pod not ready first, restarts it after the grace period', () => {
    expect(events(r, 'Killing').map((e) => e[0])).toEqual([105, 125, 145]);
    expect(events(r, 'Started').map((e) => e[0])).toEqual([112, 132, 152]);
    expect(rowsOf(r)[100]).toEqual(row(4, 4, 1, 3, 3, 1, 0, 0));
    expect(rowsOf(r)[120]).toEqual(row(4, 4, 2, 3, 3, 1, 0, 0));
  });
});

describe('CloneSet partition 2 (maxUnavailable 2)', () => {
  const r = run({ updateStrategy: 'InPlaceIfPossible', partition: 2, maxUnavailable: 2 });
  // updateNum = old active 4 − partition 2 = 2, both at once (updateMaxUnavailable 2): Ready at 110.
  it('updates only replicas − partition pods, together, and is done', () => {
    expect(rowsOf(r)[100]).toEqual(row(4, 4, 2, 2, 2, 2, 0, 0));
    expect(rowsOf(r)[110]).toEqual(row(4, 4, 2, 4, 4, 0, 0, 0));
    expect(events(r, 'SuccessfulUpdatePodInPlace').length).toBe(2);
    expect(r.workloads[0].rolloutCompletedAt).toBe(110_000);
  });
});

describe('CloneSet scale', () => {
  const web = cloneSet('shop/web', { replicas: 4 }, TPL);
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [], cloneSets: [web], events: [{ at: 10, action: { kind: 'scale', workload: 'shop/web', replicas: 6 } }, { at: 60, action: { kind: 'scale', workload: 'shop/web', replicas: 3 } }], durationS: 100 }));
  it('creates web-xxxxx pods owned by the CloneSet and deletes the not-ready or newest first', () => {
    // 10: two pods created, admitted (grid 10, 20 …), started 15, answer 18 → Ready at 20.
    expect(rowsOf(r)[10]).toEqual(row(6, 6, 6, 4, 4, 2, 0, 0));
    expect(rowsOf(r)[20]).toEqual(row(6, 6, 6, 6, 6, 0, 0, 0));
    // 60: scale to 3 → 3 deleted (deleteReadyLimit = 20% of 3 → 1 + (6 − 3) − 0 = 4 ≥ 3), terminating 2 s.
    expect(rowsOf(r)[60]).toEqual(row(3, 3, 3, 3, 3, 0, 0, 3));
    expect(r.events.filter((e) => e.reason === 'SuccessfulCreate').every((e) => /succeed to create pod web-[a-z0-9]{5}$/.test(e.message))).toBe(true);
  });
});

describe('CloneSet InPlaceOnly with a change that is not the image (reaching the controller: a dump caught mid-update)', () => {
  // The scenario loader refuses such a rollout as Kruise's webhook does; a CloneSet already at a
  // new revision (from a dump) still meets it. updatePod: "find Pod … update strategy is
  // InPlaceOnly but can not update in-place" — the error is returned, nothing is recreated.
  const r = run({ updateStrategy: 'InPlaceOnly' }, { cpu: 200 });
  it('updates nothing, warns once per pod, never completes', () => {
    const warned = r.events.filter((e) => e.reason === 'FailedUpdatePodInPlace');
    // limitUpdateIndexes lets one available pod through per pass; it stays old, so the same pod is tried again (one warning).
    expect(warned.map((e) => [e.time / 1000, e.type])).toEqual([[100, 'Warning']]);
    expect(rowsOf(r)[200]).toEqual(row(4, 4, 0, 4, 4, 0, 0, 0));
    expect(r.stats.podsCreated).toBe(4);
    expect(r.workloads[0].rolloutCompletedAt).toBe(-1);
  });
});

describe('a CloneSet from a kubectl dump caught mid-update (InPlaceIfPossible, maxUnavailable 1)', () => {
  // 3 pods on n1, Ready: cache-aaaaa at status.updateRevision (image cache:2), cache-bbbbb and
  // cache-ccccc at the old hash (image cache:1). t=0: updatedReplicas 1 → updateNum 2,
  // updateMaxUnavailable 1 → one old pod updated in place at once (the other waits): kill at 0
  // (no shutdown time: gone at once), pull 0 s, start at 0 → Ready (no readiness probe: ready
  // when started) → the second at 0 as well. No pod is created; two restarts.
  const tmpl = (image: string) => ({ metadata: { labels: { app: 'cache' } }, spec: { containers: [{ name: 'c', image, resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } });
  const pod = (name: string, hash: string, image: string) => ({
    kind: 'Pod',
    metadata: { name, namespace: 'shop', creationTimestamp: '2025-01-01T00:00:00Z', labels: { app: 'cache', 'controller-revision-hash': hash }, ownerReferences: [{ kind: 'CloneSet', name: 'cache', controller: true }] },
    spec: { nodeName: 'n1', tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], ...tmpl(image).spec },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: { startedAt: '2025-01-01T00:00:10Z' } } }] },
  });
  const text = JSON.stringify({
    kind: 'List',
    items: [
      { kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } },
      { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'cache', namespace: 'shop' }, spec: { replicas: 3, updateStrategy: { type: 'InPlaceIfPossible', maxUnavailable: 1 }, template: tmpl('cache:2') }, status: { updateRevision: 'cache-new' } },
      pod('cache-aaaaa', 'cache-new', 'cache:2'),
      pod('cache-bbbbb', 'cache-old', 'cache:1'),
      pod('cache-ccccc', 'cache-old', 'cache:1'),
    ],
  });
  it('goes on updating the old pods in place from t=0', async () => {
    const { parseKubectlDump } = await import('../../../src/io/kubectl.js');
    const inv = parseKubectlDump(text, 'dump.json');
    const s = scenario({ nodes: inv.nodes as never, deployments: [], cloneSets: [...inv.cloneSets!], pods: [...inv.pods], durationS: 60 });
    const r = simulate({ ...s, inventory: { ...s.inventory, snapshotTime: inv.snapshotTime } });
    expect(r.events.filter((e) => e.reason === 'SuccessfulUpdatePodInPlace').map((e) => [e.time, e.message.split(' ')[3]])).toEqual([
      [0, 'cache-bbbbb'],
      [0, 'cache-ccccc'],
    ]);
    expect(r.stats.podsCreated).toBe(3);
    expect(r.workloads[0].restarts).toBe(2);
    expect(rowsOf(r)[60]).toEqual(row(3, 3, 3, 3, 3, 0, 0, 0));
  });
});

describe('an in-place update while the node is unreachable', () => {
  // n1 (all 4 pods) unreachable at 50. Rollout at 100: Kruise updates the first pod (Ready False,
  // label moved, image written) but its kubelet is cut off and does not hear of it; the others
  // stay old (limitUpdateIndexes: one pod of the target revision unavailable = maxUnavailable 1).
  // The node lifecycle controller then marks the pods not Ready. Recovery at 150: the kubelet
  // re-reports the 3 old pods Ready and its first sync of the updated one finds the container's
  // hash changed: kill 150–152, pull → start 157, answers 160, Ready at the 160 tick (grid from
  // 0); then one pod per 10 s as before: 160, 170, 180 → all Ready at 190.
  const web = cloneSet('shop/web', { replicas: 4, maxUnavailable: 1, updateStrategy: 'InPlaceIfPossible' }, TPL);
  const r = simulate(scenario({
    nodes: [node('n1')],
    deployments: [],
    cloneSets: [web],
    events: [{ at: 50, action: { kind: 'nodeFailure', node: 'n1', mode: 'unreachable' } }, rollout(100, web), { at: 150, action: { kind: 'nodeRecover', node: 'n1' } }],
    durationS: 400,
  }));
  it('restarts the updated container once the kubelet is back, then goes on', () => {
    expect(r.events.filter((e) => e.reason === 'SuccessfulUpdatePodInPlace').map((e) => e.time / 1000)).toEqual([100, 160, 170, 180]);
    expect(r.events.filter((e) => e.reason === 'Killing').map((e) => e.time / 1000)).toEqual([150, 160, 170, 180]);
    expect(rowsOf(r)[150]).toEqual(row(4, 4, 1, 3, 3, 1, 0, 0));
    expect(rowsOf(r)[190]).toEqual(row(4, 4, 4, 4, 4, 0, 0, 0));
    expect(r.workloads[0].rolloutCompletedAt).toBe(190_000);
  });
});

describe('a drain of a node with CloneSet pods, under a PDB', () => {
  // PDB minAvailable 3 of 4 (expected pods = the CloneSet's scale, 4): one eviction at a time.
  // Each evicted pod is gone after its 2 s shutdown; Scale creates its replacement at once
  // (scaleUpNum 1), which lands on the other node, starts at +5 s and is Ready at its probe tick.
  const web = cloneSet('shop/web', { replicas: 4, maxUnavailable: 1 }, TPL);
  const r = simulate(scenario({
    nodes: [node('n1'), node('n2')],
    deployments: [],
    cloneSets: [web],
    pdbs: [{ namespace: 'shop', name: 'web', selector: { app: 'web' }, minAvailable: 3, maxUnavailable: null }],
    events: [{ at: 10, action: { kind: 'drain', node: 'n1' } }],
    durationS: 200,
  }));
  it('replaces every evicted pod on the other node, never below the PDB', () => {
    const w = r.workloads[0];
    const onN1 = r.pods!.pods.filter((p) => r.pods!.rows.some((x) => r.pods!.pods[x.pod] === p && x.node === 'n1')).length;
    expect(w.evictions).toBe(onN1);
    expect(onN1).toBeGreaterThan(0);
    expect(Math.min(...w.samples.map((s) => s.available))).toBeGreaterThanOrEqual(3);
    expect(w.samples[w.samples.length - 1]).toMatchObject({ replicas: 4, available: 4 });
    expect(r.stats.podsCreated).toBe(4 + onN1);
  });
});
