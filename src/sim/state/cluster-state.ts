// The simulated API server and informer caches in one: the objects, the narrow set of writes
// controllers make (create, update, delete a pod; scale a ReplicaSet; taint a node …), the
// counters every change keeps up to date (revision status, workload totals, node requests and
// working sets — never recounted), the indexes StatefulSet and DaemonSet controllers list pods
// by, and the change feed controllers subscribe to, as their informers' event handlers would be.
// It knows no controller.
import type { ClusterConfig } from '../../model/scenario.js';
import type { PodTemplate, Taint } from '../../model/types.js';
import { parentNameAndOrdinal } from '../../model/workloads.js';
import type { Engine } from '../engine/engine.js';
import type { Stream } from '../engine/rng.js';
import type { SimTime } from '../engine/time.js';
import type { Recorder } from './events.js';
import {
  ChangeFeed,
  type ClusterObserver,
  NODE_CONDITIONS,
  NODE_FREED,
  NODE_LEASE,
  NODE_RELAXED,
  NODE_REQUESTS,
  NODE_SCHEDULABLE,
  NODE_TAINTS,
  NODE_WORKING_SET,
  POD_FINISHED,
  POD_GONE,
  POD_HOLDS,
  podFlags,
} from './feed.js';
import {
  type ConditionStatus,
  type DisruptionReason,
  InPlaceUpdateState,
  SimDeployment,
  SimNode,
  SimPdb,
  SimPod,
  SimReplicaSet,
  type SimRevision,
  type SimWorkload,
} from './objects.js';
import { countOwnerPods } from './counters.js';
import { TemplateInfos } from './templates.js';
import { type AnyWorkload, type CloneSetStatus, type DaemonSetStatus, SimCloneSet, SimControllerRevision, SimDaemonSet, SimStatefulSet } from './workloads.js';
import { type JobStatus, SimJob } from './job.js';
import { bindClaims, generateNameSuffix, indexDaemonPod, revisionHash, unindexPod } from './workload-indexes.js';

export class ClusterState {
  readonly nodes: SimNode[] = [];
  readonly nodeByName = new Map<string, SimNode>();
  /** Every workload, by index; and each kind apart, for its controller. */
  readonly workloads: AnyWorkload[] = [];
  readonly workloadByKey = new Map<string, AnyWorkload>();
  /** By `Kind/namespace/name` (the inventory's references). */
  private readonly byKindKey = new Map<string, AnyWorkload>();
  readonly deployments: SimDeployment[] = [];
  readonly statefulSets: SimStatefulSet[] = [];
  readonly daemonSets: SimDaemonSet[] = [];
  readonly jobs: SimJob[] = [];
  readonly cloneSets: SimCloneSet[] = [];
  readonly pdbs: SimPdb[] = [];
  /** Namespace objects: name → labels (kubernetes.io/metadata.name included), for namespaceSelector terms. */
  readonly namespaces = new Map<string, Readonly<Record<string, string>>>();
  /** Pods no workload owns (naked, or of a kind not simulated): nothing here replaces them. */
  readonly unmanagedPods = new Set<SimPod>();
  readonly templates: TemplateInfos;

  private readonly feed = new ChangeFeed();

  // The one open begin/commit: what the pod counted for before the change.
  private snapPod: SimPod | null = null;
  private snapFlags = 0;
  private snapNode: SimNode | null = null;
  private snapWorkingSet = 0;
  private snapRestarts = 0;
  private snapReady = false;

  private podSeq = 0;
  private rsSeq = 0;
  /** generateName suffixes handed out (DaemonSet pods). */
  private generatedNames = 0;

  constructor(
    private readonly engine: Engine,
    readonly config: ClusterConfig,
    readonly recorder: Recorder,
    private readonly uidStream: Stream,
  ) {
    this.templates = new TemplateInfos(config);
  }

  get now(): SimTime {
    return this.engine.now;
  }

