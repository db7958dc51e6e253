// The indexes a StatefulSet's and a DaemonSet's controllers list their pods by (a set's pods by
// ordinal, a DaemonSet's by the node each is for), the claims' zone recorded at a pod's first
// bind, and the names ClusterState gives ControllerRevisions and generateName pods. ClusterState
// calls these as pods are created, bound and gone.
import type { SimNode, SimPod } from './objects.js';
import { SimDaemonSet, SimStatefulSet } from './workloads.js';

/** util.GetTargetNodeName: the node a DaemonSet pod is bound to, or pinned to by its affinity. */
function targetNode(p: SimPod, nodeByName: ReadonlyMap<string, SimNode>): SimNode | null {
  return p.node ?? (p.spec.requiredNodeName === undefined ? null : (nodeByName.get(p.spec.requiredNodeName) ?? null));
}

/** A DaemonSet pod joins the list of the node it is for (once that is known). */
export function indexDaemonPod(ds: SimDaemonSet, p: SimPod, nodeByName: ReadonlyMap<string, SimNode>): void {
  const n = targetNode(p, nodeByName);
  if (!n) return; // no target yet: indexed when it is bound
  let list = ds.podsByNode.get(n);
  if (!list) ds.podsByNode.set(n, (list = []));
  if (!list.includes(p)) list.push(p);
}

/** A pod gone from the API leaves its StatefulSet's or DaemonSet's index. */
export function unindexPod(p: SimPod, nodeByName: ReadonlyMap<string, SimNode>): void {
  const w = p.workload;
  if (w instanceof SimStatefulSet) {
    if (w.podByOrdinal.get(p.ordinal) === p) w.podByOrdinal.delete(p.ordinal);
  } else if (w instanceof SimDaemonSet) {
    const n = targetNode(p, nodeByName);
    const list = n ? w.podsByNode.get(n) : undefined;
    if (!list) return;
    const at = list.indexOf(p);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) w.podsByNode.delete(n!);
  }
}

/**
 * A pod with volume claims bound to a node for the first time: VolumeBinding's PreBind and the
 * provisioner (WaitForFirstConsumer) create its PersistentVolumes in that node's zone, and the
 * claims keep them there for every later pod of the ordinal.
 */
export function bindClaims(p: SimPod, n: SimNode): void {
  const w = p.workload;
  if (!(w instanceof SimStatefulSet) || w.volumeClaims.length === 0 || p.ordinal < 0) return;
  if (!w.claimZones.has(p.ordinal)) w.claimZones.set(p.ordinal, n.zone);
}

/** controller.ComputeHash's form: FNV-32a, printed with rand.SafeEncodeString's alphabet (no vowels). */
export function revisionHash(text: string): string {
  return safeEncode(fnv32a(text));
}

function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString(fmt.Sprint(hash)): each decimal digit's byte picks a letter. */
function safeEncode(n: number): string {
  const digits = n.toString(10);
  let out = '';
  for (let i = 0; i < digits.length; i++) out += SAFE_ALPHABET[digits.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/**
 * A generateName suffix: five characters of SafeEncodeString's alphabet, distinct for the first
 * 27^5 calls (the sequence is scrambled by a multiplier coprime with 27^5, so names look random).
 */
export function generateNameSuffix(seq: number): string {
  const space = 27 ** 5;
  let v = (seq * 7_368_787) % space;
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += SAFE_ALPHABET[v % 27];
    v = Math.floor(v / 27);
  }
  return out;
}
