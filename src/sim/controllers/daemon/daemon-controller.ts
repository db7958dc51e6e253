// The DaemonSet controller, after pkg/controller/daemon (daemon_controller.go syncDaemonSet:
// constructHistory, manage → podsShouldBeOnNode → syncNodes, rollingUpdate, updateDaemonSetStatus;
// the failed-pods back-off; the pod and node event handlers). Level-triggered like upstream,
// but a sync only looks again at the nodes whose pods or eligibility changed since the last one
// (the rest would come out the same); the rolling update walks every node while old pods are
// left. Its pods are pinned to their node by required node affinity on metadata.name and bound
// by the default scheduler, so a pod never lands elsewhere and a failed node's pod is never
// moved. Drains leave them alone (kubectl drain --ignore-daemonsets, drain.ts).
import type { PodTemplate } from '../../../model/types.js';
import type { Engine, Timer } from '../../engine/engine.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { NODE_TAINTS, POD_ACTIVE, POD_READY, type ClusterObserver } from '../../state/feed.js';
import type { SimNode, SimPod, SimWorkload } from '../../state/objects.js';
import { type SimControllerRevision, SimDaemonSet } from '../../state/workloads.js';
import { AvailabilityTimers } from '../availability.js';
import { PRIORITY, type Wake } from '../run-loop.js';
import {
  COUNTS_AVAILABLE,
  COUNTS_READY,
  COUNTS_UPDATED,
  type DaemonPodState,
  FailedPodsBackoff,
  allowsSurge,
  nodeStatusCounts,
  podsShouldBeOnNode,
  surgeAndUnavailable,
} from './daemon-pods.js';
import { rollingUpdate, type UpdateNode } from './rolling-update.js';
import { CONTINUE, DaemonPodSpecs, RUN } from './daemon-pod-specs.js';

/** What the controller keeps per DaemonSet (its scratch, by node index). */
class DaemonSetState {
  readonly run: Uint8Array;
  /** The node's bits in the status (daemon-pods.ts COUNTS_*). */
  readonly counts: Uint8Array;
  readonly dirty = new Set<SimNode>();
  /** The failed-pods back-off by node index, and the look pending at its end. */
  readonly backoff = new FailedPodsBackoff();
  readonly recheck = new Map<number, Timer>();
  /** The template the current revision was made from. */
  seenTemplate: PodTemplate | null = null;
  /** Pod specs of a revision per node: the template, the DaemonSet tolerations, the node pin. */
  readonly specs = new Map<SimControllerRevision, (PodTemplate | undefined)[]>();
  desired = 0;
  ready = 0;
  available = 0;
  updated = 0;

  constructor(nodes: number) {
    this.run = new Uint8Array(nodes);
    this.counts = new Uint8Array(nodes);
  }
}

export class DaemonSetController implements ClusterObserver {
  private readonly queue = new Set<SimDaemonSet>();
  private readonly state: DaemonSetState[] = [];
  private readonly availability: AvailabilityTimers;
  /** Nodes by name: the order the rolling update walks them in. */
  private readonly byName: readonly SimNode[];
  private readonly podSpecs: DaemonPodSpecs;

  constructor(
    private readonly c: ClusterState,
    private readonly engine: Engine,
    private readonly wake: Wake,
  ) {
    this.availability = new AvailabilityTimers(c, engine);
    this.podSpecs = new DaemonPodSpecs(c);
    this.byName = [...c.nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ds of c.daemonSets) {
      const st = new DaemonSetState(c.nodes.length);
      this.state[ds.index] = st;
      this.syncRevision(ds, st);
      for (const n of c.nodes) st.run[n.index] = this.podSpecs.shouldRunBits(ds, n);
    }
  }

  get hasWork(): boolean {
    return this.queue.size > 0;
  }

  // --- informer handlers ---------------------------------------------------------------

  podChanged(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    const ds = p.workload;
    if (!(ds instanceof SimDaemonSet)) return;
    const n = p.node ?? oldNode ?? (p.spec.requiredNodeName === undefined ? undefined : this.c.nodeByName.get(p.spec.requiredNodeName));
    if (n) this.state[ds.index].dirty.add(n);
    this.enqueue(ds);
    const diff = before ^ after;
    if (diff & POD_READY || (diff & POD_ACTIVE && !(after & POD_ACTIVE))) this.availability.readinessChanged(p, ds.minReadySeconds);
  }

