// `kubectl get nodes,pods,deployments,replicasets,statefulsets,daemonsets,pdb -A -o json|yaml`
// → Inventory (StatefulSets and DaemonSets, with ControllerRevisions, PVCs and PVs that place
// their pods: kubectl-workloads.ts). Accepts a List (`items`), typed lists (PodList, ...), single
// objects, and multi-document YAML. Other kinds (Services, ...) are skipped. Errors name the JSON
// field path (`items[3].spec.containers[0].resources.requests.cpu`) and the line.
import type { z } from 'zod';
import type { DaemonSet, Deployment, InventoryPod, Inventory, NamespaceSpec, NodeSpec, PodDisruptionBudget, PodTemplate, StatefulSet, WorkloadKind } from '../model/types.js';
import { workloadKey } from '../model/types.js';
import { InputError, excerpt } from './errors.js';
import { readTextFile } from './read-file.js';
import { cpuQuantity, memoryQuantity, parseIntOrPercent } from './cells.js';
import { reasonOf } from './csv/table.js';
import { DEPLOYMENT_FIELD_PATHS, checkDeploymentSpec } from '../model/deployment.js';
import { LIMITS, overLimit } from '../model/limits.js';
import { HOSTNAME_LABEL, ZONE_LABEL } from './csv/nodes.js';
import { type PathSegment, type SourceDocs, formatPath, parseSource } from './yaml-source.js';
import { firstProblem } from './zod-issues.js';
import { type FailAt, LEGACY_ZONE_LABEL, podSpecToTemplate, type PriorityClassInfo, quantityAt } from './kubectl-template.js';
import {
  DeploymentSchema,
  NamespaceSchema,
  NodeSchema,
  PriorityClassSchema,
  PdbSchema,
  PodSchema,
  ReplicaSetSchema,
  type RawDeployment,
  type RawMeta,
  type RawNode,
  type RawPdb,
  type RawPod,
  type RawReplicaSet,
} from './kubectl-schema.js';
import {
  ControllerRevisionSchema,
  DaemonSetSchema,
  PvSchema,
  PvcSchema,
  StatefulSetSchema,
  claimZones,
  daemonPodTargetNode,
  daemonSetCurrentHash,
  daemonSetFrom,
  statefulSetFrom,
  type RawControllerRevision,
  type RawDaemonSet,
  type RawPv,
  type RawPvc,
  type RawStatefulSet,
} from './kubectl-workloads.js';

export { LEGACY_ZONE_LABEL };
const REVISION = 'deployment.kubernetes.io/revision';

/** Where an object sits in the input: document index and path inside it. */
interface Loc {
  readonly doc: number;
  readonly path: readonly PathSegment[];
}

interface Found<T> extends Loc {
  readonly obj: T;
}

export async function loadKubectlDump(file: string): Promise<Inventory> {
  return parseKubectlDump(await readTextFile(file), file);
}

/** True when a parsed document looks like Kubernetes objects (has `kind` / `apiVersion`). */
export function isKubernetesDocument(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && ('kind' in v || 'apiVersion' in v);
}

export function parseKubectlDump(text: string, file: string): Inventory {
  return kubectlFromSource(parseSource(text, file));
}

/** The inventory of documents already parsed (see parseSource). */
export function kubectlFromSource(src: SourceDocs): Inventory {
  return new DumpReader(src).read();
}

class DumpReader {
  private readonly nodes: Found<RawNode>[] = [];
  private readonly deployments: Found<RawDeployment>[] = [];
  private readonly replicaSets: Found<RawReplicaSet>[] = [];
  private readonly pods: Found<RawPod>[] = [];
  private readonly pdbs: Found<RawPdb>[] = [];
  private readonly statefulSets: Found<RawStatefulSet>[] = [];
  private readonly daemonSets: Found<RawDaemonSet>[] = [];
  private readonly revisions: RawControllerRevision[] = [];
  private readonly pvcs: RawPvc[] = [];
  private readonly pvs = new Map<string, RawPv>();
  /** DaemonSet pods' node by their node affinity (pending ones have no nodeName yet). */
  private readonly daemonTargets = new Map<RawPod, string>();
  /** PriorityClasses (the Priority admission plugin's view) and Namespaces of the dump. */
  private readonly classes = new Map<string, PriorityClassInfo>();
  private readonly namespaces: NamespaceSpec[] = [];