  get podsCreated(): number {
    return this.podSeq;
  }

  /** Registers an informer's handlers; they are called in the order of subscription. */
  subscribe(o: ClusterObserver): void {
    this.feed.subscribe(o);
  }

  // --- objects -------------------------------------------------------------------------

  addNode(n: SimNode): void {
    this.nodes.push(n);
    this.nodeByName.set(n.name, n);
  }

  /** A workload (its index is its position here). */
  addWorkload(w: AnyWorkload): void {
    this.workloads.push(w);
    this.workloadByKey.set(w.key, w);
    this.byKindKey.set(`${w.kind}/${w.namespace}/${w.name}`, w);
    if (w instanceof SimDeployment) this.deployments.push(w);
    else if (w instanceof SimStatefulSet) this.statefulSets.push(w);
    else if (w instanceof SimJob) this.jobs.push(w);
    else if (w instanceof SimCloneSet) this.cloneSets.push(w);
    else this.daemonSets.push(w);
  }

  /** The creation sequence of a new group of pods (a Job's: it has no revisions to make). */
  nextRevisionSeq(): number {
    return this.rsSeq++;
  }

  /** metadata.generateName: `prefix` and five random-looking characters (a Job's pods). */
  generateName(prefix: string): string {
    return `${prefix}${generateNameSuffix(this.generatedNames++)}`;
  }

  /** The workload of a kind named `namespace/name` (as inventory pods refer to it). */
  workloadByKind(kind: string, namespacedName: string): AnyWorkload | undefined {
    return this.byKindKey.get(`${kind}/${namespacedName}`);
  }

  addPdb(pdb: SimPdb): void {
    this.pdbs.push(pdb);
  }

  /**
   * A new ReplicaSet of `d` for `template`, at 0 replicas: revision + 1, named
   * `<deployment>-<revision>` — or, for one a kubectl dump has, under its own name and revision.
   */
  newReplicaSet(d: SimDeployment, template: PodTemplate, dumped?: { readonly name: string; readonly revision: number }): SimReplicaSet {
    const revision = dumped && dumped.revision > d.revision ? dumped.revision : d.revision + 1;
    d.revision = revision;
    const rs = new SimReplicaSet(d, dumped?.name ?? `${d.name}-${revision}`, revision, template, this.rsSeq++, d.minReadySeconds);
    d.replicaSets.push(rs);
    return rs;
  }

  /**
   * A new ControllerRevision of a StatefulSet or DaemonSet for `template`: revision = the
   * newest + 1, named `<workload>-<hash>` (controller.ComputeHash, here a hash of the revision).
   */
  newControllerRevision(w: SimStatefulSet | SimDaemonSet | SimCloneSet, template: PodTemplate): SimControllerRevision {
    const revs = w.controllerRevisions;
    const revision = revs.length ? revs[revs.length - 1].revision + 1 : 1;
    const hash = revisionHash(`${w.namespace}/${w.name}/${revision}`);
    const r = new SimControllerRevision(w, `${w.name}-${hash}`, revision, template, this.rsSeq++, w.minReadySeconds);
    revs.push(r);
    return r;
  }

  /** Names the inventory's pods have: a pod the simulation creates never takes one. */
  readonly inventoryPodNames = new Set<string>();

  private uid(): string {
    return (this.uidStream.int(0, 0x7fffffff) >>> 0).toString(16).padStart(8, '0');
  }

