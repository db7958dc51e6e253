// maxSurge / maxUnavailable / PDB values, as k8s.io/apimachinery/pkg/util/intstr/intstr.go
// resolves them (GetScaledValueFromIntOrPercent, getIntOrPercentValueSafely).
import type { IntOrPercent } from './types.js';

// strconv.Atoi on what precedes the trailing '%': an optional sign and decimal digits only.
const PERCENT = /^([+-]?\d+)%$/;

function parse(v: IntOrPercent): { value: number; percent: boolean } {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`invalid value for IntOrString: ${v} is not an integer`);
    return { value: v, percent: false };
  }
  if (typeof v !== 'string') throw new Error('invalid value for IntOrString: invalid type: neither int nor percentage');
  // A string must be a percentage; "5" is an error upstream, not 5.
  if (!v.endsWith('%')) throw new Error(`invalid value for IntOrString: invalid type: string "${v}" is not a percentage`);
  const m = PERCENT.exec(v);
  if (!m) throw new Error(`invalid value for IntOrString: invalid value "${v}": not an integer percentage`);
  return { value: Number(m[1]), percent: true };
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is; "N%" as N * total / 100 rounded up or down.
 * Throws Error('invalid value for IntOrString: ...') for "oops", "12%345", "12.5%", "5".
 */
export function getScaledValueFromIntOrPercent(v: IntOrPercent, total: number, roundUp: boolean): number {
  const { value, percent } = parse(v);
  if (!percent) return value;
  // Same float64 operations and order as upstream: value * total / 100, then ceil or floor.
  const scaled = (value * total) / 100;
  return (roundUp ? Math.ceil(scaled) : Math.floor(scaled)) + 0; // + 0: never -0
}

/** True for an integer or a well-formed "N%" string: exactly what the scaler accepts. */
export function isIntOrPercent(v: unknown): v is IntOrPercent {
  if (typeof v === 'number') return Number.isSafeInteger(v);
  return typeof v === 'string' && PERCENT.test(v);
}

/** 0 or "0%" (in any spelling strconv.Atoi reads as zero, e.g. "+0%"). */
export function isZero(v: IntOrPercent): boolean {
  return isIntOrPercent(v) && parse(v).value === 0;
}

// The API validation's reading (apps/validation), which differs from the scaler's: no sign.
/** validation.IsValidPercent: digits then '%'. */
const VALID_PERCENT = /^[0-9]+%$/;

/** ValidatePositiveIntOrPercent: a string must be a percentage, an int must be ≥ 0 (the problem, or null). */
export function positiveIntOrPercent(v: IntOrPercent): string | null {
  if (typeof v === 'string') return VALID_PERCENT.test(v) ? null : "must be an integer or percentage (e.g. '5%')";
  return Number.isSafeInteger(v) && v >= 0 ? null : 'must be a whole number ≥ 0 or a percentage';
}

/** validation's getIntOrPercentValue: the number before '%', or the int. */
export function intOrPercentValue(v: IntOrPercent): number {
  return typeof v === 'string' ? Number(v.slice(0, -1)) : v;
}
