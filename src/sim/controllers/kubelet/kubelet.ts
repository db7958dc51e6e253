// The kubelets (one object for every node's kubelet): they watch the pods bound to their nodes,
// as the real one watches the API server — a newly bound pod is admitted (HandlePodAdditions,
// admission.ts) and run by the container runtime half (kuberuntime.ts: init and app containers,
// probes, exits, back-off), a pod with a deletionTimestamp is stopped gracefully — adopt the pods
// running at t=0, stop renewing their Lease when their node fails and catch up when it is back,
// and carry out evictions (their eviction manager watches memory: eviction-manager.ts; OOM kills:
// oom-killer.ts) and in-place resizes (allocation.ts).
import { podOOMScoreAdjust } from '../../../model/oom.js';
import type { Engine } from '../../engine/engine.js';
import type { SimTime } from '../../engine/time.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { ContainerStatus, EXIT_SIGKILL } from '../../state/container-status.js';
import { NODE_FREED, POD_DELETED, POD_GONE, POD_HOLDS, type ClusterObserver } from '../../state/feed.js';
import { ById } from '../../state/by-id.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import type { Container } from '../../../model/types.js';
import { admissionFailure } from './admission.js';
import { AllocationManager, type ResizeRuntime } from './allocation.js';
import { EvictionManager, type PodKiller } from './eviction-manager.js';
import { OomKiller } from './oom-killer.js';
import { type PodWorker } from './pod-workers.js';
import { killEnd } from './probes.js';
import type { InitialPodState } from '../../state/snapshot.js';
import { KubeRuntime, s, stoppingMessage } from './kuberuntime.js';

/** kubelet nodeLeaseDurationSeconds 40 / 4: the Lease is renewed every 10 s. */
export const LEASE_RENEW_MS = 10_000;

export class Kubelet extends KubeRuntime implements ClusterObserver, PodKiller, ResizeRuntime {
  readonly evictionManager: EvictionManager;
  readonly oomKiller: OomKiller;
  readonly allocation: AllocationManager;
  /** Pods bound before the kubelets started (the initial placement), in the order bound. */
  private found: SimPod[] | null = [];
  /** oom_score_adj of each pod's main container, as the kubelet sets it for its QoS class. */
  readonly oomScoreAdj = new ById<number>();
  /** By node index: the kubelet runs and reaches the API server. */
  private readonly up: boolean[];
  /** By node index: the kubelet runs but reports Ready=False (nodeFailure mode NotReady). */
  private readonly notReady: boolean[];

  constructor(c: ClusterState, engine: Engine) {
    super(c, engine);
    // A kubelet whose node is unreachable at t=0 (Ready Unknown in a dump) is not heard from; one
    // whose node is NotReady (Ready False) runs and keeps saying so.
    this.up = c.nodes.map((n) => n.ready !== 'Unknown');
    this.notReady = c.nodes.map((n) => n.ready === 'False');
    this.oomKiller = new OomKiller(c, this);
    this.evictionManager = new EvictionManager(c, engine, this);
    this.allocation = new AllocationManager(c, this);
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

  nodeChanged(n: SimNode, what: number): void {
    // A pod left the node (or shrank): Deferred resizes there are looked at again.
    if (what & NODE_FREED && this.up[n.index]) this.allocation.retry(n);
  }

  /**
   * The kubelets start after the initial snapshot is loaded and sync the pods bound to them, in
   * the state the inventory gives: running (steady state, or Running in the inventory, with its
   * restarts so far), or to be started; a pod being deleted before t=0 finishes its grace
   * period; a crash-looping one waits out its back-off. On a node whose kubelet is not heard
   * from, pods stay as the inventory says until it comes back.
   */
  start(initial: (p: SimPod) => InitialPodState): void {
    const found = this.found ?? [];
    this.found = null;
    for (const p of found) {
      if (p.gone) continue;
      const st = initial(p);
      const up = this.up[p.node!.index];
      if (p.deletedAt >= 0 && (st.goneAt === undefined || !up)) this.terminate(p, p.deletionGracePeriodSeconds);
      else if (st.crashLoop && up) this.adoptCrashLoop(p, st.crashLoop, st.restarts ?? 0);
      else if (st.running) this.adoptRunning(p, st.ready, st.restarts ?? 0);
      else this.admit(p);
      if (!up) this.workers.cancel(p); // as if its node had failed right after: nothing planned runs
      else if (p.deletedAt >= 0 && st.goneAt !== undefined) this.workers.at(p, st.goneAt, () => this.c.removePod(p));
    }
    this.evictionManager.start();
  }

  isUp(n: SimNode): boolean {
    return this.up[n.index];
  }

  /** Whether this kubelet admitted the pod (admission and resizes count the others it admitted). */
  admitted(p: SimPod): boolean {
    return this.workers.get(p)?.admitted ?? false;
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
   * and carries on with every pod where it was: starts what was waiting, re-reports the
   * running ones (Ready again when their containers are) and plans their probes again.
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
      const w = this.workers.get(p);
      if (p.deletedAt >= 0) this.terminate(p, p.deletionGracePeriodSeconds);
      else if (p.killedByKubelet) this.evicted(p);
      else if (!w?.admitted) this.admit(p);
      else this.resume(p, w);
      // An image written in place while it was away: its first sync finds the container's hash changed.
      if (p.inPlace !== null && p.inPlace.patchedAt >= 0 && !p.inPlace.completed(p)) this.podSpecChanged(p);
    }
  }

