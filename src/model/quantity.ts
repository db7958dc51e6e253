// Exact Kubernetes quantities, as k8s.io/apimachinery/pkg/api/resource/quantity.go parses them
// (ParseQuantity, parseQuantityString, suffix.go interpret) and prints them (CanonicalizeBytes).
//
//   <quantity>        ::= <signedNumber><suffix>
//   <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
//   <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
//   <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
//   <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
//   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
//
// A value is kept as an exact rational (BigInt numerator / denominator). As in ParseQuantity, a
// non-zero value is rounded away from zero to a whole number of nano-units ("0.9n" is 1n), and a
// binarySI value is capped at 2^63-1 ("9Ei"). The integers the control plane works in are taken
// rounding *up*, as Quantity.MilliValue()/Value() do: cpu in millicores, memory in bytes.
//
// Like apimachinery, the scanner accepts a missing number as zero: "", is rejected, but "+", "-",
// ".", "m" and "Gi" all parse as 0 (kubectl would send them and the API server would store 0).

export class QuantityError extends Error {
  constructor(
    readonly value: string,
    readonly reason: string,
  ) {
    super(`"${value}" is not a Kubernetes quantity: ${reason}`);
    this.name = 'QuantityError';
  }
}

/** An exact quantity: `num / den` with den > 0 and gcd(num, den) = 1. */
export interface Quantity {
  readonly num: bigint;
  readonly den: bigint;
  /**
   * How it was written, used to print it back alike (resource.Format): 'binary' for Ki..Ei
   * (BinarySI), 'exponent' for e<N> (DecimalExponent), 'decimal' otherwise (DecimalSI).
   */
  readonly format: 'binary' | 'decimal' | 'exponent';
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_BY_EXP = new Map(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
// parseQuantityString: sign, digits, optional fraction, then the suffix characters, an optional
// sign and digits, and nothing else (no whitespace).
const SCAN = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/s;
const SUFFIX_SHAPE = /^[eEinumkKMGTP]*[+-]?\d*$/;
const EXPONENT = /^[eE]([+-]?\d+)$/;
const NANO = 10n ** 9n;
const MAX_INT64 = (1n << 63n) - 1n;
// apimachinery keeps exponents as int32; beyond this a value is either far too large for any
// resource (we refuse it) or, when negative, rounds up to one nano-unit (handled exactly).
const MAX_EXPONENT = 1000;

const SUGGEST: Record<string, string> = {
  kb: 'k or Ki', kib: 'Ki', mb: 'M or Mi', mib: 'Mi', gb: 'G or Gi', gib: 'Gi', tb: 'T or Ti',
  tib: 'Ti', pb: 'P or Pi', eb: 'E or Ei', b: 'no suffix (plain bytes)', ki: 'Ki', mi: 'Mi',
  gi: 'Gi', ti: 'Ti', pi: 'Pi', ei: 'Ei', g: 'G or Gi', K: 'k or Ki', mcpu: 'm', cores: 'no suffix (cores)',
};

function suffixError(value: string, suffix: string): QuantityError {
  const lower = suffix.toLowerCase();
  const hint = Object.hasOwn(SUGGEST, suffix) ? SUGGEST[suffix] : Object.hasOwn(SUGGEST, lower) ? SUGGEST[lower] : undefined;
  return new QuantityError(
    value,
    `unknown suffix "${suffix}"` +
      (hint ? ` (did you mean ${hint}?)` : ' (use m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<N>)'),
  );
}

/** Parses a quantity string exactly (ParseQuantity); throws QuantityError quoting the value. */
export function parseQuantity(input: string): Quantity {
  const value = String(input);
  if (value.length === 0) throw new QuantityError(value, 'empty');
  const m = SCAN.exec(value);
  const [, sign, intPart, fracPart = '', suffix] = m ?? ['', '', '', '', value];
  if (!SUFFIX_SHAPE.test(suffix)) {
    if (/^[A-Za-z]+$/.test(suffix)) throw suffixError(value, suffix);
    throw new QuantityError(value, 'expected a number with an optional suffix, e.g. 500m, 2, 1.5Gi (no spaces)');
  }
  let num = BigInt(intPart + fracPart || '0');
  let den = 10n ** BigInt(fracPart.length);
  let format: Quantity['format'];
  if (Object.hasOwn(DECIMAL, suffix)) {
    format = 'decimal';
    [num, den] = scale10(num, den, DECIMAL[suffix]);
  } else if (Object.hasOwn(BINARY, suffix)) {
    format = 'binary';
    num <<= BigInt(BINARY[suffix]);
  } else {
    const ex = EXPONENT.exec(suffix);
    if (!ex) throw suffixError(value, suffix);
    format = 'exponent';
    const e = Number(ex[1]);
    if (e > MAX_EXPONENT) throw new QuantityError(value, 'exponent out of range');
    if (e < -MAX_EXPONENT) {
      // Far below a nano-unit: ParseQuantity rounds any non-zero value up to 1n.
      [num, den] = [num === 0n ? 0n : 1n, NANO];
    } else {
      [num, den] = scale10(num, den, e);
    }
  }
  // Round a non-zero magnitude up to whole nano-units (inf.RoundUp in ParseQuantity).
  if (num !== 0n && NANO % den !== 0n) {
    num = ceilDiv(num * NANO, den);
    den = NANO;
  }
  if (format === 'binary' && num > MAX_INT64 * den) {
    num = MAX_INT64;
    den = 1n;
  }
  // 0 < |x| < 1 written as binary is kept as decimal "to avoid rounding and confusion".
  if (format === 'binary' && num !== 0n && num < den) format = 'decimal';
  if (sign === '-') num = -num;
  const g = gcd(num < 0n ? -num : num, den);
  return { num: num / g, den: den / g, format };
}

function scale10(num: bigint, den: bigint, e: number): [bigint, bigint] {
  return e >= 0 ? [num * 10n ** BigInt(e), den] : [num, den * 10n ** BigInt(-e)];
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** ceil(a / b) for b > 0 (BigInt division truncates toward zero). */
function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

function toSafe(v: bigint, input: string, unit: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new QuantityError(input, `too large (more than 2^53 ${unit})`);
  }
  return Number(v);
}

/**
 * Quantity.MilliValue(): ceil(q * 1000). (For negative fractions apimachinery's int64 fast path
 * truncates instead; resources are never negative, so ceil is used throughout.)
 */
export function milliValue(q: Quantity, input = ''): number {
  return toSafe(ceilDiv(q.num * 1000n, q.den), input, 'milli-units');
}

/** Quantity.Value(): ceil(q), whole units. */
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

/** Bytes as the faces print memory (the reports, the TUI, inspect): "143 GiB", "267.71 GiB", "512 B", "0". */
export function formatBytesUnit(bytes: number): string {
  const q = formatBytes(bytes);
  if (bytes === 0) return '0';
  return /[KMGTPE]i$/.test(q) ? `${q.slice(0, -2)} ${q.slice(-2)}B` : `${q} B`;
}

/**
 * Canonical form as apimachinery serialises it (Quantity.String / CanonicalizeBytes): no precision
 * lost, no fraction digits, the largest suffix. Binary only for whole values of at least 1024 in
 * magnitude ("1.5Gi" is "1536Mi", "0.5Ki" is "512"); decimal past "E" falls back to "e<N>".
 */
export function canonical(q: Quantity): string {
  if (q.num === 0n) return '0';
  const sign = q.num < 0n ? '-' : '';
  const abs = q.num < 0n ? -q.num : q.num;
  if (q.format === 'binary' && q.den === 1n && abs >= 1024n) {
    let n = abs;
    let k = 0;
    while (k < 6 && n % 1024n === 0n) {
      n /= 1024n;
      k++;
    }
    return `${sign}${n}${k === 0 ? '' : ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][k - 1]}`;
  }
  // AsCanonicalBytes: mantissa * 10^exp with all factors of ten moved into exp, then exp lowered
  // to a multiple of three. Values are whole nano-units, so den divides 10^9.
  let mantissa = abs * (NANO / q.den);
  let exp = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp++;
  }
  while (((exp % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    exp--;
  }
  const si = q.format === 'decimal' || q.format === 'binary' ? DECIMAL_BY_EXP.get(exp) : undefined;
  const suffix = si ?? (exp === 0 ? '' : `e${exp}`);
  return `${sign}${mantissa}${suffix}`;
}
