// Pod QoS class, as pkg/apis/core/v1/helper/qos/qos.go ComputePodQOS derives it from the
// container-level resources (collectContainerLevelResources). Headroom has no pod-level
// resources (spec.resources, PodLevelResources gate), so that branch of ComputePodQOS is absent.
// Compute it on a defaulted pod (see defaultRequestsFromLimits): the API server defaults requests
// from limits before the class is stored in status.qosClass, where it then never changes.
import type { Container } from './types.js';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export interface ContainerLevelResources {
  /** Sums of the positive cpu/memory requests; a key is present only if some container had one. */
  readonly requests: { cpu?: number; memory?: number };
  readonly limits: { cpu?: number; memory?: number };
  /** Every container (init ones included) has a positive cpu AND memory limit. */
  readonly allContainersHaveCpuAndMemoryLimits: boolean;
}

type Spec = { readonly containers: readonly Container[]; readonly initContainers: readonly Container[] };
const QOS_RESOURCES = ['cpu', 'memory'] as const; // only these count; hugepages etc. are ignored

/**
 * qos.go collectContainerLevelResources: regular and init containers are summed (not maxed);
 * quantities <= 0 are ignored, so an explicit "0" is like no value at all.
 */
export function collectContainerLevelResources(spec: Spec): ContainerLevelResources {
  const requests: { cpu?: number; memory?: number } = {};
  const limits: { cpu?: number; memory?: number } = {};
  let allLimited = true;
  for (const c of [...spec.containers, ...spec.initContainers]) {
    let limitsFound = 0;
    for (const r of QOS_RESOURCES) {
      const req = c.requests[r];
      if (req !== undefined && req > 0) requests[r] = (requests[r] ?? 0) + req;
      const lim = c.limits[r];
      if (lim !== undefined && lim > 0) {
        limits[r] = (limits[r] ?? 0) + lim;
        limitsFound++;
      }
    }
    if (limitsFound < QOS_RESOURCES.length) allLimited = false;
  }
  return { requests, limits, allContainersHaveCpuAndMemoryLimits: allLimited };
}

/**
 * ComputePodQOS: BestEffort when nothing was collected; Guaranteed when every container limits
 * cpu and memory and each summed request equals its summed limit (and as many resources have
 * requests as have limits); Burstable otherwise.
 */
export function computePodQOS(spec: Spec): QOSClass {
  const { requests, limits, allContainersHaveCpuAndMemoryLimits } = collectContainerLevelResources(spec);
  const reqKeys = QOS_RESOURCES.filter((r) => requests[r] !== undefined);
  const limKeys = QOS_RESOURCES.filter((r) => limits[r] !== undefined);
  if (reqKeys.length === 0 && limKeys.length === 0) return 'BestEffort';
  const equal = reqKeys.every((r) => limits[r] !== undefined && limits[r] === requests[r]);
  return allContainersHaveCpuAndMemoryLimits && equal && reqKeys.length === limKeys.length ? 'Guaranteed' : 'Burstable';
}
