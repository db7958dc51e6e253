// The kubelets' pod lifecycle (one object for every node's kubelet): it watches the pods bound
// to its nodes, as the real one watches the API server — a newly bound pod is admitted, a pod
// with a deletionTimestamp is stopped — and runs them as its pod workers' SyncPod does
// (kuberuntime_manager.go computePodActions / SyncPod): after `startSeconds` (image pull and
// sandbox) the init containers one at a time (sidecars start and keep running), then the app
// containers, Running once postStart returned; probe results on the prober grid (probes.ts);
// the app's own exits, OOM kills (oom-killer.ts) and probe kills (preStop, SIGTERM, SIGKILL
// after the grace period; killContainer with minimumGracePeriodInSeconds = 2), each restarted
// per restartPolicy through doBackOff (CrashLoopBackOff); graceful termination. After every
// change it regenerates the pod's status (status.ts). Its eviction manager watches memory
// (eviction-manager.ts).
import { podOOMScoreAdjust } from '../../../model/oom.js';
import type { Engine } from '../../engine/engine.js';
import type { SimTime } from '../../engine/time.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { ContainerStatus, EXIT_SIGKILL, EXIT_SIGTERM, terminationReason } from '../../state/container-status.js';
import { NODE_FREED, POD_DELETED, POD_GONE, POD_HOLDS, type ClusterObserver } from '../../state/feed.js';
import { ById } from '../../state/by-id.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import type { Container } from '../../../model/types.js';
import { admissionFailure } from './admission.js';
import { AllocationManager, type ResizeRuntime } from './allocation.js';
import { isInBackOffSince, nextBackoff, type BackoffEntry } from './backoff.js';
import { EvictionManager, type PodKiller } from './eviction-manager.js';
import { OomKiller } from './oom-killer.js';
import { shouldContainerBeRestarted } from './pod-actions.js';
import { PodWorkers, type PodWorker } from './pod-workers.js';
import { killEnd, planContainer } from './probes.js';
import { generateStatus } from './status.js';
import { usesStorage, workingSet } from './usage.js';
import type { InitialPodState } from '../../state/snapshot.js';

/** kubelet nodeLeaseDurationSeconds 40 / 4: the Lease is renewed every 10 s. */
export const LEASE_RENEW_MS = 10_000;

const s = (sec: number) => sec * 1000;

export class Kubelet implements ClusterObserver, PodKiller, ResizeRuntime {
  readonly evictionManager: EvictionManager;
  readonly oomKiller: OomKiller;
  readonly allocation: AllocationManager;
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

  // --- the pod lifecycle ---------------------------------------------------------------

  private event(p: SimPod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.recorder.event(this.c.now, type, reason, `pod/${p.key}`, message, {
      node: p.node?.name ?? '',
      workload: p.workload?.shortName ?? '',
      qos: p.qos,
    });
  }

