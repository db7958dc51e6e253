// Wires a scenario into a running simulation: builds the cluster state from the inventory,
// starts the controllers (each subscribes to the state's change feed, in a fixed order),
// schedules the scenario's events, and acts as the controller manager: after every instant in
// which a controller queued work, it drains the work queues until nothing moves (zero latency).
import { hardMemoryThreshold } from '../model/cluster-defaults.js';
import { expectedPods } from '../model/workloads.js';
import { resizeConditionsFrom } from '../model/resize.js';
import type { Scenario } from '../model/scenario.js';
import { buildObjects, createInitialPods } from './build.js';
import { CloneSetController } from './controllers/cloneset/cloneset-controller.js';
import { DaemonSetController } from './controllers/daemon/daemon-controller.js';
import { DeploymentController } from './controllers/deployment/deployment-controller.js';
import { DisruptionController } from './controllers/disruption/disruption-controller.js';
import { Drainer } from './controllers/drain.js';
import { JobController } from './controllers/job/job-controller.js';
import { Kubelet } from './controllers/kubelet/kubelet.js';
import { NodeLifecycleController } from './controllers/node-lifecycle.js';
import { ReplicaSetController } from './controllers/replicaset/replicaset-controller.js';
import { PRIORITY } from './controllers/run-loop.js';
import { Scheduler } from './controllers/scheduler/scheduler.js';
import { StatefulSetController } from './controllers/statefulset/statefulset-controller.js';
import { TaintEvictionController } from './controllers/taint-eviction.js';
import { Engine } from './engine/engine.js';
import { makeStreams } from './engine/rng.js';
import type { SimTime } from './engine/time.js';
import type { SimResult } from './result.js';
import { PodSampler } from './pod-sampler.js';
import { Sampler } from './sampler.js';
import { ScenarioActions } from './scenario-actions.js';
import { ClusterState } from './state/cluster-state.js';
import { Recorder } from './state/events.js';
import { SimJob } from './state/job.js';

export interface SimulationOptions {
  /**
   * Keep routine per-pod events (Scheduled, Started, Killing, SuccessfulCreate/Delete)? By
   * default only for clusters of up to ROUTINE_EVENTS_MAX_PODS pods: beyond that they are
   * hundreds of thousands of rows the timelines already tell.
   */
  readonly routineEvents?: boolean;
  /**
   * Record every pod's kubectl row over time (SimResult.pods, pod-status.csv)? By default for
   * clusters of up to ROUTINE_EVENTS_MAX_PODS pods, like routine events.
   */
  readonly podStatus?: boolean;
}

export const ROUTINE_EVENTS_MAX_PODS = 20_000;

export class Simulation {
  readonly engine = new Engine();
  readonly recorder = new Recorder();
  readonly cluster: ClusterState;
  readonly scheduler: Scheduler;
  readonly replicaSets: ReplicaSetController;
  readonly deployments: DeploymentController;
  readonly statefulSets: StatefulSetController;
  readonly daemonSets: DaemonSetController;
  readonly jobs: JobController;
  readonly cloneSets: CloneSetController;
  readonly kubelet: Kubelet;
  readonly nodeLifecycle: NodeLifecycleController;
  readonly taintEviction: TaintEvictionController;
  readonly disruption: DisruptionController;
  readonly sampler: Sampler;
  /** The pods' kubectl rows over time (null when not recorded). */
  readonly podSampler: PodSampler | null;
  private reconcileQueued = false;

  constructor(
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    const streams = makeStreams(scenario.seed);
    const inv = scenario.inventory;
    const c = (this.cluster = new ClusterState(this.engine, scenario.cluster, this.recorder, streams.workload));
    const pods = expectedPods(inv);
    this.recorder.routine = options.routineEvents ?? pods <= ROUTINE_EVENTS_MAX_PODS;
    buildObjects(c, inv);
    const wake = () => this.queueReconcile();
    // The informers, in the order the feed tells them of each change.
    this.scheduler = new Scheduler(c, streams.scheduler, wake, { engine: this.engine, preemption: streams.preemption });
    c.subscribe((this.replicaSets = new ReplicaSetController(c, this.engine, wake)));
    c.subscribe((this.deployments = new DeploymentController(c, this.engine, wake)));
    c.subscribe((this.statefulSets = new StatefulSetController(c, this.engine, wake)));
    c.subscribe((this.daemonSets = new DaemonSetController(c, this.engine, wake)));
    c.subscribe((this.jobs = new JobController(c, this.engine, wake)));
    // Restart counts of OnFailure Jobs' pods: every pod write, so only when there are such Jobs.
    if (this.jobs.needsPodStatus) c.subscribe({ podStatusChanged: (p) => this.jobs.podStatusChanged(p) });
    this.cloneSets = new CloneSetController(c, this.engine, wake);
    if (c.cloneSets.length > 0) c.subscribe(this.cloneSets);
    c.subscribe((this.kubelet = new Kubelet(c, this.engine)));
    c.subscribe((this.nodeLifecycle = new NodeLifecycleController(c, this.engine)));
    c.subscribe((this.taintEviction = new TaintEvictionController(c, this.engine)));
    c.subscribe((this.disruption = new DisruptionController(c)));
    c.subscribe((this.sampler = new Sampler(c)));
    this.podSampler = (options.podStatus ?? pods <= ROUTINE_EVENTS_MAX_PODS) ? new PodSampler(resizeConditionsFrom(scenario.cluster.version)) : null;
    if (this.podSampler) c.subscribe(this.podSampler);
    this.placeInitialPods();
    this.nodeLifecycle.start();
    const actions = new ScenarioActions(c, this.kubelet, new Drainer(c, this.engine));
    for (const e of scenario.events) this.engine.at(e.atMs, PRIORITY.scenario, () => actions.apply(e));
    // Settle t=0 (e.g. pods the inventory is missing) and take the first samples.
    this.reconcile();
    this.disruption.enqueueAll();
    this.disruption.sync(0);
    this.sampler.sample(0, true);
    this.podSampler?.sample(0, true);
  }

