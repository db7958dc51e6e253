// RFC 4180 CSV, plus the contract's spreadsheet safety: a text cell that begins with =, +, -,
// @, tab or CR gets a leading ' so a spreadsheet never runs it. Numbers are written plain (a
// negative number stays a number); null is an empty cell.
//
// The writer is ours because report writing is on the clock for big clusters (hundreds of
// thousands of nodes.csv rows): it produces byte for byte what csv-stringify produces with
// {eof: true, record_delimiter: 'unix', quoted_match: /\r/} — a property test holds it to that
// (test/report/csv-writer.test.ts) — about ten times faster.
import type { Cell, Table } from './tables.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\n\r]/;

export function escapeCell(c: Cell): string | number {
  if (c === null) return '';
  if (typeof c === 'number') return c;
  return FORMULA_START.test(c) ? `'${c}` : c;
}

/** One field: formula-escaped; quoted (inner quotes doubled) when it holds , " LF or CR. */
export function csvField(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return String(c);
  const s = FORMULA_START.test(c) ? `'${c}` : c;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The table as CSV: header row always (also with no rows), LF line ends, a final newline.
 * Fields with a comma, quote or line break are quoted — a lone CR too, which many readers take
 * as a line end.
 */
export function toCsv(t: Table): string {
  const out: string[] = new Array(t.rows.length + 1);
  out[0] = t.header.map(csvField).join(',');
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    let line = csvField(r[0]);
    for (let j = 1; j < r.length; j++) line += ',' + csvField(r[j]);
    out[i + 1] = line;
  }
  return out.join('\n') + '\n';
}
