// OpenKruise CloneSets in every loader: workloads.csv (kind CloneSet and its strategy columns),
// pods.csv, a scenario's overrides, `--set` and rollouts (InPlaceOnly refusing a change that is
// not the image, as Kruise's webhook does), and kubectl dumps (v1alpha1 and v1beta1 objects,
// pods by owner reference, a CloneSet inferred from its pods). Each error path has a test; the
// message names the file and line, or the field path.
import { describe, expect, it } from 'vitest';
import { parsePodsCsv } from '../../src/io/csv/pods.js';
import { parseWorkloadsCsv } from '../../src/io/csv/workloads.js';
import { parseKubectlDump } from '../../src/io/kubectl.js';
import { INVENTORY_BASE, inputError, scenarioFolder } from '../helpers/inputs.js';

const HEADER = 'namespace,name,kind,replicas,cpu_request,memory_request,strategy,partition,max_unavailable,max_surge,in_place_grace_seconds,pod_management_policy\n';

const error = inputError;

describe('workloads.csv kind CloneSet', () => {
  it('reads the strategy columns, with Kruise defaults', async () => {
    const r = await parseWorkloadsCsv(
      HEADER + 'shop,cache,CloneSet,6,500m,1Gi,InPlaceIfPossible,2,1,,10,\nshop,plain,cloneset,3,100m,128Mi,,,,,,\n',
      'workloads.csv',
    );
    expect(r.cloneSets.map((c) => [c.name, c.replicas, c.updateStrategy, c.partition, c.maxUnavailable, c.maxSurge, c.inPlaceGraceSeconds])).toEqual([
      ['cache', 6, 'InPlaceIfPossible', 2, 1, 0, 10],
      ['plain', 3, 'ReCreate', 0, '20%', 0, 0],
    ]);
    expect(r.deployments).toEqual([]);
  });

  it.each([
    ['shop,c,CloneSet,3,1,1Gi,RollingUpdate,,,,,', 'workloads.csv:2: strategy "RollingUpdate": RollingUpdate is not a CloneSet update strategy (apps.kruise.io/v1alpha1): expected ReCreate, InPlaceIfPossible or InPlaceOnly'],
    ['shop,c,CloneSet,3,1,1Gi,Sideways,,,,,', 'workloads.csv:2: strategy "Sideways": expected ReCreate, InPlaceIfPossible or InPlaceOnly'],
    ['shop,c,CloneSet,3,1,1Gi,,-1,,,,', 'workloads.csv:2: partition "-1": must not be negative'],
    ['shop,c,CloneSet,3,1,1Gi,InPlaceOnly,,,1,,', 'workloads.csv:2: max_surge "1": can not use maxSurge with strategy type InPlaceOnly'],
    ['shop,c,CloneSet,3,1,1Gi,,,0,0,,', 'workloads.csv:2: max_unavailable "0": maxUnavailable and maxSurge should not both be less than 1'],
    ['shop,c,CloneSet,,1,1Gi,,,,,,', 'workloads.csv:2: replicas "": required'],
    ['shop,c,CloneSet,3,1,1Gi,,,,,,Parallel', 'workloads.csv:2: pod_management_policy "Parallel": not a CloneSet field: only for StatefulSets (a CloneSet creates and updates its pods in parallel, within max_unavailable)'],
    ['shop,d,,3,1,1Gi,,,,,5,', 'workloads.csv:2: in_place_grace_seconds "5": not a Deployment field: only for CloneSets'],
  ])('refuses %s', async (line, message) => {
    expect(await error(parseWorkloadsCsv(HEADER + line + '\n', 'workloads.csv'))).toBe(message);
  });
});

describe('pods.csv CloneSet pods', () => {
  it('attaches them to the CloneSet', () => {
    const pods = parsePodsCsv('namespace,workload,name,node\nshop,cache,cache-abcde,n1\n', 'pods.csv', { nodes: new Set(['n1']), workloads: new Set(), cloneSets: new Set(['shop/cache']) });
    expect(pods.map((p) => [p.workload, p.workloadKind, p.ownerKind])).toEqual([['shop/cache', 'CloneSet', 'CloneSet']]);
  });
});

