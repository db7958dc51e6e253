// Plain data of a cluster inventory, as the loaders produce it and the simulation consumes it.
// Units: cpu in millicores, memory in bytes, times in seconds unless a name says `Ms`.
// Nothing here is mutated after loading; the simulation keeps its own mutable state.
import type { Affinity, NodeInclusionPolicy, PreemptionPolicy } from './affinity.js';
import type { LabelSelector } from './label-selector.js';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: TaintEffect;
  /**
   * spec.taints[].timeAdded, when given: ms since the Unix epoch in an inventory (NodeSpec),
   * simulated ms on the simulation's nodes (negative: before the run began).
   */
  readonly timeAdded?: number;
}

/** A node or pod condition's status. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

export type TolerationOperator = 'Exists' | 'Equal' | 'Lt' | 'Gt';

export interface Toleration {
  /** Empty key with operator Exists tolerates every taint. */
  readonly key: string;
  readonly operator: TolerationOperator;
  readonly value: string;
  /** Empty effect matches every effect. */
  readonly effect: TaintEffect | '';
  /** Only meaningful for NoExecute; null = tolerate forever. */
  readonly tolerationSeconds: number | null;
}

/** A resource list; `undefined` means the key is absent (not the same as an explicit 0). */
export interface ResourceList {
  readonly cpu?: number;
  readonly memory?: number;
  /** ephemeral-storage, bytes. */
  readonly ephemeralStorage?: number;
}

/** The resources an in-place resize may change (resizePolicy's resourceName). */
export type ResizeResource = 'cpu' | 'memory';

export interface Container {
  readonly name: string;
  readonly requests: ResourceList;
  readonly limits: ResourceList;
  /** An init container with restartPolicy Always (a sidecar, KEP-753). */
  readonly sidecar?: boolean;
  /** A regular init container: how long it runs (s) and the code it exits with (default 0). */
  readonly runSeconds?: number;
  readonly exitCode?: number;
  /** resizePolicy: the resources whose in-place resize restarts the container (RestartContainer). */
  readonly resizeRestart?: readonly ResizeResource[];
}

/** spec.restartPolicy. */
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** An emptyDir volume (spec.volumes[].emptyDir). */
export interface EmptyDir {
  readonly name: string;
  /** sizeLimit in bytes (null = none). */
  readonly sizeLimit: number | null;
  /** medium Memory: the volume is tmpfs and counts as the pod's memory, not ephemeral storage. */
  readonly memory: boolean;
  /** Bytes the app keeps in it (a simulation input, like memoryUsage). */
  readonly usage: number;
}

export interface Probe {
  readonly periodSeconds: number;
  readonly initialDelaySeconds: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
}

export const PROBE_DEFAULTS: Probe = {
  periodSeconds: 10,
  initialDelaySeconds: 0,
  successThreshold: 1,
  failureThreshold: 3,
};

/** maxSurge / maxUnavailable / PDB values: an int, or a string like "25%". */
export type IntOrPercent = number | string;

/**
 * A working-set model: a constant in bytes, or an expression of `request`, `limit` (bytes) and
 * `t` (seconds since the value took effect) compiled by the loader in a locked-down mathjs.
 */
export type MemoryUsage =
  | { readonly kind: 'request' }
  | { readonly kind: 'bytes'; readonly bytes: number }
  | {
      readonly kind: 'expression';
      readonly source: string;
      /** True when the value changes with `t` or `uptime`, so it must be re-sampled over time. */
      readonly timeVarying: boolean;
      readonly evaluate: (scope: UsageScope) => number;
    };

/**
 * What a usage expression sees: the container's request and limit (bytes), `t` = seconds since
 * the value took effect, `uptime` = seconds since this container (instance) started.
 */
export interface UsageScope {
  readonly request: number;
  readonly limit: number;
  readonly t: number;
  /** Absent = `t` (a container that has run since the value took effect). */
  readonly uptime?: number;
}

