// OpenKruise's CloneSet controller, after pkg/controller/cloneset (cloneset_controller.go
// syncCloneSet: Scale, then — when scaling changed nothing — Update, then the status;
// sync/cloneset_scale.go Scale; sync/cloneset_update.go Update, updatePod, limitUpdateIndexes;
// pkg/util/inplaceupdate Update / Refresh / finishGracePeriod; cloneset_status.go
// calculateStatus). The counting rules are pure (src/model/cloneset.ts). Level-triggered: a
// change of one of its pods or of its spec queues the CloneSet.
//
// Simplified (say so in reports): no lifecycle hooks (every pod's lifecycle state is Normal or,
// while updated in place, Updating), no priority/scatter strategies, no podsToDelete, no
// volumeClaimTemplates or instance-id reuse, no CloneSetPartitionRollback (its alpha gate is off
// by default), no expectations (zero controller latency: each pass sees every write).
import { canUpdateInPlace } from '../../../model/cloneset.js';
import { calculateDiffsWithExpectation, limitUpdates, partitionReplicas, type CloneSetPodView } from '../../../model/cloneset-sync.js';
import type { Engine, Timer } from '../../engine/engine.js';
import { ById } from '../../state/by-id.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { POD_ACTIVE, POD_READY, type ClusterObserver } from '../../state/feed.js';
import type { SimNode, SimPod, SimRevision, SimWorkload } from '../../state/objects.js';
import { type SimControllerRevision, SimCloneSet } from '../../state/workloads.js';
import { AvailabilityTimers } from '../availability.js';
import { activePodsWithRanksLess } from '../replicaset/ranking.js';
import { PRIORITY, type Wake } from '../run-loop.js';

/** The revision a CloneSet pod's controller-revision-hash label names (an in-place update moves it). */
export const podRevision = (p: SimPod): SimRevision => p.inPlace?.revision ?? p.revision!;

/**
 * IsPodUpdateReady / IsPodAvailable: running and available (Ready for minReadySeconds), and the
 * InPlaceUpdateReady condition not False (lifecycle Normal, not Updating).
 */
export function cloneSetPodAvailable(p: SimPod): boolean {
  return p.phase === 'Running' && p.isAvailable && (p.inPlace === null || p.inPlace.completed(p));
}

export class CloneSetController implements ClusterObserver {
  private readonly dirty = new Set<SimCloneSet>();
  private readonly availability: AvailabilityTimers;
  /** Pods a ReCreate update labelled apps.kruise.io/specified-delete (Scale deletes them). */
  private readonly specifiedDelete = new ById<boolean>();
  /** The requeue after an in-place update's grace period (finishGracePeriod), by pod id. */
  private readonly graceTimers = new ById<Timer>();
  /** Pods an InPlaceOnly update could not update (the Warning is given once per pod and revision). */
  private readonly refused = new ById<SimRevision>();
  /** The last ScaleUpLimited limit recorded, by CloneSet index. */
  private readonly scaleUpLimited = new Map<number, number>();

  constructor(
    private readonly c: ClusterState,
    private readonly engine: Engine,
    private readonly wake: Wake,
  ) {
    this.availability = new AvailabilityTimers(c, engine);
  }

  get hasWork(): boolean {
    return this.dirty.size > 0;
  }

  // --- informer handlers ---------------------------------------------------------------

  podChanged(p: SimPod, before: number, after: number, _oldNode: SimNode | null): void {
    const cs = p.workload;
    if (!(cs instanceof SimCloneSet)) return;
    this.enqueue(cs);
    const diff = before ^ after;
    if (diff & POD_READY || (diff & POD_ACTIVE && !(after & POD_ACTIVE))) this.availability.readinessChanged(p, cs.minReadySeconds);
  }

  workloadChanged(w: SimWorkload): void {
    if (w instanceof SimCloneSet) this.enqueue(w);
  }

  private enqueue(cs: SimCloneSet): void {
    this.dirty.add(cs);
    this.wake();
  }

  enqueueAll(): void {
    for (const cs of this.c.cloneSets) this.dirty.add(cs);
  }

