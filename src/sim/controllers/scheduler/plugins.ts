// The default scheduler's resource arithmetic, from pkg/scheduler/framework/plugins/noderesources
// (fit.go, least_allocated.go, balanced_allocation.go, resource_allocation.go) and
// pkg/scheduler/schedule_one.go. cpu in millicores, memory in bytes; integer math as upstream.

export interface NodeFitInput {
  readonly allocatableCpu: number;
  readonly allocatableMemory: number;
  readonly allocatablePods: number;
  /** Sum of the actual requests (podRequests) of the pods already assigned to the node. */
  readonly requestedCpu: number;
  readonly requestedMemory: number;
  readonly podCount: number;
  /** ephemeral-storage (absent: not modelled, never insufficient). */
  readonly allocatableEphemeralStorage?: number;
  readonly requestedEphemeralStorage?: number;
}

export interface InsufficientResource {
  readonly resource: 'pods' | 'cpu' | 'memory';
  /** The scheduler's failure reason: "Too many pods", "Insufficient cpu", "Insufficient memory". */
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
  /** The pod asks for more than the node's whole allocatable: preemption cannot help. */
  readonly unresolvable: boolean;
}

/**
 * fit.go fitsRequest: the pod count is checked first and always; a pod requesting nothing then
 * fits; a resource the pod requests 0 of is never checked (an over-committed node still takes
 * it); a request that exactly fills the free space fits.
 */
export function fitsRequest(node: NodeFitInput, pod: { readonly cpu: number; readonly memory: number }): InsufficientResource[] {
  const misfit = insufficient(node, pod);
  const out: InsufficientResource[] = [];
  if (misfit & INSUFFICIENT_PODS) {
    out.push({ resource: 'pods', reason: 'Too many pods', requested: 1, used: node.podCount, capacity: node.allocatablePods, unresolvable: false });
  }
  if (misfit & INSUFFICIENT_CPU) {
    out.push({ resource: 'cpu', reason: 'Insufficient cpu', requested: pod.cpu, used: node.requestedCpu, capacity: node.allocatableCpu, unresolvable: pod.cpu > node.allocatableCpu });
  }
  if (misfit & INSUFFICIENT_MEMORY) {
    out.push({
      resource: 'memory',
      reason: 'Insufficient memory',
      requested: pod.memory,
      used: node.requestedMemory,
      capacity: node.allocatableMemory,
      unresolvable: pod.memory > node.allocatableMemory,
    });
  }
  return out;
}

export const INSUFFICIENT_PODS = 1;
export const INSUFFICIENT_CPU = 2;
export const INSUFFICIENT_MEMORY = 4;
export const INSUFFICIENT_EPHEMERAL_STORAGE = 8;

/**
 * fitsRequest's verdict as bits (INSUFFICIENT_*; 0 = fits), allocation-free for the scheduler's
 * hot paths. The pod count is checked first and always; a pod requesting nothing then fits; a
 * resource with a 0 request is never checked; exactly filling the free space fits.
 */
export function insufficient(node: NodeFitInput, pod: { readonly cpu: number; readonly memory: number; readonly ephemeralStorage?: number }): number {
  let bits = node.podCount + 1 > node.allocatablePods ? INSUFFICIENT_PODS : 0;
  const es = pod.ephemeralStorage ?? 0;
  if (pod.cpu === 0 && pod.memory === 0 && es === 0) return bits;
  if (pod.cpu > 0 && pod.cpu > node.allocatableCpu - node.requestedCpu) bits |= INSUFFICIENT_CPU;
  if (pod.memory > 0 && pod.memory > node.allocatableMemory - node.requestedMemory) bits |= INSUFFICIENT_MEMORY;
  if (es > 0 && es > (node.allocatableEphemeralStorage ?? Infinity) - (node.requestedEphemeralStorage ?? 0)) bits |= INSUFFICIENT_EPHEMERAL_STORAGE;
  return bits;
}

export const MAX_NODE_SCORE = 100;

/** least_allocated.go leastRequestedScore: free share of one resource, 0..100, truncated. */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * least_allocated.go leastResourceScorer with explicit weights. Resources the node has none of
 * (allocatable 0) are left out of the weighted average, as resourceAllocationScorer.score does;
 * with none left the score is 0.
 */
export function leastAllocatedWeightedScore(
  resources: readonly { readonly allocatable: number; readonly requested: number; readonly weight: number }[],
): number {
  let score = 0;
  let weights = 0;
  for (const r of resources) {
    if (r.allocatable === 0) continue;
    score += leastRequestedScore(r.requested, r.allocatable) * r.weight;
    weights += r.weight;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
}

/**
 * NodeResourcesFit's default LeastAllocated score with cpu and memory weighted 1 each. `req*` is
 * the node's NonZeroRequested plus the incoming pod's podNonZeroRequests (100m / 200Mi for absent
 * requests).
 */
export function leastAllocatedScore(allocCpu: number, allocMem: number, reqCpu: number, reqMem: number): number {
  // The two-resource case of leastAllocatedWeightedScore, without allocating (scheduler hot path).
  if (allocCpu === 0) return allocMem === 0 ? 0 : leastRequestedScore(reqMem, allocMem);
  if (allocMem === 0) return leastRequestedScore(reqCpu, allocCpu);
  return Math.trunc((leastRequestedScore(reqCpu, allocCpu) + leastRequestedScore(reqMem, allocMem)) / 2);
}

/**
 * balanced_allocation.go balancedResourceScorer for cpu and memory: fractions requested/allocatable
 * capped at 1 (resources with allocatable 0 skipped); with two of them std = |f1 - f2| / 2; the
 * score is int((1 - std) * 100). Unlike LeastAllocated it uses the actual requests (useRequested:
 * no 100m / 200Mi defaults): `req*` = node's requested + the pod's podRequests.
 */
export function balancedAllocationScore(allocCpu: number, allocMem: number, reqCpu: number, reqMem: number): number {
  if (allocCpu === 0 || allocMem === 0) return MAX_NODE_SCORE; // one fraction or none: std 0
  const std = Math.abs((Math.min(reqCpu / allocCpu, 1) - Math.min(reqMem / allocMem, 1)) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * BalancedAllocation PreScore returns Skip for a pod whose (actual) cpu and memory requests are
 * both 0, so such pods get no BalancedAllocation score at all (kubernetes#129138).
 */
export function balancedAllocationSkips(pod: { readonly cpu: number; readonly memory: number }): boolean {
  return pod.cpu === 0 && pod.memory === 0;
}

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * schedule_one.go numFeasibleNodesToFind: every node below 100 nodes; otherwise the configured
 * percentage, or when 0 the adaptive 50 - nodes/125 (at least 5 %), of the nodes, and at least
 * 100. Filtering stops once this many feasible nodes are found.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return Math.max(numNodes, MIN_FEASIBLE_NODES_TO_FIND);
}