  /**
   * Initial state. With a pods list (pods.csv or a kubectl dump) pods sit where the inventory
   * says; otherwise every Deployment's pods are placed by the scheduler at t=0 and start Ready
   * (a cluster in steady state). Then the kubelets start and take over the pods bound to them.
   * Nothing routine is reported for this setup.
   */
  private placeInitialPods(): void {
    const muted = this.recorder.mute();
    // Without a pods list DaemonSet pods come first, as on nodes that ran their agents before the apps.
    if (!this.scenario.inventory.hasPodPlacement) {
      this.daemonSets.createSteadyStatePods();
      this.statefulSets.createSteadyStatePods();
      this.cloneSets.createSteadyStatePods();
    }
    const placed = createInitialPods(this.cluster, this.scenario.inventory);
    for (const j of this.cluster.jobs) for (const p of j.pods.pods) this.jobs.adopt(p);
    if (!this.scenario.inventory.hasPodPlacement) this.scheduler.schedulePending();
    const steady = { running: true, ready: true };
    const notRunning = { running: false, ready: false };
    this.kubelet.start((p) => (this.scenario.inventory.hasPodPlacement ? (placed.get(p) ?? notRunning) : steady));
    this.deployments.enqueueAll();
    this.replicaSets.enqueueAll();
    this.statefulSets.enqueueAll();
    this.daemonSets.enqueueAll();
    this.jobs.enqueueAll();
    this.cloneSets.enqueueAll();
    muted.restore();
    // Pods on nodes tainted NoExecute before the run are due as the taints' timeAdded says.
    this.taintEviction.start((p) => placed.get(p)?.boundAt);
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
   * while it keeps writing, as its informer would re-queue it), then ReplicaSets, StatefulSets,
   * DaemonSets and Jobs, then the scheduler. Keys are processed in a fixed order so runs are reproducible.
   */
  reconcile(): void {
    for (let guard = 0; ; guard++) {
      if (guard > 100_000) throw new Error(`controllers did not settle at t=${this.engine.now} ms`);
      if (this.deployments.processQueue()) continue;
      if (this.replicaSets.processQueue()) continue;
      if (this.statefulSets.processQueue()) continue;
      if (this.daemonSets.processQueue()) continue;
      if (this.jobs.processQueue()) continue;
      if (this.cloneSets.processQueue()) continue;
      if (this.scheduler.hasWork && this.scheduler.schedulePending()) continue;
      break;
    }
  }

  /** Runs to `until` (ms), sampling after every instant; false if `shouldYield` paused it. */
  runUntil(until: SimTime, shouldYield?: () => boolean): boolean {
    return this.engine.runUntil(until, (t) => this.settleInstant(t), shouldYield);
  }

  private settleInstant(t: SimTime): void {
    this.disruption.sync(t);
    this.sampler.sample(t, false);
    this.podSampler?.sample(t, false);
  }

  /** Runs the whole scenario and closes the samples at its end. */
  run(): void {
    this.runUntil(this.scenario.durationMs);
    this.finish();
  }

  finish(): void {
    this.sampler.sample(this.scenario.durationMs, true);
    this.podSampler?.sample(this.scenario.durationMs, true);
  }

  /** The immutable outcome of the run so far: everything reports, the TUI and comparisons read. */
  result(): SimResult {
    const c = this.cluster;
    const cfg = this.scenario.cluster;
    return {
      scenario: this.scenario,
      durationMs: this.scenario.durationMs,
      workloads: c.workloads.map((d) => ({
        index: d.index,
        namespace: d.namespace,
        name: d.name,
        key: d.key,
        kind: d.kind,
        samples: this.sampler.workloads[d.index],
        pdb: d.pdbs[0] ? { name: d.pdbs[0].name, minAvailable: d.pdbs[0].minAvailable, maxUnavailable: d.pdbs[0].maxUnavailable } : null,
        rolloutStartedAt: d.rolloutStartedAt,
        rolloutCompletedAt: d.rolloutCompletedAt,
        rolloutStalled: d.rolloutStalled,
        evictions: d.evictions,
        oomKills: d.oomKills,
        restarts: d.restarts,
        ...(d instanceof SimJob ? { job: this.jobs.result(d, this.engine.now) } : {}),
      })),
      nodes: c.nodes.map((n) => ({
        name: n.name,
        zone: n.zone,
        allocatableCpu: n.allocatableCpu,
        allocatableMemory: n.allocatableMemory,
        memoryCapacity: n.memoryCapacity,
        evictionThreshold: hardMemoryThreshold(cfg, n.memoryCapacity),
        samples: this.sampler.nodes[n.index],
      })),
      events: this.recorder.events,
      pods: this.podSampler?.timeline() ?? null,
      stats: {
        timersFired: this.engine.fired,
        schedulingAttempts: this.scheduler.attempts,
        podsCreated: c.podsCreated,
        routineEventsOmitted: this.recorder.omitted,
      },
    };
  }
}

/** Runs a scenario start to end. */
export function simulate(scenario: Scenario, options: SimulationOptions = {}): SimResult {
  const sim = new Simulation(scenario, options);
  sim.run();
  return sim.result();
}