/** v1.TopologySpreadConstraint. */
export interface TopologySpread {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  /**
   * Which pods count. Absent (undefined): the workload's own pods — matchLabels of the template's
   * labels, every revision (the `zone_spread` / `topology_spread` shorthand). null: Kubernetes'
   * nil selector, which counts nothing.
   */
  readonly labelSelector?: LabelSelector | null;
  /** DoNotSchedule only; absent = 1. */
  readonly minDomains?: number;
  /** Absent = Honor. */
  readonly nodeAffinityPolicy?: NodeInclusionPolicy;
  /** Absent = Ignore. */
  readonly nodeTaintsPolicy?: NodeInclusionPolicy;
  /** Pod label keys ANDed into the selector with the pod's own values (e.g. pod-template-hash). */
  readonly matchLabelKeys?: readonly string[];
}

/** The pod template of a Deployment (and the spec of every pod it creates). */
export interface PodTemplate {
  readonly labels: Readonly<Record<string, string>>;
  readonly image: string;
  readonly containers: readonly Container[];
  readonly initContainers: readonly Container[];
  readonly overhead: ResourceList;
  readonly priority: number;
  readonly priorityClassName: string;
  /** As written; the admission defaults (300 s not-ready/unreachable) are added at pod creation. */
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** spec.affinity: node affinity, pod affinity and anti-affinity (absent = none). */
  readonly affinity?: Affinity;
  readonly topologySpread: readonly TopologySpread[];
  /** spec.preemptionPolicy (absent = PreemptLowerPriority). */
  readonly preemptionPolicy?: PreemptionPolicy;
  readonly terminationGracePeriodSeconds: number;
  readonly readinessProbe: Probe | null;
  readonly livenessProbe: Probe | null;
  readonly startupProbe: Probe | null;
  /** Time the preStop hook takes (0 = none). */
  readonly preStopSeconds: number;
  /** Admission → the first container (init or app) starting: image pull and sandbox. */
  readonly startSeconds: number;
  /** spec.restartPolicy (Deployments, StatefulSets and DaemonSets accept only Always; a Job OnFailure or Never). */
  readonly restartPolicy: RestartPolicy;
  /** Time the postStart hook takes (0 = none): the container is not Running until it returns. */
  readonly postStartSeconds: number;
  /** The app exits by itself this long after its container started (null = runs until stopped)… */
  readonly exitAfterSeconds: number | null;
  /** …with this exit code. */
  readonly exitCode: number;
  /** spec.readinessGates[].conditionType. */
  readonly readinessGates: readonly string[];
  /** The gates' conditions turn True this long after ContainersReady first turns True (s). */
  readonly readinessGateSeconds: number;
  /** Ephemeral storage the app writes (writable layer and logs); `request` = its ephemeral-storage request. */
  readonly ephemeralStorageUsage: MemoryUsage;
  readonly emptyDirs: readonly EmptyDir[];
  /** Container running → app answers its readiness probe. */
  readonly warmupSeconds: number;
  /** SIGTERM → the app exits. */
  readonly shutdownSeconds: number;
  readonly memoryUsage: MemoryUsage;
  /**
   * A pod's own required node affinity on `metadata.name`, as the DaemonSet controller pins each
   * of its pods to one node (util.ReplaceDaemonSetPodNodeNameNodeAffinity). Absent on templates.
   */
  readonly requiredNodeName?: string;
  /**
   * The zone a pod's bound persistent volumes are in (their PVs' node affinity): the scheduler
   * places it only there (VolumeBinding). Absent: no zonal volume bound yet.
   */
  readonly volumeZone?: string;
}

export type DeploymentStrategy = 'RollingUpdate' | 'Recreate';

export interface Deployment {
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly strategy: DeploymentStrategy;
  readonly maxSurge: IntOrPercent;
  readonly maxUnavailable: IntOrPercent;
  readonly minReadySeconds: number;
  /** null = no deadline (never reported as stalled). */
  readonly progressDeadlineSeconds: number | null;
  readonly revisionHistoryLimit: number;
  readonly template: PodTemplate;
  /**
   * The Deployment's ReplicaSets as a kubectl dump has them (names, hashes, revisions, sizes;
   * mid-rollout: old and new). Absent: one ReplicaSet of the template, created at t=0.
   */
  readonly replicaSets?: readonly InventoryReplicaSet[];
}

