// `npm run bench -- --dump` (or `npx tsx test/bench/dump.ts [--sizes 300,1050]`): the kubectl
// dump loading figures of issue 12. For each size (MiB) it writes a `kubectl get
// nodes,pods,deployments,replicasets -A -o json` dump as kubectl prints it (4-space indented,
// managedFields, env, probes, volumes, node images — about 16 KB a pod, so 300 MiB is 1,200
// nodes and 18,600 pods), then loads it the way `headroom inspect FILE` does, in a fresh process,
// and prints the load time and the process's peak RSS. Targets: 300 MB in under 5 s; 1 GiB
// within 2 GiB of memory (size 1050 writes 1,023 MiB: 4,200 nodes, 65,100 pods, just under the
// 1 GiB input limit). `--out FILE` only writes the first size's dump there.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Nodes and pods per MiB of dump (300 MiB: 1,200 nodes, 18,600 pods). */
const NODES_PER_MIB = 1200 / 300;
const PODS_PER_MIB = 18600 / 300;
const REPLICAS = 10;
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
const uid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
const suffix = () => Array.from({ length: 5 }, () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(rand() * 27)]).join('');
const T = '2025-03-04T10:00:00Z';

function managedFields(manager: string): unknown[] {
  return [
    {
      apiVersion: 'v1',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} }, 'f:ownerReferences': { '.': {}, 'k:{"uid":"x"}': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:env': { '.': {} }, 'f:image': {}, 'f:resources': { '.': {}, 'f:limits': {}, 'f:requests': {} } } } } },
      manager,
      operation: 'Update',
      time: T,
    },
    {
      apiVersion: 'v1',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:conditions': { 'k:{"type":"ContainersReady"}': { '.': {}, 'f:lastProbeTime': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} }, 'k:{"type":"Initialized"}': { '.': {}, 'f:lastProbeTime': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} }, 'k:{"type":"Ready"}': { '.': {}, 'f:lastProbeTime': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} } }, 'f:containerStatuses': {}, 'f:hostIP': {}, 'f:phase': {}, 'f:podIP': {}, 'f:podIPs': { '.': {}, 'k:{"ip":"10.0.0.1"}': { '.': {}, 'f:ip': {} } }, 'f:startTime': {} } },
      manager: 'kubelet',
      operation: 'Update',
      subresource: 'status',
      time: T,
    },
  ];
}

function template(app: string, hash: string | null) {
  const env = Array.from({ length: 6 }, (_, i) => ({ name: `APP_SETTING_${i}_${app.toUpperCase()}`, value: `value-${hex(24)}` }));
  return {
    metadata: { labels: { app, ...(hash ? { 'pod-template-hash': hash } : {}) }, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' } },
    spec: {
      containers: [
        {
          name: 'app',
          image: `registry.example.com/team/${app}:1.${Math.floor(rand() * 40)}.${Math.floor(rand() * 9)}`,
          imagePullPolicy: 'IfNotPresent',
          env,
          ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
          resources: { requests: { cpu: `${100 + Math.floor(rand() * 4) * 100}m`, memory: `${128 * (1 + Math.floor(rand() * 8))}Mi` }, limits: { memory: '2Gi' } },
          readinessProbe: { httpGet: { path: '/ready', port: 'http', scheme: 'HTTP' }, periodSeconds: 10, failureThreshold: 3, successThreshold: 1, timeoutSeconds: 1 },
          livenessProbe: { httpGet: { path: '/live', port: 'http', scheme: 'HTTP' }, periodSeconds: 20, failureThreshold: 3, successThreshold: 1, timeoutSeconds: 1 },
          volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access', readOnly: true }],
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
        {
          name: 'sidecar-proxy',
          image: 'registry.example.com/mesh/proxy:1.22.3',
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccountName: app,
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: 'kube-api-access',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ],
    },
  };
}

function node(i: number) {
  const name = `ip-10-${Math.floor(i / 250)}-${i % 250}-${hex(2)}.eu-west-1.compute.internal`;
  const zone = ZONES[i % ZONES.length];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: uid(),
      creationTimestamp: T,
      labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone, 'topology.kubernetes.io/region': 'eu-west-1', 'node.kubernetes.io/instance-type': 'm6i.2xlarge', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      managedFields: managedFields('kubelet'),
    },
    spec: { providerID: `aws:///${zone}/i-${hex(17)}` },
    status: {
      allocatable: { cpu: '7910m', 'ephemeral-storage': '95551679124', memory: '31225420Ki', pods: '58' },
      capacity: { cpu: '8', 'ephemeral-storage': '104845292Ki', memory: '32328268Ki', pods: '58' },
      conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({
        type,
        status: type === 'Ready' ? 'True' : 'False',
        lastHeartbeatTime: '2025-03-04T12:00:00Z',
        lastTransitionTime: T,
        reason: type === 'Ready' ? 'KubeletReady' : `KubeletHasNo${type}`,
        message: 'kubelet is posting ready status',
      })),
      images: Array.from({ length: 25 }, (_, k) => ({ names: [`registry.example.com/team/app-${k}@sha256:${hex(64)}`, `registry.example.com/team/app-${k}:1.${k}.0`], sizeBytes: 100000000 + k })),
      nodeInfo: { architecture: 'amd64', containerRuntimeVersion: 'containerd://1.7.11', kernelVersion: '6.1.79', kubeletVersion: 'v1.31.2', operatingSystem: 'linux', osImage: 'Amazon Linux 2023' },
    },
  };
}

