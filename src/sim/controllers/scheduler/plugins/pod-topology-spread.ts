// PodTopologySpread for one scheduling attempt, after
// pkg/scheduler/framework/plugins/podtopologyspread (common.go, filtering.go, scoring.go):
// - PreFilter (calPreFilterState): a node counts for a DoNotSchedule constraint when it has every
//   hard constraint's key and passes the constraint's nodeAffinityPolicy (Honor: the pod's
//   nodeSelector / required node affinity) and nodeTaintsPolicy (Honor: no untolerated NoSchedule
//   or NoExecute taint; the default Ignore counts tainted, cordoned and unreachable nodes); every
//   such node's value is a domain, empty ones included. Pods counted: non-terminating, bound, in
//   the pod's namespace, matching the selector (countPodsMatchSelector; an empty selector counts
//   nothing), read from the per-node counts of the matching PodGroups.
// - Filter: skew = pods in the node's domain + (1 if the pod matches itself) - global minimum
//   (0 when there are fewer domains than minDomains); a node without the key is
//   UnschedulableAndUnresolvable.
// - Score (ScheduleAnyway constraints, or the system defaults — hostname maxSkew 3, zone maxSkew 5
//   on the ReplicaSet's selector — for pods with none of their own): Σ count × ln(size + 2) +
//   maxSkew − 1 per constraint, normalised 100 × (max + min − s) / max
//   (pod-topology-spread-scoring.ts; the shared part of common.go in pod-topology-spread-common.ts).
// - AddPod / RemovePod (preemption's dry run) move the counts and the two critical paths as
//   updateWithPod does.
import { LABEL_ZONE as ZONE_KEY } from '../../../../model/well-known.js';
import type { SimNode } from '../../../state/objects.js';
import type { PodGroup, SpreadConstraint } from '../pod-group.js';
import { type SpreadContext, spreadMatches, untoleratedScheduleTaint } from './pod-topology-spread-common.js';
import { addSpreadScores } from './pod-topology-spread-scoring.js';

export { type SpreadContext, spreadMatches } from './pod-topology-spread-common.js';
export { addSpreadScores } from './pod-topology-spread-scoring.js';

export const SPREAD_SKEW = 1;
export const SPREAD_MISSING_LABEL = 2;

export const REASON_SPREAD = "node(s) didn't match pod topology spread constraints";
export const REASON_SPREAD_MISSING = `${REASON_SPREAD} (missing required label)`;

interface Path {
  value: string;
  count: number;
}

interface Hard {
  readonly c: SpreadConstraint;
  readonly selfMatch: number;
  /** Domains (distinct values over the counting nodes). */
  readonly domains: number;
  /** Matching pods per domain value (absent: 0), counting nodes only. */
  counts: Map<string, number>;
  /** The global minimum the filter uses (criticalPaths[0], or 0 below minDomains). */
  min: number;
  /** The two smallest domains, kept for AddPod / RemovePod (built on first use). */
  paths: [Path, Path] | null;
  /** Per-zone verdicts of this attempt (zone-keyed constraints). */
  zoneOk: Map<string, boolean> | null;
}

export class SpreadState {
  private readonly hard: Hard[] = [];
  private readonly requireKeys: readonly string[];

  constructor(private readonly ctx: SpreadContext) {
    const g = ctx.group;
    this.requireKeys = g.hardSpread.map((c) => c.topologyKey);
    for (const c of g.hardSpread) this.hard.push(this.prefilter(c));
  }

  get hasFilters(): boolean {
    return this.hard.length > 0;
  }

  /** PreFilter's state per hard constraint (for tests and messages): counts per value, minimum, domains. */
  get prefilterState(): readonly { readonly topologyKey: string; readonly counts: ReadonlyMap<string, number>; readonly min: number; readonly domains: number }[] {
    return this.hard.map((h) => ({ topologyKey: h.c.topologyKey, counts: h.counts, min: h.min, domains: h.domains }));
  }

