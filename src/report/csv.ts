// RFC 4180 CSV through csv-stringify, plus the contract's spreadsheet safety: a text cell that
// begins with =, +, -, @, tab or CR gets a leading ' so a spreadsheet never runs it. Numbers
// are written plain (a negative number stays a number); null is an empty cell.
import { stringify } from 'csv-stringify/sync';
import type { Cell, Table } from './tables.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCell(c: Cell): string | number {
  if (c === null) return '';
  if (typeof c === 'number') return c;
  return FORMULA_START.test(c) ? `'${c}` : c;
}

/**
 * The table as CSV: header row always (also with no rows), LF line ends, a final newline.
 * Fields with a comma, quote or line break are quoted; csv-stringify quotes LF by itself, and a
 * lone CR (which many readers take as a line end) is quoted too.
 */
export function toCsv(t: Table): string {
  return stringify([t.header as string[], ...t.rows.map((r) => r.map(escapeCell))], { eof: true, record_delimiter: 'unix', quoted_match: /\r/ });
}
