// Nodes bucketed by how free they are (the LeastAllocated score over cpu and memory, 0..100,
// from the scheduler's non-zero requests), so the scheduler of a large cluster can look at the
// freest nodes first instead of filtering thousands per pod. Nodes are also grouped by class —
// zone, schedule-blocking taints, cordon — so a pod skips whole groups it cannot use (a failed
// zone's tainted nodes, a zone its spread constraint rules out) without looking at each node.
// Updated in O(1) whenever a node's requests, taints or cordon change (it watches the feed).
import type { Taint } from '../../../model/types.js';
import { LABEL_ZONE } from '../../../model/well-known.js';
import { NODE_REQUESTS, NODE_SCHEDULABLE, NODE_TAINTS, type ClusterObserver } from '../../state/feed.js';
import type { SimNode } from '../../state/objects.js';
import { leastAllocatedScore } from './plugins.js';

/**
 * A set of nodes in insertion order, as a Set keeps them, that can be walked by index: the
 * scheduler walks buckets for every pod, and a Set's for-of makes an iterator object each time.
 * Deleted entries leave holes (null) until more than half are holes.
 */
export class NodeBucket implements Iterable<SimNode> {
  /** The members in insertion order, with holes (null). */
  readonly items: (SimNode | null)[] = [];
  private readonly pos = new Map<SimNode, number>();
  size = 0;

  add(n: SimNode): void {
    if (this.pos.has(n)) return;
    this.pos.set(n, this.items.length);
    this.items.push(n);
    this.size++;
  }

  delete(n: SimNode): void {
    const i = this.pos.get(n);
    if (i === undefined) return;
    this.items[i] = null;
    this.pos.delete(n);
    this.size--;
    if (this.size === 0) this.items.length = 0;
    else if (this.items.length > 16 && this.size * 2 < this.items.length) this.compact();
  }

  private compact(): void {
    const items = this.items;
    let k = 0;
    for (let i = 0; i < items.length; i++) {
      const n = items[i];
      if (n === null) continue;
      items[k] = n;
      this.pos.set(n, k);
      k++;
    }
    items.length = k;
  }

  *[Symbol.iterator](): Iterator<SimNode> {
    for (const n of this.items) if (n !== null) yield n;
  }
}

export class NodeClass {
  readonly buckets: NodeBucket[] = Array.from({ length: 101 }, () => new NodeBucket());
  size = 0;
  /** No bucket above this one holds a node. */
  top = 0;

  constructor(
    readonly key: string,
    /** A member, for the class-level questions (taints, cordon, zone are the same for all). */
    public sample: SimNode,
  ) {}
}

/** Where the index keeps a node, and what its class was computed from. */
interface Place {
  cls: NodeClass;
  bucket: number;
  taints: readonly Taint[];
  cordoned: boolean;
}

export class NodeIndex implements ClusterObserver {
  /** By node index. */
  private readonly places: (Place | undefined)[] = [];
  private readonly classes: NodeClass[] = [];
  /** The classes of each zone, in the order zones appeared. */
  private readonly zones: NodeClass[][] = [];
  private readonly zoneIndex = new Map<string, number>();
  /** Scratch lists of usable classes per zone, reused by candidates(). */
  private readonly open: NodeClass[][] = [];
  private readonly byKey = new Map<string, NodeClass>();

  constructor(nodes: readonly SimNode[]) {
    for (const n of nodes) this.update(n);
  }

  /** Every non-empty class: its sample node, its size and its buckets of nodes. */
  get groups(): readonly NodeClass[] {
    return this.classes.filter((c) => c.size > 0);
  }

  nodeChanged(n: SimNode, what: number): void {
    if (what & (NODE_REQUESTS | NODE_TAINTS | NODE_SCHEDULABLE)) this.update(n);
  }

