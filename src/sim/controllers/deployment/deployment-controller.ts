// The deployment controller, after pkg/controller/deployment (deployment_controller.go
// syncDeployment, rolling.go, recreate.go, sync.go, progress.go). Level-triggered: `sync` reads
// the Deployment and its ReplicaSets, does at most one phase (scale up OR scale down), and
// reports whether it wrote anything; its queue holds the Deployment until nothing moves.
import type { Engine, Timer } from '../../engine/engine.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { countsChanged, type ClusterObserver } from '../../state/feed.js';
import { SimDeployment, type SimNode, type SimPod, type SimReplicaSet, type SimWorkload } from '../../state/objects.js';
import { PRIORITY, type Wake } from '../run-loop.js';
import { scaleDeployment, type Scaler } from './proportional.js';
import { reconcileNewReplicaSet, reconcileOldReplicaSets } from './rolling.js';
import { deploymentComplete, deploymentProgressing, newRSNewReplicas, replicasAnnotations } from './util.js';

export class DeploymentController implements ClusterObserver {
  /** Set by every API write of the current sync (RS created, scaled or annotated). */
  private wrote = false;
  private readonly dirty = new Set<SimDeployment>();
  /** By Deployment index: the look one second after the progress deadline (requeueStuckDeployment). */
  private readonly progressTimers: (Timer | undefined)[] = [];

  constructor(
    private readonly c: ClusterState,
    private readonly engine: Engine,
    private readonly wake: Wake,
  ) {}

  // --- informer handlers and the work queue -------------------------------------------

  podChanged(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    const w = p.workload;
    if (w instanceof SimDeployment && countsChanged(before, after, oldNode, p)) this.enqueue(w);
  }

  workloadChanged(w: SimWorkload): void {
    if (w instanceof SimDeployment) this.enqueue(w);
  }

  private enqueue(d: SimDeployment): void {
    this.dirty.add(d);
    this.wake();
  }

  get hasWork(): boolean {
    return this.dirty.size > 0;
  }

  /**
   * Syncs every queued Deployment in a fixed order; one that wrote something stays queued (its
   * informer would see its own writes and queue it again). False when none was queued.
   */
  processQueue(): boolean {
    if (this.dirty.size === 0) return false;
    const ds = [...this.dirty].sort((a, b) => a.index - b.index);
    this.dirty.clear();
    for (const d of ds) if (this.sync(d)) this.dirty.add(d);
    return true;
  }

  /** Every Deployment looks at its ReplicaSets once at the start (the informers' initial list). */
  enqueueAll(): void {
    for (const d of this.c.deployments) this.dirty.add(d);
  }

  /** syncDeployment; returns true if it wrote something (the informer would re-queue it). */
  sync(d: SimDeployment): boolean {
    this.wrote = false;
    if (this.isScalingEvent(d)) {
      const newRS = d.newRS;
      const old = d.replicaSets.filter((rs) => rs !== newRS);
      scaleDeployment(d, newRS, old, d.status.replicas, this.scaler(d));
      this.syncRolloutStatus(d, newRS);
    } else if (d.strategy === 'Recreate') this.rolloutRecreate(d);
    else this.rolloutRolling(d);
    return this.wrote;
  }

  /**
   * isScalingEvent: an active RS whose desired-replicas annotation differs from spec.replicas
   * means `replicas` changed (kubectl scale) rather than the template.
   */
  private isScalingEvent(d: SimDeployment): boolean {
    for (const rs of d.replicaSets) {
      if (rs.spec > 0 && rs.desiredReplicasAnnotation !== null && rs.desiredReplicasAnnotation !== d.replicas) return true;
    }
    return false;
  }

  /** rolloutRolling (rolling.go): scale up if we can, else scale down if we can. */
  private rolloutRolling(d: SimDeployment): void {
    const newRS = d.newRS ?? this.createNewReplicaSet(d);
    const all = d.replicaSets;
    const old = all.filter((rs) => rs !== newRS);
    const s = this.scaler(d);
    if (!reconcileNewReplicaSet(all, newRS, d, s.scaleAndRecord)) {
      reconcileOldReplicaSets(all, old, newRS, d, s.scaleAndRecord);
    }
    this.syncRolloutStatus(d, newRS);
  }

  /**
   * rolloutRecreate (recreate.go): scale every old RS to 0, wait until no old pod is left at all
   * (terminating ones included — unlike RollingUpdate), then create and scale up the new RS.
   */
  private rolloutRecreate(d: SimDeployment): void {
    let newRS = d.newRS;
    const old = d.replicaSets.filter((rs) => rs !== newRS);
    const s = this.scaler(d);
    let scaledDown = false;
    for (const rs of old) if (rs.spec > 0) scaledDown = s.scaleAndRecord(rs, 0) || scaledDown;
    if (scaledDown || this.oldPodsRunning(old)) return this.syncRolloutStatus(d, newRS);
    newRS ??= this.createNewReplicaSet(d);
    s.scaleAndRecord(newRS, d.replicas);
    this.syncRolloutStatus(d, newRS);
  }

  /** oldPodsRunning: any pod of an old RS that is not Succeeded/Failed, terminating or not. */
  private oldPodsRunning(old: readonly SimReplicaSet[]): boolean {
    for (const rs of old) {
      if (rs.activeReplicas > 0) return true;
      for (const p of rs.pods) if (!p.gone && p.phase !== 'Failed' && p.phase !== 'Succeeded') return true;
    }
    return false;
  }

