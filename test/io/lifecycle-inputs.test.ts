// The pod-lifecycle inputs: workloads.csv / nodes.csv columns, their camelCase scenario keys,
// the `resize` event, and what kubectl dumps carry (init containers, restartPolicy,
// readinessGates, postStart, resizePolicy, ephemeral-storage, emptyDir sizeLimit) — values read
// and every refusal, with file:line or field path.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseNodesCsv } from '../../src/io/csv/nodes.js';
import { parseWorkloadsCsv } from '../../src/io/csv/workloads.js';
import { InputError } from '../../src/io/errors.js';
import { parseKubectlDump } from '../../src/io/kubectl.js';
import { READINESS_GATE } from '../../src/io/lifecycle-cells.js';
import { loadScenario } from '../../src/io/scenario.js';

const MI = 1024 ** 2;
const GI = 1024 ** 3;
const WL = 'namespace,name,replicas,cpu_request,memory_request';

async function csvError(text: string): Promise<string> {
  try {
    await parseWorkloadsCsv(text, 'workloads.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('workloads.csv lifecycle columns', () => {
  it('reads init containers, postStart, the exit, a readiness gate, the resize policy and ephemeral storage', async () => {
    const { deployments } = await parseWorkloadsCsv(
      `${WL},init_seconds,post_start_seconds,restart_policy,exit_after_seconds,exit_code,readiness_gate_seconds,resize_policy,ephemeral_storage_request,ephemeral_storage_limit,ephemeral_storage_usage,empty_dir_size_limit,empty_dir_usage\n` +
        'shop,web,2,1,1Gi,5;10:3,2,Always,600,1,15,memory:RestartContainer;cpu:NotRequired,1Gi,2Gi,500Mi,1Gi,100Mi\n',
      'workloads.csv',
    );
    const t = deployments[0].template;
    expect(t.initContainers).toEqual([
      { name: 'init-1', requests: {}, limits: {}, runSeconds: 5 },
      { name: 'init-2', requests: {}, limits: {}, runSeconds: 10, exitCode: 3 },
    ]);
    expect(t).toMatchObject({ postStartSeconds: 2, restartPolicy: 'Always', exitAfterSeconds: 600, exitCode: 1, readinessGates: [READINESS_GATE], readinessGateSeconds: 15 });
    expect(t.containers[0]).toMatchObject({ requests: { ephemeralStorage: GI }, limits: { ephemeralStorage: 2 * GI }, resizeRestart: ['memory'] });
    expect(t.ephemeralStorageUsage).toEqual({ kind: 'bytes', bytes: 500 * MI });
    expect(t.emptyDirs).toEqual([{ name: 'cache', sizeLimit: GI, memory: false, usage: 100 * MI }]);
  });

  it('defaults to no init containers, Always, running until stopped, no gate, no storage', async () => {
    const t = (await parseWorkloadsCsv(`${WL}\nshop,web,1,1,1Gi\n`, 'workloads.csv')).deployments[0].template;
    expect(t).toMatchObject({ initContainers: [], postStartSeconds: 0, restartPolicy: 'Always', exitAfterSeconds: null, exitCode: 0, readinessGates: [], emptyDirs: [] });
    expect(t.ephemeralStorageUsage).toEqual({ kind: 'bytes', bytes: 0 });
  });

  it.each([
    ['restart_policy', 'Never', /workloads\.csv:2: restart_policy "Never": a Deployment accepts only restartPolicy Always/],
    ['restart_policy', 'Sometimes', /restart_policy "Sometimes": expected Always, OnFailure or Never/],
    ['init_seconds', '5;;10', /init_seconds "5;;10": init container 2 has no run time/],
    ['init_seconds', '5:x', /init_seconds "5:x": expected an exit code from 0 to 255/],
    ['init_seconds', '5:1:2', /init_seconds "5:1:2": "5:1:2": expected SECONDS or SECONDS:EXIT_CODE/],
    ['init_seconds', 'soon', /init_seconds "soon": /],
    ['exit_code', '256', /exit_code "256": /],
    ['resize_policy', 'disk:RestartContainer', /resize_policy "disk:RestartContainer": "disk:RestartContainer": the resource must be cpu or memory/],
    ['resize_policy', 'cpu:Restart', /expected cpu:RestartContainer or cpu:NotRequired/],
    ['resize_policy', 'cpu:NotRequired;cpu:RestartContainer', /cpu is given twice/],
    ['ephemeral_storage_usage', 'request +', /ephemeral_storage_usage "request \+": not a valid expression/],
  ])('%s %s is refused', async (column, value, want) => {
    const extra = column === 'exit_code' ? ',exit_after_seconds' : '';
    const extraValue = column === 'exit_code' ? ',10' : '';
    expect(await csvError(`${WL},${column}${extra}\nshop,web,1,1,1Gi,${value}${extraValue}\n`)).toMatch(want);
  });

  it('refuses an exit code without exit_after_seconds, and an ephemeral-storage request over its limit', async () => {
    expect(await csvError(`${WL},exit_code\nshop,web,1,1,1Gi,3\n`)).toMatch(/workloads\.csv:2: exit_code "3": is set but exit_after_seconds is empty/);
    expect(await csvError(`${WL},ephemeral_storage_request,ephemeral_storage_limit\nshop,web,1,1,1Gi,2Gi,1Gi\n`)).toMatch(
      /ephemeral_storage_request "2Gi": is greater than ephemeral_storage_limit 1Gi/,
    );
  });
});

describe('nodes.csv ephemeral storage', () => {
  const N = 'name,zone,cpu,memory,pods,ephemeral_storage,ephemeral_storage_capacity\n';
  it('reads allocatable and the filesystem size', () => {
    const [n] = parseNodesCsv(`${N}n1,a,4,16Gi,110,90Gi,100Gi\n`, 'nodes.csv');
    expect(n.allocatable.ephemeralStorage).toBe(90 * GI);
    expect(n.ephemeralStorageCapacity).toBe(100 * GI);
    expect(parseNodesCsv(`${N}n1,a,4,16Gi,110,,\n`, 'nodes.csv')[0].allocatable.ephemeralStorage).toBeUndefined();
  });
  it.each([
    ['n1,a,4,16Gi,110,0,', /ephemeral_storage "0": allocatable ephemeral storage must be greater than 0/],
    ['n1,a,4,16Gi,110,90Gi,80Gi', /ephemeral_storage_capacity "80Gi": is less than the allocatable ephemeral storage 90Gi/],
    ['n1,a,4,16Gi,110,,80Gi', /ephemeral_storage_capacity "80Gi": needs ephemeral_storage/],
  ])('%s is refused', (row, want) => {
    expect(() => parseNodesCsv(`${N}${row}\n`, 'nodes.csv')).toThrow(want);
  });
});

describe('scenario keys and the resize event', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-lifecycle-'));
    mkdirSync(join(dir, 'inv'));
    writeFileSync(join(dir, 'inv/nodes.csv'), 'name,zone,cpu,memory,pods\nn1,a,4,16Gi,110\n');
    writeFileSync(join(dir, 'inv/workloads.csv'), `${WL},cpu_limit,memory_limit\nshop,web,2,500m,512Mi,,\nshop,db,1,1,1Gi,1,1Gi\n`);
  });
  const BASE = 'name: t\ninventory: {nodes: inv/nodes.csv, workloads: inv/workloads.csv}\nduration: 10m\n';
  const load = (yaml: string, set: string[] = []) => {
    const p = join(dir, 'scenario.yaml');
    writeFileSync(p, BASE + yaml);
    return loadScenario(p, { set });
  };
  const error = async (yaml: string, set: string[] = []) => {
    try {
      await load(yaml, set);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return e.message.replace(`${dir}/`, '');
    }
    throw new Error('expected an InputError');
  };

  it('applies the camelCase keys as workload overrides and rollout sets', async () => {
    const s = await load(
      'workloads:\n  shop/web: {initSeconds: "3;4", postStartSeconds: 2s, exitAfterSeconds: 1m, exitCode: 2, readinessGateSeconds: 5, resizePolicy: "cpu:RestartContainer", ephemeralStorageLimit: 1Gi, emptyDirSizeLimit: 2Gi, emptyDirUsage: 1Gi}\n' +
        'events:\n  - {at: 1m, rollout: {workload: shop/web, set: {initSeconds: 7}}}\n',
    );
    const t = s.inventory.deployments[0].template;
    expect(t.initContainers.map((c) => c.runSeconds)).toEqual([3, 4]);
    expect(t).toMatchObject({ postStartSeconds: 2, exitAfterSeconds: 60, exitCode: 2, readinessGates: [READINESS_GATE], readinessGateSeconds: 5 });
    expect(t.containers[0]).toMatchObject({ limits: { ephemeralStorage: GI }, resizeRestart: ['cpu'] });
    expect(t.emptyDirs).toEqual([{ name: 'cache', sizeLimit: 2 * GI, memory: false, usage: GI }]);
    const rollout = s.events[0].action;
    expect(rollout.kind === 'rollout' && rollout.template.initContainers.map((c) => c.runSeconds)).toEqual([7]);
  });

  it('builds a resize event from the app container and the new values (the template is not changed)', async () => {
    const s = await load('events:\n  - {at: 2m, resize: {workload: shop/web, set: {cpuRequest: 2, memoryRequest: 1Gi}}}\n');
    const e = s.events[0];
    expect(e.label).toBe('resize shop/web (cpuRequest, memoryRequest)');
    expect(e.action).toEqual({ kind: 'resize', workload: 'shop/web', container: { name: 'web', requests: { cpu: 2000, memory: GI }, limits: {} } });
    expect(s.inventory.deployments[0].template.containers[0].requests).toEqual({ cpu: 500, memory: 512 * MI });
  });

  it.each([
    ['workloads:\n  shop/web: {restartPolicy: Never}\n', /scenario\.yaml:5: workloads\.shop\/web\.restartPolicy: a Deployment accepts only restartPolicy Always/],
    ['events:\n  - {at: 1m, rollout: {workload: shop/web, set: {restartPolicy: OnFailure}}}\n', /events\[0\]\.rollout\.set\.restartPolicy: a Deployment accepts only restartPolicy Always/],
    ['workloads:\n  shop/web: {exitCode: 1}\n', /workloads\.shop\/web\.exitCode: is set but exitAfterSeconds is not/],
    ['workloads:\n  shop/web: {resizePolicy: "gpu:RestartContainer"}\n', /workloads\.shop\/web\.resizePolicy: "gpu:RestartContainer": /],
    ['workloads:\n  shop/web: {ephemeralStorageRequest: 2Gi, ephemeralStorageLimit: 1Gi}\n', /workloads\.shop\/web\.ephemeralStorageRequest: the ephemeralStorage request would be greater than its limit/],
    ['events:\n  - {at: 1m, resize: {workload: shop/web, set: {}}}\n', /events\[0\]\.resize\.set: give at least one of cpuRequest, memoryRequest, cpuLimit, memoryLimit/],
    ['events:\n  - {at: 1m, resize: {workload: shop/web, set: {memoryRequest: 2Gi, memoryLimit: 1Gi}}}\n', /events\[0\]\.resize\.set\.memoryRequest: the memory request would be greater than its limit/],
    ['events:\n  - {at: 1m, resize: {workload: shop/db, set: {cpuRequest: 500m}}}\n', /events\[0\]\.resize\.set\.cpuRequest: would change the pods' QoS class from Guaranteed to Burstable/],
    ['events:\n  - {at: 1m, resize: {workload: shop/web, set: {image: x}}}\n', /events\[0\]\.resize\.set\.image: unknown key "image"/],
    ['events:\n  - {at: 1m, resize: {workload: shop/nope, set: {cpuRequest: 1}}}\n', /events\[0\]\.resize\.workload: no workload "shop\/nope"/],
  ])('refuses %j', async (yaml, want) => {
    expect(await error(yaml)).toMatch(want);
  });

  it('names the --set argument when an override breaks a rule', async () => {
    expect(await error('', ['workloads.shop/web.restartPolicy=OnFailure'])).toMatch(/a Deployment accepts only restartPolicy Always.*\(from --set workloads\.shop\/web\.restartPolicy=OnFailure\)/);
  });
});