  constructor(private readonly src: SourceDocs) {}

  fail(loc: Loc, path: readonly PathSegment[], detail: string): never {
    const full = [...loc.path, ...path];
    throw new InputError(detail, { file: this.src.file, line: this.src.lineOf(loc.doc, full), path: formatPath(full) || undefined });
  }

  read(): Inventory {
    this.src.values.forEach((v, doc) => this.collect(v, doc));
    // Contract limits, before any object is converted.
    for (const [found, what] of [[this.nodes, 'nodes'], [this.deployments, 'workloads'], [this.pods, 'pods']] as const) {
      if (found.length > LIMITS[what]) this.fail(found[LIMITS[what]], [], overLimit(found.length, what));
    }
    if (this.nodes.length + this.deployments.length + this.pods.length === 0) {
      throw new InputError('no Nodes, Deployments or Pods found (expected `kubectl get nodes,pods,deployments,replicasets,pdb -A -o json`)', {
        file: this.src.file,
      });
    }
    const nodes = this.unique(this.nodes.map((f) => ({ ...f, obj: this.node(f) })), (n) => n.name, 'Node');
    const deployments = this.unique(this.deployments.map((f) => ({ ...f, obj: this.deployment(f) })), workloadKey, 'Deployment');
    const byKey = new Map(deployments.map((f, i) => [workloadKey(f.obj), { value: f.obj, meta: this.deployments[i].obj.metadata }]));
    const statefulSets = this.unique(
      this.statefulSets.map((f) => {
        const s = statefulSetFrom(f.obj, this.failAt(f), this.classes);
        return { ...f, obj: { ...s, claimZones: claimZones(s, this.pvcs, this.pvs) } };
      }),
      workloadKey,
      'StatefulSet',
    );
    const daemonSets = this.unique(this.daemonSets.map((f) => ({ ...f, obj: daemonSetFrom(f.obj, this.failAt(f), this.classes) })), workloadKey, 'DaemonSet');
    const sets: SetsByKey = {
      statefulSets: new Map(statefulSets.map((f, i) => [workloadKey(f.obj), { value: f.obj, raw: this.statefulSets[i].obj }])),
      daemonSets: new Map(daemonSets.map((f, i) => [workloadKey(f.obj), { value: f.obj, raw: this.daemonSets[i].obj }])),
    };
    const pods = this.resolvePods(new Set(nodes.map((n) => n.obj.name)), byKey, sets);
    const pdbs = this.unique(
      this.pdbs.flatMap((f) => {
        const p = this.pdb(f);
        return p ? [{ ...f, obj: p }] : [];
      }),
      workloadKey,
      'PodDisruptionBudget',
    );
    return {
      nodes: nodes.map((n) => n.obj),
      deployments: [...byKey.values()].map((d) => d.value),
      statefulSets: [...sets.statefulSets.values()].map((s) => s.value),
      daemonSets: [...sets.daemonSets.values()].map((d) => d.value),
      pods,
      pdbs: pdbs.map((p) => p.obj),
      hasPodPlacement: this.pods.length > 0,
      ...(this.namespaces.length > 0 ? { namespaces: this.namespaces } : {}),
    };
  }