  /** Carry on after the kubelet was cut off: the next step of the pod's lifecycle, from now. */
  private resume(p: SimPod, w: PodWorker): void {
    if (p.phase === 'Succeeded' || p.phase === 'Failed') return;
    const app = p.app;
    if (w.killing) return this.appKilled(p, EXIT_SIGKILL); // the kill ran out while it was away
    if (app.state === 'running') {
      this.c.begin(p);
      this.sync(p);
      this.c.commit(p);
      return this.scheduleNext(p);
    }
    if (p.running) return this.appRunning(p); // postStart was running
    if (app.state === 'waiting' && app.reason === 'CrashLoopBackOff') return this.restartApp(p, app.newestExitedAt);
    if (app.state === 'terminated') return this.restartApp(p, app.finishedAt);
    if (p.initContainers.some((st) => st.state === 'waiting' && st.reason === 'CrashLoopBackOff')) return this.restartInit(p, w.initIndex);
    this.runNext(p);
  }

  /** A pod bound here: admitted (see admission.ts) and started after startSeconds, or refused. */
  admit(p: SimPod): void {
    const node = p.node!;
    if (!this.up[node.index]) return; // picked up when the kubelet comes back
    this.oomScoreAdj.set(p.id, oomScoreAdj(p));
    const refused = admissionFailure(p, node, this);
    if (refused) {
      // rejectPod: phase Failed with the reason; no container statuses.
      this.c.updatePod(p, (q) => {
        q.phase = 'Failed';
        q.reason = refused.reason;
        q.message = refused.message;
      });
      this.event(p, 'Warning', refused.reason, refused.message);
      return;
    }
    const w = this.workers.of(p);
    w.admitted = true;
    w.anchor = this.c.now;
    this.c.begin(p);
    p.statusesKnown = true;
    const inits = p.spec.initContainers;
    // convertToAPIContainerStatuses' default for containers the runtime does not know yet.
    const waiting = inits.length > 0 ? 'PodInitializing' : 'ContainerCreating';
    if (inits.length > 0) {
      p.initContainers = inits.map((ic) => new ContainerStatus(ic.name));
      for (const st of p.initContainers) st.wait(waiting);
    }
    for (const st of p.containers) st.wait(waiting);
    this.sync(p);
    this.c.commit(p);
    this.workers.at(p, this.c.now + s(p.spec.startSeconds), () => this.runNext(p));
  }

