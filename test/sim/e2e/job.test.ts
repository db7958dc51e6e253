// End-to-end Jobs, each row derived by hand from the controller rules (k8s-workloads.md §3;
// job_controller.go syncJob / manageJob, backoff_utils.go) and the kubelet's (restartPolicy,
// CrashLoopBackOff 10 s doubling), never copied from a run. Columns (§0.1): desired = manageJob's
// wantActive (0 once the outcome is decided), replicas = updated = status.active (not terminal,
// not being deleted), ready = available = status.ready; succeeded / failed = status counts.
// No readiness probe: a pod is Ready once its container runs (start_seconds after binding).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InventoryPod, Job } from '../../../src/model/types.js';
import type { SimResult } from '../../../src/sim/result.js';
import { Simulation } from '../../../src/sim/simulation.js';
import { job, node, scenario, type ScenarioSpec } from '../../helpers/scenario.js';

const cols = ['desired', 'replicas', 'updated', 'ready', 'available', 'unavailable', 'pending', 'terminating', 'succeeded', 'failed'] as const;
type Row = Record<(typeof cols)[number], number>;
const row = (...v: number[]): Row => Object.fromEntries(cols.map((c, i) => [c, v[i]])) as Row;
function rowsOf(r: SimResult, name: string): Record<number, Row> {
  const w = r.workloads.find((x) => x.name === name)!;
  const out: Record<number, Row> = {};
  for (const s of w.samples) out[s.time / 1000] = Object.fromEntries(cols.map((c) => [c, s[c] ?? NaN])) as Row;
  return out;
}
const at = (r: SimResult, reason: string) => r.events.filter((e) => e.reason === reason).map((e) => e.time / 1000);
const jobEvents = (r: SimResult) => r.events.filter((e) => e.object.startsWith('job/')).map((e) => `${e.time / 1000} ${e.reason}`);

function run(spec: Partial<ScenarioSpec> & { jobs: Job[] }, durationS = 200): { sim: Simulation; r: SimResult } {
  const sim = new Simulation(scenario({ nodes: [node('n0'), node('n1')], deployments: [], durationS, ...spec }));
  sim.run();
  return { sim, r: sim.result() };
}

describe('k8s-workloads.md §3.13: completions 5, parallelism 3, start 5 s, exits 0 after 20 s', () => {
  const { sim, r } = run({ jobs: [job('batch/work', { completions: 5, parallelism: 3 }, { startSeconds: 5, exitAfterSeconds: 20, exitCode: 0 })] }, 100);

  it('runs two waves and completes at 50', () => {
    expect(rowsOf(r, 'work')).toEqual({
      //        desired replicas updated ready avail unavail pending terminating succeeded failed
      // t0: wantActive = min(parallelism 3, completions 5 − 0) = 3 → 3 created, bound at once, starting
      0: row(3, 3, 3, 0, 0, 3, 0, 0, 0, 0),
      // containers run after start_seconds 5 → Ready (no readiness probe)
      5: row(3, 3, 3, 3, 3, 0, 0, 0, 0, 0),
      // 5 + 20: the three exit 0 (OnFailure, code 0: not restarted) → Succeeded; wantActive =
      // min(3, 5 − 3) = 2 → two more created (no failures: no back-off)
      25: row(2, 2, 2, 0, 0, 2, 0, 0, 3, 0),
      30: row(2, 2, 2, 2, 2, 0, 0, 0, 3, 0),
      // 30 + 20: succeeded 5 ≥ completions, none active → SuccessCriteriaMet, then Complete (nothing terminating)
      50: row(0, 0, 0, 0, 0, 0, 0, 0, 5, 0),
      100: row(0, 0, 0, 0, 0, 0, 0, 0, 5, 0),
    });
  });

  it('creates pods at 0, 0, 0, 25, 25 and records Completed at 50 (the Job\'s vector)', () => {
    expect(at(r, 'SuccessfulCreate')).toEqual([0, 0, 0, 25, 25]);
    expect(jobEvents(r).filter((e) => !e.endsWith('SuccessfulCreate'))).toEqual(['50 Completed']);
    const j = sim.cluster.jobs[0];
    expect(j.status.conditions.map((c) => `${c.type}@${c.at / 1000}`)).toEqual(['SuccessCriteriaMet@50', 'Complete@50']);
    expect(j.status.completionTime).toBe(50_000);
    expect(r.workloads[0].job).toMatchObject({ condition: 'Complete', conditionAt: 50_000, reason: '' });
  });
});