  /**
   * POST pod: Pending and unscheduled, of `revision` (unmanaged when null). Without a name it is
   * named as its owner names pods: a ReplicaSet `<deployment>-<revision>-<n>`, a DaemonSet by
   * generateName `<daemonset>-xxxxx`.
   */
  createPod(namespace: string, name: string | null, revision: SimRevision | null, spec: PodTemplate, ownerKind: string | null = null, completionIndex = -1): SimPod {
    const i = this.templates.of(spec);
    const w = revision?.workload ?? null;
    const rs = revision instanceof SimReplicaSet ? revision : null;
    let podName = name ?? this.generatedName(rs, w!);
    // Never the name of a pod the inventory has (a dump's ReplicaSet names its pods <rs>-<n> too).
    if (name === null && this.inventoryPodNames.size > 0) while (this.inventoryPodNames.has(`${namespace}/${podName}`)) podName = this.generatedName(rs, w!);
    const p = new SimPod(
      this.podSeq++,
      namespace,
      podName,
      this.uid(),
      w,
      revision,
      spec,
      this.now,
      i.cpu,
      i.memory,
      i.nonZeroCpu,
      i.nonZeroMemory,
      i.memoryLimit,
      i.runningMemory,
      i.qos,
      spec.priority,
      i.critical,
      i.tolerations,
    );
    p.ownerKind = ownerKind ?? (w === null ? null : w.kind === 'Deployment' ? 'ReplicaSet' : w.kind);
    p.ephemeralStorage = i.ephemeralStorage;
    p.usesStorage = i.usesStorage;
    if (revision) revision.pods.add(p);
    else this.unmanagedPods.add(p);
    if (w instanceof SimStatefulSet) {
      p.ordinal = parentNameAndOrdinal(p.name).ordinal;
      if (p.ordinal >= 0) w.podByOrdinal.set(p.ordinal, p);
    } else if (w instanceof SimDaemonSet) indexDaemonPod(w, p, this.nodeByName);
    else if (completionIndex >= 0) p.ordinal = completionIndex;
    if (w?.usage) {
      p.usage = w.usage;
      p.usageSince = w.usageSince;
    }
    this.apply(p, 0, null);
    this.feed.podStatus(p);
    return p;
  }

  /** The name an owner gives its next pod: a ReplicaSet `<rs>-<n>`, others generateName's `<name>-xxxxx`. */
  private generatedName(rs: SimReplicaSet | null, w: SimWorkload): string {
    return rs ? `${rs.name}-${++rs.podSeq}` : `${w.name}-${generateNameSuffix(this.generatedNames++)}`;
  }

  // --- the one place pod state changes -------------------------------------------------

  /**
   * Applies `mutate` to a pod and moves it between every counter it belongs to. Controllers
   * never touch counters themselves, so ReplicaSet status, Deployment totals and node requests
   * can't drift from the pods they describe.
   */
  updatePod(p: SimPod, mutate: (p: SimPod) => void): void {
    this.begin(p);
    mutate(p);
    this.commit(p);
  }

  /** updatePod without a callback, for hot paths: begin(p), change the pod's fields, commit(p). */
  begin(p: SimPod): void {
    if (this.snapPod !== null) throw new Error(`begin(${p.key}) while ${this.snapPod.key} is being changed`);
    this.snapPod = p;
    this.snapFlags = podFlags(p);
    this.snapNode = p.node;
    this.snapWorkingSet = p.running && this.snapFlags & POD_HOLDS ? p.workingSet : 0;
    this.snapRestarts = p.restarts;
    this.snapReady = p.ready;
  }

  commit(p: SimPod): void {
    if (this.snapPod !== p) throw new Error(`commit(${p.key}) without begin`);
    this.snapPod = null;
    const oldNode = this.snapNode;
    const oldWs = this.snapWorkingSet;
    // The Ready condition's lastTransitionTime, whoever flips it (kubelet, node lifecycle controller).
    if (p.ready !== this.snapReady) p.readySince = this.now;
    const newWs = p.running && p.holdsResources ? p.workingSet : 0;
    if (oldNode && oldWs !== 0) oldNode.workingSet -= oldWs;
    if (p.node && newWs !== 0) p.node.workingSet += newWs;
    if (p.workload && p.restarts !== this.snapRestarts) p.workload.restarts += p.restarts - this.snapRestarts;
    if ((oldWs !== 0 || newWs !== 0) && oldWs !== newWs) {
      if (oldNode && oldNode !== p.node) this.feed.node(oldNode, NODE_WORKING_SET);
      if (p.node) this.feed.node(p.node, NODE_WORKING_SET);
    }
    this.apply(p, this.snapFlags, oldNode);
    this.feed.podStatus(p);
  }