  /** A node's taints changed: where the DaemonSet should run may have (updateNode). */
  nodeChanged(n: SimNode, what: number): void {
    if (!(what & NODE_TAINTS)) return;
    for (const ds of this.c.daemonSets) {
      const st = this.state[ds.index];
      const bits = this.podSpecs.shouldRunBits(ds, n);
      if (bits === st.run[n.index]) continue;
      st.run[n.index] = bits;
      st.dirty.add(n);
      this.enqueue(ds);
    }
  }

  workloadChanged(w: SimWorkload): void {
    if (w instanceof SimDaemonSet && w.template !== this.state[w.index].seenTemplate) this.enqueue(w);
  }

  private enqueue(ds: SimDaemonSet): void {
    this.queue.add(ds);
    this.wake();
  }

  /** Every DaemonSet looks at every node once at the start (the informers' initial list). */
  enqueueAll(): void {
    for (const ds of this.c.daemonSets) {
      for (const n of this.c.nodes) this.state[ds.index].dirty.add(n);
      this.queue.add(ds);
    }
  }

  processQueue(): boolean {
    if (this.queue.size === 0) return false;
    const all = [...this.queue].sort((a, b) => a.index - b.index);
    this.queue.clear();
    for (const ds of all) this.sync(ds);
    return true;
  }

  // --- the sync ------------------------------------------------------------------------

  /** constructHistory: a template no revision holds becomes the current revision. */
  private syncRevision(ds: SimDaemonSet, st: DaemonSetState): boolean {
    if (st.seenTemplate === ds.template) return false;
    st.seenTemplate = ds.template;
    if (ds.currentRevision?.template !== ds.template) ds.currentRevision = this.c.newControllerRevision(ds, ds.template);
    return true;
  }

