// Pod scheduling constraints of the v1 API (field names as Kubernetes spells them): node
// affinity (node-affinity.ts), inter-pod affinity and anti-affinity terms, and the API server's
// validation of them (ValidatePodAffinityTerm, ValidateTopologySpreadConstraints), which the
// loaders apply so that nothing Kubernetes would refuse reaches the simulation.
import { isLabelKey, labelSelectorProblem, type LabelSelector } from './label-selector.js';
import type { NodeAffinity } from './node-affinity.js';

export interface PodAffinityTerm {
  /** nil selects no pods; `{}` every pod (of the term's namespaces). */
  readonly labelSelector?: LabelSelector | null;
  /** Empty, with no namespaceSelector: the pod's own namespace. */
  readonly namespaces?: readonly string[];
  /** `{}`: every namespace; nil: none beyond `namespaces`. */
  readonly namespaceSelector?: LabelSelector | null;
  readonly topologyKey: string;
  /** Merged into labelSelector at pod creation (`key In [pod's value]`). */
  readonly matchLabelKeys?: readonly string[];
  /** Merged into labelSelector at pod creation (`key NotIn [pod's value]`). */
  readonly mismatchLabelKeys?: readonly string[];
}

export interface WeightedPodAffinityTerm {
  /** 1..100. */
  readonly weight: number;
  readonly podAffinityTerm: PodAffinityTerm;
}

/** v1.PodAffinity and v1.PodAntiAffinity have the same shape. */
export interface PodAffinity {
  readonly requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[];
  readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly WeightedPodAffinityTerm[];
}

export interface Affinity {
  readonly nodeAffinity?: NodeAffinity;
  readonly podAffinity?: PodAffinity;
  readonly podAntiAffinity?: PodAffinity;
}

export type PreemptionPolicy = 'PreemptLowerPriority' | 'Never';
export type NodeInclusionPolicy = 'Honor' | 'Ignore';

/** The pod carries inter-pod (anti-)affinity terms of any kind. */
export function hasPodAffinityTerms(a: Affinity | undefined): boolean {
  if (!a) return false;
  for (const x of [a.podAffinity, a.podAntiAffinity]) {
    if (x && ((x.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 || (x.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0)) {
      return true;
    }
  }
  return false;
}

/** ValidatePodAffinityTerm (+ matchLabelKeys rules): the first problem and its field, or null. */
export function podAffinityTermProblem(t: PodAffinityTerm): { field: string; problem: string } | null {
  if (!t.topologyKey) return { field: 'topologyKey', problem: 'can not be empty' };
  if (!isLabelKey(t.topologyKey)) return { field: 'topologyKey', problem: `"${t.topologyKey}" is not a valid label key` };
  const sel = labelSelectorProblem(t.labelSelector);
  if (sel) return { field: 'labelSelector', problem: sel };
  const ns = labelSelectorProblem(t.namespaceSelector);
  if (ns) return { field: 'namespaceSelector', problem: ns };
  const keys = [...(t.matchLabelKeys ?? []), ...(t.mismatchLabelKeys ?? [])];
  for (const k of keys) if (!isLabelKey(k)) return { field: 'matchLabelKeys', problem: `"${k}" is not a valid label key` };
  if (new Set(keys).size !== keys.length) return { field: 'mismatchLabelKeys', problem: 'a key may not be in both matchLabelKeys and mismatchLabelKeys' };
  if (keys.length > 0 && !t.labelSelector) return { field: 'matchLabelKeys', problem: 'may not be set when labelSelector is not set' };
  return null;
}