/** Writes a dump of about `mib` MiB; returns its node and pod counts. */
function writeDump(file: string, mib: number): { nodes: number; pods: number } {
  const fd = openSync(file, 'w');
  let first = true;
  const put = (obj: unknown) => {
    const text = JSON.stringify(obj, null, 4).replace(/\n/g, '\n        ');
    writeSync(fd, `${first ? '' : ',\n'}        ${text}`);
    first = false;
  };
  writeSync(fd, '{\n    "apiVersion": "v1",\n    "items": [\n');
  const nodeCount = Math.round(mib * NODES_PER_MIB);
  const podCount = Math.round(mib * PODS_PER_MIB);
  const nodeNames: string[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const n = node(i);
    nodeNames.push(n.metadata.name);
    put(n);
  }
  let pods = 0;
  for (let d = 0; pods < podCount; d++) {
    const app = `svc-${d}`;
    const ns = `team-${d % 40}`;
    const hash = hex(10);
    const rsName = `${app}-${hash}`;
    const replicas = Math.min(REPLICAS, podCount - pods);
    const t = template(app, null);
    put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace: ns, uid: uid(), creationTimestamp: T, annotations: { 'deployment.kubernetes.io/revision': '3' }, managedFields: managedFields('kubectl') }, spec: { replicas, selector: { matchLabels: { app } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, template: t }, status: { replicas, readyReplicas: replicas } });
    put({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: rsName, namespace: ns, uid: uid(), creationTimestamp: T, labels: { app, 'pod-template-hash': hash }, annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)), 'deployment.kubernetes.io/revision': '3' }, ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: app, uid: uid() }] }, spec: { replicas, selector: { matchLabels: { app, 'pod-template-hash': hash } }, template: { ...t, metadata: { ...t.metadata, labels: { ...t.metadata.labels, 'pod-template-hash': hash } } } }, status: { replicas } });
    for (let r = 0; r < replicas; r++, pods++) {
      const name = `${rsName}-${suffix()}`;
      const spec = { ...t.spec, nodeName: nodeNames[Math.floor(rand() * nodeNames.length)] };
      put({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: ns, generateName: `${rsName}-`, uid: uid(), resourceVersion: String(1000000 + pods), creationTimestamp: T, labels: { app, 'pod-template-hash': hash }, annotations: t.metadata.annotations, ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'ReplicaSet', name: rsName, uid: uid() }], managedFields: managedFields('kube-controller-manager').slice(0, 1) },
        spec,
        status: {
          phase: 'Running',
          hostIP: '10.0.0.1',
          podIP: `10.${pods % 250}.${r}.${d % 250}`,
          podIPs: [{ ip: `10.${pods % 250}.${r}.${d % 250}` }],
          qosClass: 'Burstable',
          startTime: T,
          conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: T })),
          containerStatuses: ['app', 'sidecar-proxy'].map((c) => ({ name: c, containerID: `containerd://${hex(64)}`, image: 'registry.example.com/x:1', imageID: `registry.example.com/x@sha256:${hex(64)}`, ready: true, restartCount: 0, started: true, state: { running: { startedAt: T } }, lastState: {} })),
        },
      });
    }
  }
  writeSync(fd, '\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  closeSync(fd);
  return { nodes: nodeCount, pods };
}

const sizes = (arg('sizes') ?? '300,1050').split(',').map(Number);
// --out FILE: only write one dump of the first size there (to try it by hand).
const outFile = arg('out');
if (outFile) {
  const made = writeDump(outFile, sizes[0]);
  process.stdout.write(`${outFile}: ${(statSync(outFile).size / 1024 ** 2).toFixed(0)} MiB, ${made.nodes} nodes, ${made.pods} pods\n`);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'headroom-dump-bench-'));
try {
  const rows: string[] = [];
  for (const mib of sizes) {
    const file = join(work, `dump-${mib}.json`);
    const t0 = performance.now();
    const made = writeDump(file, mib);
    const genMs = performance.now() - t0;
    const bytes = statSync(file).size;
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'test/bench/load-dump.ts'), file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 });
    const f = JSON.parse(out.trim().split('\n').pop()!) as { loadMs: number; peakRssMiB: number; heapMiB: number; nodes: number; pods: number; workloads: number };
    process.stderr.write(`  ${mib} MiB written in ${(genMs / 1000).toFixed(1)} s\n`);
    rows.push(
      `${(bytes / 1024 ** 2).toFixed(0).padStart(6)} MiB  ${String(made.nodes).padStart(6)} nodes  ${String(made.pods).padStart(7)} pods  ` +
        `load ${(f.loadMs / 1000).toFixed(2).padStart(6)} s  peak RSS ${String(f.peakRssMiB).padStart(5)} MiB  (read: ${f.nodes} nodes, ${f.pods} pods, ${f.workloads} workloads)`,
    );
  }
  process.stdout.write(`kubectl dump loading (headroom inspect's path; the machine may be shared):\n${rows.join('\n')}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
