// The simulated API server and informer caches in one: the objects, the work queues the
// controllers drain, and the single place pod state changes (updatePod), which keeps every
// counter (ReplicaSet status, Deployment totals, node requests, working sets) incremental.
import type { ClusterConfig } from '../model/scenario.js';
import type { PodTemplate } from '../model/types.js';
import { computePodQOS } from '../model/qos.js';
import { podMemoryLimit, podNonZeroRequests, podRequests, runningMemoryRequest } from '../model/resources.js';
import { isCriticalPod, withDefaultTolerations } from '../model/taints.js';
import type { Engine } from './engine/engine.js';
import type { Stream } from './engine/rng.js';
import type { SimTime } from './engine/time.js';
import { SimDeployment, SimNode, SimPdb, SimPod, SimReplicaSet } from './objects.js';
import type { Recorder } from './recorder.js';
import type { NodeIndex } from './node-index.js';

/** Timer priorities within one instant: state changes first, then the controllers settle. */
export const PRIORITY = {
  kubelet: 10,
  scenario: 20,
  controllerTimer: 30,
  reconcile: 100,
} as const;

const ACTIVE = 1;
const READY = 2;
const AVAILABLE = 4;
const PENDING = 8;
const TERMINATING = 16;
const HOLDS = 32;

function flags(p: SimPod): number {
  const holds = p.holdsResources;
  let f = holds ? HOLDS : 0;
  if (p.active) {
    f |= ACTIVE;
    if (p.ready) f |= READY;
    if (p.available) f |= AVAILABLE;
    if (p.node === null) f |= PENDING;
  }
  if (holds && (p.deletedAt >= 0 || p.killing)) f |= TERMINATING;
  return f;
}

/** What every pod of a template shares, computed once per template. */
interface TemplateInfo {
  cpu: number;
  memory: number;
  nonZeroCpu: number;
  nonZeroMemory: number;
  memoryLimit: number | null;
  runningMemory: number;
  qos: ReturnType<typeof computePodQOS>;
  critical: boolean;
  tolerations: ReturnType<typeof withDefaultTolerations>;
}

export class Cluster {
  readonly nodes: SimNode[] = [];
  readonly nodeByName = new Map<string, SimNode>();
  readonly deployments: SimDeployment[] = [];
  readonly deploymentByKey = new Map<string, SimDeployment>();
  readonly pdbs: SimPdb[] = [];
  /** Pods nobody manages (DaemonSet, StatefulSet, naked): they hold resources, nothing replaces them. */
  readonly unmanagedPods = new Set<SimPod>();

  // Work queues (level-triggered: a key is queued once however often it changes).
  readonly dirtyDeployments = new Set<SimDeployment>();
  readonly dirtyReplicaSets = new Set<SimReplicaSet>();
  // The scheduling queue's view of the cluster (activeQ + unschedulable pods), by template:
  // every pod of a template is the same to the scheduler.
  readonly pendingByTemplate = new Map<PodTemplate, Set<SimPod>>();
  pendingCount = 0;
  /** Pods that became Pending since the scheduler last looked. */
  readonly newlyPending: SimPod[] = [];
  /** Nodes that released resources since the scheduler last looked. */
  readonly freedNodes = new Set<SimNode>();
  /** A node became more welcoming (taint removed, uncordoned, Ready again): retry everything. */
  nodesRelaxed = true;
  /** Deployments whose bound pods went away: their topology-spread counts fell. */
  readonly spreadChanged = new Set<SimDeployment>();
  /** Nodes by free capacity, for the scheduler of clusters of 100 nodes or more. */
  index: NodeIndex | null = null;
  /** For the recorder: what changed this instant. */
  readonly changedDeployments = new Set<SimDeployment>();
  readonly changedNodes = new Set<SimNode>();

  /** Called whenever work is queued; the simulation schedules one reconcile pass per instant. */
  onWork: () => void = () => {};
  /** Called when a node's working set grows (the node's eviction manager should look). */
  onWorkingSetGrew: (n: SimNode) => void = () => {};
  private podSeq = 0;

  get podsCreated(): number {
    return this.podSeq;
  }
  private rsSeq = 0;
  private readonly templateInfo = new WeakMap<PodTemplate, TemplateInfo>();

  constructor(
    readonly engine: Engine,
    readonly config: ClusterConfig,
    readonly recorder: Recorder,
    private readonly uidStream: Stream,
  ) {}

  get now(): SimTime {
    return this.engine.now;
  }

  private readonly domainCache = new Map<string, string[]>();