  /** A routine event (Started, Killing), left out of big runs (the message is built only when kept). */
  private routine(p: SimPod, reason: string, message: (p: SimPod) => string): void {
    if (this.c.recorder.routine) this.event(p, 'Normal', reason, message(p));
    else this.c.recorder.omitted++;
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

  /**
   * Regenerates the pod's status (inside begin … commit). The status manager then brings the
   * API in line with it, Ready included (so a Ready=False the node lifecycle controller wrote
   * lasts until the kubelet next syncs the pod).
   */
  private sync(p: SimPod, terminal = false): void {
    const w = this.workers.of(p);
    p.restarts = restartCount(p);
    let ready = generateStatus(p, this.c.now, terminal);
    // The readiness gates' controller sets them readinessGateSeconds after ContainersReady first turns True.
    if (p.containersReady && w.gateAt < 0 && p.spec.readinessGates.length > 0) {
      w.gateAt = this.c.now + s(p.spec.readinessGateSeconds);
      if (w.gateAt === this.c.now) {
        p.gatesReadyAt = w.gateAt;
        ready = generateStatus(p, this.c.now, terminal);
      }
    }
    p.ready = ready;
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
    if (p.spec.initContainers.length > 0) {
      p.initContainers = p.spec.initContainers.map((ic) => {
        const st = new ContainerStatus(ic.name);
        st.startInstance();
        if (ic.sidecar) {
          st.run(this.c.now);
          st.started = st.ready = true;
        } else st.terminate('Completed', 0, this.c.now);
        return st;
      });
    }
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
    if (p.spec.initContainers.length > 0) {
      p.initContainers = p.spec.initContainers.map((ic) => {
        const st = new ContainerStatus(ic.name);
        st.startInstance();
        if (ic.sidecar) {
          st.run(this.c.now);
          st.started = st.ready = true;
        } else st.terminate('Completed', 0, this.c.now);
        return st;
      });
    }
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

  /**
   * SyncPod once the sandbox is ready or an init container finished: the next init container
   * (sidecars start and the next one follows at once), or — all done — the app containers.
   */
  private runNext(p: SimPod): void {
    const w = this.workers.of(p);
    const inits = p.spec.initContainers;
    if (w.initIndex >= inits.length) return this.startApp(p);
    this.c.begin(p);
    while (w.initIndex < inits.length) {
      const i = w.initIndex;
      const st = p.initContainers[i];
      st.startInstance();
      st.run(this.c.now);
      this.routine(p, 'Started', () => `Started container ${inits[i].name}`);
      if (inits[i].sidecar) {
        // No startup probe or postStart modelled for sidecars: started (and ready) at once.
        st.started = st.ready = true;
        w.initIndex++;
        continue;
      }
      this.sync(p);
      this.c.commit(p);
      this.workers.at(p, this.c.now + s(inits[i].runSeconds ?? 0), () => this.initExited(p, i));
      return;
    }
    this.c.commit(p);
    this.startApp(p);
  }

  /** A regular init container exits with its code: the next one, a retry with back-off, or the pod fails. */
  private initExited(p: SimPod, i: number): void {
    const code = p.spec.initContainers[i].exitCode ?? 0;
    const st = p.initContainers[i];
    const w = this.workers.of(p);
    this.c.begin(p);
    st.terminate(terminationReason(code), code, this.c.now);
    st.ready = code === 0;
    if (code === 0) {
      w.initIndex = i + 1;
      this.sync(p);
      this.c.commit(p);
      return this.runNext(p);
    }
    // computePodActions: a failed init container is retried (Always/OnFailure) or kills the pod (Never).
    if (p.spec.restartPolicy === 'Never') {
      this.stopSidecars(p);
      this.sync(p, true);
      this.c.commit(p);
      return this.podDone(p);
    }
    const entry = w.initBackoff?.[i] ?? null;
    if (isInBackOffSince(entry, this.c.now, this.c.now, this.c.config.backoffMaxMs)) {
      st.wait('CrashLoopBackOff');
      this.sync(p);
      this.c.commit(p);
      this.backOff(p, entry!, p.spec.initContainers[i].name);
      this.workers.at(p, this.c.now + entry!.backoffMs, () => this.restartInit(p, i));
      return;
    }
    this.sync(p);
    this.c.commit(p);
    this.restartInit(p, i);
  }

  /** doBackOff let the failed init container start again (its newest exit is the event time). */
  private restartInit(p: SimPod, i: number): void {
    const w = this.workers.of(p);
    const st = p.initContainers[i];
    const cfg = this.c.config;
    w.initBackoff ??= p.spec.initContainers.map(() => null);
    w.initBackoff[i] = nextBackoff(w.initBackoff[i], st.newestExitedAt, this.c.now, cfg.backoffInitialMs, cfg.backoffMaxMs);
    w.initIndex = i;
    this.runNext(p);
  }

  private backOff(p: SimPod, entry: BackoffEntry, container: string): void {
    const app = container === (p.spec.containers[0]?.name ?? p.name);
    // Headroom's wording since its first version (upstream: "Back-off restarting failed container NAME in pod …").
    this.event(p, 'Warning', 'BackOff', app ? `Back-off ${entry.backoffMs / 1000}s restarting failed container (CrashLoopBackOff)` : `Back-off ${entry.backoffMs / 1000}s restarting failed container ${container} (CrashLoopBackOff)`);
  }

  /**
   * The app containers are created and started (event Started; the entrypoint runs and uses
   * memory) — a restart when one ran before. postStart runs synchronously: the status shows
   * them Running, and probes see them, only when it returns (at once without a hook: one write).
   */
  private startApp(p: SimPod): void {
    const before = p.node!.workingSet;
    const now = this.c.now;
    const hook = s(p.spec.postStartSeconds);
    this.c.begin(p);
    p.app.startInstance();
    p.running = true;
    p.runningSince = now;
    p.workingSet = this.workingSetOf(p);
    if (hook === 0) this.showRunning(p);
    else p.restarts = restartCount(p);
    this.c.commit(p);
    if (p.node!.workingSet > before || usesStorage(p)) this.evictionManager.workingSetGrew(p.node!);
    this.routine(p, 'Started', startedMessage);
    if (this.oomKiller.checkLimit(p)) return;
    this.oomKiller.checkNode(p.node!);
    if (!p.running) return;
    if (hook > 0) this.workers.at(p, now + hook, () => this.appRunning(p));
    else this.afterRunning(p);
  }

  /** postStart returned: the new instance is Running (startedAt = its CRI start) and probed. */
  private appRunning(p: SimPod): void {
    this.c.begin(p);
    this.showRunning(p);
    this.c.commit(p);
    this.afterRunning(p);
  }

  /** The status shows the app's current instance Running (inside begin … commit). */
  private showRunning(p: SimPod): void {
    const started = p.runningSince;
    const app = p.app;
    app.run(started);
    // Without a startup probe a running container is started at once (prober_manager UpdatePodStatus).
    app.started = p.spec.startupProbe === null;
    // The other regular containers start with the first instance and keep running (no probes of their own).
    for (const st of p.containers) {
      if (st === app || st.startedAt >= 0) continue;
      st.startInstance();
      st.run(started);
      st.started = st.ready = true;
    }
    this.sync(p);
  }

  private afterRunning(p: SimPod): void {
    // A restart for an in-place resize: the new instance runs the allocated resources.
    if (p.resize === 'InProgress') this.allocation.actuated(p);
    const started = p.runningSince;
    this.planApp(p, started, this.c.now, started + s(p.spec.warmupSeconds));
  }

  /** Plans the running instance: probe results, its own exit, the readiness gate. */
  private planApp(p: SimPod, containerStart: SimTime, runningAt: SimTime, answersAt: SimTime): void {
    const w = this.workers.of(p);
    const spec = p.spec;
    w.killing = false;
    const plan = planContainer(
      { anchor: w.anchor, containerStart, runningAt, answersAt, seenAtAnchor: w.seenAtAnchor && runningAt === w.anchor },
      { startup: spec.startupProbe, liveness: spec.livenessProbe, readiness: spec.readinessProbe },
    );
    // Kept in the worker's own fields (no plan object per running pod).
    w.planned = true;
    w.killAt = plan.killAt ?? -1;
    w.killedBy = plan.killedBy;
    w.startedAt = plan.startedAt ?? -1;
    w.readyAt = plan.readyAt ?? -1;
    w.exitAt = spec.exitAfterSeconds === null ? -1 : containerStart + s(spec.exitAfterSeconds);
    this.scheduleNext(p);
  }

  /** The earliest of what is planned for the running instance becomes the pod's next step. */
  private scheduleNext(p: SimPod): void {
    const w = this.workers.of(p);
    if (!w.planned || w.killing) return;
    const app = p.app;
    // Ties go to the first considered: a probe kill, then started, ready, the app's exit, the gate.
    let at = Infinity;
    let step = 0;
    if (w.killAt >= 0) {
      at = w.killAt;
      step = KILL;
    }
    if (!app.started && w.startedAt >= 0 && w.startedAt < at) {
      at = w.startedAt;
      step = STARTED;
    }
    if (!app.ready && w.readyAt >= 0 && w.readyAt < at) {
      at = w.readyAt;
      step = READY;
    }
    if (w.exitAt >= 0 && w.exitAt < at) {
      at = w.exitAt;
      step = EXIT;
    }
    if (w.gateAt >= 0 && p.gatesReadyAt < 0 && w.gateAt < at) {
      at = w.gateAt;
      step = GATE;
    }
    if (step === KILL) {
      const by = w.killedBy!;
      this.workers.at(p, at, () => this.probeKill(p, by));
    } else if (step !== 0) this.workers.at(p, at, () => this.step(p, step));
  }

  private step(p: SimPod, step: number): void {
    switch (step) {
      case STARTED:
        return this.setStarted(p);
      case READY:
        return this.setContainerReady(p);
      case EXIT:
        return this.appExits(p);
      case GATE:
        return this.setGatesReady(p);
    }
  }

  /** The startup probe succeeded: the container is started (liveness and readiness begin). */
  private setStarted(p: SimPod): void {
    this.c.begin(p);
    p.app.started = true;
    this.sync(p);
    this.c.commit(p);
    this.scheduleNext(p);
  }

  /** The container's readiness probe succeeded (or it has none and started). */
  private setContainerReady(p: SimPod): void {
    this.c.begin(p);
    p.app.started = p.app.ready = true;
    this.sync(p);
    this.c.commit(p);
    this.scheduleNext(p);
  }

  /** The readiness gates' controller set their conditions True. */
  private setGatesReady(p: SimPod): void {
    this.c.begin(p);
    p.gatesReadyAt = this.c.now;
    this.sync(p);
    this.c.commit(p);
    this.scheduleNext(p);
  }

  /**
   * A startup or liveness Failure: computePodActions kills the container (and, unless the
   * policy is Never, starts it again in the same SyncPod). The kill honours the pod's grace
   * period and the app's shutdown time; the status stays as it was until the container is gone.
   */
  private probeKill(p: SimPod, by: 'startup' | 'liveness'): void {
    const w = this.workers.of(p);
    const name = p.spec.containers[0]?.name ?? p.name;
    const By = by === 'startup' ? 'Startup' : 'Liveness';
    this.event(p, 'Warning', 'Unhealthy', `${By} probe failed: the app is not answering yet`);
    const again = p.spec.restartPolicy === 'Never' ? '' : ', will be restarted';
    this.event(p, 'Normal', 'Killing', `Container ${name} failed ${by} probe${again}`);
    w.killing = true;
    w.planned = false;
    const end = killEnd(p.spec, this.c.now, p.spec.terminationGracePeriodSeconds);
    this.workers.at(p, end.at, () => this.appKilled(p, end.exitCode));
  }

  /**
   * The killed instance is gone. SyncPod goes on with the status it started from, in which the
   * instance was still running: doBackOff sees the previous exited instance, not this one.
   */
  private appKilled(p: SimPod, exitCode: number): void {
    const previous = p.app.newestExitedAt;
    this.appExited(p, 'Error', exitCode, previous);
  }

  /** exit_after_seconds: the app exits by itself with its exit code. */
  private appExits(p: SimPod): void {
    const code = p.spec.exitCode;
    this.appExited(p, terminationReason(code), code, null);
  }

  /** A container died (OOM, or killed by the node's OOM killer): restarted per restartPolicy after the back-off. */
  containerExited(p: SimPod, reason: string): void {
    const w = this.workers.of(p);
    if (reason === 'OOMKilled') this.c.recordOomKill(p);
    // Dying while a probe kill is under way ends that kill: its SyncPod still holds the old status.
    this.appExited(p, reason, EXIT_SIGKILL, w.killing ? p.app.newestExitedAt : null);
  }

  /**
   * The app instance exited with `exitCode` (its working set is gone). Restart or not
   * (ShouldContainerBeRestarted); a restart goes through doBackOff, which measures from
   * `backoffFrom` — the newest exited instance in the status SyncPod works from (null: this one).
   */
  private appExited(p: SimPod, reason: string, exitCode: number, backoffFrom: SimTime | null): void {
    const w = this.workers.of(p);
    const now = this.c.now;
    this.workers.cancel(p);
    w.planned = false;
    w.killing = false;
    w.exitAt = -1;
    this.c.begin(p);
    p.running = false;
    p.workingSet = 0;
    p.app.terminate(reason, exitCode, now);
    const restart = shouldContainerBeRestarted(p.spec.restartPolicy, p.deletedAt >= 0, { state: 'exited', exitCode });
    if (!restart) {
      this.stopSidecars(p);
      this.sync(p, true);
      this.c.commit(p);
      return this.podDone(p);
    }
    const ts = backoffFrom ?? now;
    const cfg = this.c.config;
    if (ts >= 0 && isInBackOffSince(w.backoff, ts, now, cfg.backoffMaxMs)) {
      // Refused: CrashLoopBackOff until the newest exited instance (this one) is `backoff` old.
      p.app.wait('CrashLoopBackOff');
      this.sync(p);
      this.c.commit(p);
      this.backOff(p, w.backoff!, p.app.name);
      this.workers.at(p, now + w.backoff!.backoffMs, () => this.restartApp(p, now));
      return;
    }
    if (ts >= 0) w.backoff = nextBackoff(w.backoff, ts, now, cfg.backoffInitialMs, cfg.backoffMaxMs);
    this.sync(p);
    this.c.commit(p);
    // The same SyncPod starts it again, at this instant (after what is already under way in it).
    this.workers.at(p, now, () => this.startApp(p));
  }

  /** doBackOff let the app start again: Backoff.Next from the newest exited instance. */
  private restartApp(p: SimPod, eventTime: SimTime): void {
    const w = this.workers.of(p);
    const cfg = this.c.config;
    if (eventTime >= 0) w.backoff = nextBackoff(w.backoff, eventTime, this.c.now, cfg.backoffInitialMs, cfg.backoffMaxMs);
    this.startApp(p);
  }

  /**
   * KillPod when nothing is left to restart (inside begin … commit): the other regular
   * containers stop with the app (Headroom runs them as its companions: they end cleanly),
   * then the sidecars, in reverse order, killed by the stop signal.
   */
  private stopSidecars(p: SimPod): void {
    for (const st of p.containers) if (st.state === 'running') st.terminate('Completed', 0, this.c.now);
    for (const st of p.initContainers) if (st.state === 'running') st.terminate('Error', EXIT_SIGTERM, this.c.now);
  }

  /** The pod ended (Succeeded or Failed): nothing more runs; its probe workers exit. */
  private podDone(p: SimPod): void {
    this.workers.cancel(p);
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

const startedMessage = (p: SimPod) => `Started container ${p.spec.containers[0]?.name ?? p.name}`;
const stoppingMessage = (p: SimPod) => `Stopping container ${p.spec.containers[0]?.name ?? p.name}`;

// The steps scheduleNext plans for a running instance.
const KILL = 1;
const STARTED = 2;
const READY = 3;
const EXIT = 4;
const GATE = 5;

/** Σ restartCount over the pod's containers. */
function restartCount(p: SimPod): number {
  let n = 0;
  for (const st of p.containers) n += st.restartCount;
  for (const st of p.initContainers) n += st.restartCount;
  return n;
}

function oomScoreAdj(p: SimPod): number {
  const node = p.node!;
  return podOOMScoreAdjust(p.spec, p.qos, node.memoryCapacity, p.critical && p.spec.priorityClassName === 'system-node-critical');
}
