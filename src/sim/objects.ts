// The simulated API objects: nodes, pods, ReplicaSets and Deployments, with the counters the
// controllers and reports read kept up to date incrementally by Cluster.updatePod (never
// recounted). Field names follow the Kubernetes API where one exists.
import type { QOSClass } from '../model/qos.js';
import type {
  Deployment,
  DeploymentStrategy,
  IntOrPercent,
  MemoryUsage,
  PodPhase,
  PodTemplate,
  Taint,
  Toleration,
} from '../model/types.js';
import type { Timer } from './engine/queue.js';
import type { NodeClass } from './node-index.js';
import type { SimTime } from './engine/time.js';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export class SimNode {
  /** Pods bound here that still hold resources (running, starting or terminating). */
  readonly pods = new Set<SimPod>();
  requestedCpu = 0;
  requestedMemory = 0;
  /** Requests with the scheduler's non-zero defaults (100m / 200Mi), for scoring. */
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  /** Σ working set of the running containers here (bytes). */
  workingSet = 0;
  /** Taints: the node's own plus those the control plane adds (condition taints, cordon). */
  taints: Taint[];
  unschedulable: boolean;
  /** The Ready condition as the API shows it. */
  ready: ConditionStatus = 'True';
  memoryPressure = false;
  /** False while the kubelet is down (failed node): nothing starts, stops or reports. */
  kubeletUp = true;
  /** The kubelet is up but reports Ready=False (nodeFailure mode NotReady). */
  kubeletNotReady = false;
  /** When the node lifecycle controller last observed a heartbeat. */
  probeTimestamp: SimTime = 0;
  draining = false;
  /** Where the NodeIndex keeps this node (and what its class was computed from). */
  indexClass: NodeClass | null = null;
  indexBucket = 0;
  indexTaints: readonly Taint[] | null = null;
  indexCordoned = false;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly zone: string,
    readonly labels: Readonly<Record<string, string>>,
    taints: readonly Taint[],
    unschedulable: boolean,
    readonly allocatableCpu: number,
    readonly allocatableMemory: number,
    readonly allocatablePods: number,
    readonly memoryCapacity: number,
  ) {
    this.taints = [...taints];
    this.unschedulable = unschedulable;
  }

  get memoryAvailable(): number {
    return this.memoryCapacity - this.workingSet;
  }

  /** Pods counted against allocatable pods (NodeResourcesFit's view). */
  get podCount(): number {
    return this.pods.size;
  }
}

export class SimPod {
  node: SimNode | null = null;
  phase: PodPhase = 'Pending';
  /** Why the pod is in its phase (Evicted, OOMKilled, ...), as status.reason. */
  reason = '';
  scheduledAt: SimTime = -1;
  /** metadata.deletionTimestamp; -1 when not being deleted. */
  deletedAt: SimTime = -1;
  /** The object is gone from the API (termination finished). */
  gone = false;
  /** The kubelet is killing it on its own (node-pressure eviction): no deletionTimestamp yet. */
  killing = false;
  running = false;
  containerStartedAt: SimTime = -1;
  started = false;
  ready = false;
  /** Ready condition's lastTransitionTime (to True); -1 if never ready. */
  readySince: SimTime = -1;
  available = false;
  restarts = 0;
  /** CrashLoopBackOff state (client-go flowcontrol.Backoff entry). */
  backoffMs = 0;
  backoffUpdatedAt: SimTime = -1;
  /** Working set while running, bytes. */
  workingSet = 0;
  /** The usage model in force and when it took effect (t = 0 for expressions). */
  usage: MemoryUsage;
  usageSince: SimTime = 0;
  /** The kubelet's next lifecycle step for this pod (start, probe result, kill...). */
  lifecycleTimer: Timer | null = null;
  availabilityTimer: Timer | null = null;
  /** FailedScheduling was reported for the current pending spell. */
  failedScheduling = false;
  /** oom_score_adj of its main container, as the kubelet sets it for its QoS class. */
  oomScoreAdj = 0;
  /** Kind of the controlling owner for pods no Deployment owns (DaemonSet, StatefulSet, ...). */
  ownerKind: string | null = null;
  /** The ReplicaSet controller's rank of the pod while it sorts candidates for deletion. */
  rankScratch = 0;
  /** Cluster.begin/commit's snapshot of what the pod counted for before a change. */
  snapFlags = 0;
  snapNode: SimNode | null = null;
  snapWorkingSet = 0;

