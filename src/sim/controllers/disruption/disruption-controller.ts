// PodDisruptionBudget status from the live counts, after pkg/controller/disruption
// (getExpectedPodCount, countHealthyPods, updatePdbStatus): the pure rule with Kubernetes'
// vectors is pdb.ts; this computes the same figures without listing pods.
import type { SimTime } from '../../engine/time.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { countsChanged, type ClusterObserver } from '../../state/feed.js';
import type { SimDeployment, SimNode, SimPdb, SimPod } from '../../state/objects.js';
import { disruptionsAllowed, expectedAndDesired } from './pdb.js';

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
  const { expectedCount, desiredHealthy } = expectedAndDesired(pdb.minAvailable, pdb.maxUnavailable, () => scale, pods);
  return { expectedCount, desiredHealthy, currentHealthy: healthy, disruptionsAllowed: disruptionsAllowed(expectedCount, healthy, desiredHealthy) };
}

/**
 * Watches every PDB and records when its currentHealthy falls below desiredHealthy (a
 * violation: Warning InsufficientPods, the DisruptionAllowed condition's reason) and when it
 * recovers (SufficientPods). Kubernetes only sets the condition; the events make it visible.
 */
export class DisruptionController implements ClusterObserver {
  private readonly violated = new Map<SimPdb, boolean>();
  /** PDBs whose pods or workloads changed since the last sync, in the order they changed. */
  private readonly dirty = new Set<SimPdb>();

  constructor(private readonly c: ClusterState) {}

  podChanged(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    if (p.deployment && countsChanged(before, after, oldNode, p)) this.deploymentChanged(p.deployment);
  }

  deploymentChanged(d: SimDeployment): void {
    for (const pdb of d.pdbs) this.dirty.add(pdb);
  }

  /** At the start: every PDB that selects a workload, in the workloads' order. */
  enqueueAll(): void {
    this.dirty.clear();
    for (const d of this.c.deployments) for (const pdb of d.pdbs) this.dirty.add(pdb);
  }

  /** updatePdbStatus for the PDBs that changed; records violations and recoveries. */
  sync(now: SimTime): void {
    const seen = [...this.dirty];
    this.dirty.clear();
    for (const pdb of seen) {
      const f = pdbFigures(pdb, now);
      const v = f.currentHealthy < f.desiredHealthy;
      if (v === (this.violated.get(pdb) ?? false)) continue;
      this.violated.set(pdb, v);
      const names = pdb.deployments.map((d) => d.name);
      this.c.recorder.event(
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
