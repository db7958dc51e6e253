// PodTopologySpread for one scheduling attempt, after
// pkg/scheduler/framework/plugins/podtopologyspread (filtering.go, scoring.go).
// - DoNotSchedule constraints filter: skew = pods in the node's domain + 1 - min over domains.
// - ScheduleAnyway constraints, or the system defaults (hostname maxSkew 3, zone maxSkew 5) for
//   pods with no constraints, score: fewer matching pods in the node's domain is better.
// Matching pods are the workload's active, bound pods (terminating ones are skipped, #87621),
// read from the per-node and per-zone counts the cluster keeps. User constraints select every
// revision of the workload (a label like app=x); the system defaults use the ReplicaSet's
// selector, which includes pod-template-hash: one revision only (a StatefulSet's selector takes
// every revision; DaemonSet pods get none, DefaultSelector knows no DaemonSets). Nodes are eligible domains when
// the pod's nodeSelector admits them (nodeAffinityPolicy Honor) whatever their taints
// (nodeTaintsPolicy Ignore, the default) — so a failed zone with no pods left pins the minimum.
import type { TopologySpread } from '../../../model/types.js';
import { LABEL_HOSTNAME as HOSTNAME_KEY, LABEL_ZONE as ZONE_KEY } from '../../../model/well-known.js';
import { type SimNode, type SimPod, SimReplicaSet, type SimRevision } from '../../state/objects.js';
import type { Topology } from './topology.js';

const SYSTEM_DEFAULTS: readonly TopologySpread[] = [
  { topologyKey: HOSTNAME_KEY, maxSkew: 3, whenUnsatisfiable: 'ScheduleAnyway' },
  { topologyKey: ZONE_KEY, maxSkew: 5, whenUnsatisfiable: 'ScheduleAnyway' },
];

/** Matching pods in `node`'s domain for `key`, over the given ReplicaSets. */
function countIn(sets: readonly SimRevision[], key: string, node: SimNode): number {
  let k = 0;
  if (key === HOSTNAME_KEY) {
    for (const rs of sets) k += rs.activePerNode.get(node) ?? 0;
  } else if (key === ZONE_KEY) {
    for (const rs of sets) k += rs.activePerZone.get(node.zone) ?? 0;
  } else {
    const v = node.labels[key];
    for (const rs of sets) rs.activePerNode.forEach((c, n) => void (n.labels[key] === v && (k += c)));
  }
  return k;
}

interface Filter {
  readonly c: TopologySpread;
  readonly minMatch: number;
}

export class SpreadState {
  private readonly filters: Filter[] = [];
  private readonly scorers: readonly TopologySpread[];
  private readonly filterSets: readonly SimRevision[];
  private readonly scoreSets: readonly SimRevision[];

  constructor(pod: SimPod, topology: Topology) {
    const own = pod.spec.topologySpread;
    this.filterSets = pod.workload ? pod.workload.revisions : [];
    for (const c of own) {
      if (c.whenUnsatisfiable === 'DoNotSchedule') this.filters.push({ c, minMatch: this.minMatch(c.topologyKey, pod, topology) });
    }
    if (own.length > 0) {
      this.scorers = own.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');
      this.scoreSets = this.filterSets;
    } else if (pod.revision instanceof SimReplicaSet) {
      this.scorers = SYSTEM_DEFAULTS;
      this.scoreSets = [pod.revision];
    } else if (pod.workload?.kind === 'StatefulSet') {
      // DefaultSelector takes the StatefulSet's selector: every revision's pods match it.
      this.scorers = SYSTEM_DEFAULTS;
      this.scoreSets = this.filterSets;
    } else {
      this.scorers = [];
      this.scoreSets = [];
    }
  }

  get hasFilters(): boolean {
    return this.filters.length > 0;
  }

  private minMatch(key: string, pod: SimPod, topology: Topology): number {
    const sel = pod.spec.nodeSelector;
    if (key === HOSTNAME_KEY) {
      // Every eligible node is a domain; with more of them than matching pods one is empty.
      let bound = 0;
      for (const rs of this.filterSets) for (const c of rs.activePerNode.values()) bound += c;
      const eligible = topology.domains(key, sel).length;
      if (eligible > bound) return 0;
    }
    const counts = new Map<string, number>();
    if (key === ZONE_KEY) {
      for (const rs of this.filterSets) for (const [z, c] of rs.activePerZone) counts.set(z, (counts.get(z) ?? 0) + c);
    } else for (const rs of this.filterSets) {
      for (const [n, c] of rs.activePerNode) {
        const v = n.labels[key];
        if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + c);
      }
    }
    let min = Infinity;
    for (const v of topology.domains(key, sel)) min = Math.min(min, counts.get(v) ?? 0);
    return min === Infinity ? 0 : min;
  }

  /** Zone-keyed filter results of this attempt (counts don't change while one pod is placed). */
  private zoneVerdict: Map<string, boolean> | null = null;

  /** PodTopologySpread Filter. */
  filter(node: SimNode): boolean {
    for (const f of this.filters) {
      if (node.labels[f.c.topologyKey] === undefined) return false;
      if (f.c.topologyKey === ZONE_KEY) {
        if (!this.zoneOk(f, node)) return false;
      } else if (countIn(this.filterSets, f.c.topologyKey, node) + 1 - f.minMatch > f.c.maxSkew) return false;
    }
    return true;
  }

  /** The zone-keyed DoNotSchedule constraints alone (the same for every node of a zone). */
  zoneAllows(node: SimNode): boolean {
    for (const f of this.filters) {
      if (f.c.topologyKey !== ZONE_KEY) continue;
      if (node.labels[ZONE_KEY] === undefined || !this.zoneOk(f, node)) return false;
    }
    return true;
  }

  private zoneOk(f: Filter, node: SimNode): boolean {
    this.zoneVerdict ??= new Map();
    let ok = this.zoneVerdict.get(node.zone);
    if (ok === undefined) {
      ok = countIn(this.filterSets, ZONE_KEY, node) + 1 - f.minMatch <= f.c.maxSkew;
      this.zoneVerdict.set(node.zone, ok);
    }
    return ok;
  }

  /**
   * False when a zone constraint rejects every zone (given one node per zone): no node can pass,
   * so the scheduler need not filter any (the FitError is still counted node by node).
   */
  somewhereFeasible(zoneRepresentatives: readonly SimNode[]): boolean {
    const zoneFilters = this.filters.filter((f) => f.c.topologyKey === ZONE_KEY);
    if (zoneFilters.length === 0) return true;
    return zoneRepresentatives.some((n) =>
      zoneFilters.every((f) => countIn(this.filterSets, ZONE_KEY, n) + 1 - f.minMatch <= f.c.maxSkew),
    );
  }

  /** PreScore + Score + NormalizeScore, adding weight × normalised score to `total`. */
  addScores(feasible: readonly SimNode[], total: number[], weight: number): void {
    if (this.scorers.length === 0) return;
    const scores = new Array<number>(feasible.length).fill(0);
    for (const c of this.scorers) {
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
        if (feasible[i].labels[c.topologyKey] === undefined) continue;
        scores[i] += countIn(this.scoreSets, c.topologyKey, feasible[i]) * w + (c.maxSkew - 1);
      }
    }
    let min = Infinity;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      scores[i] = Math.round(scores[i]);
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
    for (let i = 0; i < feasible.length; i++) {
      total[i] += weight * (max === 0 ? 100 : Math.trunc((100 * (max + min - scores[i])) / max));
    }
  }
}