describe('kubectl dump lifecycle fields', () => {
  const node = '{"kind": "Node", "metadata": {"name": "n1"}, "status": {"allocatable": {"cpu": "4", "memory": "16Gi", "pods": "110", "ephemeral-storage": "90Gi"}, "capacity": {"ephemeral-storage": "100Gi"}}}';
  const pod = (spec: object) => JSON.stringify({ kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'n1', ...spec }, status: { phase: 'Pending' } });
  const list = (...items: string[]) => `{"kind": "List", "items": [${items.join(',')}]}`;

  it('reads init containers (0 s each), sidecars, restartPolicy, readinessGates, postStart, resizePolicy, ephemeral storage and emptyDirs', () => {
    const inv = parseKubectlDump(
      list(
        node,
        pod({
          restartPolicy: 'OnFailure',
          readinessGates: [{ conditionType: 'example.com/lb' }],
          initContainers: [{ name: 'migrate' }, { name: 'proxy', restartPolicy: 'Always' }],
          containers: [
            {
              name: 'app',
              resources: { requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '2Gi' } },
              lifecycle: { postStart: { exec: { command: ['sh', '-c', 'sleep 3'] } } },
              resizePolicy: [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }, { resourceName: 'cpu', restartPolicy: 'NotRequired' }],
            },
          ],
          volumes: [{ name: 'cache', emptyDir: { sizeLimit: '500Mi' } }, { name: 'shm', emptyDir: { medium: 'Memory' } }, { name: 'cfg', configMap: {} }],
        }),
      ),
      'dump.json',
    );
    expect(inv.nodes[0]).toMatchObject({ allocatable: { ephemeralStorage: 90 * GI }, ephemeralStorageCapacity: 100 * GI });
    const t = inv.pods[0].spec!;
    expect(t).toMatchObject({ restartPolicy: 'OnFailure', readinessGates: ['example.com/lb'], readinessGateSeconds: 0, postStartSeconds: 3 });
    expect(t.initContainers.map((c) => [c.name, c.sidecar ?? false, c.runSeconds ?? 0])).toEqual([['migrate', false, 0], ['proxy', true, 0]]);
    expect(t.containers[0]).toMatchObject({ requests: { ephemeralStorage: GI }, limits: { ephemeralStorage: 2 * GI }, resizeRestart: ['memory'] });
    expect(t.emptyDirs).toEqual([
      { name: 'cache', sizeLimit: 500 * MI, memory: false, usage: 0 },
      { name: 'shm', sizeLimit: null, memory: true, usage: 0 },
    ]);
  });

  it('refuses a Deployment whose pods would not restart, and a bad sizeLimit, with their paths', () => {
    const deployment = '{"kind": "Deployment", "metadata": {"name": "web"}, "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "c"}]}}}}';
    expect(() => parseKubectlDump(list(node, deployment), 'dump.json')).toThrow(/items\[1\]\.spec\.template\.spec\.restartPolicy: "Never": a Deployment accepts only restartPolicy Always/);
    expect(() => parseKubectlDump(list(node, pod({ containers: [{ name: 'c' }], volumes: [{ name: 'v', emptyDir: { sizeLimit: 'lots' } }] })), 'dump.json')).toThrow(
      /items\[1\]\.spec\.volumes\[0\]\.emptyDir\.sizeLimit: "lots" is not a valid quantity/,
    );
  });
});

