// Label selectors as the API machinery evaluates them: apimachinery/pkg/labels/selector.go
// (NewRequirement's validation, Requirement.Matches, Selector.Empty) and
// apis/meta/v1/helpers.go LabelSelectorAsSelector — a nil selector selects nothing, an empty one
// (no matchLabels, no matchExpressions) everything; matchLabels and matchExpressions are ANDed.

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: LabelSelectorOperator;
  readonly values?: readonly string[];
}

/** metav1.LabelSelector (field names as in the API). */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export type Labels = Readonly<Record<string, string>>;

/** selection.Operator: the label operators plus the node-selector-only Gt / Lt. */
export type SelectionOperator = LabelSelectorOperator | 'Gt' | 'Lt';

/** A parsed requirement (labels.Requirement). */
export interface Requirement {
  readonly key: string;
  readonly operator: SelectionOperator;
  readonly values: readonly string[];
}

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
// strconv.ParseInt(s, 10, 64): an optional sign, then decimal digits (leading zeros allowed).
const INT64 = /^[+-]?\d+$/;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** validation.IsQualifiedName: a label key, `[prefix/]name`. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  if (slash < 0) return LABEL_NAME.test(key);
  return LABEL_PREFIX.test(key.slice(0, slash)) && LABEL_NAME.test(key.slice(slash + 1));
}

/** validation.IsValidLabelValue: empty, or up to 63 of [A-Za-z0-9_.-] starting and ending alphanumeric. */
export const isLabelValue = (v: string): boolean => LABEL_VALUE.test(v);

/** strconv.ParseInt(s, 10, 64), or null. */
export function parseInt64(s: string): bigint | null {
  if (!INT64.test(s)) return null;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? null : v;
}

/**
 * labels.NewRequirement: the key must be a qualified name; In/NotIn need values, Exists and
 * DoesNotExist take none, Gt/Lt exactly one integer; every value must be a valid label value.
 * Returns the problem, or null when the requirement is valid.
 */
export function requirementProblem(r: Requirement): string | null {
  if (!isLabelKey(r.key)) return `"${r.key}" is not a valid label key`;
  const n = r.values.length;
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (n === 0) return `for 'In', 'NotIn' operators, values set can't be empty`;
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (n !== 0) return `values set must be empty for exists and does not exist`;
      break;
    case 'Gt':
    case 'Lt':
      if (n !== 1) return `for 'Gt', 'Lt' operators, exactly one value is required`;
      if (parseInt64(r.values[0]) === null) return `for 'Gt', 'Lt' operators, the value must be an integer`;
      break;
    default:
      return `"${r.operator as string}" is not a valid operator`;
  }
  for (const v of r.values) if (!isLabelValue(v)) return `"${v}" is not a valid label value`;
  return null;
}

/** Requirement.Matches. */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const v = labels[r.key];
  switch (r.operator) {
    case 'In':
      return v !== undefined && r.values.includes(v);
    case 'NotIn':
      return v === undefined || !r.values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
    case 'Lt': {
      if (v === undefined) return false;
      const have = parseInt64(v);
      const want = parseInt64(r.values[0]);
      if (have === null || want === null) return false;
      return r.operator === 'Gt' ? have > want : have < want;
    }
  }
}

/** A compiled label selector (labels.Selector). */
export class Selector {
  static readonly NOTHING = new Selector([], true);
  static readonly EVERYTHING = new Selector([], false);

  private constructor(
    readonly requirements: readonly Requirement[],
    /** labels.Nothing(): matches no label set. */
    readonly nothing: boolean,
  ) {}

  static of(requirements: readonly Requirement[]): Selector {
    return requirements.length === 0 ? Selector.EVERYTHING : new Selector(requirements, false);
  }

  /** Selector.Empty(): selects everything (no requirement). Nothing() is not empty. */
  get empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  matches(labels: Labels): boolean {
    if (this.nothing) return false;
    const rs = this.requirements;
    for (let i = 0; i < rs.length; i++) if (!requirementMatches(rs[i], labels)) return false;
    return true;
  }

  /** selector.Add: this selector ANDed with more requirements. */
  and(more: readonly Requirement[]): Selector {
    if (this.nothing || more.length === 0) return this;
    return Selector.of([...this.requirements, ...more]);
  }
}

/** The requirements of a LabelSelector: matchLabels as Equals (In of one value), then matchExpressions. */
export function labelSelectorRequirements(s: LabelSelector): Requirement[] {
  const out: Requirement[] = [];
  for (const [key, value] of Object.entries(s.matchLabels ?? {})) out.push({ key, operator: 'In', values: [value] });
  for (const e of s.matchExpressions ?? []) out.push({ key: e.key, operator: e.operator, values: e.values ?? [] });
  return out;
}

/** The first problem LabelSelectorAsSelector would report, or null (the API server validates this). */
export function labelSelectorProblem(s: LabelSelector | null | undefined): string | null {
  if (!s) return null;
  for (const e of s.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) return `"${e.operator}" is not a valid label selector operator`;
  }
  for (const r of labelSelectorRequirements(s)) {
    const p = requirementProblem(r);
    if (p) return p;
  }
  return null;
}

/**
 * LabelSelectorAsSelector: nil → Nothing, empty → Everything. An invalid selector (which the
 * API server would have refused) selects nothing.
 */
export function labelSelectorAsSelector(s: LabelSelector | null | undefined): Selector {
  if (!s) return Selector.NOTHING;
  if (labelSelectorProblem(s) !== null) return Selector.NOTHING;
  return Selector.of(labelSelectorRequirements(s));
}

/** `k=v` pairs of a label set, for messages. */
export function formatLabels(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
