// Wires a scenario into a running simulation: builds the cluster from the inventory, starts
// the controllers, schedules the scenario's events, and settles the controllers after every
// instant (one reconcile pass per instant, repeated until nothing moves: zero latency).
import { hardMemoryThreshold } from '../model/cluster-defaults.js';
import type { Scenario, ScenarioEvent } from '../model/scenario.js';
import { TAINT_UNSCHEDULABLE } from '../model/taints.js';
import type { Inventory, NodeSpec } from '../model/types.js';
import { Cluster, PRIORITY } from './cluster.js';
import { DeploymentController } from './controllers/deployment/deployment-controller.js';
import { DisruptionController } from './controllers/disruption/disruption-controller.js';
import { Drainer } from './controllers/drain.js';
import { EvictionManager } from './controllers/kubelet/eviction-manager.js';
import { NodeLifecycleController } from './controllers/node-lifecycle.js';
import { TaintEvictionController } from './controllers/taint-eviction.js';
import { maxSurge } from './controllers/deployment/util.js';
import { Kubelet } from './controllers/kubelet/kubelet.js';
import { ReplicaSetController } from './controllers/replicaset/replicaset-controller.js';
import { Scheduler } from './controllers/scheduler/scheduler.js';
import { HOSTNAME_KEY, ZONE_KEY } from './controllers/scheduler/topology-spread.js';
import { Engine } from './engine/engine.js';
import { makeStreams } from './engine/rng.js';
import type { SimTime } from './engine/time.js';
import { SimDeployment, SimNode, SimPdb } from './objects.js';
import { Recorder } from './recorder.js';
import { Sampler } from './sampler.js';
import { NodeIndex } from './node-index.js';
import { resultOf, type SimResult } from './result.js';
import { ScenarioActions } from './scenario-actions.js';

export interface SimulationOptions {
  /**
   * Keep routine per-pod events (Scheduled, Started, Killing, SuccessfulCreate/Delete)? By
   * default only for clusters of up to ROUTINE_EVENTS_MAX_PODS pods: beyond that they are
   * hundreds of thousands of rows the timelines already tell.
   */
  readonly routineEvents?: boolean;
}

export const ROUTINE_EVENTS_MAX_PODS = 20_000;

export class Simulation {
  readonly engine = new Engine();
  readonly recorder = new Recorder();
  readonly cluster: Cluster;
  readonly kubelet: Kubelet;
  readonly scheduler: Scheduler;
  readonly replicaSets: ReplicaSetController;
  readonly deployments: DeploymentController;
  readonly evictionManager: EvictionManager;
  readonly taintEviction: TaintEvictionController;
  readonly nodeLifecycle: NodeLifecycleController;
  readonly disruption: DisruptionController;
  readonly sampler: Sampler;
  private reconcileQueued = false;

  constructor(
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    const streams = makeStreams(scenario.seed);
    const c = (this.cluster = new Cluster(this.engine, scenario.cluster, this.recorder, streams.workload));
    this.kubelet = new Kubelet(c);
    this.scheduler = new Scheduler(c, this.kubelet, streams.scheduler);
    this.replicaSets = new ReplicaSetController(c, this.kubelet);
    this.deployments = new DeploymentController(c);
    c.onWork = () => this.queueReconcile();
    const pods = scenario.inventory.deployments.reduce((a, d) => a + d.replicas, 0) + scenario.inventory.pods.length;
    this.recorder.routine = options.routineEvents ?? pods <= ROUTINE_EVENTS_MAX_PODS;
    buildCluster(c, scenario.inventory);
    if (c.nodes.length >= 100) c.index = new NodeIndex(c.nodes);
    this.sampler = new Sampler(c);
    this.evictionManager = new EvictionManager(c, this.kubelet);
    this.taintEviction = new TaintEvictionController(c, this.kubelet);
    this.nodeLifecycle = new NodeLifecycleController(c, this.kubelet, this.taintEviction);
    this.disruption = new DisruptionController(this.recorder);
    c.onWorkingSetGrew = (n) => this.evictionManager.kick(n);
    this.evictionManager.onPressureChange = (n) => this.nodeLifecycle.doNoScheduleTaintingPass(n);
    this.scheduler.onBound = (p) => this.taintEviction.podBound(p);
    this.placeInitialPods(scenario.inventory);
    this.evictionManager.start();
    this.nodeLifecycle.start();
    const actions = new ScenarioActions(c, this.kubelet, this.nodeLifecycle, new Drainer(c, this.kubelet, this.nodeLifecycle));
    for (const e of scenario.events) this.scheduleEvent(e, actions);
    // Settle t=0 (e.g. pods the inventory is missing) and take the first samples.
    this.reconcile();
    this.disruption.sync(c.deployments, 0);
    this.sampler.sample(0, true);
  }

