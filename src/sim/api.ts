// API-server verbs the controllers share.
import type { Cluster } from './cluster.js';
import type { Kubelet } from './controllers/kubelet/kubelet.js';
import type { SimPod } from './objects.js';

/**
 * DELETE pod (graceful): sets deletionTimestamp, so the pod stops being active for its
 * ReplicaSet at once; the kubelet then stops it within the grace period and the object goes.
 * A pod never bound to a node has no kubelet and goes at once.
 */
export function deletePod(c: Cluster, kubelet: Kubelet, p: SimPod, graceSeconds = p.spec.terminationGracePeriodSeconds): void {
  if (p.deletedAt >= 0 || p.gone) return;
  c.begin(p);
  p.deletedAt = c.now;
  c.commit(p);
  if (p.phase === 'Failed' || p.phase === 'Succeeded' || p.node === null) kubelet.removePod(p);
  else kubelet.terminate(p, graceSeconds);
}
