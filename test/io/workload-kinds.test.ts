// StatefulSets and DaemonSets in every loader: workloads.csv (kind and its columns), pods.csv,
// a scenario's overrides and events (kind/namespace/name naming on clashes, scale refused on a
// DaemonSet), and kubectl dumps (StatefulSets, DaemonSets, ControllerRevisions, PVCs and PVs).
// Each error path has a test; messages name the file and line or the field path.
import { describe, expect, it } from 'vitest';
import { parsePodsCsv } from '../../src/io/csv/pods.js';
import { parseWorkloadsCsv } from '../../src/io/csv/workloads.js';
import { parseKubectlDump } from '../../src/io/kubectl.js';
import { INVENTORY_BASE, inputError, scenarioFolder } from '../helpers/inputs.js';

const HEADER = 'namespace,name,kind,replicas,cpu_request,memory_request,strategy,partition,pod_management_policy,max_unavailable,max_surge,volume_zone,progress_deadline_seconds\n';

const error = inputError;

describe('workloads.csv kinds', () => {
  it('reads a StatefulSet and a DaemonSet with their defaults and columns', async () => {
    const r = await parseWorkloadsCsv(
      HEADER +
        'data,db,StatefulSet,3,500m,1Gi,,2,Parallel,50%,,zone-a;zone-b,\n' +
        'data,cache,statefulset,2,100m,128Mi,OnDelete,,,,,none,\n' +
        'kube-system,agent,DaemonSet,,50m,64Mi,,,,0,1,,\n' +
        'shop,web,,4,100m,128Mi,,,,,,,\n',
      'workloads.csv',
    );
    expect(r.deployments.map((d) => d.name)).toEqual(['web']);
    expect(r.statefulSets[0]).toMatchObject({
      namespace: 'data',
      name: 'db',
      replicas: 3,
      podManagementPolicy: 'Parallel',
      updateStrategy: 'RollingUpdate',
      partition: 2,
      maxUnavailable: '50%',
      minReadySeconds: 0,
      ordinalsStart: 0,
      volumeClaims: ['data'],
      claimZones: { 0: 'zone-a', 1: 'zone-b' },
    });
    expect(r.statefulSets[1]).toMatchObject({ updateStrategy: 'OnDelete', partition: 0, maxUnavailable: null, podManagementPolicy: 'OrderedReady', volumeClaims: [], claimZones: {} });
    expect(r.daemonSets[0]).toMatchObject({ namespace: 'kube-system', name: 'agent', updateStrategy: 'RollingUpdate', maxUnavailable: 0, maxSurge: 1 });
  });

  it('a single volume_zone pins every ordinal; empty means each is pinned where it first runs', async () => {
    const r = await parseWorkloadsCsv(HEADER + 'data,a,StatefulSet,3,1,1Gi,,,,,,zone-b,\ndata,b,StatefulSet,2,1,1Gi,,,,,,,\n', 'workloads.csv');
    expect(r.statefulSets.map((s) => [s.volumeClaims, s.claimZones])).toEqual([
      [['data'], { 0: 'zone-b', 1: 'zone-b', 2: 'zone-b' }],
      [['data'], {}],
    ]);
  });

  it('allows a StatefulSet and a Deployment of the same name, but not two StatefulSets', async () => {
    const ok = await parseWorkloadsCsv(HEADER + 'data,db,StatefulSet,3,1,1Gi,,,,,,,\ndata,db,,1,1,1Gi,,,,,,,\n', 'workloads.csv');
    expect([ok.statefulSets.length, ok.deployments.length]).toEqual([1, 1]);
    expect(await error(parseWorkloadsCsv(HEADER + 'data,db,StatefulSet,3,1,1Gi,,,,,,,\ndata,db,StatefulSet,1,1,1Gi,,,,,,,\n', 'workloads.csv'))).toBe(
      'workloads.csv:3: duplicate StatefulSet "data/db" (first on line 2)',
    );
  });

  it.each([
    ['data,db,Job,1,1,1Gi,,,,,,,', 'workloads.csv:2: replicas "1": not a Job field: a Job has no replicas: it runs `parallelism` pods at a time until `completions` of them succeed (leave replicas empty, set parallelism)'],
    ['data,db,CronJob,1,1,1Gi,,,,,,,', 'workloads.csv:2: kind "CronJob": expected Deployment, StatefulSet, DaemonSet, Job or CloneSet'],
    ['data,db,,1,1,1Gi,,2,,,,,', 'workloads.csv:2: partition "2": not a Deployment field: only for StatefulSets'],
    ['data,db,,1,1,1Gi,,,,,,zone-a,', 'workloads.csv:2: volume_zone "zone-a": not a Deployment field: only for StatefulSets (a Deployment has no per-pod volumes)'],
    ['data,db,StatefulSet,1,1,1Gi,,,,,1,,', 'workloads.csv:2: max_surge "1": not a StatefulSet field: a StatefulSet has no maxSurge: it replaces pods in place, one at a time (or max_unavailable from Kubernetes 1.35)'],
    ['data,db,StatefulSet,1,1,1Gi,Recreate,,,,,,', 'workloads.csv:2: strategy "Recreate": Recreate is a Deployment strategy: expected RollingUpdate or OnDelete'],
    ['data,db,StatefulSet,1,1,1Gi,OnDelete,1,,,,,', "workloads.csv:2: partition \"1\": only allowed with updateStrategy RollingUpdate (Kubernetes rejects it with OnDelete)"],
    ['data,db,StatefulSet,1,1,1Gi,,,,0,,,', 'workloads.csv:2: max_unavailable "0": cannot be 0'],
    ['data,db,StatefulSet,1,1,1Gi,,,,101%,,,', 'workloads.csv:2: max_unavailable "101%": must not be greater than 100%'],
    ['data,db,StatefulSet,1,1,1Gi,,,Sometimes,,,,', 'workloads.csv:2: pod_management_policy "Sometimes": expected OrderedReady or Parallel'],
    ['data,db,StatefulSet,,1,1Gi,,,,,,,', 'workloads.csv:2: replicas "": required'],
    ['data,db,StatefulSet,1,1,1Gi,,,,,,zone-a;;zone-b,', 'workloads.csv:2: volume_zone "zone-a;;zone-b": expected a zone, zones separated by ";" (one per ordinal), or none'],
    ['k,agent,DaemonSet,,1,1Gi,,,,,1,,', 'workloads.csv:2: max_surge "1": may not be set when max_unavailable is non-zero (max_unavailable defaults to 1: set it to 0 to surge)'],
    ['k,agent,DaemonSet,,1,1Gi,,,,0,0,,', 'workloads.csv:2: max_unavailable "0": cannot be 0 when max_surge is 0'],
    ['k,agent,DaemonSet,,1,1Gi,,,,,,,30', 'workloads.csv:2: progress_deadline_seconds "30": not a DaemonSet field: a Deployment field: a DaemonSet has no progress deadline'],
    ['k,agent,DaemonSet,,1,1Gi,OnDelete,,,2,,,', 'workloads.csv:2: max_unavailable "2": only allowed with updateStrategy RollingUpdate (Kubernetes ignores it with OnDelete)'],
  ])('refuses %s', async (line, message) => {
    expect(await error(parseWorkloadsCsv(HEADER + line + '\n', 'workloads.csv'))).toBe(message);
  });
});

