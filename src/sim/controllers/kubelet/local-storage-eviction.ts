// The kubelet eviction manager's ephemeral-storage side, after pkg/kubelet/eviction
// eviction_manager.go localStorageEviction (emptyDirEvictions, podEphemeralStorageLimitEviction,
// containerEphemeralStorageLimitEviction) and the DiskPressure reclaim (rankDiskPressureFunc;
// no images or dead containers to collect in Headroom), with helpers.go's messages. Called by
// EvictionManager.synchronize (eviction-manager.ts) for one node.
import type { EvictionThreshold } from '../../../model/scenario.js';
import { canonical, formatBytes } from '../../../model/quantity.js';
import type { SimTime } from '../../engine/time.js';
import type { ClusterState } from '../../state/cluster-state.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import { storageUsage, usesStorage } from './usage.js';
import { disk, exceedDiskRequests, orderedBy, priority, thresholdQuantity, type SignalObservations } from './eviction-helpers.js';

/** The kubelet's killPodFunc (PodKiller in eviction-manager.ts). */
export interface PodEvictor {
  /**
   * Kills the pod with `graceSeconds`; returns when it will be gone. `condition`: add
   * DisruptionTarget (node-pressure evictions do, local-storage ones do not).
   */
  evict(p: SimPod, graceSeconds: number, message: string, condition?: boolean): SimTime;
}

/**
 * localStorageEviction: every active pod over a local-storage limit is evicted, the first
 * violation in this order naming why — an emptyDir over its sizeLimit, the pod over its
 * containers' total ephemeral-storage limit, a container over its own — with the immediate
 * grace period and no DisruptionTarget. Critical pods are skipped. Returns when the last will
 * be gone, or null if none was.
 */
export function localStorageEviction(c: ClusterState, kubelet: PodEvictor, n: SimNode): { killUntil: SimTime } | null {
  let until: SimTime | null = null;
  const now = c.now;
  for (const p of [...n.pods].sort((a, b) => a.id - b.id)) {
    if (p.deletedAt >= 0 || p.killedByKubelet || p.critical || !usesStorage(p)) continue;
    const message = localStorageViolation(p, storageUsage(p, now));
    if (message === null) continue;
    const grace = c.config.hardEvictionGracePeriodSeconds ?? p.spec.terminationGracePeriodSeconds;
    c.recordEviction(p);
    const end = kubelet.evict(p, grace, message, false);
    until = until === null ? end : Math.max(until, end);
  }
  return until === null ? null : { killUntil: until };
}

/**
 * DiskPressure: no images or dead containers to collect in Headroom, so straight to pods —
 * rankDiskPressureFunc: ephemeral usage over the request first, lower priority, the larger overage.
 */
export function reclaimDisk(c: ClusterState, kubelet: PodEvictor, n: SimNode, t: EvictionThreshold, obs: SignalObservations): { killUntil: SimTime } | null {
  const now = c.now;
  const candidates = [...n.pods]
    .filter((p) => p.deletedAt < 0 && !p.killedByKubelet)
    .map((p) => ({ name: p.name, priority: p.priority, diskUsage: storageUsage(p, now).total, diskRequest: p.ephemeralStorage, pod: p }));
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  candidates.sort(orderedBy<(typeof candidates)[number]>(exceedDiskRequests, priority, disk, byName));
  const o = obs[t.signal]!;
  const threshold = thresholdQuantity(t, o.capacity);
  c.recorder.event(now, 'Warning', 'EvictionThresholdMet', `node/${n.name}`, 'Attempting to reclaim ephemeral-storage', { node: n.name });
  for (const cand of candidates) {
    const p = cand.pod;
    if (p.critical) continue;
    const hard = t.gracePeriodMs === 0;
    const cfg = c.config;
    let grace = p.spec.terminationGracePeriodSeconds;
    if (hard && cfg.hardEvictionGracePeriodSeconds !== null) grace = cfg.hardEvictionGracePeriodSeconds;
    if (!hard && cfg.evictionMaxPodGracePeriodSeconds > 0) grace = Math.min(grace, cfg.evictionMaxPodGracePeriodSeconds);
    const message =
      `The node was low on resource: ephemeral-storage. Threshold quantity: ${formatBytes(threshold)}, available: ${formatBytes(o.available)}. ` +
      `Container ${p.spec.containers[0]?.name ?? p.name} was using ${formatBytes(cand.diskUsage)}, request is ${formatBytes(cand.diskRequest)}, has larger consumption of ephemeral-storage.`;
    return { killUntil: kubelet.evict(p, grace, message) };
  }
  return null;
}

/** Quantity.String of a byte count (BinarySI): "1Gi", "500Mi", "1234". */
const quantity = (bytes: number): string => canonical({ num: BigInt(Math.round(bytes)), den: 1n, format: 'binary' });

/** The local-storage limit the pod is over, in the eviction manager's words (helpers.go formats), or null. */
export function localStorageViolation(p: SimPod, u: { readonly container: number; readonly volumes: readonly number[]; readonly total: number }): string | null {
  const dirs = p.spec.emptyDirs;
  for (let i = 0; i < dirs.length; i++) {
    const limit = dirs[i].sizeLimit;
    if (!dirs[i].memory && limit !== null && limit > 0 && u.volumes[i] > limit) return `Usage of EmptyDir volume "${dirs[i].name}" exceeds the limit "${quantity(limit)}". `;
  }
  // PodLimits: the containers' (and sidecars') ephemeral-storage limits, found if any has one.
  let podLimit: number | null = null;
  for (const c of [...p.spec.containers, ...p.spec.initContainers.filter((x) => x.sidecar)]) {
    const l = c.limits.ephemeralStorage;
    if (l !== undefined) podLimit = (podLimit ?? 0) + l;
  }
  if (podLimit !== null && u.total > podLimit) return `Pod ephemeral local storage usage exceeds the total limit of containers ${quantity(podLimit)}. `;
  const main = p.spec.containers[0];
  const own = main?.limits.ephemeralStorage;
  if (own !== undefined && u.container > own) return `Container ${main.name} exceeded its local ephemeral storage limit "${quantity(own)}". `;
  return null;
}

