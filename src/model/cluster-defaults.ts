// Kubernetes' own defaults for the knobs under a scenario's `cluster:`, by version.
import type { ClusterConfig } from './scenario.js';

export const DEFAULT_VERSION = '1.34';

const MI = 1024 * 1024;

/** Parses "1.34" / "v1.31.2" into a comparable minor number (34, 31); throws on nonsense. */
export function minorVersion(version: string): number {
  const m = /^v?1\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  if (!m) throw new Error(`"${version}" is not a Kubernetes version like "1.34"`);
  return Number(m[1]);
}

/**
 * Defaults for a Kubernetes minor version:
 * - kube-controller-manager node lifecycle: --node-monitor-period 5s, --node-monitor-grace-period
 *   50s from 1.32 (kubernetes#126287) and 40s before, --node-startup-grace-period 60s,
 *   --node-eviction-rate 0.1, --secondary-node-eviction-rate 0.01,
 *   --large-cluster-size-threshold 50, --unhealthy-zone-threshold 0.55;
 * - kubelet: evictionHard memory.available<100Mi and nodefs.available<10% (pkg/kubelet/eviction/
 *   defaults_linux.go; the inode and imagefs defaults are not simulated),
 *   evictionMonitoringPeriod 10s (pkg/kubelet/kubelet.go), evictionPressureTransitionPeriod 5m,
 *   evictionMaxPodGracePeriod 0; hard evictions kill with a 1 s grace from 1.31 (kubernetes#124063)
 *   and, before it, effectively with the pod's own grace period (kubernetes#115819);
 *   CrashLoopBackOff 10s doubling to 300s (client-go flowcontrol backoff);
 * - kube-apiserver: --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds 300;
 * - scheduler: percentageOfNodesToScore 0 (adaptive);
 * - kubectl drain retries a refused eviction every 5 s.
 */
export function clusterDefaults(version: string = DEFAULT_VERSION): ClusterConfig {
  const minor = minorVersion(version);
  return {
    version,
    nodeMonitorPeriodMs: 5_000,
    nodeMonitorGracePeriodMs: minor >= 32 ? 50_000 : 40_000,
    nodeStartupGracePeriodMs: 60_000,
    nodeEvictionRate: 0.1,
    secondaryNodeEvictionRate: 0.01,
    largeClusterSizeThreshold: 50,
    unhealthyZoneThreshold: 0.55,
    evictionThresholds: [
      { signal: 'memory.available', quantity: 100 * MI, percentage: null, gracePeriodMs: 0, minReclaim: 0 },
      // "10%" as the kubelet keeps it (a float32 fraction).
      { signal: 'nodefs.available', quantity: null, percentage: Math.fround(10 / 100), gracePeriodMs: 0, minReclaim: 0 },
    ],
    evictionMonitoringPeriodMs: 10_000,
    evictionPressureTransitionPeriodMs: 300_000,
    hardEvictionGracePeriodSeconds: minor >= 31 ? 1 : null,
    evictionMaxPodGracePeriodSeconds: 0,
    defaultNotReadyTolerationSeconds: 300,
    defaultUnreachableTolerationSeconds: 300,
    percentageOfNodesToScore: 0,
    backoffInitialMs: 10_000,
    backoffMaxMs: 300_000,
    drainRetryMs: 5_000,
  };
}

/** The hard nodefs.available threshold in bytes for a node filesystem of the given size (0 if none). */
export function hardNodefsThreshold(cfg: ClusterConfig, capacity: number): number {
  let v = 0;
  for (const t of cfg.evictionThresholds) {
    if (t.gracePeriodMs !== 0 || t.signal !== 'nodefs.available') continue;
    v = Math.max(v, t.quantity ?? Math.trunc((t.percentage ?? 0) * capacity));
  }
  return v;
}

/** The hard memory.available threshold in bytes for a node of the given capacity (0 if none). */
export function hardMemoryThreshold(cfg: ClusterConfig, capacity: number): number {
  let v = 0;
  for (const t of cfg.evictionThresholds) {
    if (t.gracePeriodMs !== 0 || t.signal !== 'memory.available') continue;
    // GetThresholdQuantity: int64(capacity * percentage), truncated.
    const q = t.quantity ?? Math.trunc((t.percentage ?? 0) * capacity);
    v = Math.max(v, q);
  }
  return v;
}