  processQueue(): boolean {
    if (this.dirty.size === 0) return false;
    const sets = [...this.dirty].sort((a, b) => a.index - b.index);
    this.dirty.clear();
    for (const cs of sets) this.sync(cs);
    return true;
  }

  /** Without a pods list: every CloneSet's replicas at its revision, for the scheduler's first pass. */
  createSteadyStatePods(): void {
    const muted = this.c.recorder.mute();
    for (const cs of this.c.cloneSets) for (let i = 0; i < cs.replicas; i++) this.c.createPod(cs.namespace, null, cs.updateRevision, cs.updateRevision.template, 'CloneSet');
    muted.restore();
  }

  // --- syncCloneSet ----------------------------------------------------------------------

  sync(cs: SimCloneSet): void {
    this.syncRevisions(cs);
    const pods = this.activePods(cs);
    // Scale and Update are never done in one reconcile: a pass that scaled is followed by another.
    if (this.scale(cs, pods)) this.enqueue(cs);
    else this.update(cs, pods);
    this.updateStatus(cs);
  }

  /** getActiveRevisions: a template the update revision does not hold becomes a new revision. */
  private syncRevisions(cs: SimCloneSet): void {
    if (cs.updateRevision.template === cs.template) return;
    cs.updateRevision = this.c.newControllerRevision(cs, cs.template);
  }

  /** getOwnedResource: the CloneSet's active pods (controller.FilterActivePods), oldest first. */
  private activePods(cs: SimCloneSet): SimPod[] {
    const out: SimPod[] = [];
    for (const r of cs.controllerRevisions) for (const p of r.pods) if (p.active) out.push(p);
    return out.sort((a, b) => a.id - b.id);
  }

  private view(cs: SimCloneSet, p: SimPod): CloneSetPodView {
    return { updated: podRevision(p) === cs.updateRevision, lifecycle: 'Normal', available: cloneSetPodAvailable(p), specifiedDelete: this.specifiedDelete.get(p.id) === true };
  }

  private diffs(cs: SimCloneSet, pods: readonly SimPod[]) {
    return calculateDiffsWithExpectation({
      replicas: cs.replicas,
      partition: cs.partition,
      maxUnavailable: cs.maxUnavailable,
      maxSurge: cs.maxSurge,
      paused: cs.paused,
      scaleMaxUnavailable: cs.scaleMaxUnavailable,
      revisionConsistent: cs.currentRevision === cs.updateRevision,
      partitionRollback: false,
      pods: pods.map((p) => this.view(cs, p)),
    });
  }

  /** Scale (cloneset_scale.go): create, delete the specified pods, scale in. True when it wrote. */
  private scale(cs: SimCloneSet, pods: readonly SimPod[]): boolean {
    const d = this.diffs(cs, pods);
    // Kruise records it at every reconcile; here once per CloneSet and limit (passes are many more).
    if (d.scaleUpNum > d.scaleUpLimit && this.scaleUpLimited.get(cs.index) !== d.scaleUpLimit) {
      this.scaleUpLimited.set(cs.index, d.scaleUpLimit);
      this.event(cs, 'Warning', 'ScaleUpLimited', `scaleUp is limited because of scaleStrategy.maxUnavailable, limit: ${d.scaleUpLimit}`);
    }
    if (d.scaleUpNum > 0) {
      // NewVersionedPods: expectedCurrentCreations at the current revision, the rest at the update revision.
      const n = d.scaleUpLimit;
      const atCurrent = Math.min(d.scaleUpNumOldRevision, n);
      for (let i = 0; i < n; i++) this.createPod(cs, i < atCurrent ? cs.currentRevision : cs.updateRevision);
      return n > 0;
    }
    // isPodReady: IsPodAvailable with minReadySeconds 0.
    const ready = (p: SimPod) => p.phase === 'Running' && p.ready && (p.inPlace === null || p.inPlace.completed(p));
    let limit = d.deleteReadyLimit;
    const deletable = (list: readonly SimPod[]) =>
      list.filter((p) => {
        if (!ready(p)) return true;
        if (limit > 0) {
          limit--;
          return true;
        }
        return false;
      });
    const toDelete = pods.filter((p) => this.specifiedDelete.get(p.id) === true);
    if (toDelete.length > 0) {
      const now = deletable(toDelete);
      for (const p of now) this.deletePod(cs, p);
      if (now.length > 0) return true;
    }
    if (d.scaleDownNum > 0) {
      if (toDelete.length > 0) return false; // skipped to scale in for deletion
      const updated = pods.filter((p) => podRevision(p) === cs.updateRevision);
      const notUpdated = pods.filter((p) => podRevision(p) !== cs.updateRevision);
      const chosen = this.choosePodsToDelete(d.scaleDownNum, d.scaleDownNumOldRevision, notUpdated, updated);
      const now = deletable(chosen);
      for (const p of now) this.deletePod(cs, p);
      return now.length > 0;
    }
    return false;
  }

