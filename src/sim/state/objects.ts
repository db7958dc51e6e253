// The simulated API objects: nodes, pods, workloads (the base every kind shares, and
// Deployments with their ReplicaSets; StatefulSets and DaemonSets are in workloads.ts) and
// PodDisruptionBudgets. They hold Kubernetes state only — metadata, spec, status — plus the
// counters an informer's indexes would give (pods per owner, per node), which ClusterState
// keeps up to date on every change (never recounted). No controller keeps anything here:
// queues, timers and scratch live in the controller that owns them. Field names follow the Kubernetes API where one exists.
import type { QOSClass } from '../../model/qos.js';
import type {
  Container,
  Deployment,
  DeploymentStrategy,
  IntOrPercent,
  MemoryUsage,
  PodPhase,
  PodTemplate,
  Taint,
  Toleration,
  WorkloadKind,
} from '../../model/types.js';
import type { SimTime } from '../engine/time.js';
import { ContainerStatus } from './container-status.js';

/**
 * A pod's in-place resize (the resize subresource and the kubelet's allocation checkpoint),
 * created by its first resize from what the pod was admitted with.
 */
export class PodResizeState {
  /** The app container as the last resize set it (desired), as the kubelet allocated it, as the runtime runs it (null = as in the template). */
  resized: Container | null = null;
  allocatedContainer: Container | null = null;
  actualContainer: Container | null = null;
  /** status.resize (≤ 1.32) / PodResizePending reason or PodResizeInProgress (≥ 1.33); null = none. */
  state: 'InProgress' | 'Deferred' | 'Infeasible' | null = null;
  message = '';
  /** The state's lastTransitionTime. */
  at: SimTime = -1;

  constructor(
    /** PodRequests over the allocated resources. */
    public allocatedCpu: number,
    public allocatedMemory: number,
  ) {}
}

/**
 * An OpenKruise in-place update of a pod (its apps.kruise.io/inplace-update-state annotation and
 * the InPlaceUpdateReady readiness gate every CloneSet pod gets, inplaceupdate.InjectReadinessGate):
 * the revision its controller-revision-hash label names now, when the condition went False, and
 * when the new image was written into the spec (-1: not yet — still in
 * inPlaceUpdateStrategy.gracePeriodSeconds). The pod keeps its `spec` object: the two templates
 * differ only in the image, which nothing the kubelet simulates reads.
 */
export class InPlaceUpdateState {
  /** When the image was patched (the kubelet restarts the containers from there); -1 = in the grace period. */
  patchedAt: SimTime = -1;

  constructor(
    readonly revision: SimRevision,
    readonly startedAt: SimTime,
  ) {}

  /**
   * CheckContainersUpdateCompleted (Refresh then sets InPlaceUpdateReady True): the app
   * container's running instance started from the new image.
   */
  completed(p: SimPod): boolean {
    return this.patchedAt >= 0 && p.app.state === 'running' && p.runningSince >= this.patchedAt;
  }
}

/** The statuses of a pod without init containers (shared, never written). */
const NO_STATUSES: ContainerStatus[] = [];

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/**
 * The node's Lease (coordination.k8s.io, kube-node-lease): its kubelet renews it every
 * `renewIntervalMs` while it runs. Renewals are not simulated one by one: the lease knows the
 * grid its holder renews on and when the holder stopped.
 */
export class Lease {
  /** The holder is renewing (the kubelet runs and reaches the API server). */
  held = true;
  /** Where the renewal grid starts (the kubelet's start) and where renewals stopped. */
  since: SimTime = 0;
  stoppedAt: SimTime = 0;

  constructor(readonly renewIntervalMs: number) {}

  /** spec.renewTime as of `now`: the last renewal at or before now (or before the holder stopped). */
  renewTime(now: SimTime): SimTime {
    const end = this.held ? now : this.stoppedAt;
    return this.since + Math.floor((end - this.since) / this.renewIntervalMs) * this.renewIntervalMs;
  }
}

export class SimNode {
  // status, as the kubelet reports it (and the node lifecycle controller overrides with Unknown)
  /** The Ready condition. */
  ready: ConditionStatus = 'True';
  /** The MemoryPressure condition is True. */
  memoryPressure = false;
  /** The DiskPressure condition is True (nodefs.available under its threshold). */
  diskPressure = false;
  readonly lease: Lease;

