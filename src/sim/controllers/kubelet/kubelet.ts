// The kubelets' pod lifecycle (one object for every node's kubelet): it watches the pods bound
// to its nodes, as the real one watches the API server — a newly bound pod is admitted, a pod
// with a deletionTimestamp is stopped — and runs them: container start after `startSeconds`
// (image pull, sandbox, init containers), probe results on the prober grid (probes.ts), OOM
// kills (oom-killer.ts), restarts with CrashLoopBackOff, and graceful termination (preStop,
// SIGTERM, SIGKILL after the grace period; kuberuntime killContainer with
// minimumGracePeriodInSeconds = 2). Its eviction manager watches memory (eviction-manager.ts).
import { podOOMScoreAdjust } from '../../../model/oom.js';
import type { Engine } from '../../engine/engine.js';
import type { SimTime } from '../../engine/time.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { POD_DELETED, POD_GONE, POD_HOLDS, type ClusterObserver } from '../../state/feed.js';
import { ById } from '../../state/by-id.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import { admissionFailure } from './admission.js';
import { EvictionManager, type PodKiller } from './eviction-manager.js';
import { OomKiller } from './oom-killer.js';
import { PodWorkers } from './pod-workers.js';
import { killEnds, nextBackoff, planContainer, restartDelay } from './probes.js';
import { workingSet } from './usage.js';

/** kubelet nodeLeaseDurationSeconds 40 / 4: the Lease is renewed every 10 s. */
export const LEASE_RENEW_MS = 10_000;

export class Kubelet implements ClusterObserver, PodKiller {
  readonly evictionManager: EvictionManager;
  readonly oomKiller: OomKiller;
  /** Pods bound before the kubelets started (the initial placement), in the order bound. */
  private found: SimPod[] | null = [];
  private readonly workers: PodWorkers;
  /** oom_score_adj of each pod's main container, as the kubelet sets it for its QoS class. */
  readonly oomScoreAdj = new ById<number>();
  /** By node index: the kubelet runs and reaches the API server. */
  private readonly up: boolean[];
  /** By node index: the kubelet runs but reports Ready=False (nodeFailure mode NotReady). */
  private readonly notReady: boolean[];

  constructor(
    private readonly c: ClusterState,
    engine: Engine,
  ) {
    this.workers = new PodWorkers(engine, () => this.c.now);
    this.up = c.nodes.map(() => true);
    this.notReady = c.nodes.map(() => false);
    this.oomKiller = new OomKiller(c, this);
    this.evictionManager = new EvictionManager(c, engine, this);
  }

  // --- what the kubelets see ----------------------------------------------------------

  podChanged(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    if (after & POD_GONE) {
      if (!(before & POD_GONE)) this.workers.forget(p);
      return;
    }
    if (oldNode === null && p.node !== null) {
      if (this.found) this.found.push(p);
      else this.admit(p);
    }
    // A deletionTimestamp on a pod that still holds its node: stop it within its grace period.
    if (after & POD_DELETED && !(before & POD_DELETED) && after & POD_HOLDS && !this.found) this.terminate(p, p.deletionGracePeriodSeconds);
  }

  /**
   * The kubelets start after the initial snapshot is loaded and sync the pods bound to them:
   * already running (steady state, or Running in the inventory), or to be started.
   */
  start(running: (p: SimPod) => { running: boolean; ready: boolean }): void {
    const found = this.found ?? [];
    this.found = null;
    for (const p of found) {
      if (p.gone) continue;
      if (p.deletedAt >= 0) this.terminate(p, p.deletionGracePeriodSeconds);
      else {
        const s = running(p);
        if (s.running) this.adoptRunning(p, s.ready);
        else this.admit(p);
      }
    }
    this.evictionManager.start();
  }

  isUp(n: SimNode): boolean {
    return this.up[n.index];
  }

  // --- the machines: failures and recoveries ------------------------------------------

  /**
   * A node fails: its kubelet stops reaching the API server (unreachable: no more Lease
   * renewals, nothing on it starts, stops or reports) or reports Ready=False (NotReady). In a
   * partition containers keep running, so working sets stay.
   */
  nodeFailed(n: SimNode, mode: 'unreachable' | 'NotReady'): void {
    if (!this.up[n.index] || this.notReady[n.index]) return;
    if (mode === 'NotReady') {
      this.notReady[n.index] = true;
      this.c.setReady(n, 'False');
      return;
    }
    this.up[n.index] = false;
    for (const p of n.pods) this.workers.cancel(p);
    this.c.setLeaseHeld(n, false);
  }