/** A ReplicaSet of a Deployment found in a kubectl dump (or inferred from its pods). */
export interface InventoryReplicaSet {
  /** metadata.name, `<deployment>-<pod-template-hash>`. */
  readonly name: string;
  /** deployment.kubernetes.io/revision (0 when not given). */
  readonly revision: number;
  /** spec.replicas. */
  readonly replicas: number;
  /**
   * Its pod template; null for the Deployment's new ReplicaSet (FindNewReplicaSet: the one
   * whose template is the Deployment's), which always runs the Deployment's template.
   */
  readonly template: PodTemplate | null;
  /** deployment.kubernetes.io/desired-replicas and max-replicas (null when absent). */
  readonly desiredReplicas: number | null;
  readonly maxReplicas: number | null;
}

/** The workload kinds Headroom simulates, spelled as the API's `kind`. */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CloneSet';

/** A StatefulSet's or DaemonSet's spec.updateStrategy.type. */
export type SetUpdateStrategy = 'RollingUpdate' | 'OnDelete';

export type PodManagementPolicy = 'OrderedReady' | 'Parallel';

export interface StatefulSet {
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly podManagementPolicy: PodManagementPolicy;
  readonly updateStrategy: SetUpdateStrategy;
  /** rollingUpdate.partition: ordinals below it keep the current revision. */
  readonly partition: number;
  /** rollingUpdate.maxUnavailable; null = unset (1). Used from 1.35 (MaxUnavailableStatefulSet). */
  readonly maxUnavailable: IntOrPercent | null;
  readonly minReadySeconds: number;
  /** spec.ordinals.start. */
  readonly ordinalsStart: number;
  readonly revisionHistoryLimit: number;
  /** Names of the volumeClaimTemplates: each ordinal gets its own claims, pinned to one zone. */
  readonly volumeClaims: readonly string[];
  /** Zones of the claims that exist already, by ordinal (a dump's PersistentVolumes, volume_zone). */
  readonly claimZones: Readonly<Record<number, string>>;
  readonly template: PodTemplate;
}

export interface DaemonSet {
  readonly namespace: string;
  readonly name: string;
  readonly updateStrategy: SetUpdateStrategy;
  readonly maxUnavailable: IntOrPercent;
  readonly maxSurge: IntOrPercent;
  readonly minReadySeconds: number;
  readonly revisionHistoryLimit: number;
  readonly template: PodTemplate;
}

/** An OpenKruise CloneSet's spec.updateStrategy.type (apps.kruise.io/v1alpha1 CloneSetUpdateStrategyType). */
export type CloneSetUpdateType = 'ReCreate' | 'InPlaceIfPossible' | 'InPlaceOnly';

/**
 * An OpenKruise CloneSet (apps.kruise.io/v1alpha1): a ReplicaSet-like set that owns its pods
 * directly and can update them in place (apis/apps/v1alpha1/cloneset_types.go).
 */
export interface CloneSet {
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly updateStrategy: CloneSetUpdateType;
  /** updateStrategy.partition: pods kept at old revisions (an int, or a percentage of replicas rounded up). */
  readonly partition: IntOrPercent;
  /** updateStrategy.maxUnavailable (default 20%). */
  readonly maxUnavailable: IntOrPercent;
  /** updateStrategy.maxSurge (default 0). */
  readonly maxSurge: IntOrPercent;
  /** updateStrategy.paused: no pod is updated. */
  readonly paused: boolean;
  /** updateStrategy.inPlaceUpdateStrategy.gracePeriodSeconds: not ready this long before the new image is patched. */
  readonly inPlaceGraceSeconds: number;
  /** scaleStrategy.maxUnavailable (null = unlimited). */
  readonly scaleMaxUnavailable: IntOrPercent | null;
  readonly minReadySeconds: number;
  readonly revisionHistoryLimit: number;
  readonly template: PodTemplate;
}

/** A Job's spec.completionMode. */
export type CompletionMode = 'NonIndexed' | 'Indexed';

/** A Job's spec.podReplacementPolicy. */
export type PodReplacementPolicy = 'TerminatingOrFailed' | 'Failed';

/** One rule of a Job's spec.podFailurePolicy (batch/v1 PodFailurePolicyRule). */
export interface PodFailurePolicyRule {
  readonly action: 'FailJob' | 'Ignore' | 'Count';
  /** onExitCodes: a non-zero exit code of a terminated container (containerName null = any) In / NotIn the values. */
  readonly onExitCodes?: { readonly containerName: string | null; readonly operator: 'In' | 'NotIn'; readonly values: readonly number[] };
  /** onPodConditions: a condition of the pod with that type and status. */
  readonly onPodConditions?: readonly { readonly type: string; readonly status: 'True' | 'False' | 'Unknown' }[];
}

