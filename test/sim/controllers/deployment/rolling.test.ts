// Replays rolling_test.go / sync_test.go tables (reconcileNewReplicaSet, reconcileOldReplicaSets,
// cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate, scale) and the §4.6
// walkthrough against the controller's decision functions.
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-rollout-deployment.json' with { type: 'json' };
import {
  cleanupUnhealthyReplicas,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  scaleDownOldReplicaSetsForRollingUpdate,
} from '../../../../src/sim/controllers/deployment/rolling.js';
import { scaleDeployment } from '../../../../src/sim/controllers/deployment/proportional.js';
import { maxSurge, type DeploymentLike } from '../../../../src/sim/controllers/deployment/util.js';

import { testRS, type TestRS } from '../../../helpers/scenario.js';

type Any = any;
type RS = TestRS;
const mk = testRS;
const setSpec = (r: RS, n: number): boolean => {
  const changed = r.spec !== n;
  r.spec = n;
  return changed;
};
const dep = (replicas: number, maxSurgeV: Any, maxUnavailableV: Any, strategy: Any = 'RollingUpdate'): DeploymentLike => ({
  replicas,
  strategy,
  maxSurge: maxSurgeV,
  maxUnavailable: maxUnavailableV,
});

describe('reconcileNewReplicaSet (TestDeploymentController_reconcileNewReplicaSet)', () => {
  const cases = (vectors.reconcileNewReplicaSet.cases as Any[]).filter((c) => !c.featureGated);
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c: Any) => {
    const i = c.input;
    const newRS = mk('new', i.newRSSpec, 1);
    const oldRS = mk('old', i.oldRSSpec, 0);
    const scaled = reconcileNewReplicaSet([newRS, oldRS], newRS, dep(i.deploymentReplicas, i.maxSurge, i.maxUnavailable), setSpec);
    expect(scaled).toBe(c.expected.scaled);
    if (c.expected.scaled) expect(newRS.spec).toBe(c.expected.newRSSpec);
  });
});

describe('reconcileOldReplicaSets (TestDeploymentController_reconcileOldReplicaSets)', () => {
  it.each((vectors.reconcileOldReplicaSets.cases as Any[]).map((c) => [c.name, c] as const))('%s', (_n, c: Any) => {
    const i = c.input;
    const oldRS = mk('old', i.oldRSSpec, 0, i.oldRSAvailable);
    const newRS = mk('new', i.newRSSpec, 1, i.newRSAvailable);
    const scaled = reconcileOldReplicaSets([oldRS, newRS], [oldRS], newRS, dep(i.deploymentReplicas, i.maxSurge, i.maxUnavailable), setSpec);
    expect(scaled).toBe(c.expected.scaled);
    if (c.expected.oldRSSpec !== undefined) expect(oldRS.spec).toBe(c.expected.oldRSSpec);
  });
});

describe('cleanupUnhealthyReplicas (TestDeploymentController_cleanupUnhealthyReplicas)', () => {
  it.each((vectors.cleanupUnhealthyReplicas.cases as Any[]).map((c) => [c.name, c] as const))('%s', (_n, c: Any) => {
    const oldRS = mk('old', c.input.oldRSSpec, 0, c.input.available);
    expect(cleanupUnhealthyReplicas([oldRS], c.input.maxCleanupCount, setSpec)).toBe(c.expected.cleanupCount);
    expect(oldRS.spec).toBe(c.input.oldRSSpec - c.expected.cleanupCount);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate', () => {
  it.each((vectors.scaleDownOldReplicaSetsForRollingUpdate.cases as Any[]).map((c) => [c.name, c] as const))('%s', (_n, c: Any) => {
    const i = c.input;
    const oldRS = mk('old', i.oldRSSpec, 0, i.oldRSAvailable);
    const n = scaleDownOldReplicaSetsForRollingUpdate([oldRS], [oldRS], dep(i.deploymentReplicas, i.maxSurge, i.maxUnavailable), setSpec);
    expect(n > 0).toBe(c.expected.scaled);
    if (c.expected.oldRSSpec !== undefined) expect(oldRS.spec).toBe(c.expected.oldRSSpec);
  });
});

describe('scale: proportional scaling (TestScale)', () => {
  const order: Record<string, number> = { older: 0, old: 1, new: 2 };
  it.each((vectors.scale.cases as Any[]).map((c) => [c.name, c] as const))('%s', (_n, c: Any) => {
    const i = c.input;
    const d = dep(i.deployment.replicas, i.deployment.maxSurge, i.deployment.maxUnavailable, i.deployment.strategy);
    const oldD = dep(i.oldDeployment.replicas, i.oldDeployment.maxSurge, i.oldDeployment.maxUnavailable, i.oldDeployment.strategy);
    const annotate = (x: Any): RS => {
      const r = mk(x.name, x.spec, order[x.created], x.availableReplicas ?? 0);
      const o = c.annotationOverrides?.[x.name];
      r.desiredReplicasAnnotation = o?.desired ?? oldD.replicas;
      r.maxReplicasAnnotation = o?.max ?? oldD.replicas + maxSurge(oldD);
      return r;
    };
    const newRS = i.newRS ? annotate(i.newRS) : null;
    const olds = (i.oldRSs as Any[]).map(annotate);
    const apply = (r: RS, n: number): boolean => {
      r.desiredReplicasAnnotation = d.replicas;
      r.maxReplicasAnnotation = d.replicas + maxSurge(d);
      return setSpec(r, n);
    };
    scaleDeployment(d, newRS, olds, 0, { scaleAndRecord: apply, scaleReplicaSet: apply });
    if (c.expected.newRSSpec !== null) expect(newRS!.spec).toBe(c.expected.newRSSpec);
    expect(olds.map((r) => r.spec)).toEqual(c.expected.oldRSSpecs);
  });
});

describe('rolloutRolling walkthrough (k8s-rollout.md §4.6)', () => {
  it('10 replicas 25%/25%: 3 → 5, wait, old 8 → 3, new → 10, wait, old → 0; 8 available throughout', () => {
    const w = (vectors['rolloutRolling.walkthrough'].cases as Any[])[0];
    const d = dep(10, '25%', '25%');
    const oldRS = mk('old', 10, 0, 10);
    const newRS = mk('new', 0, 1, 0);
    const all = [oldRS, newRS];
    const sync = () => reconcileNewReplicaSet(all, newRS, d, setSpec) || reconcileOldReplicaSets(all, [oldRS], newRS, d, setSpec);
    const seen: Any[] = [];
    // The new RS is born at NewRSNewReplicas (3), and the same sync reconciles old.
    newRS.spec = 3;
    sync();
    const snap = () => seen.push({ old: { spec: oldRS.spec, available: Math.min(oldRS.availableReplicas, oldRS.spec) }, new: { spec: newRS.spec, available: newRS.availableReplicas } });
    oldRS.availableReplicas = oldRS.spec;
    snap();
    sync();
    snap();
    expect(sync()).toBe(false);
    snap();
    newRS.availableReplicas = newRS.spec; // t = T
    sync();
    oldRS.availableReplicas = oldRS.spec;
    snap();
    sync();
    snap();
    newRS.availableReplicas = newRS.spec; // t = 2T
    sync();
    oldRS.availableReplicas = oldRS.spec;
    snap();
    expect(seen).toEqual(w.expected.steps.map((s: Any) => ({ old: s.old, new: s.new })));
  });
});