  private apply(p: SimPod, before: number, oldNode: SimNode | null): void {
    const after = podFlags(p);
    const nodeMoved = oldNode !== p.node;
    if (before === after && !nodeMoved) return;
    const diff = before ^ after;
    const rs = p.revision;
    if (rs) countOwnerPods(rs, p, before, after, oldNode);
    if (nodeMoved && oldNode === null && p.node !== null && rs !== null && !(rs instanceof SimReplicaSet)) {
      bindClaims(p, p.node);
      if (p.workload instanceof SimDaemonSet) indexDaemonPod(p.workload, p, this.nodeByName);
    }
    if (diff & POD_HOLDS || (nodeMoved && (before | after) & POD_HOLDS)) {
      if (before & POD_HOLDS && oldNode) this.release(p, oldNode);
      if (after & POD_HOLDS && p.node) this.hold(p, p.node);
    }
    // Terminal or gone: the owner's index forgets it (it never counts again).
    if (after & POD_FINISHED && !(before & POD_FINISHED)) {
      if (rs) rs.pods.delete(p);
      else this.unmanagedPods.delete(p);
    }
    // Gone from the API: a StatefulSet's or DaemonSet's index forgets it (terminal pods stay
    // listed until then: their controllers delete them).
    if (after & POD_GONE && !(before & POD_GONE) && rs !== null && !(rs instanceof SimReplicaSet)) unindexPod(p, this.nodeByName);
    this.feed.pod(p, before, after, oldNode);
  }

  private hold(p: SimPod, n: SimNode): void {
    n.pods.add(p);
    n.requestedCpu += p.cpu;
    n.requestedMemory += p.memory;
    n.nonZeroCpu += p.nonZeroCpu;
    n.nonZeroMemory += p.nonZeroMemory;
    n.requestedEphemeralStorage += p.ephemeralStorage;
    if (p.usesStorage) n.storagePods++;
    this.feed.node(n, NODE_REQUESTS);
  }

  private release(p: SimPod, n: SimNode): void {
    n.pods.delete(p);
    n.requestedCpu -= p.cpu;
    n.requestedMemory -= p.memory;
    n.nonZeroCpu -= p.nonZeroCpu;
    n.nonZeroMemory -= p.nonZeroMemory;
    n.requestedEphemeralStorage -= p.ephemeralStorage;
    if (p.usesStorage) n.storagePods--;
    this.feed.node(n, NODE_REQUESTS | NODE_FREED);
  }

  // --- pod verbs -----------------------------------------------------------------------

  /**
   * DELETE pod (graceful): sets deletionTimestamp, so the pod stops being active for its
   * ReplicaSet at once; its kubelet sees that and stops it within the grace period. A pod never
   * bound to a node, or already terminal, goes at once (CheckGracefulDelete sets grace 0).
   */
  deletePod(p: SimPod, graceSeconds = p.spec.terminationGracePeriodSeconds, disruption: DisruptionReason | null = null): void {
    if (p.deletedAt >= 0 || p.gone) return;
    this.begin(p);
    p.deletedAt = this.now;
    p.deletionGracePeriodSeconds = graceSeconds;
    // Evictions (Eviction API, taint manager, preemption) add DisruptionTarget as they delete.
    if (disruption !== null && p.disruptionTarget === null) {
      p.disruptionTarget = disruption;
      p.disruptedAt = this.now;
    }
    this.commit(p);
    if (p.node === null || p.phase === 'Failed' || p.phase === 'Succeeded') this.removePod(p);
  }

