// Which workload each dumped pod belongs to, and the Deployments and ReplicaSets behind them —
// read from the dump where it has them, inferred from the pods' owner references where it does
// not (`kubectl get nodes,pods -A -o json`, the most common dump, has no workload objects).
//
// - A pod owned by ReplicaSet `NAME-<pod-template-hash>` (its `pod-template-hash` label) belongs
//   to Deployment `NAME` (the ReplicaSet's own controller reference when the dump has it).
// - A Deployment in the dump keeps its ReplicaSets' names, hashes, revisions and sizes; its new
//   ReplicaSet is FindNewReplicaSet's: the oldest whose pod template equals the Deployment's,
//   ignoring the pod-template-hash label (deployment_util.go EqualIgnoreHash). A dump taken
//   mid-rollout keeps old and new ReplicaSets, so the rollout resumes at t=0.
// - A Deployment known only from its pods gets the API defaults, its pods' spec as template and
//   as many replicas as it has active pods; the newest pods' ReplicaSet is the new one.
// - Pods of StatefulSets, DaemonSets, Jobs (and anything else) are held as they are: Headroom
//   has no controller for those kinds yet, so nothing replaces them. Naked pods stay unmanaged.
import type { Deployment, DumpReport, InventoryReplicaSet, PodTemplate } from '../model/types.js';
import { workloadKey } from '../model/types.js';
import { checkDeploymentSpec } from '../model/deployment.js';
import { LABEL_POD_TEMPLATE_HASH } from '../model/well-known.js';

/** A controller reference (ownerReferences with controller: true, else the first). */
export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
}

/** A Deployment object of the dump, converted. */
export interface DumpDeployment {
  deployment: Deployment;
  /** deployment.kubernetes.io/revision. */
  readonly revision: number | null;
  /** Its pod template as dumped, canonical, without the pod-template-hash label (null: none). */
  readonly templateKey: string | null;
}

/** A ReplicaSet object of the dump. */
export interface DumpReplicaSet {
  readonly namespace: string;
  readonly name: string;
  readonly owner: OwnerRef | undefined;
  readonly replicas: number;
  readonly template: PodTemplate | null;
  readonly templateKey: string | null;
  readonly revision: number | null;
  readonly desiredReplicas: number | null;
  readonly maxReplicas: number | null;
  /** metadata.creationTimestamp (ms), null when absent. */
  readonly created: number | null;
}

/** A pod of the dump, as far as ownership goes. */
export interface DumpPod {
  readonly namespace: string;
  readonly name: string;
  readonly owner: OwnerRef | undefined;
  readonly labels: Readonly<Record<string, string>>;
  /** Its own spec, converted. */
  readonly own: PodTemplate;
  /** Not terminal and not being deleted (controller.IsPodActive). */
  readonly active: boolean;
  readonly created: number | null;
}

/** Where a pod belongs. */
export interface PodOwnership {
  /** `namespace/name` of its Deployment; null when no Deployment owns it. */
  readonly workload: string | null;
  readonly replicaSet?: string;
  /** Its own spec, or null when it is its ReplicaSet's template (as the pods that RS creates). */
  readonly spec: PodTemplate | null;
}

export interface Ownership {
  readonly deployments: Deployment[];
  /** By pod, in the order given. */
  readonly pods: PodOwnership[];
  readonly inferred: DumpReport['inferred'];
  readonly heldAsIs: DumpReport['heldAsIs'];
}

/** The ReplicaSets of one Deployment, as the dump and its pods show them. */
interface Group {
  readonly name: string;
  rs: DumpReplicaSet | null;
  readonly pods: number[];
  active: number;
  newestPod: number;
}

