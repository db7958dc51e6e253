// kube-scheduler's default profile, after pkg/scheduler/schedule_one.go (schedulePod,
// findNodesThatFitPod, prioritizeNodes, selectHost), the scheduling queue and the default
// plugins: filters NodeUnschedulable → TaintToleration → NodeAffinity (nodeSelector) →
// NodeResourcesFit → PodTopologySpread; scores TaintToleration ×3, PodTopologySpread ×2 (system
// default spreading when the pod has no constraints), NodeResourcesFit LeastAllocated ×1,
// NodeResourcesBalancedAllocation ×1. Plugins that score every node alike here (NodeAffinity
// without preferences, InterPodAffinity, ImageLocality) are left out: they cannot change the pick.
//
// Which nodes are scored: below 100 nodes every node, as Kubernetes does. From 100 nodes on,
// Kubernetes scores a rotating sample (percentageOfNodesToScore, ~10 % of 5,000 nodes); Headroom
// instead scores the freest feasible nodes from an index (at most the same count, and at most
// INDEXED_CANDIDATES), which picks the same kind of node — about the least allocated — without
// filtering thousands per pod. Whether a pod fits at all is exact either way: it stays Pending
// only when no node passes the filters.
import { tolerationsTolerateTaint, TAINT_UNSCHEDULABLE } from '../../../model/taints.js';
import type { PodTemplate, Taint } from '../../../model/types.js';
import type { Cluster } from '../../cluster.js';
import type { Stream } from '../../engine/rng.js';
import type { SimDeployment, SimNode, SimPod } from '../../objects.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import {
  balancedAllocationScore,
  INSUFFICIENT_CPU,
  INSUFFICIENT_MEMORY,
  INSUFFICIENT_PODS,
  insufficient,
  leastAllocatedScore,
  numFeasibleNodesToFind,
} from './plugins.js';
import { SpreadState } from './topology-spread.js';

const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_UNSCHEDULABLE, value: '', effect: 'NoSchedule' };
const WEIGHT = { taintToleration: 3, podTopologySpread: 2, fit: 1, balanced: 1 } as const;
export const INDEXED_CANDIDATES = 8;
/** Past this many (freed node × failed template) checks in one pass, retry every template. */
const MAX_REQUEUE_CHECKS = 100_000;

interface Failure {
  /** A pending pod of the template, to test it against nodes. */
  pod: SimPod;
  readonly deployment: SimDeployment | null;
  /** The FitError message, computed only when some pod needs a FailedScheduling event. */
  message: string | null;
  /**
   * When it was computed: reused for MESSAGE_REUSE_MS while the template stays unschedulable
   * (the scheduling queue flushes unschedulable pods after podMaxInUnschedulablePodsDuration, 5 min).
   */
  messageAt: number;
  readonly spread: boolean;
}

const MESSAGE_REUSE_MS = 300_000;

export class Scheduler {
  /** nextStartNodeIndex: where the next search for feasible nodes begins (round robin). */
  private nextStartNodeIndex = 0;
  /**
   * Templates that found no node, with the FitError message: the unschedulable queue. Every pod
   * of a template is the same to the scheduler, so one failure stands for all until the cluster
   * changes in a way that could help (the queueing hints of the scheduling queue).
   */
  private readonly failed = new Map<PodTemplate, Failure>();
  /**
   * Templates requeued because nodes freed room, with those nodes: nothing else changed since
   * they failed, so only these can take them (this pass only).
   */
  private readonly requeuedTo = new Map<PodTemplate, SimNode[]>();
  /** The last failure of each template, requeued or not (its message may be reused). */
  private readonly lastFailure = new WeakMap<PodTemplate, Failure>();
  attempts = 0;
  /** The pass's queue, reused between passes. */
  private readonly queue: SimPod[] = [];
  /** Told about every binding (the taint-eviction controller watches pods land on tainted nodes). */
  onBound: (p: SimPod) => void = () => {};

  constructor(
    private readonly c: Cluster,
    private readonly kubelet: Kubelet,
    private readonly rng: Stream,
  ) {}