  /**
   * The scheduler's view of a pod's requests moved (an in-place resize in flight or done):
   * its node's requests follow, and a decrease frees room for pending pods.
   */
  resizePod(p: SimPod, r: { readonly cpu: number; readonly memory: number; readonly nonZeroCpu: number; readonly nonZeroMemory: number }): void {
    const dc = r.cpu - p.cpu;
    const dm = r.memory - p.memory;
    const dzc = r.nonZeroCpu - p.nonZeroCpu;
    const dzm = r.nonZeroMemory - p.nonZeroMemory;
    if (dc === 0 && dm === 0 && dzc === 0 && dzm === 0) return;
    p.cpu = r.cpu;
    p.memory = r.memory;
    p.nonZeroCpu = r.nonZeroCpu;
    p.nonZeroMemory = r.nonZeroMemory;
    const n = p.node;
    if (n && p.holdsResources) {
      n.requestedCpu += dc;
      n.requestedMemory += dm;
      n.nonZeroCpu += dzc;
      n.nonZeroMemory += dzm;
      this.feed.node(n, NODE_REQUESTS | (dc < 0 || dm < 0 ? NODE_FREED : 0));
    }
    this.feed.podStatus(p);
  }

  /**
   * OpenKruise's in-place update of a pod (inplaceupdate Update): the InPlaceUpdateReady
   * condition False (and with it Ready, SetPodReadyCondition), the controller-revision-hash
   * label moved to `revision`; with `patchImage` the new image is written into the spec at once
   * (no inPlaceUpdateStrategy grace period), and the kubelet is told (podSpecChanged).
   */
  startInPlaceUpdate(p: SimPod, revision: SimRevision, patchImage: boolean): void {
    this.begin(p);
    p.inPlace = new InPlaceUpdateState(revision, this.now);
    p.ready = false;
    this.commit(p);
    if (patchImage) this.patchInPlaceImage(p);
  }

  /** The grace period is over (finishGracePeriod): the new image goes into the pod's spec; its kubelet restarts the containers. */
  patchInPlaceImage(p: SimPod): void {
    const u = p.inPlace;
    if (u === null || u.patchedAt >= 0 || p.gone) return;
    u.patchedAt = this.now;
    this.feed.podStatus(p);
    this.feed.podSpec(p);
  }

  /** A container of the pod was OOM-killed (at its limit or by the node's OOM killer): its workload counts it. */
  recordOomKill(p: SimPod): void {
    if (p.workload) p.workload.oomKills++;
  }

  /** The object goes from the API (its kubelet is done with it): its resources are free. */
  removePod(p: SimPod): void {
    if (p.gone) return;
    this.begin(p);
    p.running = false;
    p.ready = false;
    p.available = false;
    p.gone = true;
    this.commit(p);
  }

  /**
   * The scheduler's status patch of status.nominatedNodeName (null clears it). Nothing counts
   * nominations, so no observer is told; the scheduler keeps its own index of them.
   */
  setNominatedNode(p: SimPod, node: SimNode | null): void {
    p.nominatedNode = node;
  }

  // --- workload verbs ------------------------------------------------------------------

  /** A workload's spec was edited (scale, template, usage): its controller looks again. */
  updateWorkload<W extends SimWorkload>(w: W, mutate: (w: W) => void): void {
    mutate(w);
    this.feed.workload(w);
  }

  /** PUT daemonset/status: the counts its controller computed (observers hear only a change). */
  setDaemonSetStatus(ds: SimDaemonSet, status: DaemonSetStatus): void {
    const o = ds.status;
    if (
      o.desiredNumberScheduled === status.desiredNumberScheduled &&
      o.numberReady === status.numberReady &&
      o.numberAvailable === status.numberAvailable &&
      o.updatedNumberScheduled === status.updatedNumberScheduled
    ) return;
    ds.status = status;
    this.feed.workload(ds);
  }