describe('scenario overrides, --set and rollouts of CloneSets', () => {
  const { write, load, msg } = scenarioFolder('cloneset', 'name,zone,cpu,memory,pods\nn1,zone-a,4,16Gi,110\n', HEADER + 'shop,cache,CloneSet,4,100m,128Mi,InPlaceOnly,,1,,,\nshop,web,CloneSet,4,100m,128Mi,,,,,,\n');
  const BASE = INVENTORY_BASE;

  it('applies overrides and --set, and accepts an image-only rollout of an InPlaceOnly CloneSet', async () => {
    const s = await load(
      BASE + 'workloads:\n  shop/web: {strategy: InPlaceIfPossible, partition: 1, maxSurge: 1}\nevents:\n  - {at: 10s, rollout: {workload: shop/cache, set: {image: cache:2}}}\n  - {at: 20s, rollout: {workload: cloneset/shop/cache}}\n',
      ['workloads.shop/cache.maxUnavailable=2'],
    );
    expect(s.inventory.cloneSets!.map((c) => [c.name, c.updateStrategy, c.partition, c.maxUnavailable, c.maxSurge])).toEqual([
      ['cache', 'InPlaceOnly', 0, 2, 0],
      ['web', 'InPlaceIfPossible', 1, '20%', 1],
    ]);
    expect(s.events.map((e) => e.label)).toEqual(['rollout shop/cache (image)', 'rollout shop/cache (restart)']);
  });

  it.each([
    ['events:\n  - {at: 0s, rollout: {workload: shop/cache, set: {image: cache:2, cpuRequest: 200m}}}\n', 'scenario.yaml:4: events[0].rollout.set.cpuRequest: the CloneSet "shop/cache" updates InPlaceOnly'],
    ['workloads:\n  shop/web: {strategy: Recreate}\n', 'scenario.yaml:4: workloads.shop/web.strategy: Recreate is not a CloneSet update strategy: a CloneSet is ReCreate, InPlaceIfPossible or InPlaceOnly'],
    ['workloads:\n  shop/web: {strategy: InPlaceOnly, maxSurge: 1}\n', 'scenario.yaml:4: workloads.shop/web.maxSurge: can not use maxSurge with strategy type InPlaceOnly'],
    ['workloads:\n  shop/web: {podManagementPolicy: Parallel}\n', 'scenario.yaml:4: workloads.shop/web.podManagementPolicy: not a CloneSet field: only StatefulSets have a podManagementPolicy'],
    ['workloads:\n  shop/web: {maxUnavailable: 0}\n', 'scenario.yaml:4: workloads.shop/web.maxUnavailable: maxUnavailable and maxSurge should not both be less than 1'],
  ])('refuses %s', async (yaml, message) => {
    expect(await msg(BASE + yaml)).toContain(message);
  });

  it('a Deployment refuses a CloneSet strategy', async () => {
    write('inv/deploy.csv', 'namespace,name,replicas,cpu_request,memory_request\nshop,api,2,100m,128Mi\n');
    expect(await msg('name: t\ninventory: {nodes: inv/nodes.csv, workloads: inv/deploy.csv}\nworkloads:\n  shop/api: {strategy: InPlaceIfPossible}\n')).toBe(
      "scenario.yaml:4: workloads.shop/api.strategy: InPlaceIfPossible is an OpenKruise CloneSet strategy, not a Deployment's",
    );
  });

  it('--set refuses a bad strategy with the argument named', async () => {
    expect(await msg(BASE, ['workloads.shop/web.strategy=Sideways'])).toMatch(/strategy/);
  });
});