  // spec
  /** spec.taints: the node's own plus those the control plane adds (condition taints, cordon). */
  taints: readonly Taint[];
  unschedulable: boolean;

  // What the scheduler's cache (NodeInfo) and the kubelet's summary stats would say, kept by
  // ClusterState from the pods bound here.
  /** Pods bound here that still hold resources (running, starting or terminating). */
  readonly pods = new Set<SimPod>();
  requestedCpu = 0;
  requestedMemory = 0;
  /** Requests with the scheduler's non-zero defaults (100m / 200Mi), for scoring. */
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  /** Σ working set of the running containers here (bytes). */
  workingSet = 0;
  /** Ephemeral storage: allocatable and the machine's node filesystem (Infinity = not modelled), Σ requests here. */
  allocatableEphemeralStorage = Infinity;
  ephemeralStorageCapacity = Infinity;
  requestedEphemeralStorage = 0;
  /** Pods here that write to the node filesystem or limit what they may (the eviction manager looks at those). */
  storagePods = 0;

  constructor(
    /** Position in ClusterState.nodes (controllers index their per-node state by it). */
    readonly index: number,
    readonly name: string,
    readonly zone: string,
    readonly labels: Readonly<Record<string, string>>,
    taints: readonly Taint[],
    unschedulable: boolean,
    readonly allocatableCpu: number,
    readonly allocatableMemory: number,
    readonly allocatablePods: number,
    /** status.capacity.memory (the machine's memory, what memory.available is measured against). */
    readonly memoryCapacity: number,
    leaseRenewIntervalMs: number,
  ) {
    this.taints = [...taints];
    this.unschedulable = unschedulable;
    this.lease = new Lease(leaseRenewIntervalMs);
  }

  get memoryAvailable(): number {
    return this.memoryCapacity - this.workingSet;
  }

  /** Pods counted against allocatable pods (NodeResourcesFit's view). */
  get podCount(): number {
    return this.pods.size;
  }
}

/** Why a pod has the DisruptionTarget condition (pkg/apis/core: PodReason*). */
export type DisruptionReason = 'EvictionByEvictionAPI' | 'DeletionByTaintManager' | 'TerminationByKubelet' | 'PreemptionByScheduler';

export class SimPod {
  // metadata
  /** metadata.deletionTimestamp; -1 when not being deleted. */
  deletedAt: SimTime = -1;
  /** metadata.deletionGracePeriodSeconds, set with deletedAt. */
  deletionGracePeriodSeconds = 0;
  /** The object is gone from the API (termination finished, or deleted before it was bound). */
  gone = false;
  /** Kind of the controlling owner (ReplicaSet, StatefulSet, DaemonSet, ...; null: none). */
  ownerKind: string | null = null;
  /** A StatefulSet pod's ordinal (from its name), an Indexed Job pod's completion index; -1 for other pods. */
  ordinal = -1;

  // spec
  /** spec.nodeName. */
  node: SimNode | null = null;

  // status
  phase: PodPhase = 'Pending';
  /**
   * status.nominatedNodeName: the node the scheduler preempted pods on for this pod, which it
   * reserves while the victims terminate (set and cleared by the scheduler).
   */
  nominatedNode: SimNode | null = null;
  /** status.reason: Evicted, OutOfcpu, OutOfmemory, OutOfpods … ('' = none). */
  reason = '';
  /** status.message: why the kubelet rejected or evicted it. */
  message = '';
  /** The PodScheduled condition's time; -1 while unscheduled. */
  scheduledAt: SimTime = -1;
  /** The DisruptionTarget condition (null = absent) and its lastTransitionTime. */
  disruptionTarget: DisruptionReason | null = null;
  disruptedAt: SimTime = -1;
  /** Its kubelet is killing it (node-pressure or local-storage eviction), without a deletionTimestamp. */
  kubeletKilling = false;
  /**
   * status.containerStatuses, aligned with spec.containers ([0] is the app, the container
   * Headroom runs: its probes, exits and working set; the others start and stop with it), and
   * status.initContainerStatuses, aligned with spec.initContainers. Before the kubelet first
   * syncs the pod the API has none (`statusesKnown` false).
   */
  readonly containers: ContainerStatus[];
  initContainers: ContainerStatus[] = NO_STATUSES;
  statusesKnown = false;
  /** The Initialized condition and its lastTransitionTime. */
  initialized = false;
  initializedAt: SimTime = -1;
  /** The ContainersReady condition and its lastTransitionTime. */
  containersReady = false;
  containersReadyAt: SimTime = -1;
  /** The readiness gates' conditions (set by their controller) are True since; -1 = not True. */
  gatesReadyAt: SimTime = -1;
  /** The Ready condition is True (ContainersReady and every readiness gate). */
  ready = false;
  /** Ready condition's lastTransitionTime; -1 if it never changed. */
  readySince: SimTime = -1;
  /**
   * Ready for minReadySeconds, as its controller's requeue after minReadySeconds
   * found it (or the inventory says: Ready since before the run). See `isAvailable`.
   */
  available = false;
  /** Σ restartCount over the pod's containers. */
  restarts = 0;
  /** The app's process runs (the runtime's view: it uses memory, the OOM killer sees it) — also during postStart. */
  running = false;
  /** When the app's current process started (its `uptime` counts from here). */
  runningSince: SimTime = -1;
  /** The running containers' working set (the kubelet's summary stats), bytes. */
  workingSet = 0;
  /** The pod's ephemeral-storage request (PodRequests), bytes. */
  ephemeralStorage = 0;
  /** It writes to the node filesystem (ephemeral storage, emptyDirs) or has an ephemeral-storage limit. */
  usesStorage = false;

