// What the scheduler knows of the cluster's topology: which node labels every node has, how many
// distinct values a label takes among the nodes a spread constraint counts (its domains), and one
// node per zone. Node labels never change during a run, so what depends only on them is computed
// once; what depends on taints (nodeTaintsPolicy Honor) is recomputed when taints change.
import type { RequiredNodeAffinity } from '../../../model/node-affinity.js';
import { LABEL_HOSTNAME } from '../../../model/well-known.js';
import type { SimNode } from '../../state/objects.js';

export class Topology {
  /** One node per zone, in the order zones first appear. */
  readonly zoneRepresentatives: SimNode[] = [];
  /** How many nodes carry each label key. */
  private readonly keyCount = new Map<string, number>();
  /** Distinct values per label key over every node. */
  private readonly valueCount = new Map<string, number>();
  /** Domain counts that depend on labels only, per node affinity (null: none): cached for good. */
  private readonly byLabels = new Map<RequiredNodeAffinity | null, Map<string, number>>();
  /** Domain counts that depend on taints too, per tolerations and affinity, valid while taintVersion holds. */
  private byTaints = new Map<unknown, Map<RequiredNodeAffinity | null, Map<string, number>>>();
  private byTaintsAt = -1;
  /** Bumped by the scheduler whenever a node's taints change. */
  taintVersion = 0;

  constructor(readonly nodes: readonly SimNode[]) {
    const seen = new Set<string>();
    for (const n of nodes) {
      if (n.zone && !seen.has(n.zone)) {
        seen.add(n.zone);
        this.zoneRepresentatives.push(n);
      }
      for (const k in n.labels) this.keyCount.set(k, (this.keyCount.get(k) ?? 0) + 1);
    }
  }

  /** Every node has a kubernetes.io/hostname label, and no two the same. */
  get uniqueHostnames(): boolean {
    return (this.unique ??= this.allHave([LABEL_HOSTNAME]) && this.values(LABEL_HOSTNAME) === this.nodes.length);
  }
  private unique: boolean | undefined;

  /** Every node carries every key. */
  allHave(keys: readonly string[]): boolean {
    const n = this.nodes.length;
    for (const k of keys) if ((this.keyCount.get(k) ?? 0) !== n) return false;
    return true;
  }

  /** Distinct values of `key` over every node that has it. */
  values(key: string): number {
    let v = this.valueCount.get(key);
    if (v === undefined) {
      const seen = new Set<string>();
      for (const n of this.nodes) {
        const x = n.labels[key];
        if (x !== undefined) seen.add(x);
      }
      this.valueCount.set(key, (v = seen.size));
    }
    return v;
  }

  /**
   * Distinct values of `key` among the nodes `eligible` admits, cached under `cacheKey` for the
   * given node affinity and (when taints matter) tolerations — what `eligible` depends on.
   */
  domains(key: string, eligible: (n: SimNode) => boolean, cacheKey: string, affinity: RequiredNodeAffinity | null, tolerations: unknown): number {
    let byAffinity: Map<RequiredNodeAffinity | null, Map<string, number>>;
    if (tolerations !== null) {
      if (this.byTaintsAt !== this.taintVersion) {
        this.byTaints = new Map();
        this.byTaintsAt = this.taintVersion;
      }
      let m = this.byTaints.get(tolerations);
      if (!m) this.byTaints.set(tolerations, (m = new Map()));
      byAffinity = m;
    } else byAffinity = this.byLabels;
    let cache = byAffinity.get(affinity);
    if (!cache) byAffinity.set(affinity, (cache = new Map()));
    let d = cache.get(cacheKey);
    if (d === undefined) {
      const seen = new Set<string>();
      for (const n of this.nodes) if (eligible(n)) seen.add(n.labels[key]);
      cache.set(cacheKey, (d = seen.size));
    }
    return d;
  }
}
