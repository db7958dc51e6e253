// Pod-level resource arithmetic: what the scheduler, the kubelet and the API server compute from a
// pod's containers. cpu in millicores, memory in bytes; an absent key counts as 0 unless a rule
// below gives it a default.
import type { Container, PodTemplate, ResourceList } from './types.js';

export type PodResourceSpec = Pick<PodTemplate, 'containers' | 'initContainers' | 'overhead'>;

export interface PodResources {
  readonly cpu: number;
  readonly memory: number;
}

type Resource = keyof PodResources;
const RESOURCES: readonly Resource[] = ['cpu', 'memory'];
/** Every resource a ResourceList may hold. */
type AnyResource = keyof ResourceList;

/** pkg/scheduler/util: DefaultMilliCPURequest (100m) and DefaultMemoryRequest (200 MiB). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/**
 * component-helpers/resource AggregateContainerRequests, for one resource: the app containers and
 * running sidecars add up; each init container needs its own request plus the sidecars started
 * before it (KEP-753); the pod needs the larger of the two. Overhead is added by the callers.
 */
function aggregate<R extends AnyResource>(spec: PodResourceSpec, r: R, request: (c: Container, r: R) => number): number {
  let sum = 0;
  for (const c of spec.containers) sum += request(c, r);
  let sidecars = 0;
  let initMax = 0;
  for (const c of spec.initContainers) {
    const v = request(c, r);
    if (c.sidecar) {
      sum += v;
      sidecars += v;
      initMax = Math.max(initMax, sidecars);
    } else {
      initMax = Math.max(initMax, v + sidecars);
    }
  }
  return Math.max(sum, initMax);
}

function withOverhead(spec: PodResourceSpec, request: (c: Container, r: Resource) => number): PodResources {
  const [cpu, memory] = RESOURCES.map((r) => aggregate(spec, r, request) + (spec.overhead[r] ?? 0));
  return { cpu, memory };
}

/**
 * component-helpers/resource PodRequests (no options): the pod's effective requests, as the
 * NodeResourcesFit filter, quota and the kubelet's eviction ranking use them. Absent = 0.
 */
export function podRequests(spec: PodResourceSpec): PodResources {
  return withOverhead(spec, (c, r) => c.requests[r] ?? 0);
}

/** PodRequests for ephemeral-storage (bytes): the same aggregation, overhead included. */
export function podEphemeralStorageRequest(spec: PodResourceSpec): number {
  return aggregate(spec, 'ephemeralStorage', (c) => c.requests.ephemeralStorage ?? 0) + (spec.overhead.ephemeralStorage ?? 0);
}

/** What the kubelet reports of a container's resources in its status (in-place resize). */
export interface ContainerResourceStatus {
  /** status.containerStatuses[].allocatedResources (requests the kubelet admitted). */
  readonly allocated?: ResourceList;
  /** status.containerStatuses[].resources.requests (what the runtime applied). */
  readonly actual?: ResourceList;
}

/**
 * PodRequests with UseStatusResources (InPlacePodVerticalScaling on), as the newest
 * AggregateContainerRequests computes it: three aggregations — of the spec's requests, of the
 * allocated resources (containerAllocatedRequests: allocatedResources, else the spec's) and of
 * the actuated ones (containerActuatedRequests: status resources, else allocated, else the
 * spec's) — each summed over regular containers and sidecars and max'ed with every regular init
 * container plus the sidecars before it; the pod needs the largest of the three (a max of sums,
 * not a sum of per-container maxes). While PodResizePending is Infeasible the spec does not
 * count (and stands in for no missing status): max(actuated, allocated). So a Deferred resize
 * already reserves its desired size in the scheduler's view, an Infeasible one does not.
 * `init` / `regular` are aligned with the spec's containers; the overhead is added.
 */