describe('restartPolicy Never, exits 1 after 10 s: completions 2, parallelism 2, backoffLimit 3 (§3.13)', () => {
  const { r } = run({ jobs: [job('batch/work', { completions: 2, parallelism: 2, backoffLimit: 3 }, { restartPolicy: 'Never', exitAfterSeconds: 10, exitCode: 1 })] }, 100);

  it('waits 20 s after two failures, then fails when failed 4 > backoffLimit 3', () => {
    expect(rowsOf(r, 'work')).toEqual({
      //        desired replicas updated ready avail unavail pending terminating succeeded failed
      0: row(2, 2, 2, 2, 2, 0, 0, 0, 0, 0), // start 0: Running and Ready at once
      // both exit 1 at 10: Never → phase Failed; failed 2 ≤ 3; the record has 2 failures after
      // no success, the last at 10 → back-off 10 s × 2 = 20 s: nothing is created until 30
      10: row(2, 0, 0, 0, 0, 2, 0, 0, 0, 2),
      30: row(2, 2, 2, 2, 2, 0, 0, 0, 0, 2), // 20 s since the last failure: 2 new pods
      // both fail at 40: failed 4 > 3 → FailureTarget, nothing active or terminating → Failed
      40: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 4),
      100: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 4),
    });
    expect(at(r, 'SuccessfulCreate')).toEqual([0, 0, 30, 30]);
    expect(jobEvents(r).filter((e) => !e.endsWith('SuccessfulCreate'))).toEqual(['40 BackoffLimitExceeded']);
  });
});

describe('restartPolicy OnFailure, backoffLimit 1, one pod exiting 1 after 10 s (§3.13)', () => {
  const { sim, r } = run({ jobs: [job('batch/work', { completions: 1, parallelism: 1, backoffLimit: 1 }, { exitAfterSeconds: 10, exitCode: 1 })] }, 60);

  it('restarts the container at once at 10 (restartCount 1 ≥ 1) and fails there', () => {
    // The kubelet's first restart has no back-off; pastBackoffLimitOnFailure sums the restarts
    // of Running/Pending pods: 1 ≥ backoffLimit 1 → FailureTarget; the active pod is deleted
    // (kept tracked: counted failed) and, shutdown 0, gone in the same instant → Failed at 10.
    expect(rowsOf(r, 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      10: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
      60: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    });
    expect(at(r, 'SuccessfulCreate')).toEqual([0]);
    expect(r.events.filter((e) => e.reason === 'Started').map((e) => e.time / 1000)).toEqual([0, 10]);
    expect(jobEvents(r).slice(1)).toEqual(['10 SuccessfulDelete', '10 BackoffLimitExceeded']);
    expect(sim.cluster.jobs[0].status.conditions.map((c) => c.type)).toEqual(['FailureTarget', 'Failed']);
  });
});

