// The workload kinds as the loaders produce them — Deployment (and a dump's ReplicaSets),
// StatefulSet, DaemonSet, OpenKruise CloneSet, Job — and PodDisruptionBudgets.
import type { IntOrPercent, PodTemplate } from './pod-template-types.js';

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