  /** Distinct values of a node label among the nodes a nodeSelector admits (nodes never relabel). */
  domains(key: string, selector: Readonly<Record<string, string>>): readonly string[] {
    const cacheKey = key + '\u0000' + JSON.stringify(selector);
    let d = this.domainCache.get(cacheKey);
    if (!d) {
      const seen = new Set<string>();
      outer: for (const n of this.nodes) {
        for (const k in selector) if (n.labels[k] !== selector[k]) continue outer;
        const v = n.labels[key];
        if (v !== undefined) seen.add(v);
      }
      d = [...seen];
      this.domainCache.set(cacheKey, d);
    }
    return d;
  }

  /** One node per zone (for zone-level questions). */
  readonly zoneRepresentatives: SimNode[] = [];

  addNode(n: SimNode): void {
    this.nodes.push(n);
    this.nodeByName.set(n.name, n);
    if (n.zone && !this.zoneRepresentatives.some((r) => r.zone === n.zone)) this.zoneRepresentatives.push(n);
  }

  addDeployment(d: SimDeployment): void {
    this.deployments.push(d);
    this.deploymentByKey.set(d.key, d);
  }

  // --- work queues ---------------------------------------------------------------------

  enqueueDeployment(d: SimDeployment): void {
    this.dirtyDeployments.add(d);
    this.changedDeployments.add(d);
    this.onWork();
  }

  enqueueReplicaSet(rs: SimReplicaSet): void {
    this.dirtyReplicaSets.add(rs);
    this.onWork();
  }

  /** A node's taints, conditions or schedulability changed; `relaxes`: pods may fit where they did not. */
  nodeChanged(n: SimNode, relaxes: boolean): void {
    this.changedNodes.add(n);
    this.index?.update(n);
    if (relaxes) this.nodesRelaxed = true;
    this.onWork();
  }

  // --- object creation -----------------------------------------------------------------

  info(t: PodTemplate): TemplateInfo {
    let i = this.templateInfo.get(t);
    if (!i) {
      const req = podRequests(t);
      const nz = podNonZeroRequests(t);
      i = {
        cpu: req.cpu,
        memory: req.memory,
        nonZeroCpu: nz.cpu,
        nonZeroMemory: nz.memory,
        memoryLimit: podMemoryLimit(t),
        runningMemory: runningMemoryRequest(t),
        qos: computePodQOS(t),
        critical: isCriticalPod(t.priority),
        tolerations: withDefaultTolerations(
          t.tolerations,
          this.config.defaultNotReadyTolerationSeconds,
          this.config.defaultUnreachableTolerationSeconds,
        ),
      };
      this.templateInfo.set(t, i);
    }
    return i;
  }

  newReplicaSet(d: SimDeployment, template: PodTemplate): SimReplicaSet {
    d.revision++;
    const rs = new SimReplicaSet(d, `${d.name}-${d.revision}`, d.revision, template, this.rsSeq++, d.minReadySeconds);
    d.replicaSets.push(rs);
    return rs;
  }

  private uid(): string {
    return (this.uidStream.int(0, 0x7fffffff) >>> 0).toString(16).padStart(8, '0');
  }

