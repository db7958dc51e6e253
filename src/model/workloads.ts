// What every workload kind shares in the inventory: their defaults (apps/v1 SetDefaults_*), how
// reports, events and overrides name them (`namespace/name`, or `kind/namespace/name` when a
// workload of another kind shares the name), a StatefulSet pod's ordinal, and which nodes a
// DaemonSet runs on (NodeShouldRunDaemonPod, with the tolerations its pods get automatically).
import { findUntoleratedTaint } from './taints.js';
import type { DaemonSet, Inventory, Job, StatefulSet, Taint, Toleration, WorkloadKind } from './types.js';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
} from './well-known.js';

/** apps/v1 SetDefaults_StatefulSet (the claims and their zones are Headroom's own). */
export const STATEFULSET_DEFAULTS: Omit<StatefulSet, 'namespace' | 'name' | 'template'> = {
  replicas: 1,
  podManagementPolicy: 'OrderedReady',
  updateStrategy: 'RollingUpdate',
  partition: 0,
  maxUnavailable: null,
  minReadySeconds: 0,
  ordinalsStart: 0,
  revisionHistoryLimit: 10,
  volumeClaims: [],
  claimZones: {},
};

/** apps/v1 SetDefaults_DaemonSet. */
export const DAEMONSET_DEFAULTS: Omit<DaemonSet, 'namespace' | 'name' | 'template'> = {
  updateStrategy: 'RollingUpdate',
  maxUnavailable: 1,
  maxSurge: 0,
  minReadySeconds: 0,
  revisionHistoryLimit: 10,
};

/** The lowercase kind that prefixes a name when names clash (`statefulset/data/db`). */
export const kindPrefix = (kind: WorkloadKind): string => kind.toLowerCase();

/** Every workload of the inventory with its kind, in the order they are simulated. */
export function inventoryWorkloads(inv: Inventory): { kind: WorkloadKind; namespace: string; name: string }[] {
  return [
    ...inv.deployments.map((d) => ({ kind: 'Deployment' as const, namespace: d.namespace, name: d.name })),
    ...(inv.statefulSets ?? []).map((s) => ({ kind: 'StatefulSet' as const, namespace: s.namespace, name: s.name })),
    ...(inv.daemonSets ?? []).map((d) => ({ kind: 'DaemonSet' as const, namespace: d.namespace, name: d.name })),
    ...(inv.jobs ?? []).map((j) => ({ kind: 'Job' as const, namespace: j.namespace, name: j.name })),
    ...(inv.cloneSets ?? []).map((c) => ({ kind: 'CloneSet' as const, namespace: c.namespace, name: c.name })),
  ];
}

/**
 * The most pods a Job runs at once: parallelism, or fewer when fewer completions are left
 * (manageJob's wantActive at its start); none once it has finished.
 */
export function jobPodsAtOnce(j: Pick<Job, 'parallelism' | 'completions' | 'status'>): number {
  if (j.status?.finished) return 0;
  if (j.completions === null) return j.parallelism;
  return Math.max(0, Math.min(j.parallelism, j.completions - (j.status?.succeeded ?? 0)));
}

/**
 * About how many pods the inventory's workloads make at t=0, plus the pods it lists: replicas of
 * Deployments and StatefulSets, one pod per node for each DaemonSet (an upper bound: some may
 * not run everywhere), a Job's pods at once.
 */
export function expectedPods(inv: Inventory): number {
  return (
    inv.deployments.reduce((a, d) => a + d.replicas, 0) +
    (inv.statefulSets ?? []).reduce((a, s) => a + s.replicas, 0) +
    (inv.daemonSets ?? []).length * inv.nodes.length +
    (inv.jobs ?? []).reduce((a, j) => a + jobPodsAtOnce(j), 0) +
    (inv.cloneSets ?? []).reduce((a, c) => a + c.replicas, 0) +
    inv.pods.length
  );
}

/** How a workload is named everywhere: `namespace/name`, or with its kind first when that clashes. */
export interface WorkloadName {
  readonly kind: WorkloadKind;
  /** `namespace/name`, or `kind/namespace/name` when a workload of another kind has the same name. */
  readonly key: string;
  /** What events.csv's `workload` column says: `name`, or `kind/name` on a clash. */
  readonly shortName: string;
}

/**
 * The names of the inventory's workloads, by `kind/namespace/name` (always unique). The contract:
 * "When two workloads of different kinds share a name, the lowercase kind goes first".
 */
export function workloadNames(inv: Inventory): Map<string, WorkloadName> {
  const all = inventoryWorkloads(inv);
  const kinds = new Map<string, number>();
  for (const w of all) kinds.set(`${w.namespace}/${w.name}`, (kinds.get(`${w.namespace}/${w.name}`) ?? 0) + 1);
  const out = new Map<string, WorkloadName>();
  for (const w of all) {
    const plain = `${w.namespace}/${w.name}`;
    const clash = (kinds.get(plain) ?? 0) > 1;
    const k = kindPrefix(w.kind);
    out.set(`${k}/${plain}`, {
      kind: w.kind,
      key: clash ? `${k}/${plain}` : plain,
      shortName: clash ? `${k}/${w.name}` : w.name,
    });
  }
  return out;
}

export type WorkloadLookup =
  | { readonly ok: true; readonly kind: WorkloadKind; readonly key: string; readonly namespace: string; readonly name: string }
  | { readonly ok: false; readonly detail: string };

const KINDS: readonly WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CloneSet'];

/**
 * Resolves a workload as a user writes it — `namespace/name`, or `kind/namespace/name` (any
 * kind, clash or not) — to the workload and its canonical key; an ambiguous plain name is an
 * error that lists the prefixed forms.
 */
