// What the scheduler knows of the cluster's topology: the values a node label takes among the
// nodes a pod may use (topology domains, for PodTopologySpread's minimum) and one node per zone.
// Nodes never change their labels during a run, so both are computed once.
import type { SimNode } from '../../state/objects.js';

export class Topology {
  /** One node per zone, in the order zones first appear. */
  readonly zoneRepresentatives: SimNode[] = [];
  private readonly domainCache = new Map<string, string[]>();

  constructor(private readonly nodes: readonly SimNode[]) {
    const seen = new Set<string>();
    for (const n of nodes) {
      if (n.zone && !seen.has(n.zone)) {
        seen.add(n.zone);
        this.zoneRepresentatives.push(n);
      }
    }
  }

  /** Distinct values of a node label among the nodes a nodeSelector admits. */
  domains(key: string, selector: Readonly<Record<string, string>>): readonly string[] {
    const cacheKey = key + '\u0000' + JSON.stringify(selector);
    let d = this.domainCache.get(cacheKey);
    if (!d) {
      const seen = new Set<string>();
      outer: for (const n of this.nodes) {
        for (const k in selector) if (n.labels[k] !== selector[k]) continue outer;
        const v = n.labels[key];
        if (v !== undefined) seen.add(v);
      }
      d = [...seen];
      this.domainCache.set(cacheKey, d);
    }
    return d;
  }
}
