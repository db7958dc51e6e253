// Replays Kubernetes' own unit-test tables for the deployment controller's pure helpers
// (pkg/controller/deployment/util/deployment_util_test.go, rolling_test.go, sync_test.go),
// transcribed in test/fixtures/vectors-rollout-deployment.json.
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-rollout-deployment.json' with { type: 'json' };
import {
  deploymentComplete,
  deploymentProgressing,
  getReplicaSetFraction,
  maxUnavailable,
  minAvailable,
  newRSNewReplicas,
  resolveFenceposts,
  type DeploymentLike,
} from '../../../../src/sim/controllers/deployment/util.js';

import { testRS } from '../../../helpers/scenario.js';

type Any = any; // the JSON tables are heterogeneous; each block reads the fields its test uses

const rs = testRS;

describe('ResolveFenceposts (TestResolveFenceposts)', () => {
  it.each((vectors.ResolveFenceposts.cases as Any[]).map((c) => [c.name, c] as const))('%s', (_n, c: Any) => {
    const run = () => resolveFenceposts(c.input.maxSurge, c.input.maxUnavailable, c.input.desired);
    if (c.expected.error) expect(run).toThrow();
    else expect(run()).toEqual({ surge: c.expected.surge, unavailable: c.expected.unavailable });
  });
});

describe('MaxUnavailable / MinAvailable', () => {
  const d = (i: Any): DeploymentLike => ({ replicas: i.replicas, strategy: i.strategy, maxSurge: i.maxSurge, maxUnavailable: i.maxUnavailable });
  it.each((vectors.MaxUnavailable.cases as Any[]).map((c) => [c.name, c] as const))('MaxUnavailable: %s', (_n, c: Any) => {
    expect(maxUnavailable(d(c.input))).toBe(c.expected);
  });
  it.each((vectors.MinAvailable.cases as Any[]).map((c) => [c.name, c] as const))('MinAvailable: %s', (_n, c: Any) => {
    expect(minAvailable(d(c.input))).toBe(c.expected);
  });
});

describe('NewRSNewReplicas (TestNewRSNewReplicas)', () => {
  it.each((vectors.NewRSNewReplicas.cases as Any[]).map((c) => [c.name, c] as const))('%s', (_n, c: Any) => {
    const i = c.input;
    const d: DeploymentLike = { replicas: i.deploymentReplicas, strategy: i.strategy, maxSurge: i.maxSurge, maxUnavailable: i.maxUnavailable };
    // Harness quirk kept from upstream: allRSs holds only the other RS, not the new one.
    const all = (i.allRSsSpecs as number[]).map((s, k) => rs(`rs${k}`, s));
    expect(newRSNewReplicas(d, all, rs('new', i.newRSSpec))).toBe(c.expected.newRSReplicas);
  });
});

describe('getReplicaSetFraction (TestGetReplicaSetFraction)', () => {
  it.each((vectors.getReplicaSetFraction.cases as Any[]).map((c) => [c.name, c] as const))('%s', (_n, c: Any) => {
    const i = c.input;
    const d: DeploymentLike = { replicas: i.deploymentReplicas, strategy: 'RollingUpdate', maxSurge: i.maxSurge, maxUnavailable: i.maxUnavailable };
    const r = { ...rs('rs', i.rsSpec), maxReplicasAnnotation: i.maxReplicasAnnotation === null ? null : Number(i.maxReplicasAnnotation) };
    expect(getReplicaSetFraction(r, d, i.deploymentStatusReplicas)).toBe(c.expected.fraction);
  });
});

describe('DeploymentComplete / DeploymentProgressing', () => {
  it.each((vectors.DeploymentComplete.cases as Any[]).map((c) => [c.name, c] as const))('complete: %s', (_n, c: Any) => {
    const i = c.input;
    const status = { replicas: i.statusReplicas, updatedReplicas: i.updatedReplicas, readyReplicas: 0, availableReplicas: i.availableReplicas };
    expect(deploymentComplete(i.replicas, status) && i.observedGeneration >= i.generation).toBe(c.expected.complete);
  });
  it.each((vectors.DeploymentProgressing.cases as Any[]).map((c) => [c.name, c] as const))('progressing: %s', (_n, c: Any) => {
    expect(deploymentProgressing(c.input.oldStatus, c.input.newStatus)).toBe(c.expected.progressing);
  });
});
