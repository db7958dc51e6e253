// `kubectl get nodes,pods,deployments,replicasets,statefulsets,daemonsets,jobs,pdb,priorityclasses
// -A -o json|yaml` → Inventory, from one dump file or several (their objects add up), in every
// shape dump-source.ts reads. Objects without `kind` are recognised (kubectl-kinds.ts); kinds
// Headroom does not read are counted and skipped. Workloads come from the dump's Deployments and
// ReplicaSets (kubectl-owners.ts), StatefulSets and DaemonSets (kubectl-workloads.ts, with the
// ControllerRevisions, PVCs and PVs that place their pods), Jobs (kubectl-jobs.ts, with their
// status: a Job taken mid-run goes on from there), or, for pods whose workload the dump
// lacks, from their owner references (kubectl-owners.ts, kubectl-sets.ts). The cluster's state
// at the dump's moment — node conditions and taints with their times, Terminating and
// crash-looping pods — is kept (kubectl-state.ts). Errors name the file, the line and the field
// path (`items[3].spec.containers[0].resources.requests.cpu`).
import { type CloneSetPodRaw, CloneSetSchema, type RawCloneSet, attachCloneSetPods, cloneSetFrom } from './kubectl-clonesets.js';
import type { z } from 'zod';
import type { DumpReport, Inventory, NamespaceSpec } from '../model/types.js';
import { workloadKey } from '../model/types.js';
import { InputError } from './errors.js';
import { displayName, readInputBytes } from './read-file.js';
import { LIMITS, pastLimit } from '../model/limits.js';
import { type PathSegment, type SourceDocs, formatPath } from './yaml-source.js';
import { firstProblem } from './zod-issues.js';
import { type FailAt, LEGACY_ZONE_LABEL } from './kubectl-template.js';
import { type DumpItem, type DumpSource, dumpFromBytes, dumpFromText, itemsOf } from './dump-source.js';
import { inferKind } from './kubectl-kinds.js';
import { type DumpDeployment, templateKey } from './kubectl-owners.js';
import { Clock } from './kubectl-state.js';
import { type Ctx, controllerOf, deploymentFrom, hpaFrom, nodeFrom, pdbFrom, replicaSetFrom } from './kubectl-convert.js';
import { PodClaimsSchema } from './kubectl-sets.js';
import { type JobPodInfo, JobSchema, type RawJob, attachJobPods, jobFrom, jobPodInfo } from './kubectl-jobs.js';
import { type PodFound, readPods } from './kubectl-pods.js';
import {
  DeploymentSchema,
  HpaSchema,
  NamespaceSchema,
  NodeSchema,
  PdbSchema,
  PodSchema,
  PriorityClassSchema,
  ReplicaSetSchema,
  type RawDeployment,
  type RawHpa,
  type RawNode,
  type RawPdb,
  type RawPriorityClass,
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
  daemonSetFrom,
  statefulSetFrom,
  type RawControllerRevision,
  type RawDaemonSet,
  type RawPv,
  type RawPvc,
  type RawStatefulSet,
} from './kubectl-workloads.js';

export { LEGACY_ZONE_LABEL };

/** The one command that captures everything Headroom reads from a cluster. */
export const CAPTURE_COMMAND = 'kubectl get nodes,pods,deployments,replicasets,statefulsets,daemonsets,jobs,pdb,priorityclasses -A -o json > cluster.json';

/** How skipped objects without kind (and no telling shape) are counted. */
const NO_KIND = '(without kind)';

/** Kinds read (the others are counted and skipped). */
const READ_KINDS = new Set([
  'Node',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CloneSet',
  'ControllerRevision',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'PodDisruptionBudget',
  'PriorityClass',
  'HorizontalPodAutoscaler',
  'Namespace',
]);

/** Kinds that count against the workload limit (checkInventoryLimits counts the same). */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CloneSet']);

/** Where an object sits in the input: source (file), document and path inside it. */
interface Loc {
  readonly src: number;
  readonly doc: number;
  readonly path: readonly PathSegment[];
}

interface Found<T> extends Loc {
  readonly obj: T;
}

/** Loads one dump file, or several as one dump (`-` reads standard input). */
export async function loadKubectlDump(files: string | readonly string[]): Promise<Inventory> {
  const list = typeof files === 'string' ? [files] : files;
  const sources: DumpSource[] = [];
  for (const f of list) sources.push(dumpFromBytes(await readInputBytes(f), displayName(f)));
  return kubectlFromDumps(sources);
}

/** True when a parsed document looks like Kubernetes objects (has `kind` / `apiVersion`, or is a list of them). */
export function isKubernetesDocument(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0 && v.every((x) => isKubernetesDocument(x));
  return typeof v === 'object' && v !== null && ('kind' in v || 'apiVersion' in v);
}

