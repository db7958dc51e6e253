// PodTopologySpread for one scheduling attempt, after
// pkg/scheduler/framework/plugins/podtopologyspread (filtering.go, scoring.go).
// - DoNotSchedule constraints filter: skew = pods in the node's domain + 1 - min over domains.
// - ScheduleAnyway constraints, or the system defaults (hostname maxSkew 3, zone maxSkew 5) for
//   pods with no constraints, score: fewer matching pods in the node's domain is better.
// Matching pods are the workload's active, bound pods (terminating ones are skipped, #87621).
// User constraints select every revision of the Deployment (a label like app=x); the system
// defaults use the ReplicaSet's selector, which includes pod-template-hash: one revision only.
import type { TopologySpread } from '../../../model/types.js';
import type { Cluster } from '../../cluster.js';
import type { SimNode, SimPod, SimReplicaSet } from '../../objects.js';

export const ZONE_KEY = 'topology.kubernetes.io/zone';
export const HOSTNAME_KEY = 'kubernetes.io/hostname';

const SYSTEM_DEFAULTS: readonly TopologySpread[] = [
  { topologyKey: HOSTNAME_KEY, maxSkew: 3, whenUnsatisfiable: 'ScheduleAnyway' },
  { topologyKey: ZONE_KEY, maxSkew: 5, whenUnsatisfiable: 'ScheduleAnyway' },
];

interface Constraint {
  readonly c: TopologySpread;
  /** Matching pods per domain value (only nodes the pod's nodeSelector admits). */
  readonly counts: Map<string, number>;
  /** Min over the eligible domains (filter constraints only). */
  readonly minMatch: number;
}

export class SpreadState {
  private readonly filters: Constraint[] = [];
  private readonly scorers: TopologySpread[] = [];
  private readonly scoreSets: readonly SimReplicaSet[];

  constructor(
    private readonly pod: SimPod,
    private readonly cluster: Cluster,
  ) {
    const own = pod.spec.topologySpread;
    const rs = pod.rs;
    const all = pod.deployment ? pod.deployment.replicaSets : [];
    for (const c of own) {
      if (c.whenUnsatisfiable !== 'DoNotSchedule') continue;
      const counts = this.countByDomain(c.topologyKey, all);
      let min = Infinity;
      for (const v of cluster.domains(c.topologyKey, pod.spec.nodeSelector)) min = Math.min(min, counts.get(v) ?? 0);
      this.filters.push({ c, counts, minMatch: min === Infinity ? 0 : min });
    }
    if (own.length > 0) {
      this.scorers = own.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');
      this.scoreSets = all;
    } else if (rs) {
      this.scorers = [...SYSTEM_DEFAULTS];
      this.scoreSets = [rs];
    } else this.scoreSets = [];
  }

  private countByDomain(key: string, sets: readonly SimReplicaSet[]): Map<string, number> {
    const counts = new Map<string, number>();
    const sel = this.pod.spec.nodeSelector;
    for (const rs of sets) {
      for (const [node, k] of rs.activePerNode) {
        if (!admits(sel, node)) continue;
        const v = node.labels[key];
        if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + k);
      }
    }
    return counts;
  }

  /** PodTopologySpread Filter. */
  filter(node: SimNode): boolean {
    for (const f of this.filters) {
      const v = node.labels[f.c.topologyKey];
      if (v === undefined) return false;
      if ((f.counts.get(v) ?? 0) + 1 - f.minMatch > f.c.maxSkew) return false;
    }
    return true;
  }

  /** PreScore + Score + NormalizeScore, adding weight × normalised score to `total`. */
  addScores(feasible: readonly SimNode[], total: number[], weight: number): void {
    if (this.scorers.length === 0) return;
    const raw = new Array<number>(feasible.length).fill(0);
    for (const c of this.scorers) {
      const counts = this.countByDomain(c.topologyKey, this.scoreSets);
      let size: number;
      if (c.topologyKey === HOSTNAME_KEY) size = feasible.length;
      else {
        const seen = new Set<string>();
        for (const n of feasible) {
          const v = n.labels[c.topologyKey];
          if (v !== undefined) seen.add(v);
        }
        size = seen.size;
      }
      const w = Math.log(size + 2);
      for (let i = 0; i < feasible.length; i++) {
        const v = feasible[i].labels[c.topologyKey];
        if (v === undefined) continue;
        raw[i] += (counts.get(v) ?? 0) * w + (c.maxSkew - 1);
      }
    }
    let min = Infinity;
    let max = 0;
    const scores = raw.map((s) => Math.round(s));
    for (const s of scores) {
      if (s < min) min = s;
      if (s > max) max = s;
    }
    for (let i = 0; i < feasible.length; i++) {
      total[i] += weight * (max === 0 ? 100 : Math.trunc((100 * (max + min - scores[i])) / max));
    }
  }
}

function admits(sel: Readonly<Record<string, string>>, node: SimNode): boolean {
  for (const k in sel) if (node.labels[k] !== sel[k]) return false;
  return true;
}