describe('a Job that exhausts its backoffLimit with the back-off doubling: Never, backoffLimit 3, exits 1 after 10 s', () => {
  const { r } = run({ jobs: [job('batch/work', { completions: 1, parallelism: 1, backoffLimit: 3 }, { restartPolicy: 'Never', exitAfterSeconds: 10, exitCode: 1 })] }, 200);

  it('creates a pod after 10, 20 and 40 s of back-off, then fails at the 4th failure', () => {
    expect(rowsOf(r, 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      10: row(1, 0, 0, 0, 0, 1, 0, 0, 0, 1), // 1st failure: back-off 10 s (until 20)
      20: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
      30: row(1, 0, 0, 0, 0, 1, 0, 0, 0, 2), // 2nd: 20 s (until 50)
      50: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 2),
      60: row(1, 0, 0, 0, 0, 1, 0, 0, 0, 3), // 3rd: 40 s (until 100); 3 ≤ backoffLimit
      100: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 3),
      110: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 4), // 4th: failed 4 > 3 → Failed
      200: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 4),
    });
    expect(at(r, 'SuccessfulCreate')).toEqual([0, 20, 50, 100]);
    expect(at(r, 'BackoffLimitExceeded')).toEqual([110]);
  });
});

describe('restartPolicy Never vs OnFailure, backoffLimit 2, exits 1 after 10 s', () => {
  const spec = (restartPolicy: 'Never' | 'OnFailure') => job('batch/work', { completions: 1, parallelism: 1, backoffLimit: 2 }, { restartPolicy, exitAfterSeconds: 10, exitCode: 1 });
  const never = run({ jobs: [spec('Never')] }, 100).r;
  const onFailure = run({ jobs: [spec('OnFailure')] }, 100).r;

  it('Never: a new pod after each failure (back-off 10 s, 20 s), failed at 60 with three pods', () => {
    // 0 create → 10 fail (1) → 20 create → 30 fail (2) → 50 create → 60 fail (3 > 2) → Failed
    expect(at(never, 'SuccessfulCreate')).toEqual([0, 20, 50]);
    expect(at(never, 'BackoffLimitExceeded')).toEqual([60]);
    expect(rowsOf(never, 'work')[60]).toEqual(row(0, 0, 0, 0, 0, 0, 0, 0, 0, 3));
  });

  it('OnFailure: one pod restarted in place (at once, then after a 10 s CrashLoopBackOff), failed at 30', () => {
    // 10 exit → restart at once (restartCount 1 < 2); 20 exit → BackOff 10 s → 30 restart
    // (restartCount 2 ≥ 2) → FailureTarget, the pod deleted (counted: failed 1), gone → Failed
    expect(at(onFailure, 'SuccessfulCreate')).toEqual([0]);
    expect(onFailure.events.filter((e) => e.reason === 'Started').map((e) => e.time / 1000)).toEqual([0, 10, 30]);
    expect(at(onFailure, 'BackOff')).toEqual([20]);
    expect(at(onFailure, 'BackoffLimitExceeded')).toEqual([30]);
    expect(rowsOf(onFailure, 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      20: row(1, 1, 1, 0, 0, 1, 0, 0, 0, 0), // CrashLoopBackOff: still active, not ready
      30: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
      100: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    });
  });
});

describe('Indexed: completions 4, parallelism 2, exits 0 after 10 s', () => {
  const { sim, r } = run({ jobs: [job('batch/idx', { completions: 4, parallelism: 2, completionMode: 'Indexed' }, { exitAfterSeconds: 10, exitCode: 0 })] }, 60);

  it('creates the lowest pending indexes, names pods <job>-<index>-xxxxx, completes when every index succeeded', () => {
    // 0: firstPendingIndexes → 0, 1; 10: both succeed → completedIndexes 0-1, wantActive 2 → 2, 3; 20: complete
    expect(rowsOf(r, 'idx')).toEqual({
      0: row(2, 2, 2, 2, 2, 0, 0, 0, 0, 0),
      10: row(2, 2, 2, 2, 2, 0, 0, 0, 2, 0),
      20: row(0, 0, 0, 0, 0, 0, 0, 0, 4, 0),
      60: row(0, 0, 0, 0, 0, 0, 0, 0, 4, 0),
    });
    const created = r.events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => `${e.time / 1000} ${e.message.replace(/-[a-z0-9]{5}$/, '-*')}`);
    expect(created).toEqual(['0 Created pod: idx-0-*', '0 Created pod: idx-1-*', '10 Created pod: idx-2-*', '10 Created pod: idx-3-*']);
    expect(sim.cluster.jobs[0].status.completedIndexes).toBe('0-3');
  });
});

