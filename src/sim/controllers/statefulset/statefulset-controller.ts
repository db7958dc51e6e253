// The StatefulSet controller, after pkg/controller/statefulset (stateful_set.go sync,
// stateful_set_control.go UpdateStatefulSet: getStatefulSetRevisions, updateStatefulSet,
// updateStatefulSetStatus with completeRollingUpdate; stateful_pod_control.go CreateStatefulPod /
// DeleteStatefulPod and their events). Level-triggered: every change of one of a set's pods, or
// of its spec, queues the set; `sync` reads its pods by ordinal, issues the creates and deletes
// of stateful-set-control.ts, and judges the rollout as `kubectl rollout status` would.
import { minorVersion } from '../../../model/cluster-defaults.js';
import type { PodTemplate } from '../../../model/types.js';
import type { Engine } from '../../engine/engine.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { POD_ACTIVE, POD_READY, type ClusterObserver } from '../../state/feed.js';
import type { SimNode, SimPod, SimWorkload } from '../../state/objects.js';
import { type SimControllerRevision, SimStatefulSet } from '../../state/workloads.js';
import { AvailabilityTimers } from '../availability.js';
import type { Wake } from '../run-loop.js';
import {
  type StatefulPodState,
  createdAtUpdateRevision,
  statefulSetMaxUnavailable,
  statefulSetRolloutDone,
  updateStatefulSet,
} from './stateful-set-control.js';

/** MaxUnavailableStatefulSet: alpha (off) from 1.24, beta (on by default) from 1.35. */
export const MAX_UNAVAILABLE_STATEFULSET_FROM_MINOR = 35;

export class StatefulSetController implements ClusterObserver {
  private readonly dirty = new Set<SimStatefulSet>();
  private readonly availability: AvailabilityTimers;
  /** The MaxUnavailableStatefulSet feature gate is on for the cluster's version. */
  private readonly maxUnavailableGate: boolean;
  /** A revision's template with a claim zone, per zone (pods of one zone share a spec). */
  private readonly zonedSpecs = new Map<PodTemplate, Map<string, PodTemplate>>();

  constructor(
    private readonly c: ClusterState,
    engine: Engine,
    private readonly wake: Wake,
  ) {
    this.availability = new AvailabilityTimers(c, engine);
    this.maxUnavailableGate = minorVersion(c.config.version) >= MAX_UNAVAILABLE_STATEFULSET_FROM_MINOR;
  }

  get hasWork(): boolean {
    return this.dirty.size > 0;
  }

  // --- informer handlers ---------------------------------------------------------------

  podChanged(p: SimPod, before: number, after: number, _oldNode: SimNode | null): void {
    const s = p.workload;
    if (!(s instanceof SimStatefulSet)) return;
    this.enqueue(s);
    const diff = before ^ after;
    if (diff & POD_READY || (diff & POD_ACTIVE && !(after & POD_ACTIVE))) this.availability.readinessChanged(p, s.minReadySeconds);
  }

  workloadChanged(w: SimWorkload): void {
    if (w instanceof SimStatefulSet) this.enqueue(w);
  }

  private enqueue(s: SimStatefulSet): void {
    this.dirty.add(s);
    this.wake();
  }

  /** Every set looks at its pods once at the start (the informers' initial list). */
  enqueueAll(): void {
    for (const s of this.c.statefulSets) this.dirty.add(s);
  }

  /** Syncs every queued set in index order; false when none was queued. */
  processQueue(): boolean {
    if (this.dirty.size === 0) return false;
    const sets = [...this.dirty].sort((a, b) => a.index - b.index);
    this.dirty.clear();
    for (const s of sets) this.sync(s);
    return true;
  }

  // --- the sync ------------------------------------------------------------------------

