// What a dump's objects become: FindNewReplicaSet by template (not by a name or an annotation),
// PriorityClasses giving pods their priority, HorizontalPodAutoscalers shown, the snapshot's
// time, kinds told by selfLink or shape, and the taint-eviction replay over a dump's timeAdded.
import { describe, expect, it } from 'vitest';
import { kubectlFromDumps, parseKubectlDump } from '../../src/io/kubectl.js';
import { dumpFromText } from '../../src/io/dump-source.js';
import { inferKind } from '../../src/io/kubectl-kinds.js';
import { importLines } from '../../src/io/import-summary.js';
import { scenarioFromDocument } from '../../src/io/scenario.js';
import { replayTaintEviction } from '../../src/model/taints.js';
import type { Taint, Toleration } from '../../src/model/types.js';
import { type Obj, publicItems } from '../helpers/dumps.js';

const list = (items: Obj[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
const docker = () => publicItems('docker-desktop-cluster-info.txt').filter((i) => i.kind !== 'Service' && i.kind !== 'Event');

describe('the most common dump, `kubectl get nodes,pods -A -o json` (docker-desktop\'s Nodes and Pods only)', () => {
  const items = docker().filter((i) => i.kind === 'Node' || i.kind === 'Pod');
  const inv = parseKubectlDump(list(items), 'd.json');

  it('has its Deployments, from the pods\' ReplicaSets, with as many replicas as pods', () => {
    const byDeployment = new Map<string, number>();
    for (const p of items.filter((i) => i.kind === 'Pod' && i.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet')) {
      const rs = p.metadata.ownerReferences[0].name as string;
      const key = `${p.metadata.namespace}/${rs.slice(0, -(p.metadata.labels['pod-template-hash'].length + 1))}`;
      byDeployment.set(key, (byDeployment.get(key) ?? 0) + 1);
    }
    expect(new Map(inv.deployments.map((d) => [`${d.namespace}/${d.name}`, d.replicas]))).toEqual(byDeployment);
    expect(inv.daemonSets?.map((d) => d.name)).toEqual(['kube-proxy']);
  });

  it('so a rollout of one of its services is a scenario event like any other', async () => {
    const s = await scenarioFromDocument({ events: [{ at: '1m', rollout: { workload: 'default/server-deployment' } }] }, { inventory: inv });
    expect(s.events.map((e) => e.label)).toEqual(['rollout default/server-deployment (restart)']);
  });
});

describe('ReplicaSets of a dumped Deployment (docker-desktop: postgres has three)', () => {
  it('keeps the new one by FindNewReplicaSet (template equal but for pod-template-hash), drops empty history', () => {
    const inv = parseKubectlDump(list(docker()), 'd.json');
    const postgres = inv.deployments.find((d) => d.name === 'postgres-deployment')!;
    // postgres-deployment-98b87b779 (revision 3, 1 replica, its pod) is new; -6d6c4b667b and
    // -79577c9bd4 are scaled to 0 with no pods: history, left out.
    expect(postgres.replicaSets).toEqual([{ name: 'postgres-deployment-98b87b779', revision: 3, replicas: 1, template: null, desiredReplicas: 1, maxReplicas: 2 }]);
    expect(inv.pods.find((p) => p.name.startsWith('postgres-deployment-'))).toMatchObject({ replicaSet: 'postgres-deployment-98b87b779', spec: null });
  });

  it('by template, not by the revision annotation; with neither matching, none (the controller makes one at t=0)', () => {
    const items = docker();
    const d = items.find((i) => i.kind === 'Deployment' && i.metadata.name === 'server-deployment')!;
    d.metadata.annotations['deployment.kubernetes.io/revision'] = '1'; // the old one's revision
    const byTemplate = parseKubectlDump(list(items), 'd.json').deployments.find((x) => x.name === 'server-deployment')!;
    expect(byTemplate.replicaSets?.find((r) => r.template === null)?.name).toBe('server-deployment-54499f865b');
    // A template edited after the dump's ReplicaSets (a new image): no ReplicaSet runs it.
    d.spec.template.spec.containers[0].image = 'other:2';
    const none = parseKubectlDump(list(items), 'd.json').deployments.find((x) => x.name === 'server-deployment')!;
    expect(none.replicaSets?.some((r) => r.template === null)).toBe(false);
  });
});

describe('PriorityClasses and HorizontalPodAutoscalers', () => {
  const items = docker();
  const pc = (name: string, value: number, globalDefault = false) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, globalDefault });
  const server = items.find((i) => i.kind === 'Deployment' && i.metadata.name === 'server-deployment')!;
  server.spec.template.spec.priorityClassName = 'business-critical';
  const hpa = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'server', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'server-deployment' }, minReplicas: 2, maxReplicas: 10, metrics: [] },
  };
  const inv = parseKubectlDump(list([...items, pc('business-critical', 100_000), pc('everyone', 10, true), hpa]), 'd.json');

  it('a template naming a class gets its value; one naming none, the global default', () => {
    expect(inv.deployments.find((d) => d.name === 'server-deployment')?.template.priority).toBe(100_000);
    // client-deployment names no class: the globalDefault class's 10 (Priority admission)
    expect(inv.deployments.find((d) => d.name === 'client-deployment')?.template.priority).toBe(10);
    // a built-in class keeps its value
    expect(inv.deployments.find((d) => d.name === 'coredns')?.template.priority).toBe(2_000_000_000);
  });

  it('inspect shows the HPA and the classes', () => {
    expect(inv.dump?.hpas).toEqual([{ name: 'default/server', target: 'Deployment/default/server-deployment', minReplicas: 2, maxReplicas: 10 }]);
    const lines = importLines(inv);
    expect(lines).toContain('HorizontalPodAutoscalers (shown, not simulated): default/server → Deployment/default/server-deployment 2–10 replicas.');
    expect(lines).toContain('PriorityClasses: business-critical (100000), everyone (10).');
  });
});

