// In-place pod resize: the kubelet's decision on a pending resize (pkg/kubelet/allocation
// allocation_manager.go handlePodResourcesResize / canResizePod; 1.32 kubelet.go canResizePod)
// and the statuses it reports (kubelet_pods.go determinePodResizeStatus: status.resize before
// 1.33, the PodResizePending / PodResizeInProgress conditions from 1.33).
// cpu in millicores, memory in bytes.

export interface Resources {
  readonly cpu: number;
  readonly memory: number;
}

export interface ResizeRequest {
  /** The node's allocatable (GetNodeAllocatableAbsolute) and pod capacity. */
  readonly allocatable: Resources & { readonly pods: number };
  /** Σ allocated requests of the other pods the kubelet has admitted on the node, and their number. */
  readonly others: Resources & { readonly pods: number };
  /** The pod's requests (PodRequests: init containers and overhead in) at the desired and the allocated sizes. */
  readonly desired: Resources;
  readonly allocated: Resources;
  /** Something else than the requests changed too (limits): still a resize to actuate. */
  readonly limitsChanged?: boolean;
  readonly staticPod?: boolean;
}

export type ResizeDecision =
  | { readonly kind: 'None' }
  | { readonly kind: 'InProgress' }
  | { readonly kind: 'Deferred' | 'Infeasible'; readonly message: string };

/**
 * handlePodResourcesResize for one pod: nothing to do when desired = allocated; Infeasible
 * when the new requests exceed the node's allocatable (memory checked first) or the pod is
 * static; Deferred when they do not fit beside the other pods' allocations (canAdmitPod: the
 * first insufficient resource — pods, cpu, memory — in the admit handler's words); otherwise
 * the allocation takes the desired values and the resize is InProgress.
 */
export function decideResize(r: ResizeRequest): ResizeDecision {
  if (r.desired.cpu === r.allocated.cpu && r.desired.memory === r.allocated.memory && !r.limitsChanged) return { kind: 'None' };
  if (r.staticPod) return { kind: 'Infeasible', message: 'In-place resize of static-pods is not supported' };
  const a = r.allocatable;
  if (r.desired.cpu > a.cpu || r.desired.memory > a.memory) {
    const what =
      r.desired.memory > a.memory
        ? `memory, requested: ${r.desired.memory}, capacity: ${a.memory}`
        : `cpu, requested: ${r.desired.cpu}, capacity: ${a.cpu}`;
    return { kind: 'Infeasible', message: `Node didn't have enough capacity: ${what}` };
  }
  const misfit = insufficientResource(r.desired, r.others, a);
  if (misfit) return { kind: 'Deferred', message: misfit };
  return { kind: 'InProgress' };
}

/**
 * The admit handler's fit check (lifecycle/predicate.go over noderesources.Fits) for a pod of
 * `requests` beside `used`: the first resource that does not fit, as InsufficientResourceError
 * prints it, or null.
 */
export function insufficientResource(
  requests: Resources & { readonly ephemeralStorage?: number },
  used: Resources & { readonly pods: number; readonly ephemeralStorage?: number },
  capacity: Resources & { readonly pods: number; readonly ephemeralStorage?: number },
): string | null {
  const msg = (name: string, req: number, u: number, cap: number) =>
    `Node didn't have enough resource: ${name}, requested: ${req}, used: ${u}, capacity: ${cap}`;
  if (used.pods + 1 > capacity.pods) return msg('pods', 1, used.pods, capacity.pods);
  if (requests.cpu > 0 && requests.cpu > capacity.cpu - used.cpu) return msg('cpu', requests.cpu, used.cpu, capacity.cpu);
  if (requests.memory > 0 && requests.memory > capacity.memory - used.memory) return msg('memory', requests.memory, used.memory, capacity.memory);
  const es = requests.ephemeralStorage ?? 0;
  const esCap = capacity.ephemeralStorage ?? 0;
  if (es > 0 && esCap > 0 && es > esCap - (used.ephemeralStorage ?? 0)) return msg('ephemeral-storage', es, used.ephemeralStorage ?? 0, esCap);
  return null;
}

/** PodResizeInProgress: the allocation differs from what the runtime actuated. */
export function isResizeInProgress(allocated: Resources, actual: Resources): boolean {
  return allocated.cpu !== actual.cpu || allocated.memory !== actual.memory;
}

/** The resource an InsufficientResourceError message names ("OutOf" + it is the admission reason). */
export function insufficientResourceName(message: string): string {
  return /enough resource: ([^,]+),/.exec(message)?.[1] ?? '';
}

/** status.resize (≤ 1.32) or the resize conditions (≥ 1.33) a pod reports. */
export type ResizeState = 'Proposed' | 'InProgress' | 'Deferred' | 'Infeasible';

/** Whether the cluster's version reports resizes as conditions (PodResizePending / PodResizeInProgress). */
export function resizeConditionsFrom(version: string): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return true;
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > 1 || (maj === 1 && min >= 33);
}
