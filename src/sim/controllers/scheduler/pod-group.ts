// A set of pods that are the same to the scheduler — same namespace, labels and spec: the pods of
// one ReplicaSet revision (or pods of a dump that share all of that) — with what the scheduler
// compiles from their spec once (framework.PodInfo: node affinity, affinity terms, spread
// constraints; matchLabelKeys merged as the API server does at pod creation) and the counts its
// plugins read: matching pods per node, non-terminating (PodTopologySpread) and all bound pods
// holding resources, terminating ones included (InterPodAffinity, whose cache keeps a pod until
// its object is gone).
import { hasPodAffinityTerms, type PodAffinityTerm, type WeightedPodAffinityTerm } from '../../../model/affinity.js';
import { type Labels, labelSelectorAsSelector, type Requirement, Selector } from '../../../model/label-selector.js';
import {
  nodeNamesFromAffinity,
  PreferredNodeAffinity,
  type RequiredNodeAffinity,
  requiredNodeAffinity,
} from '../../../model/node-affinity.js';
import type { PodTemplate, TopologySpread } from '../../../model/types.js';
import { LABEL_CONTROLLER_REVISION_HASH, LABEL_POD_TEMPLATE_HASH } from '../../../model/well-known.js';
import { type SimNode, SimReplicaSet, type SimRevision } from '../../state/objects.js';

/** framework.AffinityTerm: a pod (anti-)affinity term compiled for one pod. */
export class AffinityTerm {
  constructor(
    readonly namespaces: ReadonlySet<string>,
    /** Nothing when the term has no namespaceSelector; Everything for `{}`. */
    readonly nsSelector: Selector,
    readonly selector: Selector,
    readonly topologyKey: string,
    /**
     * The namespaces the term covers for its own pod, namespaceSelector resolved against the
     * Namespace objects (mergeAffinityTermNamespacesIfNotEmpty); null: every namespace.
     */
    readonly resolved: ReadonlySet<string> | null,
  ) {}

  /** AffinityTerm.Matches: the term of an existing pod against another pod (its namespace's labels). */
  matches(namespace: string, nsLabels: Labels, labels: Labels): boolean {
    return (this.namespaces.has(namespace) || this.nsSelector.matches(nsLabels)) && this.selector.matches(labels);
  }

  /** The incoming pod's term (namespaceSelector already merged into its namespaces) against a pod. */
  matchesAsOwn(namespace: string, labels: Labels): boolean {
    return (this.resolved === null || this.resolved.has(namespace)) && this.selector.matches(labels);
  }
}

export interface WeightedTerm {
  readonly term: AffinityTerm;
  readonly weight: number;
}

/** A topology spread constraint compiled for one pod (podtopologyspread common.go topologySpreadConstraint). */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly minDomains: number;
  readonly selector: Selector;
  readonly nodeAffinityHonor: boolean;
  readonly nodeTaintsHonor: boolean;
}

/** What the cluster's namespaces look like (for namespaceSelector). */
export interface NamespaceLister {
  labelsOf(namespace: string): Labels;
  /** Names of the namespaces whose labels match. */
  matching(selector: Selector): string[];
}

export class PodGroup {
  /** Pod labels as the pods carry them: the template's plus pod-template-hash of the ReplicaSet. */
  readonly labels: Labels;
  readonly nsLabels: Labels;
  // framework.PodInfo, compiled once.
  readonly nodeAffinity: RequiredNodeAffinity | null;
  readonly nodeNames: Set<string> | null;
  readonly preferredNodeAffinity: PreferredNodeAffinity | null;
  readonly requiredAffinity: readonly AffinityTerm[];
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  readonly preferredAffinity: readonly WeightedTerm[];
  readonly preferredAntiAffinity: readonly WeightedTerm[];
  readonly hasPodAffinity: boolean;
  /** DoNotSchedule constraints (filter) and ScheduleAnyway ones (score). */
  readonly hardSpread: readonly SpreadConstraint[];
  readonly softSpread: readonly SpreadConstraint[];
  /** The pod has constraints of its own (no system default spreading). */
  readonly ownSpread: boolean;
  /** The ScheduleAnyway constraints' keys. */
  readonly softKeys: readonly string[];

