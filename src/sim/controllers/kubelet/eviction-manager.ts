// The kubelet eviction manager for memory, after pkg/kubelet/eviction/eviction_manager.go
// (synchronize, evictPod, waitForPodsCleanup) and helpers.go. Every node's kubelet checks every
// evictionMonitoringPeriod (10 s) from t=0; after evicting a pod it waits for that pod to be
// cleaned up (at most 30 s) and checks again at once. At most one pod is evicted per check.
//
// Signals (no swap; Headroom's working sets are the pods' only):
//   memory.available            = machine capacity − Σ working sets
//   allocatableMemory.available = (allocatable + hard threshold) − Σ working sets, the kubepods
//     cgroup with no system/kube reservations carved out of it; ParseThresholdConfig copies
//     every hard memory.available threshold to this signal (enforceNodeAllocatable=[pods]).
//   nodefs.available            = the node filesystem's size − Σ the pods' ephemeral storage
//     (writable layers, logs, emptyDirs; images and system files are not modelled), on nodes
//     whose ephemeral storage is given — DiskPressure, ranked by rankDiskPressureFunc.
// Before any ranking, every pass evicts all pods over a local-storage limit
// (localStorageEviction, local-storage-eviction.ts, with the DiskPressure reclaim): an emptyDir over its sizeLimit, the pod over its containers' total
// ephemeral-storage limit, a container over its own.
// A node whose figures cannot cross a threshold before its usage grows is not checked
// (nothing would happen); it is woken on the next check of its 10 s grid after a change.
import type { EvictionThreshold } from '../../../model/scenario.js';
import { formatBytes } from '../../../model/quantity.js';
import { hardMemoryThreshold } from '../../../model/cluster-defaults.js';
import type { Engine, Timer } from '../../engine/engine.js';
import type { SimTime } from '../../engine/time.js';
import type { ClusterState } from '../../state/cluster-state.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import { PRIORITY } from '../run-loop.js';
import { storageUsage } from './usage.js';
import { type PodEvictor, localStorageEviction, reclaimDisk } from './local-storage-eviction.js';
import {
  byEvictionPriority,
  mergeThresholds,
  nodeConditions,
  nodeConditionsLastObservedAt,
  nodeConditionsObservedSince,
  rankMemoryPressure,
  thresholdQuantity,
  thresholdsFirstObservedAt,
  thresholdsMet,
  thresholdsMetGracePeriod,
  type NodeConditionsObservedAt,
  type SignalObservations,
  type ThresholdObservedAt,
} from './eviction-helpers.js';

/** The kubelet's side of an eviction (killPodFunc) and of reading fresh stats. */
export interface PodKiller extends PodEvictor {
  isUp(n: SimNode): boolean;
  /** Re-samples the pod's working set from its usage model. */
  updateUsage(p: SimPod): void;
}

const POD_CLEANUP_TIMEOUT_MS = 30_000;
const POD_CLEANUP_POLL_MS = 1_000;

interface NodeState {
  anchor: SimTime;
  lastCheck: SimTime;
  timer: Timer | null;
  firstObservedAt: ThresholdObservedAt[];
  conditionsObservedAt: NodeConditionsObservedAt;
  thresholdsMet: EvictionThreshold[];
}

export class EvictionManager {
  private readonly thresholds: EvictionThreshold[];
  /** nodefs.available thresholds, for nodes whose ephemeral storage is modelled. */
  private readonly diskThresholds: EvictionThreshold[];
  private readonly states: NodeState[];

  constructor(
    private readonly c: ClusterState,
    private readonly engine: Engine,
    private readonly kubelet: PodKiller,
  ) {
    const memory = c.config.evictionThresholds.filter((t) => t.signal === 'memory.available' || t.signal === 'allocatableMemory.available');
    const allocatable = memory
      .filter((t) => t.signal === 'memory.available' && t.gracePeriodMs === 0)
      .map((t) => ({ ...t, signal: 'allocatableMemory.available' as const }));
    this.thresholds = mergeThresholds(memory, allocatable);
    this.diskThresholds = c.config.evictionThresholds.filter((t) => t.signal === 'nodefs.available');
    this.states = c.nodes.map(() => ({ anchor: 0, lastCheck: -1, timer: null, firstObservedAt: [], conditionsObservedAt: {}, thresholdsMet: [] }));
  }

  get period(): number {
    return this.c.config.evictionMonitoringPeriodMs;
  }

  /**
   * The first checks at t=0, for every node (with something to check). A node under
   * MemoryPressure at t=0 (a kubectl dump's condition) had its thresholds met when last
   * observed: the condition holds until the pressure transition period has passed without them
   * (nodeConditionsLastObservedAt).
   */
  start(): void {
    for (const n of this.c.nodes) {
      if (n.memoryPressure) this.states[n.index].conditionsObservedAt = { MemoryPressure: this.c.now };
      if (this.thresholds.length > 0 || this.storageModelled(n)) this.schedule(n, 0);
    }
  }