  private matching(c: SpreadConstraint): readonly PodGroup[] {
    return spreadMatches(this.ctx.groups, this.ctx.group, c);
  }

  /** matchNodeInclusionPolicies, plus nodeLabelsMatchSpreadConstraints for the hard keys. */
  private counted(c: SpreadConstraint, n: SimNode): boolean {
    for (const k of this.requireKeys) if (n.labels[k] === undefined) return false;
    const aff = this.ctx.group.nodeAffinity;
    if (c.nodeAffinityHonor && aff !== null && !aff.match(n)) return false;
    return !c.nodeTaintsHonor || !untoleratedScheduleTaint(n, this.ctx.tolerations);
  }

  private prefilter(c: SpreadConstraint): Hard {
    const { group, topology } = this.ctx;
    const key = c.topologyKey;
    const aff = c.nodeAffinityHonor ? group.nodeAffinity : null;
    const everyNode = topology.allHave(this.requireKeys) && aff === null && !c.nodeTaintsHonor;
    const counts = new Map<string, number>();
    for (const q of this.matching(c)) {
      if (everyNode && key === ZONE_KEY) {
        for (const [z, k] of q.activeZoneMap) counts.set(z, (counts.get(z) ?? 0) + k);
      } else {
        for (const [n, k] of q.activeNodeMap) {
          if (everyNode || this.counted(c, n)) {
            const v = n.labels[key];
            counts.set(v, (counts.get(v) ?? 0) + k);
          }
        }
      }
    }
    const domains = everyNode
      ? topology.values(key)
      : topology.domains(
          key,
          (n) => this.counted(c, n),
          `${this.requireKeys.join('\u0000')}\u0001${key}`,
          aff,
          c.nodeTaintsHonor ? this.ctx.tolerations : null,
        );
    let min = 0;
    if (domains >= c.minDomains && counts.size >= domains) {
      min = Infinity;
      for (const k of counts.values()) if (k < min) min = k;
      if (min === Infinity) min = 0;
    }
    return { c, selfMatch: c.selector.matches(group.labels) ? 1 : 0, domains, counts, min, paths: null, zoneOk: null };
  }

  /** PodTopologySpread Filter: 0, SPREAD_SKEW (Unschedulable) or SPREAD_MISSING_LABEL (…AndUnresolvable). */
  filter(node: SimNode): number {
    for (const h of this.hard) {
      const v = node.labels[h.c.topologyKey];
      if (v === undefined) return SPREAD_MISSING_LABEL;
      if (h.c.topologyKey === ZONE_KEY) {
        if (!this.zoneOk(h, v)) return SPREAD_SKEW;
      } else if ((h.counts.get(v) ?? 0) + h.selfMatch - h.min > h.c.maxSkew) return SPREAD_SKEW;
    }
    return 0;
  }

  /** filter() without the zone-keyed constraints (for a node of a zone zoneAllows admitted). */
  filterBeyondZone(node: SimNode): number {
    const hard = this.hard;
    for (let i = 0; i < hard.length; i++) {
      const h = hard[i];
      const key = h.c.topologyKey;
      if (key === ZONE_KEY) continue;
      const v = node.labels[key];
      if (v === undefined) return SPREAD_MISSING_LABEL;
      if ((h.counts.get(v) ?? 0) + h.selfMatch - h.min > h.c.maxSkew) return SPREAD_SKEW;
    }
    return 0;
  }

  private zoneOk(h: Hard, zone: string): boolean {
    h.zoneOk ??= new Map();
    let ok = h.zoneOk.get(zone);
    if (ok === undefined) {
      ok = (h.counts.get(zone) ?? 0) + h.selfMatch - h.min <= h.c.maxSkew;
      h.zoneOk.set(zone, ok);
    }
    return ok;
  }

  /** The zone-keyed constraints alone (the same for every node of a zone), for a class of nodes. */
  zoneAllows(node: SimNode): boolean {
    for (const h of this.hard) {
      if (h.c.topologyKey !== ZONE_KEY) continue;
      const z = node.labels[ZONE_KEY];
      if (z === undefined || !this.zoneOk(h, z)) return false;
    }
    return true;
  }