  /**
   * The kubelet is back: it renews its Lease, posts Ready=True, finishes what the API asked
   * meanwhile (pods deleted while it was away are stopped now; a pending eviction completes),
   * starts the pods bound to it, and reports the running ones Ready again when their app answers.
   */
  nodeRecovered(n: SimNode): void {
    const wasDown = !this.up[n.index];
    this.notReady[n.index] = false;
    if (wasDown) {
      this.up[n.index] = true;
      this.c.setLeaseHeld(n, true);
    }
    this.c.setReady(n, 'True');
    if (!wasDown) return;
    const pods = [...n.pods].sort((a, b) => a.id - b.id);
    for (const p of pods) {
      if (p.deletedAt >= 0) this.terminate(p, p.deletionGracePeriodSeconds);
      else if (p.killedByKubelet) this.evicted(p);
      else if (!p.running && p.phase === 'Pending') this.admit(p);
      else if (!p.running) this.startContainer(p);
      else if (!p.ready) this.planProbes(p);
    }
  }

  // --- the pod lifecycle ---------------------------------------------------------------

  private event(p: SimPod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.recorder.event(this.c.now, type, reason, `pod/${p.key}`, message, {
      node: p.node?.name ?? '',
      workload: p.workload?.shortName ?? '',
      qos: p.qos,
    });
  }

  /** The pod's working set now, from its usage model. */
  workingSetOf(p: SimPod): number {
    return workingSet(p, this.c.now);
  }

  /** A change of the pod's working set; a node whose usage grew is looked at by its eviction manager. */
  private setWorkingSet(p: SimPod, ws: number): void {
    const before = p.node?.workingSet ?? 0;
    this.c.updatePod(p, (q) => (q.workingSet = ws));
    if (p.node && p.node.workingSet > before) this.evictionManager.workingSetGrew(p.node);
  }

  /** A pod bound here: admitted (see admission.ts) and started after startSeconds, or refused. */
  admit(p: SimPod): void {
    const node = p.node!;
    if (!this.up[node.index]) return; // picked up when the kubelet comes back
    this.oomScoreAdj.set(p.id, oomScoreAdj(p));
    const refused = admissionFailure(p, node);
    if (refused) {
      this.c.updatePod(p, (q) => {
        q.phase = 'Failed';
        q.reason = refused.reason;
      });
      this.event(p, 'Warning', refused.reason, refused.message);
      return;
    }
    this.workers.at(p, this.c.now + p.spec.startSeconds * 1000, () => this.startContainer(p));
  }

  /** A pod already running when the kubelet starts (steady state at t=0, or from the inventory). */
  private adoptRunning(p: SimPod, ready: boolean): void {
    this.oomScoreAdj.set(p.id, oomScoreAdj(p));
    const ws = this.workingSetOf(p);
    // Ready since before the run — unless the container is over its limit and dies at once.
    const readyNow = ready && (p.memoryLimit === null || ws <= p.memoryLimit);
    const before = p.node!.workingSet;
    this.c.begin(p);
    p.phase = 'Running';
    p.running = true;
    p.started = true;
    p.containerStartedAt = this.c.now;
    p.workingSet = ws;
    if (readyNow) {
      // Available too: it has been Ready since before the run, longer than minReadySeconds.
      p.ready = true;
      p.readySince = this.c.now;
      p.available = true;
    }
    this.c.commit(p);
    if (p.node!.workingSet > before) this.evictionManager.workingSetGrew(p.node!);
    if (this.oomKiller.checkLimit(p)) return;
    if (!readyNow) this.planProbes(p);
  }

  /** The app container starts (`restart`: again, after it exited: restartCount + 1). */
  private startContainer(p: SimPod, restart = false): void {
    const before = p.node!.workingSet;
    this.c.begin(p);
    if (restart) p.restarts++;
    p.phase = 'Running';
    p.running = true;
    p.started = false;
    p.containerStartedAt = this.c.now;
    p.workingSet = this.workingSetOf(p);
    this.c.commit(p);
    if (p.node!.workingSet > before) this.evictionManager.workingSetGrew(p.node!);
    if (this.c.recorder.routine) this.event(p, 'Normal', 'Started', `Started container ${p.spec.containers[0]?.name ?? p.name}`);
    else this.c.recorder.omitted++;
    if (this.oomKiller.checkLimit(p)) return;
    this.oomKiller.checkNode(p.node!);
    if (!p.running) return;
    this.planProbes(p);
  }

