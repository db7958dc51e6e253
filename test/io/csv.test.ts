import { describe, expect, it } from 'vitest';
import { parseNodesCsv } from '../../src/io/csv/nodes.js';
import { parseWorkloadsCsv } from '../../src/io/csv/workloads.js';
import { parsePodsCsv } from '../../src/io/csv/pods.js';
import { InputError } from '../../src/io/errors.js';

const NODES = 'name,zone,cpu,memory,pods\n';
const WL = 'namespace,name,replicas,cpu_request,memory_request\n';
const MI = 1024 ** 2;
const GI = 1024 ** 3;

function nodeError(text: string): string {
  try {
    parseNodesCsv(text, 'nodes.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

async function workloadError(text: string): Promise<string> {
  try {
    await parseWorkloadsCsv(text, 'workloads.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('nodes.csv', () => {
  it('reads nodes in any column order, with extra columns, labels, taints and defaults', () => {
    const nodes = parseNodesCsv(
      'pods,comment,memory,cpu,zone,name,labels,taints,unschedulable\n' +
        '110,spare,32Gi,8,eu-1a,n1,pool=general;tier=,dedicated=batch:NoSchedule;gpu:NoExecute,true\n' +
        '58,,16Gi,3920m,eu-1b,n2,,,\n',
      'nodes.csv',
    );
    expect(nodes).toHaveLength(2);
    expect(nodes[0]).toEqual({
      name: 'n1',
      zone: 'eu-1a',
      labels: { 'kubernetes.io/hostname': 'n1', 'topology.kubernetes.io/zone': 'eu-1a', pool: 'general', tier: '' },
      taints: [
        { key: 'dedicated', value: 'batch', effect: 'NoSchedule' },
        { key: 'gpu', value: '', effect: 'NoExecute' },
      ],
      unschedulable: true,
      allocatable: { cpu: 8000, memory: 32 * GI, pods: 110 },
      memoryCapacity: null,
    });
    expect(nodes[1].allocatable.cpu).toBe(3920);
    expect(nodes[1].unschedulable).toBe(false);
  });

  it('reads memory_capacity', () => {
    const [n] = parseNodesCsv('name,zone,cpu,memory,pods,memory_capacity\nn1,a,4,14Gi,58,16Gi\n', 'nodes.csv');
    expect(n.memoryCapacity).toBe(16 * GI);
  });

  it('names file, line, column and value for a bad quantity', () => {
    expect(nodeError(NODES + 'n1,a,4,16Gi,58\nn2,a,4,12Gb,58\n')).toBe(
      'nodes.csv:3: memory "12Gb": unknown suffix "Gb" (did you mean G or Gi?)',
    );
    expect(nodeError(NODES + 'n1,a,four,16Gi,58\n')).toMatch(/^nodes\.csv:2: cpu "four": /);
  });

  it('rejects negative and non-integer counts', () => {
    expect(nodeError(NODES + 'n1,a,4,16Gi,-3\n')).toBe('nodes.csv:2: pods "-3": must not be negative');
    expect(nodeError(NODES + 'n1,a,4,16Gi,2.5\n')).toBe('nodes.csv:2: pods "2.5": expected a whole number');
    expect(nodeError(NODES + 'n1,a,-4,16Gi,5\n')).toMatch(/^nodes\.csv:2: cpu "-4": must not be negative/);
    expect(nodeError(NODES + 'n1,a,0,16Gi,5\n')).toMatch(/^nodes\.csv:2: cpu "0": allocatable cpu must be greater than 0/);
  });

  it('names the missing required columns', () => {
    expect(nodeError('name,zone,cpu\nn1,a,4\n')).toBe(
      'nodes.csv:1: missing required columns "memory", "pods" (the header has: name, zone, cpu)',
    );
  });

  it('rejects duplicate node names, pointing at both lines', () => {
    expect(nodeError(NODES + 'n1,a,4,16Gi,5\nn2,a,4,16Gi,5\nn1,b,4,16Gi,5\n')).toBe(
      'nodes.csv:4: name "n1": duplicate node name (first on line 2)',
    );
  });

  it('rejects an empty node list and an empty file', () => {
    expect(nodeError(NODES)).toBe('nodes.csv: no nodes: the file has a header but no node rows');
    expect(nodeError('')).toMatch(/^nodes\.csv:1: empty file: expected a header row/);
  });

  it('reports an unterminated quote at the line where it opens', () => {
    expect(nodeError(NODES + 'n1,a,4,16Gi,5\nn2,"a,4,16Gi,5\nn3,a,4,16Gi,5\n')).toBe(
      'nodes.csv:3: unterminated quoted field: the quote opened on line 3 is never closed',
    );
  });

  it('finds the right line after quoted newlines and blank lines', () => {
    const text = NODES + 'n1,a,4,16Gi,5\n"n2",a,4,16Gi,5\n\n' + 'name,zone,cpu,memory,pods,labels\n'.slice(0, 0) + 'n3,"a",4,16Gi,bad\n';
    expect(nodeError(text)).toBe('nodes.csv:5: pods "bad": expected a whole number ≥ 0');
    const quoted = 'name,zone,cpu,memory,pods,labels\nn1,a,4,16Gi,5,"x=1;\ny=2"\nn2,a,4,16Gi,5,\nn3,a,4,16Gi,oops,\n';
    expect(nodeError(quoted)).toBe('nodes.csv:5: pods "oops": expected a whole number ≥ 0');
  });

  it('rejects rows with more fields than the header', () => {
    expect(nodeError(NODES + 'n1,a,4,16Gi,5,extra\n')).toBe(
      'nodes.csv:2: 6 fields but the header has 5 (quote values that contain commas)',
    );
  });

  it('validates taints, labels and booleans', () => {
    expect(nodeError('name,zone,cpu,memory,pods,taints\nn1,a,4,16Gi,5,dedicated=batch\n')).toMatch(
      /^nodes\.csv:2: taints "dedicated=batch": taint "dedicated=batch" has no effect/,
    );
    expect(nodeError('name,zone,cpu,memory,pods,taints\nn1,a,4,16Gi,5,k=v:NoRun\n')).toMatch(/unknown effect "NoRun"/);
    expect(nodeError('name,zone,cpu,memory,pods,labels\nn1,a,4,16Gi,5,pool:general\n')).toMatch(
      /^nodes\.csv:2: labels "pool:general": "pool:general" is not key=value/,
    );
    expect(nodeError('name,zone,cpu,memory,pods,unschedulable\nn1,a,4,16Gi,5,maybe\n')).toBe(
      'nodes.csv:2: unschedulable "maybe": expected true or false',
    );
  });

  it('skips rows whose cells are all empty', () => {
    expect(parseNodesCsv(NODES + 'n1,a,4,16Gi,5\n,,,,\n', 'nodes.csv')).toHaveLength(1);
  });
});

describe('workloads.csv', () => {
  it('builds a Deployment with one container named after it and API defaulting', async () => {
    const { deployments, pdbs } = await parseWorkloadsCsv(
      WL.trim() +
        ',cpu_limit,memory_limit,priority,max_surge,max_unavailable,readiness_period_seconds,readiness_failure_threshold,' +
        'tolerations,node_selector,pdb_min_available,zone_spread,memory_usage,start_seconds,warmup_seconds,image\n' +
        'shop,web,3,,256Mi,500m,512Mi,100,1,0,5,5,dedicated=batch:NoSchedule;node.kubernetes.io/unreachable:NoExecute:30;:,pool=general,2,1,200Mi,4,10.5,web:2\n',
      'workloads.csv',
    );
    const d = deployments[0];
    expect(d).toMatchObject({ namespace: 'shop', name: 'web', replicas: 3, strategy: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 });
    expect(d.progressDeadlineSeconds).toBe(600);
    expect(d.template.containers).toEqual([
      { name: 'web', requests: { cpu: 500, memory: 256 * MI }, limits: { cpu: 500, memory: 512 * MI } },
    ]);
    expect(d.template.readinessProbe).toEqual({ periodSeconds: 5, initialDelaySeconds: 0, successThreshold: 1, failureThreshold: 5 });
    expect(d.template.livenessProbe).toBeNull();
    expect(d.template.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule', tolerationSeconds: null },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: 30 },
      { key: '', operator: 'Exists', value: '', effect: '', tolerationSeconds: null },
    ]);
    expect(d.template.nodeSelector).toEqual({ pool: 'general' });
    expect(d.template.topologySpread).toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }]);
    expect(d.template.memoryUsage).toEqual({ kind: 'bytes', bytes: 200 * MI });
    expect(d.template).toMatchObject({ priority: 100, startSeconds: 4, warmupSeconds: 10.5, image: 'web:2', labels: { app: 'web' } });
    expect(pdbs).toEqual([{ namespace: 'shop', name: 'web', selector: { app: 'web' }, minAvailable: 2, maxUnavailable: null }]);
  });

  it('keeps defaults: 25%/25%, no probe, usage = request, BestEffort when requests are empty', async () => {
    const { deployments, pdbs } = await parseWorkloadsCsv(WL + 'search,indexer,2,,\n', 'workloads.csv');
    expect(deployments[0]).toMatchObject({ maxSurge: '25%', maxUnavailable: '25%', minReadySeconds: 0, revisionHistoryLimit: 10 });
    expect(deployments[0].template.containers[0]).toEqual({ name: 'indexer', requests: {}, limits: {} });
    expect(deployments[0].template.memoryUsage).toEqual({ kind: 'request' });
    expect(deployments[0].template.terminationGracePeriodSeconds).toBe(30);
    expect(pdbs).toEqual([]);
  });

  it('compiles a memory_usage expression', async () => {
    const { deployments } = await parseWorkloadsCsv(WL.trim() + ',memory_usage\nshop,cache,1,1,1Gi,request * 1.5\n', 'workloads.csv');
    const u = deployments[0].template.memoryUsage;
    expect(u.kind).toBe('expression');
    if (u.kind === 'expression') expect(u.evaluate({ request: GI, limit: GI, t: 0 })).toBe(1.5 * GI);
  });

  it('names the line and value of bad cells', async () => {
    expect(await workloadError(WL + 'shop,web,3,500m,256Mi\nshop,cart,2,1,12Gb\n')).toBe(
      'workloads.csv:3: memory_request "12Gb": unknown suffix "Gb" (did you mean G or Gi?)',
    );
    expect(await workloadError(WL + 'shop,web,-1,500m,256Mi\n')).toBe('workloads.csv:2: replicas "-1": must not be negative');
    expect(await workloadError(WL + 'shop,web,1.5,500m,256Mi\n')).toBe('workloads.csv:2: replicas "1.5": expected a whole number');
    expect(await workloadError(WL.trim() + ',max_surge\nshop,web,1,1,1Gi,1.5%\n')).toMatch(/^workloads\.csv:2: max_surge "1\.5%": /);
    expect(await workloadError(WL.trim() + ',strategy\nshop,web,1,1,1Gi,BlueGreen\n')).toBe(
      'workloads.csv:2: strategy "BlueGreen": expected RollingUpdate or Recreate',
    );
  });

  it('rejects max_surge and max_unavailable both zero, as Kubernetes validation does', async () => {
    expect(await workloadError(WL.trim() + ',max_surge,max_unavailable\nshop,web,3,1,1Gi,0,0%\n')).toMatch(
      /^workloads\.csv:2: max_unavailable "0%": may not be 0 when max_surge is also 0: Kubernetes rejects/,
    );
  });

  it('rejects duplicate workloads', async () => {
    expect(await workloadError(WL + 'shop,web,1,1,1Gi\nshop,cart,1,1,1Gi\nshop,web,2,1,1Gi\n')).toBe(
      'workloads.csv:4: duplicate workload "shop/web" (first on line 2)',
    );
  });

  it('rejects a request above its limit, both PDB fields, and probe fields without a period', async () => {
    expect(await workloadError(WL.trim() + ',memory_limit\nshop,web,1,1,2Gi,1Gi\n')).toMatch(
      /^workloads\.csv:2: memory_request "2Gi": is greater than memory_limit 1Gi/,
    );
    expect(await workloadError(WL.trim() + ',pdb_min_available,pdb_max_unavailable\nshop,web,1,1,1Gi,1,1\n')).toMatch(
      /^workloads\.csv:2: pdb_max_unavailable "1": give pdb_min_available or pdb_max_unavailable, not both/,
    );
    expect(await workloadError(WL.trim() + ',readiness_failure_threshold\nshop,web,1,1,1Gi,3\n')).toMatch(
      /^workloads\.csv:2: readiness_failure_threshold "3": is set but readiness_period_seconds is empty/,
    );
    expect(await workloadError(WL.trim() + ',liveness_period_seconds,liveness_success_threshold\nshop,web,1,1,1Gi,10,2\n')).toMatch(
      /liveness_success_threshold "2": must be 1 for a liveness probe/,
    );
  });

  it('rejects bad tolerations and memory_usage', async () => {
    expect(await workloadError(WL.trim() + ',tolerations\nshop,web,1,1,1Gi,dedicated=batch:NoSchedule:30\n')).toMatch(
      /^workloads\.csv:2: tolerations "dedicated=batch:NoSchedule:30": .*seconds are only allowed with the NoExecute effect/,
    );
    expect(await workloadError(WL.trim() + ',memory_usage\nshop,web,1,1,1Gi,request * foo\n')).toMatch(
      /^workloads\.csv:2: memory_usage "request \* foo": unknown symbol "foo"/,
    );
    expect(await workloadError(WL.trim() + ',memory_usage\nshop,web,1,1,1Gi,1.5GB\n')).toMatch(
      /^workloads\.csv:2: memory_usage "1\.5GB": unknown suffix "GB"/,
    );
  });

  it('names missing required columns', async () => {
    expect(await workloadError('namespace,name,cpu_request\nshop,web,1\n')).toBe(
      'workloads.csv:1: missing required columns "replicas", "memory_request" (the header has: namespace, name, cpu_request)',
    );
  });
});

