// The cluster at t=0, from the inventory: nodes, Deployments with their ReplicaSet, PDBs, and
// the pods — where the inventory places them, or (without a pods list) placed by the scheduler
// as a cluster in steady state.
import { hardMemoryThreshold } from '../model/cluster-defaults.js';
import type { Inventory, NodeSpec } from '../model/types.js';
import { LABEL_HOSTNAME, LABEL_ZONE, TAINT_UNSCHEDULABLE } from '../model/well-known.js';
import { replicasAnnotations } from './controllers/deployment/util.js';
import { LEASE_RENEW_MS } from './controllers/kubelet/kubelet.js';
import type { ClusterState } from './state/cluster-state.js';
import { SimDeployment, SimNode, SimPdb, type SimPod } from './state/objects.js';

/** The objects of the inventory, without pods. */
export function buildObjects(c: ClusterState, inv: Inventory): void {
  inv.nodes.forEach((n, i) => c.addNode(toSimNode(c, n, i)));
  inv.deployments.forEach((spec, i) => {
    const d = new SimDeployment(i, spec.namespace, spec.name, spec);
    c.addDeployment(d);
    const rs = c.newReplicaSet(d, d.template);
    const ann = replicasAnnotations(d);
    rs.spec = d.replicas;
    rs.desiredReplicasAnnotation = ann.desired;
    rs.maxReplicasAnnotation = ann.max;
  });
  for (const spec of inv.pdbs) {
    const pdb = new SimPdb(spec.namespace, spec.name, spec.minAvailable, spec.maxUnavailable);
    for (const d of c.deployments) {
      if (d.namespace !== spec.namespace) continue;
      const labels = d.template.labels;
      const sel = spec.selector;
      if (sel === null || Object.entries(sel).every(([k, v]) => labels[k] === v)) {
        pdb.deployments.push(d);
        d.pdbs.push(pdb);
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
    const d = ip.workload ? c.deploymentByKey.get(ip.workload) : undefined;
    const rs = d ? d.replicaSets[0] : null;
    const spec = ip.spec ?? d?.template;
    if (!spec) continue;
    const p = c.createPod(ip.namespace, ip.name, rs, spec, ip.ownerKind);
    if (ip.memoryUsage !== null) p.usage = { kind: 'bytes', bytes: ip.memoryUsage };
    const node = ip.node ? c.nodeByName.get(ip.node) : undefined;
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

function toSimNode(c: ClusterState, n: NodeSpec, i: number): SimNode {
  const labels: Record<string, string> = { ...n.labels, [LABEL_HOSTNAME]: n.labels[LABEL_HOSTNAME] ?? n.name };
  if (n.zone) labels[LABEL_ZONE] = n.zone;
  const capacity = n.memoryCapacity ?? n.allocatable.memory + hardMemoryThreshold(c.config, n.allocatable.memory);
  const taints = [...n.taints];
  // The node lifecycle controller mirrors spec.unschedulable as a NoSchedule taint.
  if (n.unschedulable && !taints.some((t) => t.key === TAINT_UNSCHEDULABLE)) {
    taints.push({ key: TAINT_UNSCHEDULABLE, value: '', effect: 'NoSchedule' });
  }
  return new SimNode(i, n.name, n.zone, labels, taints, n.unschedulable, n.allocatable.cpu, n.allocatable.memory, n.allocatable.pods, capacity, LEASE_RENEW_MS);
}