  private planProbes(p: SimPod): void {
    const cs = p.containerStartedAt;
    const plan = planContainer(
      { anchor: p.scheduledAt < 0 ? cs : p.scheduledAt, containerStart: cs, answersAt: cs + p.spec.warmupSeconds * 1000 },
      { startup: p.spec.startupProbe, liveness: p.spec.livenessProbe, readiness: p.spec.readinessProbe },
    );
    if (plan.killAt !== null) {
      const by = plan.killedBy === 'startup' ? 'Startup' : 'Liveness';
      this.workers.at(p, plan.killAt, () => {
        this.event(p, 'Warning', 'Unhealthy', `${by} probe failed: the app is not answering yet`);
        this.event(p, 'Normal', 'Killing', `Container failed ${by.toLowerCase()} probe, will be restarted`);
        this.containerExited(p, 'Error');
      });
    } else if (plan.readyAt !== null) {
      this.workers.at(p, plan.readyAt, () => this.setReady(p));
    }
  }

  /** The container's readiness probe succeeds: the Ready condition turns True. */
  private setReady(p: SimPod): void {
    if (p.ready) return;
    this.c.begin(p);
    p.ready = true;
    p.started = true;
    p.readySince = this.c.now;
    this.c.commit(p);
  }

  /** A container died (OOM, failed probe): restartPolicy Always restarts it after the backoff. */
  containerExited(p: SimPod, reason: string): void {
    const exitedAt = this.c.now;
    this.workers.cancel(p);
    this.c.containerTerminated(p, reason);
    const cfg = this.c.config;
    const w = this.workers.of(p);
    const entry = { backoffMs: w.backoffMs, updatedAt: w.backoffUpdatedAt };
    const delay = restartDelay(entry, exitedAt, cfg.backoffMaxMs);
    if (delay > 0) {
      this.event(p, 'Warning', 'BackOff', `Back-off ${delay / 1000}s restarting failed container (CrashLoopBackOff)`);
    }
    this.workers.at(p, exitedAt + delay, () => {
      w.backoffMs = nextBackoff(entry, exitedAt, cfg.backoffInitialMs, cfg.backoffMaxMs);
      w.backoffUpdatedAt = this.c.now;
      this.startContainer(p, true);
    });
  }

  /** The app's memory model changed (memoryUsage what-if, or a re-sample over time). */
  updateUsage(p: SimPod): void {
    if (!p.running) return;
    const ws = this.workingSetOf(p);
    if (ws !== p.workingSet) this.setWorkingSet(p, ws);
    // A usage that grows with time needs the node's periodic checks even if it has not grown yet.
    if (p.node && p.usage.kind === 'expression' && p.usage.timeVarying) this.evictionManager.workingSetGrew(p.node);
    if (!this.oomKiller.checkLimit(p) && p.node) this.oomKiller.checkNode(p.node);
  }

  /**
   * Graceful termination after an API delete: preStop (bounded by the grace period), then
   * SIGTERM; the app exits after shutdownSeconds, or is SIGKILLed when the grace period is
   * used up but never sooner than 2 s after SIGTERM. The pod holds its node resources until then.
   */
  private terminate(p: SimPod, graceSeconds: number): void {
    this.workers.cancel(p);
    const node = p.node;
    if (!node || !this.up[node.index]) return; // nothing to stop, or the kubelet is gone (stays Terminating)
    if (p.running && this.c.recorder.routine) this.event(p, 'Normal', 'Killing', `Stopping container ${p.spec.containers[0]?.name ?? p.name}`);
    else if (p.running) this.c.recorder.omitted++;
    this.workers.at(p, this.killedAt(p, graceSeconds), () => this.c.removePod(p));
  }

  /** When a kill that starts now ends. */
  private killedAt(p: SimPod, graceSeconds: number): SimTime {
    return p.running ? killEnds(p.spec, this.c.now, graceSeconds) : this.c.now;
  }

  /**
   * Node-pressure eviction (evictPod): the kubelet kills the pod itself, with `graceSeconds`
   * (DisruptionTarget TerminationByKubelet), and marks it Failed/Evicted; only then does its
   * ReplicaSet see it inactive and replace it. Returns when the pod will be gone.
   */
  evict(p: SimPod, graceSeconds: number, message: string): SimTime {
    this.workers.cancel(p);
    this.c.updatePod(p, (q) => {
      q.disruptionTarget ??= 'TerminationByKubelet';
      q.ready = false;
    });
    this.event(p, 'Warning', 'Evicted', message);
    const end = this.killedAt(p, graceSeconds);
    this.workers.at(p, end, () => this.evicted(p));
    return end;
  }

  private evicted(p: SimPod): void {
    this.c.updatePod(p, (q) => {
      q.running = false;
      q.phase = 'Failed';
      q.reason = 'Evicted';
    });
  }
}

function oomScoreAdj(p: SimPod): number {
  const node = p.node!;
  return podOOMScoreAdjust(p.spec, p.qos, node.memoryCapacity, p.critical && p.spec.priorityClassName === 'system-node-critical');
}
