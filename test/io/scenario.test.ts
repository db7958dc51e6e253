import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInventoryPath, loadScenario, scenarioFromDocument } from '../../src/io/scenario.js';
import { InputError } from '../../src/io/errors.js';
import { clusterDefaults } from '../../src/model/cluster-defaults.js';
import type { Inventory } from '../../src/model/types.js';

const MI = 1024 ** 2;
const GI = 1024 ** 3;
let dir: string;

const NODES = `name,zone,cpu,memory,pods
n1,zone-a,4,16Gi,110
n2,zone-a,4,16Gi,110
n3,zone-b,4,16Gi,110
`;
const WORKLOADS = `namespace,name,replicas,cpu_request,memory_request,memory_limit,readiness_period_seconds,pdb_max_unavailable
shop,checkout,4,500m,512Mi,1Gi,5,1
shop,cache,2,250m,1Gi,2Gi,,
`;

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Writes a scenario next to the inventory and loads it; returns the error message. */
async function scenarioError(yaml: string, set: string[] = []): Promise<string> {
  const p = write('scenario.yaml', yaml);
  try {
    await loadScenario(p, { set });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.message.replace(`${dir}/`, '');
  }
  throw new Error('expected an InputError');
}

const BASE = 'name: t\ninventory: {nodes: inv/nodes.csv, workloads: inv/workloads.csv}\nduration: 30m\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-scenario-'));
  mkdirSync(join(dir, 'inv'));
  write('inv/nodes.csv', NODES);
  write('inv/workloads.csv', WORKLOADS);
});

