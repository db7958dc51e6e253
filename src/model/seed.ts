// The random seed, as `--seed N` and a scenario's `seed:` give it: one rule for both.

/** Largest seed: every integer up to here is exact in a double (2^53 − 1). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

const RANGE = `a whole number from 0 to ${MAX_SEED} (2^53 − 1)`;

/**
 * A seed from text (digits) or a number; throws an Error saying the accepted range. Refuses
 * what would be silently rounded (20 digits), infinities (`1e400`), negatives and fractions.
 */
export function parseSeed(v: string | number): number {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw new Error(`expected ${RANGE}, got NaN`);
    if (!Number.isFinite(v)) throw new Error(`too large to be exact: expected ${RANGE}`);
    if (v < 0) throw new Error(`must not be negative: expected ${RANGE}`);
    if (!Number.isInteger(v)) throw new Error(`expected ${RANGE}, got ${v}`);
    if (v > MAX_SEED) throw new Error(`too large to be exact: expected ${RANGE}`);
    return v;
  }
  const t = v.trim();
  if (/^-\s*\d/.test(t)) throw new Error(`must not be negative: expected ${RANGE}`);
  if (!/^\+?\d+$/.test(t)) throw new Error(`expected ${RANGE}`);
  const n = Number(t);
  if (!Number.isSafeInteger(n)) throw new Error(`too large to be exact (${t.length} digits): expected ${RANGE}`);
  return n;
}
