// The Job controller, after pkg/controller/job/job_controller.go: level-triggered like
// upstream (every change of one of a Job's pods, or of its spec, queues it; zero latency, so
// the 1 s batching of pod events is not modelled), `sync` feeds sync-job.ts the counts it needs
// and the pods that finished since the last look, then creates and deletes pods, writes the
// status and re-queues itself at the end of a pod-failure back-off or at the active deadline.
// Pods carry the tracking finalizer (batch.kubernetes.io/job-tracking) from their creation
// until they are counted: the controller keeps that set itself. Feature gates follow the
// cluster's version: JobPodReplacementPolicy from 1.29 (podReplacementPolicy, status.terminating,
// Complete/Failed only once no pod terminates), JobManagedBy from 1.32, the back-off record
// (10 s doubling to 10 min) from 1.28, podFailurePolicy from 1.26.
import { minorVersion } from '../../../model/cluster-defaults.js';
import type { Engine, Timer } from '../../engine/engine.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { POD_DELETED, POD_HOLDS, type ClusterObserver } from '../../state/feed.js';
import { type JobResult, SimJob, jobCondition } from '../../state/job.js';
import type { SimNode, SimPod, SimWorkload } from '../../state/objects.js';
import { PRIORITY, type Wake } from '../run-loop.js';
import { type BackoffRecord, MAX_POD_FAILURE_BACKOFF_MS, MAX_POD_FAILURE_BACKOFF_MS_BEFORE_1_28, POD_FAILURE_BACKOFF_MS } from './backoff.js';
import { activeJobPod, finishState, finishedPod, liveRestarts } from './job-pods.js';
import { type FinishedPod, type JobSpecView, syncJob } from './sync-job.js';

/** What the controller keeps per Job. */
class JobState {
  /** Pods that carry the tracking finalizer (not counted in status yet). */
  readonly tracking = new Set<SimPod>();
  /** Tracked pods that changed since the last sync (they may have finished). */
  readonly noted = new Set<SimPod>();
  /** CountTerminatingPods: deleted and still holding their node. */
  terminating = 0;
  /** pastBackoffLimitOnFailure's sum, kept pod by pod (OnFailure Jobs only). */
  liveRestarts = 0;
  readonly restartsOf = new Map<SimPod, number>();
  /** The podBackoffStore's record. */
  backoff: BackoffRecord | null = null;
  /** The delayed re-queue (back-off end, deadline). */
  timer: Timer | null = null;
  /** The spec the last sync saw (a scale edits parallelism). */
  parallelism = -1;
  completions: number | null = -1;
  /** Since when missing pods wait out the back-off (-1: they do not), and the stretches so far. */
  backingOffSince = -1;
  readonly backoffs: { from: number; to: number }[] = [];
}

const TERMINATING = POD_DELETED | POD_HOLDS;

export class JobController implements ClusterObserver {
  private readonly queue = new Set<SimJob>();
  private readonly state: JobState[] = [];
  private readonly minor: number;

  constructor(
    private readonly c: ClusterState,
    private readonly engine: Engine,
    private readonly wake: Wake,
  ) {
    this.minor = minorVersion(c.config.version);
    for (const j of c.jobs) this.state[j.index] = new JobState();
  }

  get hasWork(): boolean {
    return this.queue.size > 0;
  }

  /** Restart counts matter (an OnFailure Job): the controller must hear every pod write. */
  get needsPodStatus(): boolean {
    return this.c.jobs.some((j) => j.template.restartPolicy === 'OnFailure');
  }

  // --- informer handlers ---------------------------------------------------------------

  podChanged(p: SimPod, before: number, after: number, _oldNode: SimNode | null): void {
    const j = p.workload;
    if (!(j instanceof SimJob)) return;
    const st = this.state[j.index];
    const was = (before & TERMINATING) === TERMINATING;
    const is = (after & TERMINATING) === TERMINATING;
    if (was !== is) st.terminating += is ? 1 : -1;
    if (st.tracking.has(p)) st.noted.add(p);
    this.enqueue(j);
  }

