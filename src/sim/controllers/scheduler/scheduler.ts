// kube-scheduler's default profile, after pkg/scheduler/schedule_one.go (schedulingCycle,
// schedulePod, findNodesThatFitPod, evaluateNominatedNode, prioritizeNodes, selectHost,
// handleSchedulingFailure) and the scheduling queue: filters and scores in framework.ts and
// scoring.ts, why a pod fits nowhere in fit-error.ts, preemption (the PostFilter) in preemption/.
//
// Which nodes are scored: below 100 nodes every node, as Kubernetes does. From 100 nodes on,
// Kubernetes scores a rotating sample (percentageOfNodesToScore, ~10 % of 5,000 nodes); Headroom
// instead scores the freest feasible nodes from an index (at most the same count, and at most
// INDEXED_CANDIDATES), which picks the same kind of node — about the least allocated — without
// filtering thousands per pod. Whether a pod fits at all is exact either way: it stays Pending
// only when no node passes the filters (every filter, nominated pods' reservations included).
//
// Failed attempts are remembered (failures.ts) so that a pod is not retried until something that
// could help has changed, as the scheduling queue's unschedulable pods wait for a queueing hint.
// Pods of one template are alike to every filter — same spec, labels, priority, terms — as long
// as the pods they count (spreading, inter-pod affinity) and the nodes stay as they were, which
// is what the hints watch: so one failure stands for all of them until such a change, except
// pods with a nominated node (their node's reservation differs), whose failures are their own.
// Scoring is per pod (every attempt counts the pods placed before it).
import type { Engine } from '../../engine/engine.js';
import type { Stream } from '../../engine/rng.js';
import type { ClusterState } from '../../state/cluster-state.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import type { Wake } from '../run-loop.js';
import { diagnose, type Diagnosis, type NodeGroup, quickDiagnosis } from './fit-error.js';
import { Failures, type Failure, MESSAGE_REUSE_MS } from './failures.js';
import { CycleState, FILTER_ALL, FILTER_SPREAD, FILTER_TAINT, FILTER_UNSCHEDULABLE, FILTER_VOLUME, type SchedulingContext } from './framework.js';
import { type NodeClass, NodeIndex } from './node-index.js';
import { numFeasibleNodesToFind } from './plugins.js';
import { PodGroups } from './pod-groups.js';
import { candidatePossible, MSG_NEVER, postFilter, type PreemptionHost } from './preemption/default-preemption.js';
import { PriorityBuckets } from './preemption/priority-buckets.js';
import { selectHost } from './scoring.js';
import { SchedulingQueue } from './scheduling-queue.js';
import { Topology } from './topology.js';

export const INDEXED_CANDIDATES = 8;
/** From this many nodes on, candidates come from the node index. */
export const INDEX_FROM_NODES = 100;

export class Scheduler implements PreemptionHost {
  /** What is pending and what changed since the last pass (fed by the cluster's change feed). */
  readonly queue: SchedulingQueue;
  /** Nodes by free capacity, for clusters of INDEX_FROM_NODES nodes or more. */
  private readonly index: NodeIndex | null;
  readonly topology: Topology;
  readonly groups: PodGroups;
  readonly ctx: SchedulingContext;
  /** The unschedulable pods: failed attempts and what would make them worth another. */
  private readonly failures: Failures;
  /** nextStartNodeIndex: where the next search for feasible nodes begins (round robin). */
  private nextStartNodeIndex = 0;
  attempts = 0;
  /** The pass's pods, reused between passes. */
  private readonly batch: SimPod[] = [];
  /** The last attempt's state and the filters that rejected nodes in it (FILTER_* bits). */
  private lastState: CycleState | null = null;
  private rejectors = 0;
  /** Per node, the filter that rejected it in the last attempt (valid where seen = epoch). */
  private readonly nodeBits: Uint8Array;
  private readonly seen: Uint32Array;
  private epoch = 0;
  /** The last attempt looked at every node that a filter could refuse for a resolvable reason. */
  private complete = true;

