// Replays apimachinery's quantity parse tests (test/fixtures/quantity-vectors.json, transcribed
// from kubernetes/apimachinery pkg/api/resource/quantity_test.go).
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/quantity-vectors.json' with { type: 'json' };
import {
  QuantityError,
  canonical,
  formatBytes,
  formatBytesUnit,
  formatCpu,
  milliValue,
  parseBytes,
  parseCpu,
  parseQuantity,
  value,
} from '../../src/model/quantity.js';

interface ValidCase {
  input: string;
  value: string;
  format: 'binary' | 'decimal' | 'exponent';
  milliValue: number | null;
  units: number | null;
  canonical?: string;
  replaySigned?: boolean;
  source: string;
}

/** "-12.5" -> reduced [num, den]. */
function exact(text: string): [bigint, bigint] {
  const neg = text.startsWith('-');
  const [i, f = ''] = text.replace('-', '').split('.');
  let num = BigInt(i + f);
  let den = 10n ** BigInt(f.length);
  let a = num;
  let b = den;
  while (b !== 0n) [a, b] = [b, a % b];
  if (a !== 0n) [num, den] = [num / a, den / a];
  if (num === 0n) den = 1n;
  return [neg ? -num : num, den];
}

const valid = vectors.valid as ValidCase[];

describe('parseQuantity: TestQuantityParse table', () => {
  it.each(valid)('$input', (c) => {
    const q = parseQuantity(c.input);
    expect([q.num, q.den]).toEqual(exact(c.value));
    expect(q.format).toBe(c.format);
    if (c.milliValue === null) expect(() => milliValue(q, c.input)).toThrow(/too large/);
    else expect(milliValue(q)).toBe(c.milliValue);
    if (c.units === null) expect(() => value(q, c.input)).toThrow(/too large/);
    else expect(value(q)).toBe(c.units);
    if (c.canonical !== undefined) expect(canonical(q)).toBe(c.canonical);
  });

  const signed = valid.filter((c) => c.replaySigned);
  it.each(signed)('-$input is the negation, +$input the same value', (c) => {
    const [num, den] = exact(c.value);
    const neg = parseQuantity('-' + c.input);
    expect([neg.num, neg.den]).toEqual([-num, den]);
    expect(neg.format).toBe(c.format);
    const pos = parseQuantity('+' + c.input);
    expect([pos.num, pos.den]).toEqual([num, den]);
    expect(pos.format).toBe(c.format);
  });
});

describe('canonical: TestQuantityString / TestQuantityParseEmit', () => {
  it.each(vectors.canonical)('$input -> $canonical', ({ input, canonical: want }) => {
    expect(canonical(parseQuantity(input))).toBe(want);
    if (want !== '0') expect(canonical(parseQuantity('-' + input))).toBe('-' + want);
  });
});

describe('invalid quantities are rejected with the value quoted', () => {
  it.each(vectors.invalid)('$input', ({ input }) => {
    let err: unknown;
    try {
      parseQuantity(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QuantityError);
    expect((err as Error).message).toContain(`"${input}"`);
    expect((err as QuantityError).value).toBe(input);
  });

  it('suggests the right suffix for a lower-case binary suffix', () => {
    expect(() => parseQuantity('0.1mi')).toThrow('did you mean Mi?');
    expect(() => parseQuantity('512MB')).toThrow('did you mean M or Mi?');
  });
});

describe('helpers in the units Headroom uses', () => {
  it.each([
    ['250m', 250],
    ['0.5', 500],
    ['2', 2000],
    ['1e-4', 1], // 0.1m rounds up, as MilliValue does
    ['100u', 1],
    ['1.0001', 1001],
  ])('parseCpu(%s) = %i millicores', (input, want) => {
    expect(parseCpu(input)).toBe(want);
  });

  it.each([
    ['128Mi', 128 * 2 ** 20],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['500M', 500e6],
    ['1e9', 1e9],
    ['0.5', 1], // Value() rounds up
    ['1Ki', 1024],
  ])('parseBytes(%s) = %i', (input, want) => {
    expect(parseBytes(input)).toBe(want);
  });

  it('refuses values beyond 2^53 instead of losing precision', () => {
    expect(() => parseBytes('9Ei')).toThrow(/"9Ei".*too large/);
  });

  it('formats for people', () => {
    expect(formatCpu(1500)).toBe('1500m');
    expect(formatCpu(2000)).toBe('2');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5Gi');
    expect(formatBytes(1000)).toBe('1000');
    expect(formatBytes(-128 * 2 ** 20)).toBe('-128Mi');
    expect(formatBytesUnit(143 * 2 ** 30)).toBe('143 GiB');
    expect(formatBytesUnit(267.71 * 2 ** 30)).toBe('267.71 GiB');
    expect(formatBytesUnit(1000)).toBe('1000 B');
    expect(formatBytesUnit(0)).toBe('0');
  });
});