  private storageModelled(n: SimNode): boolean {
    return Number.isFinite(n.ephemeralStorageCapacity);
  }

  /** The thresholds a node's kubelet watches. */
  private thresholdsOf(n: SimNode): EvictionThreshold[] {
    return this.storageModelled(n) && this.diskThresholds.length > 0 ? [...this.thresholds, ...this.diskThresholds] : this.thresholds;
  }

  private schedule(n: SimNode, at: SimTime): void {
    const s = this.states[n.index];
    if (this.engine.pending(s.timer)) {
      if (s.timer.time <= at) return;
      this.engine.cancel(s.timer);
    }
    s.timer = this.engine.at(at, PRIORITY.controllerTimer, () => this.synchronize(n));
  }

  /** A node's working set (or a pod's storage) grew: make sure its next check on the 10 s grid happens. */
  workingSetGrew(n: SimNode): void {
    if (this.thresholds.length === 0 && !this.storageModelled(n) && n.storagePods === 0) return;
    const s = this.states[n.index];
    if (this.engine.pending(s.timer)) return;
    const now = this.c.now;
    let next = s.anchor + Math.ceil((now - s.anchor) / this.period) * this.period;
    if (next <= s.lastCheck) next = s.lastCheck + this.period;
    this.schedule(n, next);
  }

  private observe(n: SimNode): SignalObservations {
    const allocatableCapacity = n.allocatableMemory + hardMemoryThreshold(this.c.config, n.memoryCapacity);
    const obs: { -readonly [K in keyof SignalObservations]: SignalObservations[K] } = {
      'memory.available': { available: n.memoryCapacity - n.workingSet, capacity: n.memoryCapacity },
      'allocatableMemory.available': { available: allocatableCapacity - n.workingSet, capacity: allocatableCapacity },
    };
    if (this.storageModelled(n)) {
      let used = 0;
      for (const p of n.pods) used += storageUsage(p, this.c.now).total;
      obs['nodefs.available'] = { available: n.ephemeralStorageCapacity - used, capacity: n.ephemeralStorageCapacity };
    }
    return obs;
  }

  /** synchronize(): one pass of the control loop for one node. */
  private synchronize(n: SimNode): void {
    const now = this.c.now;
    const s = this.states[n.index];
    s.lastCheck = now;
    s.anchor = now;
    if (!this.kubelet.isUp(n)) return; // a dead kubelet checks nothing; restarted on recovery
    // The kubelet reads fresh stats: re-sample usage models that change over time.
    for (const p of n.pods) if (p.usage.kind === 'expression' && p.usage.timeVarying) this.kubelet.updateUsage(p);
    if (this.quiet(n, s)) {
      if (this.needsChecks(n, s)) this.schedule(n, now + this.period);
      return;
    }
    const obs = this.observe(n);
    let met = thresholdsMet(this.thresholdsOf(n), obs, false);
    // Thresholds acted on last time stay met until min-reclaim is satisfied too.
    met = mergeThresholds(met, thresholdsMet(s.thresholdsMet, obs, true));
    s.firstObservedAt = thresholdsFirstObservedAt(met, s.firstObservedAt, now);
    s.conditionsObservedAt = nodeConditionsLastObservedAt(nodeConditions(met), s.conditionsObservedAt, now);
    const observed = nodeConditionsObservedSince(s.conditionsObservedAt, this.c.config.evictionPressureTransitionPeriodMs, now);
    const pressure = observed.includes('MemoryPressure');
    if (pressure !== n.memoryPressure) this.setPressure(n, pressure);
    const diskPressure = observed.includes('DiskPressure');
    if (diskPressure !== n.diskPressure) this.setDiskPressure(n, diskPressure);
    const eligible = thresholdsMetGracePeriod(s.firstObservedAt, now);
    s.thresholdsMet = eligible;
    const evicted = localStorageEviction(this.c, this.kubelet, n) ?? (eligible.length > 0 ? this.reclaim(n, byEvictionPriority(eligible)[0], obs) : null);
    if (evicted) {
      // waitForPodsCleanup: poll every second for the victim to be gone, at most 30 s.
      const gone = evicted.killUntil;
      const wait = Math.min(POD_CLEANUP_TIMEOUT_MS, Math.max(POD_CLEANUP_POLL_MS, Math.ceil((gone - now) / POD_CLEANUP_POLL_MS) * POD_CLEANUP_POLL_MS));
      this.schedule(n, now + wait);
      return;
    }
    if (this.needsChecks(n, s)) this.schedule(n, now + this.period);
  }