  /** Creates a pod (Pending, unscheduled) owned by `rs`, or an unmanaged pod when rs is null. */
  createPod(
    namespace: string,
    name: string | null,
    rs: SimReplicaSet | null,
    spec: PodTemplate,
  ): SimPod {
    const i = this.info(spec);
    const d = rs?.deployment ?? null;
    const podName = name ?? `${d!.name}-${rs!.revision}-${++rs!.podSeq}`;
    const p = new SimPod(
      this.podSeq++,
      namespace,
      podName,
      this.uid(),
      d,
      rs,
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
    if (rs) rs.pods.add(p);
    else this.unmanagedPods.add(p);
    if (d?.usage) {
      p.usage = d.usage;
      p.usageSince = d.usageSince;
    }
    this.apply(p, 0, null);
    return p;
  }

  // --- the one place pod state changes -----------------------------------------------

  /**
   * Applies `mutate` to a pod and moves it between every counter it belongs to. Controllers
   * never touch counters themselves, so RS status, Deployment totals and node requests can't
   * drift from the pods they describe.
   */
  updatePod(p: SimPod, mutate: (p: SimPod) => void): void {
    this.begin(p);
    mutate(p);
    this.commit(p);
  }

  /**
   * The same as updatePod without a callback, for hot paths: begin(p), change the pod's fields,
   * commit(p). The snapshot lives on the pod, so nothing is allocated.
   */
  begin(p: SimPod): void {
    p.snapFlags = flags(p);
    p.snapNode = p.node;
    p.snapWorkingSet = p.running && p.snapFlags & HOLDS ? p.workingSet : 0;
  }

  commit(p: SimPod): void {
    const oldNode = p.snapNode;
    const oldWs = p.snapWorkingSet;
    const newWs = p.running && p.holdsResources ? p.workingSet : 0;
    if (oldNode && oldWs !== 0) oldNode.workingSet -= oldWs;
    if (p.node && newWs !== 0) p.node.workingSet += newWs;
    if (p.node && (p.node !== oldNode ? newWs > 0 : newWs > oldWs)) this.onWorkingSetGrew(p.node);
    if ((oldWs !== 0 || newWs !== 0) && oldWs !== newWs) {
      if (oldNode) this.changedNodes.add(oldNode);
      if (p.node) this.changedNodes.add(p.node);
    }
    this.apply(p, p.snapFlags, oldNode);
  }

  private apply(p: SimPod, before: number, oldNode: SimNode | null): void {
    const after = flags(p);
    const nodeMoved = oldNode !== p.node;
    if (before === after && !nodeMoved) return;
    const diff = before ^ after;
    const rs = p.rs;
    const d = p.deployment;
    if (rs && d) {
      // +1 / -1 / 0 for each counter bit that flipped (no closures: this runs for every change).
      const a = diff & ACTIVE ? (after & ACTIVE ? 1 : -1) : 0;
      const r = diff & READY ? (after & READY ? 1 : -1) : 0;
      const v = diff & AVAILABLE ? (after & AVAILABLE ? 1 : -1) : 0;
      rs.activeReplicas += a;
      rs.readyReplicas += r;
      rs.availableReplicas += v;
      d.activePods += a;
      d.readyPods += r;
      d.availablePods += v;
      if (diff & PENDING) d.pendingPods += after & PENDING ? 1 : -1;
      if (diff & TERMINATING) d.terminatingPods += after & TERMINATING ? 1 : -1;
      // Active pods per node/zone, for ReplicaSet ranks and topology spreading.
      const wasCounted = before & ACTIVE && oldNode;
      const isCounted = after & ACTIVE && p.node;
      if (wasCounted && (!isCounted || nodeMoved)) {
        bump(rs, oldNode!, -1);
        this.spreadChanged.add(d);
      }
      if (isCounted && (!wasCounted || nodeMoved)) bump(rs, p.node!, 1);
      if (a !== 0) this.enqueueReplicaSet(rs);
      this.enqueueDeployment(d);
    }
    if (diff & PENDING) {
      if (after & PENDING) this.queuePending(p);
      else this.dequeuePending(p);
    }
    if (diff & HOLDS || (nodeMoved && (before | after) & HOLDS)) {
      if (before & HOLDS && oldNode) this.release(p, oldNode);
      if (after & HOLDS && p.node) this.hold(p, p.node);
    } else if (diff & TERMINATING && p.node) this.changedNodes.add(p.node);
  }

  private queuePending(p: SimPod): void {
    let set = this.pendingByTemplate.get(p.spec);
    if (!set) this.pendingByTemplate.set(p.spec, (set = new Set()));
    set.add(p);
    this.pendingCount++;
    this.newlyPending.push(p);
    this.onWork();
  }

  private dequeuePending(p: SimPod): void {
    const set = this.pendingByTemplate.get(p.spec);
    if (!set || !set.delete(p)) return;
    this.pendingCount--;
    if (set.size === 0) this.pendingByTemplate.delete(p.spec);
  }

  private hold(p: SimPod, n: SimNode): void {
    n.pods.add(p);
    n.requestedCpu += p.cpu;
    n.requestedMemory += p.memory;
    n.nonZeroCpu += p.nonZeroCpu;
    n.nonZeroMemory += p.nonZeroMemory;
    this.index?.update(n);
    this.changedNodes.add(n);
  }

  private release(p: SimPod, n: SimNode): void {
    n.pods.delete(p);
    n.requestedCpu -= p.cpu;
    n.requestedMemory -= p.memory;
    n.nonZeroCpu -= p.nonZeroCpu;
    n.nonZeroMemory -= p.nonZeroMemory;
    this.index?.update(n);
    this.changedNodes.add(n);
    this.freedNodes.add(n);
    this.onWork();
  }

  /** Forgets a pod object that is gone (terminated) or terminal, dropping it from its owner. */
  forget(p: SimPod): void {
    if (p.rs) p.rs.pods.delete(p);
    else this.unmanagedPods.delete(p);
  }
}

function bump(rs: SimReplicaSet, n: SimNode, by: number): void {
  const c = (rs.activePerNode.get(n) ?? 0) + by;
  if (c === 0) rs.activePerNode.delete(n);
  else rs.activePerNode.set(n, c);
  const z = (rs.activePerZone.get(n.zone) ?? 0) + by;
  if (z === 0) rs.activePerZone.delete(n.zone);
  else rs.activePerZone.set(n.zone, z);
}
