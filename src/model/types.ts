// Plain data of a cluster inventory, as the loaders produce it and the simulation consumes it.
// Units: cpu in millicores, memory in bytes, times in seconds unless a name says `Ms`.
// Nothing here is mutated after loading; the simulation keeps its own mutable state.

import type { ConditionStatus, PodTemplate, Taint } from './pod-template-types.js';
import type { CloneSet, DaemonSet, Deployment, Job, PodDisruptionBudget, StatefulSet, WorkloadKind } from './workload-types.js';

// The pod template and the workload kinds live in their own files; importers keep this path.
export * from './pod-template-types.js';
export * from './workload-types.js';

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
