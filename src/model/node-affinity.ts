// Node selectors and node affinity, after
// staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go:
// nodeSelector (every key equal) ANDed with requiredDuringScheduling… terms; terms are ORed,
// a term's matchExpressions and matchFields ANDed; an empty term selects nothing; a term that
// fails to parse is dropped ("ignore parsing errors for backwards compatibility"). matchFields
// knows one field, metadata.name (In / NotIn, one value). Preferred terms add their weight.
import {
  type Labels,
  type Requirement,
  requirementMatches,
  requirementProblem,
  type SelectionOperator,
} from './label-selector.js';

export type NodeSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: NodeSelectorOperator;
  readonly values?: readonly string[];
}

export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly NodeSelectorRequirement[];
  readonly matchFields?: readonly NodeSelectorRequirement[];
}

export interface NodeSelector {
  readonly nodeSelectorTerms: readonly NodeSelectorTerm[];
}

export interface PreferredSchedulingTerm {
  /** 1..100. */
  readonly weight: number;
  readonly preference: NodeSelectorTerm;
}

/** v1.NodeAffinity. */
export interface NodeAffinity {
  readonly requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector | null;
  readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly PreferredSchedulingTerm[];
}

/** What a node selector is matched against: the node's name (fields) and labels. */
export interface NodeLike {
  readonly name: string;
  readonly labels: Labels;
}

export const FIELD_NODE_NAME = 'metadata.name';

interface ParsedTerm {
  /** null: the term has no matchExpressions. */
  readonly labels: readonly Requirement[] | null;
  /** null: no matchFields. Each is (field, In|NotIn, one value). */
  readonly fields: readonly Requirement[] | null;
}

const isEmptyTerm = (t: NodeSelectorTerm): boolean => (t.matchExpressions?.length ?? 0) === 0 && (t.matchFields?.length ?? 0) === 0;

/** newNodeSelectorTerm: the term, or null when a requirement fails to parse. */
function parseTerm(t: NodeSelectorTerm): ParsedTerm | null {
  let labels: Requirement[] | null = null;
  let fields: Requirement[] | null = null;
  if ((t.matchExpressions?.length ?? 0) > 0) {
    labels = [];
    for (const e of t.matchExpressions!) {
      const r: Requirement = { key: e.key, operator: e.operator as SelectionOperator, values: e.values ?? [] };
      if (requirementProblem(r) !== null) return null;
      labels.push(r);
    }
  }
  if ((t.matchFields?.length ?? 0) > 0) {
    fields = [];
    for (const e of t.matchFields!) {
      // nodeSelectorRequirementsAsFieldSelector: In / NotIn with exactly one value.
      if ((e.operator !== 'In' && e.operator !== 'NotIn') || (e.values?.length ?? 0) !== 1) return null;
      fields.push({ key: e.key, operator: e.operator, values: [e.values![0]] });
    }
  }
  return { labels, fields };
}

/** nodeSelectorTerm.match; fields are only looked at when the node has a name (extractNodeFields). */
function termMatches(t: ParsedTerm, node: NodeLike): boolean {
  if (t.labels === null && t.fields === null) return false;
  if (t.labels !== null) for (const r of t.labels) if (!requirementMatches(r, node.labels)) return false;
  if (t.fields !== null && node.name !== '') {
    for (const r of t.fields) {
      const v = r.key === FIELD_NODE_NAME ? node.name : '';
      if ((v === r.values[0]) !== (r.operator === 'In')) return false;
    }
  }
  return true;
}

/** LazyErrorNodeSelector: the parsed terms; matches when any term does (no term: nothing). */
export class NodeSelectorMatcher {
  private readonly terms: readonly ParsedTerm[];

  constructor(selector: NodeSelector) {
    const terms: ParsedTerm[] = [];
    for (const t of selector.nodeSelectorTerms) {
      if (isEmptyTerm(t)) continue;
      const parsed = parseTerm(t);
      if (parsed) terms.push(parsed);
    }
    this.terms = terms;
  }

  match(node: NodeLike): boolean {
    for (const t of this.terms) if (termMatches(t, node)) return true;
    return false;
  }
}

