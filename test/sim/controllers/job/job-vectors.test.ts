// The Job controller's pure rules replayed against Kubernetes' own tables
// (test/fixtures/vectors-workloads.json, from pkg/controller/job/backoff_utils_test.go and
// job_controller_test.go). The harness plays the upstream fake: one syncJob over pods the test
// made — Running (the first `readyPods` Ready), Pending, Succeeded and Failed ones that finished
// long ago (no back-off left), terminating ones (Running with a deletionTimestamp) — every one
// still carrying the tracking finalizer. Feature gates are on only where a case says so.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BackoffRecord, finishedTime, newBackoffRecord, remainingBackoff } from '../../../../src/sim/controllers/job/backoff.js';
import { type ActiveJobPod, type FinishedPod, type JobSpecView, type SyncJobResult, syncJob } from '../../../../src/sim/controllers/job/sync-job.js';
import { type JobCondition, NEW_JOB_STATUS } from '../../../../src/sim/state/job.js';

const vectors = JSON.parse(readFileSync(new URL('../../../fixtures/vectors-workloads.json', import.meta.url), 'utf8'));
interface Case<I, E> {
  name: string;
  input: I;
  expected: E;
  featureGated?: string[];
}
const cases = <I, E>(key: string): Case<I, E>[] => vectors[key].cases;

describe('Job.getRemainingTime (backoff_utils_test.go TestGetRemainingBackoffTime)', () => {
  type I = { failures: number; elapsedSeconds: number; defaultBackoffSeconds: number; maxBackoffSeconds: number };
  it.each(cases<I, { remainingSeconds: number }>('Job.getRemainingTime').map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const now = 1_000_000;
    const i = c.input;
    const ms = remainingBackoff(i.failures, now - i.elapsedSeconds * 1000, now, i.defaultBackoffSeconds * 1000, i.maxBackoffSeconds * 1000);
    expect(ms / 1000).toBe(c.expected.remainingSeconds);
  });
});

describe('Job.newBackoffRecord (TestNewBackoffRecord)', () => {
  type I = { stored: { failuresAfterLastSuccess: number; lastFailureMs: number | null } | null; newSucceededMs: number[]; newFailedMs: number[] };
  type E = { failuresAfterLastSuccess: number; lastFailureMs: number | null };
  it.each(cases<I, E>('Job.newBackoffRecord').map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const stored: BackoffRecord | null = c.input.stored && { failuresAfterLastSuccess: c.input.stored.failuresAfterLastSuccess, lastFailureTime: c.input.stored.lastFailureMs };
    const r = newBackoffRecord(stored, c.input.newSucceededMs, c.input.newFailedMs);
    expect({ failuresAfterLastSuccess: r.failuresAfterLastSuccess, lastFailureMs: r.lastFailureTime }).toEqual(c.expected);
  });
});

describe('Job.getFinishedTime (TestGetFinishedTime)', () => {
  type I = {
    containerFinishedAt: (number | string)[];
    sidecarFinishedAt?: number[];
    deletionTimestamp?: number;
    deletionGracePeriodSeconds?: number;
    readyCondition?: { status: 'True' | 'False'; lastTransition: number };
    creationTimestamp?: number;
  };
  it.each(cases<I, { finishedAt: number }>('Job.getFinishedTime').map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const s = (x: number) => x * 1000;
    const i = c.input;
    const at = finishedTime({
      containersFinishedAt: [...i.containerFinishedAt, ...(i.sidecarFinishedAt ?? [])].map((v) => (typeof v === 'number' ? s(v) : null)),
      ready: i.readyCondition ? { status: i.readyCondition.status, lastTransition: s(i.readyCondition.lastTransition) } : null,
      deletionTimestamp: i.deletionTimestamp === undefined ? null : s(i.deletionTimestamp),
      deletionGracePeriodSeconds: i.deletionGracePeriodSeconds ?? 0,
      // The tests' pods have a creation time far back unless the case gives it.
      creationTimestamp: s(i.creationTimestamp ?? -1e6),
    });
    expect(at / 1000).toBe(c.expected.finishedAt);
  });
});

// --- one syncJob over fake pods -------------------------------------------------------------

const NOW = 100_000_000;
const LONG_AGO = NOW - 86_400_000;

