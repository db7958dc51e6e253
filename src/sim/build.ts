// The cluster at t=0, from the inventory: nodes, workloads (Deployments with their ReplicaSet,
// StatefulSets and DaemonSets with their ControllerRevisions), PDBs, and the pods — where the
// inventory places them, or (without a pods list) placed by the scheduler as a cluster in
// steady state.
import { hardMemoryThreshold } from '../model/cluster-defaults.js';
import type { Inventory, InventoryPod, NodeSpec, PodTemplate } from '../model/types.js';
import { kindPrefix, parentNameAndOrdinal, withDaemonSetTolerations, workloadNames } from '../model/workloads.js';
import { LABEL_HOSTNAME, LABEL_NAMESPACE_NAME, LABEL_ZONE, TAINT_UNSCHEDULABLE } from '../model/well-known.js';
import { replicasAnnotations } from './controllers/deployment/util.js';
import { LEASE_RENEW_MS } from './controllers/kubelet/kubelet.js';
import type { ClusterState } from './state/cluster-state.js';
import { SimDeployment, SimNode, SimPdb, type SimPod, type SimRevision, type SimWorkload } from './state/objects.js';
import { type AnyWorkload, SimDaemonSet, SimStatefulSet } from './state/workloads.js';

/** The objects of the inventory, without pods. */
export function buildObjects(c: ClusterState, inv: Inventory): void {
  inv.nodes.forEach((n, i) => c.addNode(toSimNode(c, n, i)));
  const names = workloadNames(inv);
  const add = (w: AnyWorkload) => {
    const n = names.get(`${kindPrefix(w.kind)}/${w.namespace}/${w.name}`)!;
    w.key = n.key;
    w.shortName = n.shortName;
    c.addWorkload(w);
  };
  inv.deployments.forEach((spec) => {
    const d = new SimDeployment(c.workloads.length, spec.namespace, spec.name, spec);
    add(d);
    const rs = c.newReplicaSet(d, d.template);
    const ann = replicasAnnotations(d);
    rs.spec = d.replicas;
    rs.desiredReplicasAnnotation = ann.desired;
    rs.maxReplicasAnnotation = ann.max;
  });
  // A dump taken mid-rollout: pods not at the newest revision run an older template (their own
  // spec), which becomes the current revision so the controller carries the rollout on.
  const outdated = new Map<string, PodTemplate>();
  for (const p of inv.pods) {
    if (p.outdated && p.spec && p.workload && p.workloadKind && !outdated.has(`${p.workloadKind}/${p.workload}`)) {
      outdated.set(`${p.workloadKind}/${p.workload}`, p.spec);
    }
  }
  for (const spec of inv.statefulSets ?? []) {
    const s = new SimStatefulSet(c.workloads.length, spec.namespace, spec.name, spec);
    add(s);
    const old = outdated.get(`StatefulSet/${spec.namespace}/${spec.name}`);
    s.currentRevision = c.newControllerRevision(s, old ?? s.template);
    s.updateRevision = old ? c.newControllerRevision(s, s.template) : s.currentRevision;
  }
  for (const spec of inv.daemonSets ?? []) {
    const ds = new SimDaemonSet(c.workloads.length, spec.namespace, spec.name, spec);
    add(ds);
    const old = outdated.get(`DaemonSet/${spec.namespace}/${spec.name}`);
    if (old) c.newControllerRevision(ds, old);
    ds.currentRevision = c.newControllerRevision(ds, ds.template);
  }
  // Every namespace in use exists as an object, labelled with its name by the API server.
  const namespaces = [...c.workloads.map((w) => w.namespace), ...inv.pods.map((p) => p.namespace), ...(inv.namespaces ?? []).map((n) => n.name)];
  for (const name of namespaces) if (!c.namespaces.has(name)) c.namespaces.set(name, { [LABEL_NAMESPACE_NAME]: name });
  for (const ns of inv.namespaces ?? []) c.namespaces.set(ns.name, { ...ns.labels, [LABEL_NAMESPACE_NAME]: ns.name });
  // The workloads a selector's first label can match, by namespace (in workload order): a PDB
  // looks only at those, not at every workload of the cluster.
  const byLabel = new Map<string, SimWorkload[]>();
  const byNamespace = new Map<string, SimWorkload[]>();
  const push = (m: Map<string, SimWorkload[]>, k: string, w: SimWorkload) => {
    const list = m.get(k);
    if (list) list.push(w);
    else m.set(k, [w]);
  };
  for (const w of c.workloads) {
    push(byNamespace, w.namespace, w);
    for (const [k, v] of Object.entries(w.template.labels)) push(byLabel, `${w.namespace}\u0000${k}=${v}`, w);
  }
  for (const spec of inv.pdbs) {
    const pdb = new SimPdb(spec.namespace, spec.name, spec.minAvailable, spec.maxUnavailable);
    pdb.emptySelector = spec.selector === null;
    const sel = spec.selector === null ? [] : Object.entries(spec.selector);
    const candidates = sel.length === 0 ? byNamespace.get(spec.namespace) : byLabel.get(`${spec.namespace}\u0000${sel[0][0]}=${sel[0][1]}`);
    for (const w of candidates ?? []) {
      const labels = w.template.labels;
      if (sel.every(([k, v]) => labels[k] === v)) {
        pdb.workloads.push(w);
        w.pdbs.push(pdb);
      }
    }
    c.addPdb(pdb);
  }
}