  constructor(
    readonly id: number,
    readonly namespace: string,
    readonly name: string,
    /** Pseudo-random, seeded: the UID tie-break of ActivePodsWithRanks. */
    readonly uid: string,
    readonly deployment: SimDeployment | null,
    readonly rs: SimReplicaSet | null,
    readonly spec: PodTemplate,
    readonly createdAt: SimTime,
    readonly cpu: number,
    readonly memory: number,
    readonly nonZeroCpu: number,
    readonly nonZeroMemory: number,
    readonly memoryLimit: number | null,
    /** What the running containers request (the default working set; see runningMemoryRequest). */
    readonly runningMemory: number,
    readonly qos: QOSClass,
    readonly priority: number,
    readonly critical: boolean,
    /** The spec's tolerations plus the admission defaults. */
    readonly tolerations: readonly Toleration[],
  ) {
    this.usage = spec.memoryUsage;
  }

  get key(): string {
    return `${this.namespace}/${this.name}`;
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

  /** controller.IsPodActive: not terminal and not being deleted. */
  get active(): boolean {
    return this.deletedAt < 0 && !this.gone && this.phase !== 'Failed' && this.phase !== 'Succeeded';
  }

  /** Holds node resources in the scheduler's cache: bound and not terminal or gone. */
  get holdsResources(): boolean {
    return this.node !== null && !this.gone && this.phase !== 'Failed' && this.phase !== 'Succeeded';
  }

  get terminating(): boolean {
    return (this.deletedAt >= 0 || this.killing) && this.holdsResources;
  }
}

export class SimReplicaSet {
  readonly pods = new Set<SimPod>();
  spec = 0;
  /** Counts over active pods (controller.FilterActivePods), kept by Cluster.updatePod. */
  activeReplicas = 0;
  readyReplicas = 0;
  availableReplicas = 0;
  maxReplicasAnnotation: number | null = null;
  desiredReplicasAnnotation: number | null = null;
  /** Sequence for pod names: <deployment>-<revision>-<n>. */
  podSeq = 0;
  /** Active pods per node (and per zone) for ranks and topology spreading. */
  readonly activePerNode = new Map<SimNode, number>();
  readonly activePerZone = new Map<string, number>();

  constructor(
    readonly deployment: SimDeployment,
    readonly name: string,
    readonly revision: number,
    readonly template: PodTemplate,
    readonly createdSeq: number,
    readonly minReadySeconds: number,
  ) {}
}

export interface ProgressingCondition {
  status: ConditionStatus;
  reason: string;
  lastUpdateTime: SimTime;
}

export class SimDeployment {
  readonly replicaSets: SimReplicaSet[] = [];
  replicas: number;
  strategy: DeploymentStrategy;
  maxSurge: IntOrPercent;
  maxUnavailable: IntOrPercent;
  minReadySeconds: number;
  progressDeadlineSeconds: number | null;
  template: PodTemplate;
  revision = 0;
  /** Counts over the pods of every RS; see Cluster.updatePod. */
  activePods = 0;
  readyPods = 0;
  availablePods = 0;
  pendingPods = 0;
  terminatingPods = 0;
  /** Last computed status.replicas/updated/ready/available (for DeploymentProgressing). */
  status = { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 };
  progressing: ProgressingCondition | null = null;
  progressTimer: Timer | null = null;
  /** When the first rollout of this run started; when the deployment was last complete after it. */
  rolloutStartedAt: SimTime = -1;
  rolloutCompletedAt: SimTime = -1;
  rolloutStalled = false;
  evictions = 0;
  oomKills = 0;
  /** Container restarts of its pods (OOM kills, failed probes). */
  restarts = 0;
  /** The workload's memory usage model since a memoryUsage event (null = each template's own). */
  usage: MemoryUsage | null = null;
  usageSince: SimTime = 0;
  /** PDBs selecting this workload's pods. */
  readonly pdbs: SimPdb[] = [];

  constructor(
    readonly index: number,
    readonly namespace: string,
    readonly name: string,
    spec: Deployment,
  ) {
    this.replicas = spec.replicas;
    this.strategy = spec.strategy;
    this.maxSurge = spec.maxSurge;
    this.maxUnavailable = spec.maxUnavailable;
    this.minReadySeconds = spec.minReadySeconds;
    this.progressDeadlineSeconds = spec.progressDeadlineSeconds;
    this.template = spec.template;
  }

  get key(): string {
    return `${this.namespace}/${this.name}`;
  }

  /** FindNewReplicaSet: the RS running the current template. */
  get newRS(): SimReplicaSet | null {
    for (const rs of this.replicaSets) if (rs.template === this.template) return rs;
    return null;
  }
}

export class SimPdb {
  readonly deployments: SimDeployment[] = [];
  /** Pods evicted through the Eviction API recently (status.disruptedPods). */
  readonly disruptedPods = new Map<SimPod, SimTime>();

  constructor(
    readonly namespace: string,
    readonly name: string,
    readonly minAvailable: IntOrPercent | null,
    readonly maxUnavailable: IntOrPercent | null,
  ) {}
}