/**
 * What a Job's status says when the inventory is read (a dump taken mid-run): the counts of
 * pods already accounted for (their tracking finalizer removed) and when it started. Absent:
 * a new Job, created at t=0.
 */
export interface JobStatusSnapshot {
  readonly succeeded: number;
  readonly failed: number;
  /** status.completedIndexes of an Indexed Job ("0-2,4"), as the indexes. */
  readonly completedIndexes: readonly number[];
  /** status.startTime, ms since the Unix epoch (times count from the inventory's snapshotTime); null = not started. */
  readonly startTime: number | null;
  /** A Complete or Failed condition the Job already has: it does nothing any more. */
  readonly finished: { readonly type: 'Complete' | 'Failed'; readonly reason: string } | null;
}

export interface Job {
  readonly namespace: string;
  readonly name: string;
  /** spec.completions; null = unset (a work-queue Job: done when any pod succeeds and none runs). */
  readonly completions: number | null;
  readonly parallelism: number;
  readonly backoffLimit: number;
  readonly completionMode: CompletionMode;
  /** null = no deadline. */
  readonly activeDeadlineSeconds: number | null;
  readonly podReplacementPolicy: PodReplacementPolicy;
  readonly suspend: boolean;
  /** spec.podFailurePolicy's rules (null = none). */
  readonly podFailurePolicy: readonly PodFailurePolicyRule[] | null;
  readonly template: PodTemplate;
  /** The status a dump had (absent: the Job starts at t=0). */
  readonly status?: JobStatusSnapshot;
}

export interface PodDisruptionBudget {
  readonly namespace: string;
  readonly name: string;
  /** matchLabels; null = the empty selector (every pod of the namespace). */
  readonly selector: Readonly<Record<string, string>> | null;
  readonly minAvailable: IntOrPercent | null;
  readonly maxUnavailable: IntOrPercent | null;
}

