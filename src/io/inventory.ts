// Loading an inventory from its parts (nodes.csv, workloads.csv, pods.csv, a kubectl dump),
// combined, and from a single path (a directory, a CSV, a dump or a scenario).
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { CloneSet, DaemonSet, Deployment, Inventory, InventoryPod, Job, NodeSpec, PodDisruptionBudget, StatefulSet } from '../model/types.js';
import { jobPodsAtOnce } from '../model/workloads.js';
import { workloadKey } from '../model/types.js';
import { InputError } from './errors.js';
import { LIMITS, overLimit, podDemand } from '../model/limits.js';
import { describeFsError, displayName } from './read-file.js';
import { loadNodesCsv } from './csv/nodes.js';
import { loadWorkloadsCsv } from './csv/workloads.js';
import { loadPodsCsv } from './csv/pods.js';
import { loadKubectlDump } from './kubectl.js';

export interface InventoryFiles {
  readonly nodes?: string;
  /** One workloads.csv or several (their rows add up; a name in two is an error). */
  readonly workloads?: string | readonly string[];
  readonly pods?: string;
  /** One kubectl dump, or several read as one (`-`: standard input). */
  readonly kubectl?: string | readonly string[];
}

/**
 * Loads and combines the given files. A kubectl dump comes first; CSV rows add to it (a name
 * found in both is an error). pods.csv may refer to nodes and workloads from either source.
 * The pods of a dump or pods.csv are the initial placement (`hasPodPlacement`).
 */
export async function loadInventoryFiles(files: InventoryFiles): Promise<Inventory> {
  const parts: { file: string; inv: Partial<Inventory> }[] = [];
  const dumps = typeof files.kubectl === 'string' ? [files.kubectl] : (files.kubectl ?? []);
  const dumpName = dumps.map(displayName).join(' + ');
  let dump: Inventory | undefined;
  if (dumps.length > 0) parts.push({ file: dumpName, inv: (dump = await loadKubectlDump(dumps)) });
  if (files.nodes) parts.push({ file: files.nodes, inv: { nodes: await loadNodesCsv(files.nodes) } });
  for (const w of typeof files.workloads === 'string' ? [files.workloads] : (files.workloads ?? [])) {
    parts.push({ file: w, inv: await loadWorkloadsCsv(w) });
  }
  const nodes = mergeUnique(parts, (p) => p.nodes ?? [], (n: NodeSpec) => n.name, 'node');
  const deployments = mergeUnique(parts, (p) => p.deployments ?? [], (d: Deployment) => workloadKey(d), 'workload');
  const statefulSets = mergeUnique(parts, (p) => p.statefulSets ?? [], (s: StatefulSet) => workloadKey(s), 'StatefulSet');
  const daemonSets = mergeUnique(parts, (p) => p.daemonSets ?? [], (d: DaemonSet) => workloadKey(d), 'DaemonSet');
  const jobs = mergeUnique(parts, (p) => p.jobs ?? [], (j: Job) => workloadKey(j), 'Job');
  const cloneSets = mergeUnique(parts, (p) => p.cloneSets ?? [], (c: CloneSet) => workloadKey(c), 'CloneSet');
  const pdbs = mergeUnique(parts, (p) => p.pdbs ?? [], (p: PodDisruptionBudget) => workloadKey(p), 'PodDisruptionBudget');
  let pods: InventoryPod[] = parts.flatMap((p) => p.inv.pods ?? []);
  if (files.pods) {
    const refs = {
      nodes: new Set(nodes.map((n) => n.name)),
      workloads: new Set(deployments.map(workloadKey)),
      statefulSets: new Set(statefulSets.map(workloadKey)),
      daemonSets: new Set(daemonSets.map(workloadKey)),
      jobs: new Set(jobs.map(workloadKey)),
      cloneSets: new Set(cloneSets.map(workloadKey)),
    };
    const csvPods = await loadPodsCsv(files.pods, refs);
    const taken = new Set(pods.map((p) => `${p.namespace}/${p.name}`));
    const dup = csvPods.find((p) => taken.has(`${p.namespace}/${p.name}`));
    if (dup) throw new InputError(`pod "${dup.namespace}/${dup.name}" is also in ${dumpName}`, { file: files.pods });
    pods = [...pods, ...csvPods];
  }
  const hasPodPlacement = Boolean(files.pods) || parts.some((p) => p.inv.hasPodPlacement);
  const inventory: Inventory = {
    nodes,
    deployments,
    statefulSets,
    daemonSets,
    ...(jobs.length ? { jobs } : {}),
    ...(cloneSets.length ? { cloneSets } : {}),
    pods,
    pdbs,
    hasPodPlacement,
    ...(dump?.namespaces ? { namespaces: dump.namespaces } : {}),
    ...(dump?.snapshotTime !== undefined ? { snapshotTime: dump.snapshotTime } : {}),
    ...(dump?.dump ? { dump: dump.dump } : {}),
  };
  const workloadFiles = typeof files.workloads === 'string' ? [files.workloads] : (files.workloads ?? []);
  const names = [files.nodes, ...workloadFiles, files.pods, dumpName].filter(Boolean).join(' + ');
  checkInventoryLimits(inventory, [], names);
  return placeOnKnownNodes(inventory);
}

/**
 * Pods a dump binds to nodes that no source of the inventory has (a pods-only dump whose nodes
 * come from nodes.csv finds them there): treated as unscheduled — Pending, for the scheduler at
 * t=0 — with one warning that gives the counts. Finished pods hold nothing and just lose their node.
 */