describe('pods.csv', () => {
  const refs = { nodes: new Set(['n1', 'n2']), workloads: new Set(['shop/web']) };
  const POD = 'namespace,workload,name,node\n';

  const podError = (text: string): string => {
    try {
      parsePodsCsv(text, 'pods.csv', refs);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('expected an InputError');
  };

  it('reads placement, phase, readiness and usage', () => {
    const pods = parsePodsCsv(POD.trim() + ',phase,ready,memory_usage\nshop,web,web-1,n1,,,900Mi\nshop,web,web-2,,,,\nshop,web,web-3,n2,Running,false,\n', 'pods.csv', refs);
    expect(pods).toEqual([
      { namespace: 'shop', name: 'web-1', workload: 'shop/web', ownerKind: 'ReplicaSet', node: 'n1', phase: 'Running', ready: true, spec: null, memoryUsage: 900 * MI },
      { namespace: 'shop', name: 'web-2', workload: 'shop/web', ownerKind: 'ReplicaSet', node: null, phase: 'Pending', ready: false, spec: null, memoryUsage: null },
      { namespace: 'shop', name: 'web-3', workload: 'shop/web', ownerKind: 'ReplicaSet', node: 'n2', phase: 'Running', ready: false, spec: null, memoryUsage: null },
    ]);
  });

  it('rejects pods of unknown nodes or workloads, and duplicates', () => {
    expect(podError(POD + 'shop,web,web-1,n9\n')).toBe('pods.csv:2: node "n9": no such node in the inventory');
    expect(podError(POD + 'shop,api,api-1,n1\n')).toBe('pods.csv:2: workload "api": no workload "shop/api" in the inventory');
    expect(podError(POD + 'shop,web,web-1,n1\nshop,web,web-1,n2\n')).toBe('pods.csv:3: name "web-1": duplicate pod "shop/web-1" (first on line 2)');
  });

  it('rejects inconsistent phases and expressions as per-pod usage', () => {
    expect(podError(POD.trim() + ',phase\nshop,web,web-1,,Running\n')).toBe('pods.csv:2: phase "Running": a pod without a node can only be Pending');
    expect(podError(POD.trim() + ',phase\nshop,web,web-1,n1,Sleeping\n')).toMatch(/^pods\.csv:2: phase "Sleeping": unknown phase/);
    expect(podError(POD.trim() + ',memory_usage\nshop,web,web-1,n1,request * 2\n')).toMatch(
      /^pods\.csv:2: memory_usage "request \* 2": per-pod memory_usage must be a quantity/,
    );
  });
});
