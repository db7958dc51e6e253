// KubeRuntime: the container runtime half of the kubelet, as kuberuntime_manager.go
// computePodActions / SyncPod runs a pod once admitted: after `startSeconds` (image pull and
// sandbox) the init containers one at a time (sidecars start and keep running), then the app
// containers, Running once postStart returned; probe results on the prober grid (probes.ts);
// the app's own exits and probe kills (preStop, SIGTERM, SIGKILL after the grace period;
// killContainer with minimumGracePeriodInSeconds = 2), each restarted per restartPolicy through
// doBackOff (CrashLoopBackOff). After every change it regenerates the pod's status (status.ts).
// The Kubelet (kubelet.ts) admits, adopts, stops and evicts pods and drives this machine.
import type { Engine } from '../../engine/engine.js';
import type { SimTime } from '../../engine/time.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { EXIT_SIGKILL, EXIT_SIGTERM, terminationReason } from '../../state/container-status.js';
import type { SimPod } from '../../state/objects.js';
import { AllocationManager } from './allocation.js';
import { isInBackOffSince, nextBackoff, type BackoffEntry } from './backoff.js';
import { EvictionManager } from './eviction-manager.js';
import { OomKiller } from './oom-killer.js';
import { shouldContainerBeRestarted } from './pod-actions.js';
import { type PodWorker, PodWorkers } from './pod-workers.js';
import { killEnd, planContainer } from './probes.js';
import { generateStatus } from './status.js';
import { usesStorage, workingSet } from './usage.js';

export const s = (sec: number) => sec * 1000;

export abstract class KubeRuntime {
  protected readonly workers: PodWorkers;
  abstract readonly evictionManager: EvictionManager;
  abstract readonly oomKiller: OomKiller;
  abstract readonly allocation: AllocationManager;

  constructor(
    protected readonly c: ClusterState,
    engine: Engine,
  ) {
    this.workers = new PodWorkers(engine, () => this.c.now);
  }

  // --- the pod lifecycle ---------------------------------------------------------------

  protected event(p: SimPod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.recorder.event(this.c.now, type, reason, `pod/${p.key}`, message, {
      node: p.node?.name ?? '',
      workload: p.workload?.shortName ?? '',
      qos: p.qos,
    });
  }

  /** A routine event (Started, Killing), left out of big runs (the message is built only when kept). */
  protected routine(p: SimPod, reason: string, message: (p: SimPod) => string): void {
    if (this.c.recorder.routine) this.event(p, 'Normal', reason, message(p));
    else this.c.recorder.omitted++;
  }

  /** The pod's working set now, from its usage model. */
  workingSetOf(p: SimPod): number {
    return workingSet(p, this.c.now);
  }

  /** A change of the pod's working set; a node whose usage grew is looked at by its eviction manager. */
  protected setWorkingSet(p: SimPod, ws: number): void {
    const before = p.node?.workingSet ?? 0;
    this.c.updatePod(p, (q) => (q.workingSet = ws));
    if (p.node && p.node.workingSet > before) this.evictionManager.workingSetGrew(p.node);
  }

