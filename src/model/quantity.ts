// Exact Kubernetes quantities, as k8s.io/apimachinery/pkg/api/resource/quantity.go parses them.
//
//   <quantity>        ::= <signedNumber><suffix>
//   <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
//   <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
//   <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
//   <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
//   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
//
// A value is kept as an exact rational (BigInt numerator / denominator) and converted to the
// integers the control plane works in, rounding *up* as Quantity.MilliValue()/Value() do:
// cpu in millicores, memory in bytes.

export class QuantityError extends Error {
  constructor(
    readonly value: string,
    readonly reason: string,
  ) {
    super(`"${value}" is not a Kubernetes quantity: ${reason}`);
    this.name = 'QuantityError';
  }
}

/** An exact quantity: `num / den` with den > 0. */
export interface Quantity {
  readonly num: bigint;
  readonly den: bigint;
  /** 'binary' when written with Ki..Ei, else 'decimal' (used to format it back alike). */
  readonly format: 'binary' | 'decimal';
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
const EXPONENT = /^[eE]([+-]?\d+)$/;
// apimachinery refuses exponents that would not fit its int32 scale; far beyond any resource.
const MAX_EXPONENT = 1000;

const SUGGEST: Record<string, string> = {
  kb: 'k or Ki', kib: 'Ki', mb: 'M or Mi', mib: 'Mi', gb: 'G or Gi', gib: 'Gi', tb: 'T or Ti',
  tib: 'Ti', pb: 'P or Pi', eb: 'E or Ei', b: 'no suffix (plain bytes)', ki: 'Ki', mi: 'Mi',
  gi: 'Gi', ti: 'Ti', g: 'G or Gi', K: 'k or Ki', mcpu: 'm', cores: 'no suffix (cores)',
};

/** Parses a quantity string exactly; throws QuantityError quoting the value otherwise. */
export function parseQuantity(input: string): Quantity {
  const value = String(input);
  if (value.length === 0) throw new QuantityError(value, 'empty');
  const m = NUMBER.exec(value);
  if (!m) throw new QuantityError(value, 'expected a number with an optional suffix');
  const [, sign, intPart, fracPart, suffix] = m;
  if (intPart === '' && (fracPart === undefined || fracPart === '')) {
    throw new QuantityError(value, 'expected digits, e.g. 500m, 2, 1.5Gi');
  }
  const digits = intPart + (fracPart ?? '');
  let num = BigInt(digits === '' ? '0' : digits);
  let den = 10n ** BigInt((fracPart ?? '').length);
  if (sign === '-') num = -num;
  let format: Quantity['format'] = 'decimal';
  if (suffix in BINARY) {
    num *= 1n << BigInt(BINARY[suffix]);
    format = 'binary';
  } else if (suffix in DECIMAL) {
    const e = DECIMAL[suffix];
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  } else {
    const ex = EXPONENT.exec(suffix);
    if (!ex) {
      const hint = SUGGEST[suffix] ?? SUGGEST[suffix.toLowerCase()];
      throw new QuantityError(
        value,
        `unknown suffix "${suffix}"` + (hint ? ` (did you mean ${hint}?)` : ' (use m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<N>)'),
      );
    }
    const e = Number(ex[1]);
    if (Math.abs(e) > MAX_EXPONENT) throw new QuantityError(value, 'exponent out of range');
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  const g = gcd(num < 0n ? -num : num, den);
  return { num: num / g, den: den / g, format };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  // b > 0; rounds toward +infinity as Quantity.Value()/MilliValue() do for positive values.
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

function toSafe(v: bigint, input: string, unit: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new QuantityError(input, `too large (more than 2^53 ${unit})`);
  }
  return Number(v);
}

/** Quantity.MilliValue(): thousandths, rounded up. */
export function milliValue(q: Quantity, input = ''): number {
  return toSafe(ceilDiv(q.num * 1000n, q.den), input, 'milli-units');
}

/** Quantity.Value(): whole units, rounded up. */
export function value(q: Quantity, input = ''): number {
  return toSafe(ceilDiv(q.num, q.den), input, 'units');
}

/** Parses a CPU quantity into millicores (rounded up, like MilliValue). */
export function parseCpu(input: string): number {
  return milliValue(parseQuantity(input), input);
}

/** Parses a memory (or any byte/count) quantity into whole units (rounded up, like Value). */
export function parseBytes(input: string): number {
  return value(parseQuantity(input), input);
}

/** Formats millicores the way kubectl prints CPU: "250m", "2", "1500m". */
export function formatCpu(millicores: number): string {
  if (millicores % 1000 === 0) return String(millicores / 1000);
  return `${millicores}m`;
}

const BINARY_UNITS = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const;

/**
 * Formats bytes for people: the largest binary suffix with at most two decimals, exact when it
 * divides ("1.5Gi", "128Mi", "100Mi", "1000"). Reports use plain numbers; this is for display.
 */
export function formatBytes(bytes: number): string {
  const neg = bytes < 0;
  const abs = Math.abs(bytes);
  for (const unit of BINARY_UNITS) {
    const size = 2 ** BINARY[unit];
    if (abs >= size) {
      const v = abs / size;
      const text = Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/\.?0+$/, '');
      return (neg ? '-' : '') + text + unit;
    }
  }
  return String(bytes);
}

/** Canonical form as apimachinery serialises it (no precision lost, largest suffix). */
export function canonical(q: Quantity): string {
  const neg = q.num < 0n;
  let num = neg ? -q.num : q.num;
  const sign = neg ? '-' : '';
  if (num === 0n) return '0';
  if (q.format === 'binary' && q.den === 1n) {
    for (const unit of BINARY_UNITS) {
      const size = 1n << BigInt(BINARY[unit]);
      if (num % size === 0n) return `${sign}${num / size}${unit}`;
    }
    return `${sign}${num}`;
  }
  // Decimal: scale to an integer of the smallest decimal suffix needed (n at the finest).
  let exp = 0;
  let den = q.den;
  while (den !== 1n) {
    if (exp <= -9) {
      // Finer than nano: apimachinery rounds up to nano.
      num = ceilDiv(num, den);
      den = 1n;
      break;
    }
    num *= 1000n;
    exp -= 3;
    const g = gcd(num, den);
    num /= g;
    den /= g;
  }
  while (exp < 18 && num % 1000n === 0n) {
    num /= 1000n;
    exp += 3;
  }
  const suffix = Object.keys(DECIMAL).find((k) => DECIMAL[k] === exp) ?? '';
  return `${sign}${num}${suffix}`;
}
