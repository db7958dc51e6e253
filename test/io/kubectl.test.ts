import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKubectlDump } from '../../src/io/kubectl.js';
import { placeOnKnownNodes } from '../../src/io/inventory.js';
import { summarizeInventory } from '../../src/io/inventory-summary.js';
import { InputError } from '../../src/io/errors.js';

const DIR = join(import.meta.dirname, '../fixtures/io/kubectl');
const MI = 1024 ** 2;
const load = (name: string) => parseKubectlDump(readFileSync(join(DIR, name), 'utf8'), name);

function dumpError(text: string, file = 'dump.json'): string {
  try {
    parseKubectlDump(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

const node = (name: string, extra = '') =>
  `{"kind": "Node", "metadata": {"name": "${name}", "labels": {"topology.kubernetes.io/zone": "z1"}}, "status": {"allocatable": {"cpu": "4", "memory": "16Gi", "pods": "110"}}${extra}}`;
const list = (...items: string[]) => `{\n"kind": "List",\n"items": [\n${items.join(',\n')}\n]\n}\n`;

describe('kubectl dump (test/fixtures/io/kubectl/cluster.json)', () => {
  const inv = load('cluster.json');

  it('totals: hand-computed effective requests of bound, non-terminal pods', () => {
    // node-a: web (600m: init migrate 500m + sidecar 100m > 250m + 100m; 384Mi) + old web revision
    //   (300m, 384Mi) + api (500m + 250m overhead, 512Mi + 160Mi) + node-exporter (100m, 64Mi) + debug (0)
    // node-b: web (600m, 384Mi) + api (750m, 672Mi) + node-exporter (100m, 64Mi) + redis (500m, 1Gi)
    // node-c: node-exporter (100m, 64Mi); the Succeeded job pod holds nothing, the Pending web pod is unbound.
    const s = summarizeInventory(inv);
    expect(s.nodes).toBe(3);
    // 3 Deployments, the node-exporter DaemonSet, and the StatefulSet data/redis its pod names
    // (not in the dump: inferred from the pod's owner reference)
    expect(s.workloads).toBe(5);
    expect(s.pods).toEqual({ running: 10, pending: 1, succeeded: 1, failed: 0, unknown: 0 });
    expect(s.totals).toEqual({
      cpu_allocatable: 3.92 + 3.92 + 7.91,
      memory_allocatable: (15147096 * 2 + 31225420) * 1024,
      cpu_requested: 3.8,
      memory_requested: (1504 + 2144 + 64) * MI,
    });
    expect(s.zones['eu-west-1a']).toEqual({ nodes: 1, pods: 5, cpu_allocatable: 3.92, memory_allocatable: 15147096 * 1024, cpu_requested: 1.75, memory_requested: 1504 * MI });
    expect(s.zones['eu-west-1b']).toMatchObject({ nodes: 1, cpu_requested: 1.95, memory_requested: 2144 * MI });
    expect(s.zones['eu-west-1c']).toMatchObject({ nodes: 1, cpu_requested: 0.1, memory_requested: 64 * MI });
    // the unbound web pod (600m, 384Mi) and shop/admin's missing replica (100m, 128Mi)
    expect(s.to_be_scheduled).toEqual({ pods: 2, cpu_requested: 0.7, memory_requested: 512 * MI });
    expect(s.pdbs).toBe(2);
  });

  it('the YAML variant reads the same', () => {
    expect(load('cluster.yaml')).toEqual(inv);
  });

  it('reads nodes: allocatable, capacity, taints, zone with the legacy label as fallback', () => {
    expect(inv.nodes.map((n) => [n.name, n.zone])).toEqual([
      ['node-a', 'eu-west-1a'],
      ['node-b', 'eu-west-1b'],
      ['node-c', 'eu-west-1c'],
    ]);
    expect(inv.nodes[2]).toMatchObject({
      allocatable: { cpu: 7910, memory: 31225420 * 1024, pods: 58 },
      memoryCapacity: 32328268 * 1024,
      taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
      unschedulable: false,
    });
  });

  it('reads Deployments with defaults, sidecars, probes, preStop and admission-filled fields', () => {
    const [web, api, admin] = inv.deployments;
    expect(web).toMatchObject({ namespace: 'shop', name: 'web', replicas: 3, maxSurge: '25%', maxUnavailable: 0, minReadySeconds: 5, progressDeadlineSeconds: 600 });
    expect(web.template.initContainers).toEqual([
      { name: 'istio-proxy', requests: { cpu: 100, memory: 128 * MI }, limits: { cpu: 2000, memory: 1024 * MI }, sidecar: true },
      { name: 'migrate', requests: { cpu: 500, memory: 64 * MI }, limits: {} },
    ]);
    expect(web.template.readinessProbe).toEqual({ periodSeconds: 5, initialDelaySeconds: 0, successThreshold: 1, failureThreshold: 3 });
    expect(web.template.preStopSeconds).toBe(5);
    expect(web.template.terminationGracePeriodSeconds).toBe(45);
    // Every constraint as written, its selector included (not only the zone one).
    expect(web.template.topologySpread).toEqual([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } },
    ]);
    // priority and overhead come from the pods (Priority and RuntimeClass admission)
    expect(api.template).toMatchObject({ priority: 100000, priorityClassName: 'payments-critical', overhead: { cpu: 250, memory: 160 * MI }, preStopSeconds: 15 });
    expect(api.template.livenessProbe).toEqual({ periodSeconds: 20, initialDelaySeconds: 0, successThreshold: 1, failureThreshold: 5 });
    expect(api.template.readinessProbe).toMatchObject({ periodSeconds: 10, initialDelaySeconds: 10 });
    expect(admin).toMatchObject({ strategy: 'Recreate', replicas: 1 });
    expect(admin.template.priority).toBe(2_000_000_000);
  });

  it('links pods to Deployments through their ReplicaSets; other pods keep their own spec', () => {
    const byName = new Map(inv.pods.map((p) => [p.name, p]));
    expect(byName.get('web-7d4b9c-aaaa1')).toMatchObject({ workload: 'shop/web', ownerKind: 'ReplicaSet', node: 'node-a', phase: 'Running', ready: true, spec: null });
    expect(byName.get('web-7d4b9c-cccc3')).toMatchObject({ node: null, phase: 'Pending', ready: false, spec: null });
    // a pod of the older revision runs its own ReplicaSet's template (200m, not the Deployment's 250m)
    expect(byName.get('web-5f6d7e-dddd4')).toMatchObject({ replicaSet: 'web-5f6d7e', spec: null });
    expect(inv.deployments[0].replicaSets?.[0].template?.containers[0].requests.cpu).toBe(200);
    // a DaemonSet's pods belong to it (their spec is the template's: its own priority class)
    expect(byName.get('node-exporter-k2x9p')).toMatchObject({ workload: 'kube-system/node-exporter', workloadKind: 'DaemonSet', ownerKind: 'DaemonSet', outdated: false });
    expect(inv.daemonSets?.[0].template.priority).toBe(2_000_001_000);
    // a StatefulSet pod whose StatefulSet is not in the dump: the StatefulSet is inferred from it
    expect(byName.get('redis-0')).toMatchObject({ workload: 'data/redis', workloadKind: 'StatefulSet', ownerKind: 'StatefulSet', spec: null });
    expect(inv.statefulSets?.map((x) => [x.namespace, x.name, x.replicas])).toEqual([['data', 'redis', 1]]);
    // the ReplicaSets keep their names: the new one (revision 2 = the Deployment's) and the old one
    expect(byName.get('web-7d4b9c-aaaa1')?.replicaSet).toBe('web-7d4b9c');
    expect(byName.get('web-5f6d7e-dddd4')?.replicaSet).toBe('web-5f6d7e');
    expect(inv.deployments[0].replicaSets?.map((r) => [r.name, r.revision, r.replicas, r.template === null])).toEqual([
      ['web-5f6d7e', 1, 1, false],
      ['web-7d4b9c', 2, 1, true],
    ]);
    expect(byName.get('report-28391-abcde')).toMatchObject({ ownerKind: 'Job', phase: 'Succeeded', ready: false });
    expect(byName.get('debug-shell')).toMatchObject({ ownerKind: null, workload: null });
    expect(inv.hasPodPlacement).toBe(true);
  });

  it('reads PDBs from matchLabels and single-valued In expressions', () => {
    expect(inv.pdbs).toEqual([
      { namespace: 'payments', name: 'api-pdb', selector: { app: 'api' }, minAvailable: 1, maxUnavailable: null },
      { namespace: 'shop', name: 'web', selector: { app: 'web' }, minAvailable: null, maxUnavailable: '25%' },
    ]);
  });
});

describe('kubectl dump forms', () => {
  it('reads multi-document YAML, single objects and typed lists', () => {
    const yaml = [
      'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable: {cpu: "2", memory: 8Gi, pods: "110"}\n',
      'apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: p1, namespace: default}\n  spec:\n    nodeName: n1\n    containers: [{name: c, resources: {limits: {cpu: 500m, memory: 1Gi}}}]\n  status: {phase: Running}\n',
      '',
    ].join('---\n');
    const inv = parseKubectlDump(yaml, 'dump.yaml');
    expect(inv.nodes.map((n) => n.name)).toEqual(['n1']);
    expect(inv.nodes[0].zone).toBe('');
    // API defaulting: requests default to limits
    expect(inv.pods[0].spec?.containers[0]).toEqual({ name: 'c', requests: { cpu: 500, memory: 1024 * MI }, limits: { cpu: 500, memory: 1024 * MI } });
    expect(parseKubectlDump(node('solo'), 'node.json').nodes[0].name).toBe('solo');
  });

  it('names the JSON path and line of a bad quantity', () => {
    const pod =
      '{"kind": "Pod", "metadata": {"name": "p"},\n "spec": {"nodeName": "n1", "containers": [\n  {"name": "c", "resources": {"requests": {\n   "cpu": "abc"}}}]}}';
    expect(dumpError(list(node('n1'), pod))).toMatch(
      /^dump\.json:8: items\[1\]\.spec\.containers\[0\]\.resources\.requests\.cpu: "abc" is not a valid quantity: /,
    );
  });

  it('names the path of a missing or mistyped field, with the YAML line', () => {
    const yaml = 'kind: List\nitems:\n- kind: Deployment\n  metadata: {name: web}\n  spec:\n    replicas: three\n    template: {spec: {containers: [{name: c}]}}\n';
    expect(dumpError(yaml, 'dump.yaml')).toBe('dump.yaml:6: items[0].spec.replicas: expected a number, got "three"');
    expect(dumpError(list('{"kind": "Deployment", "metadata": {"name": "web"}, "spec": {}}'))).toBe(
      'dump.json:4: items[0].spec.template: required (a mapping)',
    );
    // an item without kind that nothing identifies is skipped (counted), like a kind not read
    expect(dumpError(list('{"metadata": {"name": "x"}}'))).toMatch(/^dump\.json: no Nodes, workloads or Pods found \(found only \(without kind\)\)/);
  });

  it('keeps pods bound to absent nodes (the inventory decides), refuses duplicates and unsupported selectors', () => {
    const pod = '{"kind": "Pod", "metadata": {"name": "p"}, "spec": {"nodeName": "gone", "containers": [{"name": "c"}]}}';
    const inv = parseKubectlDump(list(node('n1'), pod), 'dump.json');
    expect(inv.pods[0].node).toBe('gone');
    // the whole inventory has no node "gone": the pod waits for the scheduler, with one warning
    const placed = placeOnKnownNodes(inv);
    expect(placed.pods[0]).toMatchObject({ node: null, phase: 'Pending' });
    expect(placed.warnings).toEqual([
      '1 pod is bound to 1 node the inventory does not have (gone): treated as unscheduled, for the scheduler at t=0. Add those nodes (nodes.csv, or the Nodes in the dump) to keep the pods where they are.',
    ]);
    expect(placed.dump?.podsOnAbsentNodes).toEqual({ pods: 1, nodes: ['gone'] });
    expect(dumpError(list(node('n1'), node('n1')))).toMatch(/^dump\.json:\d+: items\[1\]\.metadata\.name: duplicate Node "n1" \(also at dump\.json:4\)/);
    const pdb = '{"kind": "PodDisruptionBudget", "metadata": {"name": "b"}, "spec": {"minAvailable": 1, "selector": {"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["x"]}]}}}';
    expect(dumpError(list(node('n1'), pdb))).toMatch(/items\[1\]\.spec\.selector\.matchExpressions\[0\]: unsupported selector/);
  });

  it('reports syntax errors with their line', () => {
    expect(dumpError('{\n"kind": "List",\n"items": [\n}\n')).toMatch(/^dump\.json:4: JSON syntax error: /);
    expect(dumpError('kind: List\nitems:\n  - a: 1\n - b: 2\n', 'dump.yaml')).toMatch(/^dump\.yaml:4: YAML syntax error: /);
  });

  it('rejects documents without nodes, deployments or pods', () => {
    expect(dumpError('{"kind": "List", "items": []}')).toMatch(/^dump\.json: no Nodes, workloads or Pods found: capture them with `kubectl get nodes,pods,deployments,replicasets,statefulsets,daemonsets,jobs,pdb,priorityclasses -A -o json > cluster.json`$/);
    expect(dumpError('{"kind": "List", "items": [{"kind": "Service", "metadata": {"name": "s"}}]}')).toMatch(/no Nodes, workloads or Pods found \(found only Service\)/);
    // a top-level array is read as the objects it holds (`jq .items`): numbers are not objects
    expect(dumpError('[1, 2]')).toBe('dump.json:1: [0]: expected a Kubernetes object');
  });
});
