// Change-driven samples for the reports: after every instant, one WorkloadSample per workload
// whose counts changed and one NodeSample per node whose figures changed; plus a row for
// everything at t=0 and at the end. It learns what changed from the cluster's change feed.
// Each kind fills the columns with the meanings of k8s-workloads.md §0.1: a Deployment's and a
// StatefulSet's from their pods' counts, a DaemonSet's desired / updated / ready / available
// from its status (per node: the nodes that should run it, by their oldest pod), a Job's
// desired from its spec and status (wantActive) with its succeeded and failed counts.
import { pdbFigures } from './controllers/disruption/disruption-controller.js';
import type { SimTime } from './engine/time.js';
import type { ClusterState } from './state/cluster-state.js';
import { countsChanged, type ClusterObserver } from './state/feed.js';
import type { SimNode, SimPod, SimWorkload } from './state/objects.js';
import type { AnyWorkload } from './state/workloads.js';

/** One sample of a workload's status. */
export interface WorkloadSample {
  readonly time: SimTime;
  readonly desired: number;
  readonly replicas: number;
  readonly updated: number;
  readonly ready: number;
  readonly available: number;
  readonly unavailable: number;
  readonly pending: number;
  readonly terminating: number;
}

/** One sample of a node's capacity and state. */
export interface NodeSample {
  readonly time: SimTime;
  readonly cpuRequested: number;
  readonly memoryRequested: number;
  readonly memoryWorkingSet: number;
  readonly memoryAvailable: number;
  readonly pods: number;
  /** Non-default conditions, e.g. "Ready=Unknown;MemoryPressure=True" ('' when healthy). */
  readonly conditions: string;
  /** Taints as `key=value:Effect;...`. */
  readonly taints: string;
}

export interface WorkloadRow extends WorkloadSample {
  /** PDB desiredHealthy / currentHealthy (null without a PDB). */
  readonly pdbDesired: number | null;
  readonly pdbHealthy: number | null;
  /** A Job's status.succeeded and status.failed (absent for other kinds). */
  readonly succeeded?: number;
  readonly failed?: number;
}

export class Sampler implements ClusterObserver {
  readonly workloads: WorkloadRow[][];
  readonly nodes: NodeSample[][];
  /** What changed this instant. */
  private readonly changedWorkloads = new Set<SimWorkload>();
  private readonly changedNodes = new Set<SimNode>();

  constructor(private readonly c: ClusterState) {
    this.workloads = c.workloads.map(() => []);
    this.nodes = c.nodes.map(() => []);
  }

  podChanged(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    if (p.workload && countsChanged(before, after, oldNode, p)) this.changedWorkloads.add(p.workload);
  }

  workloadChanged(w: SimWorkload): void {
    this.changedWorkloads.add(w);
  }

  nodeChanged(n: SimNode): void {
    this.changedNodes.add(n);
  }

  sample(t: SimTime, all: boolean): void {
    const c = this.c;
    const ws = all ? c.workloads : this.changedWorkloads;
    for (const w of ws) this.push(this.workloads[w.index], workloadRow(w as AnyWorkload, t), all);
    const ns = all ? c.nodes : this.changedNodes;
    for (const n of ns) this.push(this.nodes[n.index], nodeRow(n, t), all);
    this.changedWorkloads.clear();
    this.changedNodes.clear();
  }

  private push<T extends { time: SimTime }>(rows: T[], row: T, force: boolean): void {
    const last = rows[rows.length - 1];
    if (last && sameExceptTime(last, row)) {
      if (!force || last.time === row.time) return;
    }
    if (last && last.time === row.time) rows[rows.length - 1] = row;
    else rows.push(row);
  }
}

function sameExceptTime(a: object, b: object): boolean {
  for (const k in a) {
    if (k === 'time') continue;
    if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  return true;
}

function workloadRow(w: AnyWorkload, t: SimTime): WorkloadRow {
  const pdb = w.pdbs[0];
  const f = pdb ? pdbFigures(pdb, t) : null;
  let desired: number;
  let updated: number;
  let ready = w.readyPods;
  let available = w.availablePods;
  switch (w.kind) {
    case 'Deployment':
      desired = w.replicas;
      updated = w.newRS?.activeReplicas ?? 0;
      break;
    case 'StatefulSet':
      desired = w.replicas;
      updated = w.updateRevision.activeReplicas;
      break;
    case 'CloneSet':
      // status.updatedReplicas as its controller counts it (pods updated in place included).
      desired = w.replicas;
      updated = w.status.updatedReplicas;
      break;
    case 'DaemonSet':
      desired = w.status.desiredNumberScheduled;
      updated = w.status.updatedNumberScheduled;
      ready = w.status.numberReady;
      available = w.status.numberAvailable;
      break;
    case 'Job':
      // §0.1: desired = wantActive, replicas = status.active, updated = replicas (one template),
      // ready = available = status.ready.
      return {
        ...row(t, w.desired, w.activePods, w.activePods, w.readyPods, w.readyPods, w.pendingPods, w.terminatingPods, f),
        succeeded: w.status.succeeded,
        failed: w.status.failed,
      };
  }
  return row(t, desired, w.activePods, updated, ready, available, w.pendingPods, w.terminatingPods, f);
}

function row(t: SimTime, desired: number, replicas: number, updated: number, ready: number, available: number, pending: number, terminating: number, f: { desiredHealthy: number; currentHealthy: number } | null): WorkloadRow {
  return {
    time: t,
    desired,
    replicas,
    updated,
    ready,
    available,
    unavailable: Math.max(0, desired - available),
    pending,
    terminating,
    pdbDesired: f ? f.desiredHealthy : null,
    pdbHealthy: f ? f.currentHealthy : null,
  };
}

export function nodeConditions(n: SimNode): string {
  const out: string[] = [];
  if (n.ready !== 'True') out.push(`Ready=${n.ready}`);
  if (n.memoryPressure) out.push('MemoryPressure=True');
  if (n.diskPressure) out.push('DiskPressure=True');
  if (n.unschedulable) out.push('SchedulingDisabled');
  return out.join(';');
}

export function formatTaints(n: SimNode): string {
  return n.taints.map((t) => `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`).join(';');
}

const taintText = new WeakMap<readonly object[], string>();

function nodeRow(n: SimNode, t: SimTime): NodeSample {
  // Taint arrays are replaced, never edited, when taints change: cache their text by identity.
  let taints = taintText.get(n.taints);
  if (taints === undefined) taintText.set(n.taints, (taints = formatTaints(n)));
  return {
    time: t,
    cpuRequested: n.requestedCpu,
    memoryRequested: n.requestedMemory,
    memoryWorkingSet: n.workingSet,
    memoryAvailable: n.memoryAvailable,
    pods: n.pods.size,
    conditions: nodeConditions(n),
    taints,
  };
}