describe('inspect\'s import lines', () => {
  it('name skipped kinds in the plural, and items without kind as such', () => {
    const items: Obj[] = [
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '1', memory: '1Gi', pods: '10' } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's1', namespace: 'a' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's2', namespace: 'a' } },
      { metadata: { name: 'x1' } },
      { metadata: { name: 'x2' } },
    ];
    const lines = importLines(parseKubectlDump(list(items), 'd.json'));
    expect(lines.find((l) => l.startsWith('Skipped'))).toBe('Skipped (not read): 2 (without kind) · 2 Services.');
  });
});

describe("the snapshot's time", () => {
  it("is the dump's latest timestamp, or the scenario's snapshotTime", async () => {
    const inv = kubectlFromDumps([dumpFromText(list(docker()), 'd.json')]);
    expect(inv.snapshotTime).toBe(Date.parse('2019-12-26T10:12:29Z'));
    const s = await scenarioFromDocument({ snapshotTime: '2019-12-26T11:00:00Z' }, { inventory: inv });
    expect(s.inventory.snapshotTime).toBe(Date.parse('2019-12-26T11:00:00Z'));
    await expect(scenarioFromDocument({ snapshotTime: 'noon' }, { inventory: inv })).rejects.toThrow(/snapshotTime: "noon": expected an RFC 3339 time/);
  });

  it('a Terminating pod counts from when it was deleted (deletionTimestamp less its grace), not its deadline', () => {
    const items = docker();
    const pod = items.find((i) => i.kind === 'Pod' && i.metadata.name.startsWith('redis-deployment-'))!;
    pod.metadata.deletionTimestamp = '2019-12-26T11:00:30Z';
    pod.metadata.deletionGracePeriodSeconds = 30;
    expect(parseKubectlDump(list(items), 'd.json').snapshotTime).toBe(Date.parse('2019-12-26T11:00:00Z'));
  });
});

