// Plain data of a cluster inventory, as the loaders produce it and the simulation consumes it.
// Units: cpu in millicores, memory in bytes, times in seconds unless a name says `Ms`.
// Nothing here is mutated after loading; the simulation keeps its own mutable state.

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: TaintEffect;
}

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
}

export interface Container {
  readonly name: string;
  readonly requests: ResourceList;
  readonly limits: ResourceList;
  /** An init container with restartPolicy Always (a sidecar, KEP-753). */
  readonly sidecar?: boolean;
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
      /** True when the value changes with `t`, so it must be re-sampled over time. */
      readonly timeVarying: boolean;
      readonly evaluate: (scope: { request: number; limit: number; t: number }) => number;
    };

export interface TopologySpread {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
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
  readonly topologySpread: readonly TopologySpread[];
  readonly terminationGracePeriodSeconds: number;
  readonly readinessProbe: Probe | null;
  readonly livenessProbe: Probe | null;
  readonly startupProbe: Probe | null;
  /** Time the preStop hook takes (0 = none). */
  readonly preStopSeconds: number;
  /** Scheduling → container running: image pull, sandbox, init containers. */
  readonly startSeconds: number;
  /** Container running → app answers its readiness probe. */
  readonly warmupSeconds: number;
  /** SIGTERM → the app exits. */
  readonly shutdownSeconds: number;
  readonly memoryUsage: MemoryUsage;
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
  /** What the scheduler may hand out: cpu millicores, memory bytes, pod count. */
  readonly allocatable: { readonly cpu: number; readonly memory: number; readonly pods: number };
  /** Machine memory; null = allocatable + the hard eviction threshold (no reservations). */
  readonly memoryCapacity: number | null;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** A pod that exists when the simulation starts. */
export interface InventoryPod {
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name` of the owning Deployment; null for pods no Deployment owns. */
  readonly workload: string | null;
  /** Kind of the controlling owner as found (ReplicaSet, DaemonSet, StatefulSet, Job, ...). */
  readonly ownerKind: string | null;
  readonly node: string | null;
  readonly phase: PodPhase;
  readonly ready: boolean;
  /** The pod's own spec (kubectl dumps), or null to use its Deployment's template. */
  readonly spec: PodTemplate | null;
  /** Current working set in bytes, or null to use the template's memory usage model. */
  readonly memoryUsage: number | null;
}

export interface Inventory {
  readonly nodes: readonly NodeSpec[];
  readonly deployments: readonly Deployment[];
  readonly pods: readonly InventoryPod[];
  readonly pdbs: readonly PodDisruptionBudget[];
  /** True when a pods list was given: the initial placement is taken from it, not scheduled. */
  readonly hasPodPlacement: boolean;
}

export const workloadKey = (d: { namespace: string; name: string }): string => `${d.namespace}/${d.name}`;