  /** In-place resize: null until the pod's first resize (nearly every pod: as its template). */
  resizeState: PodResizeState | null = null;

  /** A CloneSet's in-place update (null: none since the pod was created). */
  inPlace: InPlaceUpdateState | null = null;

  /**
   * How the app uses memory (a simulation input, like spec.startSeconds) and since when: the
   * template's model, or the workload's after a memoryUsage what-if.
   */
  usage: MemoryUsage;
  usageSince: SimTime = 0;

  constructor(
    /** Creation sequence: the tie-break every ordering of pods falls back on. */
    readonly id: number,
    readonly namespace: string,
    readonly name: string,
    /** metadata.uid: pseudo-random, seeded (ActivePodsWithRanks' last tie-break). */
    readonly uid: string,
    /** The workload the pod belongs to (a ReplicaSet's Deployment, its StatefulSet or DaemonSet). */
    readonly workload: SimWorkload | null,
    /**
     * Its revision of the workload's template: the ReplicaSet that owns it, or the
     * ControllerRevision its controller-revision-hash names. Null for pods no workload owns.
     */
    readonly revision: SimRevision | null,
    readonly spec: PodTemplate,
    /** metadata.creationTimestamp. */
    readonly createdAt: SimTime,
    // What the API server and admission derive from the spec, computed once per template — the
    // scheduler's view of the requests, which an in-place resize moves (ClusterState.resizePod):
    public cpu: number,
    public memory: number,
    public nonZeroCpu: number,
    public nonZeroMemory: number,
    public memoryLimit: number | null,
    /** What the running containers request (the default working set; see runningMemoryRequest). */
    public runningMemory: number,
    /** status.qosClass. */
    readonly qos: QOSClass,
    /** spec.priority (resolved from the PriorityClass). */
    readonly priority: number,
    readonly critical: boolean,
    /** The spec's tolerations plus the DefaultTolerationSeconds admission defaults. */
    readonly tolerations: readonly Toleration[],
  ) {
    this.usage = spec.memoryUsage;
    this.containers = spec.containers.map((c) => new ContainerStatus(c.name));
    if (this.containers.length === 0) this.containers.push(new ContainerStatus(name));
  }

  get key(): string {
    return `${this.namespace}/${this.name}`;
  }

  // In-place resize, read through resizeState (see PodResizeState).
  get resized(): Container | null {
    return this.resizeState?.resized ?? null;
  }
  get allocatedContainer(): Container | null {
    return this.resizeState?.allocatedContainer ?? null;
  }
  get actualContainer(): Container | null {
    return this.resizeState?.actualContainer ?? null;
  }
  /** PodRequests over status.containerStatuses[].allocatedResources: what the kubelet admitted. */
  get allocatedCpu(): number {
    return this.resizeState ? this.resizeState.allocatedCpu : this.cpu;
  }
  get allocatedMemory(): number {
    return this.resizeState ? this.resizeState.allocatedMemory : this.memory;
  }
  /** status.resize (≤ 1.32) / PodResizePending reason or PodResizeInProgress (≥ 1.33); null = none. */
  get resize(): PodResizeState['state'] {
    return this.resizeState?.state ?? null;
  }
  get resizeMessage(): string {
    return this.resizeState?.message ?? '';
  }
  /** The resize state's lastTransitionTime. */
  get resizeAt(): SimTime {
    return this.resizeState?.at ?? -1;
  }

