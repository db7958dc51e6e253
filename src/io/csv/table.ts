// A CSV file read as rows of strings, with columns found by header name (any order, extra
// columns allowed) and errors that say `file:line: column "value": what was expected`.
//
// Speed: csv-parse is run in its fastest mode (arrays, no per-record info) and a row's line is
// `rowIndex + 2`. That only holds when every record is one physical line and no blank line was
// skipped, which we check once by counting newlines; otherwise (quoted newlines, blank lines)
// `lineOf` re-derives the start line of every record with a small quote-aware scan. Only error
// paths ask for lines, so well-formed files never pay for it.
import { parse } from 'csv-parse/sync';
import { EXCERPT_CHARS, InputError, clip, excerpt } from '../errors.js';
import { QuantityError } from '../../model/quantity.js';

export interface CsvSchema {
  /** Columns that must be in the header (lower case). */
  readonly required: readonly string[];
  /** Optional columns we read; anything else is allowed and ignored. */
  readonly optional: readonly string[];
}

/** At most this many data rows (a contract limit), checked before the rows are parsed. */
export interface RowLimit {
  readonly max: number;
  /** Says what the rows are and how to lower them: (count) => message. */
  readonly describe: (rows: number) => string;
}

export class CsvTable {
  private lines: number[] | null = null;
  private readonly index = new Map<string, number>();

  constructor(
    readonly file: string,
    private readonly text: string,
    readonly header: readonly string[],
    readonly rows: readonly (readonly string[])[],
  ) {
    header.forEach((h, i) => this.index.set(h, i));
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  /** The trimmed cell, or '' when the column is absent. */
  cell(row: number, column: string): string {
    const i = this.index.get(column);
    if (i === undefined) return '';
    const v = this.rows[row][i];
    return v === undefined ? '' : v.trim();
  }

  /** True when every cell of the row is empty (spreadsheets export such rows). */
  isBlank(row: number): boolean {
    return this.rows[row].every((c) => c.trim() === '');
  }

  /**
   * Parses a cell with `parse`, turning any error into an InputError
   * `file:line: column "value": reason`.
   */
  read<T>(row: number, column: string, parseCell: (text: string) => T): T {
    const text = this.cell(row, column);
    try {
      return parseCell(text);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw this.cellError(row, column, text, reasonOf(e));
    }
  }

  cellError(row: number, column: string, value: string, detail: string): InputError {
    return new InputError(`${column} ${excerpt(value)}: ${detail}`, { file: this.file, line: this.lineOf(row) });
  }

  rowError(row: number, detail: string): InputError {
    return new InputError(detail, { file: this.file, line: this.lineOf(row) });
  }

  /** 1-based line on which data row `row` (0 = first row after the header) starts. */
  lineOf(row: number): number {
    if (this.lines === null) this.lines = recordLines(this.text, this.rows.length + 1);
    return this.lines[row + 1] ?? row + 2;
  }
}

/** The message of an error without the value (callers quote the value themselves). */
export function reasonOf(e: unknown): string {
  // Reasons may quote the value (`unknown suffix "…"`): keep them short.
  if (e instanceof QuantityError) return clip(e.reason, 200);
  return clip(e instanceof Error ? e.message : String(e), 200);
}

/** Parses CSV text; checks the header against the schema (and the row count against `limit`). */
export function readCsv(text: string, file: string, schema: CsvSchema, limit?: RowLimit): CsvTable {
  if (limit) checkRowLimit(text, file, limit);
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    throw parseError(text, file, e);
  }
  if (records.length === 0 || records[0].every((c) => c.trim() === '')) {
    throw new InputError(`empty file: expected a header row with ${schema.required.join(',')}`, { file, line: 1 });
  }
  const header = records[0].map((h) => h.trim().toLowerCase());
  checkHeader(header, file, schema);
  const table = new CsvTable(file, text, header, records.slice(1));
  table.rows.forEach((r, i) => {
    if (r.length !== header.length && !(r.length < header.length && r.every((c) => c.trim() === ''))) {
      const hint = r.length > header.length ? ' (quote values that contain commas)' : '';
      throw table.rowError(i, `${r.length} fields but the header has ${header.length}${hint}`);
    }
  });
  return table;
}

/**
 * Refuses a file with more data rows than `limit.max` before parsing it (parsing a million rows
 * takes seconds and hundreds of MB): newlines are counted first, and only past the limit are
 * records counted exactly (quoted newlines and blank lines do not count).
 */
