// A container's working set from the app's memory model (a simulation input): the request, a
// fixed size, or a sandboxed expression of request, limit, t and uptime, sampled when the
// kubelet reads stats. A container starts from its baseline: `t` counts from when the model
// took effect or, for a container (instance) started later, from its start — a leak starts
// over after a restart — and `uptime` always from the instance's start.
import type { MemoryUsage } from '../../../model/types.js';
import type { SimTime } from '../../engine/time.js';
import type { SimPod } from '../../state/objects.js';

export function workingSet(p: SimPod, now: SimTime, usage: MemoryUsage = p.usage): number {
  switch (usage.kind) {
    case 'request':
      return p.runningMemory;
    case 'bytes':
      return usage.bytes;
    case 'expression': {
      // Without a limit, a container is bounded only by the machine: use the node's memory.
      const limit = p.memoryLimit ?? p.node?.memoryCapacity ?? p.runningMemory;
      const since = Math.max(p.usageSince, p.runningSince);
      const v = usage.evaluate({ request: p.runningMemory, limit, t: (now - since) / 1000, uptime: (now - p.runningSince) / 1000 });
      // The compiled expression refuses NaN, ±Infinity and negative values (io/expression.ts).
      return Math.round(v);
    }
  }
}

/** What the pod writes to the node filesystem (the kubelet's summary stats), bytes. */
export interface StorageUsage {
  /** The app container's writable layer and logs (0 unless it runs). */
  readonly container: number;
  /** Its emptyDir volumes on disk (medium Memory ones count as memory, not here), by volume. */
  readonly volumes: readonly number[];
  /** container + Σ volumes. */
  readonly total: number;
}

const NONE: StorageUsage = { container: 0, volumes: [], total: 0 };

/** Whether the pod writes anything to the node filesystem, or limits what it may. */
export const usesStorage = (p: SimPod): boolean => p.usesStorage;

/** The pod's ephemeral-storage usage now, from its model (`request` = the app's ephemeral-storage request). */
export function storageUsage(p: SimPod, now: SimTime): StorageUsage {
  if (!p.holdsResources) return NONE;
  const volumes = p.spec.emptyDirs.map((v) => (v.memory ? 0 : v.usage));
  let container = 0;
  if (p.running) {
    const main = p.spec.containers[0];
    const request = main?.requests.ephemeralStorage ?? 0;
    const u = p.spec.ephemeralStorageUsage;
    if (u.kind === 'bytes') container = u.bytes;
    else if (u.kind === 'request') container = request;
    else {
      const limit = main?.limits.ephemeralStorage ?? (Number.isFinite(p.node?.ephemeralStorageCapacity) ? p.node!.ephemeralStorageCapacity : request);
      const since = Math.max(p.usageSince, p.runningSince);
      const v = u.evaluate({ request, limit, t: (now - since) / 1000, uptime: (now - p.runningSince) / 1000 });
      container = Math.round(v);
    }
  }
  let total = container;
  for (const v of volumes) total += v;
  return { container, volumes, total };
}