describe('activeDeadlineSeconds 30: completions 3, parallelism 1, exits 0 after 20 s', () => {
  const { sim, r } = run({ jobs: [job('batch/work', { completions: 3, parallelism: 1, activeDeadlineSeconds: 30 }, { exitAfterSeconds: 20, exitCode: 0 })] }, 60);

  it('fails at startTime + 30 with DeadlineExceeded, deleting the running pod (counted failed)', () => {
    // 0: start, pod 1; 20: succeeded 1, pod 2; 30 (re-queued at the deadline): now − startTime ≥
    // 30 → FailureTarget DeadlineExceeded, pod 2 deleted → gone at once (shutdown 0) → Failed.
    expect(rowsOf(r, 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      20: row(1, 1, 1, 1, 1, 0, 0, 0, 1, 0),
      30: row(0, 0, 0, 0, 0, 0, 0, 0, 1, 1),
      60: row(0, 0, 0, 0, 0, 0, 0, 0, 1, 1),
    });
    expect(jobEvents(r).filter((e) => !e.endsWith('SuccessfulCreate'))).toEqual(['30 SuccessfulDelete', '30 DeadlineExceeded']);
    expect(sim.cluster.jobs[0].status.conditions.map((c) => `${c.type}/${c.reason}`)).toEqual(['FailureTarget/DeadlineExceeded', 'Failed/DeadlineExceeded']);
  });
});

/** The Job's one pod, Running and Ready on n0 when the run starts. */
function placedPod(j: Job): InventoryPod {
  return { namespace: j.namespace, name: `${j.name}-abcde`, workload: `${j.namespace}/${j.name}`, workloadKind: 'Job', ownerKind: 'Job', node: 'n0', phase: 'Running', ready: true, spec: null, memoryUsage: null };
}

describe('a drain of the node a Job pod runs on (shutdown 20 s), per podReplacementPolicy', () => {
  const base = (podReplacementPolicy: 'TerminatingOrFailed' | 'Failed') => {
    const j = job('batch/work', { podReplacementPolicy }, { shutdownSeconds: 20 });
    return run({ jobs: [j], pods: [placedPod(j)], events: [{ at: 60, action: { kind: 'drain', node: 'n0' } }] }, 120).r;
  };

  it('TerminatingOrFailed: the evicted pod counts failed at once; its replacement comes 10 s later, beside it', () => {
    // 60: Eviction API (no PDB) → deleted with DisruptionTarget → isPodFailed (deleted, not
    // Succeeded): failed 1; its finish time = deletionTimestamp − grace = 60 (Ready still True)
    // → back-off 10 s → 70: a new pod on n1 (n0 cordoned) while the old one still shuts down;
    // 80: the old one gone.
    expect(rowsOf(base('TerminatingOrFailed'), 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      60: row(1, 0, 0, 0, 0, 1, 0, 1, 0, 1),
      70: row(1, 1, 1, 1, 1, 0, 0, 1, 0, 1),
      80: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
      120: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
    });
  });

  it('Failed: the replacement waits until the old pod is gone (80), then the 10 s back-off from then', () => {
    // 60: deleted but not failed yet; diff = wantActive 1 − terminating 1 − active 0 = 0;
    // 80: gone (terminal) → failed 1, finished at 80 → back-off until 90 → new pod on n1.
    expect(rowsOf(base('Failed'), 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      60: row(1, 0, 0, 0, 0, 1, 0, 1, 0, 0),
      80: row(1, 0, 0, 0, 0, 1, 0, 0, 0, 1),
      90: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
      120: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
    });
  });

  it('a PodDisruptionBudget with a percentage over Job pods blocks the drain (no scale subresource: fail-safe)', () => {
    const j = job('batch/work', {}, { shutdownSeconds: 20 });
    const { r } = run({
      jobs: [j],
      pods: [placedPod(j)],
      pdbs: [{ namespace: 'batch', name: 'work', selector: { app: 'work' }, minAvailable: '50%', maxUnavailable: null }],
      events: [{ at: 60, action: { kind: 'drain', node: 'n0' } }],
    }, 120);
    expect(at(r, 'EvictionBlocked')).toEqual([60]);
    expect(rowsOf(r, 'work')).toEqual({ 0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0), 120: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0) });
  });

  it('a podFailurePolicy Ignore on DisruptionTarget: the eviction does not count, the back-off still applies', () => {
    // A pod failure policy makes only failed pods replaced: at 80 (gone) the pod is failed,
    // matches Ignore (DisruptionTarget True) → not counted; newBackoffRecord still takes it
    // (upstream passes every new failed pod) → replacement at 90.
    const j = job('batch/work', { podReplacementPolicy: 'Failed', podFailurePolicy: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }, { restartPolicy: 'Never', shutdownSeconds: 20 });
    const { r } = run({ jobs: [j], pods: [placedPod(j)], events: [{ at: 60, action: { kind: 'drain', node: 'n0' } }] }, 120);
    expect(rowsOf(r, 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      60: row(1, 0, 0, 0, 0, 1, 0, 1, 0, 0),
      80: row(1, 0, 0, 0, 0, 1, 0, 0, 0, 0),
      90: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      120: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
    });
  });
});

