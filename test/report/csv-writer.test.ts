// Our CSV writer against the well-kept one: for any table of numbers, nulls and strings
// (commas, quotes, CR, LF, formula starters, unicode), toCsv gives exactly csv-stringify's bytes
// (after the same formula escaping), and csv-parse reads back what was written.
import { fc, test } from '@fast-check/vitest';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect } from 'vitest';
import { escapeCell, formatNumber, toCsv } from '../../src/report/csv.js';
import type { Cell } from '../../src/report/tables.js';

const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', '=', '+', '-', '@', '\t', "'", 'é', '1', '.') });
const cell: fc.Arbitrary<Cell> = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
const table = fc.integer({ min: 1, max: 6 }).chain((w) =>
  fc.record({
    header: fc.array(fc.stringMatching(/^[a-z_]{1,8}$/), { minLength: w, maxLength: w }),
    rows: fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 8 }),
  }),
);

describe('toCsv', () => {
  test.prop([table], { numRuns: 400 })('is byte-identical to csv-stringify', (t) => {
    const reference = stringify([t.header, ...t.rows.map((r) => r.map(escapeCell))], { eof: true, record_delimiter: 'unix', quoted_match: /\r/ });
    expect(toCsv(t)).toBe(reference);
  });
  test.prop([table], { numRuns: 200 })('reads back through csv-parse', (t) => {
    const back = parse(toCsv(t), { relax_column_count: false }) as string[][];
    expect(back[0]).toEqual(t.header);
    const want = t.rows.map((r) => r.map((c) => String(escapeCell(c))));
    expect(back.slice(1)).toEqual(want);
  });
});

describe('formatNumber', () => {
  const thousandths = fc.integer({ min: 1, max: 999_999_999_999 }).map((m) => m / 1000);
  const bigInts = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
  test.prop([fc.oneof(thousandths, bigInts, fc.double({ noNaN: true }), fc.integer())], { numRuns: 3000 })('prints what String(n) prints', (n) => {
    expect(formatNumber(n)).toBe(String(n));
  });
});