  /**
   * A pod already running when the kubelet starts (steady state at t=0, or from the inventory,
   * its app container restarted `restarts` times before: status, not this run's restarts).
   */
  private adoptRunning(p: SimPod, ready: boolean, restarts = 0): void {
    this.oomScoreAdj.set(p.id, oomScoreAdj(p));
    p.restarts = restarts;
    const w = this.workers.of(p);
    w.admitted = true;
    w.anchor = this.c.now;
    w.seenAtAnchor = true;
    w.initIndex = p.spec.initContainers.length;
    const ws = this.workingSetOf(p);
    // Ready since before the run — unless the container is over its limit and dies at once.
    const readyNow = ready && (p.memoryLimit === null || ws <= p.memoryLimit);
    const before = p.node!.workingSet;
    this.c.begin(p);
    p.statusesKnown = true;
    if (p.spec.initContainers.length > 0) p.initContainers = initializedStatuses(p, this.c.now);
    for (const st of p.containers) {
      st.startInstance();
      st.run(this.c.now);
      st.started = true;
      st.ready = st === p.app ? readyNow : true;
    }
    p.app.restartCount = restarts;
    p.running = true;
    p.runningSince = this.c.now;
    p.workingSet = ws;
    if (readyNow && p.spec.readinessGates.length > 0) p.gatesReadyAt = w.gateAt = this.c.now;
    this.sync(p);
    // Available too: it has been Ready since before the run, longer than minReadySeconds.
    if (readyNow) p.available = true;
    this.c.commit(p);
    if (p.node!.workingSet > before) this.evictionManager.workingSetGrew(p.node!);
    if (this.oomKiller.checkLimit(p)) return;
    // Warm since before the run when Ready; otherwise it warms up from now.
    this.planApp(p, this.c.now, this.c.now, readyNow ? this.c.now : this.c.now + s(p.spec.warmupSeconds));
  }

  /**
   * A pod whose app container is in CrashLoopBackOff at t=0: `restarts` restarts so far, its
   * last instance exited at `exitedAt` (≤ 0). The back-off grew from 10 s, doubling at each
   * restart up to 300 s (the first restart is immediate), so doBackOff lets it start again that
   * long after the exit — and the back-off goes on from there (restartApp: Backoff.Next).
   */
  private adoptCrashLoop(p: SimPod, crash: NonNullable<InitialPodState['crashLoop']>, restarts: number): void {
    this.oomScoreAdj.set(p.id, oomScoreAdj(p));
    const w = this.workers.of(p);
    const cfg = this.c.config;
    w.admitted = true;
    w.anchor = this.c.now;
    w.initIndex = p.spec.initContainers.length;
    p.restarts = restarts;
    this.c.begin(p);
    p.statusesKnown = true;
    if (p.spec.initContainers.length > 0) p.initContainers = initializedStatuses(p, this.c.now);
    for (const st of p.containers) {
      st.startInstance();
      st.run(st === p.app ? crash.exitedAt - crash.ranSeconds * 1000 : this.c.now);
      st.started = st.ready = st !== p.app;
    }
    const app = p.app;
    app.restartCount = restarts;
    app.terminate(crash.reason, crash.exitCode, crash.exitedAt);
    app.wait('CrashLoopBackOff');
    p.running = false;
    this.sync(p);
    this.c.commit(p);
    const backoffMs = restarts === 0 ? 0 : Math.min(cfg.backoffInitialMs * 2 ** Math.min(restarts - 1, 30), cfg.backoffMaxMs);
    w.backoff = { backoffMs, lastUpdate: crash.exitedAt - crash.ranSeconds * 1000 };
    this.workers.at(p, crash.exitedAt + backoffMs, () => this.restartApp(p, crash.exitedAt));
  }

  /** The resize subresource changed the pod's app container (a `resize` what-if). */
  resize(p: SimPod, container: Container): void {
    this.allocation.resize(p, container);
    this.updateUsage(p); // a new request or limit: the default working set, the OOM limit
  }

  /**
   * resizePolicy RestartContainer for a resized resource: computePodResizeAction kills the
   * container and starts it again; the back-off entry is reset (no CrashLoopBackOff).
   */
  restartForResize(p: SimPod): void {
    const w = this.workers.of(p);
    if (!p.running || w.killing) return;
    this.event(p, 'Normal', 'Killing', `Container ${p.spec.containers[0]?.name ?? p.name} resize requires restart`);
    w.killing = true;
    w.planned = false;
    const end = killEnd(p.spec, this.c.now, p.spec.terminationGracePeriodSeconds);
    this.workers.at(p, end.at, () => {
      w.backoff = null;
      this.appExited(p, 'Error', end.exitCode, -1);
    });
  }