export function parseKubectlDump(text: string, file: string): Inventory {
  return kubectlFromDumps([dumpFromText(text, file)]);
}

/** The inventory of documents already parsed (see parseSource). */
export function kubectlFromSource(src: SourceDocs): Inventory {
  return kubectlFromDumps([
    {
      file: src.file,
      documents: src.values.length,
      lineOf: src.lineOf,
      *items() {
        for (let doc = 0; doc < src.values.length; doc++) yield* itemsOf(src.values[doc], doc, []);
      },
    },
  ]);
}

/** The inventory of one dump, or of several read as one. */
export function kubectlFromDumps(sources: readonly DumpSource[]): Inventory {
  return new DumpReader(sources).read();
}


class DumpReader {
  private readonly nodes: Found<RawNode>[] = [];
  private readonly deployments: Found<{ raw: RawDeployment; templateKey: string | null }>[] = [];
  private readonly replicaSets: Found<{ raw: RawReplicaSet; templateKey: string | null }>[] = [];
  private readonly pods: Found<PodFound>[] = [];
  private readonly pdbs: Found<RawPdb>[] = [];
  private readonly priorityClasses: Found<RawPriorityClass>[] = [];
  private readonly hpas: Found<RawHpa>[] = [];
  /** Namespaces of the dump (their labels, for namespaceSelector terms). */
  private readonly namespaces: NamespaceSpec[] = [];
  private readonly statefulSets: Found<RawStatefulSet>[] = [];
  private readonly daemonSets: Found<RawDaemonSet>[] = [];
  private readonly jobs: Found<RawJob>[] = [];
  private readonly cloneSets: Found<RawCloneSet>[] = [];
  /** A Job's pods' tracking finalizer and completion index, by `namespace/name`. */
  private readonly jobPods = new Map<string, JobPodInfo>();
  private readonly revisions: RawControllerRevision[] = [];
  private readonly pvcs: RawPvc[] = [];
  private readonly pvs = new Map<string, RawPv>();
  private readonly kinds: Record<string, number> = {};
  private readonly skipped: Record<string, number> = {};
  private readonly clock = new Clock();
  /** Objects counted against the contract's limits, over all the dump's files. */
  private readonly counts = { nodes: 0, pods: 0, workloads: 0 };
  private classes: Ctx['classes'] = new Map();

  constructor(private readonly sources: readonly DumpSource[]) {}

  fail(loc: Loc, path: readonly PathSegment[], detail: string): never {
    const full = [...loc.path, ...path];
    const src = this.sources[loc.src];
    throw new InputError(detail, { file: src.file, line: src.lineOf(loc.doc, full), path: formatPath(full) || undefined });
  }

  private failAt(loc: Loc): FailAt {
    return (path, detail) => this.fail(loc, path, detail);
  }

  private ctx(loc: Loc): Ctx {
    return { fail: this.failAt(loc), clock: this.clock, classes: this.classes };
  }

  private where(loc: Loc): string {
    const src = this.sources[loc.src];
    const line = src.lineOf(loc.doc, loc.path);
    return `${src.file}${line !== undefined ? `:${line}` : ''}`;
  }

