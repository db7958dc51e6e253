// The cluster at t=0, from the inventory: nodes (with the conditions and taints a kubectl dump
// gives them), workloads (Deployments with their ReplicaSets — one, or a dump's, old and new
// mid-rollout — StatefulSets and DaemonSets with their ControllerRevisions), PDBs, and the
// pods — where the inventory places them and in the state it gives them, or (without a pods
// list) placed by the scheduler as a cluster in steady state. Times the inventory gives (ms
// since the epoch) count from its snapshot time: t=0.
import { hardMemoryThreshold } from '../model/cluster-defaults.js';
import type { Inventory, InventoryPod, NodeSpec, PodTemplate, Taint } from '../model/types.js';
import { kindPrefix, parentNameAndOrdinal, withDaemonSetTolerations, workloadNames } from '../model/workloads.js';
import { LABEL_HOSTNAME, LABEL_NAMESPACE_NAME, LABEL_ZONE, TAINT_UNSCHEDULABLE } from '../model/well-known.js';
import { replicasAnnotations } from './controllers/deployment/util.js';
import { LEASE_RENEW_MS } from './controllers/kubelet/kubelet.js';
import type { ClusterState } from './state/cluster-state.js';
import type { SimTime } from './engine/time.js';
import { SimDeployment, SimNode, SimPdb, type SimPod, type SimRevision, type SimWorkload } from './state/objects.js';
import type { InitialPodState } from './state/snapshot.js';
import { type AnyWorkload, SimCloneSet, SimDaemonSet, SimStatefulSet } from './state/workloads.js';
import { SimJob } from './state/job.js';
import { jobFromInventory } from './job-build.js';

export type { InitialPodState };