  /** The app container's status. */
  get app(): ContainerStatus {
    return this.containers[0];
  }

  /** state.running.startedAt of the app's current instance (-1 before its first start). */
  get containerStartedAt(): SimTime {
    return this.containers[0].startedAt;
  }

  // The view ActivePodsWithRanks reads (see replicaset/ranking.ts RankablePod).
  get assigned(): boolean {
    return this.node !== null;
  }
  get deletionCost(): number {
    return 0;
  }
  get created(): number {
    return this.createdAt;
  }

  /**
   * IsPodAvailable(pod, minReadySeconds, now): Ready, and Ready for minReadySeconds — at once
   * when minReadySeconds is 0, else once its controller has looked again (availability.ts).
   */
  get isAvailable(): boolean {
    return this.ready && (this.available || this.revision === null || this.revision.minReadySeconds === 0);
  }

  /** controller.IsPodActive: not terminal and not being deleted. */
  get active(): boolean {
    return this.deletedAt < 0 && !this.gone && this.phase !== 'Failed' && this.phase !== 'Succeeded';
  }

  /** Holds node resources in the scheduler's cache: bound and not terminal or gone. */
  get holdsResources(): boolean {
    return this.node !== null && !this.gone && this.phase !== 'Failed' && this.phase !== 'Succeeded';
  }

  /** The kubelet is killing it on its own (an eviction): no deletionTimestamp. */
  get killedByKubelet(): boolean {
    return this.kubeletKilling && this.deletedAt < 0;
  }

  /** Being stopped (deleted, or killed by its kubelet) while still holding node resources. */
  get terminating(): boolean {
    return (this.deletedAt >= 0 || this.kubeletKilling) && this.holdsResources;
  }
}

/**
 * The pods of one revision of a workload's template, with the counts an informer's index gives:
 * a Deployment's ReplicaSet, or a StatefulSet's or DaemonSet's ControllerRevision (whose pods
 * carry its name in their controller-revision-hash label).
 */
export class SimRevision {
  // The owner index and status counts over active pods (controller.FilterActivePods).
  readonly pods = new Set<SimPod>();
  activeReplicas = 0;
  readyReplicas = 0;
  availableReplicas = 0;
  /** Active pods per node (and per zone): ReplicaSet ranks and topology spreading read these. */
  readonly activePerNode = new Map<SimNode, number>();
  readonly activePerZone = new Map<string, number>();

  constructor(
    readonly workload: SimWorkload,
    readonly name: string,
    /** deployment.kubernetes.io/revision, or the ControllerRevision's revision. */
    readonly revision: number,
    readonly template: PodTemplate,
    /** Creation order (creationTimestamp). */
    readonly createdSeq: number,
    readonly minReadySeconds: number,
  ) {}
}

export class SimReplicaSet extends SimRevision {
  /** spec.replicas. */
  spec = 0;
  /** deployment.kubernetes.io/max-replicas and desired-replicas annotations. */
  maxReplicasAnnotation: number | null = null;
  desiredReplicasAnnotation: number | null = null;
  /** Sequence for pod names: <deployment>-<revision>-<n>. */
  podSeq = 0;

  constructor(
    readonly deployment: SimDeployment,
    name: string,
    revision: number,
    template: PodTemplate,
    createdSeq: number,
    minReadySeconds: number,
  ) {
    super(deployment, name, revision, template, createdSeq, minReadySeconds);
  }
}

export interface ProgressingCondition {
  status: ConditionStatus;
  reason: string;
  lastUpdateTime: SimTime;
}

export interface DeploymentStatus {
  readonly replicas: number;
  readonly updatedReplicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
}

/**
 * What every workload kind has: identity and names, its pod template and memory model, the
 * rollout as its controller tells it, and the counts over its pods that ClusterState keeps
 * (never recounted). Each kind adds its spec and status.
 */