describe('loadScenario', () => {
  it('loads the bundled demo', async () => {
    const s = await loadScenario('scenarios/demo.yaml');
    expect(s).toMatchObject({ name: 'demo', file: 'scenarios/demo.yaml', durationMs: 30 * 60_000, seed: 42, events: [], overrides: [] });
    expect(s.cluster).toEqual(clusterDefaults('1.34'));
    expect(s.inventory.nodes).toHaveLength(12);
    expect(new Set(s.inventory.nodes.map((n) => n.zone))).toEqual(new Set(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']));
    expect(s.inventory.deployments.length).toBeGreaterThanOrEqual(12);
    expect(s.inventory.hasPodPlacement).toBe(false);
  });

  it('merges cluster knobs, applies per-workload overrides and orders events', async () => {
    const p = write(
      'full.yaml',
      `name: full
inventory:
  nodes: inv/nodes.csv
  workloads: inv/workloads.csv
duration: 20m
cluster:
  version: "1.31"
  nodeMonitorGracePeriod: 40s
  evictionHard: {memory.available: 200Mi}
  evictionMonitoringPeriod: 5s
  defaultUnreachableTolerationSeconds: 60
workloads:
  shop/checkout: {maxSurge: 50%, maxUnavailable: 0, tolerationSeconds: 30, pdbMinAvailable: 3, readinessInitialDelaySeconds: 10}
  shop/cache: {replicas: 3, memoryUsage: request * 0.9}
events:
  - {at: 10m, rollout: {workload: shop/checkout, set: {memoryRequest: 1Gi, image: "checkout:2"}}}
  - {at: 2m, nodeFailure: {node: n3}}
  - {at: 2m, zoneFailure: {zone: zone-a, mode: NotReady}}
  - {at: 15m, rollout: {workload: shop/checkout, set: {cpuRequest: 1}}}
  - {at: 5m, memoryUsage: {workload: shop/cache, value: "min(limit, request + 1Mi * t)"}}
  - {at: 6m, scale: {workload: shop/cache, replicas: 5}}
  - {at: 7m, drain: {node: n1}}
  - {at: 8m, cordon: {node: n2}}
  - {at: 9m, uncordon: {node: n2}}
  - {at: 11m, nodeRecover: {node: n3}}
  - {at: 12m, zoneRecover: {zone: zone-a}}
`,
    );
    const s = await loadScenario(p, { seed: 7 });
    expect(s.seed).toBe(7);
    expect(s.durationMs).toBe(20 * 60_000);
    expect(s.cluster).toMatchObject({ version: '1.31', nodeMonitorGracePeriodMs: 40_000, evictionMonitoringPeriodMs: 5_000, defaultUnreachableTolerationSeconds: 60, hardEvictionGracePeriodSeconds: 1 });
    expect(s.cluster.evictionThresholds).toEqual([
      expect.objectContaining({ signal: 'memory.available', quantity: 200 * MI, gracePeriodMs: 0 }),
    ]);
    const [checkout, cache] = s.inventory.deployments;
    expect(checkout).toMatchObject({ maxSurge: '50%', maxUnavailable: 0 });
    expect(checkout.template.readinessProbe).toEqual({ periodSeconds: 5, initialDelaySeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(checkout.template.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: 30 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: 30 },
    ]);
    expect(s.inventory.pdbs).toEqual([{ namespace: 'shop', name: 'checkout', selector: { app: 'checkout' }, minAvailable: 3, maxUnavailable: null }]);
    expect(cache.replicas).toBe(3);
    expect(cache.template.memoryUsage.kind).toBe('expression');

    expect(s.events.map((e) => [e.atMs / 1000, e.index, e.action.kind])).toEqual([
      [120, 1, 'nodeFailure'],
      [120, 2, 'zoneFailure'],
      [300, 4, 'memoryUsage'],
      [360, 5, 'scale'],
      [420, 6, 'drain'],
      [480, 7, 'cordon'],
      [540, 8, 'uncordon'],
      [600, 0, 'rollout'],
      [660, 9, 'nodeRecover'],
      [720, 10, 'zoneRecover'],
      [900, 3, 'rollout'],
    ]);
    expect(s.events[0].action).toEqual({ kind: 'nodeFailure', node: 'n3', mode: 'unreachable' });
    expect(s.events[1].action).toEqual({ kind: 'zoneFailure', zone: 'zone-a', mode: 'NotReady' });
    expect(s.events[0].label).toBe('node n3 fails (unreachable)');
    // a rollout carries the complete new template; rollouts build on each other
    const first = s.events[7].action;
    const second = s.events[10].action;
    if (first.kind !== 'rollout' || second.kind !== 'rollout') throw new Error('expected rollouts');
    expect(first.template.containers[0]).toEqual({ name: 'checkout', requests: { cpu: 500, memory: GI }, limits: { memory: GI } });
    expect(first.template.image).toBe('checkout:2');
    expect(first.template.tolerations).toHaveLength(2);
    expect(second.template.containers[0].requests).toEqual({ cpu: 1000, memory: GI });
    expect(second.template.image).toBe('checkout:2');
    expect(s.events[7].label).toBe('rollout shop/checkout (image, memoryRequest)');
    const usage = s.events[2].action;
    expect(usage.kind === 'memoryUsage' && usage.usage.kind === 'expression' && usage.usage.timeVarying).toBe(true);
    expect(s.source).toMatchObject({ name: 'full' });
  });

  it('reads JSON scenarios and inventory given as a directory', async () => {
    const p = write('s.json', JSON.stringify({ name: 'j', inventory: 'inv', events: [{ at: 0, rollout: { workload: 'shop/cache' } }] }));
    const s = await loadScenario(p);
    expect(s.name).toBe('j');
    expect(s.durationMs).toBe(30 * 60_000);
    expect(s.seed).toBe(1);
    expect(s.events[0].label).toBe('rollout shop/cache (restart)');
  });

  it('defaults the name to the file name', async () => {
    const s = await loadScenario(write('my-case.yaml', 'inventory: inv\n'));
    expect(s.name).toBe('my-case');
  });
});

describe('scenario errors name the file, line and field path', () => {
  it('an unknown workload in an event', async () => {
    const msg = await scenarioError(
      BASE + 'events:\n  - {at: 0s, scale: {workload: shop/cache, replicas: 3}}\n  - {at: 1m, cordon: {node: n1}}\n  - {at: 2m, uncordon: {node: n1}}\n  - {at: 3m, rollout: {workload: shop/nope}}\n',
    );
    expect(msg).toBe('scenario.yaml:8: events[3].rollout.workload: no workload "shop/nope"');
  });

  it('a workload without its namespace gets a hint', async () => {
    expect(await scenarioError(BASE + 'workloads:\n  checkout: {replicas: 2}\n')).toBe(
      'scenario.yaml:5: workloads.checkout: no workload "checkout" (did you mean "shop/checkout"?)',
    );
  });

  it('unknown nodes and zones', async () => {
    expect(await scenarioError(BASE + 'events:\n  - at: 1m\n    nodeFailure:\n      node: n9\n')).toBe(
      'scenario.yaml:7: events[0].nodeFailure.node: no node "n9" in the inventory',
    );
    expect(await scenarioError(BASE + 'events:\n  - {at: 1m, zoneFailure: {zone: zone-z}}\n')).toBe(
      'scenario.yaml:5: events[0].zoneFailure.zone: no zone "zone-z" in the inventory (zones: zone-a, zone-b)',
    );
  });

  it('unknown keys', async () => {
    expect(await scenarioError(BASE + 'cluster:\n  nodeMonitorGracePerod: 40s\n')).toBe(
      'scenario.yaml:5: cluster.nodeMonitorGracePerod: unknown key "nodeMonitorGracePerod"',
    );
    expect(await scenarioError(BASE + 'workloads:\n  shop/cache: {maxSurg: 1}\n')).toBe(
      'scenario.yaml:5: workloads.shop/cache.maxSurg: unknown key "maxSurg"',
    );
    expect(await scenarioError(BASE + 'event: []\n')).toBe('scenario.yaml:4: event: unknown key "event"');
  });

  it('bad values', async () => {
    expect(await scenarioError(BASE.replace('30m', '30 minutes'))).toMatch(/^scenario\.yaml:3: duration: "30 minutes": "30 minutes" is not a duration/);
    expect(await scenarioError(BASE + 'workloads:\n  shop/cache:\n    memoryRequest: 1GB\n')).toBe(
      'scenario.yaml:6: workloads.shop/cache.memoryRequest: "1GB": unknown suffix "GB" (did you mean G or Gi?)',
    );
    expect(await scenarioError(BASE + 'seed: -1\n')).toBe('scenario.yaml:4: seed: -1: must not be negative: expected a whole number from 0 to 9007199254740991 (2^53 − 1)');
    expect(await scenarioError(BASE + 'cluster: {version: 1.30}\n')).toMatch(/^scenario\.yaml:4: cluster\.version: 1\.3: write the version as a string/);
    expect(await scenarioError(BASE + 'cluster: {version: "2.1"}\n')).toMatch(/^scenario\.yaml:4: cluster\.version: "2\.1" is not a Kubernetes version/);
    expect(await scenarioError(BASE + 'name: ../../etc\n'.replace('name', 'description: x\nnam') )).toMatch(/unknown key "nam"/);
    expect(await scenarioError('name: ../../etc\ninventory: inv\n')).toMatch(/^scenario\.yaml:1: name: use letters, digits/);
  });

  it('a bad eviction threshold names its field', async () => {
    expect(await scenarioError(BASE + 'cluster:\n  evictionHard:\n    memory.available: -5Mi\n')).toMatch(
      /^scenario\.yaml:6: cluster\.evictionHard\.memory\.available: /,
    );
    expect(await scenarioError(BASE + 'cluster:\n  evictionHard: {memory.free: 1Gi}\n')).toMatch(
      /^scenario\.yaml:5: cluster\.evictionHard\.memory\.free: unsupported eviction signal/,
    );
  });

  it('events: one action each, within the duration', async () => {
    expect(await scenarioError(BASE + 'events:\n  - {at: 1m}\n')).toMatch(/^scenario\.yaml:5: events\[0\]: an event needs one action: rollout, scale/);
    expect(await scenarioError(BASE + 'events:\n  - {at: 1m, cordon: {node: n1}, drain: {node: n1}}\n')).toMatch(
      /events\[0\]: an event has one action, got drain and cordon/,
    );
    expect(await scenarioError(BASE + 'events:\n  - {at: 40m, cordon: {node: n1}}\n')).toBe(
      'scenario.yaml:5: events[0].at: 2400s is after the end of the scenario (duration 1800s)',
    );
    expect(await scenarioError(BASE + 'events:\n  - {at: 1m, nodeFailure: {node: n1, mode: down}}\n')).toMatch(
      /^scenario\.yaml:5: events\[0\]\.nodeFailure\.mode: expected "unreachable" or "NotReady", got "down"/,
    );
  });

  it('a rollout may not change Deployment fields', async () => {
    expect(await scenarioError(BASE + 'events:\n  - at: 1m\n    rollout:\n      workload: shop/cache\n      set: {maxSurge: 2}\n')).toBe(
      'scenario.yaml:8: events[0].rollout.set.maxSurge: is a Deployment field, not part of the pod template: change it under workloads: (a rollout only replaces the template)',
    );
  });

  it('Kubernetes validation of overrides', async () => {
    expect(await scenarioError(BASE + 'workloads:\n  shop/checkout: {maxSurge: 0, maxUnavailable: "0%"}\n')).toMatch(
      /^scenario\.yaml:5: workloads\.shop\/checkout\.maxUnavailable: may not be 0 when maxSurge is also 0: Kubernetes rejects/,
    );
    expect(await scenarioError(BASE + 'workloads:\n  shop/cache: {memoryLimit: 512Mi}\n')).toMatch(
      /^scenario\.yaml:5: workloads\.shop\/cache\.memoryLimit: the memory request would be greater than its limit/,
    );
  });

  it('a bad memory usage expression in an event', async () => {
    expect(await scenarioError(BASE + 'events:\n  - {at: 1m, memoryUsage: {workload: shop/cache, value: "import(1)"}}\n')).toBe(
      'scenario.yaml:5: events[0].memoryUsage.value: "import(1)": function "import" is not allowed (allowed: min, max, abs, floor, ceil, round, sqrt, exp, log, sin, cos, pow, mod)',
    );
  });

  it('missing inventory files are reported at their field', async () => {
    expect(await scenarioError('inventory: {nodes: inv/nope.csv}\n')).toMatch(
      /^scenario\.yaml:1: inventory\.nodes: "inv\/nope\.csv": no such file or directory \(looked for .*inv\/nope\.csv; paths are relative to the scenario file\)/,
    );
    expect(await scenarioError('name: x\n')).toBe('scenario.yaml:1: inventory: required: the files describing the cluster (nodes, workloads, pods, kubectl)');
    expect(await scenarioError('inventory: {workloads: inv/workloads.csv}\n')).toMatch(/inventory: give nodes \(a nodes\.csv\) or kubectl/);
  });

  it('errors inside inventory files name those files', async () => {
    write('inv/bad-nodes.csv', 'name,zone,cpu,memory,pods\nn1,a,4,16Gb,1\n');
    expect(await scenarioError('inventory: {nodes: inv/bad-nodes.csv}\n')).toMatch(/inv\/bad-nodes\.csv:2: memory "16Gb": unknown suffix/);
  });

  it('YAML syntax errors and documents that are not mappings', async () => {
    expect(await scenarioError('name: x\ninventory: inv\nevents:\n  - {at: 1m, cordon: {node: n1}\n')).toMatch(/^scenario\.yaml:\d: YAML syntax error: /);
    expect(await scenarioError('name: a\nname: b\n')).toMatch(/^scenario\.yaml:2: YAML syntax error: Map keys must be unique/);
    expect(await scenarioError('- 1\n- 2\n')).toMatch(/^scenario\.yaml:1: expected a mapping/);
    expect(await scenarioError('')).toBe('scenario.yaml: empty scenario file');
    expect(await scenarioError('apiVersion: v1\nkind: List\nitems: []\n')).toMatch(/^scenario\.yaml: this is a Kubernetes object or kubectl dump, not a scenario/);
  });
});

describe('--set overrides', () => {
  it('override fields by dotted path before validation', async () => {
    const p = write('set.yaml', BASE + 'events:\n  - {at: 1m, cordon: {node: n1}}\n');
    const s = await loadScenario(p, {
      set: [
        'workloads.shop/checkout.maxSurge=50%',
        'events.0.at=10m',
        'events.1.at=12m',
        'events.1.drain.node=n2',
        'cluster.evictionHard.memory.available=300Mi',
        'seed=9',
      ],
    });
    expect(s.inventory.deployments[0].maxSurge).toBe('50%');
    expect(s.events.map((e) => [e.atMs, e.label])).toEqual([
      [600_000, 'cordon n1'],
      [720_000, 'drain n2'],
    ]);
    expect(s.cluster.evictionThresholds[0]).toMatchObject({ quantity: 300 * MI });
    expect(s.seed).toBe(9);
    expect(s.overrides).toHaveLength(6);
    expect(s.source).toMatchObject({ seed: 9 });
  });

  it('a bad override value names the --set', async () => {
    expect(await scenarioError(BASE, ['workloads.shop/checkout.maxSurge=lots'])).toMatch(
      /^scenario\.yaml: workloads\.shop\/checkout\.maxSurge: "lots": .* \(from --set workloads\.shop\/checkout\.maxSurge=lots\)$/,
    );
    expect(await scenarioError(BASE, ['events.0.at=1m'])).toMatch(/events\[0\]: an event needs one action.*\(from --set events\.0\.at=1m\)/);
  });

  it('a bad path is an InputError naming the --set', async () => {
    expect(await scenarioError(BASE, ['events.3.at=1m'])).toBe('--set events.3.at=1m: events has 0 items: index 3 is out of range (0 appends one)');
    expect(await scenarioError(BASE, ['name.first=x'])).toMatch(/^--set name\.first=x: name is "t", not a mapping or list/);
    expect(await scenarioError(BASE, ['duration'])).toMatch(/^--set duration: expected KEY=VALUE/);
    expect(await scenarioError(BASE, ['events..at=1'])).toMatch(/^--set events\.\.at=1: "events\.\.at" is not a dotted path/);
  });
});

describe('in-memory documents and inventory paths', () => {
  const inv: Inventory = {
    nodes: [{ name: 'm1', zone: 'z', labels: {}, taints: [], unschedulable: false, allocatable: { cpu: 1000, memory: GI, pods: 10 }, memoryCapacity: null }],
    deployments: [],
    pods: [],
    pdbs: [],
    hasPodPlacement: false,
  };

  it('builds a scenario from a document and an inventory', async () => {
    const s = await scenarioFromDocument({ name: 'mem', events: [{ at: '1m', nodeFailure: { node: 'm1' } }] }, { inventory: inv });
    expect(s).toMatchObject({ name: 'mem', file: '', durationMs: 1_800_000, seed: 1 });
    expect(s.events).toHaveLength(1);
    await expect(scenarioFromDocument({ events: [{ at: '1m', drain: { node: 'zz' } }] }, { inventory: inv })).rejects.toThrow(
      'events[0].drain.node: no node "zz" in the inventory',
    );
  });

  it('loadInventoryPath reads directories, nodes.csv, kubectl dumps and scenarios', async () => {
    expect((await loadInventoryPath(join(dir, 'inv'))).deployments).toHaveLength(2);
    expect((await loadInventoryPath(join(dir, 'inv/nodes.csv'))).deployments).toHaveLength(0);
    expect((await loadInventoryPath('test/fixtures/io/kubectl/cluster.json')).nodes).toHaveLength(3);
    expect((await loadInventoryPath('scenarios/demo.yaml')).nodes).toHaveLength(12);
    await expect(loadInventoryPath(join(dir, 'nope'))).rejects.toThrow(/nope: cannot read: no such file or directory/);
    await expect(loadInventoryPath(tmpdir() + '/')).rejects.toThrow(/no nodes\.csv in this directory/);
    await expect(loadInventoryPath(join(dir, 'inv/workloads.csv'))).rejects.toThrow(/a workloads\.csv needs its nodes/);
  });
});
