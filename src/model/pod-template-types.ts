// The pod template as the loaders produce it (and the spec of every pod a workload creates):
// containers and their resources, probes, taints and tolerations, the memory usage model,
// topology spread. Units: cpu in millicores, memory in bytes, times in seconds unless a name says `Ms`.
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