export function placeOnKnownNodes(inv: Inventory): Inventory {
  const known = new Set(inv.nodes.map((n) => n.name));
  const absent = new Set<string>();
  let moved = 0;
  const pods = inv.pods.map((p): InventoryPod => {
    if (p.node === null || known.has(p.node)) return p;
    if (p.phase === 'Succeeded' || p.phase === 'Failed') return { ...p, node: null };
    absent.add(p.node);
    moved++;
    // The phase stays as the dump states it (inspect counts it so); unbound, it waits for the scheduler.
    return { ...p, node: null, ready: false };
  });
  if (moved === 0) return inv;
  const nodes = [...absent].sort();
  const shown = nodes.length > 5 ? `${nodes.slice(0, 5).join(', ')}, … (${nodes.length} in all)` : nodes.join(', ');
  const warning =
    `${plural(moved, 'pod')} ${moved === 1 ? 'is' : 'are'} bound to ${plural(nodes.length, 'node')} the inventory does not have (${shown}): ` +
    'treated as unscheduled, for the scheduler at t=0. Add those nodes (nodes.csv, or the Nodes in the dump) to keep the pods where they are.';
  return {
    ...inv,
    pods,
    ...(inv.dump ? { dump: { ...inv.dump, podsOnAbsentNodes: { pods: moved, nodes } } } : {}),
    warnings: [...(inv.warnings ?? []), warning],
  };
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * The contract's limits on a whole inventory (each file is checked alone as it is read; the
 * sum of several may still be too much). `scales` are a scenario's scale events: pods at once
 * count each workload at its largest replicas.
 */
export function checkInventoryLimits(
  inv: Inventory,
  scales: readonly { readonly workload: string; readonly replicas: number }[],
  file: string,
): void {
  if (inv.nodes.length > LIMITS.nodes) throw new InputError(overLimit(inv.nodes.length, 'nodes'), { file });
  const sets = inv.statefulSets ?? [];
  const daemons = inv.daemonSets ?? [];
  const jobs = inv.jobs ?? [];
  const clones = inv.cloneSets ?? [];
  const workloads = inv.deployments.length + sets.length + daemons.length + jobs.length + clones.length;
  if (workloads > LIMITS.workloads) throw new InputError(overLimit(workloads, 'workloads'), { file });
  const unowned = inv.pods.filter((p) => p.workload === null && p.phase !== 'Succeeded' && p.phase !== 'Failed').length;
  // A DaemonSet counts as a pod on every node (at most).
  const demand = podDemand(
    [
      ...inv.deployments.map((d) => ({ key: workloadKey(d), replicas: d.replicas })),
      ...sets.map((d) => ({ key: `statefulset/${workloadKey(d)}`, replicas: d.replicas })),
      ...daemons.map((d) => ({ key: `daemonset/${workloadKey(d)}`, replicas: inv.nodes.length })),
      // A Job counts as the pods it runs at once (parallelism, or the completions left).
      ...jobs.map((j) => ({ key: `job/${workloadKey(j)}`, replicas: jobPodsAtOnce(j) })),
      ...clones.map((c) => ({ key: `cloneset/${workloadKey(c)}`, replicas: c.replicas })),
    ],
    scales,
    unowned,
  );
  if (demand.total > LIMITS.pods) {
    const largest = demand.largest ? `(the most: ${demand.largest.workload} with ${demand.largest.replicas.toLocaleString('en-US')} replicas)` : '';
    throw new InputError(`replicas come to ${overLimit(demand.total, 'pods', largest)}`, { file });
  }
}

function mergeUnique<T>(
  parts: { file: string; inv: Partial<Inventory> }[],
  get: (inv: Partial<Inventory>) => readonly T[],
  key: (t: T) => string,
  what: string,
): T[] {
  const from = new Map<string, string>();
  const out: T[] = [];
  for (const p of parts) {
    for (const item of get(p.inv)) {
      const k = key(item);
      const first = from.get(k);
      if (first !== undefined) throw new InputError(`${what} "${k}" is also defined in ${first}`, { file: p.file });
      from.set(k, p.file);
      out.push(item);
    }
  }
  return out;
}

/** What a path given on the command line is. */
export type PathKind = 'directory' | 'csv' | 'document';

export async function pathKind(path: string): Promise<PathKind> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw new InputError(`cannot read: ${describeFsError(e)}`, { file: path });
  }
  if (st.isDirectory()) return 'directory';
  return extname(path).toLowerCase() === '.csv' ? 'csv' : 'document';
}

/** The inventory files of a directory: nodes.csv (required) and workloads.csv, pods.csv if present. */
export async function inventoryDirectory(dir: string): Promise<InventoryFiles> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw new InputError(`cannot read directory: ${describeFsError(e)}`, { file: dir });
  }
  if (!names.includes('nodes.csv')) {
    throw new InputError('no nodes.csv in this directory (expected nodes.csv, and optionally workloads.csv and pods.csv)', { file: dir });
  }
  const pick = (n: string) => (names.includes(n) ? join(dir, n) : undefined);
  return { nodes: join(dir, 'nodes.csv'), workloads: pick('workloads.csv'), pods: pick('pods.csv') };
}

/** The files a single CSV path stands for (a nodes.csv alone). */
export function csvFiles(file: string): InventoryFiles {
  const name = basename(file).toLowerCase();
  if (name === 'workloads.csv' || name === 'pods.csv') {
    throw new InputError(`a ${name} needs its nodes: give the directory that holds nodes.csv and ${name}`, { file });
  }
  return { nodes: file };
}