/** What the inventory says a pod is doing at t=0 (the kubelets take it from there). */
export interface InitialPodState {
  readonly running: boolean;
  readonly ready: boolean;
}

/**
 * The inventory's pods, bound where it says (pods on nodes it does not have stay Pending); or,
 * without a pods list, every Deployment's pods left Pending for the scheduler's first pass.
 * Returns what each placed pod is doing.
 */
export function createInitialPods(c: ClusterState, inv: Inventory): Map<SimPod, InitialPodState> {
  const state = new Map<SimPod, InitialPodState>();
  if (!inv.hasPodPlacement) {
    for (const d of c.deployments) {
      const rs = d.replicaSets[0];
      for (let i = 0; i < rs.spec; i++) c.createPod(d.namespace, null, rs, rs.template);
    }
    return state;
  }
  for (const ip of inv.pods) {
    if (ip.phase === 'Succeeded' || ip.phase === 'Failed') continue;
    const w = ip.workload ? c.workloadByKind(ip.workloadKind ?? 'Deployment', ip.workload) : undefined;
    const rev = w ? revisionOf(w, ip) : null;
    let spec = ip.spec ?? (rev ? templateOf(rev) : undefined);
    if (!spec) continue;
    const node = ip.node ? c.nodeByName.get(ip.node) : undefined;
    if (w instanceof SimStatefulSet && w.volumeClaims.length > 0) {
      // The claims of the pod's ordinal: in the zone the inventory gives, else (bound) its node's.
      const ordinal = parentNameAndOrdinal(ip.name).ordinal;
      if (ip.volumeZone && ordinal >= 0) w.claimZones.set(ordinal, ip.volumeZone);
      const zone = w.claimZones.get(ordinal);
      if (!node && zone !== undefined) spec = { ...spec, volumeZone: zone };
    }
    const p = c.createPod(ip.namespace, ip.name, rev, spec, ip.ownerKind);
    if (ip.memoryUsage !== null) p.usage = { kind: 'bytes', bytes: ip.memoryUsage };
    if (!node) continue;
    state.set(p, { running: ip.phase === 'Running', ready: ip.ready });
    c.updatePod(p, (q) => {
      q.node = node;
      q.scheduledAt = 0;
    });
  }
  for (const d of c.deployments) if (d.replicaSets[0].podSeq === 0) d.replicaSets[0].podSeq = d.replicaSets[0].pods.size;
  return state;
}

/** A revision's pod spec; a DaemonSet's pods have the tolerations every DaemonSet pod gets. */
const daemonSpecs = new WeakMap<SimRevision, PodTemplate>();
function templateOf(rev: SimRevision): PodTemplate {
  if (!(rev.workload instanceof SimDaemonSet)) return rev.template;
  let t = daemonSpecs.get(rev);
  if (!t) daemonSpecs.set(rev, (t = { ...rev.template, tolerations: withDaemonSetTolerations(rev.template.tolerations) }));
  return t;
}

/** The revision an inventory pod runs: its workload's first, or for an outdated pod the older one. */
function revisionOf(w: AnyWorkload, ip: InventoryPod): SimRevision {
  if (w instanceof SimDeployment) return w.replicaSets[0];
  if (w instanceof SimStatefulSet) return ip.outdated ? w.currentRevision : w.updateRevision;
  return ip.outdated && w.controllerRevisions.length > 1 ? w.controllerRevisions[0] : w.currentRevision;
}

function toSimNode(c: ClusterState, n: NodeSpec, i: number): SimNode {
  const labels: Record<string, string> = { ...n.labels, [LABEL_HOSTNAME]: n.labels[LABEL_HOSTNAME] ?? n.name };
  if (n.zone) labels[LABEL_ZONE] = n.zone;
  const capacity = n.memoryCapacity ?? n.allocatable.memory + hardMemoryThreshold(c.config, n.allocatable.memory);
  const taints = [...n.taints];
  // The node lifecycle controller mirrors spec.unschedulable as a NoSchedule taint.
  if (n.unschedulable && !taints.some((t) => t.key === TAINT_UNSCHEDULABLE)) {
    taints.push({ key: TAINT_UNSCHEDULABLE, value: '', effect: 'NoSchedule' });
  }
  const node = new SimNode(i, n.name, n.zone, labels, taints, n.unschedulable, n.allocatable.cpu, n.allocatable.memory, n.allocatable.pods, capacity, LEASE_RENEW_MS);
  const es = n.allocatable.ephemeralStorage;
  if (es !== undefined) {
    node.allocatableEphemeralStorage = es;
    // Allocatable = capacity − the hard nodefs.available threshold (no reservations), so capacity = the inverse.
    node.ephemeralStorageCapacity = n.ephemeralStorageCapacity ?? nodefsCapacity(c, es);
  }
  return node;
}

/** The node filesystem size whose allocatable (size − hard nodefs.available threshold) is `allocatable`. */
function nodefsCapacity(c: ClusterState, allocatable: number): number {
  const t = c.config.evictionThresholds.find((x) => x.signal === 'nodefs.available' && x.gracePeriodMs === 0);
  if (!t) return allocatable;
  if (t.quantity !== null) return allocatable + t.quantity;
  const pct = t.percentage ?? 0;
  return pct < 1 ? Math.round(allocatable / (1 - pct)) : allocatable;
}