/**
 * nodeaffinity.GetRequiredNodeAffinity: the pod's nodeSelector ANDed with its required node
 * affinity. `null` from requiredNodeAffinity() means neither is set (NodeAffinity PreFilter Skip).
 */
export class RequiredNodeAffinity {
  private readonly selectorKeys: readonly string[];
  private readonly affinity: NodeSelectorMatcher | null;

  constructor(
    private readonly nodeSelector: Labels,
    required: NodeSelector | null | undefined,
  ) {
    this.selectorKeys = Object.keys(nodeSelector);
    this.affinity = required ? new NodeSelectorMatcher(required) : null;
  }

  match(node: NodeLike): boolean {
    const sel = this.nodeSelector;
    const keys = this.selectorKeys;
    for (let i = 0; i < keys.length; i++) if (node.labels[keys[i]] !== sel[keys[i]]) return false;
    return this.affinity === null || this.affinity.match(node);
  }
}

export function requiredNodeAffinity(nodeSelector: Labels, affinity: NodeAffinity | undefined): RequiredNodeAffinity | null {
  const required = affinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null;
  if (Object.keys(nodeSelector).length === 0 && required === null) return null;
  return new RequiredNodeAffinity(nodeSelector, required);
}

/**
 * NodeAffinity PreFilter's PreFilterResult: when every required term has a `metadata.name In`
 * field requirement, the nodes the pod may go to at all — the union over terms of the
 * intersection within each term. null: no such restriction.
 */
export function nodeNamesFromAffinity(affinity: NodeAffinity | undefined): Set<string> | null {
  const terms = affinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return null;
  let union: Set<string> | null = null;
  for (const t of terms) {
    let names: Set<string> | null = null;
    for (const f of t.matchFields ?? []) {
      if (f.key !== FIELD_NODE_NAME || f.operator !== 'In') continue;
      const these = new Set<string>(f.values ?? []);
      if (names === null) names = these;
      else {
        const both = new Set<string>();
        for (const n of names as Set<string>) if (these.has(n)) both.add(n);
        names = both;
      }
    }
    // A term without a metadata.name In requirement may select any node.
    if (names === null) return null;
    union ??= new Set();
    for (const n of names) union.add(n);
  }
  return union;
}

/** PreferredSchedulingTerms: weights of the terms a node matches (weight-0 and empty terms skipped). */
export class PreferredNodeAffinity {
  private readonly terms: readonly { readonly term: ParsedTerm; readonly weight: number }[];

  constructor(preferred: readonly PreferredSchedulingTerm[]) {
    const terms: { term: ParsedTerm; weight: number }[] = [];
    for (const p of preferred) {
      if (p.weight === 0 || isEmptyTerm(p.preference)) continue;
      const term = parseTerm(p.preference);
      if (term) terms.push({ term, weight: p.weight });
    }
    this.terms = terms;
  }

  get empty(): boolean {
    return this.terms.length === 0;
  }

  score(node: NodeLike): number {
    let s = 0;
    for (const t of this.terms) if (termMatches(t.term, node)) s += t.weight;
    return s;
  }
}

/** The API server's validation of a node selector requirement (ValidateNodeSelectorRequirement), or null. */
export function nodeSelectorRequirementProblem(r: NodeSelectorRequirement, field: boolean): string | null {
  const n = r.values?.length ?? 0;
  if (field) {
    if (r.key !== FIELD_NODE_NAME) return `"${r.key}" is not a supported field (only ${FIELD_NODE_NAME})`;
    if (r.operator !== 'In' && r.operator !== 'NotIn') return `operator ${r.operator} is not supported for fields (In, NotIn)`;
    if (n !== 1) return 'must have exactly one value';
    return null;
  }
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      return n === 0 ? `operator ${r.operator} needs at least one value` : null;
    case 'Exists':
    case 'DoesNotExist':
      return n > 0 ? `operator ${r.operator} takes no values` : null;
    case 'Gt':
    case 'Lt':
      return n !== 1 ? `operator ${r.operator} takes exactly one value` : null;
    default:
      return `"${r.operator as string}" is not a valid operator (In, NotIn, Exists, DoesNotExist, Gt, Lt)`;
  }
}