/** The objects of the inventory, without pods. */
export function buildObjects(c: ClusterState, inv: Inventory): void {
  inv.nodes.forEach((n, i) => c.addNode(toSimNode(c, n, i, inv.snapshotTime)));
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
    const ann = replicasAnnotations(d);
    if (!spec.replicaSets) {
      const rs = c.newReplicaSet(d, d.template);
      rs.spec = d.replicas;
      rs.desiredReplicasAnnotation = ann.desired;
      rs.maxReplicasAnnotation = ann.max;
      return;
    }
    // A dump's ReplicaSets, oldest revision first; the new one (template null) runs d.template,
    // so FindNewReplicaSet finds it.
    for (const r of spec.replicaSets) {
      const rs = c.newReplicaSet(d, r.template ?? d.template, { name: r.name, revision: r.revision });
      rs.spec = r.replicas;
      const isNew = r.template === null;
      rs.desiredReplicasAnnotation = r.desiredReplicas ?? (isNew ? ann.desired : null);
      rs.maxReplicasAnnotation = r.maxReplicas ?? (isNew ? ann.max : null);
    }
    // Caught mid-rollout (old ReplicaSets still up, or no new one yet): the rollout goes on from t=0.
    const newRS = d.newRS;
    if (!newRS || d.replicaSets.some((rs) => rs !== newRS && rs.spec > 0)) d.rolloutStartedAt = 0;
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
  for (const spec of inv.jobs ?? []) add(jobFromInventory(c, spec, inv));
  // A CloneSet's revisions as a StatefulSet's: an outdated pod's template is the current one.
  for (const spec of inv.cloneSets ?? []) {
    const cs = new SimCloneSet(c.workloads.length, spec.namespace, spec.name, spec);
    add(cs);
    const old = outdated.get(`CloneSet/${spec.namespace}/${spec.name}`);
    cs.currentRevision = c.newControllerRevision(cs, old ?? cs.template);
    cs.updateRevision = old ? c.newControllerRevision(cs, cs.template) : cs.currentRevision;
    if (old) cs.rolloutStartedAt = 0;
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

/**
 * The inventory's pods, bound where it says (pods on nodes it does not have stay Pending), in
 * the state it gives them; or, without a pods list, every ReplicaSet's pods left Pending for
 * the scheduler's first pass. Returns what each placed pod is doing.
 */
export function createInitialPods(c: ClusterState, inv: Inventory): Map<SimPod, InitialPodState> {
  const state = new Map<SimPod, InitialPodState>();
  if (!inv.hasPodPlacement) {
    for (const d of c.deployments) {
      for (const rs of d.replicaSets) for (let i = 0; i < rs.spec; i++) c.createPod(d.namespace, null, rs, rs.template);
    }
    return state;
  }
  for (const ip of inv.pods) c.inventoryPodNames.add(`${ip.namespace}/${ip.name}`);
  const at = (epochMs: number | undefined): SimTime | undefined =>
    epochMs === undefined || inv.snapshotTime === undefined ? undefined : epochMs - inv.snapshotTime;
  for (const ip of inv.pods) {
    if (ip.phase === 'Succeeded' || ip.phase === 'Failed') continue;
    const node = ip.node ? c.nodeByName.get(ip.node) : undefined;
    const deletion = ip.status?.deletionTimestamp;
    // Deleted before it was bound: the API server removed it at once (CheckGracefulDelete).
    if (deletion !== undefined && !node) continue;
    const w = ip.workload ? c.workloadByKind(ip.workloadKind ?? 'Deployment', ip.workload) : undefined;
    const rev = w ? revisionOf(w, ip) : null;
    let spec = ip.spec ?? (rev ? templateOf(rev) : undefined);
    if (!spec) continue;
    if (w instanceof SimStatefulSet && w.volumeClaims.length > 0) {
      // The claims of the pod's ordinal: in the zone the inventory gives, else (bound) its node's.
      const ordinal = parentNameAndOrdinal(ip.name).ordinal;
      if (ip.volumeZone && ordinal >= 0) w.claimZones.set(ordinal, ip.volumeZone);
      const zone = w.claimZones.get(ordinal);
      if (!node && zone !== undefined) spec = { ...spec, volumeZone: zone };
    }
    const s = ip.status;
    // Crash-looping: it goes on as its last instance went — that long running, then that exit
    // (the exit_after_seconds model); pods made from its template do not.
    const crash = s?.waiting === 'CrashLoopBackOff' ? s.lastTerminated : undefined;
    if (crash && crash.ranSeconds !== null && spec.exitAfterSeconds === null) spec = { ...spec, exitAfterSeconds: crash.ranSeconds, exitCode: crash.exitCode };
    const p = c.createPod(ip.namespace, ip.name, rev, spec, ip.ownerKind, ip.completionIndex);
    if (ip.memoryUsage !== null) p.usage = { kind: 'bytes', bytes: ip.memoryUsage };
    if (!node) continue;
    const lastExit = at(s?.lastTerminated?.finishedAt);
    const boundAt = at(s?.scheduledAt);
    state.set(p, {
      running: ip.phase === 'Running' && s?.waiting === undefined,
      ready: ip.ready,
      ...(deletion !== undefined ? { goneAt: Math.max(0, at(deletion) ?? 0) } : {}),
      ...(boundAt !== undefined ? { boundAt: Math.min(0, boundAt) } : {}),
      ...(s?.restartCount ? { restarts: s.restartCount } : {}),
      ...(crash && lastExit !== undefined
        ? { crashLoop: { exitedAt: Math.min(0, lastExit), exitCode: crash.exitCode, reason: crash.reason || 'Error', ranSeconds: crash.ranSeconds ?? 0 } }
        : {}),
    });
    c.updatePod(p, (q) => {
      q.node = node;
      q.scheduledAt = 0;
      if (deletion !== undefined) {
        // The DELETE came before t=0: what is left of its grace period counts from here.
        q.deletedAt = 0;
        q.deletionGracePeriodSeconds = Math.max(0, Math.ceil((at(deletion) ?? 0) / 1000));
      }
    });
  }
  for (const d of c.deployments) for (const rs of d.replicaSets) if (rs.podSeq === 0) rs.podSeq = rs.pods.size;
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

/**
 * The revision an inventory pod runs: a Deployment's pod its ReplicaSet (the one it names, else
 * the new one); a StatefulSet's or DaemonSet's its workload's current, or for an outdated pod the older one.
 */
function revisionOf(w: AnyWorkload, ip: InventoryPod): SimRevision {
  if (w instanceof SimDeployment) {
    const named = ip.replicaSet !== undefined ? w.replicaSets.find((rs) => rs.name === ip.replicaSet) : undefined;
    return named ?? w.newRS ?? w.replicaSets[w.replicaSets.length - 1];
  }
  if (w instanceof SimStatefulSet || w instanceof SimCloneSet) return ip.outdated ? w.currentRevision : w.updateRevision;
  if (w instanceof SimJob) return w.pods;
  return ip.outdated && w.controllerRevisions.length > 1 ? w.controllerRevisions[0] : w.currentRevision;
}

function toSimNode(c: ClusterState, n: NodeSpec, i: number, snapshot: number | undefined): SimNode {
  const labels: Record<string, string> = { ...n.labels, [LABEL_HOSTNAME]: n.labels[LABEL_HOSTNAME] ?? n.name };
  if (n.zone) labels[LABEL_ZONE] = n.zone;
  const capacity = n.memoryCapacity ?? n.allocatable.memory + hardMemoryThreshold(c.config, n.allocatable.memory);
  // timeAdded: from the epoch to simulated time (before the run: negative).
  const taints = n.taints.map((t): Taint => {
    if (t.timeAdded === undefined) return t;
    const { timeAdded, ...rest } = t;
    return snapshot === undefined ? rest : { ...rest, timeAdded: Math.min(0, timeAdded - snapshot) };
  });
  // The node lifecycle controller mirrors spec.unschedulable as a NoSchedule taint.
  if (n.unschedulable && !taints.some((t) => t.key === TAINT_UNSCHEDULABLE)) {
    taints.push({ key: TAINT_UNSCHEDULABLE, value: '', effect: 'NoSchedule' });
  }
  const node = new SimNode(i, n.name, n.zone, labels, taints, n.unschedulable, n.allocatable.cpu, n.allocatable.memory, n.allocatable.pods, capacity, LEASE_RENEW_MS);
  // The dump's conditions: NotReady (its kubelet posts Ready=False) or unreachable (Unknown:
  // its kubelet has not been heard from, so its Lease is not renewed).
  if (n.ready && n.ready !== 'True') node.ready = n.ready;
  if (n.ready === 'Unknown') node.lease.held = false;
  if (n.memoryPressure) node.memoryPressure = true;
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