  read(): Inventory {
    this.podsPastLimit();
    this.sources.forEach((s, src) => {
      for (const item of s.items()) this.add(item, src);
    });
    if (this.nodes.length + this.deployments.length + this.statefulSets.length + this.daemonSets.length + this.jobs.length + this.cloneSets.length + this.pods.length === 0) {
      const found = Object.keys(this.skipped).length ? ` (found only ${Object.keys(this.skipped).sort().join(', ')})` : '';
      throw new InputError(`no Nodes, workloads or Pods found${found}: capture them with \`${CAPTURE_COMMAND}\``, {
        file: this.sources.map((s) => s.file).join(' + '),
      });
    }
    this.classes = new Map(
      this.unique(this.priorityClasses, (p) => p.metadata.name, 'PriorityClass').map((f) => [
        f.obj.metadata.name,
        { value: f.obj.value, preemptionPolicy: f.obj.preemptionPolicy ?? null, globalDefault: f.obj.globalDefault ?? false },
      ]),
    );
    const nodes = this.unique(this.nodes.map((f) => ({ ...f, obj: nodeFrom(f.obj, this.ctx(f)) })), (n) => n.name, 'Node');
    const key = (m: { metadata: { namespace?: string | null; name: string } }) => `${m.metadata.namespace ?? 'default'}/${m.metadata.name}`;
    const deployments = new Map<string, DumpDeployment>();
    for (const f of this.unique(this.deployments, (d) => key(d.raw), 'Deployment')) deployments.set(key(f.obj.raw), deploymentFrom(f.obj.raw, f.obj.templateKey, this.ctx(f)));
    const replicaSets = this.unique(this.replicaSets, (r) => key(r.raw), 'ReplicaSet').map((f) => replicaSetFrom(f.obj.raw, f.obj.templateKey, this.ctx(f)));
    const statefulSets = this.unique(this.statefulSets, key, 'StatefulSet').map((f) => {
      const s = statefulSetFrom(f.obj, this.failAt(f), this.classes);
      return { raw: f.obj, value: { ...s, claimZones: claimZones(s, this.pvcs, this.pvs) } };
    });
    const daemonSets = this.unique(this.daemonSets, key, 'DaemonSet').map((f) => ({ raw: f.obj, value: daemonSetFrom(f.obj, this.failAt(f), this.classes) }));
    const pods = readPods(
      this.pods,
      { failAt: (f) => this.failAt(f), where: (f) => this.where(f), clock: this.clock, classes: this.classes, revisions: this.revisions },
      new Set(nodes.map((n) => n.obj.name)),
      deployments,
      replicaSets,
      statefulSets,
      daemonSets,
    );
    const jobs = attachJobPods(
      pods.pods,
      this.unique(this.jobs, key, 'Job').flatMap((f) => jobFrom(f.obj, this.failAt(f), this.clock, this.classes) ?? []),
      this.jobPods,
    );
    // OpenKruise CloneSets and their pods (kubectl-clonesets.ts).
    const rawPods = new Map<string, CloneSetPodRaw>();
    for (const f of this.pods) {
      const m = f.obj.raw.metadata;
      rawPods.set(`${m.namespace ?? 'default'}/${m.name}`, { raw: f.obj.raw, fail: this.failAt(f), classes: this.classes, created: this.clock.time(m.creationTimestamp, ['metadata', 'creationTimestamp'], this.failAt(f)) ?? null });
    }
    const clones = attachCloneSetPods(
      this.unique(this.cloneSets, key, 'CloneSet').map((f) => ({ raw: f.obj, value: cloneSetFrom(f.obj, this.failAt(f), this.classes) })),
      jobs.pods,
      rawPods,
    );
    const pdbs = this.unique(
      this.pdbs.flatMap((f) => {
        const p = pdbFrom(f.obj, this.failAt(f));
        return p ? [{ ...f, obj: p }] : [];
      }),
      workloadKey,
      'PodDisruptionBudget',
    );
    let report: DumpReport = {
      ...pods.report,
      // Pods of the dump's Jobs are the Jobs' (their controller runs them), not held as they are.
      heldAsIs: pods.report.heldAsIs.filter((h) => (h.kind !== 'Job' || !jobs.keys.has(h.owner)) && (h.kind !== 'CloneSet' || !clones.owners.has(h.owner))),
      inferred: [...pods.report.inferred, ...clones.inferred],
      kinds: this.kinds,
      skipped: this.skipped,
      nodesNotReady: nodes.filter((n) => n.obj.ready !== undefined && n.obj.ready !== 'True').map((n) => ({ node: n.obj.name, ready: n.obj.ready! })),
      podsOnAbsentNodes: { pods: 0, nodes: [] },
      hpas: this.hpas.map((f) => hpaFrom(f.obj)),
      priorityClasses: Object.fromEntries([...this.classes].map(([k, v]) => [k, v.value])),
    };
    const snapshot = this.clock.snapshot;
    if (snapshot !== undefined) report = { ...report, latestTimestamp: snapshot };
    return {
      nodes: nodes.map((n) => n.obj),
      deployments: pods.deployments,
      statefulSets: pods.statefulSets,
      daemonSets: pods.daemonSets,
      ...(jobs.jobs.length > 0 ? { jobs: jobs.jobs } : {}),
      ...(clones.cloneSets.length > 0 ? { cloneSets: clones.cloneSets } : {}),
      pods: clones.pods,
      pdbs: pdbs.map((p) => p.obj),
      hasPodPlacement: this.pods.length > 0,
      ...(this.namespaces.length > 0 ? { namespaces: this.namespaces } : {}),
      ...(snapshot !== undefined ? { snapshotTime: snapshot } : {}),
      dump: report,
    };
  }