  /**
   * A pass that would change nothing: no threshold met now, none remembered, no pressure to
   * report. (The same outcome as the full pass, without building observations.)
   */
  private quiet(n: SimNode, s: NodeState): boolean {
    if (s.firstObservedAt.length > 0 || s.thresholdsMet.length > 0 || n.memoryPressure || n.diskPressure) return false;
    if (this.storageModelled(n) || n.storagePods > 0) return false;
    const allocatableCapacity = n.allocatableMemory + hardMemoryThreshold(this.c.config, n.memoryCapacity);
    for (const t of this.thresholds) {
      const capacity = t.signal === 'memory.available' ? n.memoryCapacity : allocatableCapacity;
      if (capacity - n.workingSet < thresholdQuantity(t, capacity)) return false;
    }
    return true;
  }

  /** Whether the next check could do anything without the working set growing first. */
  private needsChecks(n: SimNode, s: NodeState): boolean {
    if (s.firstObservedAt.length > 0 || n.memoryPressure || n.diskPressure) return true;
    for (const p of n.pods) {
      if (p.usage.kind === 'expression' && p.usage.timeVarying) return true;
      if (p.usesStorage) {
        const u = p.spec.ephemeralStorageUsage;
        if (u.kind === 'expression' && u.timeVarying && p.running) return true;
      }
    }
    return false;
  }

  /** The DiskPressure condition, as the kubelet posts it. */
  private setDiskPressure(n: SimNode, pressure: boolean): void {
    const reason = pressure ? 'NodeHasDiskPressure' : 'NodeHasNoDiskPressure';
    this.c.recorder.event(this.c.now, pressure ? 'Warning' : 'Normal', reason, `node/${n.name}`, `Node ${n.name} status is now: ${reason}`, { node: n.name });
    this.c.setDiskPressure(n, pressure);
  }

  /** The MemoryPressure condition, as the kubelet posts it (the node lifecycle controller taints it). */
  private setPressure(n: SimNode, pressure: boolean): void {
    this.c.recorder.event(
      this.c.now,
      pressure ? 'Warning' : 'Normal',
      pressure ? 'NodeHasInsufficientMemory' : 'NodeHasSufficientMemory',
      `node/${n.name}`,
      `Node ${n.name} status is now: ${pressure ? 'NodeHasInsufficientMemory' : 'NodeHasSufficientMemory'}`,
      { node: n.name },
    );
    this.c.setMemoryPressure(n, pressure);
  }

  /**
   * Memory has no node-level reclaim: rank the node's pods (rankMemoryPressure: working set over
   * request first, then lower priority, then the larger overage) and evict the first one that
   * is not critical. Pods already on their way out are not candidates.
   */
  private reclaim(n: SimNode, t: EvictionThreshold, obs: SignalObservations): { killUntil: SimTime } | null {
    if (t.signal === 'nodefs.available') return reclaimDisk(this.c, this.kubelet, n, t, obs);
    const candidates: { name: string; priority: number; memoryRequest: number; workingSet: number | null; pod: SimPod }[] = [];
    for (const p of n.pods) {
      if (p.deletedAt >= 0 || p.killedByKubelet) continue;
      candidates.push({ name: p.name, priority: p.priority, memoryRequest: p.memory, workingSet: p.running ? p.workingSet : 0, pod: p });
    }
    const o = obs[t.signal]!;
    const threshold = thresholdQuantity(t, o.capacity);
    this.c.recorder.event(this.c.now, 'Warning', 'EvictionThresholdMet', `node/${n.name}`, `Attempting to reclaim memory`, { node: n.name });
    for (const cand of rankMemoryPressure(candidates)) {
      const p = cand.pod;
      if (p.critical) continue; // evictPod refuses critical pods; try the next one
      const hard = t.gracePeriodMs === 0;
      const cfg = this.c.config;
      let grace = p.spec.terminationGracePeriodSeconds;
      if (hard && cfg.hardEvictionGracePeriodSeconds !== null) grace = cfg.hardEvictionGracePeriodSeconds;
      if (!hard && cfg.evictionMaxPodGracePeriodSeconds > 0) grace = Math.min(grace, cfg.evictionMaxPodGracePeriodSeconds);
      const message =
        `The node was low on resource: memory. Threshold quantity: ${formatBytes(threshold)}, available: ${formatBytes(o.available)}. ` +
        `Container ${p.spec.containers[0]?.name ?? p.name} was using ${formatBytes(p.workingSet)}, request is ${formatBytes(p.memory)}, has larger consumption of memory.`;
      return { killUntil: this.kubelet.evict(p, grace, message) };
    }
    return null;
  }
}
