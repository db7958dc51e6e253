// The node lifecycle controller, after pkg/controller/nodelifecycle/node_lifecycle_controller.go
// (monitorNodeHealth, tryUpdateNodeHealth, processTaintBaseEviction, doNoExecuteTaintingPass,
// doNoScheduleTaintingPass, handleDisruption, ComputeZoneState) and its RateLimitedTimedQueue.
//
// - Every nodeMonitorPeriod (5 s, from t=0) it looks at each node's last observed heartbeat.
//   The kubelet renews its Lease every 10 s (nodeLeaseDurationSeconds 40 / 4); a pass that sees
//   a newer lease records the pass time as probeTimestamp. When now > probeTimestamp +
//   nodeMonitorGracePeriod (strict), Ready becomes Unknown, NodeNotReady is recorded and every
//   pod on the node is marked Ready=False (MarkPodsNotReady): availability drops now.
// - A node is queued for its NoExecute taint on the pass that *observes* Ready≠True (the value
//   before that pass's own rewrite), i.e. the pass after Unknown was set; a kubelet that reports
//   Ready=False itself is queued on the first pass. Each zone's queue is drained at
//   --node-eviction-rate (0.1 node/s, burst 1): the first node at once, then one per 10 s.
// - Zone states: FullDisruption (no Ready node), PartialDisruption (> 2 not Ready and ≥ 55 %):
//   tainting slows to 0.01/s in zones over 50 nodes and stops in smaller ones; if every zone is
//   fully disrupted, all NoExecute taints are removed and nothing is tainted until a node is
//   Ready again (then every node gets a fresh grace period).
// - Condition taints (not-ready/unreachable/memory-pressure:NoSchedule, unschedulable) follow the
//   node's status at once (doNoScheduleTaintingPass on the node update).
// It reads the nodes' Leases and conditions and writes conditions, taints and pods' Ready
// condition; the taint-eviction controller and the scheduler watch the taints it writes.
import type { Taint, TaintEffect } from '../../model/types.js';
import {
  LABEL_EXCLUDE_DISRUPTION,
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
} from '../../model/well-known.js';
import type { Engine } from '../engine/engine.js';
import type { SimTime } from '../engine/time.js';
import type { ClusterState } from '../state/cluster-state.js';
import { NODE_CONDITIONS, NODE_LEASE, NODE_SCHEDULABLE, NODE_TAINTS, type ClusterObserver } from '../state/feed.js';
import type { ConditionStatus, SimNode } from '../state/objects.js';
import { Limiter } from './rate-limiter.js';
import { PRIORITY } from './run-loop.js';

type ZoneStateName = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

interface Zone {
  readonly name: string;
  readonly nodes: SimNode[];
  state: ZoneStateName;
  limiter: Limiter;
  /** Nodes waiting for their NoExecute taint, in the order they were queued. */
  queue: SimNode[];
  readonly queued: Set<SimNode>;
}

export class NodeLifecycleController implements ClusterObserver {
  private readonly zones = new Map<string, Zone>();
  private readonly zoneOf = new Map<SimNode, Zone>();
  /** Nodes that need the monitor's attention (down, not Ready, or still tainted). */
  private readonly watched = new Set<SimNode>();
  /** A node's Ready changed since the last zone-state evaluation. */
  private readyChanged = true;
  private workerQueued = false;
  /** By node index: the Ready status this controller last saw. */
  private readonly seenReady: ConditionStatus[];
  /** By node index: a fresh grace period granted to every node after a master disruption. */
  private readonly graceFrom: SimTime[];

  constructor(
    private readonly c: ClusterState,
    private readonly engine: Engine,
  ) {
    this.seenReady = c.nodes.map((n) => n.ready);
    this.graceFrom = c.nodes.map(() => -Infinity);
    for (const n of c.nodes) {
      let z = this.zones.get(n.zone);
      if (!z) {
        z = { name: n.zone, nodes: [], state: 'Initial', limiter: new Limiter(c.config.nodeEvictionRate), queue: [], queued: new Set() };
        this.zones.set(n.zone, z);
      }
      z.nodes.push(n);
      this.zoneOf.set(n, z);
    }
  }

  /**
   * The informers' initial list: each node's condition taints are brought in line with its
   * conditions (doNoScheduleTaintingPass on the node's add event), and a node that is not
   * Ready, not heard from or already tainted NoExecute at t=0 (a kubectl dump's state) is
   * watched from the first monitor pass on. Then the monitor passes, from t=0.
   */
  start(): void {
    for (const n of this.c.nodes) {
      this.doNoScheduleTaintingPass(n);
      if (n.ready !== 'True' || !n.lease.held || hasNoExecute(n)) this.watched.add(n);
    }
    this.engine.at(0, PRIORITY.controllerTimer, () => this.monitor());
  }

  // --- what the kubelets post ----------------------------------------------------------