  /** getNewReplicaSet(createIfNotExisted): born already scaled to NewRSNewReplicas. */
  private createNewReplicaSet(d: SimDeployment): SimReplicaSet {
    const rs = this.c.newReplicaSet(d, d.template);
    const replicas = newRSNewReplicas(d, d.replicaSets, rs);
    const ann = replicasAnnotations(d);
    this.wrote = true;
    if (replicas > 0) this.event(d, 'ScalingReplicaSet', `Scaled up replica set ${rs.name} from 0 to ${replicas}`);
    this.c.scaleReplicaSet(rs, replicas, ann.desired, ann.max);
    if (d.progressDeadlineSeconds !== null) {
      d.progressing = { status: 'True', reason: 'NewReplicaSetCreated', lastUpdateTime: this.c.now };
    }
    return rs;
  }

  private readonly scalers = new WeakMap<SimDeployment, Scaler<SimReplicaSet>>();

  private scaler(d: SimDeployment): Scaler<SimReplicaSet> {
    let s = this.scalers.get(d);
    if (!s) this.scalers.set(d, (s = this.makeScaler(d)));
    return s;
  }

  private makeScaler(d: SimDeployment): Scaler<SimReplicaSet> {
    const scaleReplicaSet = (rs: SimReplicaSet, n: number): boolean => {
      const { desired, max } = replicasAnnotations(d);
      const sizeChanged = rs.spec !== n;
      if (!sizeChanged && rs.desiredReplicasAnnotation === desired && rs.maxReplicasAnnotation === max) return false;
      const from = rs.spec;
      this.wrote = true;
      if (sizeChanged) this.event(d, 'ScalingReplicaSet', `Scaled ${n > from ? 'up' : 'down'} replica set ${rs.name} from ${from} to ${n}`);
      return this.c.scaleReplicaSet(rs, n, desired, max);
    };
    return {
      scaleReplicaSet,
      scaleAndRecord: (rs, n) => (rs.spec === n ? false : scaleReplicaSet(rs, n)),
    };
  }

  /**
   * syncRolloutStatus (progress.go): the new status, the Progressing condition and the
   * progress deadline. Timing out only sets a condition; the rollout keeps going.
   */
  private syncRolloutStatus(d: SimDeployment, newRS: SimReplicaSet | null): void {
    const now = this.c.now;
    const status = {
      replicas: d.activePods,
      updatedReplicas: newRS?.activeReplicas ?? 0,
      readyReplicas: d.readyPods,
      availableReplicas: d.availablePods,
    };
    const complete = deploymentComplete(d.replicas, status);
    if (d.rolloutStartedAt >= 0 && d.rolloutCompletedAt < 0 && complete) {
      d.rolloutCompletedAt = now;
      // Kubernetes records no event here, only the Progressing condition's reason; we name the
      // event after that reason so the log shows when the rollout finished.
      this.event(d, 'NewReplicaSetAvailable', `Deployment ${d.name} has successfully progressed (revision ${d.revision}).`);
    }
    if (d.progressDeadlineSeconds !== null) {
      const cond = d.progressing;
      const isComplete = status.replicas === status.updatedReplicas && cond?.reason === 'NewReplicaSetAvailable';
      if (!isComplete) {
        if (complete) {
          d.progressing = { status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: now };
        } else if (deploymentProgressing(d.status, status)) {
          d.progressing = { status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: now };
        } else if (newRS && this.timedOut(d)) {
          if (cond?.reason !== 'ProgressDeadlineExceeded') {
            d.progressing = { status: 'False', reason: 'ProgressDeadlineExceeded', lastUpdateTime: now };
            if (d.rolloutStartedAt >= 0 && d.rolloutCompletedAt < 0) d.rolloutStalled = true;
            this.event(d, 'ProgressDeadlineExceeded', `ReplicaSet ${newRS.name} has timed out progressing.`, 'Warning');
          }
        }
      }
      this.requeueStuckDeployment(d);
    }
    d.status = status;
  }

  /** DeploymentTimedOut: lastUpdateTime + progressDeadlineSeconds < now (strict). */
  private timedOut(d: SimDeployment): boolean {
    const cond = d.progressing;
    if (!cond || cond.reason === 'NewReplicaSetAvailable') return false;
    if (cond.reason === 'ProgressDeadlineExceeded') return true;
    return cond.lastUpdateTime + d.progressDeadlineSeconds! * 1000 < this.c.now;
  }

  /**
   * requeueStuckDeployment: without any pod event, the controller looks again one second after
   * the deadline ("add a second to avoid milliseconds skew", kubernetes#39785).
   */
  private requeueStuckDeployment(d: SimDeployment): void {
    const cond = d.progressing;
    const settled = !cond || cond.reason === 'NewReplicaSetAvailable' || cond.reason === 'ProgressDeadlineExceeded';
    const timer = this.progressTimers[d.index];
    if (settled) {
      this.engine.cancel(timer);
      return;
    }
    const at = Math.max(this.c.now, cond.lastUpdateTime + d.progressDeadlineSeconds! * 1000 + 1000);
    this.progressTimers[d.index] = timer
      ? this.engine.reschedule(timer, at)
      : this.engine.at(at, PRIORITY.controllerTimer, () => this.enqueue(d));
  }

  private event(d: SimDeployment, reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    this.c.recorder.event(this.c.now, type, reason, d.objectRef, message, { workload: d.shortName });
  }
}
