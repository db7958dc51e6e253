// A loaded, validated scenario: the inventory after per-workload overrides, the Kubernetes knobs
// with their defaults resolved, and the timed events. Times are milliseconds (SimTime).
import type { Container, Inventory, IntOrPercent, MemoryUsage, PodTemplate } from './types.js';

/**
 * Kubelet eviction signals (pkg/kubelet/eviction/api/types.go OpForSignal). Headroom simulates
 * only memory.available and allocatableMemory.available; the others are parsed and validated.
 */
export type EvictionSignal =
  | 'memory.available'
  | 'allocatableMemory.available'
  | 'nodefs.available'
  | 'nodefs.inodesFree'
  | 'imagefs.available'
  | 'imagefs.inodesFree'
  | 'containerfs.available'
  | 'containerfs.inodesFree'
  | 'pid.available';

/** One kubelet eviction threshold (`memory.available<100Mi`, or a percentage of capacity). */
export interface EvictionThreshold {
  readonly signal: EvictionSignal;
  /** In the signal's unit: bytes for memory and filesystems, a count for inodes and pids. */
  readonly quantity: number | null;
  /** Fraction of capacity (0..1) when given as a percentage (a float32, as the kubelet keeps it). */
  readonly percentage: number | null;
  /** 0 = hard threshold. */
  readonly gracePeriodMs: number;
  /** evictionMinimumReclaim as a quantity in the signal's unit (0 = none). */
  readonly minReclaim: number;
  /** evictionMinimumReclaim as a fraction of capacity; minReclaim is 0 when this is set. */
  readonly minReclaimPercentage?: number | null;
}

export interface ClusterConfig {
  /** Kubernetes minor version the defaults follow, e.g. "1.34". */
  readonly version: string;
  readonly nodeMonitorPeriodMs: number;
  readonly nodeMonitorGracePeriodMs: number;
  readonly nodeStartupGracePeriodMs: number;
  readonly nodeEvictionRate: number;
  readonly secondaryNodeEvictionRate: number;
  readonly largeClusterSizeThreshold: number;
  readonly unhealthyZoneThreshold: number;
  readonly evictionThresholds: readonly EvictionThreshold[];
  readonly evictionMonitoringPeriodMs: number;
  readonly evictionPressureTransitionPeriodMs: number;
  /** Grace used by the kubelet for hard evictions: 1 s from 1.31, the pod's own before. */
  readonly hardEvictionGracePeriodSeconds: number | null;
  readonly evictionMaxPodGracePeriodSeconds: number;
  /** tolerationSeconds DefaultTolerationSeconds admission adds (kube-apiserver flags). */
  readonly defaultNotReadyTolerationSeconds: number;
  readonly defaultUnreachableTolerationSeconds: number;
  /** Scheduler: percentageOfNodesToScore (0 = adaptive). */
  readonly percentageOfNodesToScore: number;
  /** Kubelet CrashLoopBackOff: initial and maximum delay. */
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  /** kubectl drain: pause between refused evictions (kubectl retries every 5 s). */
  readonly drainRetryMs: number;
}

/** Template fields a rollout may change, and per-workload overrides (same names). */
export interface TemplatePatch {
  readonly template: Partial<PodTemplate>;
}

export type FailureMode = 'unreachable' | 'NotReady';

export type ScenarioAction =
  | { readonly kind: 'rollout'; readonly workload: string; readonly template: PodTemplate }
  | { readonly kind: 'scale'; readonly workload: string; readonly replicas: number }
  | { readonly kind: 'nodeFailure'; readonly node: string; readonly mode: FailureMode }
  | { readonly kind: 'nodeRecover'; readonly node: string }
  | { readonly kind: 'zoneFailure'; readonly zone: string; readonly mode: FailureMode }
  | { readonly kind: 'zoneRecover'; readonly zone: string }
  | { readonly kind: 'memoryUsage'; readonly workload: string; readonly usage: MemoryUsage }
  /** In-place resize of the workload's running pods: their app container's new resources (the template is unchanged). */
  | { readonly kind: 'resize'; readonly workload: string; readonly container: Container }
  | { readonly kind: 'drain'; readonly node: string }
  | { readonly kind: 'cordon'; readonly node: string }
  | { readonly kind: 'uncordon'; readonly node: string };

export interface ScenarioEvent {
  readonly atMs: number;
  /** Position in the scenario's `events` list (for messages and stable ordering). */
  readonly index: number;
  readonly action: ScenarioAction;
  /** Short human label, e.g. "rollout shop/web". */
  readonly label: string;
}

export interface Scenario {
  readonly name: string;
  /** Path of the scenario file ('' when built in memory). */
  readonly file: string;
  readonly inventory: Inventory;
  readonly durationMs: number;
  readonly seed: number;
  readonly cluster: ClusterConfig;
  readonly events: readonly ScenarioEvent[];
  /** The scenario document after --set overrides, for reports that must stand alone. */
  readonly source: unknown;
  /** The --set overrides applied, as given. */
  readonly overrides: readonly string[];
}

export type { IntOrPercent };