interface PodsIn {
  parallelism: number;
  completions: number;
  backoffLimit: number;
  activePods?: number;
  readyPods?: number;
  pendingPods?: number;
  succeededPods?: number;
  failedPods?: number;
  terminatingPods?: number;
  podReplacementPolicy?: 'Failed' | 'TerminatingOrFailed';
  completionMode?: 'Indexed' | 'NonIndexed';
  backoffRecord?: { failuresAfterLastSuccess: number; lastFailureAgoSeconds?: number };
  podCreateLimit?: number;
  restartCounts?: number[];
  podPhase?: 'Running' | 'Pending' | 'Succeeded';
  suspend?: boolean;
  activeDeadlineSeconds?: number;
  startedSecondsAgo?: number;
  activePhase?: 'Running' | null;
}

interface FakePod {
  id: number;
  phase: 'Running' | 'Pending' | 'Succeeded' | 'Failed';
  ready: boolean;
  deleted: boolean;
  restarts: number;
}

function runSync(i: PodsIn, gates: boolean): SyncJobResult<FakePod> {
  const pods: FakePod[] = [];
  const add = (n: number | undefined, p: Omit<FakePod, 'id'>) => {
    for (let k = 0; k < (n ?? 0); k++) pods.push({ id: pods.length, ...p });
  };
  const restarts = i.restartCounts ?? [];
  if (i.podPhase) restarts.forEach((r) => pods.push({ id: pods.length, phase: i.podPhase!, ready: false, deleted: false, restarts: r }));
  for (let k = 0; k < (i.activePods ?? 0); k++) pods.push({ id: pods.length, phase: 'Running', ready: k < (i.readyPods ?? 0), deleted: false, restarts: 0 });
  add(i.pendingPods, { phase: 'Pending', ready: false, deleted: false, restarts: 0 });
  add(i.succeededPods, { phase: 'Succeeded', ready: false, deleted: false, restarts: 0 });
  add(i.failedPods, { phase: 'Failed', ready: false, deleted: false, restarts: 0 });
  add(i.terminatingPods, { phase: 'Running', ready: false, deleted: true, restarts: 0 });
  const policy = i.podReplacementPolicy ?? 'TerminatingOrFailed';
  const spec: JobSpecView = {
    completions: i.completions < 0 ? null : i.completions,
    parallelism: i.parallelism,
    backoffLimit: i.backoffLimit,
    indexed: i.completionMode === 'Indexed',
    activeDeadlineSeconds: i.activeDeadlineSeconds ?? null,
    suspend: i.suspend ?? false,
    onFailure: i.restartCounts !== undefined,
    onlyReplaceFailed: gates && policy === 'Failed',
    trackTerminating: gates,
    reportTerminating: gates,
    delayTerminal: gates,
    backoffInitialMs: 10_000,
    backoffMaxMs: 600_000,
  };
  const isFailed = (p: FakePod) => p.phase === 'Failed' || (!spec.onlyReplaceFailed && p.deleted && p.phase !== 'Succeeded');
  const finished = (p: FakePod): FinishedPod<FakePod> => ({ pod: p, index: -1, finishedAt: LONG_AGO, countFailed: true, failJob: null });
  const active = pods.filter((p) => !p.deleted && (p.phase === 'Running' || p.phase === 'Pending'));
  const view = (p: FakePod): ActiveJobPod<FakePod> => ({
    pod: p, index: -1, seq: p.id, assigned: p.phase === 'Running', phase: p.phase, ready: p.ready, deletionCost: 0,
    readySince: p.ready ? LONG_AGO : null, restarts: p.restarts, created: LONG_AGO + p.id, uid: String(p.id).padStart(4, '0'),
  });
  const rec = i.backoffRecord;
  const status = {
    ...NEW_JOB_STATUS,
    startTime: i.startedSecondsAgo === undefined ? null : NOW - i.startedSecondsAgo * 1000,
  };
  return syncJob({
    spec,
    status,
    now: NOW,
    backoff: rec ? { failuresAfterLastSuccess: rec.failuresAfterLastSuccess, lastFailureTime: rec.failuresAfterLastSuccess ? NOW - (rec.lastFailureAgoSeconds ?? 0) * 1000 : null } : null,
    createLimit: i.podCreateLimit,
    pods: {
      active: active.length,
      ready: active.filter((p) => p.ready).length,
      terminating: gates ? pods.filter((p) => p.deleted && p.phase !== 'Succeeded' && p.phase !== 'Failed').length : 0,
      liveRestarts: pods.filter((p) => p.phase === 'Running' || p.phase === 'Pending').reduce((a, p) => a + p.restarts, 0),
      newSucceeded: pods.filter((p) => p.phase === 'Succeeded').map(finished),
      newFailed: pods.filter(isFailed).map(finished),
      otherTracked: () => pods.filter((p) => p.phase !== 'Succeeded' && !isFailed(p)).map(finished),
      activePods: () => active.map(view),
      terminatingIndexes: () => pods.filter((p) => p.deleted).map(() => -1),
    },
  });
}