  /** choosePodsToDelete: old-revision pods first, each group by ActivePodsWithRanks (same-node ranker). */
  private choosePodsToDelete(total: number, currentRevDiff: number, notUpdated: SimPod[], updated: SimPod[]): SimPod[] {
    const choose = (list: SimPod[], n: number) => {
      if (n < list.length) {
        const perNode = new Map<SimNode | null, number>();
        for (const p of list) perNode.set(p.node, (perNode.get(p.node) ?? 0) + 1);
        const rank = (p: SimPod) => (p.node ? perNode.get(p.node)! : 0);
        const now = this.c.now;
        list = [...list].sort((a, b) => {
          const ra = rankView(a);
          const rb = rankView(b);
          if (activePodsWithRanksLess(ra, rank(a), rb, rank(b), now)) return -1;
          if (activePodsWithRanksLess(rb, rank(b), ra, rank(a), now)) return 1;
          return a.id - b.id;
        });
      }
      return list.slice(0, n);
    };
    if (currentRevDiff >= total) return choose(notUpdated, total);
    if (currentRevDiff > 0) return [...choose(notUpdated, currentRevDiff), ...choose(updated, total - currentRevDiff)];
    return choose(updated, total);
  }

  /** Update (cloneset_update.go): the pods to bring to the update revision, as many as maxUnavailable allows. */
  private update(cs: SimCloneSet, pods: readonly SimPod[]): void {
    if (cs.paused) return;
    const d = this.diffs(cs, pods);
    if (d.updateNum === 0) return;
    const target = cs.updateRevision; // updateNum > 0: without partition rollback it never goes back
    const waiting = pods.filter((p) => podRevision(p) !== target && this.specifiedDelete.get(p.id) !== true && !(p.inPlace && p.inPlace.patchedAt < 0));
    // SortUpdateIndexes: kubecontroller.ActivePods.Less (not ready < ready, unscheduled < scheduled, pending < running …).
    waiting.sort((a, b) => {
      const ra = rankView(a);
      const rb = rankView(b);
      if (activePodsWithRanksLess(ra, 0, rb, 0, null)) return -1;
      if (activePodsWithRanksLess(rb, 0, ra, 0, null)) return 1;
      return a.id - b.id;
    });
    const n = limitUpdates(
      d,
      waiting.map((p) => ({ available: cloneSetPodAvailable(p) })),
      pods.map((p) => ({ available: cloneSetPodAvailable(p), atTarget: podRevision(p) === target })),
    );
    for (let i = 0; i < n; i++) this.updatePod(cs, waiting[i], target);
  }