  nodeChanged(n: SimNode, what: number): void {
    if (what & (NODE_LEASE | NODE_TAINTS)) this.watched.add(n);
    if (what & NODE_CONDITIONS) {
      this.watched.add(n);
      if (n.ready !== this.seenReady[n.index]) {
        this.seenReady[n.index] = n.ready;
        this.readyChanged = true;
      }
      this.doNoScheduleTaintingPass(n);
    } else if (what & NODE_SCHEDULABLE) this.doNoScheduleTaintingPass(n);
  }

  /**
   * probeTimestamp (nodeHealthData): when a monitor pass last saw the Lease renewed — the first
   * pass at or after its renewTime, as passes run every nodeMonitorPeriod from t=0 — or the
   * fresh grace period granted after a master disruption.
   */
  private probeTimestamp(n: SimNode, now: SimTime): SimTime {
    const period = this.c.config.nodeMonitorPeriodMs;
    return Math.max(this.graceFrom[n.index], Math.ceil(n.lease.renewTime(now) / period) * period);
  }

  // --- the controller's monitor pass ---------------------------------------------------

  private monitor(): void {
    const now = this.c.now;
    const grace = this.c.config.nodeMonitorGracePeriodMs;
    const nodes = [...this.watched].sort((a, b) => a.index - b.index);
    for (const n of nodes) {
      const observed = n.ready;
      if (!n.lease.held && now > this.probeTimestamp(n, now) + grace && n.ready !== 'Unknown') this.c.setReady(n, 'Unknown');
      this.processTaintBaseEviction(n, observed);
      if (n.ready !== 'True' && observed === 'True') {
        this.c.recorder.event(now, 'Normal', 'NodeNotReady', `node/${n.name}`, `Node ${n.name} status is now: NodeNotReady`, { node: n.name });
        this.markPodsNotReady(n);
      }
      if (this.settled(n)) this.watched.delete(n);
    }
    if (this.readyChanged) this.handleDisruption();
    this.readyChanged = false;
    this.engine.at(now + this.c.config.nodeMonitorPeriodMs, PRIORITY.controllerTimer, () => this.monitor());
  }

  /**
   * Nothing a pass could do to the node until its kubelet changes: healthy and untainted, or
   * down/not ready with its NoExecute taint in place or waiting in the zone's queue.
   */
  private settled(n: SimNode): boolean {
    if (n.lease.held && n.ready === 'True') return !hasNoExecute(n);
    const want = n.ready === 'Unknown' ? TAINT_UNREACHABLE : n.ready === 'False' ? TAINT_NOT_READY : null;
    return want !== null && (hasTaint(n, want, 'NoExecute') || this.zoneOf.get(n)!.queued.has(n));
  }

  /** MarkPodsNotReady: every pod on the node gets Ready=False (endpoints drop them). */
  private markPodsNotReady(n: SimNode): void {
    for (const p of [...n.pods].sort((a, b) => a.id - b.id)) {
      if (p.ready) this.c.updatePod(p, (q) => (q.ready = false));
    }
  }

  private processTaintBaseEviction(n: SimNode, observed: ConditionStatus): void {
    const z = this.zoneOf.get(n)!;
    if (observed === 'False') {
      if (hasTaint(n, TAINT_UNREACHABLE, 'NoExecute')) this.swapNoExecute(n, TAINT_NOT_READY);
      else this.enqueue(z, n);
    } else if (observed === 'Unknown') {
      if (hasTaint(n, TAINT_NOT_READY, 'NoExecute')) this.swapNoExecute(n, TAINT_UNREACHABLE);
      else this.enqueue(z, n);
    } else this.markNodeAsReachable(n);
  }

  private enqueue(z: Zone, n: SimNode): void {
    const key = n.ready === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    if (hasTaint(n, key, 'NoExecute') || z.queued.has(n)) return;
    z.queue.push(n);
    z.queued.add(n);
    this.queueWorker(this.c.now);
  }