export interface NodeSpec {
  readonly name: string;
  readonly zone: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  /** What the scheduler may hand out: cpu millicores, memory bytes, pod count, ephemeral storage bytes (absent = not modelled). */
  readonly allocatable: { readonly cpu: number; readonly memory: number; readonly pods: number; readonly ephemeralStorage?: number };
  /** Machine memory; null = allocatable + the hard eviction threshold (no reservations). */
  readonly memoryCapacity: number | null;
  /** The node filesystem's size; absent = allocatable + the hard nodefs.available threshold. */
  readonly ephemeralStorageCapacity?: number;
  /** The Ready condition (kubectl dumps; absent = True): False is NotReady, Unknown unreachable. */
  readonly ready?: ConditionStatus;
  /** The MemoryPressure condition is True (kubectl dumps). */
  readonly memoryPressure?: boolean;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** A pod that exists when the simulation starts. */
export interface InventoryPod {
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name` of the owning workload; null for pods no workload owns. */
  readonly workload: string | null;
  /** The owning workload's kind (absent: Deployment). */
  readonly workloadKind?: WorkloadKind;
  /** The pod runs an older revision than its StatefulSet's or DaemonSet's (a dump taken mid-rollout). */
  readonly outdated?: boolean;
  /** A StatefulSet pod's claim zone (pods.csv volume_zone), when known. */
  readonly volumeZone?: string | null;
  /** An Indexed Job pod's batch.kubernetes.io/job-completion-index. */
  readonly completionIndex?: number;
  /** Kind of the controlling owner as found (ReplicaSet, DaemonSet, StatefulSet, Job, ...). */
  readonly ownerKind: string | null;
  readonly node: string | null;
  readonly phase: PodPhase;
  readonly ready: boolean;
  /** The pod's own spec (kubectl dumps), or null to use its Deployment's template. */
  readonly spec: PodTemplate | null;
  /** Current working set in bytes, or null to use the template's memory usage model. */
  readonly memoryUsage: number | null;
  /** Its ReplicaSet's name (kubectl dumps); absent = its Deployment's new ReplicaSet. */
  readonly replicaSet?: string;
  /** What the dump says the pod is doing, with times in ms since the Unix epoch. */
  readonly status?: InventoryPodStatus;
}

/** A dumped pod's state beyond phase and Ready (times in ms since the Unix epoch). */
export interface InventoryPodStatus {
  /** metadata.deletionTimestamp: the end of its grace period (the pod is Terminating). */
  readonly deletionTimestamp?: number;
  /** The PodScheduled condition's lastTransitionTime (when it was bound). */
  readonly scheduledAt?: number;
  /** The Ready condition's lastTransitionTime. */
  readonly readySince?: number;
  /** containerStatuses[0].restartCount (the app container's). */
  readonly restartCount?: number;
  /** The app container's state.waiting.reason (CrashLoopBackOff, ContainerCreating, ...). */
  readonly waiting?: string;
  /** The app container's state.running.startedAt. */
  readonly startedAt?: number;
  /** The app container's lastState.terminated: when it finished, how long it ran (s), exit code, reason. */
  readonly lastTerminated?: { readonly finishedAt: number; readonly ranSeconds: number | null; readonly exitCode: number; readonly reason: string };
}

/** A Namespace object's labels (kubernetes.io/metadata.name is always added). */
export interface NamespaceSpec {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface Inventory {
  readonly nodes: readonly NodeSpec[];
  readonly deployments: readonly Deployment[];
  /** Absent: none (inventories built before these kinds existed). */
  readonly statefulSets?: readonly StatefulSet[];
  readonly daemonSets?: readonly DaemonSet[];
  readonly jobs?: readonly Job[];
  /** OpenKruise CloneSets (absent: none). */
  readonly cloneSets?: readonly CloneSet[];
  readonly pods: readonly InventoryPod[];
  readonly pdbs: readonly PodDisruptionBudget[];
  /** True when a pods list was given: the initial placement is taken from it, not scheduled. */
  readonly hasPodPlacement: boolean;
  /** Namespace objects found (kubectl dumps), for namespaceSelector terms. */
  readonly namespaces?: readonly NamespaceSpec[];
  /**
   * The moment the inventory describes, ms since the Unix epoch: a kubectl dump's latest
   * timestamp, or the scenario's snapshotTime. Times in the inventory count from it (t=0).
   */
  readonly snapshotTime?: number;
  /** What the kubectl dump(s) held and what was made of them (inspect reports it). */
  readonly dump?: DumpReport;
  /** Things the user should know before trusting a run (printed once on stderr). */
  readonly warnings?: readonly string[];
}

/** What a kubectl import read, inferred and left. */
export interface DumpReport {
  /** Objects read, by kind. */
  readonly kinds: Readonly<Record<string, number>>;
  /** Objects of kinds Headroom does not read, by kind. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Workloads made from pods' owner references (no workload object in the dump). */
  readonly inferred: readonly { readonly kind: string; readonly workload: string; readonly pods: number; readonly from: string }[];
  /** Pods whose owner has no controller in Headroom (yet): kept as they are, never replaced. */
  readonly heldAsIs: readonly { readonly kind: string; readonly owner: string; readonly pods: number }[];
  /** Pods without a controller (naked pods; static pods, owned by their Node): unmanaged. */
  readonly nakedPods: number;
  /** Pods bound to nodes no inventory source has (treated as unscheduled). */
  readonly podsOnAbsentNodes: { readonly pods: number; readonly nodes: readonly string[] };
  /** Nodes whose Ready condition is not True. */
  readonly nodesNotReady: readonly { readonly node: string; readonly ready: ConditionStatus }[];
  /** Pods not Running and Ready, by what kubectl's STATUS would say (Pending, CrashLoopBackOff, Terminating, ...). */
  readonly podsNotRunning: Readonly<Record<string, number>>;
  /** HorizontalPodAutoscalers (read and shown; not simulated yet). */
  readonly hpas: readonly { readonly name: string; readonly target: string; readonly minReplicas: number; readonly maxReplicas: number }[];
  /** PriorityClasses by name: their value. */
  readonly priorityClasses: Readonly<Record<string, number>>;
  /** The dump's latest timestamp (ms since the epoch): its snapshot time unless a scenario gives one. */
  readonly latestTimestamp?: number;
}

export const workloadKey = (d: { namespace: string; name: string }): string => `${d.namespace}/${d.name}`;