function checkRowLimit(text: string, file: string, limit: RowLimit): void {
  let newlines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines++;
  if (newlines <= limit.max) return;
  const starts = recordLines(text, -1);
  const rows = starts.length - 1;
  if (rows > limit.max) throw new InputError(limit.describe(rows), { file, line: starts[limit.max + 1] });
}

function checkHeader(header: string[], file: string, schema: CsvSchema): void {
  const seen = new Set<string>();
  for (const h of header) {
    if (h !== '' && seen.has(h)) throw new InputError(`column ${excerpt(h)} appears twice in the header`, { file, line: 1 });
    seen.add(h);
  }
  const missing = schema.required.filter((c) => !seen.has(c));
  if (missing.length === schema.required.length) {
    // Nothing matches: likely not this kind of file at all (/etc/passwd, a dump). Quote only
    // the start of its first line.
    const first = header.join(',');
    const begins = first.length > 24 ? `${JSON.stringify(first.slice(0, 24))}…` : JSON.stringify(first);
    throw new InputError(
      `not a CSV with the columns ${schema.required.join(',')}: none of them is in its first line (${header.length} field${header.length === 1 ? '' : 's'}, beginning ${begins})`,
      { file, line: 1 },
    );
  }
  if (missing.length > 0) {
    const names = missing.map((c) => `"${c}"`).join(', ');
    const plural = missing.length > 1 ? 's' : '';
    // Only an excerpt: the header of a foreign file may be long.
    const has = clip(header.filter((h) => h).join(', ') || 'nothing', EXCERPT_CHARS);
    throw new InputError(`missing required column${plural} ${names} (the header has: ${has})`, { file, line: 1 });
  }
}

function parseError(text: string, file: string, e: unknown): InputError {
  const err = e as { code?: string; lines?: number; message?: string };
  const open = unclosedQuoteLine(text);
  if (err.code === 'CSV_QUOTE_NOT_CLOSED' || open !== null) {
    const line = open ?? err.lines;
    return new InputError(`unterminated quoted field: the quote opened on line ${line} is never closed`, { file, line });
  }
  const message = clip((err.message ?? String(e)).replace(/\s*(at|on) line \d+\.?$/, ''), 200);
  return new InputError(`not valid CSV: ${message}`, { file, line: err.lines });
}

/**
 * Start line of every non-empty record, following RFC 4180 quoting as csv-parse does with
 * `relax_quotes` (a quote only opens a quoted field at the start of a field).
 */
export function recordLines(text: string, expected: number): number[] {
  const physical = countLines(text);
  const out: number[] = [];
  if (physical === expected && !text.includes('"')) {
    for (let i = 0; i < expected; i++) out.push(i + 1);
    return out;
  }
  scan(text, (line) => out.push(line));
  return out;
}

/** Line where a quoted field opens and is never closed, or null. */
function unclosedQuoteLine(text: string): number | null {
  return scan(text, () => {});
}

/** Calls onRecord(startLine) per non-empty record; returns the line of an unclosed quote or null. */
function scan(text: string, onRecord: (line: number) => void): number | null {
  let line = 1;
  let recordStart = 1;
  let recordEmpty = true;
  let fieldStart = true;
  let quoteLine = 0;
  let inQuotes = false;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (c === '\n') line++;
      continue;
    }
    if (c === '\n') {
      if (!recordEmpty) onRecord(recordStart);
      line++;
      recordStart = line;
      recordEmpty = true;
      fieldStart = true;
      continue;
    }
    if (c === '\r') continue;
    recordEmpty = false;
    if (c === ',') fieldStart = true;
    else if (c === '"' && fieldStart) {
      inQuotes = true;
      quoteLine = line;
      fieldStart = false;
    } else fieldStart = false;
  }
  if (inQuotes) return quoteLine;
  if (!recordEmpty) onRecord(recordStart);
  return null;
}

function countLines(text: string): number {
  let n = 0;
  let blank = false;
  let lineHasChars = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (!lineHasChars) blank = true;
      n++;
      lineHasChars = false;
    } else if (c !== 13) lineHasChars = true;
  }
  if (lineHasChars) n++;
  // A blank line is skipped by the parser, so the simple mapping no longer holds.
  return blank ? -1 : n;
}