  /** Any write of a pod (subscribed only with OnFailure Jobs): its restarts while Running or Pending. */
  podStatusChanged(p: SimPod): void {
    const j = p.workload;
    if (!(j instanceof SimJob) || j.template.restartPolicy !== 'OnFailure') return;
    const st = this.state[j.index];
    const old = st.restartsOf.get(p) ?? 0;
    const now = liveRestarts(p);
    if (now === old) return;
    if (now === 0) st.restartsOf.delete(p);
    else st.restartsOf.set(p, now);
    st.liveRestarts += now - old;
    this.enqueue(j);
  }

  workloadChanged(w: SimWorkload): void {
    if (!(w instanceof SimJob)) return;
    const st = this.state[w.index];
    if (st.parallelism !== w.parallelism || st.completions !== w.completions) this.enqueue(w);
  }

  private enqueue(j: SimJob): void {
    this.queue.add(j);
    this.wake();
  }

  /** Every Job is looked at once at the start (the informers' initial list). */
  enqueueAll(): void {
    for (const j of this.c.jobs) this.queue.add(j);
  }

  /**
   * The pods of the inventory a Job owns: the active ones carry the tracking finalizer (their
   * end is still to be counted); the dump's finished ones are in its status already.
   */
  adopt(p: SimPod): void {
    const j = p.workload;
    if (!(j instanceof SimJob) || !p.active) return;
    this.state[j.index].tracking.add(p);
    this.podStatusChanged(p);
  }

  processQueue(): boolean {
    if (this.queue.size === 0) return false;
    const all = [...this.queue].sort((a, b) => a.index - b.index);
    this.queue.clear();
    for (const j of all) this.sync(j);
    return true;
  }

  // --- the sync ------------------------------------------------------------------------

  private specView(j: SimJob): JobSpecView {
    const replacementGate = this.minor >= 29;
    const managedByGate = this.minor >= 32;
    const policy = j.podFailurePolicy !== null && this.minor >= 26;
    return {
      completions: j.completions,
      parallelism: j.parallelism,
      backoffLimit: j.backoffLimit,
      indexed: j.completionMode === 'Indexed',
      activeDeadlineSeconds: j.activeDeadlineSeconds,
      suspend: j.suspend,
      onFailure: j.template.restartPolicy === 'OnFailure',
      onlyReplaceFailed: (replacementGate && j.podReplacementPolicy === 'Failed') || policy,
      trackTerminating: replacementGate || managedByGate || policy,
      reportTerminating: replacementGate,
      delayTerminal: replacementGate || managedByGate,
      backoffInitialMs: POD_FAILURE_BACKOFF_MS,
      backoffMaxMs: this.minor >= 28 ? MAX_POD_FAILURE_BACKOFF_MS : MAX_POD_FAILURE_BACKOFF_MS_BEFORE_1_28,
    };
  }

