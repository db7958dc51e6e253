// The Job controller's smaller rules, cases worked out from the upstream functions:
// indexed_job_utils.go (withOrderedIndexes, String, succeededIndexesFromString, has,
// firstPendingIndexes), activePodsForRemoval (duplicated / out-of-range indexes first, then
// controller.ActivePods order) and pod_failure_policy.go matchPodFailurePolicy.
import { describe, expect, it } from 'vitest';
import { firstPendingIndexes, formatIntervals, hasIndex, parseIntervals, totalIndexes, withOrderedIndexes } from '../../../../src/sim/controllers/job/indexes.js';
import { matchPodFailurePolicy, type FailedPodView } from '../../../../src/sim/controllers/job/pod-failure-policy.js';
import { type ActiveJobPod, activePodsForRemoval } from '../../../../src/sim/controllers/job/sync-job.js';
import type { PodFailurePolicyRule } from '../../../../src/model/types.js';

describe('completion indexes', () => {
  it('merges new indexes into ordered intervals and prints them as status.completedIndexes', () => {
    const a = withOrderedIndexes([], [0, 1, 2, 4]);
    expect(a).toEqual([{ first: 0, last: 2 }, { first: 4, last: 4 }]);
    expect(formatIntervals(a)).toBe('0-2,4');
    // two neighbours are written "5,6"; 3 joins 0-2 and 4
    expect(formatIntervals(withOrderedIndexes(a, [3, 5, 6]))).toBe('0-6');
    expect(formatIntervals(withOrderedIndexes([{ first: 0, last: 0 }], [5, 6]))).toBe('0,5,6');
    expect(totalIndexes(withOrderedIndexes(a, [9]))).toBe(5);
    expect([hasIndex(a, 2), hasIndex(a, 3), hasIndex(a, 4), hasIndex(a, 5)]).toEqual([true, false, true, false]);
  });

  it('parses completedIndexes, dropping indexes at or above completions and corrupt parts', () => {
    expect(parseIntervals('0-2,4,7-9', 8)).toEqual([{ first: 0, last: 2 }, { first: 4, last: 4 }, { first: 7, last: 7 }]);
    expect(parseIntervals('1,x,3-y,5', 10)).toEqual([{ first: 1, last: 1 }, { first: 5, last: 5 }]);
    expect(parseIntervals('2,3', 10)).toEqual([{ first: 2, last: 3 }]);
    expect(parseIntervals('', 3)).toEqual([]);
  });

  it('firstPendingIndexes: the lowest indexes neither succeeded nor covered by a pod', () => {
    const done = withOrderedIndexes([], [0, 3]);
    expect(firstPendingIndexes(done, [1], 3, 6)).toEqual([2, 4, 5]);
    expect(firstPendingIndexes(done, [1, 2, 4, -1], 5, 6)).toEqual([5]);
    expect(firstPendingIndexes([], [], 0, 6)).toEqual([]);
    expect(firstPendingIndexes([], [], 10, 3)).toEqual([0, 1, 2]);
  });
});

describe('activePodsForRemoval', () => {
  const pod = (seq: number, index: number, over: Partial<ActiveJobPod<number>> = {}): ActiveJobPod<number> => ({
    pod: seq, index, seq, assigned: true, phase: 'Running', ready: true, deletionCost: 0, readySince: 1000, restarts: 0, created: 1000 + seq, uid: String(seq), ...over,
  });

  it('NonIndexed: the first by ActivePods order (unscheduled, Pending, not ready before the others)', () => {
    const pods = [pod(1, -1), pod(2, -1, { assigned: false, phase: 'Pending', ready: false }), pod(3, -1, { ready: false })];
    expect(activePodsForRemoval(pods, 2, false, 0).map((p) => p.pod)).toEqual([2, 3]);
  });

  it('Indexed: pods without an index, out of range or repeating one go first, even with no excess', () => {
    // index 1 twice: the not-ready one goes, the ready one stays; index 9 ≥ completions 4; -1 none
    const pods = [pod(1, 0), pod(2, 1), pod(3, 1, { ready: false }), pod(4, 9), pod(5, -1)];
    expect(activePodsForRemoval(pods, 0, true, 4).map((p) => p.pod)).toEqual([4, 5, 3]);
    // one more is needed: the rest by ActivePods order (the newer of two equal pods first)
    expect(activePodsForRemoval(pods, 4, true, 4).map((p) => p.pod)).toEqual([4, 5, 3, 2]);
  });
});

describe('matchPodFailurePolicy', () => {
  const failed = (over: Partial<FailedPodView> = {}): FailedPodView => ({ namespace: 'batch', name: 'w-1', terminated: [{ name: 'main', exitCode: 42, init: false }], conditions: [{ type: 'Ready', status: 'False' }], ...over });
  const rule = (r: PodFailurePolicyRule) => r;

  it('no policy, or no rule matching: the failure counts', () => {
    expect(matchPodFailurePolicy(null, failed())).toEqual({ failJob: null, countFailed: true });
    expect(matchPodFailurePolicy([rule({ action: 'FailJob', onExitCodes: { containerName: null, operator: 'In', values: [1] } })], failed())).toEqual({ failJob: null, countFailed: true });
  });

  it('FailJob on an exit code names the container, the pod, the code and the rule', () => {
    const rules = [rule({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }), rule({ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } })];
    expect(matchPodFailurePolicy(rules, failed())).toEqual({ failJob: 'Container main for pod batch/w-1 failed with exit code 42 matching FailJob rule at index 1', countFailed: true });
  });

  it('Ignore on DisruptionTarget wins when it comes first; NotIn matches other non-zero codes; exit 0 never matches', () => {
    const disrupted = failed({ conditions: [{ type: 'DisruptionTarget', status: 'True' }] });
    const rules = [rule({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }), rule({ action: 'FailJob', onExitCodes: { containerName: null, operator: 'NotIn', values: [0] } })];
    expect(matchPodFailurePolicy(rules, disrupted)).toEqual({ failJob: null, countFailed: false });
    expect(matchPodFailurePolicy(rules, failed()).failJob).toMatch(/exit code 42 matching FailJob rule at index 1/);
    expect(matchPodFailurePolicy(rules, failed({ terminated: [{ name: 'main', exitCode: 0, init: false }] }))).toEqual({ failJob: null, countFailed: true });
  });

  it('regular containers are looked at before init containers; Count counts', () => {
    const p = failed({ terminated: [{ name: 'init-1', exitCode: 3, init: true }, { name: 'main', exitCode: 5, init: false }] });
    expect(matchPodFailurePolicy([rule({ action: 'FailJob', onExitCodes: { containerName: null, operator: 'In', values: [3, 5] } })], p).failJob).toMatch(/^Container main /);
    expect(matchPodFailurePolicy([rule({ action: 'Count', onExitCodes: { containerName: null, operator: 'In', values: [5] } }), rule({ action: 'Ignore', onExitCodes: { containerName: null, operator: 'In', values: [5] } })], p)).toEqual({ failJob: null, countFailed: true });
    expect(matchPodFailurePolicy([rule({ action: 'FailJob', onPodConditions: [{ type: 'Ready', status: 'False' }] })], p).failJob).toBe('Pod batch/w-1 has condition Ready matching FailJob rule at index 0');
  });
});