  /** False when a zone constraint rejects every zone: no node can pass. */
  somewhereFeasible(zoneRepresentatives: readonly SimNode[]): boolean {
    const zoneHard = this.hard.filter((h) => h.c.topologyKey === ZONE_KEY);
    if (zoneHard.length === 0) return true;
    return zoneRepresentatives.some((n) => zoneHard.every((h) => n.labels[ZONE_KEY] !== undefined && this.zoneOk(h, n.labels[ZONE_KEY])));
  }

  // --- preemption's dry run: AddPod / RemovePod (updateWithPod) ---------------------------

  /** Whether a pod of group `q` counts for some hard constraint (AddPod / RemovePod would move counts). */
  counts(q: PodGroup): boolean {
    if (q.namespace !== this.ctx.group.namespace) return false;
    for (const h of this.hard) if (h.c.selector.matches(q.labels)) return true;
    return false;
  }

  clone(): SpreadState {
    const s = Object.create(SpreadState.prototype) as SpreadState;
    Object.assign(s, this);
    (s as unknown as { hard: Hard[] }).hard = this.hard.map((h) => {
      const paths = h.paths ?? this.initialPaths(h);
      h.paths = paths;
      return { ...h, counts: new Map(h.counts), paths: [{ ...paths[0] }, { ...paths[1] }], zoneOk: null };
    });
    return s;
  }

  /**
   * updateWithPod: a pod of group `q` on `node` added (+1) or removed (−1). Like upstream it
   * does not look at whether that pod is terminating.
   */
  update(q: PodGroup, node: SimNode, delta: number): void {
    if (q.namespace !== this.ctx.group.namespace) return;
    for (const k of this.requireKeys) if (node.labels[k] === undefined) return;
    for (const h of this.hard) {
      if (!h.c.selector.matches(q.labels)) continue;
      const c = h.c;
      const aff = this.ctx.group.nodeAffinity;
      if (c.nodeAffinityHonor && aff !== null && !aff.match(node)) continue;
      if (c.nodeTaintsHonor && untoleratedScheduleTaint(node, this.ctx.tolerations)) continue;
      const v = node.labels[c.topologyKey];
      const n = (h.counts.get(v) ?? 0) + delta;
      h.counts.set(v, n);
      updatePaths(h.paths!, v, n);
      h.min = h.domains < c.minDomains ? 0 : h.paths![0].count;
      h.zoneOk = null;
    }
  }

  /** The two smallest domains (deterministic among ties: by count, then value). */
  private initialPaths(h: Hard): [Path, Path] {
    const values = new Set<string>();
    for (const n of this.ctx.topology.nodes) if (this.counted(h.c, n)) values.add(n.labels[h.c.topologyKey]);
    const all = [...values].map((value) => ({ value, count: h.counts.get(value) ?? 0 }));
    all.sort((a, b) => a.count - b.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const none = { value: '', count: 2 ** 31 - 1 };
    return [all[0] ?? { ...none }, all[1] ?? { ...none }];
  }

  // --- Score --------------------------------------------------------------------------------

  /** PreScore + Score + NormalizeScore, adding weight × normalised score to `total`; false on Skip. */
  addScores(feasible: readonly SimNode[], total: number[], weight: number): boolean {
    return addSpreadScores(this.ctx, feasible, total, weight);
  }
}

/** criticalPaths.update (common.go): keeps the two smallest domains as upstream does. */
function updatePaths(p: [Path, Path], value: string, count: number): void {
  let i = -1;
  if (value === p[0].value) i = 0;
  else if (value === p[1].value) i = 1;
  if (i >= 0) {
    p[i].count = count;
    if (p[0].count > p[1].count) {
      const t = p[0];
      p[0] = p[1];
      p[1] = t;
    }
  } else if (count < p[0].count) {
    p[1] = p[0];
    p[0] = { value, count };
  } else if (count < p[1].count) {
    p[1] = { value, count };
  }
}