describe('kubectl dumps with CloneSets', () => {
  const tmpl = { metadata: { labels: { app: 'cache' } }, spec: { containers: [{ name: 'c', image: 'cache:1', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } };
  const nodeObj = { kind: 'Node', metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'a' } }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } };
  const pod = (name: string, hash: string, owner = 'cache') => ({
    kind: 'Pod',
    metadata: { name, namespace: 'shop', labels: { app: 'cache', 'controller-revision-hash': hash }, ownerReferences: [{ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', name: owner, controller: true }] },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'cache:1', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  });
  const clone = (spec: object, status: object = { updateRevision: 'cache-new' }, apiVersion = 'apps.kruise.io/v1alpha1') => ({
    apiVersion,
    kind: 'CloneSet',
    metadata: { name: 'cache', namespace: 'shop' },
    spec: { replicas: 3, template: tmpl, ...spec },
    status,
  });
  const dump = (...items: object[]) => JSON.stringify({ kind: 'List', items: [nodeObj, ...items] }, null, 1);

  it('reads a v1alpha1 CloneSet and attaches its pods (an older hash: outdated)', () => {
    const inv = parseKubectlDump(dump(clone({ updateStrategy: { type: 'InPlaceIfPossible', maxUnavailable: 1, partition: '50%', inPlaceUpdateStrategy: { gracePeriodSeconds: 10 } } }), pod('cache-aaaaa', 'cache-new'), pod('cache-bbbbb', 'cache-old')), 'c.json');
    expect(inv.cloneSets!.map((c) => [c.name, c.replicas, c.updateStrategy, c.maxUnavailable, c.partition, c.inPlaceGraceSeconds])).toEqual([['cache', 3, 'InPlaceIfPossible', 1, '50%', 10]]);
    expect(inv.pods.map((p) => [p.name, p.workload, p.workloadKind, p.outdated])).toEqual([
      ['cache-aaaaa', 'shop/cache', 'CloneSet', false],
      ['cache-bbbbb', 'shop/cache', 'CloneSet', true],
    ]);
    expect(inv.dump!.heldAsIs).toEqual([]);
    expect(inv.dump!.kinds.CloneSet).toBe(1);
  });

  it('reads a v1beta1 CloneSet (rollingUpdate.podUpdatePolicy)', () => {
    const inv = parseKubectlDump(dump(clone({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { podUpdatePolicy: 'InPlaceOnly', maxUnavailable: 2 } } }, {}, 'apps.kruise.io/v1beta1')), 'c.json');
    expect(inv.cloneSets!.map((c) => [c.updateStrategy, c.maxUnavailable])).toEqual([['InPlaceOnly', 2]]);
  });

  it('infers a CloneSet from its pods alone', () => {
    const inv = parseKubectlDump(dump(pod('cache-aaaaa', 'h1'), pod('cache-bbbbb', 'h1')), 'c.json');
    expect(inv.cloneSets!.map((c) => [c.name, c.replicas, c.updateStrategy, c.template.labels])).toEqual([['cache', 2, 'ReCreate', { app: 'cache' }]]);
    expect(inv.dump!.inferred).toEqual([{ kind: 'CloneSet', workload: 'shop/cache', pods: 2, from: '' }]);
  });

  it.each([
    [{ updateStrategy: { type: 'RollingUpdate' } }, "spec.updateStrategy.type: \"RollingUpdate\": must be 'ReCreate', 'InPlaceIfPossible' or 'InPlaceOnly'"],
    [{ updateStrategy: { partition: -2 } }, 'spec.updateStrategy.partition: -2: expected a whole number ≥ 0 or a percentage like 25%'],
    [{ updateStrategy: { type: 'InPlaceOnly', maxSurge: '10%' } }, 'spec.updateStrategy.maxSurge: "10%": can not use maxSurge with strategy type InPlaceOnly'],
    [{ updateStrategy: { maxUnavailable: 0 } }, 'spec.updateStrategy.maxUnavailable: 0: maxUnavailable and maxSurge should not both be less than 1'],
    [{ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { podUpdatePolicy: 'Whatever' } } }, "spec.updateStrategy.rollingUpdate.podUpdatePolicy: \"Whatever\": must be 'ReCreate', 'InPlaceIfPossible' or 'InPlaceOnly'"],
    [{ updateStrategy: { type: 'OnDelete', rollingUpdate: {} } }, 'spec.updateStrategy.type: "OnDelete": Headroom does not simulate'],
    [{ replicas: -1 }, 'spec.replicas: -1: must be a whole number ≥ 0'],
  ])('refuses %j with the field path', async (spec, message) => {
    const m = await error(() => parseKubectlDump(dump(clone(spec)), 'c.json'));
    expect(m).toMatch(/^c\.json:\d+: /);
    expect(m).toContain(message);
  });
});