  /** The preemption dry run's random offset (a stream of its own, so that ties elsewhere stay put). */
  readonly preemptionRng: Stream;
  /** Per node, the requests bound there by priority (the preemption dry run's first question). */
  readonly byPriority: PriorityBuckets;

  constructor(
    readonly c: ClusterState,
    readonly rng: Stream,
    wake: Wake,
    options: { readonly engine?: Engine; readonly preemption?: Stream } = {},
  ) {
    const engine = options.engine ?? null;
    this.preemptionRng = options.preemption ?? rng;
    this.queue = new SchedulingQueue(wake, c);
    this.nodeBits = new Uint8Array(c.nodes.length);
    this.seen = new Uint32Array(c.nodes.length);
    this.topology = new Topology(c.nodes);
    this.groups = new PodGroups(c);
    this.byPriority = new PriorityBuckets(c.nodes);
    this.ctx = { groups: this.groups, topology: this.topology, nominations: this.queue };
    this.index = c.nodes.length >= INDEX_FROM_NODES ? new NodeIndex(c.nodes) : null;
    this.failures = new Failures(this, this.queue, this.groups, wake, engine);
    c.subscribe(this.groups);
    c.subscribe(this.byPriority);
    if (this.index) c.subscribe(this.index);
    c.subscribe(this.queue);
  }

  get hasWork(): boolean {
    return this.queue.hasWork;
  }

  // --- PreemptionHost ------------------------------------------------------------------

  nominate(p: SimPod, node: SimNode | null): void {
    const had = p.nominatedNode !== null;
    this.queue.setNominated(p, node);
    // A pod whose nomination was taken away is moved back to the active queue.
    if (had && node === null) this.failures.retry(p);
  }

  nominatedOn(node: SimNode): readonly SimPod[] | undefined {
    return this.queue.on(node);
  }

  // --- the scheduling loop -------------------------------------------------------------

