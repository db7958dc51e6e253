// Change-driven samples for the reports: after every instant, one WorkloadSample per workload
// whose counts changed and one NodeSample per node whose figures changed; plus a row for
// everything at t=0 and at the end.
import type { Cluster } from './cluster.js';
import { pdbFigures } from './controllers/disruption/disruption-controller.js';
import type { SimTime } from './engine/time.js';
import type { SimDeployment, SimNode } from './objects.js';
import type { NodeSample, WorkloadSample } from './recorder.js';

export interface WorkloadRow extends WorkloadSample {
  /** PDB desiredHealthy / currentHealthy (null without a PDB). */
  readonly pdbDesired: number | null;
  readonly pdbHealthy: number | null;
}

export class Sampler {
  readonly workloads: WorkloadRow[][];
  readonly nodes: NodeSample[][];

  constructor(private readonly c: Cluster) {
    this.workloads = c.deployments.map(() => []);
    this.nodes = c.nodes.map(() => []);
  }

  sample(t: SimTime, all: boolean): void {
    const c = this.c;
    const ds = all ? c.deployments : c.changedDeployments;
    for (const d of ds) this.push(this.workloads[d.index], workloadRow(d, t), all);
    const ns = all ? c.nodes : c.changedNodes;
    for (const n of ns) this.push(this.nodes[n.index], nodeRow(n, t), all);
    c.changedDeployments.clear();
    c.changedNodes.clear();
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