/** Resolves every pod's owner; `deployments` are the dump's Deployments by `namespace/name`. */
export function resolveOwnership(
  dumpDeployments: ReadonlyMap<string, DumpDeployment>,
  replicaSets: readonly DumpReplicaSet[],
  pods: readonly DumpPod[],
): Ownership {
  const rsByKey = new Map(replicaSets.map((r) => [`${r.namespace}/${r.name}`, r]));
  // Deployment key → its ReplicaSet groups by name, in the order first seen.
  const groups = new Map<string, Map<string, Group>>();
  const group = (dKey: string, name: string): Group => {
    let m = groups.get(dKey);
    if (!m) groups.set(dKey, (m = new Map()));
    let g = m.get(name);
    if (!g) m.set(name, (g = { name, rs: rsByKey.get(`${dKey.slice(0, dKey.indexOf('/'))}/${name}`) ?? null, pods: [], active: 0, newestPod: -Infinity }));
    return g;
  };
  for (const [key] of dumpDeployments) groups.set(key, new Map());
  for (const rs of replicaSets) {
    if (rs.owner?.kind === 'Deployment') group(`${rs.namespace}/${rs.owner.name}`, rs.name);
  }
  const held = new Map<string, { kind: string; owner: string; pods: number }>();
  const podDeployment: (string | null)[] = pods.map((p, i) => {
    const o = p.owner;
    if (o?.kind === 'ReplicaSet') {
      const rs = rsByKey.get(`${p.namespace}/${o.name}`);
      const dName = rs ? (rs.owner?.kind === 'Deployment' ? rs.owner.name : undefined) : deploymentNameFromHash(o.name, p.labels);
      if (dName !== undefined) {
        const dKey = `${p.namespace}/${dName}`;
        const g = group(dKey, o.name);
        g.pods.push(i);
        if (p.active) g.active++;
        g.newestPod = Math.max(g.newestPod, p.created ?? -Infinity);
        return dKey;
      }
    }
    if (o && o.kind !== 'Node') {
      const k = `${o.kind}/${p.namespace}/${o.name}`;
      const h = held.get(k) ?? { kind: o.kind, owner: `${p.namespace}/${o.name}`, pods: 0 };
      h.pods++;
      held.set(k, h);
    }
    return null;
  });

  const out: PodOwnership[] = pods.map((p) => ({ workload: null, spec: p.own }));
  const deployments: Deployment[] = [];
  const inferred: Ownership['inferred'][number][] = [];
  for (const [dKey, byName] of groups) {
    const dump = dumpDeployments.get(dKey);
    const list = [...byName.values()];
    if (!dump && list.every((g) => g.pods.length === 0)) continue;
    const current = dump ? findNewReplicaSet(dump, list, pods) : inferredNewReplicaSet(list);
    let d: Deployment;
    if (dump) d = dump.deployment;
    else {
      const g = current!;
      const template = g.rs?.template ?? withoutHash(pods[g.pods.find((i) => pods[i].active) ?? g.pods[0]].own);
      const replicas = g.rs?.desiredReplicas ?? list.reduce((a, x) => a + x.active, 0);
      const check = checkDeploymentSpec({ replicas });
      if (!check.ok) throw new Error(`inferred Deployment ${dKey}: ${check.problem.detail}`);
      const slash = dKey.indexOf('/');
      d = { namespace: dKey.slice(0, slash), name: dKey.slice(slash + 1), ...check.spec, template };
      inferred.push({ kind: 'Deployment', workload: dKey, pods: list.reduce((a, x) => a + x.pods.length, 0), from: `ReplicaSet ${list.map((x) => x.name).join(', ')}` });
    }
    // Admission fills in pods what templates lack (RuntimeClass overhead, a custom
    // PriorityClass's priority): carried over from a pod of the new ReplicaSet.
    const firstCurrent = current?.pods.find((i) => pods[i].active);
    if (firstCurrent !== undefined) d = withAdmissionOf(d, pods[firstCurrent].own);
    const replicaSets: InventoryReplicaSet[] = [];
    for (const g of list) {
      const isCurrent = g === current;
      // Old ReplicaSets scaled to zero without pods are history: left out.
      if (!isCurrent && g.active === 0 && (g.rs?.replicas ?? 0) === 0) continue;
      const template = isCurrent ? null : (g.rs?.template ?? (g.pods.length ? withoutHash(pods[g.pods[0]].own) : d.template));
      replicaSets.push({
        name: g.name,
        revision: g.rs?.revision ?? 0,
        // Without the ReplicaSet object: the new one at the Deployment's size, old ones at their pods.
        replicas: g.rs ? g.rs.replicas : isCurrent ? d.replicas : g.active,
        template,
        desiredReplicas: g.rs?.desiredReplicas ?? null,
        maxReplicas: g.rs?.maxReplicas ?? null,
      });
      const rsTemplate = template ?? d.template;
      for (const i of g.pods) out[i] = { workload: dKey, replicaSet: g.name, spec: sameResources(pods[i].own, rsTemplate) ? null : pods[i].own };
    }
    // A pod of a ReplicaSet left out (history, or its pods all finished) still names its Deployment.
    for (const g of list) {
      if (replicaSets.some((r) => r.name === g.name)) continue;
      for (const i of g.pods) out[i] = { workload: dKey, spec: pods[i].own };
    }
    // Oldest first (revisions count up); a new ReplicaSet known only from its pods is the newest.
    const rank = (r: InventoryReplicaSet) => (r.revision === 0 && r.template === null ? Infinity : r.revision);
    replicaSets.sort((a, b) => rank(a) - rank(b));
    // None left (no ReplicaSet yet, or only empty history): the first is made at t=0, as for a CSV's.
    deployments.push(replicaSets.length > 0 ? { ...d, replicaSets } : d);
  }
  // Deployments in the dump's order first, then the inferred ones (in the order of their pods).
  const order = new Map([...dumpDeployments.keys()].map((k, i) => [k, i]));
  deployments.sort((a, b) => (order.get(workloadKey(a)) ?? Infinity) - (order.get(workloadKey(b)) ?? Infinity));
  for (let i = 0; i < pods.length; i++) if (podDeployment[i] === null) out[i] = { workload: null, spec: pods[i].own };
  return { deployments, pods: out, inferred, heldAsIs: [...held.values()] };
}

