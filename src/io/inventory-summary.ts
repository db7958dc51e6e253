// Counts and totals of an inventory, per zone, as `headroom inspect` reports them.
// "requested" = effective requests (PodRequests: init containers, sidecars and overhead
// included) of the pods bound to a node that are not Succeeded/Failed, as the scheduler counts
// them. Pods that do not exist yet (no pods list: the scheduler places the Deployments'
// replicas at t=0) are reported apart, under `to_be_scheduled`.
import type { Inventory, InventoryPod, PodTemplate } from '../model/types.js';
import { workloadKey } from '../model/types.js';
import { jobPodsAtOnce, nodeShouldRunDaemonPod, withDaemonSetTolerations } from '../model/workloads.js';
import { podRequests } from '../model/resources.js';

export interface ResourceTotals {
  cpu_allocatable: number;
  memory_allocatable: number;
  cpu_requested: number;
  memory_requested: number;
}

export interface ZoneSummary extends ResourceTotals {
  nodes: number;
  /** Pods bound to the zone's nodes that hold resources (extra to the contract). */
  pods: number;
}

/** The JSON `inspect --json` prints: the contract's keys, then extras. cpu in cores, memory in bytes. */
export interface InventorySummary {
  nodes: number;
  workloads: number;
  pods: { running: number; pending: number; succeeded: number; failed: number; unknown: number };
  totals: ResourceTotals;
  zones: Record<string, ZoneSummary>;
  pdbs: number;
  /** Pods the scheduler still has to place at t=0 and what they request. */
  to_be_scheduled: { pods: number; cpu_requested: number; memory_requested: number };
}

export function summarizeInventory(inv: Inventory): InventorySummary {
  const statefulSets = inv.statefulSets ?? [];
  const daemonSets = inv.daemonSets ?? [];
  const jobs = inv.jobs ?? [];
  const cloneSets = inv.cloneSets ?? [];
  const templates = new Map<string, PodTemplate>([
    ...cloneSets.map((c) => [`CloneSet/${workloadKey(c)}`, c.template] as const),
    ...jobs.map((j) => [`Job/${workloadKey(j)}`, j.template] as const),
    ...inv.deployments.map((d) => [`Deployment/${workloadKey(d)}`, d.template] as const),
    ...statefulSets.map((s) => [`StatefulSet/${workloadKey(s)}`, s.template] as const),
    ...daemonSets.map((d) => [`DaemonSet/${workloadKey(d)}`, d.template] as const),
  ]);
  // A dump's older ReplicaSets run their own templates (the new one runs its Deployment's).
  for (const d of inv.deployments) for (const rs of d.replicaSets ?? []) if (rs.template) templates.set(`ReplicaSet/${workloadKey(d)}/${rs.name}`, rs.template);
  const kindKey = (p: InventoryPod) => `${p.workloadKind ?? 'Deployment'}/${p.workload}`;
  const specOf = (p: InventoryPod): PodTemplate | undefined =>
    p.spec ?? (p.workload ? ((p.replicaSet !== undefined ? templates.get(`ReplicaSet/${p.workload}/${p.replicaSet}`) : undefined) ?? templates.get(kindKey(p))) : undefined);
  const zoneOf = new Map(inv.nodes.map((n) => [n.name, n.zone]));
  const zones: Record<string, { nodes: number; pods: number; cpuA: number; memA: number; cpuR: number; memR: number }> = {};
  const zone = (z: string) => (zones[z] ??= { nodes: 0, pods: 0, cpuA: 0, memA: 0, cpuR: 0, memR: 0 });
  for (const n of [...inv.nodes].sort((a, b) => cmp(a.zone, b.zone))) {
    const z = zone(n.zone);
    z.nodes++;
    z.cpuA += n.allocatable.cpu;
    z.memA += n.allocatable.memory;
  }
  const pods = { running: 0, pending: 0, succeeded: 0, failed: 0, unknown: 0 };
  const active = new Map<string, number>();
  let unbound = { pods: 0, cpu: 0, memory: 0 };
  for (const p of inv.pods) {
    pods[p.phase.toLowerCase() as keyof typeof pods]++;
    if (p.phase === 'Succeeded' || p.phase === 'Failed') continue;
    if (p.workload) active.set(kindKey(p), (active.get(kindKey(p)) ?? 0) + 1);
    const spec = specOf(p);
    if (!spec) continue;
    const r = podRequests(spec);
    if (p.node === null) {
      unbound = { pods: unbound.pods + 1, cpu: unbound.cpu + r.cpu, memory: unbound.memory + r.memory };
      continue;
    }
    const z = zone(zoneOf.get(p.node) ?? '');
    z.pods++;
    z.cpuR += r.cpu;
    z.memR += r.memory;
  }
  const toCreate = (key: string, want: number, template: PodTemplate) => {
    const missing = Math.max(0, want - (inv.hasPodPlacement ? (active.get(key) ?? 0) : 0));
    const r = podRequests(template);
    unbound = { pods: unbound.pods + missing, cpu: unbound.cpu + missing * r.cpu, memory: unbound.memory + missing * r.memory };
  };
  for (const d of inv.deployments) toCreate(`Deployment/${workloadKey(d)}`, d.replicas, d.template);
  for (const s of statefulSets) toCreate(`StatefulSet/${workloadKey(s)}`, s.replicas, s.template);
  for (const d of daemonSets) {
    // One pod per node that should run it (NodeShouldRunDaemonPod).
    const spec = { nodeSelector: d.template.nodeSelector, tolerations: withDaemonSetTolerations(d.template.tolerations) };
    const eligible = inv.nodes.filter((n) => nodeShouldRunDaemonPod({ name: n.name, labels: n.labels, taints: n.taints }, spec).shouldRun).length;
    toCreate(`DaemonSet/${workloadKey(d)}`, eligible, d.template);
  }
  // A Job's first pods: parallelism, or the completions left.
  for (const j of jobs) toCreate(`Job/${workloadKey(j)}`, jobPodsAtOnce(j), j.template);
  for (const c of cloneSets) toCreate(`CloneSet/${workloadKey(c)}`, c.replicas, c.template);
  const out: Record<string, ZoneSummary> = {};
  const totals = { cpu_allocatable: 0, memory_allocatable: 0, cpu_requested: 0, memory_requested: 0 };
  let cpuA = 0;
  let cpuR = 0;
  for (const name of Object.keys(zones).sort(cmp)) {
    const z = zones[name];
    out[name] = { nodes: z.nodes, pods: z.pods, cpu_allocatable: cores(z.cpuA), memory_allocatable: z.memA, cpu_requested: cores(z.cpuR), memory_requested: z.memR };
    cpuA += z.cpuA;
    cpuR += z.cpuR;
    totals.memory_allocatable += z.memA;
    totals.memory_requested += z.memR;
  }
  totals.cpu_allocatable = cores(cpuA);
  totals.cpu_requested = cores(cpuR);
  return {
    nodes: inv.nodes.length,
    workloads: inv.deployments.length + statefulSets.length + daemonSets.length + jobs.length + cloneSets.length,
    pods,
    totals,
    zones: out,
    pdbs: inv.pdbs.length,
    to_be_scheduled: { pods: unbound.pods, cpu_requested: cores(unbound.cpu), memory_requested: unbound.memory },
  };
}

/** Millicores → cores, exact to the millicore (no 0.30000000000000004). */
export const cores = (millicores: number): number => Number((millicores / 1000).toFixed(3));

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