export abstract class SimWorkload {
  abstract readonly kind: WorkloadKind;
  /** `namespace/name`, or `kind/namespace/name` when a workload of another kind shares the name. */
  key: string;
  /** What events name it: `name`, or `kind/name` on such a clash. */
  shortName: string;
  template: PodTemplate;
  minReadySeconds: number;
  /** The app's memory model since a memoryUsage what-if (null = each template's own). */
  usage: MemoryUsage | null = null;
  usageSince: SimTime = 0;
  /**
   * The rollout as its controller judges it (a Deployment's Progressing condition, `kubectl
   * rollout status` for the other kinds): when this run's first rollout began, when it was done
   * (-1: not yet), and whether it exceeded its progress deadline first.
   */
  rolloutStartedAt: SimTime = -1;
  rolloutCompletedAt: SimTime = -1;
  rolloutStalled = false;

  // The owner index and counts over the pods of every revision, kept by ClusterState.
  activePods = 0;
  readyPods = 0;
  availablePods = 0;
  pendingPods = 0;
  terminatingPods = 0;
  /** Pods that got a DisruptionTarget condition (evicted by any path). */
  evictions = 0;
  /** Containers OOM-killed (at their limit or by the node's OOM killer). */
  oomKills = 0;
  /** Container restarts of its pods. */
  restarts = 0;
  /** PDBs selecting this workload's pods. */
  readonly pdbs: SimPdb[] = [];

  constructor(
    /** Position in ClusterState.workloads (controllers index their per-workload state by it). */
    readonly index: number,
    readonly namespace: string,
    readonly name: string,
    template: PodTemplate,
    minReadySeconds: number,
  ) {
    this.key = `${namespace}/${name}`;
    this.shortName = name;
    this.template = template;
    this.minReadySeconds = minReadySeconds;
  }

  /** `deployment/shop/web`, `statefulset/data/db`: the object in events. */
  get objectRef(): string {
    return `${this.kind.toLowerCase()}/${this.namespace}/${this.name}`;
  }

  /** The revisions of its template, oldest first (ReplicaSets, ControllerRevisions). */
  abstract get revisions(): readonly SimRevision[];

  /** How many pods it should run now (spec.replicas; a DaemonSet's desiredNumberScheduled). */
  abstract get desired(): number;

  /**
   * Its `/scale` as the disruption controller finds it (getExpectedScale): spec.replicas, or
   * null for kinds without a scale subresource (DaemonSet).
   */
  abstract get scale(): number | null;
}

export class SimDeployment extends SimWorkload {
  readonly kind = 'Deployment';
  // spec
  replicas: number;
  strategy: DeploymentStrategy;
  maxSurge: IntOrPercent;
  maxUnavailable: IntOrPercent;
  progressDeadlineSeconds: number | null;

  // status
  /** deployment.kubernetes.io/revision of the newest ReplicaSet. */
  revision = 0;
  /** The status last written by the deployment controller (DeploymentProgressing compares it). */
  status: DeploymentStatus = { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 };
  progressing: ProgressingCondition | null = null;

  readonly replicaSets: SimReplicaSet[] = [];

  constructor(index: number, namespace: string, name: string, spec: Deployment) {
    super(index, namespace, name, spec.template, spec.minReadySeconds);
    this.replicas = spec.replicas;
    this.strategy = spec.strategy;
    this.maxSurge = spec.maxSurge;
    this.maxUnavailable = spec.maxUnavailable;
    this.progressDeadlineSeconds = spec.progressDeadlineSeconds;
  }

  get revisions(): readonly SimReplicaSet[] {
    return this.replicaSets;
  }

  get desired(): number {
    return this.replicas;
  }

  get scale(): number {
    return this.replicas;
  }

  /** FindNewReplicaSet: the RS running the current template. */
  get newRS(): SimReplicaSet | null {
    for (const rs of this.replicaSets) if (rs.template === this.template) return rs;
    return null;
  }
}

export class SimPdb {
  /** The workloads whose pods it selects. */
  readonly workloads: SimWorkload[] = [];
  /**
   * spec.selector is empty (`{}`): every pod of the namespace for the disruption controller, but
   * no pod for the scheduler's preemption (filterPodsWithPDBViolation skips empty selectors).
   */
  emptySelector = false;
  /** status.disruptedPods: pods the Eviction API evicted recently, with when. */
  readonly disruptedPods = new Map<SimPod, SimTime>();

  constructor(
    readonly namespace: string,
    readonly name: string,
    readonly minAvailable: IntOrPercent | null,
    readonly maxUnavailable: IntOrPercent | null,
  ) {}
}