  /**
   * One scheduling pass: requeue what the cluster's changes may have made schedulable, then try
   * every pending pod not known to fail, highest priority first, then oldest (the activeQ's
   * order). Returns whether it tried anything.
   */
  schedulePending(): boolean {
    const q = this.queue;
    const f = this.failures;
    this.topology.taintVersion += q.taintsChanged ? 1 : 0;
    f.requeue();
    for (const p of q.newlyPending) {
      const known = f.of(p);
      if (known && p.node === null && p.active) this.reportFailure(p, known);
    }
    q.newlyPending.length = 0;
    if (q.pendingCount === 0) return false;
    const batch = this.batch;
    batch.length = 0;
    // forEach, not for-of over entries: no [key, value] array per template on this hot path.
    q.pendingByTemplate.forEach((pods, t) => {
      if (!f.templateFailed(t)) for (const p of pods) if (p.nominatedNode === null) batch.push(p);
    });
    for (const p of q.nominated) if (!f.podFailed(p)) batch.push(p);
    f.takeRetries(batch);
    if (batch.length === 0) return false;
    batch.sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt || a.id - b.id);
    for (const p of batch) {
      if (!p.active || p.node !== null) continue;
      const known = f.of(p);
      if (known) {
        this.reportFailure(p, known);
        continue;
      }
      const requeued = f.requeuedTo(p);
      const node = this.schedulePod(p, requeued?.nodes);
      if (node === null) this.handleFailure(p, requeued?.bits ?? 0);
      else this.bind(p, node);
    }
    f.endPass();
    batch.length = 0;
    return true;
  }

  /**
   * handleSchedulingFailure after the PostFilter: preemption (unless the pod may not preempt)
   * on the diagnosis of this attempt, the pod's nomination set or cleared, the failure
   * remembered with its FailedScheduling message.
   */
  private handleFailure(p: SimPod, priorBits: number): void {
    const state = this.lastState!;
    let message: string | null = null;
    let bits = this.rejectors | priorBits;
    if (p.spec.preemptionPolicy !== 'Never') {
      // The FailedScheduling message is wanted when this pod has not had one yet and its
      // template has none recent to reuse; otherwise the statuses this attempt recorded are
      // enough for preemption (no reasons to count).
      const unreported = !this.queue.reported.has(p);
      const wanted = unreported && !this.failures.freshMessage(p.spec);
      if (!wanted && p.nominatedNode === null && !candidatePossible(this, state, this.nodeGroups)) {
        // Preemption can find no candidate whatever the nodes' statuses: no diagnosis needed.
      } else {
        let d: Diagnosis;
        if (wanted) {
          d = this.diagnose(state);
          bits = d.rejectors;
        } else {
          if (!this.complete) this.filterUnseen(state);
          const epoch = this.epoch;
          d = quickDiagnosis(state, this.c.nodes, (n) => (this.seen[n.index] === epoch ? this.nodeBits[n.index] : 0), bits);
          bits = d.rejectors = bits | this.rejectors;
        }
        const r = postFilter(this, state, d, { message: wanted, act: true });
        if (r.nominate !== undefined) this.nominate(p, r.nominate);
        if (wanted) message = d.message(r.message);
        // A successful preemption adds nothing to the FitError.
        else if (r.preempted && unreported) message = this.diagnose(state).message();
      }
    }
    const failure = this.failures.add(p, state.group, bits, message, state);
    this.reportFailure(p, failure);
  }

  /** The nodes in groups that answer cordon and taints alike (index classes, or one node each). */
  private get nodeGroups(): readonly NodeGroup[] {
    return this.index ? this.index.groups : (this.singles ??= this.c.nodes.map((n) => ({ sample: n, size: 1, buckets: [{ items: [n] }] })));
  }
  private singles: NodeGroup[] | null = null;

  private diagnose(state: CycleState): Diagnosis {
    // Nodes of an index class share cordon, taints and zone: their first reasons are decided once.
    return diagnose(state, this.c.nodes, this.nodeGroups);
  }

  /**
   * Runs the filters on the nodes the last attempt did not look at (it tried only some nodes,
   * or ruled zones out whole), so that its per-node bits cover every node a filter could refuse
   * for a reason preemption can resolve. Classes refused for cordon or taints stay unseen
   * (unresolvable either way).
   */
  private filterUnseen(state: CycleState): void {
    const epoch = this.epoch;
    for (const grp of this.nodeGroups) {
      const sample = grp.sample;
      if (state.nodeNames === null && !state.classAdmits(sample)) {
        this.rejectors |= sample.unschedulable && !state.toleratesUnschedulable ? FILTER_UNSCHEDULABLE : FILTER_TAINT;
        continue;
      }
      for (const b of grp.buckets) for (const n of b.items) if (n !== null && this.seen[n.index] !== epoch) this.feasible(state, n);
    }
    this.complete = true;
  }

  /** The FailedScheduling message of a failure, computed when first needed (and again once MESSAGE_REUSE_MS old). */
  private messageOf(p: SimPod, f: Failure): string {
    if (f.message === null || this.c.now - f.messageAt >= MESSAGE_REUSE_MS) {
      const state = new CycleState(p, f.group, this.ctx);
      const d = this.diagnose(state);
      // What preemption would say now (without acting on it): its FitError, or nothing when it
      // would find a candidate.
      const tail = p.spec.preemptionPolicy === 'Never' ? `preemption: ${MSG_NEVER}` : postFilter(this, state, d, { message: true, act: false }).message;
      f.message = d.message(tail);
      f.messageAt = this.c.now;
    }
    return f.message;
  }

  private reportFailure(p: SimPod, f: Failure): void {
    const reported = this.queue.reported;
    if (reported.has(p)) return;
    reported.add(p);
    this.c.recorder.event(this.c.now, 'Warning', 'FailedScheduling', `pod/${p.key}`, this.messageOf(p, f), {
      workload: p.workload?.shortName ?? '',
      qos: p.qos,
    });
  }

  /** schedulePod: the chosen node, or null when no node fits (see diagnose for why). */
  schedulePod(p: SimPod, only?: readonly SimNode[]): SimNode | null {
    this.attempts++;
    const nodes = this.c.nodes;
    const n = nodes.length;
    const state = new CycleState(p, this.groups.groupOf(p), this.ctx);
    this.lastState = state;
    this.rejectors = 0;
    this.epoch++;
    this.complete = only === undefined;
    // evaluateNominatedNode: the node preempted for this pod is tried first, and alone if it
    // fits; otherwise every node is searched as for any pod (the nominated one included).
    const nom = p.nominatedNode;
    if (nom !== null && this.feasible(state, nom)) return nom;
    const want = numFeasibleNodesToFind(n, this.c.config.percentageOfNodesToScore);
    const spread = state.spread;
    let feasible: SimNode[];
    if (spread !== null && !spread.somewhereFeasible(this.topology.zoneRepresentatives)) {
      feasible = [];
      this.rejectors = FILTER_ALL;
      this.complete = false;
    } else if (state.nodeNames !== null) {
      // PreFilterResult.NodeNames: only those nodes are looked at; the others are absent from
      // the statuses (unresolvable), so the attempt is complete.
      feasible = [];
      for (const name of state.nodeNames) {
        const node = this.c.nodeByName.get(name);
        if (node !== undefined && (!only || only.includes(node)) && this.feasible(state, node)) feasible.push(node);
      }
      this.complete = only === undefined;
    } else if (only) feasible = only.filter((node) => this.feasible(state, node));
    else if (this.index) {
      // The attempt's state through fields and closures made once: nothing allocated per pod
      // but the list (reused too: selectHost only reads it).
      this.indexState = state;
      feasible = this.index.candidates(Math.min(want, INDEXED_CANDIDATES), this.usableClass, this.admittedFeasible, this.feasibleScratch);
      this.indexState = null;
    } else {
      feasible = [];
      let processed = 0;
      for (let i = 0; i < n && feasible.length < want; i++) {
        const node = nodes[(this.nextStartNodeIndex + i) % n];
        processed++;
        if (this.feasible(state, node)) feasible.push(node);
      }
      this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % Math.max(n, 1);
    }
    if (feasible.length === 0) return null;
    if (feasible.length === 1) return feasible[0];
    return selectHost(state, feasible, this.rng);
  }

  private indexState: CycleState | null = null;
  private readonly feasibleScratch: SimNode[] = [];
  private readonly usableClass = (cls: NodeClass): boolean => this.classUsable(this.indexState!, cls.sample);
  private readonly admittedFeasible = (node: SimNode): boolean => this.feasibleAdmitted(this.indexState!, node);

  private feasible(state: CycleState, node: SimNode): boolean {
    const code = state.filter(node);
    this.rejectors |= code;
    this.seen[node.index] = this.epoch;
    this.nodeBits[node.index] = code;
    return code === 0;
  }

  /** feasible() for a node of a class classUsable admitted. */
  private feasibleAdmitted(state: CycleState, node: SimNode): boolean {
    const code = state.filterAdmitted(node);
    this.rejectors |= code;
    this.seen[node.index] = this.epoch;
    this.nodeBits[node.index] = code;
    return code === 0;
  }

  private classUsable(state: CycleState, sample: SimNode): boolean {
    if (state.classUsable(sample)) return true;
    if (sample.unschedulable && !state.toleratesUnschedulable) this.rejectors |= FILTER_UNSCHEDULABLE;
    else if (state.classUntolerated(sample)) this.rejectors |= FILTER_TAINT;
    else if (!state.volumeFits(sample)) this.rejectors |= FILTER_VOLUME;
    else if (state.spread === null) this.rejectors |= FILTER_TAINT;
    else {
      // A zone ruled out by spreading: its nodes were not each looked at.
      this.rejectors |= FILTER_TAINT | FILTER_SPREAD;
      this.complete = false;
    }
    return false;
  }

  /** Why `p` fits nowhere, as kube-scheduler's FitError says it (without preemption's part). */
  fitError(p: SimPod): string {
    return this.diagnose(new CycleState(p, this.groups.groupOf(p), this.ctx)).message();
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