  /**
   * One scheduling pass: requeue what the cluster's changes may have made schedulable, then try
   * every pending pod of a template not known to fail, highest priority first, then oldest (the
   * activeQ's order). Returns whether it tried anything.
   */
  schedulePending(): boolean {
    const c = this.c;
    this.requeue();
    for (const p of c.newlyPending) {
      const f = this.failed.get(p.spec);
      if (f && p.node === null && p.active) this.reportFailure(p, f);
    }
    c.newlyPending.length = 0;
    if (c.pendingCount === 0) return false;
    const queue = this.queue;
    queue.length = 0;
    // forEach, not for-of over entries: no [key, value] array per template on this hot path.
    c.pendingByTemplate.forEach((pods, t) => {
      if (!this.failed.has(t)) for (const p of pods) queue.push(p);
    });
    if (queue.length === 0) return false;
    queue.sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt || a.id - b.id);
    for (const p of queue) {
      if (!p.active || p.node !== null) continue;
      const known = this.failed.get(p.spec);
      if (known) {
        this.reportFailure(p, known);
        continue;
      }
      const node = this.schedulePod(p, this.requeuedTo.get(p.spec));
      if (node === null) {
        const old = this.lastFailure.get(p.spec);
        const fresh = old && c.now - old.messageAt < MESSAGE_REUSE_MS;
        const f: Failure = {
          pod: p,
          deployment: p.deployment,
          message: fresh ? old.message : null,
          messageAt: fresh ? old.messageAt : c.now,
          spread: p.spec.topologySpread.some((t) => t.whenUnsatisfiable === 'DoNotSchedule'),
        };
        this.failed.set(p.spec, f);
        this.lastFailure.set(p.spec, f);
        this.reportFailure(p, f);
      } else this.bind(p, node);
    }
    this.requeuedTo.clear();
    queue.length = 0;
    return true;
  }

  /** Moves failed templates back to the active queue when something changed that could help. */
  private requeue(): void {
    const c = this.c;
    if (c.nodesRelaxed) this.failed.clear();
    else if (this.failed.size > 0) {
      this.failed.forEach((f, t) => {
        const pods = c.pendingByTemplate.get(t);
        if (!pods) this.failed.delete(t);
        else if (f.spread && f.deployment && c.spreadChanged.has(f.deployment)) this.failed.delete(t);
        else if (!f.pod.active || f.pod.node !== null) f.pod = firstOf(pods);
      });
      if (c.freedNodes.size * this.failed.size > MAX_REQUEUE_CHECKS) this.failed.clear();
      else if (c.freedNodes.size > 0) {
        this.failed.forEach((f, t) => {
          const p = f.pod;
          let spread: SpreadState | null = null;
          let fits: SimNode[] | null = null;
          for (const n of c.freedNodes) {
            if (!this.feasibleIgnoringSpread(p, n)) continue;
            spread ??= new SpreadState(p, c);
            if (spread.hasFilters && !spread.filter(n)) continue;
            (fits ??= []).push(n);
          }
          if (fits) {
            this.failed.delete(t);
            this.requeuedTo.set(t, fits.sort((a, b) => a.index - b.index));
          }
        });
      }
    }
    if (c.nodesRelaxed) this.requeuedTo.clear();
    c.nodesRelaxed = false;
    c.freedNodes.clear();
    c.spreadChanged.clear();
  }

  private reportFailure(p: SimPod, f: Failure): void {
    if (p.failedScheduling) return;
    p.failedScheduling = true;
    if (f.message === null) {
      f.message = this.fitError(p, new SpreadState(p, this.c));
      f.messageAt = this.c.now;
    }
    this.c.recorder.event(this.c.now, 'Warning', 'FailedScheduling', `pod/${p.key}`, f.message, {
      workload: p.deployment?.name ?? '',
      qos: p.qos,
    });
  }

  /** schedulePod: the chosen node, or null when no node fits (see fitError for why). */
  schedulePod(p: SimPod, only?: readonly SimNode[]): SimNode | null {
    this.attempts++;
    const nodes = this.c.nodes;
    const n = nodes.length;
    const want = numFeasibleNodesToFind(n, this.c.config.percentageOfNodesToScore);
    const spread = new SpreadState(p, this.c);
    let feasible: SimNode[];
    if (spread.hasFilters && !spread.somewhereFeasible(this.c.zoneRepresentatives)) feasible = [];
    else if (only) feasible = only.filter((node) => this.feasible(p, node, spread));
    else if (this.c.index) {
      feasible = this.c.index.candidates(
        Math.min(want, INDEXED_CANDIDATES),
        (cls) => this.classUsable(p, cls.sample, spread),
        (node) => this.feasible(p, node, spread),
      );
    } else {
      feasible = [];
      let processed = 0;
      for (let i = 0; i < n && feasible.length < want; i++) {
        const node = nodes[(this.nextStartNodeIndex + i) % n];
        processed++;
        if (this.feasible(p, node, spread)) feasible.push(node);
      }
      this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % Math.max(n, 1);
    }
    if (feasible.length === 0) return null;
    if (feasible.length === 1) return feasible[0];
    return this.selectHost(p, feasible, spread);
  }

  /** The filters every node of a class answers alike: cordon, taints, zone spreading. */
  private classUsable(p: SimPod, sample: SimNode, spread: SpreadState): boolean {
    if (sample.unschedulable && !tolerationsTolerateTaint(p.tolerations, UNSCHEDULABLE_TAINT)) return false;
    for (const t of sample.taints) {
      if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(p.tolerations, t)) return false;
    }
    return !spread.hasFilters || spread.zoneAllows(sample);
  }

  /** The filter plugins as one allocation-free test (the hot path). */
  private feasible(p: SimPod, node: SimNode, spread: SpreadState): boolean {
    return this.feasibleIgnoringSpread(p, node) && (!spread.hasFilters || spread.filter(node));
  }

  /** Every filter but PodTopologySpread (which needs the workload's counts). */
  private feasibleIgnoringSpread(p: SimPod, node: SimNode): boolean {
    if (node.unschedulable && !tolerationsTolerateTaint(p.tolerations, UNSCHEDULABLE_TAINT)) return false;
    const taints = node.taints;
    for (let i = 0; i < taints.length; i++) {
      const t = taints[i];
      if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(p.tolerations, t)) return false;
    }
    const sel = p.spec.nodeSelector;
    for (const k in sel) if (node.labels[k] !== sel[k]) return false;
    return insufficient(node, p) === 0;
  }

  /**
   * FitError.Error(): "0/N nodes are available: <count reason>, ... (sorted)". Each node counts
   * under the reasons of the first filter that rejects it, in the default plugin order;
   * NodeResourcesFit reports every insufficient resource (and "Too many pods").
   */
  fitError(p: SimPod, spread: SpreadState): string {
    const counts = new Map<string, number>();
    let unschedulable = 0;
    const counters = { selector: 0, pods: 0, cpu: 0, memory: 0, topology: 0 };
    // Nodes of a class share cordon, taints and zone: their first reasons are decided once.
    const groups = this.c.index ? this.c.index.groups : this.c.nodes.map((n) => ({ sample: n, size: 1, buckets: [new Set([n])] }));
    group: for (const g of groups) {
      const sample = g.sample;
      if (sample.unschedulable && !tolerationsTolerateTaint(p.tolerations, UNSCHEDULABLE_TAINT)) {
        unschedulable += g.size;
        continue;
      }
      for (const t of sample.taints) {
        if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(p.tolerations, t)) {
          const r = `node(s) had untolerated taint {${t.key}: ${t.value}}`;
          counts.set(r, (counts.get(r) ?? 0) + g.size);
          continue group;
        }
      }
      if (spread.hasFilters && !spread.zoneAllows(sample)) {
        // Zone spreading rules the whole zone out — unless an earlier filter says otherwise.
        for (const bucket of g.buckets) for (const node of bucket) this.countMisfit(p, node, counters, true);
        continue;
      }
      for (const bucket of g.buckets) for (const node of bucket) this.countMisfit(p, node, counters, false, spread);
    }
    const { selector, pods, cpu, memory, topology } = counters;
    const fixed: [number, string][] = [
      [unschedulable, 'node(s) were unschedulable'],
      [selector, "node(s) didn't match Pod's node affinity/selector"],
      [pods, 'Too many pods'],
      [cpu, 'Insufficient cpu'],
      [memory, 'Insufficient memory'],
      [topology, "node(s) didn't match pod topology spread constraints"],
    ];
    for (const [k, r] of fixed) if (k > 0) counts.set(r, k);
    const parts = [...counts].map(([r, k]) => `${k} ${r}`).sort();
    return `0/${this.c.nodes.length} nodes are available: ${parts.join(', ')}.`;
  }

  /** The per-node filters of a FitError after cordon and taints: selector, resources, spreading. */
  private countMisfit(
    p: SimPod,
    node: SimNode,
    k: { selector: number; pods: number; cpu: number; memory: number; topology: number },
    zoneRejected: boolean,
    spread?: SpreadState,
  ): void {
    const sel = p.spec.nodeSelector;
    for (const key in sel) {
      if (node.labels[key] !== sel[key]) {
        k.selector++;
        return;
      }
    }
    const misfit = insufficient(node, p);
    if (misfit !== 0) {
      if (misfit & INSUFFICIENT_PODS) k.pods++;
      if (misfit & INSUFFICIENT_CPU) k.cpu++;
      if (misfit & INSUFFICIENT_MEMORY) k.memory++;
    } else if (zoneRejected || (spread && spread.hasFilters && !spread.filter(node))) k.topology++;
  }

  /** prioritizeNodes + selectHost: highest weighted score; ties broken at random (reservoir). */
  private selectHost(p: SimPod, feasible: SimNode[], spread: SpreadState): SimNode {
    const total = new Array<number>(feasible.length).fill(0);
    this.addTaintTolerationScores(p, feasible, total);
    spread.addScores(feasible, total, WEIGHT.podTopologySpread);
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
        if (this.rng.int(0, ties - 1) === 0) best = i;
      }
    }
    return feasible[best];
  }

  /** TaintToleration score: fewer intolerable PreferNoSchedule taints is better (reversed normalisation). */
  private addTaintTolerationScores(p: SimPod, feasible: SimNode[], total: number[]): void {
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

  bind(p: SimPod, node: SimNode): void {
    const c = this.c;
    c.begin(p);
    p.node = node;
    p.scheduledAt = c.now;
    p.failedScheduling = false;
    c.commit(p);
    if (!c.recorder.routine) c.recorder.omitted++;
    else c.recorder.event(c.now, 'Normal', 'Scheduled', `pod/${p.key}`, `Successfully assigned ${p.key} to ${node.name}`, {
      node: node.name,
      workload: p.deployment?.name ?? '',
      qos: p.qos,
    });
    this.kubelet.admit(p);
    this.onBound(p);
  }
}

function firstOf<T>(set: Set<T>): T {
  for (const x of set) return x;
  throw new Error('empty set');
}