describe('kinds of objects that do not say', () => {
  it('by selfLink (older API servers), else by the fields only that kind has', () => {
    expect(inferKind({ metadata: { selfLink: '/api/v1/namespaces/x/pods/p' } }, undefined)).toBe('Pod');
    expect(inferKind({ metadata: { selfLink: '/apis/apps/v1/namespaces/x/deployments/d' } }, undefined)).toBe('Deployment');
    const [node, pod, deploy, rs, ds] = ['Node', 'Pod', 'Deployment', 'ReplicaSet', 'DaemonSet'].map((k) => docker().find((i) => i.kind === k)!);
    for (const [o, kind] of [[node, 'Node'], [pod, 'Pod'], [deploy, 'Deployment'], [rs, 'ReplicaSet'], [ds, 'DaemonSet']] as const) {
      const { kind: _k, ...bare } = o;
      delete bare.metadata.selfLink;
      expect(inferKind(bare, undefined), kind).toBe(kind);
    }
    // A hand-written DaemonSet with only a selector and a template (no updateStrategy, no status).
    expect(inferKind({ metadata: { name: 'agent' }, spec: { selector: {}, template: { spec: { containers: [] } } } }, undefined)).toBe('DaemonSet');
    expect(inferKind({ metadata: { name: 'x' }, spec: { minAvailable: 1, selector: {} } }, undefined)).toBe('PodDisruptionBudget');
    expect(inferKind({ metadata: { name: 'x' }, value: 1000, globalDefault: false }, undefined)).toBe('PriorityClass');
    expect(inferKind({ metadata: { name: 'x' }, spec: { ports: [] } }, undefined)).toBeUndefined();
  });
});

describe('replayTaintEviction (processPodOnNode at each time the controller ran it)', () => {
  const tol = (key: string, seconds: number | null): Toleration => ({ key, operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: seconds });
  const taint = (key: string, timeAdded?: number): Taint => ({ key, value: '', effect: 'NoExecute', ...(timeAdded !== undefined ? { timeAdded } : {}) });
  const unreachable = 'node.kubernetes.io/unreachable';

  it('counts from the taint when the pod was there before it, from the binding when after', () => {
    expect(replayTaintEviction([tol(unreachable, 300)], [taint(unreachable, -200_000)], -Infinity, 0)).toEqual({ kind: 'wait', scheduled: { createdAtMs: -200_000, fireAtMs: 100_000 } });
    expect(replayTaintEviction([tol(unreachable, 300)], [taint(unreachable, -200_000)], -50_000, 0)).toEqual({ kind: 'wait', scheduled: { createdAtMs: -50_000, fireAtMs: 250_000 } });
    // a taint without timeAdded: seen now
    expect(replayTaintEviction([tol(unreachable, 300)], [taint(unreachable)], -Infinity, 0)).toEqual({ kind: 'wait', scheduled: { createdAtMs: 0, fireAtMs: 300_000 } });
  });

  it('a second taint does not move a deletion already queued; one tolerated forever first starts the clock later', () => {
    const tols = [tol(unreachable, 300), tol('b', 60), tol('forever', null)];
    // unreachable at −200 s (due 100 s); b at −10 s: the queued deletion is kept (created earlier)
    expect(replayTaintEviction(tols, [taint(unreachable, -200_000), taint('b', -10_000)], -Infinity, 0)).toEqual({ kind: 'wait', scheduled: { createdAtMs: -200_000, fireAtMs: 100_000 } });
    // forever at −500 s (cancel: nothing queued), then b at −30 s: due 30 s from now
    expect(replayTaintEviction(tols, [taint('forever', -500_000), taint('b', -30_000)], -Infinity, 0)).toEqual({ kind: 'wait', scheduled: { createdAtMs: -30_000, fireAtMs: 30_000 } });
    // an untolerated one: now
    expect(replayTaintEviction(tols, [taint('x', -1)], -Infinity, 0)).toEqual({ kind: 'deleteNow' });
    expect(replayTaintEviction(tols, [taint('forever', -1)], -Infinity, 0)).toEqual({ kind: 'cancel' });
  });
});