describe('a podFailurePolicy FailJob rule on exit code 42', () => {
  it('fails the Job at the first matching failure, whatever the backoffLimit', () => {
    // completions 2, parallelism 2, backoffLimit 6: both pods exit 42 at 10 → isPodFailed;
    // getFailJobMessage matches rule 0 → FailureTarget (PodFailurePolicy), nothing active or
    // terminating → Failed at 10 with the rule's message; both failures counted.
    const j = job('batch/work', { completions: 2, parallelism: 2, podReplacementPolicy: 'Failed', podFailurePolicy: [{ action: 'FailJob', onExitCodes: { containerName: null, operator: 'In', values: [42] } }] }, { restartPolicy: 'Never', exitAfterSeconds: 10, exitCode: 42 });
    const { sim, r } = run({ jobs: [j] }, 60);
    expect(rowsOf(r, 'work')).toEqual({
      0: row(2, 2, 2, 2, 2, 0, 0, 0, 0, 0),
      10: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 2),
      60: row(0, 0, 0, 0, 0, 0, 0, 0, 0, 2),
    });
    const failed = sim.cluster.jobs[0].status.conditions.find((c) => c.type === 'Failed')!;
    expect([failed.reason, failed.at]).toEqual(['PodFailurePolicy', 10_000]);
    expect(failed.message).toMatch(/^Container app for pod batch\/work-[a-z0-9]{5} failed with exit code 42 matching FailJob rule at index 0$/);
    expect(at(r, 'PodFailurePolicy')).toEqual([10]);
  });
});