  private add(item: DumpItem, src: number): void {
    const loc: Loc = { src, doc: item.doc, path: item.path };
    const value = item.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(loc, [], item.path.length === 0 ? 'expected a Kubernetes object or a List' : 'expected a Kubernetes object');
    }
    const given = (value as { kind?: unknown }).kind;
    // A List inside a List or an array: its items count too.
    if (typeof given === 'string' && given.endsWith('List') && Array.isArray((value as { items?: unknown }).items)) {
      for (const inner of itemsOf(value, item.doc, [...item.path])) this.add(inner, src);
      return;
    }
    const kind = typeof given === 'string' ? given : inferKind(value, item.listKind);
    // An item without kind that nothing else identifies (a Service in `kubectl get all`, say):
    // not one Headroom reads, so it is counted and skipped like the other kinds.
    if (kind === undefined) {
      this.skipped[NO_KIND] = (this.skipped[NO_KIND] ?? 0) + 1;
      return;
    }
    if (!READ_KINDS.has(kind)) {
      this.skipped[kind] = (this.skipped[kind] ?? 0) + 1;
      return;
    }
    this.kinds[kind] = (this.kinds[kind] ?? 0) + 1;
    this.checkLimits(kind, loc);
    const parse = <S extends z.ZodType>(schema: S): z.infer<S> => {
      const r = schema.safeParse(value, { reportInput: true });
      if (!r.success) {
        const p = firstProblem(r.error);
        this.fail(loc, p.path, p.detail);
      }
      return r.data as z.infer<S>;
    };
    const rawTemplate = () => templateKey((value as { spec?: { template?: unknown } }).spec?.template);
    switch (kind) {
      case 'Node':
        return void this.nodes.push({ ...loc, obj: parse(NodeSchema) });
      case 'Deployment':
        return void this.deployments.push({ ...loc, obj: { raw: parse(DeploymentSchema), templateKey: rawTemplate() } });
      case 'ReplicaSet':
        return void this.replicaSets.push({ ...loc, obj: { raw: parse(ReplicaSetSchema), templateKey: rawTemplate() } });
      case 'Pod': {
        const raw = parse(PodSchema);
        const owner = controllerOf(raw.metadata)?.kind;
        const claims = owner === 'StatefulSet' ? (PodClaimsSchema.safeParse(value).data?.spec?.volumes ?? []).flatMap((v) => v.persistentVolumeClaim?.claimName ?? []) : [];
        if (owner === 'Job') this.jobPods.set(`${raw.metadata.namespace ?? 'default'}/${raw.metadata.name}`, jobPodInfo(value));
        return void this.pods.push({ ...loc, obj: { raw, daemonTarget: owner === 'DaemonSet' ? daemonPodTargetNode(value) : null, claims } });
      }
      case 'Job':
        return void this.jobs.push({ ...loc, obj: parse(JobSchema) });
      case 'CloneSet':
        return void this.cloneSets.push({ ...loc, obj: parse(CloneSetSchema) });
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
      case 'PriorityClass':
        return void this.priorityClasses.push({ ...loc, obj: parse(PriorityClassSchema) });
      case 'HorizontalPodAutoscaler':
        return void this.hpas.push({ ...loc, obj: parse(HpaSchema) });
      case 'Namespace': {
        const ns = parse(NamespaceSchema);
        return void this.namespaces.push({ name: ns.metadata.name, labels: ns.metadata.labels ?? {} });
      }
    }
  }

  /**
   * A dump with more Pods than the limit is refused before any object is parsed, when its bytes
   * tell (JsonDump.countKind): counting them as they are read holds 1.5 million parsed Pods first
   * (2.4 GiB for 1.6 million). checkLimits counts the rest (YAML; Pods that do not say their kind).
   */
  private podsPastLimit(): void {
    let need = LIMITS.pods + 1;
    for (let src = 0; src < this.sources.length; src++) {
      const r = this.sources[src].countKind?.('Pod', need);
      if (!r) continue;
      if (r.at) this.fail({ src, ...r.at }, [], pastLimit('pods'));
      need -= r.count;
    }
  }

  /**
   * The contract's limits, counted as the objects are read: the object that passes one is
   * refused there, before the rest of the dump is parsed and held (a 1 GiB dump of 1.46 million
   * Pods took 5 GiB and 70 s to be refused at its end).
   */
  private checkLimits(kind: string, loc: Loc): void {
    const what = kind === 'Node' ? 'nodes' : kind === 'Pod' ? 'pods' : WORKLOAD_KINDS.has(kind) ? 'workloads' : null;
    if (what === null) return;
    const count = ++this.counts[what];
    if (count > LIMITS[what]) this.fail(loc, [], pastLimit(what));
  }

  private unique<T>(found: Found<T>[], key: (t: T) => string, what: string): Found<T>[] {
    const seen = new Map<string, Found<T>>();
    for (const f of found) {
      const k = key(f.obj);
      const first = seen.get(k);
      if (first) this.fail(f, ['metadata', 'name'], `duplicate ${what} "${k}" (also at ${this.where(first)})`);
      seen.set(k, f);
    }
    return found;
  }
}