  private collect(value: unknown, doc: number): void {
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) this.fail({ doc, path: [] }, [], 'expected a Kubernetes object or a List');
    const v = value as { kind?: unknown; items?: unknown };
    if (Array.isArray(v.items)) {
      const listKind = typeof v.kind === 'string' && v.kind.endsWith('List') && v.kind !== 'List' ? v.kind.slice(0, -4) : undefined;
      v.items.forEach((item: unknown, i) => this.add(item, { doc, path: ['items', i] }, listKind));
    } else this.add(value, { doc, path: [] }, undefined);
  }

  private add(item: unknown, loc: Loc, listKind: string | undefined): void {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) this.fail(loc, [], 'expected a Kubernetes object');
    const kind = (item as { kind?: unknown }).kind ?? listKind;
    if (typeof kind !== 'string') this.fail(loc, ['kind'], 'missing kind (expected Node, Pod, Deployment, ReplicaSet, PodDisruptionBudget, ...)');
    const parse = <S extends z.ZodType>(schema: S): z.infer<S> => {
      const r = schema.safeParse(item, { reportInput: true });
      if (!r.success) {
        const p = firstProblem(r.error);
        this.fail(loc, p.path, p.detail);
      }
      return r.data as z.infer<S>;
    };
    switch (kind) {
      case 'Node':
        return void this.nodes.push({ ...loc, obj: parse(NodeSchema) });
      case 'Deployment':
        return void this.deployments.push({ ...loc, obj: parse(DeploymentSchema) });
      case 'ReplicaSet':
        return void this.replicaSets.push({ ...loc, obj: parse(ReplicaSetSchema) });
      case 'Pod': {
        const pod = parse(PodSchema);
        const target = daemonPodTargetNode(item);
        if (target !== null) this.daemonTargets.set(pod, target);
        return void this.pods.push({ ...loc, obj: pod });
      }
      case 'StatefulSet':
        return void this.statefulSets.push({ ...loc, obj: parse(StatefulSetSchema) });
      case 'DaemonSet':
        return void this.daemonSets.push({ ...loc, obj: parse(DaemonSetSchema) });
      case 'ControllerRevision':
        return void this.revisions.push(parse(ControllerRevisionSchema));
      case 'PersistentVolumeClaim':
        return void this.pvcs.push(parse(PvcSchema));
      case 'PersistentVolume': {
        const pv = parse(PvSchema);
        return void this.pvs.set(pv.metadata.name, pv);
      }
      case 'PodDisruptionBudget':
        return void this.pdbs.push({ ...loc, obj: parse(PdbSchema) });
      case 'PriorityClass': {
        const pc = parse(PriorityClassSchema);
        return void this.classes.set(pc.metadata.name, { value: pc.value, preemptionPolicy: pc.preemptionPolicy ?? null, globalDefault: pc.globalDefault ?? false });
      }
      case 'Namespace': {
        const ns = parse(NamespaceSchema);
        return void this.namespaces.push({ name: ns.metadata.name, labels: ns.metadata.labels ?? {} });
      }
      default:
    }
  }

  private node(f: Found<RawNode>): NodeSpec {
    const { metadata, spec, status } = f.obj;
    const labels = metadata.labels ?? {};
    const alloc = status?.allocatable ?? status?.capacity;
    const where = status?.allocatable ? 'allocatable' : 'capacity';
    const need = (key: string): string | number => {
      const v = alloc?.[key];
      if (v === undefined) this.fail(f, ['status', 'allocatable', key], `node "${metadata.name}" has no allocatable ${key}`);
      return v;
    };
    const capMemory = status?.capacity?.memory;
    const es = alloc?.['ephemeral-storage'];
    const esCapacity = status?.capacity?.['ephemeral-storage'];
    return {
      name: metadata.name,
      zone: labels[ZONE_LABEL] ?? labels[LEGACY_ZONE_LABEL] ?? '',
      labels: { [HOSTNAME_LABEL]: metadata.name, ...labels },
      taints: (spec?.taints ?? []).map((t) => ({ key: t.key, value: t.value ?? '', effect: t.effect })),
      unschedulable: spec?.unschedulable ?? false,
      allocatable: {
        cpu: this.quantity(f, ['status', where, 'cpu'], need('cpu'), cpuQuantity),
        memory: this.quantity(f, ['status', where, 'memory'], need('memory'), memoryQuantity),
        pods: this.quantity(f, ['status', where, 'pods'], need('pods'), podCount),
        ...(es === undefined ? {} : { ephemeralStorage: this.quantity(f, ['status', where, 'ephemeral-storage'], es, memoryQuantity) }),
      },
      memoryCapacity: capMemory === undefined ? null : this.quantity(f, ['status', 'capacity', 'memory'], capMemory, memoryQuantity),
      ...(es === undefined || esCapacity === undefined ? {} : { ephemeralStorageCapacity: this.quantity(f, ['status', 'capacity', 'ephemeral-storage'], esCapacity, memoryQuantity) }),
    };
  }

  private unique<T>(found: Found<T>[], key: (t: T) => string, what: string): Found<T>[] {
    const seen = new Set<string>();
    for (const f of found) {
      const k = key(f.obj);
      if (seen.has(k)) this.fail(f, ['metadata', 'name'], `duplicate ${what} "${k}"`);
      seen.add(k);
    }
    return found;
  }

  private quantity(loc: Loc, path: PathSegment[], v: string | number, parse: (v: string | number) => number): number {
    return quantityAt(v, path, parse, this.failAt(loc));
  }

  private failAt(loc: Loc): FailAt {
    return (path, detail) => this.fail(loc, path, detail);
  }

  private deployment(f: Found<RawDeployment>): Deployment {
    const { metadata, spec } = f.obj;
    const ru = spec.strategy?.rollingUpdate;
    const intOrPct = (key: 'maxSurge' | 'maxUnavailable') => {
      const v = ru?.[key];
      if (v === undefined || v === null) return undefined;
      try {
        return parseIntOrPercent(v);
      } catch (e) {
        return this.fail(f, DEPLOYMENT_FIELD_PATHS[key], `${excerpt(String(v))}: ${reasonOf(e)}`);
      }
    };
    const given = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
    const check = checkDeploymentSpec({
      replicas: given(spec.replicas),
      strategy: given(spec.strategy?.type),
      maxSurge: intOrPct('maxSurge'),
      maxUnavailable: intOrPct('maxUnavailable'),
      minReadySeconds: given(spec.minReadySeconds),
      progressDeadlineSeconds: given(spec.progressDeadlineSeconds),
      revisionHistoryLimit: given(spec.revisionHistoryLimit),
      restartPolicy: given(spec.template.spec.restartPolicy),
    });
    if (!check.ok) {
      const path = DEPLOYMENT_FIELD_PATHS[check.problem.field];
      const value = path.reduce<unknown>((o, k) => (o as Record<string, unknown> | null | undefined)?.[k], f.obj);
      this.fail(f, path, value === undefined ? check.problem.detail : `${excerpt(String(value))}: ${check.problem.detail}`);
    }
    return {
      namespace: metadata.namespace ?? 'default',
      name: metadata.name,
      ...check.spec,
      template: podSpecToTemplate(spec.template.spec, spec.template.metadata?.labels ?? {}, ['spec', 'template', 'spec'], this.failAt(f), this.classes),
    };
  }

  private resolvePods(nodes: Set<string>, deployments: Map<string, { value: Deployment; meta: RawMeta }>, sets: SetsByKey): InventoryPod[] {
    const dsHashes = this.daemonSetHashes(sets);
    const rsByKey = new Map(this.replicaSets.map((r) => [`${r.obj.metadata.namespace ?? 'default'}/${r.obj.metadata.name}`, r.obj]));
    const rsCount = new Map<string, number>();
    for (const rs of this.replicaSets) {
      const d = controllerOf(rs.obj.metadata);
      if (d?.kind === 'Deployment') {
        const k = `${rs.obj.metadata.namespace ?? 'default'}/${d.name}`;
        rsCount.set(k, (rsCount.get(k) ?? 0) + 1);
      }
    }
    const seen = new Set<string>();
    return this.pods.flatMap((f): InventoryPod[] => {
      const { metadata, spec, status } = f.obj;
      const namespace = metadata.namespace ?? 'default';
      const key = `${namespace}/${metadata.name}`;
      if (seen.has(key)) this.fail(f, ['metadata', 'name'], `duplicate Pod "${key}"`);
      seen.add(key);
      const phase = status?.phase ?? 'Pending';
      const terminal = phase === 'Succeeded' || phase === 'Failed';
      let node = spec.nodeName ?? null;
      if (node !== null && !nodes.has(node)) {
        if (!terminal) this.fail(f, ['spec', 'nodeName'], `pod "${key}" is bound to node "${node}", which is not in the inventory`);
        node = null; // a finished pod of a node that is gone: it holds nothing anyway
      }
      const owner = controllerOf(metadata);
      const own = podSpecToTemplate(spec, metadata.labels ?? {}, ['spec'], this.failAt(f), this.classes);
      let workload: string | null = null;
      let current = false;
      if (owner?.kind === 'ReplicaSet') {
        const rs = rsByKey.get(`${namespace}/${owner.name}`);
        const dName = rs ? controllerOf(rs.metadata)?.name : deploymentNameFromHash(owner.name, metadata.labels);
        const d = dName ? deployments.get(`${namespace}/${dName}`) : undefined;
        if (d) {
          workload = workloadKey(d.value);
          const dRev = d.meta.annotations?.[REVISION];
          const rsRev = rs?.metadata.annotations?.[REVISION];
          current = dRev !== undefined && rsRev !== undefined ? dRev === rsRev : (rsCount.get(workload) ?? 0) <= 1;
          if (current) d.value = withAdmissionOf(d.value, own);
          current &&= sameResources(own, d.value.template);
        }
      }
      let workloadKind: WorkloadKind | undefined;
      let outdated = false;
      let pinned: PodTemplate | null = null;
      if (owner?.kind === 'StatefulSet' || owner?.kind === 'DaemonSet') {
        const key = `${namespace}/${owner.name}`;
        const hash = metadata.labels?.['controller-revision-hash'];
        const set = owner.kind === 'StatefulSet' ? sets.statefulSets.get(key) : sets.daemonSets.get(key);
        if (set) {
          workload = key;
          workloadKind = owner.kind;
          // A pod not at the update revision (StatefulSet status.updateRevision, the DaemonSet's
          // newest ControllerRevision) runs an older template: its own spec.
          const newest = owner.kind === 'StatefulSet' ? (set.raw as RawStatefulSet).status?.updateRevision : dsHashes.get(key);
          outdated = newest !== undefined && newest !== null && hash !== undefined && hash !== newest;
          if (!outdated) set.value = withAdmissionOf(set.value, own);
          current = !outdated && sameResources(own, set.value.template);
          const target = this.daemonTargets.get(f.obj);
          // A pending DaemonSet pod keeps the node its controller pinned it to. Pinned to a node
          // the inventory lacks, the controller deletes it (getUnscheduledPodsWithoutNode): left out.
          if (owner.kind === 'DaemonSet' && node === null && target !== undefined) {
            if (!nodes.has(target)) return [];
            pinned = { ...own, requiredNodeName: target };
          }
        }
      }
      const ready = (status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      return [{
        namespace,
        name: metadata.name,
        workload,
        ...(workloadKind ? { workloadKind, outdated } : {}),
        ownerKind: owner?.kind ?? null,
        node,
        phase,
        ready: ready && phase === 'Running',
        spec: pinned ?? (current ? null : own),
        memoryUsage: null,
      }];
    });
  }

  /** Each DaemonSet's current revision hash (null: every pod is current). */
  private daemonSetHashes(sets: SetsByKey): Map<string, string | null> {
    const out = new Map<string, string | null>();
    for (const [key, { raw }] of sets.daemonSets) {
      const ns = raw.metadata.namespace ?? 'default';
      const hashes = this.pods
        .filter((f) => (f.obj.metadata.namespace ?? 'default') === ns)
        .filter((f) => controllerOf(f.obj.metadata)?.kind === 'DaemonSet' && controllerOf(f.obj.metadata)?.name === raw.metadata.name)
        .flatMap((f) => f.obj.metadata.labels?.['controller-revision-hash'] ?? []);
      out.set(key, daemonSetCurrentHash(raw, this.revisions.filter((r) => (r.metadata.namespace ?? 'default') === ns), hashes));
    }
    return out;
  }

  private pdb(f: Found<RawPdb>): PodDisruptionBudget | null {
    const { metadata, spec } = f.obj;
    if (!spec.selector) return null; // policy/v1: a null selector selects no pods
    const selector: Record<string, string> = { ...(spec.selector.matchLabels ?? {}) };
    (spec.selector.matchExpressions ?? []).forEach((e, i) => {
      if (e.operator !== 'In' || (e.values ?? []).length !== 1) {
        this.fail(f, ['spec', 'selector', 'matchExpressions', i], `unsupported selector (${e.key} ${e.operator} ${JSON.stringify(e.values ?? [])}): use matchLabels, or In with one value`);
      }
      selector[e.key] = e.values![0];
    });
    const val = (key: 'minAvailable' | 'maxUnavailable') => {
      const v = spec[key];
      if (v === undefined || v === null) return null;
      try {
        return parseIntOrPercent(v);
      } catch (e) {
        return this.fail(f, ['spec', key], `${JSON.stringify(v)}: ${reasonOf(e)}`);
      }
    };
    return {
      namespace: metadata.namespace ?? 'default',
      name: metadata.name,
      selector: Object.keys(selector).length ? selector : null,
      minAvailable: val('minAvailable'),
      maxUnavailable: val('maxUnavailable'),
    };
  }
}

