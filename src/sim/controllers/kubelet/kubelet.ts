// The kubelets' pod lifecycle (one object for every node's kubelet): admission, container
// start after `startSeconds` (image pull, sandbox, init containers), probe results on the
// prober grid (probes.ts), OOM kills at the memory limit, restarts with CrashLoopBackOff, and
// graceful termination (preStop, SIGTERM, SIGKILL after the grace period; kuberuntime
// killContainer with minimumGracePeriodInSeconds = 2).
import { podOOMScoreAdjust } from '../../../model/oom.js';
import { formatBytes } from '../../../model/quantity.js';
import { tolerationsTolerateTaint, TAINT_MEMORY_PRESSURE } from '../../../model/taints.js';
import type { MemoryUsage } from '../../../model/types.js';
import type { Cluster } from '../../cluster.js';
import { PRIORITY } from '../../cluster.js';
import type { SimTime } from '../../engine/time.js';
import type { SimNode, SimPod } from '../../objects.js';
import { nextBackoff, planContainer, restartDelay } from './probes.js';

const MIN_GRACE_AFTER_SIGTERM_MS = 2000;
const MEMORY_PRESSURE_TAINT = { key: TAINT_MEMORY_PRESSURE, value: '', effect: 'NoSchedule' as const };

export class Kubelet {
  /** While the initial inventory is placed: admitted pods are already running and Ready. */
  steadyState = false;

  constructor(private readonly c: Cluster) {}

  private event(p: SimPod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.recorder.event(this.c.now, type, reason, `pod/${p.key}`, message, {
      node: p.node?.name ?? '',
      workload: p.deployment?.name ?? '',
      qos: p.qos,
    });
  }

  private setTimer(p: SimPod, at: SimTime, fire: () => void): void {
    this.c.engine.cancel(p.lifecycleTimer);
    p.lifecycleTimer = this.c.engine.at(Math.max(at, this.c.now), PRIORITY.kubelet, () => {
      p.lifecycleTimer = null;
      fire();
    });
  }

  private clearTimers(p: SimPod): void {
    this.c.engine.cancel(p.lifecycleTimer);
    this.c.engine.cancel(p.availabilityTimer);
    p.lifecycleTimer = null;
    p.availabilityTimer = null;
  }

  /** The pod's working set now, from its usage model (t = seconds since the model took effect). */
  workingSetOf(p: SimPod, usage: MemoryUsage = p.usage): number {
    switch (usage.kind) {
      case 'request':
        return p.runningMemory;
      case 'bytes':
        return usage.bytes;
      case 'expression': {
        // Without a limit, a container is bounded only by the machine: use the node's memory.
        const limit = p.memoryLimit ?? p.node?.memoryCapacity ?? p.runningMemory;
        const v = usage.evaluate({ request: p.runningMemory, limit, t: (this.c.now - p.usageSince) / 1000 });
        return Number.isFinite(v) && v > 0 ? Math.round(v) : 0;
      }
    }
  }

  /**
   * Kubelet admission (Admit in pkg/kubelet/eviction): under MemoryPressure a BestEffort pod is
   * refused unless it tolerates the memory-pressure taint; critical pods always get in.
   */
  admit(p: SimPod): void {
    const node = p.node!;
    if (!node.kubeletUp) return; // picked up when the kubelet comes back
    p.oomScoreAdj = oomScoreAdj(p);
    if (this.steadyState) return this.admitRunning(p, true);
    if (node.memoryPressure && p.qos === 'BestEffort' && !p.critical && !tolerationsTolerateTaint(p.tolerations, MEMORY_PRESSURE_TAINT)) {
      this.c.updatePod(p, (q) => {
        q.phase = 'Failed';
        q.reason = 'Evicted';
      });
      this.event(p, 'Warning', 'Evicted', 'The node had condition: [MemoryPressure].');
      this.c.forget(p);
      return;
    }
    this.setTimer(p, this.c.now + p.spec.startSeconds * 1000, () => this.startContainer(p));
  }

  /** Steady state at t=0: the inventory's pods are already running and Ready. */
  admitRunning(p: SimPod, ready: boolean): void {
    p.oomScoreAdj = oomScoreAdj(p);
    const ws = this.workingSetOf(p);
    // Ready since before the run — unless the container is over its limit and dies at once.
    const readyNow = ready && (p.memoryLimit === null || ws <= p.memoryLimit);
    this.c.begin(p);
    p.phase = 'Running';
    p.running = true;
    p.started = true;
    p.containerStartedAt = this.c.now;
    p.workingSet = ws;
    if (readyNow) {
      p.ready = true;
      p.readySince = this.c.now;
      p.available = true;
    }
    this.c.commit(p);
    if (this.checkOOM(p)) return;
    if (!readyNow) this.planProbes(p);
  }

