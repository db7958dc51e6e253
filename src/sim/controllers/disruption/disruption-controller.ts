// PodDisruptionBudget status from the live counts, after pkg/controller/disruption
// (getExpectedPodCount, countHealthyPods, updatePdbStatus): the pure rule with Kubernetes'
// vectors is pdb.ts; this computes the same figures without listing pods.
import type { SimTime } from '../../engine/time.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { countsChanged, type ClusterObserver } from '../../state/feed.js';
import type { SimNode, SimPdb, SimPod, SimWorkload } from '../../state/objects.js';
import { disruptionsAllowed, expectedAndDesired, needsScale, noScaleMessage } from './pdb.js';

/** status.disruptedPods entries older than this are dropped (DeletionTimeout, 2 minutes). */
export const DELETION_TIMEOUT_MS = 120_000;

export interface PdbFigures {
  readonly expectedCount: number;
  readonly desiredHealthy: number;
  readonly currentHealthy: number;
  readonly disruptionsAllowed: number;
  /**
   * Why the controller could not compute the budget (getExpectedScale failed: a selected pod's
   * workload has no scale subresource); it then fails safe, allowing no disruption. Null: fine.
   */
  readonly syncFailed: string | null;
}

export function pdbFigures(pdb: SimPdb, now: SimTime): PdbFigures {
  let scale = 0;
  let pods = 0;
  let healthy = 0;
  let noScale: SimWorkload | null = null;
  for (const w of pdb.workloads) {
    const s = w.scale;
    if (s === null) noScale ??= w;
    else scale += s;
    pods += w.activePods + w.terminatingPods;
    healthy += w.readyPods;
  }
  // Pods the Eviction API just evicted are not healthy while their deletion is pending.
  for (const [p, at] of pdb.disruptedPods) {
    if (now - at >= DELETION_TIMEOUT_MS || !p.active) pdb.disruptedPods.delete(p);
    else if (p.ready) healthy--;
  }
  if (noScale !== null && needsScale(pdb.minAvailable, pdb.maxUnavailable)) {
    // failSafe: status.disruptionsAllowed = 0 and DisruptionAllowed=False (SyncFailed); the
    // other status fields keep what they had, which for a budget never computed is 0.
    return { expectedCount: 0, desiredHealthy: 0, currentHealthy: healthy, disruptionsAllowed: 0, syncFailed: noScaleMessage(noScale.kind) };
  }
  const { expectedCount, desiredHealthy } = expectedAndDesired(pdb.minAvailable, pdb.maxUnavailable, () => scale, pods);
  return {
    expectedCount,
    desiredHealthy,
    currentHealthy: healthy,
    disruptionsAllowed: disruptionsAllowed(expectedCount, healthy, desiredHealthy),
    syncFailed: null,
  };
}

/**
 * Watches every PDB and records when its currentHealthy falls below desiredHealthy (a
 * violation: Warning InsufficientPods, the DisruptionAllowed condition's reason) and when it
 * recovers (SufficientPods). Kubernetes only sets the condition; the events make it visible.
 */
export class DisruptionController implements ClusterObserver {
  private readonly violated = new Map<SimPdb, boolean>();
  /** PDBs whose sync failure has been reported (once, as CalculateExpectedPodCountFailed). */
  private readonly failed = new Set<SimPdb>();
  /** PDBs whose pods or workloads changed since the last sync, in the order they changed. */
  private readonly dirty = new Set<SimPdb>();

  constructor(private readonly c: ClusterState) {}

  podChanged(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    if (p.workload && countsChanged(before, after, oldNode, p)) this.workloadChanged(p.workload);
  }

  workloadChanged(w: SimWorkload): void {
    for (const pdb of w.pdbs) this.dirty.add(pdb);
  }

  /** At the start: every PDB that selects a workload, in the workloads' order. */
  enqueueAll(): void {
    this.dirty.clear();
    for (const w of this.c.workloads) for (const pdb of w.pdbs) this.dirty.add(pdb);
  }

  /** updatePdbStatus for the PDBs that changed; records violations and recoveries. */
  sync(now: SimTime): void {
    const seen = [...this.dirty];
    this.dirty.clear();
    for (const pdb of seen) {
      const f = pdbFigures(pdb, now);
      const names = pdb.workloads.map((w) => w.shortName);
      if (f.syncFailed !== null && !this.failed.has(pdb)) {
        this.failed.add(pdb);
        this.c.recorder.event(now, 'Warning', 'CalculateExpectedPodCountFailed', `poddisruptionbudget/${pdb.namespace}/${pdb.name}`,
          `Failed to calculate the number of expected pods: ${f.syncFailed}`, { workload: names.length === 1 ? names[0] : '' });
      }
      const v = f.currentHealthy < f.desiredHealthy;
      if (v === (this.violated.get(pdb) ?? false)) continue;
      this.violated.set(pdb, v);
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