/** The dump's StatefulSets and DaemonSets by `namespace/name`, as read and as converted. */
interface SetsByKey {
  readonly statefulSets: Map<string, { value: StatefulSet; readonly raw: RawStatefulSet }>;
  readonly daemonSets: Map<string, { value: DaemonSet; readonly raw: RawDaemonSet }>;
}

function controllerOf(meta: RawMeta): { kind: string; name: string } | undefined {
  const refs = meta.ownerReferences ?? [];
  return refs.find((o) => o.controller) ?? refs[0];
}

/** Without the ReplicaSet in the dump: `web-7d4b9c` with label pod-template-hash=7d4b9c → `web`. */
function deploymentNameFromHash(rsName: string, labels: Record<string, string> | null | undefined): string | undefined {
  const hash = labels?.['pod-template-hash'];
  return hash && rsName.endsWith(`-${hash}`) ? rsName.slice(0, -hash.length - 1) : undefined;
}

/**
 * Admission fills in pods what templates lack: overhead (RuntimeClass) and the priority of a
 * custom PriorityClass (Priority admission). Carry them over from a pod of the current revision,
 * so pods the simulation creates from the template get them too.
 */
function withAdmissionOf<W extends { readonly template: PodTemplate }>(d: W, pod: PodTemplate): W {
  const t = d.template;
  const overhead = Object.keys(t.overhead).length === 0 && Object.keys(pod.overhead).length > 0 ? pod.overhead : t.overhead;
  const sameClass = pod.priorityClassName === t.priorityClassName;
  const priority = t.priority === 0 && sameClass ? pod.priority : t.priority;
  const preemptionPolicy = t.preemptionPolicy ?? (sameClass ? pod.preemptionPolicy : undefined);
  if (overhead === t.overhead && priority === t.priority && preemptionPolicy === t.preemptionPolicy) return d;
  return { ...d, template: { ...t, overhead, priority, ...(preemptionPolicy ? { preemptionPolicy } : {}) } };
}

function sameResources(a: PodTemplate, b: PodTemplate): boolean {
  const key = (t: PodTemplate) => JSON.stringify([t.containers, t.initContainers, t.overhead, t.priority]);
  return key(a) === key(b);
}

function podCount(v: string | number): number {
  const n = memoryQuantity(v);
  if (!Number.isSafeInteger(n)) throw new Error('expected a whole number of pods');
  return n;
}