describe('pods.csv with StatefulSet and DaemonSet pods', () => {
  const refs = {
    nodes: new Set(['n1', 'n2']),
    workloads: new Set(['data/db']),
    statefulSets: new Set(['data/db']),
    daemonSets: new Set(['kube-system/agent']),
  };
  const H = 'namespace,workload,name,node,volume_zone\n';

  it('names the kind when names clash, and reads the claim zone', () => {
    const pods = parsePodsCsv(H + 'data,statefulset/db,db-0,n1,zone-a\ndata,deployment/db,db-7f-x,n2,\nkube-system,agent,agent-abcde,n1,\n', 'pods.csv', refs);
    expect(pods.map((p) => [p.name, p.workload, p.workloadKind ?? 'Deployment', p.ownerKind, p.volumeZone ?? null])).toEqual([
      ['db-0', 'data/db', 'StatefulSet', 'StatefulSet', 'zone-a'],
      ['db-7f-x', 'data/db', 'Deployment', 'ReplicaSet', null],
      ['agent-abcde', 'kube-system/agent', 'DaemonSet', 'DaemonSet', null],
    ]);
  });

  it.each([
    ['data,db,db-0,n1,', 'pods.csv:2: workload "db": "data/db" names a Deployment and a StatefulSet: write deployment/db or statefulset/db'],
    ['data,statefulset/db,web-0,n1,', "pods.csv:2: name \"web-0\": a StatefulSet's pods are named db-<ordinal>"],
    ['kube-system,agent,agent-abcde,,', 'pods.csv:2: node "": a DaemonSet pod belongs to a node: give it'],
    ['kube-system,agent,agent-abcde,n1,zone-a', "pods.csv:2: volume_zone \"zone-a\": only for StatefulSet pods (their claim's zone)"],
    ['data,daemonset/db,db-0,n1,', 'pods.csv:2: workload "daemonset/db": no workload "data/db" in the inventory'],
  ])('refuses %s', async (line, message) => {
    expect(await error(() => parsePodsCsv(H + line + '\n', 'pods.csv', refs))).toBe(message);
  });
});