describe('node failure under a Job pod (unreachable at 100, node-monitor-grace-period 40 s)', () => {
  const base = (podReplacementPolicy: 'TerminatingOrFailed' | 'Failed') => {
    const j = job('batch/work', { podReplacementPolicy });
    return run({ jobs: [j], pods: [placedPod(j)], cluster: { nodeMonitorGracePeriodMs: 40_000 }, events: [{ at: 100, action: { kind: 'nodeFailure', node: 'n0', mode: 'unreachable' } }] }, 600);
  };

  it('TerminatingOrFailed: deleted by the taint manager 300 s after the unreachable taint, counted failed, replaced 10 s later', () => {
    // Last lease renewal 100 → Ready=Unknown on the first monitor pass after 140 (145), its
    // pods marked Ready=False; the unreachable NoExecute taint on the pass that observes it
    // (150); the pod tolerates it 300 s (admission default) → deleted at 450 (the dead kubelet
    // never stops it: Terminating for good) → isPodFailed: failed 1; its finish time is the
    // Ready=False transition (145: getFinishedTime's second rule), 305 s back → no back-off left
    // → a new pod on n1 at once.
    const { r } = base('TerminatingOrFailed');
    expect(at(r, 'TaintManagerEviction')).toEqual([450]);
    expect(rowsOf(r, 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      145: row(1, 1, 1, 0, 0, 1, 0, 0, 0, 0),
      450: row(1, 1, 1, 1, 1, 0, 0, 1, 0, 1),
      600: row(1, 1, 1, 1, 1, 0, 0, 1, 0, 1),
    });
  });

  it('Failed: the pod never turns terminal on the dead node, so nothing replaces it', () => {
    const { r } = base('Failed');
    expect(rowsOf(r, 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      145: row(1, 1, 1, 0, 0, 1, 0, 0, 0, 0),
      450: row(1, 0, 0, 0, 0, 1, 0, 1, 0, 0),
      600: row(1, 0, 0, 0, 0, 1, 0, 1, 0, 0),
    });
  });
});

describe('scale on a Job sets its parallelism', () => {
  it('completions 4, parallelism 1 → 3 at 5 s: wantActive min(3, 4 − 0) = 3', () => {
    const j = job('batch/work', { completions: 4, parallelism: 1 }, { exitAfterSeconds: 10, exitCode: 0 });
    const { r } = run({ jobs: [j], events: [{ at: 5, action: { kind: 'scale', workload: 'batch/work', replicas: 3 } }] }, 60);
    // 0: one pod; 5: parallelism 3 → two more; 10: the first succeeds → wantActive min(3, 3) = 3,
    // 2 active → one more; 15: two succeed (3) → wantActive 1, active 1; 20: the last → Complete.
    expect(rowsOf(r, 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      5: row(3, 3, 3, 3, 3, 0, 0, 0, 0, 0),
      10: row(3, 3, 3, 3, 3, 0, 0, 0, 1, 0),
      15: row(1, 1, 1, 1, 1, 0, 0, 0, 3, 0),
      20: row(0, 0, 0, 0, 0, 0, 0, 0, 4, 0),
      60: row(0, 0, 0, 0, 0, 0, 0, 0, 4, 0),
    });
  });
});

describe('Job.timeline (vectors-workloads.json, derived from manageJob and backoff_utils.go) replayed on the simulation', () => {
  const vectors = JSON.parse(readFileSync(new URL('../../fixtures/vectors-workloads.json', import.meta.url), 'utf8'));
  type I = { completions: number; parallelism: number; backoffLimit?: number; restartPolicy?: 'Never' | 'OnFailure'; startSeconds: number; exitAfterSeconds: number; exitCode: number };
  type E = {
    podsCreatedAt?: number[];
    desired?: Record<string, number>;
    completeAt?: number;
    failedAt?: Record<string, number>;
    backoffLimitExceededAt?: number;
    containerRestartsAt?: number[];
    podsCreated?: number;
  };
  const cases: { name: string; input: I; expected: E }[] = vectors['Job.timeline'].cases;
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, { input: i, expected: e }) => {
    const j = job('batch/work', { completions: i.completions, parallelism: i.parallelism, backoffLimit: i.backoffLimit ?? 6 }, {
      restartPolicy: i.restartPolicy ?? 'OnFailure',
      startSeconds: i.startSeconds,
      exitAfterSeconds: i.exitAfterSeconds,
      exitCode: i.exitCode,
    });
    const { r } = run({ jobs: [j] }, 200);
    const rows = rowsOf(r, 'work');
    const got: E = {};
    if (e.podsCreatedAt) got.podsCreatedAt = at(r, 'SuccessfulCreate');
    if (e.desired) got.desired = Object.fromEntries(Object.keys(e.desired).map((t) => [t, rows[Number(t)].desired]));
    if (e.completeAt !== undefined) got.completeAt = at(r, 'Completed')[0];
    if (e.failedAt) got.failedAt = Object.fromEntries(Object.keys(e.failedAt).map((t) => [t, rows[Number(t)].failed]));
    if (e.backoffLimitExceededAt !== undefined) got.backoffLimitExceededAt = at(r, 'BackoffLimitExceeded')[0];
    // The first Started is the container's start; each later one a restart in place.
    if (e.containerRestartsAt) got.containerRestartsAt = at(r, 'Started').slice(1);
    if (e.podsCreated !== undefined) got.podsCreated = at(r, 'SuccessfulCreate').length;
    expect(got).toEqual(e);
  });
});

