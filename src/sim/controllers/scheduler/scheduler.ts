// kube-scheduler's default profile, after pkg/scheduler/schedule_one.go (schedulePod,
// findNodesThatFitPod, prioritizeNodes, selectHost) and the default plugins: filters
// NodeUnschedulable → TaintToleration → NodeAffinity (nodeSelector) → NodeResourcesFit →
// PodTopologySpread; scores TaintToleration ×3, PodTopologySpread ×2 (system default spreading
// when the pod has no constraints), NodeResourcesFit LeastAllocated ×1,
// NodeResourcesBalancedAllocation ×1. Plugins that score every node alike here (NodeAffinity
// without preferences, InterPodAffinity, ImageLocality) are left out: they cannot change the pick.
import { findUntoleratedTaint, tolerationsTolerateTaint, TAINT_UNSCHEDULABLE } from '../../../model/taints.js';
import type { Taint } from '../../../model/types.js';
import type { Cluster } from '../../cluster.js';
import type { Stream } from '../../engine/rng.js';
import type { SimNode, SimPod } from '../../objects.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import { balancedAllocationScore, fitsRequest, leastAllocatedScore, numFeasibleNodesToFind } from './plugins.js';
import { SpreadState } from './topology-spread.js';

const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_UNSCHEDULABLE, value: '', effect: 'NoSchedule' };
const WEIGHT = { taintToleration: 3, podTopologySpread: 2, fit: 1, balanced: 1 } as const;

export class Scheduler {
  /** nextStartNodeIndex: where the next search for feasible nodes begins (round robin). */
  private nextStartNodeIndex = 0;
  /** Templates that found no node in the current pass (binding can only take capacity away). */
  private failedTemplates = new Map<object, string>();
  /** Pods that found no node since capacity last changed (the unschedulable queue). */
  private readonly unschedulable = new Set<SimPod>();
  attempts = 0;
  /** Told about every binding (the taint-eviction controller watches pods land on tainted nodes). */
  onBound: (p: SimPod) => void = () => {};

  constructor(
    private readonly c: Cluster,
    private readonly kubelet: Kubelet,
    private readonly rng: Stream,
  ) {}