describe('scenario overrides and events over every kind', () => {
  const { write, load, msg, dir } = scenarioFolder('kinds', 'name,zone,cpu,memory,pods\nn1,zone-a,4,16Gi,110\nn2,zone-b,4,16Gi,110\n', HEADER + 'data,db,StatefulSet,3,500m,1Gi,,,,,,,\ndata,db,,2,100m,128Mi,,,,,,,\nkube-system,agent,DaemonSet,,50m,64Mi,,,,,,,\n');
  const BASE = INVENTORY_BASE;

  it('names clashing workloads kind/namespace/name, and accepts that form for any workload', async () => {
    const s = await load(
      BASE +
        'workloads:\n  statefulset/data/db: {partition: 1, podManagementPolicy: Parallel, volumeZone: zone-b}\n  daemonset/kube-system/agent: {maxUnavailable: 2}\n  kube-system/agent: {minReadySeconds: 5}\n' +
        'events:\n  - {at: 0s, rollout: {workload: statefulset/data/db, set: {image: db:2}}}\n  - {at: 1m, scale: {workload: deployment/data/db, replicas: 4}}\n  - {at: 2m, rollout: {workload: daemonset/kube-system/agent}}\n',
    );
    const inv = s.inventory;
    expect(inv.statefulSets![0]).toMatchObject({ partition: 1, podManagementPolicy: 'Parallel', claimZones: { 0: 'zone-b', 1: 'zone-b', 2: 'zone-b' } });
    expect(inv.daemonSets![0]).toMatchObject({ maxUnavailable: 2, minReadySeconds: 5 });
    expect(s.events.map((e) => [e.action.kind, 'workload' in e.action ? e.action.workload : ''])).toEqual([
      ['rollout', 'statefulset/data/db'],
      ['scale', 'deployment/data/db'],
      ['rollout', 'kube-system/agent'], // no clash: its plain name
    ]);
  });

  it.each([
    ['workloads:\n  data/db: {replicas: 1}\n', 'scenario.yaml:4: workloads.data/db: "data/db" names a Deployment and a StatefulSet: write "deployment/data/db" or "statefulset/data/db"'],
    ['workloads:\n  statefulset/data/db: {maxSurge: 1}\n', 'scenario.yaml:4: workloads.statefulset/data/db.maxSurge: not a StatefulSet field: a StatefulSet has no maxSurge: it replaces pods in place (one at a time, or maxUnavailable from Kubernetes 1.35)'],
    ['workloads:\n  kube-system/agent: {replicas: 3}\n', 'scenario.yaml:4: workloads.kube-system/agent.replicas: not a DaemonSet field: a DaemonSet has no replicas: it runs one pod on every node it should run on'],
    ['workloads:\n  deployment/data/db: {partition: 1}\n', 'scenario.yaml:4: workloads.deployment/data/db.partition: not a Deployment field: only StatefulSets have a partition'],
    ['workloads:\n  deployment/data/db: {strategy: OnDelete}\n', 'scenario.yaml:4: workloads.deployment/data/db.strategy: OnDelete is a StatefulSet or DaemonSet strategy: a Deployment is RollingUpdate or Recreate'],
    ['workloads:\n  statefulset/data/db: {strategy: OnDelete, partition: 1}\n', 'scenario.yaml:4: workloads.statefulset/data/db.partition: only allowed with updateStrategy RollingUpdate (Kubernetes rejects it with OnDelete)'],
    ['workloads:\n  kube-system/agent: {maxSurge: 1}\n', 'scenario.yaml:4: workloads.kube-system/agent.maxSurge: may not be set when maxUnavailable is non-zero (maxUnavailable defaults to 1: set it to 0 to surge)'],
    ['events:\n  - {at: 0s, scale: {workload: kube-system/agent, replicas: 3}}\n', 'scenario.yaml:4: events[0].scale.workload: "kube-system/agent" is a DaemonSet: it has no replicas to scale (it runs one pod on every node it should run on)'],
    ['events:\n  - {at: 0s, rollout: {workload: statefulset/data/db, set: {partition: 2}}}\n', 'scenario.yaml:4: events[0].rollout.set.partition: is a StatefulSet field, not part of the pod template: change it under workloads: (a rollout only replaces the template)'],
    ['events:\n  - {at: 0s, rollout: {workload: data/db}}\n', 'scenario.yaml:4: events[0].rollout.workload: "data/db" names a Deployment and a StatefulSet: write "deployment/data/db" or "statefulset/data/db"'],
  ])('refuses %s', async (yaml, message) => {
    expect(await msg(BASE + yaml)).toBe(message);
  });

  it('inventory.workloads may list several files; a workload in two of them is an error', async () => {
    write('inv/more.csv', HEADER + 'shop,web,,2,100m,128Mi,,,,,,,\n');
    write('inv/again.csv', HEADER + 'kube-system,agent,DaemonSet,,50m,64Mi,,,,,,,\n');
    const s = await load('name: t\ninventory: {nodes: inv/nodes.csv, workloads: [inv/workloads.csv, inv/more.csv]}\n');
    expect(s.inventory.deployments.map((d) => d.name)).toEqual(['db', 'web']);
    expect(await msg('name: t\ninventory: {nodes: inv/nodes.csv, workloads: [inv/workloads.csv, inv/again.csv]}\n')).toBe(
      `inv/again.csv: DaemonSet "kube-system/agent" is also defined in ${dir()}/inv/workloads.csv`,
    );
    expect(await msg('name: t\ninventory: {nodes: inv/nodes.csv, workloads: [inv/workloads.csv, inv/nope.csv]}\n')).toMatch(
      /^scenario\.yaml:2: inventory\.workloads\[1\]: "inv\/nope\.csv": no such file or directory/,
    );
  });

  it('a --set on a prefixed name lands on that workload', async () => {
    const s = await load(BASE, ['workloads.statefulset/data/db.partition=2']);
    expect(s.inventory.statefulSets![0].partition).toBe(2);
  });
});