  /**
   * Regenerates the pod's status (inside begin … commit). The status manager then brings the
   * API in line with it, Ready included (so a Ready=False the node lifecycle controller wrote
   * lasts until the kubelet next syncs the pod).
   */
  protected sync(p: SimPod, terminal = false): void {
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

  /**
   * SyncPod once the sandbox is ready or an init container finished: the next init container
   * (sidecars start and the next one follows at once), or — all done — the app containers.
   */
  protected runNext(p: SimPod): void {
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
  protected initExited(p: SimPod, i: number): void {
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
  protected restartInit(p: SimPod, i: number): void {
    const w = this.workers.of(p);
    const st = p.initContainers[i];
    const cfg = this.c.config;
    w.initBackoff ??= p.spec.initContainers.map(() => null);
    w.initBackoff[i] = nextBackoff(w.initBackoff[i], st.newestExitedAt, this.c.now, cfg.backoffInitialMs, cfg.backoffMaxMs);
    w.initIndex = i;
    this.runNext(p);
  }

  protected backOff(p: SimPod, entry: BackoffEntry, container: string): void {
    const app = container === (p.spec.containers[0]?.name ?? p.name);
    // Headroom's wording since its first version (upstream: "Back-off restarting failed container NAME in pod …").
    this.event(p, 'Warning', 'BackOff', app ? `Back-off ${entry.backoffMs / 1000}s restarting failed container (CrashLoopBackOff)` : `Back-off ${entry.backoffMs / 1000}s restarting failed container ${container} (CrashLoopBackOff)`);
  }

  /**
   * The app containers are created and started (event Started; the entrypoint runs and uses
   * memory) — a restart when one ran before. postStart runs synchronously: the status shows
   * them Running, and probes see them, only when it returns (at once without a hook: one write).
   */
  protected startApp(p: SimPod): void {
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
  protected appRunning(p: SimPod): void {
    this.c.begin(p);
    this.showRunning(p);
    this.c.commit(p);
    this.afterRunning(p);
  }

  /** The status shows the app's current instance Running (inside begin … commit). */
  protected showRunning(p: SimPod): void {
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

  protected afterRunning(p: SimPod): void {
    // A restart for an in-place resize: the new instance runs the allocated resources.
    if (p.resize === 'InProgress') this.allocation.actuated(p);
    const started = p.runningSince;
    this.planApp(p, started, this.c.now, started + s(p.spec.warmupSeconds));
  }

  /** Plans the running instance: probe results, its own exit, the readiness gate. */
  protected planApp(p: SimPod, containerStart: SimTime, runningAt: SimTime, answersAt: SimTime): void {
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
  protected scheduleNext(p: SimPod): void {
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

  protected step(p: SimPod, step: number): void {
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
  protected setStarted(p: SimPod): void {
    this.c.begin(p);
    p.app.started = true;
    this.sync(p);
    this.c.commit(p);
    this.scheduleNext(p);
  }

  /** The container's readiness probe succeeded (or it has none and started). */
  protected setContainerReady(p: SimPod): void {
    this.c.begin(p);
    p.app.started = p.app.ready = true;
    this.sync(p);
    this.c.commit(p);
    this.scheduleNext(p);
  }

  /** The readiness gates' controller set their conditions True. */
  protected setGatesReady(p: SimPod): void {
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
  protected probeKill(p: SimPod, by: 'startup' | 'liveness'): void {
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
  protected appKilled(p: SimPod, exitCode: number): void {
    const previous = p.app.newestExitedAt;
    this.appExited(p, 'Error', exitCode, previous);
  }

  /** exit_after_seconds: the app exits by itself with its exit code. */
  protected appExits(p: SimPod): void {
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
   * The app instance is gone (`reason`, `exitCode`): nothing planned for it runs any more, its
   * working set is freed. Leaves the pod open (begin … commit) for the caller's next state.
   */
  protected appStopped(p: SimPod, reason: string, exitCode: number): PodWorker {
    const w = this.workers.of(p);
    this.workers.cancel(p);
    w.planned = false;
    w.killing = false;
    w.exitAt = -1;
    this.c.begin(p);
    p.running = false;
    p.workingSet = 0;
    p.app.terminate(reason, exitCode, this.c.now);
    return w;
  }

  /**
   * The app instance exited with `exitCode` (its working set is gone). Restart or not
   * (ShouldContainerBeRestarted); a restart goes through doBackOff, which measures from
   * `backoffFrom` — the newest exited instance in the status SyncPod works from (null: this one).
   */
  protected appExited(p: SimPod, reason: string, exitCode: number, backoffFrom: SimTime | null): void {
    const now = this.c.now;
    const w = this.appStopped(p, reason, exitCode);
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
  protected restartApp(p: SimPod, eventTime: SimTime): void {
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
  protected stopSidecars(p: SimPod): void {
    for (const st of p.containers) if (st.state === 'running') st.terminate('Completed', 0, this.c.now);
    for (const st of p.initContainers) if (st.state === 'running') st.terminate('Error', EXIT_SIGTERM, this.c.now);
  }

  /** The pod ended (Succeeded or Failed): nothing more runs; its probe workers exit. */
  protected podDone(p: SimPod): void {
    this.workers.cancel(p);
  }
}

const startedMessage = (p: SimPod) => `Started container ${p.spec.containers[0]?.name ?? p.name}`;
export const stoppingMessage = (p: SimPod) => `Stopping container ${p.spec.containers[0]?.name ?? p.name}`;

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
