// The Eviction API (pkg/registry/core/pod/storage/eviction.go), the only path that honours
// PodDisruptionBudgets: kubectl drain and other voluntary disruptions go through it; the
// kubelet's node-pressure evictions and the taint-eviction controller do not.
import type { ClusterState } from '../../state/cluster-state.js';
import type { SimPod } from '../../state/objects.js';
import { pdbFigures } from './disruption-controller.js';

export type EvictionResult = { readonly ok: true } | { readonly ok: false; readonly code: 429 | 500; readonly message: string };

export function evictViaApi(c: ClusterState, p: SimPod): EvictionResult {
  // canIgnorePDB: terminal, not yet running, or already being deleted.
  if (p.gone || p.deletedAt >= 0) return { ok: true };
  if (p.phase === 'Succeeded' || p.phase === 'Failed' || p.phase === 'Pending') {
    c.deletePod(p);
    return { ok: true };
  }
  const pdbs = p.workload?.pdbs ?? [];
  if (pdbs.length > 1) {
    return { ok: false, code: 500, message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' };
  }
  const pdb = pdbs[0];
  if (pdb) {
    const f = pdbFigures(pdb, c.now);
    // unhealthyPodEvictionPolicy IfHealthyBudget (the default): an unready pod goes without
    // using budget only while the budget is met.
    const free = !p.ready && f.currentHealthy >= f.desiredHealthy;
    if (!free) {
      if (f.disruptionsAllowed <= 0) {
        return { ok: false, code: 429, message: "Cannot evict pod as it would violate the pod's disruption budget." };
      }
      pdb.disruptedPods.set(p, c.now);
    }
  }
  c.recorder.event(c.now, 'Normal', 'EvictionByEvictionAPI', `pod/${p.key}`, `Evicting pod ${p.key} (DisruptionTarget: EvictionByEvictionAPI)`, {
    node: p.node?.name ?? '',
    workload: p.workload?.shortName ?? '',
    qos: p.qos,
  });
  c.deletePod(p, p.spec.terminationGracePeriodSeconds, 'EvictionByEvictionAPI');
  return { ok: true };
}
