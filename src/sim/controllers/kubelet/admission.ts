// Kubelet admission: the admit handlers a pod bound to the node must pass before it starts.
import { tolerationsTolerateTaint } from '../../../model/taints.js';
import { TAINT_MEMORY_PRESSURE } from '../../../model/well-known.js';
import type { SimNode, SimPod } from '../../state/objects.js';

const MEMORY_PRESSURE_TAINT = { key: TAINT_MEMORY_PRESSURE, value: '', effect: 'NoSchedule' as const };

export interface AdmissionFailure {
  /** status.reason of the refused (Failed) pod, and the event's reason. */
  readonly reason: string;
  readonly message: string;
}

/**
 * The eviction manager's Admit (pkg/kubelet/eviction/eviction_manager.go): under MemoryPressure
 * a BestEffort pod is refused unless it tolerates the memory-pressure taint; critical pods
 * always get in. Null when the pod is admitted.
 */
export function admissionFailure(p: SimPod, node: SimNode): AdmissionFailure | null {
  if (node.memoryPressure && p.qos === 'BestEffort' && !p.critical && !tolerationsTolerateTaint(p.tolerations, MEMORY_PRESSURE_TAINT)) {
    return { reason: 'Evicted', message: 'The node had condition: [MemoryPressure].' };
  }
  return null;
}