  update(n: SimNode): void {
    const b = leastAllocatedScore(n.allocatableCpu, n.allocatableMemory, n.nonZeroCpu, n.nonZeroMemory);
    const place = this.places[n.index];
    // The class key only changes with taints, cordon or zone: recompute it only then.
    const key = place && place.taints === n.taints && place.cordoned === n.unschedulable ? place.cls.key : classKey(n);
    const old = place?.cls;
    if (old && place.bucket === b && old.key === key) return;
    if (old) {
      old.buckets[place.bucket].delete(n);
      old.size--;
      while (old.top > 0 && old.buckets[old.top].size === 0) old.top--;
      if (old.sample === n && old.size > 0) old.sample = firstOf(old);
    }
    let cls = this.byKey.get(key);
    if (!cls) {
      cls = new NodeClass(key, n);
      this.byKey.set(key, cls);
      this.classes.push(cls);
      let z = this.zoneIndex.get(n.zone);
      if (z === undefined) {
        z = this.zones.length;
        this.zoneIndex.set(n.zone, z);
        this.zones.push([]);
      }
      this.zones[z].push(cls);
    }
    cls.buckets[b].add(n);
    if (b > cls.top) cls.top = b;
    if (cls.size === 0) cls.sample = n;
    cls.size++;
    if (place) {
      place.cls = cls;
      place.bucket = b;
      place.taints = n.taints;
      place.cordoned = n.unschedulable;
    } else this.places[n.index] = { cls, bucket: b, taints: n.taints, cordoned: n.unschedulable };
  }

  /**
   * The freest nodes that pass `feasible`, about `k` in all but at least two per zone: the
   * scheduler's node list interleaves zones (its nodeTree), so the nodes it scores come from
   * every zone, and the spreading scores can prefer the emptier zone. Classes `usable` rules
   * out are skipped. Each zone is scanned from its freest bucket down only until it has its
   * share, so a pod that fits nowhere costs one pass over its usable nodes.
   */
  candidates(k: number, usable: (c: NodeClass) => boolean, feasible: (n: SimNode) => boolean, out: SimNode[] = []): SimNode[] {
    const open = this.open;
    let zoneCount = 0;
    for (const zone of this.zones) {
      // Written by index and cut to length (`length = 0` would drop the list's storage).
      const list = (open[zoneCount] ??= []);
      let n = 0;
      for (const c of zone) if (c.size > 0 && usable(c)) list[n++] = c;
      list.length = n;
      if (n > 0) zoneCount++;
    }
    const perZone = Math.max(2, Math.ceil(k / Math.max(1, zoneCount)));
    // `out` is written by index and cut to length at the end (`length = 0` would drop its storage).
    let len = 0;
    for (let z = 0; z < zoneCount; z++) {
      const classes = open[z];
      let found = 0;
      let top = -1;
      for (const c of classes) if (c.top > top) top = c.top;
      scan: for (let b = top; b >= 0; b--) {
        for (const c of classes) {
          if (b > c.top) continue;
          const bucket = c.buckets[b];
          if (bucket.size === 0) continue;
          const items = bucket.items;
          for (let i = 0; i < items.length; i++) {
            const n = items[i];
            if (n === null || !feasible(n)) continue;
            out[len++] = n;
            if (++found >= perZone) break scan;
          }
        }
      }
    }
    out.length = len;
    return out;
  }
}

function firstOf(c: NodeClass): SimNode {
  for (const b of c.buckets) for (const n of b) return n;
  return c.sample;
}

/** Zone, cordon and the schedule-blocking taints: what decides a node's class (and so its filters' verdicts but resources, node labels and other pods). */
function classKey(n: SimNode): string {
  // (The zone label too, should it differ: zone spreading reads the label, per class.)
  const label = n.labels[LABEL_ZONE];
  let k = n.zone + (label !== n.zone ? `|zone=${label ?? ''}` : '') + (n.unschedulable ? '|cordoned' : '');
  for (const t of n.taints) if (t.effect !== 'PreferNoSchedule') k += `|${t.key}=${t.value}:${t.effect}`;
  return k;
}
