// PodTopologySpread's Score, after pkg/scheduler/framework/plugins/podtopologyspread scoring.go
// (PreScore initPreScoreState, Score, NormalizeScore): the pod's ScheduleAnyway constraints, or
// for a pod with none of its own the system defaults (buildDefaultConstraints: hostname maxSkew
// 3, zone maxSkew 5 on the ReplicaSet's or StatefulSet's selector); Σ count × ln(size + 2) +
// maxSkew − 1 per constraint, normalised 100 × (max + min − s) / max.
import { LABEL_HOSTNAME as HOSTNAME_KEY, LABEL_ZONE as ZONE_KEY } from '../../../../model/well-known.js';
import { labelSelectorAsSelector } from '../../../../model/label-selector.js';
import type { SimNode } from '../../../state/objects.js';
import type { PodGroup, SpreadConstraint } from '../pod-group.js';
import { type SpreadContext, spreadMatches, untoleratedScheduleTaint } from './pod-topology-spread-common.js';

const SYSTEM_DEFAULTS = [
  { topologyKey: HOSTNAME_KEY, maxSkew: 3 },
  { topologyKey: ZONE_KEY, maxSkew: 5 },
] as const;

/** PreScore + Score + NormalizeScore, adding weight × normalised score to `total`; false on Skip. */
export function addSpreadScores(ctx: SpreadContext, feasible: readonly SimNode[], total: number[], weight: number): boolean {
  const { group } = ctx;
  const own = group.ownSpread;
  let constraints: readonly SpreadConstraint[];
  let sets: readonly PodGroup[] | null = null;
  if (own) constraints = group.softSpread;
  else if (group.defaultSpreadLabels !== null) {
    constraints = defaultConstraints(group, group.defaultSpreadLabels);
    // A ReplicaSet whose pods are all of its template: its group is every pod the selector
    // (pod-template-hash included) matches.
    sets = group.rsBacked && group.defaultSpreadLabels === group.labels ? group.alone : null;
  } else constraints = [];
  if (constraints.length === 0 || feasible.length === 0) return false;
  const keys = own ? group.softKeys : DEFAULT_KEYS;
  // requireAllTopologies: only for the pod's own constraints.
  const ignored = own ? feasible.map((n) => keys.some((k) => n.labels[k] === undefined)) : null;
  const kept = ignored ? feasible.filter((_, i) => !ignored[i]) : feasible;
  const scores = new Array<number>(feasible.length).fill(0);
  for (const c of constraints) {
    const matching = sets ?? spreadMatches(ctx.groups, group, c);
    const key = c.topologyKey;
    let size: number;
    let pairs: Map<string, number> | null = null;
    // The zone counts of every node are the groups' zone counts (no node left out by policy).
    const byZone = key === ZONE_KEY && (!c.nodeAffinityHonor || group.nodeAffinity === null) && !c.nodeTaintsHonor && ctx.topology.allHave(own ? keys : NO_KEYS);
    if (key === HOSTNAME_KEY) size = kept.length;
    else if (byZone) size = distinctValues(kept, key);
    else {
      pairs = new Map();
      for (const n of kept) pairs.set(n.labels[key] ?? '', 0);
      size = pairs.size;
      countPairs(ctx, c, own ? keys : NO_KEYS, matching, pairs);
    }
    const w = Math.log(size + 2);
    for (let i = 0; i < feasible.length; i++) {
      const n = feasible[i];
      if (ignored?.[i]) continue;
      const v = n.labels[key];
      if (v === undefined) continue;
      let cnt = 0;
      if (pairs !== null) cnt = pairs.get(v) ?? 0;
      else if (byZone) for (const q of matching) cnt += q.activeInZone(v);
      else for (const q of matching) cnt += q.activeOn(n);
      scores[i] += cnt * w + (c.maxSkew - 1);
    }
  }
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < scores.length; i++) {
    if (ignored?.[i]) continue;
    scores[i] = Math.round(scores[i]);
    if (scores[i] < min) min = scores[i];
    if (scores[i] > max) max = scores[i];
  }
  for (let i = 0; i < feasible.length; i++) {
    if (ignored?.[i]) continue;
    total[i] += weight * (max === 0 ? 100 : Math.trunc((100 * (max + min - scores[i])) / max));
  }
  return true;
}

const NO_KEYS: readonly string[] = [];

/** How many distinct values of `key` the nodes have (a node without it counts as the value ""). */
function distinctValues(nodes: readonly SimNode[], key: string): number {
  if (nodes.length > 16) return new Set(nodes.map((n) => n.labels[key] ?? '')).size;
  let size = 0;
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i].labels[key] ?? '';
    let j = 0;
    while (j < i && (nodes[j].labels[key] ?? '') !== v) j++;
    if (j === i) size++;
  }
  return size;
}

/** PreScore's counts per candidate value, over every node passing the requirements and policies. */
function countPairs(ctx: SpreadContext, c: SpreadConstraint, requireKeys: readonly string[], matching: readonly PodGroup[], pairs: Map<string, number>): void {
  const { group, topology } = ctx;
  const aff = c.nodeAffinityHonor ? group.nodeAffinity : null;
  const everyNode = topology.allHave(requireKeys) && aff === null && !c.nodeTaintsHonor;
  const key = c.topologyKey;
  if (everyNode && key === ZONE_KEY) {
    // The zone pairs of the candidates, each the sum of the groups' zone counts.
    for (const [v, cur] of pairs) {
      let k = cur;
      for (const q of matching) k += q.activeInZone(v);
      pairs.set(v, k);
    }
    return;
  }
  for (const q of matching) {
    node: for (const [n, k] of q.activeNodeMap) {
      if (!everyNode) {
        for (const r of requireKeys) if (n.labels[r] === undefined) continue node;
        if (aff !== null && !aff.match(n)) continue;
        if (c.nodeTaintsHonor && untoleratedScheduleTaint(n, ctx.tolerations)) continue;
      }
      const v = n.labels[key];
      if (v === undefined) continue;
      const cur = pairs.get(v);
      if (cur !== undefined) pairs.set(v, cur + k);
    }
  }
}

const DEFAULT_KEYS: readonly string[] = SYSTEM_DEFAULTS.map((d) => d.topologyKey);
const defaults = new WeakMap<PodGroup, readonly SpreadConstraint[]>();

/**
 * buildDefaultConstraints: the system defaults on DefaultSelector — the ReplicaSet's selector
 * (its labels, pod-template-hash included) or the StatefulSet's.
 */
function defaultConstraints(g: PodGroup, labels: Readonly<Record<string, string>>): readonly SpreadConstraint[] {
  let c = defaults.get(g);
  if (!c) {
    const selector = labelSelectorAsSelector({ matchLabels: labels });
    c = SYSTEM_DEFAULTS.map((d) => ({ ...d, minDomains: 1, selector, nodeAffinityHonor: true, nodeTaintsHonor: false }));
    defaults.set(g, c);
  }
  return c;
}