  /** markNodeAsReachable: drop both NoExecute taints and the queue entry. */
  private markNodeAsReachable(n: SimNode): void {
    const z = this.zoneOf.get(n)!;
    if (z.queued.delete(n)) z.queue = z.queue.filter((x) => x !== n);
    const kept = n.taints.filter((t) => !(t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE)));
    if (kept.length !== n.taints.length) this.c.setTaints(n, kept);
  }

  private swapNoExecute(n: SimNode, key: string): void {
    const kept = n.taints.filter((t) => !(t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE)));
    // The taint worker stamps timeAdded (the taint-eviction controller counts from when it sees it).
    this.c.setTaints(n, [...kept, { key, value: '', effect: 'NoExecute', timeAdded: this.c.now }]);
  }

  /** doNoExecuteTaintingPass: each zone's queue at its limiter's pace (the worker ticks every 100 ms). */
  private queueWorker(at: SimTime): void {
    if (this.workerQueued || at === Infinity) return;
    this.workerQueued = true;
    this.engine.at(Math.max(at, this.c.now), PRIORITY.controllerTimer, () => {
      this.workerQueued = false;
      this.taintWorker();
    });
  }

  private taintWorker(): void {
    const now = this.c.now;
    let next = Infinity;
    for (const z of this.zones.values()) {
      while (z.queue.length > 0) {
        if (!z.limiter.tryAccept(now)) {
          next = Math.min(next, z.limiter.nextToken());
          break;
        }
        const n = z.queue.shift()!;
        z.queued.delete(n);
        const key = n.ready === 'False' ? TAINT_NOT_READY : n.ready === 'Unknown' ? TAINT_UNREACHABLE : null;
        if (key) this.swapNoExecute(n, key);
      }
    }
    if (next !== Infinity) this.queueWorker(next);
  }

  /** handleDisruption: zone states and their taint rates. */
  private handleDisruption(): void {
    const cfg = this.c.config;
    const states = new Map<Zone, ZoneStateName>();
    let allFull = true;
    for (const z of this.zones.values()) {
      let ready = 0;
      let notReady = 0;
      for (const n of z.nodes) {
        if (n.labels[LABEL_EXCLUDE_DISRUPTION] !== undefined) continue;
        if (n.ready === 'True') ready++;
        else notReady++;
      }
      let s: ZoneStateName = 'Normal';
      if (ready === 0 && notReady > 0) s = 'FullDisruption';
      else if (notReady > 2 && notReady / (notReady + ready) >= cfg.unhealthyZoneThreshold) s = 'PartialDisruption';
      if (s !== 'FullDisruption') allFull = false;
      states.set(z, s);
    }
    const allWereFull = [...this.zones.values()].every((z) => z.state === 'FullDisruption');
    if (allFull && allWereFull) return;
    if (allFull) {
      // Master disruption mode: every node unreachable looks like our own network problem.
      this.c.recorder.event(this.c.now, 'Warning', 'MasterDisruptionMode', 'cluster', 'All nodes are not Ready: no NoExecute taints, no taint evictions', {});
      for (const n of this.c.nodes) this.markNodeAsReachable(n);
      for (const z of this.zones.values()) {
        z.limiter = new Limiter(0);
        z.state = 'FullDisruption';
      }
      for (const n of this.c.nodes) if (n.ready !== 'True') this.watched.add(n);
      return;
    }
    if (allWereFull && this.zones.size > 0 && [...this.zones.values()].every((z) => z.state !== 'Initial')) {
      for (const n of this.c.nodes) this.graceFrom[n.index] = this.c.now;
      for (const z of this.zones.values()) this.setLimiter(z, states.get(z)!);
      for (const n of this.c.nodes) if (n.ready !== 'True') this.watched.add(n);
      return;
    }
    for (const z of this.zones.values()) {
      const s = states.get(z)!;
      if (z.state === s) continue;
      if (z.state !== 'Initial' || s !== 'Normal') {
        this.c.recorder.event(this.c.now, s === 'Normal' ? 'Normal' : 'Warning', 'ZoneStateChanged', `zone/${z.name}`, `Zone ${z.name} is now in state ${s}`, {});
      }
      this.setLimiter(z, s);
    }
  }

  private setLimiter(z: Zone, s: ZoneStateName): void {
    const cfg = this.c.config;
    z.state = s;
    let qps = cfg.nodeEvictionRate;
    if (s === 'PartialDisruption') qps = z.nodes.length > cfg.largeClusterSizeThreshold ? cfg.secondaryNodeEvictionRate : 0;
    if (qps === z.limiter.qps) return;
    // SwapLimiter: a new bucket, drained if the old one had no token ("good when burst is 1").
    const old = z.limiter;
    z.limiter = new Limiter(qps);
    if (!old.tryAccept(this.c.now)) z.limiter.drain(this.c.now);
    if (z.queue.length > 0) this.queueWorker(z.limiter.nextToken());
  }

  // --- condition taints ----------------------------------------------------------------

  /** doNoScheduleTaintingPass: NoSchedule taints mirror the node's conditions and spec. */
  doNoScheduleTaintingPass(n: SimNode): void {
    const want: Taint[] = [];
    if (n.ready === 'False') want.push(noSchedule(TAINT_NOT_READY));
    if (n.ready === 'Unknown') want.push(noSchedule(TAINT_UNREACHABLE));
    if (n.memoryPressure && n.ready === 'True') want.push(noSchedule(TAINT_MEMORY_PRESSURE));
    if (n.diskPressure && n.ready === 'True') want.push(noSchedule(TAINT_DISK_PRESSURE));
    if (n.unschedulable) want.push(noSchedule(TAINT_UNSCHEDULABLE));
    const managed = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_MEMORY_PRESSURE, TAINT_DISK_PRESSURE, TAINT_UNSCHEDULABLE]);
    const kept = n.taints.filter((t) => !(t.effect === 'NoSchedule' && managed.has(t.key)));
    const next = [...kept, ...want];
    const same = next.length === n.taints.length && next.every((t) => n.taints.some((u) => u.key === t.key && u.effect === t.effect));
    if (!same) this.c.setTaints(n, next);
  }
}

const noSchedule = (key: string): Taint => ({ key, value: '', effect: 'NoSchedule' });
const hasTaint = (n: SimNode, key: string, effect: TaintEffect): boolean => n.taints.some((t) => t.key === key && t.effect === effect);
const hasNoExecute = (n: SimNode): boolean => n.taints.some((t) => t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE));