  private scheduleEvent(e: ScenarioEvent, actions: ScenarioActions): void {
    this.engine.at(e.atMs, PRIORITY.scenario, () => actions.apply(e));
  }

  private queueReconcile(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    this.engine.at(this.engine.now, PRIORITY.reconcile, () => {
      this.reconcileQueued = false;
      this.reconcile();
    });
  }

  /**
   * The controllers' work queues, drained until nothing moves: Deployments (each re-synced
   * while it keeps writing, as its informer would re-queue it), then ReplicaSets, then the
   * scheduler. Keys are processed in a fixed order so runs are reproducible.
   */
  reconcile(): void {
    const c = this.cluster;
    for (let guard = 0; ; guard++) {
      if (guard > 100_000) throw new Error(`controllers did not settle at t=${c.now} ms`);
      if (c.dirtyDeployments.size > 0) {
        const ds = [...c.dirtyDeployments].sort((a, b) => a.index - b.index);
        c.dirtyDeployments.clear();
        for (const d of ds) if (this.deployments.sync(d)) c.dirtyDeployments.add(d);
        continue;
      }
      if (c.dirtyReplicaSets.size > 0) {
        const rss = [...c.dirtyReplicaSets].sort((a, b) => a.createdSeq - b.createdSeq);
        c.dirtyReplicaSets.clear();
        for (const rs of rss) this.replicaSets.sync(rs);
        continue;
      }
      if ((c.pendingCount > 0 || c.newlyPending.length > 0) && this.scheduler.schedulePending()) continue;
      break;
    }
  }

  /**
   * Initial state. With a pods list (pods.csv or a kubectl dump) pods sit where the inventory
   * says; otherwise every Deployment's pods are placed by the scheduler at t=0 and start Ready
   * (a cluster in steady state). Either way nothing is reported for this setup.
   */
  private placeInitialPods(inv: Inventory): void {
    const c = this.cluster;
    const muted = this.recorder.mute();
    if (inv.hasPodPlacement) {
      for (const ip of inv.pods) {
        if (ip.phase === 'Succeeded' || ip.phase === 'Failed') continue;
        const d = ip.workload ? c.deploymentByKey.get(ip.workload) : undefined;
        const rs = d ? d.replicaSets[0] : null;
        const spec = ip.spec ?? d?.template;
        if (!spec) continue;
        const p = c.createPod(ip.namespace, ip.name, rs, spec);
        p.ownerKind = ip.ownerKind;
        if (ip.memoryUsage !== null) p.usage = { kind: 'bytes', bytes: ip.memoryUsage };
        const node = ip.node ? c.nodeByName.get(ip.node) : undefined;
        if (!node) continue;
        c.updatePod(p, (q) => {
          q.node = node;
          q.scheduledAt = 0;
        });
        if (ip.phase === 'Running') this.kubelet.admitRunning(p, ip.ready);
        else this.kubelet.admit(p);
      }
      for (const d of c.deployments) if (d.replicaSets[0].podSeq === 0) d.replicaSets[0].podSeq = d.replicaSets[0].pods.size;
    } else {
      for (const d of c.deployments) {
        const rs = d.replicaSets[0];
        for (let i = 0; i < rs.spec; i++) c.createPod(d.namespace, null, rs, rs.template);
      }
      // Bound in the scheduler's own queue order; the kubelet starts them already Ready.
      this.kubelet.steadyState = true;
      this.scheduler.schedulePending();
      this.kubelet.steadyState = false;
    }
    c.dirtyDeployments.clear();
    c.dirtyReplicaSets.clear();
    for (const d of c.deployments) c.dirtyDeployments.add(d);
    for (const rs of c.deployments.flatMap((d) => d.replicaSets)) c.dirtyReplicaSets.add(rs);
    muted.restore();
  }

