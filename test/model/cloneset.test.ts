// OpenKruise CloneSet rules replayed on Kruise's own unit-test tables (test/fixtures/kruise/, with
// provenance), plus the webhook's validation (validateUpdateStrategy) case by case.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canUpdateInPlace, checkCloneSetSpec, CLONESET_DEFAULTS } from '../../src/model/cloneset.js';
import { calculateDiffsWithExpectation, limitUpdates } from '../../src/model/cloneset-sync.js';
import { template } from '../helpers/scenario.js';

const diffs = JSON.parse(readFileSync(new URL('../fixtures/kruise/calculate-diffs.json', import.meta.url), 'utf8')) as {
  cases: {
    name: string;
    replicas: number;
    partition: number | string;
    maxUnavailable: number | string;
    maxSurge: number | string;
    scaleMaxUnavailable: number | string | null;
    paused: boolean;
    excludePreparingDelete: boolean;
    revisionConsistent: boolean;
    partitionRollback: boolean;
    pods: { updated: boolean; lifecycle: string; ready: boolean; specifiedDelete: boolean }[];
    expect: Record<string, number>;
  }[];
};

const ZERO = {
  scaleUpNum: 0, scaleUpNumOldRevision: 0, scaleDownNum: 0, scaleDownNumOldRevision: 0, scaleUpLimit: 0,
  deleteReadyLimit: 0, useSurge: 0, useSurgeOldRevision: 0, updateNum: 0, updateMaxUnavailable: 0,
};

describe('calculateDiffsWithExpectation (TestCalculateDiffsWithExpectation)', () => {
  it('has the upstream cases', () => expect(diffs.cases.length).toBeGreaterThan(70));
  it.each(diffs.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = calculateDiffsWithExpectation({
      ...c,
      // createTestPod: ready = Running with Ready True; IsPodAvailable with minReadySeconds 0.
      pods: c.pods.map((p) => ({ updated: p.updated, lifecycle: p.lifecycle, available: p.ready, specifiedDelete: p.specifiedDelete })),
    });
    expect(got).toEqual({ ...ZERO, ...c.expect });
  });
});

const spec = JSON.parse(readFileSync(new URL('../fixtures/kruise/in-place-spec.json', import.meta.url), 'utf8')) as {
  cases: { name: string; image: boolean; resources: boolean; other: boolean; inPlace: boolean }[];
};

describe('canUpdateInPlace (TestDefaultCalculateInPlaceUpdateSpec, vertical scaling off)', () => {
  const base = template({ image: 'nginx:stable-alpine22', cpu: 1000, startSeconds: 2 });
  it.each(spec.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let next = { ...base };
    if (c.image) next = { ...next, image: 'nginx:stable-alpine23' };
    if (c.resources) next = { ...next, containers: [{ ...base.containers[0], requests: { ...base.containers[0].requests, cpu: 2000 } }] };
    if (c.other) next = { ...next, startSeconds: 7 };
    expect(canUpdateInPlace(base, next)).toBe(c.inPlace);
  });
  it('metadata (labels) changes stay in place; a probe change does not', () => {
    expect(canUpdateInPlace(base, { ...base, labels: { ...base.labels, tier: 'x' } })).toBe(true);
    expect(canUpdateInPlace(base, { ...base, readinessProbe: { periodSeconds: 5, initialDelaySeconds: 0, successThreshold: 1, failureThreshold: 3 } })).toBe(false);
  });
  it('compares by value: an equal copy of the containers is no change', () => {
    expect(canUpdateInPlace(base, { ...base, containers: structuredClone(base.containers), image: 'x:2' })).toBe(true);
  });
});

describe('limitUpdateIndexes', () => {
  // updateNum 3, updateMaxUnavailable 1 (maxUnavailable 1, no surge): one available pod at a time.
  it('updates one available pod when none is unavailable', () => {
    const all = [0, 1, 2].map(() => ({ available: true, atTarget: false }));
    expect(limitUpdates({ updateNum: 3, updateMaxUnavailable: 1 }, all, all)).toBe(1);
  });
  it('updating a pod that is unavailable already costs nothing, but the target revision must stay within the limit', () => {
    const all = [{ available: false, atTarget: false }, { available: true, atTarget: false }, { available: true, atTarget: false }];
    // The unavailable old pod is updated (unavailable stays 1); then the limit is reached.
    expect(limitUpdates({ updateNum: 3, updateMaxUnavailable: 1 }, all, all)).toBe(1);
    expect(limitUpdates({ updateNum: 3, updateMaxUnavailable: 2 }, all, all)).toBe(2);
  });
  it('an unavailable pod of the target revision holds the others back', () => {
    const all = [{ available: false, atTarget: true }, { available: true, atTarget: false }];
    expect(limitUpdates({ updateNum: 1, updateMaxUnavailable: 1 }, [all[1]], all)).toBe(0);
  });
});

describe('validateUpdateStrategy (Kruise webhook) and defaults', () => {
  it('defaults as SetDefaultsCloneSet', () => {
    const c = checkCloneSetSpec({});
    expect(c.ok && c.spec).toMatchObject({ updateStrategy: 'ReCreate', partition: 0, maxUnavailable: '20%', maxSurge: 0, paused: false });
    expect(CLONESET_DEFAULTS.maxUnavailable).toBe('20%');
  });
  it.each([
    [{ updateStrategy: 'RollingUpdate' as never }, 'updateStrategy', "must be 'ReCreate', 'InPlaceIfPossible' or 'InPlaceOnly'"],
    [{ partition: -1 }, 'partition', 'must be greater than or equal to 0'],
    [{ partition: 'half' }, 'partition', 'is not an integer or a percentage'],
    [{ maxSurge: 1, updateStrategy: 'InPlaceOnly' as const }, 'maxSurge', 'can not use maxSurge with strategy type InPlaceOnly'],
    [{ maxUnavailable: 0, maxSurge: 0 }, 'maxUnavailable', 'maxUnavailable and maxSurge should not both be less than 1'],
    [{ replicas: -1 }, 'replicas', 'must be a whole number ≥ 0'],
    [{ restartPolicy: 'Never' as const }, 'restartPolicy', 'a CloneSet accepts only restartPolicy Always'],
  ])('refuses %j', (input, field, detail) => {
    const c = checkCloneSetSpec(input);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.field).toBe(field);
      expect(c.detail).toContain(detail);
    }
  });
  it('accepts maxUnavailable 0 with a surge, and no limit at 0 replicas', () => {
    expect(checkCloneSetSpec({ maxUnavailable: 0, maxSurge: 1 }).ok).toBe(true);
    expect(checkCloneSetSpec({ replicas: 0, maxUnavailable: 0 }).ok).toBe(true);
    // A partition above replicas is valid (nothing is updated).
    expect(checkCloneSetSpec({ replicas: 3, partition: 5 }).ok).toBe(true);
  });
});