  /**
   * One scheduling pass over the queue, highest priority first, then oldest (the activeQ's
   * order). Unschedulable pods are retried only after capacity changed, as the scheduling
   * queue moves them back on cluster events.
   */
  schedulePending(): void {
    const c = this.c;
    if (c.pendingPods.size === 0) return;
    const retryAll = c.capacityChanged;
    c.capacityChanged = false;
    if (retryAll) this.unschedulable.clear();
    const queue: SimPod[] = [];
    for (const p of c.pendingPods) if (!this.unschedulable.has(p)) queue.push(p);
    if (queue.length === 0) return;
    queue.sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt || a.id - b.id);
    this.failedTemplates.clear();
    for (const p of queue) {
      if (!p.active || p.node !== null) continue;
      const known = this.failedTemplates.get(p.spec);
      if (known !== undefined) {
        this.fail(p, known);
        continue;
      }
      const result = this.schedulePod(p);
      if (typeof result === 'string') {
        this.failedTemplates.set(p.spec, result);
        this.fail(p, result);
      } else {
        this.bind(p, result);
        if (p.spec.topologySpread.length > 0) this.failedTemplates.clear();
      }
    }
  }

  private fail(p: SimPod, message: string): void {
    this.unschedulable.add(p);
    if (p.failedScheduling) return;
    p.failedScheduling = true;
    this.c.recorder.event(this.c.now, 'Warning', 'FailedScheduling', `pod/${p.key}`, message, {
      workload: p.deployment?.name ?? '',
      qos: p.qos,
    });
  }

  /** schedulePod: the chosen node, or the FitError message. */
  schedulePod(p: SimPod): SimNode | string {
    this.attempts++;
    const nodes = this.c.nodes;
    const n = nodes.length;
    const want = numFeasibleNodesToFind(n, this.c.config.percentageOfNodesToScore);
    const spread = new SpreadState(p, this.c);
    const feasible: SimNode[] = [];
    const reasons = new Map<string, number>();
    let processed = 0;
    for (let i = 0; i < n && feasible.length < want; i++) {
      const node = nodes[(this.nextStartNodeIndex + i) % n];
      processed++;
      const why = this.filter(p, node, spread);
      if (why === null) feasible.push(node);
      else for (const r of why) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % Math.max(n, 1);
    if (feasible.length === 0) return fitError(n, reasons);
    if (feasible.length === 1) return feasible[0];
    return this.selectHost(p, feasible, spread);
  }

  /** Filter plugins in the default order; the first that rejects gives the node's reasons. */
  private filter(p: SimPod, node: SimNode, spread: SpreadState): string[] | null {
    if (node.unschedulable && !tolerationsTolerateTaint(p.tolerations, UNSCHEDULABLE_TAINT)) {
      return ['node(s) were unschedulable'];
    }
    const taint = findUntoleratedTaint(node.taints, p.tolerations, isScheduleBlocking);
    if (taint) return [`node(s) had untolerated taint {${taint.key}: ${taint.value}}`];
    if (!matchesNodeSelector(p, node)) return ["node(s) didn't match Pod's node affinity/selector"];
    const insufficient = fitsRequest(
      {
        allocatableCpu: node.allocatableCpu,
        allocatableMemory: node.allocatableMemory,
        allocatablePods: node.allocatablePods,
        requestedCpu: node.requestedCpu,
        requestedMemory: node.requestedMemory,
        podCount: node.pods.size,
      },
      { cpu: p.cpu, memory: p.memory },
    );
    if (insufficient.length > 0) return insufficient.map((r) => r.reason);
    if (!spread.filter(node)) return ["node(s) didn't match pod topology spread constraints"];
    return null;
  }

  /** prioritizeNodes + selectHost: highest weighted score; ties broken at random (reservoir). */
  private selectHost(p: SimPod, feasible: SimNode[], spread: SpreadState): SimNode {
    const total = new Array<number>(feasible.length).fill(0);
    this.addTaintTolerationScores(p, feasible, total);
    spread.addScores(feasible, total, WEIGHT.podTopologySpread);
    for (let i = 0; i < feasible.length; i++) {
      const node = feasible[i];
      total[i] +=
        WEIGHT.fit *
          leastAllocatedScore(node.allocatableCpu, node.allocatableMemory, node.nonZeroCpu + p.nonZeroCpu, node.nonZeroMemory + p.nonZeroMemory) +
        WEIGHT.balanced *
          balancedAllocationScore(node.allocatableCpu, node.allocatableMemory, node.requestedCpu + p.cpu, node.requestedMemory + p.memory);
    }
    let best = 0;
    let ties = 1;
    for (let i = 1; i < feasible.length; i++) {
      if (total[i] > total[best]) {
        best = i;
        ties = 1;
      } else if (total[i] === total[best]) {
        ties++;
        if (this.rng.int(0, ties - 1) === 0) best = i;
      }
    }
    return feasible[best];
  }

  /** TaintToleration score: fewer intolerable PreferNoSchedule taints is better (reversed normalisation). */
  private addTaintTolerationScores(p: SimPod, feasible: SimNode[], total: number[]): void {
    let any = false;
    const counts = feasible.map((node) => {
      let k = 0;
      for (const t of node.taints) {
        if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(p.tolerations.filter((x) => x.effect === '' || x.effect === 'PreferNoSchedule'), t)) k++;
      }
      if (k > 0) any = true;
      return k;
    });
    const max = Math.max(0, ...counts);
    for (let i = 0; i < feasible.length; i++) {
      // DefaultNormalizeScore(reverse): MaxNodeScore - MaxNodeScore*count/max; all 100 when max is 0.
      const s = any ? 100 - Math.trunc((100 * counts[i]) / max) : 100;
      total[i] += WEIGHT.taintToleration * s;
    }
  }

  bind(p: SimPod, node: SimNode): void {
    const c = this.c;
    c.updatePod(p, (q) => {
      q.node = node;
      q.scheduledAt = c.now;
      q.failedScheduling = false;
    });
    this.unschedulable.delete(p);
    c.recorder.event(c.now, 'Normal', 'Scheduled', `pod/${p.key}`, `Successfully assigned ${p.key} to ${node.name}`, {
      node: node.name,
      workload: p.deployment?.name ?? '',
      qos: p.qos,
    });
    this.kubelet.admit(p);
    this.onBound(p);
  }
}

const isScheduleBlocking = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

function matchesNodeSelector(p: SimPod, node: SimNode): boolean {
  const sel = p.spec.nodeSelector;
  for (const k in sel) if (node.labels[k] !== sel[k]) return false;
  return true;
}

/** FitError.Error(): "0/N nodes are available: <count reason>, ... (sorted)." */
function fitError(n: number, reasons: Map<string, number>): string {
  const parts = [...reasons].map(([r, k]) => `${k} ${r}`).sort();
  return `0/${n} nodes are available: ${parts.join(', ')}.`;
}