describe('kubectl dumps with StatefulSets and DaemonSets', () => {
  const pod = (name: string, owner: { kind: string; name: string } | null, node: string | null, labels: Record<string, string> = {}, extra: object = {}) => ({
    kind: 'Pod',
    metadata: { name, namespace: 'data', labels, ...(owner ? { ownerReferences: [{ ...owner, controller: true }] } : {}) },
    spec: { ...(node ? { nodeName: node } : {}), containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '128Mi' } } }], ...extra },
    status: { phase: node ? 'Running' : 'Pending', conditions: node ? [{ type: 'Ready', status: 'True' }] : [] },
  });
  const tmpl = { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } };
  const nodeObj = (name: string, zone: string) => ({
    kind: 'Node',
    metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } },
    status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
  });
  const dump = (items: object[]) => JSON.stringify({ kind: 'List', items: [nodeObj('n1', 'zone-a'), nodeObj('n2', 'zone-b'), ...items] }, null, 1);

  it('reads a StatefulSet mid-rollout, its claims zones from PVCs and PVs, and its pods by revision', () => {
    const inv = parseKubectlDump(
      dump([
        {
          kind: 'StatefulSet',
          metadata: { name: 'db', namespace: 'data' },
          spec: { replicas: 2, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } }, volumeClaimTemplates: [{ metadata: { name: 'data' } }], template: tmpl },
          status: { currentRevision: 'db-old', updateRevision: 'db-new' },
        },
        pod('db-0', { kind: 'StatefulSet', name: 'db' }, 'n1', { 'controller-revision-hash': 'db-old' }),
        pod('db-1', { kind: 'StatefulSet', name: 'db' }, null, { 'controller-revision-hash': 'db-new' }),
        { kind: 'PersistentVolumeClaim', metadata: { name: 'data-db-1', namespace: 'data' }, spec: { volumeName: 'pv-1' } },
        {
          kind: 'PersistentVolume',
          metadata: { name: 'pv-1' },
          spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.ebs.csi.aws.com/zone', operator: 'In', values: ['zone-b'] }] }] } } },
        },
      ]),
      'dump.json',
    );
    expect(inv.statefulSets![0]).toMatchObject({ name: 'db', replicas: 2, partition: 1, volumeClaims: ['data'], claimZones: { 1: 'zone-b' } });
    expect(inv.pods.map((p) => [p.name, p.workload, p.workloadKind, p.outdated])).toEqual([
      ['db-0', 'data/db', 'StatefulSet', true],
      ['db-1', 'data/db', 'StatefulSet', false],
    ]);
  });

  it('reads a DaemonSet, its current hash from its newest ControllerRevision, and a pending pod’s node pin', () => {
    const inv = parseKubectlDump(
      dump([
        { kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'data' }, spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%' } }, template: tmpl } },
        { kind: 'ControllerRevision', metadata: { name: 'agent-5f4', namespace: 'data', labels: { 'controller-revision-hash': '5f4' }, ownerReferences: [{ kind: 'DaemonSet', name: 'agent', controller: true }] }, revision: 1 },
        { kind: 'ControllerRevision', metadata: { name: 'agent-7c9', namespace: 'data', labels: { 'controller-revision-hash': '7c9' }, ownerReferences: [{ kind: 'DaemonSet', name: 'agent', controller: true }] }, revision: 2 },
        pod('agent-aaaaa', { kind: 'DaemonSet', name: 'agent' }, 'n1', { 'controller-revision-hash': '5f4' }),
        pod('agent-bbbbb', { kind: 'DaemonSet', name: 'agent' }, null, { 'controller-revision-hash': '7c9' }, {
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }] } } },
        }),
      ]),
      'dump.json',
    );
    expect(inv.daemonSets![0]).toMatchObject({ name: 'agent', maxUnavailable: '50%', maxSurge: 0 });
    expect(inv.pods.map((p) => [p.name, p.outdated, p.spec?.requiredNodeName ?? null])).toEqual([
      ['agent-aaaaa', true, null],
      ['agent-bbbbb', false, 'n2'],
    ]);
  });

  it('leaves out a pending DaemonSet pod pinned to a node the inventory lacks (its controller deletes such pods)', () => {
    const inv = parseKubectlDump(
      dump([
        { kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'data' }, spec: { template: tmpl } },
        pod('agent-ccccc', { kind: 'DaemonSet', name: 'agent' }, null, {}, {
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gone'] }] }] } } },
        }),
      ]),
      'dump.json',
    );
    expect(inv.pods).toEqual([]);
  });

  it('names the field of an invalid StatefulSet or DaemonSet', async () => {
    const bad = (o: object) => error(() => parseKubectlDump(dump([o]), 'dump.json'));
    expect(await bad({ kind: 'StatefulSet', metadata: { name: 'db', namespace: 'data' }, spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0 } }, template: tmpl } })).toMatch(
      /^dump\.json:\d+: items\[2\]\.spec\.updateStrategy\.rollingUpdate\.maxUnavailable: 0: cannot be 0$/,
    );
    expect(await bad({ kind: 'DaemonSet', metadata: { name: 'a', namespace: 'data' }, spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } }, template: tmpl } })).toMatch(
      /^dump\.json:\d+: items\[2\]\.spec\.updateStrategy\.rollingUpdate\.maxSurge: 1: may not be set when maxUnavailable is non-zero$/,
    );
    expect(await bad({ kind: 'StatefulSet', metadata: { name: 'db', namespace: 'data' }, spec: { volumeClaimTemplates: [{ metadata: {} }], template: tmpl } })).toMatch(
      /^dump\.json:\d+: items\[2\]\.spec\.volumeClaimTemplates\[0\]\.metadata\.name: a volume claim template needs a name$/,
    );
    expect(await bad({ kind: 'StatefulSet', metadata: { name: 'db', namespace: 'data' }, spec: { podManagementPolicy: 'Sometimes', template: tmpl } })).toMatch(
      /^dump\.json:\d+: items\[2\]\.spec\.podManagementPolicy: /,
    );
  });
});