  sync(j: SimJob): void {
    const st = this.state[j.index];
    const now = this.c.now;
    st.parallelism = j.parallelism;
    st.completions = j.completions;
    const spec = this.specView(j);
    const rules = this.minor >= 26 ? j.podFailurePolicy : null;
    const newSucceeded: FinishedPod<SimPod>[] = [];
    const newFailed: FinishedPod<SimPod>[] = [];
    for (const p of st.noted) {
      if (!st.tracking.has(p)) continue;
      const f = finishState(p, spec.onlyReplaceFailed);
      if (f === 'succeeded') newSucceeded.push(finishedPod(p, now, rules, false));
      else if (f === 'failed') newFailed.push(finishedPod(p, now, rules, true));
    }
    st.noted.clear();
    const finishedNow = new Set([...newSucceeded, ...newFailed].map((f) => f.pod));
    const r = syncJob({
      spec,
      status: j.status,
      now,
      backoff: st.backoff,
      pods: {
        active: j.pods.activeReplicas,
        ready: j.pods.readyReplicas,
        terminating: st.terminating,
        liveRestarts: st.liveRestarts,
        newSucceeded,
        newFailed,
        otherTracked: () => [...st.tracking].filter((p) => !finishedNow.has(p)).map((p) => finishedPod(p, now, rules, true)),
        activePods: () => [...j.pods.pods].filter((p) => p.active).map(activeJobPod),
        terminatingIndexes: () => [...j.pods.pods].filter((p) => p.deletedAt >= 0 && p.holdsResources).map((p) => p.ordinal),
      },
    });
    for (const p of r.counted) {
      st.tracking.delete(p);
      st.noted.delete(p);
    }
    for (const p of r.deletions) {
      if (p.deletedAt >= 0 || p.gone) continue;
      this.routine(j, 'SuccessfulDelete', () => `Deleted pod: ${p.name}`);
      this.c.deletePod(p);
    }
    for (let i = 0; i < r.creations; i++) this.createPod(j, spec.indexed ? r.createdIndexes[i] : -1);
    this.c.setJobStatus(j, r.status);
    st.backoff = r.backoff;
    if (r.backingOff && st.backingOffSince < 0) st.backingOffSince = now;
    else if (!r.backingOff && st.backingOffSince >= 0) {
      if (now > st.backingOffSince) st.backoffs.push({ from: st.backingOffSince, to: now });
      st.backingOffSince = -1;
    }
    if (r.requeueAt !== null) this.requeue(j, st, r.requeueAt);
    for (const e of r.events) this.c.recorder.event(now, e.type, e.reason, j.objectRef, e.message, { workload: j.shortName });
  }

  /** What the reports say of the Job (as of `end`, ms): its spec, outcome and back-off stretches. */
  result(j: SimJob, end: number): JobResult {
    const st = this.state[j.index];
    const final = jobCondition(j.status, 'Complete') ?? jobCondition(j.status, 'Failed');
    const interim = final ? null : (jobCondition(j.status, 'SuccessCriteriaMet') ?? jobCondition(j.status, 'FailureTarget'));
    const open = st.backingOffSince >= 0 && end > st.backingOffSince ? [{ from: st.backingOffSince, to: end }] : [];
    return {
      completions: j.completions,
      parallelism: j.parallelism,
      backoffLimit: j.backoffLimit,
      completionMode: j.completionMode,
      condition: final ? (final.type as 'Complete' | 'Failed') : null,
      reason: (final ?? interim)?.reason ?? '',
      message: (final ?? interim)?.message ?? '',
      conditionAt: final ? final.at : -1,
      interim: interim ? (interim.type as 'SuccessCriteriaMet' | 'FailureTarget') : null,
      interimAt: interim ? interim.at : -1,
      terminating: st.terminating,
      succeeded: j.status.succeeded,
      failed: j.status.failed,
      backoffs: [...st.backoffs, ...open],
    };
  }

  /** workqueue AddAfter: the earliest pending re-queue wins. */
  private requeue(j: SimJob, st: JobState, at: number): void {
    if (this.engine.pending(st.timer) && st.timer.time <= at) return;
    this.engine.cancel(st.timer);
    st.timer = this.engine.at(at, PRIORITY.controllerTimer, () => {
      st.timer = null;
      this.enqueue(j);
    });
  }

  /** CreatePodsWithGenerateName: `<job>-xxxxx`, an Indexed Job's `<job>-<index>-xxxxx`. */
  private createPod(j: SimJob, index: number): void {
    const name = index >= 0 ? this.c.generateName(`${j.name}-${index}-`) : null;
    const p = this.c.createPod(j.namespace, name, j.pods, j.template, 'Job', index);
    this.state[j.index].tracking.add(p);
    this.routine(j, 'SuccessfulCreate', () => `Created pod: ${p.name}`);
  }

  private routine(j: SimJob, reason: 'SuccessfulCreate' | 'SuccessfulDelete', message: () => string): void {
    if (!this.c.recorder.routine) {
      this.c.recorder.omitted++;
      return;
    }
    this.c.recorder.event(this.c.now, 'Normal', reason, j.objectRef, message(), { workload: j.shortName });
  }
}