  /** Runs to `until` (ms), sampling after every instant; false if `shouldYield` paused it. */
  runUntil(until: SimTime, shouldYield?: () => boolean): boolean {
    return this.engine.runUntil(until, (t) => this.settleInstant(t), shouldYield);
  }

  private settleInstant(t: SimTime): void {
    this.disruption.sync(this.cluster.changedDeployments, t);
    this.sampler.sample(t, false);
  }

  /** Runs the whole scenario and closes the samples at its end. */
  run(): void {
    this.runUntil(this.scenario.durationMs);
    this.finish();
  }

  finish(): void {
    this.sampler.sample(this.scenario.durationMs, true);
  }

  result(): SimResult {
    return resultOf(this, (capacity) => hardMemoryThreshold(this.scenario.cluster, capacity));
  }
}

/** Runs a scenario start to end. */
export function simulate(scenario: Scenario, options: SimulationOptions = {}): SimResult {
  const sim = new Simulation(scenario, options);
  sim.run();
  return sim.result();
}

function buildCluster(c: Cluster, inv: Inventory): void {
  inv.nodes.forEach((n, i) => c.addNode(toSimNode(c, n, i)));
  inv.deployments.forEach((spec, i) => {
    const d = new SimDeployment(i, spec.namespace, spec.name, spec);
    c.addDeployment(d);
    const rs = c.newReplicaSet(d, d.template);
    rs.spec = d.replicas;
    rs.desiredReplicasAnnotation = d.replicas;
    rs.maxReplicasAnnotation = d.replicas + maxSurge(d);
  });
  for (const spec of inv.pdbs) {
    const pdb = new SimPdb(spec.namespace, spec.name, spec.minAvailable, spec.maxUnavailable);
    for (const d of c.deployments) {
      if (d.namespace !== spec.namespace) continue;
      const labels = d.template.labels;
      const sel = spec.selector;
      if (sel === null || Object.entries(sel).every(([k, v]) => labels[k] === v)) {
        pdb.deployments.push(d);
        d.pdbs.push(pdb);
      }
    }
    c.pdbs.push(pdb);
  }
}

function toSimNode(c: Cluster, n: NodeSpec, i: number): SimNode {
  const labels: Record<string, string> = { ...n.labels, [HOSTNAME_KEY]: n.labels[HOSTNAME_KEY] ?? n.name };
  if (n.zone) labels[ZONE_KEY] = n.zone;
  const capacity = n.memoryCapacity ?? n.allocatable.memory + hardMemoryThreshold(c.config, n.allocatable.memory);
  const taints = [...n.taints];
  // The node lifecycle controller mirrors spec.unschedulable as a NoSchedule taint.
  if (n.unschedulable && !taints.some((t) => t.key === TAINT_UNSCHEDULABLE)) {
    taints.push({ key: TAINT_UNSCHEDULABLE, value: '', effect: 'NoSchedule' });
  }
  return new SimNode(i, n.name, n.zone, labels, taints, n.unschedulable, n.allocatable.cpu, n.allocatable.memory, n.allocatable.pods, capacity);
}
