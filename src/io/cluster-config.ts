// The scenario's `cluster:` knobs merged over Kubernetes' defaults for the chosen version.
import type { ClusterConfig } from '../model/scenario.js';
import { DEFAULT_VERSION, clusterDefaults, minorVersion } from '../model/cluster-defaults.js';
import { parseThresholdConfig } from '../model/eviction-thresholds.js';
import type { Cluster } from './scenario-schema.js';
import type { PathSegment } from './yaml-source.js';

type Fail = (path: readonly PathSegment[], detail: string) => never;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The kubelet's default evictionHard, as far as Headroom models it (memory and the node filesystem). */
const DEFAULT_EVICTION_HARD = { 'memory.available': '100Mi', 'nodefs.available': '10%' };

export function clusterConfig(c: Cluster | undefined, fail: Fail): ClusterConfig {
  const at = (k: string): PathSegment[] => ['cluster', k];
  const version = c?.version ?? DEFAULT_VERSION;
  try {
    minorVersion(version);
  } catch (e) {
    fail(at('version'), (e as Error).message);
  }
  const cfg: Mutable<ClusterConfig> = { ...clusterDefaults(version) };
  if (!c) return cfg;
  const ms = {
    nodeMonitorPeriod: 'nodeMonitorPeriodMs',
    nodeMonitorGracePeriod: 'nodeMonitorGracePeriodMs',
    nodeStartupGracePeriod: 'nodeStartupGracePeriodMs',
    evictionMonitoringPeriod: 'evictionMonitoringPeriodMs',
    evictionPressureTransitionPeriod: 'evictionPressureTransitionPeriodMs',
    drainRetryPeriod: 'drainRetryMs',
  } as const;
  for (const [key, field] of Object.entries(ms) as [keyof typeof ms, (typeof ms)[keyof typeof ms]][]) {
    if (c[key] !== undefined) cfg[field] = c[key];
  }
  const same = [
    'nodeEvictionRate',
    'secondaryNodeEvictionRate',
    'largeClusterSizeThreshold',
    'unhealthyZoneThreshold',
    'defaultNotReadyTolerationSeconds',
    'defaultUnreachableTolerationSeconds',
    'percentageOfNodesToScore',
  ] as const;
  for (const key of same) if (c[key] !== undefined) cfg[key] = c[key];
  if (c.evictionMaxPodGracePeriod !== undefined) cfg.evictionMaxPodGracePeriodSeconds = c.evictionMaxPodGracePeriod;
  if (c.hardEvictionGracePeriod !== undefined) cfg.hardEvictionGracePeriodSeconds = c.hardEvictionGracePeriod;
  if (cfg.nodeMonitorGracePeriodMs <= cfg.nodeMonitorPeriodMs) {
    fail(at(c.nodeMonitorGracePeriod !== undefined ? 'nodeMonitorGracePeriod' : 'nodeMonitorPeriod'), 'nodeMonitorGracePeriod must be longer than nodeMonitorPeriod');
  }
  const eviction = ['evictionHard', 'evictionSoft', 'evictionSoftGracePeriod', 'evictionMinimumReclaim'] as const;
  if (eviction.some((k) => c[k] !== undefined)) {
    const str = (m: Record<string, string | number> | undefined) =>
      m && Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));
    try {
      cfg.evictionThresholds = parseThresholdConfig({
        evictionHard: str(c.evictionHard) ?? DEFAULT_EVICTION_HARD,
        evictionSoft: str(c.evictionSoft),
        evictionSoftGracePeriod: str(c.evictionSoftGracePeriod),
        evictionMinimumReclaim: str(c.evictionMinimumReclaim),
      });
    } catch (e) {
      // Messages read `evictionHard["memory.available"] = "abc": ...`: point at that field.
      const msg = (e as Error).message;
      const m = /^(evictionHard|evictionSoft|evictionSoftGracePeriod|evictionMinimumReclaim)\["([^"]*)"\](?: = "[^"]*")?: ([\s\S]*)$/.exec(msg);
      if (m) fail(['cluster', m[1], m[2]], m[3]);
      fail(at(eviction.find((k) => c[k] !== undefined)!), msg);
    }
  }
  return cfg;
}
