// Change-driven samples for the reports: after every instant, one WorkloadSample per workload
// whose counts changed and one NodeSample per node whose figures changed; plus a row for
// everything at t=0 and at the end. It learns what changed from the cluster's change feed.
import { pdbFigures } from './controllers/disruption/disruption-controller.js';
import type { SimTime } from './engine/time.js';
import type { ClusterState } from './state/cluster-state.js';
import { countsChanged, type ClusterObserver } from './state/feed.js';
import type { SimDeployment, SimNode, SimPod } from './state/objects.js';

/** One sample of a workload's Deployment status. */
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
}

export class Sampler implements ClusterObserver {
  readonly workloads: WorkloadRow[][];
  readonly nodes: NodeSample[][];
  /** What changed this instant. */
  private readonly changedDeployments = new Set<SimDeployment>();
  private readonly changedNodes = new Set<SimNode>();

  constructor(private readonly c: ClusterState) {
    this.workloads = c.deployments.map(() => []);
    this.nodes = c.nodes.map(() => []);
  }

  podChanged(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    if (p.deployment && countsChanged(before, after, oldNode, p)) this.changedDeployments.add(p.deployment);
  }

  deploymentChanged(d: SimDeployment): void {
    this.changedDeployments.add(d);
  }

  nodeChanged(n: SimNode): void {
    this.changedNodes.add(n);
  }

  sample(t: SimTime, all: boolean): void {
    const c = this.c;
    const ds = all ? c.deployments : this.changedDeployments;
    for (const d of ds) this.push(this.workloads[d.index], workloadRow(d, t), all);
    const ns = all ? c.nodes : this.changedNodes;
    for (const n of ns) this.push(this.nodes[n.index], nodeRow(n, t), all);
    this.changedDeployments.clear();
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

function workloadRow(d: SimDeployment, t: SimTime): WorkloadRow {
  const pdb = d.pdbs[0];
  const f = pdb ? pdbFigures(pdb, t) : null;
  return {
    time: t,
    desired: d.replicas,
    replicas: d.activePods,
    updated: d.newRS?.activeReplicas ?? 0,
    ready: d.readyPods,
    available: d.availablePods,
    unavailable: Math.max(0, d.replicas - d.availablePods),
    pending: d.pendingPods,
    terminating: d.terminatingPods,
    pdbDesired: f ? f.desiredHealthy : null,
    pdbHealthy: f ? f.currentHealthy : null,
  };
}

export function nodeConditions(n: SimNode): string {
  const out: string[] = [];
  if (n.ready !== 'True') out.push(`Ready=${n.ready}`);
  if (n.memoryPressure) out.push('MemoryPressure=True');
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