  /**
   * The pod's spec changed in place (OpenKruise wrote a new image): computePodActions finds the
   * container's hash changed, kills it ("definition changed") and starts it again — the image
   * pulled first (startSeconds), the back-off entry fresh (its key has the new hash). A pod not
   * running yet simply starts with the new spec; a kubelet that is away acts when it is back.
   */
  podSpecChanged(p: SimPod): void {
    const w = this.workers.get(p);
    if (!p.node || !w?.admitted || !this.up[p.node.index] || p.deletedAt >= 0 || p.killedByKubelet) return;
    if (!p.running || w.killing) return;
    this.routine(p, 'Killing', (q) => `Container ${q.spec.containers[0]?.name ?? q.name} definition changed, will be restarted`);
    w.killing = true;
    w.planned = false;
    const end = killEnd(p.spec, this.c.now, p.spec.terminationGracePeriodSeconds);
    this.workers.at(p, end.at, () => this.restartWithNewImage(p, end.exitCode));
  }

  /** The old container is gone: the new image is pulled (startSeconds), then the app starts again. */
  private restartWithNewImage(p: SimPod, exitCode: number): void {
    const now = this.c.now;
    this.appStopped(p, 'Error', exitCode).backoff = null;
    p.app.wait('ContainerCreating');
    this.sync(p);
    this.c.commit(p);
    this.workers.at(p, now + s(p.spec.startSeconds), () => this.startApp(p));
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
    if (p.running) this.routine(p, 'Killing', stoppingMessage);
    this.workers.at(p, this.killedAt(p, graceSeconds).at, () => this.c.removePod(p));
  }

  /** When a kill that starts now ends, and the exit code the app then has. */
  private killedAt(p: SimPod, graceSeconds: number): { at: SimTime; exitCode: number } {
    return p.running ? killEnd(p.spec, this.c.now, graceSeconds) : { at: this.c.now, exitCode: EXIT_SIGKILL };
  }

  /**
   * An eviction (evictPod): the kubelet kills the pod itself, with `graceSeconds` (node-pressure
   * evictions add DisruptionTarget TerminationByKubelet; status.reason Evicted at once), and marks it Failed
   * when its containers are gone; only then does its ReplicaSet see it inactive and replace it.
   * Returns when the pod will be gone.
   */
  evict(p: SimPod, graceSeconds: number, message: string, condition = true): SimTime {
    this.workers.cancel(p);
    this.c.updatePod(p, (q) => {
      q.kubeletKilling = true;
      if (condition && q.disruptionTarget === null) {
        q.disruptionTarget = 'TerminationByKubelet';
        q.disruptedAt = this.c.now;
      }
      q.reason = 'Evicted';
      q.message = message;
      q.ready = false;
    });
    this.event(p, 'Warning', 'Evicted', message);
    const end = this.killedAt(p, graceSeconds);
    this.workers.at(p, end.at, () => this.evicted(p, end.exitCode));
    return end.at;
  }

  private evicted(p: SimPod, exitCode = EXIT_SIGKILL): void {
    this.c.begin(p);
    if (p.running) for (const st of p.containers) st.terminate('Error', exitCode, this.c.now);
    p.running = false;
    p.phase = 'Failed';
    p.reason = 'Evicted';
    if (p.statusesKnown) this.sync(p, true);
    this.c.commit(p);
  }
}

function oomScoreAdj(p: SimPod): number {
  const node = p.node!;
  return podOOMScoreAdjust(p.spec, p.qos, node.memoryCapacity, p.critical && p.spec.priorityClassName === 'system-node-critical');
}

/** The init containers of a pod adopted past its init phase: each completed, sidecars running and ready. */
function initializedStatuses(p: SimPod, now: SimTime): ContainerStatus[] {
  return p.spec.initContainers.map((ic) => {
    const st = new ContainerStatus(ic.name);
    st.startInstance();
    if (ic.sidecar) {
      st.run(now);
      st.started = st.ready = true;
    } else st.terminate('Completed', 0, now);
    return st;
  });
}
