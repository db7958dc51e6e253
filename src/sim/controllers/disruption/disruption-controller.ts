// PodDisruptionBudget status from the live counts, after pkg/controller/disruption
// (getExpectedPodCount, countHealthyPods, updatePdbStatus): the pure rule with Kubernetes'
// vectors is pdb.ts; this computes the same figures without listing pods.
import { getScaledValueFromIntOrPercent } from '../../../model/intstr.js';
import type { SimTime } from '../../engine/time.js';
import type { SimDeployment, SimPdb } from '../../objects.js';
import type { Recorder } from '../../recorder.js';

/** status.disruptedPods entries older than this are dropped (DeletionTimeout, 2 minutes). */
export const DELETION_TIMEOUT_MS = 120_000;

export interface PdbFigures {
  readonly expectedCount: number;
  readonly desiredHealthy: number;
  readonly currentHealthy: number;
  readonly disruptionsAllowed: number;
}

export function pdbFigures(pdb: SimPdb, now: SimTime): PdbFigures {
  let scale = 0;
  let pods = 0;
  let healthy = 0;
  for (const d of pdb.deployments) {
    scale += d.replicas;
    pods += d.activePods + d.terminatingPods;
    healthy += d.readyPods;
  }
  // Pods the Eviction API just evicted are not healthy while their deletion is pending.
  for (const [p, at] of pdb.disruptedPods) {
    if (now - at >= DELETION_TIMEOUT_MS || !p.active) pdb.disruptedPods.delete(p);
    else if (p.ready) healthy--;
  }
  let expectedCount: number;
  let desiredHealthy: number;
  if (pdb.maxUnavailable !== null) {
    expectedCount = scale;
    desiredHealthy = Math.max(0, expectedCount - getScaledValueFromIntOrPercent(pdb.maxUnavailable, expectedCount, true));
  } else if (typeof pdb.minAvailable === 'number') {
    expectedCount = pods;
    desiredHealthy = pdb.minAvailable;
  } else {
    expectedCount = scale;
    desiredHealthy = getScaledValueFromIntOrPercent(pdb.minAvailable ?? 0, expectedCount, true);
  }
  const disruptionsAllowed = expectedCount <= 0 ? 0 : Math.max(0, healthy - desiredHealthy);
  return { expectedCount, desiredHealthy, currentHealthy: healthy, disruptionsAllowed };
}

/**
 * Watches every PDB and records when its currentHealthy falls below desiredHealthy (a
 * violation: Warning InsufficientPods, the DisruptionAllowed condition's reason) and when it
 * recovers (SufficientPods). Kubernetes only sets the condition; the events make it visible.
 */
export class DisruptionController {
  private readonly violated = new Map<SimPdb, boolean>();

  constructor(private readonly recorder: Recorder) {}

  sync(changed: Iterable<SimDeployment>, now: SimTime): void {
    const seen = new Set<SimPdb>();
    for (const d of changed) for (const pdb of d.pdbs) seen.add(pdb);
    for (const pdb of seen) {
      const f = pdbFigures(pdb, now);
      const v = f.currentHealthy < f.desiredHealthy;
      if (v === (this.violated.get(pdb) ?? false)) continue;
      this.violated.set(pdb, v);
      const names = pdb.deployments.map((d) => d.name);
      this.recorder.event(
        now,
        v ? 'Warning' : 'Normal',
        v ? 'InsufficientPods' : 'SufficientPods',
        `poddisruptionbudget/${pdb.namespace}/${pdb.name}`,
        `${f.currentHealthy} healthy pods, ${f.desiredHealthy} required (expected ${f.expectedCount})`,
        { workload: names.length === 1 ? names[0] : '' },
      );
    }
  }
}
