// The scoring half of a scheduling cycle (prioritizeNodes, selectHost in schedule_one.go) with
// the default profile's score plugins: TaintToleration ×3, NodeAffinity ×2 (preferred terms),
// PodTopologySpread ×2 (system default spreading when the pod has no constraints),
// InterPodAffinity ×2, NodeResourcesFit LeastAllocated ×1, NodeResourcesBalancedAllocation ×1.
// ImageLocality scores every node alike here and is left out. A plugin whose PreScore skips
// (nothing to prefer) adds nothing.
import { tolerationsTolerateTaint } from '../../../model/taints.js';
import type { Stream } from '../../engine/rng.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import type { CycleState } from './framework.js';
import { addInterPodScores } from './plugins/inter-pod-affinity-scoring.js';
import { addNodeAffinityScores } from './plugins/node-affinity.js';
import { addSpreadScores } from './plugins/pod-topology-spread.js';
import { balancedAllocationScore, leastAllocatedScore } from './plugins.js';

const WEIGHT = { taintToleration: 3, nodeAffinity: 2, podTopologySpread: 2, interPodAffinity: 2, fit: 1, balanced: 1 } as const;

let totals: number[] = [];
/** A zeroed score list of `n` entries (one list reused: selectHost never nests). */
function scratch(n: number): number[] {
  if (totals.length < n) totals = new Array<number>(n);
  totals.fill(0, 0, n);
  return totals;
}

/** prioritizeNodes + selectHost: highest weighted score; ties broken at random (reservoir). */
export function selectHost(state: CycleState, feasible: SimNode[], rng: Stream): SimNode {
  const p = state.pod;
  const total = scratch(feasible.length);
  addTaintTolerationScores(p, feasible, total);
  addNodeAffinityScores(state.group, feasible, total, WEIGHT.nodeAffinity);
  addSpreadScores(state, feasible, total, WEIGHT.podTopologySpread);
  addInterPodScores(state.group, state.ctx.groups, feasible, total, WEIGHT.interPodAffinity);
  // BalancedAllocation skips pods that request nothing (kubernetes#129138).
  const balanced = p.cpu > 0 || p.memory > 0;
  for (let i = 0; i < feasible.length; i++) {
    const node = feasible[i];
    total[i] +=
      WEIGHT.fit *
      leastAllocatedScore(node.allocatableCpu, node.allocatableMemory, node.nonZeroCpu + p.nonZeroCpu, node.nonZeroMemory + p.nonZeroMemory);
    if (balanced) {
      total[i] +=
        WEIGHT.balanced *
        balancedAllocationScore(node.allocatableCpu, node.allocatableMemory, node.requestedCpu + p.cpu, node.requestedMemory + p.memory);
    }
  }
  let best = 0;
  let ties = 1;
  for (let i = 1; i < feasible.length; i++) {
    if (total[i] > total[best]) {
      best = i;
      ties = 1;
    } else if (total[i] === total[best]) {
      ties++;
      if (rng.int(0, ties - 1) === 0) best = i;
    }
  }
  return feasible[best];
}

/** TaintToleration score: fewer intolerable PreferNoSchedule taints is better (reversed normalisation). */
function addTaintTolerationScores(p: SimPod, feasible: SimNode[], total: number[]): void {
  let max = 0;
  let counts: number[] | null = null;
  for (let i = 0; i < feasible.length; i++) {
    let k = 0;
    for (const t of feasible[i].taints) {
      if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(p.tolerations.filter((x) => x.effect === '' || x.effect === 'PreferNoSchedule'), t)) k++;
    }
    if (k > 0) {
      counts ??= new Array<number>(feasible.length).fill(0);
      counts[i] = k;
      max = Math.max(max, k);
    }
  }
  for (let i = 0; i < feasible.length; i++) {
    // DefaultNormalizeScore(reverse): MaxNodeScore - MaxNodeScore*count/max; all 100 when max is 0.
    const s = counts ? 100 - Math.trunc((100 * counts[i]) / max) : 100;
    total[i] += WEIGHT.taintToleration * s;
  }
}