  /** PUT cloneset/status (apps.kruise.io): what the CloneSet controller computed (observers hear only a change). */
  setCloneSetStatus(cs: SimCloneSet, status: CloneSetStatus): void {
    const o = cs.status;
    if (
      o.replicas === status.replicas &&
      o.readyReplicas === status.readyReplicas &&
      o.availableReplicas === status.availableReplicas &&
      o.updatedReplicas === status.updatedReplicas &&
      o.updatedReadyReplicas === status.updatedReadyReplicas
    ) return;
    cs.status = status;
    this.feed.workload(cs);
  }

  /** PUT job/status: what the Job controller computed (observers hear only a change). */
  setJobStatus(j: SimJob, status: JobStatus): void {
    const o = j.status;
    if (
      o.startTime === status.startTime &&
      o.active === status.active &&
      o.ready === status.ready &&
      o.terminating === status.terminating &&
      o.succeeded === status.succeeded &&
      o.failed === status.failed &&
      o.completedIndexes === status.completedIndexes &&
      o.conditions === status.conditions &&
      o.completionTime === status.completionTime
    ) return;
    j.status = status;
    this.feed.workload(j);
  }

  /** PUT replicaset: spec.replicas and the replica annotations; true if spec.replicas changed. */
  scaleReplicaSet(rs: SimReplicaSet, replicas: number, desiredAnnotation: number, maxAnnotation: number): boolean {
    const changed = rs.spec !== replicas;
    rs.spec = replicas;
    rs.desiredReplicasAnnotation = desiredAnnotation;
    rs.maxReplicasAnnotation = maxAnnotation;
    if (changed) this.feed.replicaSet(rs);
    return changed;
  }

  // --- node verbs ----------------------------------------------------------------------

  /** spec.taints (the array is replaced, never edited: readers may cache by identity). */
  setTaints(n: SimNode, taints: readonly Taint[]): void {
    const removed = n.taints.some((t) => !taints.some((u) => u.key === t.key && u.effect === t.effect));
    n.taints = taints;
    this.feed.node(n, NODE_TAINTS | (removed ? NODE_RELAXED : 0));
  }

  /** spec.unschedulable (kubectl cordon / uncordon). */
  setUnschedulable(n: SimNode, on: boolean): void {
    if (n.unschedulable === on) return;
    n.unschedulable = on;
    this.feed.node(n, NODE_SCHEDULABLE | (on ? 0 : NODE_RELAXED));
  }

  /** The Ready condition (the kubelet posts True/False; the node lifecycle controller Unknown). */
  setReady(n: SimNode, status: ConditionStatus): void {
    if (n.ready === status) return;
    n.ready = status;
    this.feed.node(n, NODE_CONDITIONS);
  }

  /** The MemoryPressure condition (the kubelet's eviction manager). */
  setMemoryPressure(n: SimNode, on: boolean): void {
    if (n.memoryPressure === on) return;
    n.memoryPressure = on;
    this.feed.node(n, NODE_CONDITIONS | (on ? 0 : NODE_RELAXED));
  }

  /** The DiskPressure condition (the kubelet's eviction manager, nodefs.available). */
  setDiskPressure(n: SimNode, on: boolean): void {
    if (n.diskPressure === on) return;
    n.diskPressure = on;
    this.feed.node(n, NODE_CONDITIONS | (on ? 0 : NODE_RELAXED));
  }

  /** An eviction without a DisruptionTarget condition (local storage): its workload counts it. */
  recordEviction(p: SimPod): void {
    if (p.workload) p.workload.evictions++;
  }

  /** The node's kubelet stops renewing its Lease (partitioned or down), or starts again. */
  setLeaseHeld(n: SimNode, held: boolean): void {
    const l = n.lease;
    if (l.held === held) return;
    if (held) l.since = this.now;
    else l.stoppedAt = this.now;
    l.held = held;
    this.feed.node(n, NODE_LEASE);
  }
}