  /** Counts come from the ReplicaSet's own per-node counts (all its pods are of this group). */
  rsBacked: boolean;
  /** Non-terminating bound pods per node and zone, when not rsBacked. */
  readonly activeNodes = new Map<SimNode, number>();
  readonly activeZones = new Map<string, number>();
  /** Bound pods holding resources per node (terminating included), kept in inter-pod mode. */
  readonly holding = new Map<SimNode, number>();
  holdingTotal = 0;
  /** [this], for the plugins that read a list of groups. */
  readonly alone: readonly PodGroup[] = [this];

  /**
   * The labels of the selector the system default spreading uses (DefaultSelector: the
   * ReplicaSet's, pod-template-hash included; a StatefulSet's, every revision), or null: no
   * default constraints (DaemonSet pods, pods no workload owns).
   */
  readonly defaultSpreadLabels: Labels | null;

  constructor(
    readonly id: number,
    readonly namespace: string,
    readonly template: PodTemplate,
    /** The revision whose template this is (its counts back the group's), or null (pods with a spec of their own). */
    readonly revision: SimRevision | null,
    /** The revision the pods belong to (their revision label and default spreading come from it). */
    owner: SimRevision | null,
    namespaces: NamespaceLister,
  ) {
    const t = template;
    this.labels = withRevisionLabel(t.labels, owner);
    this.nsLabels = namespaces.labelsOf(namespace);
    this.rsBacked = revision !== null;
    this.defaultSpreadLabels = owner instanceof SimReplicaSet ? this.labels : owner?.workload.kind === 'StatefulSet' ? t.labels : null;
    const a = t.affinity;
    this.nodeAffinity = requiredNodeAffinity(t.nodeSelector, a?.nodeAffinity);
    this.nodeNames = nodeNamesFromAffinity(a?.nodeAffinity);
    const preferred = a?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const pna = preferred.length > 0 ? new PreferredNodeAffinity(preferred) : null;
    this.preferredNodeAffinity = pna && !pna.empty ? pna : null;
    const term = (x: PodAffinityTerm) => compileTerm(x, namespace, this.labels, namespaces);
    const weighted = (xs: readonly WeightedPodAffinityTerm[] | undefined) =>
      (xs ?? []).filter((w) => w.weight > 0).map((w) => ({ term: term(w.podAffinityTerm), weight: w.weight }));
    this.requiredAffinity = (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(term);
    this.requiredAntiAffinity = (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(term);
    this.preferredAffinity = weighted(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.preferredAntiAffinity = weighted(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.hasPodAffinity = hasPodAffinityTerms(a);
    const spread = t.topologySpread.map((c) => ({ c, s: compileSpread(c, t.labels, this.labels) }));
    this.hardSpread = spread.filter((x) => x.c.whenUnsatisfiable === 'DoNotSchedule').map((x) => x.s);
    this.softSpread = spread.filter((x) => x.c.whenUnsatisfiable === 'ScheduleAnyway').map((x) => x.s);
    this.ownSpread = t.topologySpread.length > 0;
    this.softKeys = this.softSpread.map((c) => c.topologyKey);
  }

  get priority(): number {
    return this.template.priority;
  }

  /** Non-terminating matching pods bound to `node`. */
  activeOn(node: SimNode): number {
    return (this.rsBacked ? this.revision!.activePerNode.get(node) : this.activeNodes.get(node)) ?? 0;
  }

  activeInZone(zone: string): number {
    return (this.rsBacked ? this.revision!.activePerZone.get(zone) : this.activeZones.get(zone)) ?? 0;
  }

  /** Non-terminating pods of the group per node (read only). */
  get activeNodeMap(): ReadonlyMap<SimNode, number> {
    return this.rsBacked ? this.revision!.activePerNode : this.activeNodes;
  }

  /** Non-terminating pods of the group per zone (read only). */
  get activeZoneMap(): ReadonlyMap<string, number> {
    return this.rsBacked ? this.revision!.activePerZone : this.activeZones;
  }

  bumpActive(node: SimNode, by: number): void {
    bump(this.activeNodes, node, by);
    bump(this.activeZones, node.zone, by);
  }

  bumpHolding(node: SimNode, by: number): void {
    bump(this.holding, node, by);
    this.holdingTotal += by;
  }
}

function bump<K>(m: Map<K, number>, k: K, by: number): void {
  const v = (m.get(k) ?? 0) + by;
  if (v === 0) m.delete(k);
  else m.set(k, v);
}

/** The pod-template-hash label of a ReplicaSet's pods (Headroom names ReplicaSets <deployment>-<revision>). */
/**
 * pod-template-hash: a value unique to the ReplicaSet in its namespace (Kubernetes hashes the
 * template; the ReplicaSet's name ends with it, so the name is used whole).
 */
export function podTemplateHash(rs: SimReplicaSet): string {
  return rs.name;
}

/** The label the pods' controller adds: pod-template-hash (ReplicaSet) or controller-revision-hash (ControllerRevision). */
function withRevisionLabel(labels: Labels, owner: SimRevision | null): Labels {
  if (owner === null) return labels;
  const key = owner instanceof SimReplicaSet ? LABEL_POD_TEMPLATE_HASH : LABEL_CONTROLLER_REVISION_HASH;
  if (labels[key] !== undefined) return labels;
  return { ...labels, [key]: owner instanceof SimReplicaSet ? podTemplateHash(owner) : owner.name };
}

/**
 * newAffinityTerm with the API server's matchLabelKeys / mismatchLabelKeys merge: `key In
 * [value]` / `key NotIn [value]` for each listed key the pod has.
 */
function compileTerm(t: PodAffinityTerm, namespace: string, podLabels: Labels, namespaces: NamespaceLister): AffinityTerm {
  let selector = labelSelectorAsSelector(t.labelSelector);
  if (t.labelSelector) selector = selector.and(labelKeyRequirements(t.matchLabelKeys, t.mismatchLabelKeys, podLabels));
  // getNamespacesFromPodAffinityTerm: no namespaces and no namespaceSelector → the pod's own.
  const own = (t.namespaces?.length ?? 0) === 0 && !t.namespaceSelector;
  const listed = new Set(own ? [namespace] : (t.namespaces ?? []));
  const nsSelector = labelSelectorAsSelector(t.namespaceSelector);
  let resolved: Set<string> | null = listed;
  if (nsSelector.empty) resolved = null;
  else if (!nsSelector.nothing) resolved = new Set([...listed, ...namespaces.matching(nsSelector)]);
  return new AffinityTerm(listed, nsSelector, selector, t.topologyKey, resolved);
}

function labelKeyRequirements(match: readonly string[] | undefined, mismatch: readonly string[] | undefined, labels: Labels): Requirement[] {
  const out: Requirement[] = [];
  for (const k of match ?? []) if (labels[k] !== undefined) out.push({ key: k, operator: 'In', values: [labels[k]] });
  for (const k of mismatch ?? []) if (labels[k] !== undefined) out.push({ key: k, operator: 'NotIn', values: [labels[k]] });
  return out;
}

/**
 * filterTopologySpreadConstraints: defaults (minDomains 1, nodeAffinityPolicy Honor,
 * nodeTaintsPolicy Ignore) and matchLabelKeys ANDed into the selector with the pod's values
 * (keys it lacks are ignored; a nil selector stays nil). An absent selector is Headroom's
 * shorthand for the workload's own pods: matchLabels of the template's labels.
 */
function compileSpread(c: TopologySpread, templateLabels: Labels, podLabels: Labels): SpreadConstraint {
  let selector =
    c.labelSelector === undefined
      ? Object.keys(templateLabels).length === 0
        ? Selector.EVERYTHING
        : labelSelectorAsSelector({ matchLabels: templateLabels })
      : labelSelectorAsSelector(c.labelSelector);
  selector = selector.and(labelKeyRequirements(c.matchLabelKeys, undefined, podLabels));
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    minDomains: c.minDomains ?? 1,
    selector,
    nodeAffinityHonor: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    nodeTaintsHonor: c.nodeTaintsPolicy === 'Honor',
  };
}
