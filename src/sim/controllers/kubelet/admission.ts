// Kubelet admission: the admit handlers a pod bound to the node must pass before it starts —
// the eviction manager's first, then the predicate handler's resource fit.
import { insufficientResource, insufficientResourceName } from '../../../model/resize.js';
import { tolerationsTolerateTaint } from '../../../model/taints.js';
import { TAINT_MEMORY_PRESSURE } from '../../../model/well-known.js';
import type { SimNode, SimPod } from '../../state/objects.js';

const MEMORY_PRESSURE_TAINT = { key: TAINT_MEMORY_PRESSURE, value: '', effect: 'NoSchedule' as const };

export interface AdmissionFailure {
  /** status.reason of the refused (Failed) pod, and the event's reason. */
  readonly reason: string;
  readonly message: string;
}

/** Which pods this kubelet has admitted (the predicate handler counts those). */
export interface AdmittedPods {
  admitted(p: SimPod): boolean;
}

/**
 * The eviction manager's Admit (pkg/kubelet/eviction/eviction_manager.go): under MemoryPressure
 * a BestEffort pod is refused unless it tolerates the memory-pressure taint; critical pods
 * always get in. Then lifecycle/predicate.go Admit: the pod must fit beside the pods the kubelet
 * already admitted (their allocated requests) — an InsufficientResourceError becomes reason
 * OutOfcpu / OutOfmemory / OutOfpods / OutOfephemeral-storage, message "Pod was rejected: …".
 * Null when the pod is admitted.
 */
export function admissionFailure(p: SimPod, node: SimNode, kubelet: AdmittedPods): AdmissionFailure | null {
  // Any pressure but memory alone refuses every non-critical pod.
  if (node.diskPressure && !p.critical) {
    return { reason: 'Evicted', message: `The node had condition: [${node.memoryPressure ? 'MemoryPressure, ' : ''}DiskPressure].` };
  }
  if (node.memoryPressure && p.qos === 'BestEffort' && !p.critical && !tolerationsTolerateTaint(p.tolerations, MEMORY_PRESSURE_TAINT)) {
    return { reason: 'Evicted', message: 'The node had condition: [MemoryPressure].' };
  }
  // The scheduler's view (every pod bound here, p included) can only count more than the
  // kubelet's: when that fits, so does p.
  if (
    node.podCount <= node.allocatablePods &&
    node.requestedCpu <= node.allocatableCpu &&
    node.requestedMemory <= node.allocatableMemory &&
    node.requestedEphemeralStorage <= node.allocatableEphemeralStorage
  ) {
    return null;
  }
  const used = { cpu: 0, memory: 0, ephemeralStorage: 0, pods: 0 };
  for (const q of node.pods) {
    if (q === p || !kubelet.admitted(q)) continue;
    used.cpu += q.cpu;
    used.memory += q.memory;
    used.ephemeralStorage += q.ephemeralStorage;
    used.pods++;
  }
  const capacity = { cpu: node.allocatableCpu, memory: node.allocatableMemory, pods: node.allocatablePods, ephemeralStorage: node.allocatableEphemeralStorage };
  const misfit = insufficientResource({ cpu: p.cpu, memory: p.memory, ephemeralStorage: p.ephemeralStorage }, used, capacity);
  if (misfit === null) return null;
  return { reason: `OutOf${insufficientResourceName(misfit)}`, message: `Pod was rejected: ${misfit}` };
}
