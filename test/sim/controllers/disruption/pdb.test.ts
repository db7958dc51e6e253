// Replays disruption_test.go PDB status cases (test/fixtures/vectors-rollout-disruption.json).
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-rollout-disruption.json' with { type: 'json' };
import { pdbStatus, type PdbPod } from '../../../../src/sim/controllers/disruption/pdb.js';

type VectorPod = { ready: boolean; owner: { kind: string; scale: number } | null };

describe('pdbStatus (DisruptionController.PDBStatus)', () => {
  it.each(vectors['DisruptionController.PDBStatus'].cases)('$name', ({ input, expected }) => {
    const { minAvailable = null, maxUnavailable = null } = input as { minAvailable?: number | string; maxUnavailable?: number | string };
    // Every case has at most one controlling workload, so its kind identifies it.
    const pods: PdbPod[] = (input.pods as VectorPod[]).map((p) => ({
      ready: p.ready,
      terminating: false,
      controllerScale: p.owner?.scale ?? null,
      controllerKey: p.owner?.kind ?? null,
    }));
    const got = pdbStatus({ minAvailable, maxUnavailable, pods });
    const want = expected as { disruptionsAllowed: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number };
    expect(got.disruptionsAllowed).toBe(want.disruptionsAllowed);
    if (want.currentHealthy !== undefined) expect(got.currentHealthy).toBe(want.currentHealthy);
    if (want.desiredHealthy !== undefined) expect(got.desiredHealthy).toBe(want.desiredHealthy);
    if (want.expectedPods !== undefined) expect(got.expectedCount).toBe(want.expectedPods);
  });
});

const pod = (over: Partial<PdbPod> = {}): PdbPod => ({ ready: true, terminating: false, controllerScale: 4, controllerKey: 'rs-a', ...over });

describe('pdbStatus details', () => {
  it('sums the scales of distinct controllers once each', () => {
    const pods = [pod(), pod(), pod({ controllerKey: 'rs-b', controllerScale: 6 }), pod({ controllerKey: null, controllerScale: null })];
    expect(pdbStatus({ minAvailable: null, maxUnavailable: '25%', pods })).toEqual({
      expectedCount: 10,
      desiredHealthy: 7, // 10 - ceil(2.5)
      currentHealthy: 4,
      disruptionsAllowed: 0,
    });
  });

  it('does not count terminating, unready or recently evicted pods as healthy', () => {
    const pods = [pod(), pod({ terminating: true }), pod({ ready: false }), pod({ recentlyDisrupted: true }), pod()];
    expect(pdbStatus({ minAvailable: 1, maxUnavailable: null, pods })).toEqual({
      expectedCount: 5,
      desiredHealthy: 1,
      currentHealthy: 2,
      disruptionsAllowed: 1,
    });
  });

  it('maxUnavailable wins when both are set', () => {
    const pods = [pod(), pod(), pod(), pod()];
    expect(pdbStatus({ minAvailable: 4, maxUnavailable: 1, pods }).disruptionsAllowed).toBe(1);
  });

  it('floors desiredHealthy at 0 and allows nothing without expected pods', () => {
    expect(pdbStatus({ minAvailable: null, maxUnavailable: 10, pods: [pod()] })).toMatchObject({ desiredHealthy: 0, disruptionsAllowed: 1 });
    expect(pdbStatus({ minAvailable: null, maxUnavailable: 1, pods: [] })).toMatchObject({ expectedCount: 0, disruptionsAllowed: 0 });
    expect(pdbStatus({ minAvailable: null, maxUnavailable: null, pods: [pod()] }).disruptionsAllowed).toBe(0);
  });

  it('rejects a malformed percentage', () => {
    expect(() => pdbStatus({ minAvailable: '50', maxUnavailable: null, pods: [pod()] })).toThrow('invalid value for IntOrString');
  });
});