const condition = (c: JobCondition) => (c.reason ? `${c.type}/${c.reason}` : c.type);

describe('Job.syncJob (job_controller_test.go TestControllerSyncJob)', () => {
  type E = {
    creations?: number;
    deletions?: number;
    active?: number;
    ready?: number;
    succeeded?: number;
    failed?: number;
    terminating?: number;
    conditions?: string[];
    createdIndexes?: number[];
  };
  it.each(cases<PodsIn, E>('Job.syncJob').map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = runSync(c.input, (c.featureGated ?? []).length > 0);
    const { note: _note, ...e } = c.expected as E & { note?: string };
    const got: E = {
      creations: r.creations,
      deletions: r.deletions.length,
      active: r.status.active,
      succeeded: r.status.succeeded,
      failed: r.status.failed,
      ...(e.ready !== undefined ? { ready: r.status.ready } : {}),
      ...(e.terminating !== undefined ? { terminating: r.status.terminating } : {}),
      // "Failed: BackoffLimitExceeded, 'Job has reached …'": type, reason and message.
      ...(e.conditions ? { conditions: r.status.conditions.map((x) => (x.message && e.conditions!.some((s) => s.includes(':')) ? `${x.type}: ${x.reason}, '${x.message}'` : condition(x))) } : {}),
      ...(e.createdIndexes ? { createdIndexes: [...r.createdIndexes] } : {}),
    };
    expect(got).toEqual({ creations: 0, deletions: 0, active: 0, succeeded: 0, failed: 0, ...e });
  });

  it('re-queues after the remaining back-off when it may not create yet ("too few active pods and active back-off")', () => {
    const r = runSync({ parallelism: 1, completions: 1, backoffLimit: 6, activePods: 0, backoffRecord: { failuresAfterLastSuccess: 1, lastFailureAgoSeconds: 0 } }, false);
    expect([r.creations, r.requeueAt! - NOW]).toEqual([0, 10_000]);
  });

  it('keeps the active count while it waits out a back-off (kubernetes#139457: it reported 0)', () => {
    const r = runSync({ parallelism: 2, completions: 5, backoffLimit: 6, activePods: 1, readyPods: 1, backoffRecord: { failuresAfterLastSuccess: 1, lastFailureAgoSeconds: 3 } }, false);
    expect([r.creations, r.status.active, r.status.ready, r.requeueAt! - NOW]).toEqual([0, 1, 1, 7_000]);
  });
});

describe('Job.pastBackoffLimitOnFailure (TestJobBackoffForOnFailure)', () => {
  type E = { active: number; succeeded: number; failed: number; conditions: string[] };
  it.each(cases<PodsIn, E>('Job.pastBackoffLimitOnFailure').map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = runSync(c.input, (c.featureGated ?? []).length > 0);
    expect({ active: r.status.active, succeeded: r.status.succeeded, failed: r.status.failed, conditions: r.status.conditions.map(condition) }).toEqual(c.expected);
  });
});

describe('Job.restartPolicyNever (TestJobBackoffOnRestartPolicyNever), default gates', () => {
  type E = { active: number; succeeded: number; failed: number; conditions: string[] };
  it.each(cases<PodsIn, E>('Job.restartPolicyNever').map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = runSync({ ...c.input, activePods: c.input.activePods }, true);
    // The sync's own creations are active pods of the status too.
    expect({ active: r.status.active, succeeded: r.status.succeeded, failed: r.status.failed, conditions: r.status.conditions.map(condition) }).toEqual(c.expected);
  });
});

describe('Job.pastActiveDeadline (TestSyncJobPastDeadline)', () => {
  type E = { deletions: number; active: number; succeeded: number; failed: number; condition: string };
  it.each(cases<PodsIn, E>('Job.pastActiveDeadline').map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = runSync(c.input, false);
    expect({ deletions: r.deletions.length, active: r.status.active, succeeded: r.status.succeeded, failed: r.status.failed, condition: r.status.conditions.map(condition).join(';') }).toEqual(c.expected);
  });
});