export function podRequestsWithStatus(
  spec: PodResourceSpec,
  status: {
    readonly useStatusResources: boolean;
    readonly resizeInfeasible: boolean;
    readonly init: readonly (ContainerResourceStatus | undefined)[];
    readonly regular: readonly (ContainerResourceStatus | undefined)[];
  },
): Required<ResourceList> {
  const statusOf = new Map<Container, ContainerResourceStatus | undefined>();
  spec.initContainers.forEach((c, i) => statusOf.set(c, status.init[i]));
  spec.containers.forEach((c, i) => statusOf.set(c, status.regular[i]));
  const infeasible = status.useStatusResources && status.resizeInfeasible;
  const fromSpec = (c: Container, r: AnyResource) => c.requests[r] ?? 0;
  const allocated = (c: Container, r: AnyResource) => {
    const a = statusOf.get(c)?.allocated;
    if (a) return a[r] ?? 0;
    return infeasible ? 0 : fromSpec(c, r);
  };
  const actuated = (c: Container, r: AnyResource) => {
    const cs = statusOf.get(c);
    if (cs?.actual) return cs.actual[r] ?? 0;
    if (cs?.allocated) return cs.allocated[r] ?? 0;
    return infeasible ? 0 : fromSpec(c, r);
  };
  const total = (r: AnyResource) => {
    let v: number;
    if (!status.useStatusResources) v = aggregate(spec, r, fromSpec);
    else {
      const both = Math.max(aggregate(spec, r, allocated), aggregate(spec, r, actuated));
      v = infeasible ? both : Math.max(aggregate(spec, r, fromSpec), both);
    }
    return v + (spec.overhead[r] ?? 0);
  };
  return { cpu: total('cpu'), memory: total('memory'), ephemeralStorage: total('ephemeralStorage') };
}

/**
 * The requests LeastAllocated scoring and NodeInfo.NonZeroRequested use: PodRequests with
 * NonMissingContainerRequests = {cpu: 100m, memory: 200Mi} (noderesources/resource_allocation.go
 * calculatePodResourceRequest). The default replaces a request whose key is absent, for init
 * containers too; an explicit 0 stays 0.
 */
export function podNonZeroRequests(spec: PodResourceSpec): PodResources {
  const fallback: PodResources = { cpu: DEFAULT_MILLI_CPU_REQUEST, memory: DEFAULT_MEMORY_REQUEST };
  return withOverhead(spec, (c, r) => c.requests[r] ?? fallback[r]);
}

/**
 * pkg/apis/core/v1/defaults.go SetDefaults_Pod: a container with a limit but no request for a
 * resource gets the limit as its request (only on Pods, not on templates, and before QoS is
 * computed). Returns the same object when nothing changes.
 */
export function defaultRequestsFromLimits(c: Container): Container {
  const requests: { -readonly [K in AnyResource]?: number } = { ...c.requests };
  let changed = false;
  for (const r of ['cpu', 'memory', 'ephemeralStorage'] as const) {
    if (c.limits[r] !== undefined && c.requests[r] === undefined) {
      requests[r] = c.limits[r];
      changed = true;
    }
  }
  return changed ? { ...c, requests: requests as ResourceList } : c;
}

/**
 * The memory ceiling Headroom OOM-kills a pod at. Headroom models one working set per pod, so it
 * enforces one pod-level limit instead of per-container cgroups: the sum of the memory limits of
 * everything that runs alongside the app (regular containers and sidecars), as the kubelet's pod
 * cgroup does (kubelet/cm ResourceConfigForPod: a pod memory limit is only set when every
 * container declares one). null when any of them has no limit (or a limit of 0, which the kubelet
 * treats as none). Overhead is not added: the working set model excludes the sandbox.
 */
export function podMemoryLimit(spec: PodResourceSpec): number | null {
  let sum = 0;
  for (const c of [...spec.containers, ...spec.initContainers.filter((i) => i.sidecar)]) {
    const limit = c.limits.memory;
    if (limit === undefined || limit <= 0) return null;
    sum += limit;
  }
  return spec.containers.length > 0 ? sum : null;
}

/**
 * The memory the pod's running containers ask for: regular containers and sidecars, the same
 * containers podMemoryLimit sums (no overhead, no init containers) — not the scheduler's
 * request, which adds the overhead and takes the largest init container when that is bigger.
 * Headroom's default working set (empty memory_usage) and an expression's `request` are this.
 */
export function runningMemoryRequest(spec: PodResourceSpec): number {
  let sum = 0;
  for (const c of spec.containers) sum += c.requests.memory ?? 0;
  for (const c of spec.initContainers) if (c.sidecar) sum += c.requests.memory ?? 0;
  return sum;
}