  sync(s: SimStatefulSet): void {
    this.syncRevisions(s);
    const onDelete = s.updateStrategy === 'OnDelete';
    const pods: StatefulPodState[] = [];
    s.podByOrdinal.forEach((p) => {
      const terminal = p.phase === 'Failed' || p.phase === 'Succeeded';
      const runningAndReady = !terminal && p.phase === 'Running' && p.ready;
      pods.push({
        ordinal: p.ordinal,
        terminal,
        terminating: p.deletedAt >= 0,
        runningAndReady,
        runningAndAvailable: runningAndReady && p.isAvailable,
        updated: p.revision === s.updateRevision,
      });
    });
    const actions = updateStatefulSet({
      replicas: s.replicas,
      start: s.ordinalsStart,
      parallel: s.podManagementPolicy === 'Parallel',
      onDelete,
      partition: s.partition,
      maxUnavailable: this.maxUnavailableGate ? statefulSetMaxUnavailable(s.maxUnavailable, s.replicas) : null,
      pods,
    });
    for (const a of actions) {
      if (a.kind === 'create') this.createPod(s, a.ordinal, a.atUpdateRevision ? s.updateRevision : s.currentRevision);
      else {
        const p = s.podByOrdinal.get(a.ordinal)!;
        this.event(s, 'SuccessfulDelete', `delete Pod ${p.name} in StatefulSet ${s.name} successful`);
        this.c.deletePod(p);
      }
    }
    this.updateStatus(s, onDelete);
  }

  /**
   * getStatefulSetRevisions: a template the newest revision does not hold becomes a new
   * revision (the update revision); the current revision stays until the rollout completes.
   */
  private syncRevisions(s: SimStatefulSet): void {
    if (s.updateRevision.template === s.template) return;
    s.updateRevision = this.c.newControllerRevision(s, s.template);
  }

  /**
   * updateStatefulSetStatus → completeRollingUpdate (against spec.replicas since 1.29, #120731):
   * once every replica is updated and ready the update revision becomes current. Then the
   * rollout is judged as `kubectl rollout status` does.
   */
  private updateStatus(s: SimStatefulSet, onDelete: boolean): void {
    const updated = s.updateRevision.activeReplicas;
    if (!onDelete && s.currentRevision !== s.updateRevision && updated === s.replicas && s.readyPods === s.replicas && s.podByOrdinal.size === s.replicas) {
      s.currentRevision = s.updateRevision;
    }
    if (s.rolloutStartedAt >= 0 && s.rolloutCompletedAt < 0) {
      const done = statefulSetRolloutDone({ onDelete, replicas: s.replicas, partition: s.partition, readyReplicas: s.readyPods, updatedReplicas: updated });
      if (done) s.rolloutCompletedAt = this.c.now;
    }
  }

  /**
   * CreateStatefulPod: the pod `<set>-<ordinal>` at `revision`; its claims (created first, and
   * kept across pods) pin it to the zone their volumes are in once they have one.
   */
  private createPod(s: SimStatefulSet, ordinal: number, revision: SimControllerRevision): SimPod {
    const name = `${s.name}-${ordinal}`;
    this.event(s, 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${s.name} successful`);
    return this.c.createPod(s.namespace, name, revision, this.specFor(s, revision.template, ordinal), 'StatefulSet');
  }

  private specFor(s: SimStatefulSet, template: PodTemplate, ordinal: number): PodTemplate {
    const zone = s.volumeClaims.length > 0 ? s.claimZones.get(ordinal) : undefined;
    if (zone === undefined) return template;
    let byZone = this.zonedSpecs.get(template);
    if (!byZone) this.zonedSpecs.set(template, (byZone = new Map()));
    let spec = byZone.get(zone);
    if (!spec) byZone.set(zone, (spec = { ...template, volumeZone: zone }));
    return spec;
  }

  /**
   * The set's pods at the start of a run with no placement given (a cluster in steady state):
   * every ordinal of the range at the current revision, for the scheduler's first pass.
   */
  createSteadyStatePods(): void {
    const muted = this.c.recorder.mute();
    for (const s of this.c.statefulSets) {
      for (let i = 0; i < s.replicas; i++) {
        const ordinal = s.ordinalsStart + i;
        const rev = createdAtUpdateRevision({ onDelete: s.updateStrategy === 'OnDelete', start: s.ordinalsStart, partition: s.partition }, ordinal)
          ? s.updateRevision
          : s.currentRevision;
        this.createPod(s, ordinal, rev);
      }
    }
    muted.restore();
  }

  private event(s: SimStatefulSet, reason: 'SuccessfulCreate' | 'SuccessfulDelete', message: string): void {
    if (!this.c.recorder.routine) {
      this.c.recorder.omitted++;
      return;
    }
    this.c.recorder.event(this.c.now, 'Normal', reason, s.objectRef, message, { workload: s.shortName });
  }
}