  sync(ds: SimDaemonSet): void {
    const st = this.state[ds.index];
    if (this.syncRevision(ds, st)) {
      // A new template: every node's eligibility and revision counts may have moved.
      for (const n of this.c.nodes) {
        st.run[n.index] = this.podSpecs.shouldRunBits(ds, n);
        st.dirty.add(n);
      }
    }
    const dirty = [...st.dirty].sort((a, b) => a.index - b.index);
    st.dirty.clear();
    const surge = allowsSurge(ds.maxSurge, ds.updateStrategy === 'RollingUpdate');
    // manage: podsShouldBeOnNode for the nodes that changed.
    for (const n of dirty) {
      const bits = st.run[n.index];
      const plan = podsShouldBeOnNode({ shouldRun: (bits & RUN) !== 0, shouldContinueRunning: (bits & CONTINUE) !== 0 }, this.podStates(ds, n), surge);
      for (const p of plan.failed) this.deleteFailed(ds, st, n, p);
      for (const p of plan.succeeded) {
        this.record(ds, 'Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${p.key} on node ${n.name}, will try to delete it`);
        this.deletePod(ds, p);
      }
      for (const p of plan.delete) this.deletePod(ds, p);
      if (plan.create) this.createPod(ds, n);
    }
    if (ds.updateStrategy === 'RollingUpdate' && ds.activePods > ds.currentRevision.activeReplicas) this.rollingUpdate(ds, st);
    this.updateStatus(ds, st, dirty);
  }

  /** The DaemonSet's pods meant for `n`, as the controller reads them. */
  private podStates(ds: SimDaemonSet, n: SimNode): DaemonPodState<SimPod>[] {
    const pods = ds.podsByNode.get(n);
    if (!pods) return [];
    return pods.map((p) => ({
      pod: p,
      name: p.name,
      createdAt: p.createdAt,
      bound: p.node !== null,
      terminating: p.deletedAt >= 0,
      phase: p.phase === 'Failed' || p.phase === 'Succeeded' ? p.phase : null,
      ready: p.ready,
      available: p.isAvailable,
      updated: p.revision === ds.currentRevision,
    }));
  }

  private rollingUpdate(ds: SimDaemonSet, st: DaemonSetState): void {
    // updatedDesiredNodeCounts: every node with pods, plus an empty entry per node that should run it.
    const nodes: UpdateNode<SimNode, SimPod>[] = [];
    let desired = 0;
    for (const n of this.byName) {
      const run = (st.run[n.index] & RUN) !== 0;
      if (run) desired++;
      if (run || ds.podsByNode.has(n)) nodes.push({ node: n, shouldRun: run, pods: this.podStates(ds, n) });
    }
    const { maxSurge, maxUnavailable } = surgeAndUnavailable(ds.maxSurge, ds.maxUnavailable, desired);
    const plan = rollingUpdate(nodes, maxSurge, maxUnavailable, desired);
    for (const p of plan.delete) this.deletePod(ds, p);
    for (const n of plan.create) this.createPod(ds, n);
  }

  /**
   * A failed pod is deleted (event FailedDaemonPod) unless the node is in its back-off, which
   * doubles from 1 s with every failed pod deleted there (the DaemonSet fighting a kubelet that
   * keeps rejecting its pod); while in back-off the set is looked at again after the delay.
   */
  private deleteFailed(ds: SimDaemonSet, st: DaemonSetState, n: SimNode, p: SimPod): void {
    const now = this.c.now;
    const wait = st.backoff.tryDelete(n.index, now);
    if (wait > 0) {
      // enqueueDaemonSetAfter(ds, delay): one pending look per node is enough.
      if (!this.engine.pending(st.recheck.get(n.index))) {
        st.recheck.set(n.index, this.engine.at(now + wait, PRIORITY.controllerTimer, () => {
          st.dirty.add(n);
          this.enqueue(ds);
        }));
      }
      return;
    }
    this.record(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.key} on node ${n.name}, will try to kill it`);
    this.deletePod(ds, p);
  }

  /**
   * updateDaemonSetStatus, kept up to date node by node: the nodes looked at in this sync
   * replace their part of the counts.
   */
  private updateStatus(ds: SimDaemonSet, st: DaemonSetState, nodes: readonly SimNode[]): void {
    for (const n of nodes) {
      const old = st.counts[n.index];
      const bits = nodeStatusCounts((st.run[n.index] & RUN) !== 0, this.podStates(ds, n));
      if (bits === old) continue;
      st.counts[n.index] = bits;
      const diff = old ^ bits;
      const sign = (bit: number) => (diff & bit ? (bits & bit ? 1 : -1) : 0);
      st.desired += sign(1);
      st.ready += sign(COUNTS_READY);
      st.available += sign(COUNTS_AVAILABLE);
      st.updated += sign(COUNTS_UPDATED);
    }
    this.c.setDaemonSetStatus(ds, {
      desiredNumberScheduled: st.desired,
      numberReady: st.ready,
      numberAvailable: st.available,
      updatedNumberScheduled: st.updated,
    });
    // `kubectl rollout status`: done when every desired node runs an updated, available pod.
    if (ds.rolloutStartedAt >= 0 && ds.rolloutCompletedAt < 0 && ds.updateStrategy === 'RollingUpdate' && st.updated >= st.desired && st.available >= st.desired) {
      ds.rolloutCompletedAt = this.c.now;
    }
  }

  // --- pods ----------------------------------------------------------------------------

  private createPod(ds: SimDaemonSet, n: SimNode): SimPod {
    const p = this.c.createPod(ds.namespace, null, ds.currentRevision, this.podSpecs.specFor(this.state[ds.index].specs, ds.currentRevision, n), 'DaemonSet');
    this.routine(ds, 'SuccessfulCreate', `Created pod: ${p.name}`);
    return p;
  }

  private deletePod(ds: SimDaemonSet, p: SimPod): void {
    if (p.deletedAt >= 0 || p.gone) return;
    this.routine(ds, 'SuccessfulDelete', `Deleted pod: ${p.name}`);
    this.c.deletePod(p);
  }

  /**
   * The pods of every DaemonSet at the start of a run with no placement given (a cluster in
   * steady state): one on each node that should run it, for the scheduler's first pass.
   */
  createSteadyStatePods(): void {
    const muted = this.c.recorder.mute();
    for (const ds of this.c.daemonSets) {
      const st = this.state[ds.index];
      for (const n of this.c.nodes) if (st.run[n.index] & RUN) this.createPod(ds, n);
    }
    muted.restore();
  }

  private routine(ds: SimDaemonSet, reason: 'SuccessfulCreate' | 'SuccessfulDelete', message: string): void {
    if (!this.c.recorder.routine) {
      this.c.recorder.omitted++;
      return;
    }
    this.record(ds, 'Normal', reason, message);
  }

  private record(ds: SimDaemonSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.recorder.event(this.c.now, type, reason, ds.objectRef, message, { workload: ds.shortName });
  }
}