  /** updatePod: in place when the strategy allows and only the image changed; else ReCreate. */
  private updatePod(cs: SimCloneSet, p: SimPod, target: SimControllerRevision): void {
    const from = podRevision(p);
    if (cs.updateStrategy !== 'ReCreate' && canUpdateInPlace(from.template, target.template)) {
      const grace = cs.inPlaceGraceSeconds;
      this.c.startInPlaceUpdate(p, target, grace <= 0);
      this.routine(cs, 'SuccessfulUpdatePodInPlace', `successfully update pod ${p.name} in-place(revision ${target.name})`);
      if (grace > 0) {
        this.engine.cancel(this.graceTimers.get(p.id));
        this.graceTimers.set(p.id, this.engine.at(this.c.now + grace * 1000, PRIORITY.controllerTimer, () => {
          this.graceTimers.set(p.id, undefined);
          if (p.inPlace?.revision === target && p.active) this.c.patchInPlaceImage(p);
          this.enqueue(cs);
        }));
      }
      return;
    }
    if (cs.updateStrategy === 'InPlaceOnly') {
      // Kruise returns the error and retries; the pod is never recreated.
      if (this.refused.get(p.id) !== target) {
        this.refused.set(p.id, target);
        this.event(cs, 'Warning', 'FailedUpdatePodInPlace', `find Pod ${p.name} update strategy is InPlaceOnly but can not update in-place`);
      }
      return;
    }
    // PatchPodSpecifiedDelete: Scale deletes it within maxUnavailable and creates its replacement.
    this.specifiedDelete.set(p.id, true);
    this.routine(cs, 'SuccessfulUpdatePodReCreate', `successfully patch pod ${p.name} specified-delete for update(revision ${target.name})`);
    this.enqueue(cs);
  }

  /** calculateStatus, and the rollout judged done once the expected pods are updated and ready. */
  private updateStatus(cs: SimCloneSet): void {
    let replicas = 0, ready = 0, available = 0, updated = 0, updatedReady = 0;
    for (const r of cs.controllerRevisions) {
      for (const p of r.pods) {
        if (!p.active) continue;
        replicas++;
        const isUpdated = podRevision(p) === cs.updateRevision;
        const podReady = p.phase === 'Running' && p.ready && (p.inPlace === null || p.inPlace.completed(p));
        if (podReady) ready++;
        if (cloneSetPodAvailable(p)) available++;
        if (isUpdated) updated++;
        if (isUpdated && podReady) updatedReady++;
      }
    }
    this.c.setCloneSetStatus(cs, { replicas, readyReplicas: ready, availableReplicas: available, updatedReplicas: updated, updatedReadyReplicas: updatedReady });
    // Stable once every pod is at the update revision and there are spec.replicas of them.
    if (updated === replicas && replicas === cs.replicas) cs.currentRevision = cs.updateRevision;
    if (cs.rolloutStartedAt >= 0 && cs.rolloutCompletedAt < 0) {
      const expected = cs.replicas - partitionReplicas(cs.partition, cs.replicas);
      if (replicas === cs.replicas && updated >= expected && updatedReady >= expected && available >= cs.replicas) cs.rolloutCompletedAt = this.c.now;
    }
  }

  private createPod(cs: SimCloneSet, revision: SimControllerRevision): void {
    const p = this.c.createPod(cs.namespace, null, revision, revision.template, 'CloneSet');
    this.routine(cs, 'SuccessfulCreate', `succeed to create pod ${p.name}`);
  }

  private deletePod(cs: SimCloneSet, p: SimPod): void {
    this.routine(cs, 'SuccessfulDelete', `succeed to delete pod ${p.name}`);
    this.specifiedDelete.set(p.id, undefined);
    this.c.deletePod(p);
  }

  private event(cs: SimCloneSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.recorder.event(this.c.now, type, reason, cs.objectRef, message, { workload: cs.shortName });
  }

  private routine(cs: SimCloneSet, reason: string, message: string): void {
    if (!this.c.recorder.routine) {
      this.c.recorder.omitted++;
      return;
    }
    this.event(cs, 'Normal', reason, message);
  }
}

/** What ActivePods(WithRanks).Less reads of a pod (Kruise's AvailableFunc step is left out: Ready decides). */
function rankView(p: SimPod) {
  return {
    assigned: p.node !== null,
    phase: p.phase,
    ready: p.ready,
    deletionCost: 0,
    readySince: p.ready ? p.readySince : null,
    restarts: p.restarts,
    created: p.createdAt,
    uid: p.uid,
  };
}