  private startContainer(p: SimPod): void {
    this.c.begin(p);
    p.phase = 'Running';
    p.running = true;
    p.started = false;
    p.containerStartedAt = this.c.now;
    p.workingSet = this.workingSetOf(p);
    this.c.commit(p);
    if (this.c.recorder.routine) this.event(p, 'Normal', 'Started', `Started container ${p.spec.containers[0]?.name ?? p.name}`);
    else this.c.recorder.omitted++;
    if (this.checkOOM(p)) return;
    this.checkNodeOOM(p.node!);
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
      this.setTimer(p, plan.killAt, () => {
        this.event(p, 'Warning', 'Unhealthy', `${by} probe failed: the app is not answering yet`);
        this.event(p, 'Normal', 'Killing', `Container failed ${by.toLowerCase()} probe, will be restarted`);
        this.containerExited(p, 'Error');
      });
    } else if (plan.readyAt !== null) {
      this.setTimer(p, plan.readyAt, () => this.setReady(p, true));
    }
  }

  /**
   * Ready condition; available after minReadySeconds (IsPodAvailable). `longAgo`: the inventory
   * says it has been Ready since before the run, so it is available already.
   */
  setReady(p: SimPod, ready: boolean, longAgo = false): void {
    if (p.ready === ready) return;
    const minReady = longAgo ? 0 : (p.rs?.minReadySeconds ?? 0) * 1000;
    this.c.begin(p);
    p.ready = ready;
    p.started = p.started || ready;
    if (ready) p.readySince = this.c.now;
    p.available = ready && minReady === 0;
    this.c.commit(p);
    this.c.engine.cancel(p.availabilityTimer);
    p.availabilityTimer = null;
    if (ready && minReady > 0) {
      // IsPodAvailable is strict (ready for more than minReadySeconds); at our millisecond
      // resolution the RS controller's requeue after minReadySeconds sees it at exactly +min.
      p.availabilityTimer = this.c.engine.at(this.c.now + minReady, PRIORITY.kubelet, () => {
        p.availabilityTimer = null;
        if (!p.ready) return;
        this.c.begin(p);
        p.available = true;
        this.c.commit(p);
      });
    }
  }

  /** OOM kill when the working set exceeds the memory limit; true if it killed. */
  checkOOM(p: SimPod): boolean {
    if (!p.running || p.memoryLimit === null || p.workingSet <= p.memoryLimit) return false;
    this.c.recorder.event(
      this.c.now,
      'Warning',
      'OOMKilling',
      `pod/${p.key}`,
      `Memory cgroup out of memory: killed the container of ${p.key} (working set ${formatBytes(p.workingSet)} > limit ${formatBytes(p.memoryLimit)}, oom_score_adj ${p.oomScoreAdj})`,
      { node: p.node?.name ?? '', workload: p.deployment?.name ?? '', qos: p.qos },
    );
    if (p.deployment) p.deployment.oomKills++;
    this.containerExited(p, 'OOMKilled');
    return true;
  }

  /** A container died (OOM, failed probe): restartPolicy Always restarts it after the backoff. */
  private containerExited(p: SimPod, reason: string): void {
    const exitedAt = this.c.now;
    this.clearTimers(p);
    this.c.updatePod(p, (q) => {
      q.running = false;
      q.ready = false;
      q.available = false;
      q.started = false;
      q.reason = reason;
    });
    const cfg = this.c.config;
    const entry = { backoffMs: p.backoffMs, updatedAt: p.backoffUpdatedAt };
    const delay = restartDelay(entry, exitedAt, cfg.backoffMaxMs);
    if (delay > 0) {
      this.event(p, 'Warning', 'BackOff', `Back-off ${delay / 1000}s restarting failed container (CrashLoopBackOff)`);
    }
    this.setTimer(p, exitedAt + delay, () => {
      p.backoffMs = nextBackoff(entry, exitedAt, cfg.backoffInitialMs, cfg.backoffMaxMs);
      p.backoffUpdatedAt = this.c.now;
      p.restarts++;
      if (p.deployment) p.deployment.restarts++;
      this.startContainer(p);
    });
  }

  /** A new usage model for a running pod (memoryUsage event, or a re-sample over time). */
  updateUsage(p: SimPod): void {
    if (!p.running) return;
    const ws = this.workingSetOf(p);
    if (ws !== p.workingSet) this.c.updatePod(p, (q) => (q.workingSet = ws));
    // A usage that grows with time needs the node's periodic checks even if it has not grown yet.
    if (p.node && p.usage.kind === 'expression' && p.usage.timeVarying) this.c.onWorkingSetGrew(p.node);
    if (!this.checkOOM(p) && p.node) this.checkNodeOOM(p.node);
  }

  /**
   * Graceful termination after an API delete: preStop (bounded by the grace period), then
   * SIGTERM; the app exits after shutdownSeconds, or is SIGKILLed when the grace period is
   * used up but never sooner than 2 s after SIGTERM. The pod holds its node resources until then.
   */
  terminate(p: SimPod, graceSeconds: number): void {
    this.clearTimers(p);
    const node = p.node;
    if (!node || !node.kubeletUp) return; // nothing to stop, or the kubelet is gone (stays Terminating)
    if (p.running && this.c.recorder.routine) this.event(p, 'Normal', 'Killing', `Stopping container ${p.spec.containers[0]?.name ?? p.name}`);
    else if (p.running) this.c.recorder.omitted++;
    this.setTimer(p, this.killedAt(p, graceSeconds), () => this.removePod(p));
  }

  /** When a kill that starts now ends (kuberuntime killContainer timing). */
  private killedAt(p: SimPod, graceSeconds: number): SimTime {
    const now = this.c.now;
    if (!p.running) return now;
    const grace = graceSeconds * 1000;
    const preStop = Math.min(p.spec.preStopSeconds * 1000, grace);
    const sigterm = now + preStop;
    const sigkill = Math.max(now + grace, sigterm + MIN_GRACE_AFTER_SIGTERM_MS);
    return Math.min(sigterm + p.spec.shutdownSeconds * 1000, sigkill);
  }

  /**
   * Node-pressure eviction (evictPod): the kubelet kills the pod itself, with `graceSeconds`,
   * and marks it Failed/Evicted; only then does its ReplicaSet see it inactive and replace it.
   * Returns when the pod will be gone.
   */
  evict(p: SimPod, graceSeconds: number, message: string): SimTime {
    this.clearTimers(p);
    this.c.updatePod(p, (q) => {
      q.killing = true;
      q.ready = false;
      q.available = false;
    });
    this.event(p, 'Warning', 'Evicted', message);
    if (p.deployment) p.deployment.evictions++;
    const end = this.killedAt(p, graceSeconds);
    this.setTimer(p, end, () => this.evicted(p));
    return end;
  }

  private evicted(p: SimPod): void {
    this.c.updatePod(p, (q) => {
      q.running = false;
      q.killing = false;
      q.phase = 'Failed';
      q.reason = 'Evicted';
    });
    this.c.forget(p);
  }

  /**
   * The node's kubelet stops (the node is unreachable): nothing on it starts, stops or reports
   * any more. Containers keep running (a partition, not a power cut), so working sets stay.
   */
  stop(n: SimNode): void {
    n.kubeletUp = false;
    for (const p of n.pods) this.clearTimers(p);
  }

  /**
   * The kubelet is back: it finishes what the API asked meanwhile (pods deleted while it was
   * away are stopped now; a pending eviction completes), starts the pods bound to it, and
   * reports the running ones Ready again when their app answers.
   */
  resume(n: SimNode): void {
    n.kubeletUp = true;
    const pods = [...n.pods].sort((a, b) => a.id - b.id);
    for (const p of pods) {
      if (p.deletedAt >= 0) this.terminate(p, p.spec.terminationGracePeriodSeconds);
      else if (p.killing) this.evicted(p);
      else if (!p.running && p.phase === 'Pending') this.admit(p);
      else if (!p.running) this.startContainer(p);
      else if (!p.ready) this.planProbes(p);
    }
  }

  /**
   * The kernel's OOM killer when a node runs out of memory before the kubelet reacts: the
   * process with the highest badness (memory share in thousandths + oom_score_adj) dies first.
   */
  checkNodeOOM(n: SimNode): void {
    while (n.kubeletUp && n.workingSet > n.memoryCapacity) {
      let victim: SimPod | null = null;
      let worst = -Infinity;
      for (const p of n.pods) {
        if (!p.running || p.workingSet <= 0) continue;
        const badness = Math.floor((1000 * p.workingSet) / n.memoryCapacity) + p.oomScoreAdj;
        if (badness > worst || (badness === worst && victim && p.name < victim.name)) {
          worst = badness;
          victim = p;
        }
      }
      if (!victim) return;
      this.c.recorder.event(this.c.now, 'Warning', 'SystemOOM', `node/${n.name}`,
        `System OOM encountered, victim process: ${victim.key} (working set ${formatBytes(victim.workingSet)}, oom_score_adj ${victim.oomScoreAdj})`,
        { node: n.name, workload: victim.deployment?.name ?? '', qos: victim.qos });
      if (victim.deployment) victim.deployment.oomKills++;
      this.containerExited(victim, 'OOMKilled');
    }
  }

  /** The kubelet is done with the pod: the API object goes and its resources are free. */
  removePod(p: SimPod): void {
    this.clearTimers(p);
    this.c.begin(p);
    p.running = false;
    p.ready = false;
    p.available = false;
    p.gone = true;
    this.c.commit(p);
    this.c.forget(p);
  }
}

function oomScoreAdj(p: SimPod): number {
  const node = p.node!;
  return podOOMScoreAdjust(p.spec, p.qos, node.memoryCapacity, p.critical && p.spec.priorityClassName === 'system-node-critical');
}
