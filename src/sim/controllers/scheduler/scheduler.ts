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
import { tolerationsTolerateTaint } from '../../../model/taints.js';
import type { PodTemplate } from '../../../model/types.js';
import type { Stream } from '../../engine/rng.js';
import type { ClusterState } from '../../state/cluster-state.js';
import type { SimNode, SimPod, SimWorkload } from '../../state/objects.js';
import type { Wake } from '../run-loop.js';
import { fitError, type NodeGroup, UNSCHEDULABLE_TAINT } from './fit-error.js';
import { NodeIndex } from './node-index.js';
import { insufficient, numFeasibleNodesToFind } from './plugins.js';
import { selectHost } from './scoring.js';
import { SchedulingQueue } from './scheduling-queue.js';
import { Topology } from './topology.js';
import { nodeNameFits, pinnedNode, volumeZoneFits } from './volume-binding.js';
import { SpreadState } from './topology-spread.js';

export const INDEXED_CANDIDATES = 8;
/** From this many nodes on, candidates come from the node index. */
export const INDEX_FROM_NODES = 100;
/** Past this many (freed node × failed template) checks in one pass, retry every template. */
const MAX_REQUEUE_CHECKS = 100_000;

interface Failure {
  /** A pending pod of the template, to test it against nodes. */
  pod: SimPod;
  readonly workload: SimWorkload | null;
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
  /** What is pending and what changed since the last pass (fed by the cluster's change feed). */
  readonly queue: SchedulingQueue;
  /** Nodes by free capacity, for clusters of INDEX_FROM_NODES nodes or more. */
  private readonly index: NodeIndex | null;
  private readonly topology: Topology;
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
  /** The pass's pods, reused between passes. */
  private readonly batch: SimPod[] = [];

  constructor(
    private readonly c: ClusterState,
    private readonly rng: Stream,
    wake: Wake,
  ) {
    this.queue = new SchedulingQueue(wake);
    this.topology = new Topology(c.nodes);
    this.index = c.nodes.length >= INDEX_FROM_NODES ? new NodeIndex(c.nodes) : null;
    if (this.index) c.subscribe(this.index);
    c.subscribe(this.queue);
  }

  get hasWork(): boolean {
    return this.queue.hasWork;
  }

  /**
   * One scheduling pass: requeue what the cluster's changes may have made schedulable, then try
   * every pending pod of a template not known to fail, highest priority first, then oldest (the
   * activeQ's order). Returns whether it tried anything.
   */
  schedulePending(): boolean {
    const c = this.c;
    const q = this.queue;
    this.requeue();
    for (const p of q.newlyPending) {
      const f = this.failed.get(p.spec);
      if (f && p.node === null && p.active) this.reportFailure(p, f);
    }
    q.newlyPending.length = 0;
    if (q.pendingCount === 0) return false;
    const batch = this.batch;
    batch.length = 0;
    // forEach, not for-of over entries: no [key, value] array per template on this hot path.
    q.pendingByTemplate.forEach((pods, t) => {
      if (!this.failed.has(t)) for (const p of pods) batch.push(p);
    });
    if (batch.length === 0) return false;
    batch.sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt || a.id - b.id);
    for (const p of batch) {
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
          workload: p.workload,
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
    batch.length = 0;
    return true;
  }

  /** Moves failed templates back to the active queue when something changed that could help. */
  private requeue(): void {
    const q = this.queue;
    if (q.nodesRelaxed) this.failed.clear();
    else if (this.failed.size > 0) {
      this.failed.forEach((f, t) => {
        const pods = q.pendingByTemplate.get(t);
        if (!pods) this.failed.delete(t);
        else if (f.spread && f.workload && q.spreadChanged.has(f.workload)) this.failed.delete(t);
        else if (!f.pod.active || f.pod.node !== null) f.pod = firstOf(pods);
      });
      if (q.freedNodes.size * this.failed.size > MAX_REQUEUE_CHECKS) this.failed.clear();
      else if (q.freedNodes.size > 0) {
        this.failed.forEach((f, t) => {
          const p = f.pod;
          let spread: SpreadState | null = null;
          let fits: SimNode[] | null = null;
          for (const n of q.freedNodes) {
            if (!this.feasibleIgnoringSpread(p, n)) continue;
            spread ??= new SpreadState(p, this.topology);
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
    if (q.nodesRelaxed) this.requeuedTo.clear();
    q.clearHints();
  }

  private reportFailure(p: SimPod, f: Failure): void {
    const reported = this.queue.reported;
    if (reported.has(p)) return;
    reported.add(p);
    if (f.message === null) {
      f.message = this.fitError(p, new SpreadState(p, this.topology));
      f.messageAt = this.c.now;
    }
    this.c.recorder.event(this.c.now, 'Warning', 'FailedScheduling', `pod/${p.key}`, f.message, {
      workload: p.workload?.shortName ?? '',
      qos: p.qos,
    });
  }

  /** schedulePod: the chosen node, or null when no node fits (see fitError for why). */
  schedulePod(p: SimPod, only?: readonly SimNode[]): SimNode | null {
    this.attempts++;
    const pinned = pinnedNode(p, this.c.nodeByName);
    if (pinned !== null) only = pinned === undefined ? [] : [pinned];
    const nodes = this.c.nodes;
    const n = nodes.length;
    const want = numFeasibleNodesToFind(n, this.c.config.percentageOfNodesToScore);
    const spread = new SpreadState(p, this.topology);
    let feasible: SimNode[];
    if (spread.hasFilters && !spread.somewhereFeasible(this.topology.zoneRepresentatives)) feasible = [];
    else if (only) feasible = only.filter((node) => this.feasible(p, node, spread));
    else if (this.index) {
      feasible = this.index.candidates(
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
    return selectHost(p, feasible, spread, this.rng);
  }

  /** The filters every node of a class answers alike: cordon, taints, zone spreading. */
  private classUsable(p: SimPod, sample: SimNode, spread: SpreadState): boolean {
    if (sample.unschedulable && !tolerationsTolerateTaint(p.tolerations, UNSCHEDULABLE_TAINT)) return false;
    for (const t of sample.taints) {
      if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(p.tolerations, t)) return false;
    }
    if (!volumeZoneFits(p, sample)) return false;
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
    if (!nodeNameFits(p, node)) return false;
    return insufficient(node, p) === 0 && volumeZoneFits(p, node);
  }

  /** Why `p` fits nowhere, as kube-scheduler's FitError says it. */
  fitError(p: SimPod, spread: SpreadState = new SpreadState(p, this.topology)): string {
    // Nodes of an index class share cordon, taints and zone: their first reasons are decided once.
    const groups: readonly NodeGroup[] = this.index ? this.index.groups : this.c.nodes.map((n) => ({ sample: n, size: 1, buckets: [[n]] }));
    return fitError(p, this.c.nodes.length, groups, spread);
  }

  /**
   * Bind: the pod's spec.nodeName. The event comes first, as the scheduler reports the binding
   * before the node's kubelet (a watcher of the binding) starts the pod.
   */
  bind(p: SimPod, node: SimNode): void {
    const c = this.c;
    if (!c.recorder.routine) c.recorder.omitted++;
    else c.recorder.event(c.now, 'Normal', 'Scheduled', `pod/${p.key}`, `Successfully assigned ${p.key} to ${node.name}`, {
      node: node.name,
      workload: p.workload?.shortName ?? '',
      qos: p.qos,
    });
    c.begin(p);
    p.node = node;
    p.scheduledAt = c.now;
    c.commit(p);
  }
}

function firstOf<T>(set: Set<T>): T {
  for (const x of set) return x;
  throw new Error('empty set');
}