describe('StatefulSets and DaemonSets keep restartPolicy Always, as the API refuses the others', () => {
  const HEADER = `${WL},kind,restart_policy\n`;
  it('workloads.csv names the column and the kind', async () => {
    expect(await csvError(`${HEADER}data,db,3,1,1Gi,StatefulSet,Never\n`)).toMatch(/workloads\.csv:2: restart_policy "Never": a StatefulSet accepts only restartPolicy Always/);
    expect(await csvError(`${HEADER}kube-system,agent,,1,1Gi,DaemonSet,OnFailure\n`)).toMatch(/workloads\.csv:2: restart_policy "OnFailure": a DaemonSet accepts only restartPolicy Always/);
    const ok = await parseWorkloadsCsv(`${HEADER}data,db,3,1,1Gi,StatefulSet,Always\n`, 'workloads.csv');
    expect(ok.statefulSets[0].template.restartPolicy).toBe('Always');
  });

  it('a scenario override and a rollout set name the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-lifecycle-sets-'));
    mkdirSync(join(dir, 'inv'));
    writeFileSync(join(dir, 'inv/nodes.csv'), 'name,zone,cpu,memory,pods\nn1,a,4,16Gi,110\n');
    writeFileSync(join(dir, 'inv/workloads.csv'), `${HEADER}data,db,1,1,1Gi,StatefulSet,\nkube-system,agent,,1,1Gi,DaemonSet,\n`);
    const error = async (yaml: string) => {
      writeFileSync(join(dir, 's.yaml'), `name: t\ninventory: {nodes: inv/nodes.csv, workloads: inv/workloads.csv}\n${yaml}`);
      try {
        await loadScenario(join(dir, 's.yaml'), {});
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        return e.message;
      }
      throw new Error('expected an InputError');
    };
    expect(await error('workloads:\n  data/db: {restartPolicy: Never}\n')).toMatch(/workloads\.data\/db\.restartPolicy: a StatefulSet accepts only restartPolicy Always/);
    expect(await error('events:\n  - {at: 1m, rollout: {workload: kube-system/agent, set: {restartPolicy: Never}}}\n')).toMatch(
      /events\[0\]\.rollout\.set\.restartPolicy: a DaemonSet accepts only restartPolicy Always/,
    );
  });

  it('a dump names the field path', () => {
    const node = '{"kind": "Node", "metadata": {"name": "n1"}, "status": {"allocatable": {"cpu": "4", "memory": "16Gi", "pods": "110"}}}';
    const set = (kind: string) =>
      `{"kind": "List", "items": [${node}, {"kind": "${kind}", "metadata": {"name": "x", "namespace": "data"}, "spec": {"template": {"spec": {"restartPolicy": "OnFailure", "containers": [{"name": "c"}]}}}}]}`;
    expect(() => parseKubectlDump(set('StatefulSet'), 'dump.json')).toThrow(/items\[1\]\.spec\.template\.spec\.restartPolicy: "OnFailure": a StatefulSet accepts only restartPolicy Always/);
    expect(() => parseKubectlDump(set('DaemonSet'), 'dump.json')).toThrow(/items\[1\]\.spec\.template\.spec\.restartPolicy: "OnFailure": a DaemonSet accepts only restartPolicy Always/);
  });
});
