// The filters that pin a pod to where its storage or its DaemonSet wants it:
// - VolumeBinding (pkg/scheduler/framework/plugins/volumebinding, FindPodVolumes →
//   checkBoundClaims): a pod whose claims are bound to zonal PersistentVolumes fits only nodes
//   that match the volumes' node affinity — their zone. Rejected nodes count as "node(s) had
//   volume node affinity conflict" (ErrReasonNodeConflict, UnschedulableAndUnresolvable), so a
//   StatefulSet pod whose zone is down stays Pending instead of moving. Dynamically provisioned
//   CSI volumes carry node affinity, not the legacy zone labels the VolumeZone plugin reads
//   ("no available volume zone"), so this is the rule modern clusters hit.
// - NodeAffinity's matchFields on metadata.name, which the DaemonSet controller puts on each of
//   its pods (util.ReplaceDaemonSetPodNodeNameNodeAffinity): it fits its own node only, counted
//   as "node(s) didn't match Pod's node affinity/selector".
import type { SimNode, SimPod } from '../../state/objects.js';

export const VOLUME_NODE_CONFLICT = 'node(s) had volume node affinity conflict';

/** VolumeBinding Filter: the node is in the zone of the pod's bound volumes (or it has none). */
export function volumeZoneFits(p: SimPod, node: SimNode): boolean {
  const zone = p.spec.volumeZone;
  return zone === undefined || node.zone === zone;
}

/** NodeAffinity's required matchFields metadata.name: the pod's own node (or it names none). */
export function nodeNameFits(p: SimPod, node: SimNode): boolean {
  const name = p.spec.requiredNodeName;
  return name === undefined || node.name === name;
}

/** The only node a pod pinned by name can go to (null: not pinned; undefined: no such node). */
export function pinnedNode(p: SimPod, nodeByName: ReadonlyMap<string, SimNode>): SimNode | null | undefined {
  const name = p.spec.requiredNodeName;
  return name === undefined ? null : nodeByName.get(name);
}