describe('the pod-failure back-off cap by version: 10 min from 1.28 (the back-off record), 360 s before', () => {
  // Never, backoffLimit 10, each pod exits 1 one second after it starts (start 0). Failures at
  // 1, 12, 33, 74, 155, 316, 637 (each 1 s after its pod), the waits between doubling from 10 s:
  // 10, 20, 40, 80, 160, 320; after the 7th failure 10 s × 2^6 = 640 s, capped.
  const j = job('batch/work', { completions: 1, parallelism: 1, backoffLimit: 10 }, { restartPolicy: 'Never', exitAfterSeconds: 1, exitCode: 1 });
  const created = (version: string) => at(run({ jobs: [j], cluster: { version } }, 1500).r, 'SuccessfulCreate');
  it('1.34: 600 s after the 7th failure (637 + 600 = 1237)', () => {
    expect(created('1.34')).toEqual([0, 11, 32, 73, 154, 315, 636, 1237]);
  });
  it('1.27: 360 s (637 + 360 = 997), then 360 s again', () => {
    expect(created('1.27')).toEqual([0, 11, 32, 73, 154, 315, 636, 997, 1358]);
  });
});

describe('Kubernetes 1.28: podReplacementPolicy and delayed conditions are not there yet (JobPodReplacementPolicy from 1.29)', () => {
  it('a drained pod of a Job asking for Failed is replaced 10 s after the eviction, as TerminatingOrFailed', () => {
    // The gate is off: the field is ignored, the evicted pod counts failed at 60 and its
    // replacement comes at 70 while the old one still shuts down (gone at 80).
    const j = job('batch/work', { podReplacementPolicy: 'Failed' }, { shutdownSeconds: 20 });
    const { r } = run({ jobs: [j], pods: [placedPod(j)], cluster: { version: '1.28' }, events: [{ at: 60, action: { kind: 'drain', node: 'n0' } }] }, 120);
    expect(rowsOf(r, 'work')).toEqual({
      0: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 0),
      60: row(1, 0, 0, 0, 0, 1, 0, 1, 0, 1),
      70: row(1, 1, 1, 1, 1, 0, 0, 1, 0, 1),
      80: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
      120: row(1, 1, 1, 1, 1, 0, 0, 0, 0, 1),
    });
  });

  it('Failed is set at once with the active pods still terminating (no FailureTarget)', () => {
    // OnFailure backoffLimit 1, shutdown 20 s: the restart at 10 fails the Job; the deleted pod
    // terminates until 30, but 1.28 writes Failed at 10.
    const j = job('batch/work', { backoffLimit: 1 }, { exitAfterSeconds: 10, exitCode: 1, shutdownSeconds: 20 });
    const { sim, r } = run({ jobs: [j], cluster: { version: '1.28' } }, 60);
    expect(sim.cluster.jobs[0].status.conditions.map((c) => `${c.type}@${c.at / 1000}`)).toEqual(['Failed@10']);
    expect(rowsOf(r, 'work')[10]).toEqual(row(0, 0, 0, 0, 0, 0, 0, 1, 0, 1));
  });
});