/**
 * FindNewReplicaSet (deployment_util.go): the oldest ReplicaSet whose template equals the
 * Deployment's, ignoring pod-template-hash. A dump whose ReplicaSets have no templates (trimmed)
 * falls back on the revision annotation, then — without ReplicaSet objects — on the only group,
 * or the one whose pods run the Deployment's template. None: the deployment controller creates
 * the new ReplicaSet at t=0, as it would.
 */
function findNewReplicaSet(dump: DumpDeployment, list: Group[], pods: readonly DumpPod[]): Group | null {
  const byAge = [...list].sort((a, b) => (a.rs?.created ?? Infinity) - (b.rs?.created ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const comparable = list.some((g) => g.rs !== null && g.rs.templateKey !== null);
  if (comparable && dump.templateKey !== null) return byAge.find((g) => g.rs?.templateKey === dump.templateKey) ?? null;
  // No template to compare (a trimmed dump): the revision the Deployment names (SetDeploymentRevision).
  if (dump.revision !== null) {
    const same = list.find((g) => g.rs !== null && g.rs.revision === dump.revision);
    if (same) return same;
  }
  const withoutObject = list.filter((g) => g.rs === null);
  if (withoutObject.length !== list.length) return null;
  if (list.length === 1) return list[0];
  const matching = list.filter((g) => g.pods.some((i) => sameResources(pods[i].own, dump.deployment.template)));
  return matching.length > 0 ? newestGroup(matching) : null;
}

/**
 * The new ReplicaSet of a Deployment the dump does not have: the highest revision among its
 * ReplicaSet objects, else the one with the newest pods.
 */
function inferredNewReplicaSet(list: Group[]): Group | null {
  let best: Group | null = null;
  for (const g of list) if (g.rs?.revision != null && (!best || g.rs.revision > best.rs!.revision!)) best = g;
  return best ?? newestGroup(list);
}

/** The group whose newest pod is the newest (a Deployment known only from pods: its new ReplicaSet). */
function newestGroup(list: Group[]): Group | null {
  let best: Group | null = null;
  for (const g of list) {
    if (g.pods.length === 0) continue;
    if (!best || g.newestPod > best.newestPod || (g.newestPod === best.newestPod && g.active > best.active)) best = g;
  }
  return best;
}

/** Without the ReplicaSet in the dump: `web-7d4b9c` with label pod-template-hash=7d4b9c → `web`. */
export function deploymentNameFromHash(rsName: string, labels: Readonly<Record<string, string>> | null | undefined): string | undefined {
  const hash = labels?.[LABEL_POD_TEMPLATE_HASH];
  return hash && rsName.endsWith(`-${hash}`) && rsName.length > hash.length + 1 ? rsName.slice(0, -hash.length - 1) : undefined;
}

/** A pod's spec as its Deployment's template: the ReplicaSet's hash label is not the template's. */
function withoutHash(t: PodTemplate): PodTemplate {
  if (!(LABEL_POD_TEMPLATE_HASH in t.labels)) return t;
  const { [LABEL_POD_TEMPLATE_HASH]: _hash, ...labels } = t.labels;
  return { ...t, labels };
}

/**
 * Admission fills in pods what templates lack: overhead (RuntimeClass) and the priority of a
 * custom PriorityClass (Priority admission). Carry them over from a pod of the current revision,
 * so pods the simulation creates from the template get them too.
 */
export function withAdmissionOf<W extends { readonly template: PodTemplate }>(d: W, pod: PodTemplate): W {
  const t = d.template;
  const overhead = Object.keys(t.overhead).length === 0 && Object.keys(pod.overhead).length > 0 ? pod.overhead : t.overhead;
  const sameClass = pod.priorityClassName === t.priorityClassName;
  const priority = t.priority === 0 && sameClass ? pod.priority : t.priority;
  const preemptionPolicy = t.preemptionPolicy ?? (sameClass ? pod.preemptionPolicy : undefined);
  if (overhead === t.overhead && priority === t.priority && preemptionPolicy === t.preemptionPolicy) return d;
  return { ...d, template: { ...t, overhead, priority, ...(preemptionPolicy ? { preemptionPolicy } : {}) } };
}

/** A pod runs its ReplicaSet's template as far as the simulation goes: same requests and priority. */
export function sameResources(a: PodTemplate, b: PodTemplate): boolean {
  const key = (t: PodTemplate) => JSON.stringify([t.containers, t.initContainers, t.overhead, t.priority]);
  return key(a) === key(b);
}

/**
 * A pod template as dumped, canonical (keys sorted) and without the pod-template-hash label, for
 * EqualIgnoreHash. The API server defaults templates the same way in Deployments and
 * ReplicaSets, so equal templates serialise equally.
 */
export function templateKey(template: unknown): string | null {
  if (typeof template !== 'object' || template === null) return null;
  const t = template as { metadata?: { labels?: Record<string, unknown>; creationTimestamp?: unknown } };
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[LABEL_POD_TEMPLATE_HASH];
  const metadata = { ...(t.metadata ?? {}), labels };
  delete (metadata as { creationTimestamp?: unknown }).creationTimestamp;
  return canonical({ ...t, metadata });
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
