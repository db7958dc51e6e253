// oom_score_adj the kubelet gives a container, as pkg/kubelet/qos/policy.go
// GetContainerOOMScoreAdjust computes it. The kernel kills the highest oom_score (about ten times
// the percentage of memory used, plus this adjustment) first when the node runs out of memory.
import type { QOSClass } from './qos.js';
import type { Container } from './types.js';

/** policy.go guaranteedOOMScoreAdj (-998 in releases before 1.9) and besteffortOOMScoreAdj. */
export const GUARANTEED_OOM_SCORE_ADJ = -997;
export const BEST_EFFORT_OOM_SCORE_ADJ = 1000;

/**
 * Node-critical pods (system-node-critical) and Guaranteed pods: -997; BestEffort: 1000;
 * Burstable: 1000 - floor(1000 * request / capacity) using the container's own memory request,
 * kept within [3, 999] so it stays above Guaranteed and below BestEffort. A
 * system-cluster-critical pod is not special here.
 */
export function containerOOMScoreAdjust(
  qos: QOSClass,
  containerMemoryRequest: number,
  memoryCapacity: number,
  nodeCritical: boolean,
): number {
  if (nodeCritical || qos === 'Guaranteed') return GUARANTEED_OOM_SCORE_ADJ;
  if (qos === 'BestEffort') return BEST_EFFORT_OOM_SCORE_ADJ;
  // Go int64 arithmetic: the division truncates (requests and capacity are non-negative).
  const adj = 1000 - Math.floor((1000 * containerMemoryRequest) / memoryCapacity);
  if (adj < 1000 + GUARANTEED_OOM_SCORE_ADJ) return 1000 + GUARANTEED_OOM_SCORE_ADJ;
  if (adj === BEST_EFFORT_OOM_SCORE_ADJ) return adj - 1;
  return adj;
}

/**
 * The adjustment Headroom uses for a whole pod: that of its first regular container (Headroom
 * models one working set per pod). Sidecar and multi-container refinements of policy.go are not
 * modelled.
 */
export function podOOMScoreAdjust(
  spec: { readonly containers: readonly Container[] },
  qos: QOSClass,
  memoryCapacity: number,
  nodeCritical: boolean,
): number {
  const first = spec.containers[0];
  return containerOOMScoreAdjust(qos, first?.requests.memory ?? 0, memoryCapacity, nodeCritical);
}
