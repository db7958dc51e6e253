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

/**
 * A number as JavaScript prints it (String(n)), faster for the two kinds reports are full of:
 * byte counts past 2^31 (which V8 formats as doubles) and thousandths (cpu cores, seconds).
 * Both fast paths print exactly what String(n) prints; the property test checks it.
 */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) {
    if (n >= 1e9 && n <= Number.MAX_SAFE_INTEGER) {
      const hi = Math.floor(n / 1e9);
      const lo = '' + (n - hi * 1e9);
      return '' + hi + '000000000'.slice(lo.length) + lo;
    }
    return '' + n;
  }
  if (n > 0 && n < 1e9) {
    const m = Math.round(n * 1000);
    if (m / 1000 === n) {
      const whole = Math.floor(m / 1000);
      let frac = '' + (m - whole * 1000);
      frac = '000'.slice(frac.length) + frac;
      while (frac.endsWith('0')) frac = frac.slice(0, -1);
      return '' + whole + '.' + frac;
    }
  }
  return '' + n;
}

/** One field: formula-escaped; quoted (inner quotes doubled) when it holds , " LF or CR. */
export function csvField(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return formatNumber(c);
  const s = escapeCell(c) as string;
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
  // One reused array per row and join: V8 builds flat strings this way, twice as fast as +=.
  const parts: string[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    parts.length = r.length;
    for (let j = 0; j < r.length; j++) parts[j] = csvField(r[j]);
    out[i + 1] = parts.join(',');
  }
  return out.join('\n') + '\n';
}