export function lookupWorkload(inv: Inventory, names: ReadonlyMap<string, WorkloadName>, ref: string): WorkloadLookup {
  const parts = ref.split('/');
  let kinds: readonly WorkloadKind[] = KINDS;
  let plain = ref;
  if (parts.length === 3) {
    const k = KINDS.find((x) => kindPrefix(x) === parts[0].toLowerCase());
    if (k) {
      kinds = [k];
      plain = `${parts[1]}/${parts[2]}`;
    }
  }
  const found = kinds.flatMap((k) => {
    const n = names.get(`${kindPrefix(k)}/${plain}`);
    return n ? [n] : [];
  });
  if (found.length === 1) {
    const slash = plain.indexOf('/');
    return { ok: true, kind: found[0].kind, key: found[0].key, namespace: plain.slice(0, slash), name: plain.slice(slash + 1) };
  }
  if (found.length > 1) {
    const forms = found.map((n) => `"${n.key}"`).join(' or ');
    return { ok: false, detail: `"${ref}" names ${found.map((n) => `a ${n.kind}`).join(' and ')}: write ${forms}` };
  }
  const name = plain.includes('/') ? plain.slice(plain.indexOf('/') + 1) : plain;
  const similar = inventoryWorkloads(inv).filter((w) => w.name === name).map((w) => names.get(`${kindPrefix(w.kind)}/${w.namespace}/${w.name}`)!.key);
  const hint = similar.length ? ` (did you mean ${similar.map((s) => `"${s}"`).join(' or ')}?)` : plain.includes('/') ? '' : ' (write namespace/name)';
  return { ok: false, detail: `no workload "${ref}"${hint}` };
}

// stateful_set_utils.go statefulPodRegex: "(.*)-([0-9]+)$".
const STATEFUL_POD = /^(.*)-([0-9]+)$/;

/**
 * getParentNameAndOrdinal: the StatefulSet name and ordinal a pod's name encodes, or ordinal -1
 * when it does not parse (upstream ParseInt(…, 10, 32): it must fit an int32).
 */
export function parentNameAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const m = STATEFUL_POD.exec(podName);
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return { parent: m[1], ordinal: Number.isSafeInteger(n) && n <= 0x7fffffff ? n : -1 };
}

/**
 * util.AddOrUpdateDaemonPodTolerations: every DaemonSet pod tolerates not-ready and unreachable
 * NoExecute forever (no tolerationSeconds) and disk/memory/pid pressure and unschedulable
 * NoSchedule; a toleration the template has for the same key/operator/value/effect is replaced.
 * (network-unavailable is added only for hostNetwork pods, which Headroom does not model.)
 */
export function withDaemonSetTolerations(tols: readonly Toleration[]): Toleration[] {
  const add: Toleration[] = [
    { key: TAINT_NOT_READY, operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: null },
    { key: TAINT_UNREACHABLE, operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: null },
    { key: TAINT_DISK_PRESSURE, operator: 'Exists', value: '', effect: 'NoSchedule', tolerationSeconds: null },
    { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', value: '', effect: 'NoSchedule', tolerationSeconds: null },
    { key: TAINT_PID_PRESSURE, operator: 'Exists', value: '', effect: 'NoSchedule', tolerationSeconds: null },
    { key: TAINT_UNSCHEDULABLE, operator: 'Exists', value: '', effect: 'NoSchedule', tolerationSeconds: null },
  ];
  // AddOrUpdateTolerationInPodSpec: Toleration.MatchToleration compares key, operator, value, effect.
  const same = (a: Toleration, b: Toleration) => a.key === b.key && a.operator === b.operator && a.value === b.value && a.effect === b.effect;
  return [...tols.filter((t) => !add.some((a) => same(a, t))), ...add];
}

// pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod and predicates.
/** What NodeShouldRunDaemonPod reads of a node. */
export interface DaemonNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
}

/** What it reads of the DaemonSet's hypothetical pod for the node (NewPod). */
export interface DaemonPodSpec {
  /** The template's spec.nodeName ('' or absent: none). */
  readonly nodeName?: string;
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** The template's required node affinity, if it has one. */
  readonly requiredAffinity?: (node: DaemonNode) => boolean;
  /** The template's tolerations with the ones every DaemonSet pod gets (withDaemonSetTolerations). */
  readonly tolerations: readonly Toleration[];
}

export interface ShouldRun {
  /** A pod should be created on the node if it has none. */
  readonly shouldRun: boolean;
  /** A pod already there may stay. */
  readonly shouldContinueRunning: boolean;
}

/**
 * NodeShouldRunDaemonPod: the template's nodeName, node affinity (nodeSelector and required
 * terms) and taints — not resources, host ports or node conditions (the default scheduler
 * decides those). An untolerated NoSchedule/NoExecute taint means no new pod; only an
 * untolerated NoExecute one means the existing pod must go.
 */
export function nodeShouldRunDaemonPod(node: DaemonNode, spec: DaemonPodSpec): ShouldRun {
  if (spec.nodeName && spec.nodeName !== node.name) return { shouldRun: false, shouldContinueRunning: false };
  for (const k in spec.nodeSelector) {
    if (node.labels[k] !== spec.nodeSelector[k]) return { shouldRun: false, shouldContinueRunning: false };
  }
  if (spec.requiredAffinity && !spec.requiredAffinity(node)) return { shouldRun: false, shouldContinueRunning: false };
  const blocking = findUntoleratedTaint(node.taints, spec.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  if (blocking === null) return { shouldRun: true, shouldContinueRunning: true };
  const evicting = findUntoleratedTaint(node.taints, spec.tolerations, (t) => t.effect === 'NoExecute');
  return { shouldRun: false, shouldContinueRunning: evicting === null };
}
