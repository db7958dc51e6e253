// YAML and JSON documents that remember where each value came from, so a field path found
// invalid later (`events[3].rollout.workload`) can be reported with its line.
//
// JSON is parsed with JSON.parse (fast, for large kubectl dumps); only when a line is needed
// is the text parsed again as YAML (a superset of JSON) to map paths to lines. A fresh
// LineCounter is made per parse: a LineCounter keeps counting across documents.
import { LineCounter, parseAllDocuments, parseDocument, type Document, type YAMLError } from 'yaml';
import { InputError } from './errors.js';
import { lineAt } from './read-file.js';
import { jsonError, jsonPathOffset } from './json-position.js';

export type PathSegment = string | number;

export interface SourceDocs {
  readonly file: string;
  /** The plain values of each document (one for JSON). */
  readonly values: readonly unknown[];
  /** 1-based line of `path` in document `doc`, or of its nearest existing ancestor. */
  lineOf(doc: number, path: readonly PathSegment[]): number | undefined;
}

/** True when the text looks like JSON (first non-blank character `{` or `[`). */
export const looksLikeJson = (text: string): boolean => /^\s*[{[]/.test(text);

/** Parses YAML (all documents, or only one when `single`) or JSON text. */
export function parseSource(text: string, file: string, opts: { single?: boolean } = {}): SourceDocs {
  if (looksLikeJson(text)) return parseJson(text, file);
  const lineCounter = new LineCounter();
  let docs: Document[];
  try {
    // logLevel 'error': unknown tags (`!foo`) would print warnings to stderr; they read as plain values.
    docs = opts.single ? [parseDocument(text, { lineCounter, logLevel: 'error' })] : parseAllDocuments(text, { lineCounter, logLevel: 'error' });
  } catch (e) {
    if (e instanceof RangeError) throw new InputError('YAML nested too deeply to read', { file });
    throw e;
  }
  for (const d of docs) {
    const err = d.errors[0];
    if (err && /call stack/i.test(err.message)) throw new InputError('YAML nested too deeply to read (simplify the file)', { file, line: err.linePos?.[0].line });
    if (err) throw yamlSyntaxError(text, file, err);
  }
  const values = docs.map((d) => toJS(d, file));
  return { file, values, lineOf: (doc, path) => nodeLine(docs[doc], lineCounter, path) };
}

function parseJson(text: string, file: string): SourceDocs {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const p = jsonSyntaxProblem(text, (e as Error).message);
    throw syntaxError(text, file, p.offset, p.detail);
  }
  return {
    file,
    values: [value],
    lineOf: (_doc, path) => {
      const at = jsonPathOffset(text, path);
      return at === undefined ? undefined : lineAt(text, at);
    },
  };
}

/**
 * Where JSON text that JSON.parse refused (with `message`) goes wrong, at the character a person
 * would point at: an opening bracket never closed, the comma before a closing bracket, or the
 * first bad character.
 */
export function jsonSyntaxProblem(text: string, message: string, firstLine = 1): { offset: number; detail: string } {
  const { offset, open, unclosed, closer } = jsonError(text);
  const cleaned = message.replace(/, "[\s\S]*" is not valid JSON$/, '').replace(/( in JSON)? at position \d+.*$/, '');
  // The text ends, or a closing bracket of the other kind comes, with a bracket open: when the
  // indentation tells which bracket was left open (jsonError), that one, not the outermost.
  const atCloser = offset >= 0 && offset < text.length && (text[offset] === '}' || text[offset] === ']') && text[lastCharBefore(text, offset)] !== ',';
  if ((offset >= text.length || atCloser) && unclosed !== null && closer !== null) {
    const line = (at: number) => lineAt(text, at) + firstLine - 1;
    const c = text[unclosed] === '{' ? '}' : ']';
    return {
      offset: unclosed,
      detail: `JSON syntax error: the ${text[unclosed]} opened here is never closed (add its ${c}: by its indentation, the ${text[closer]} on line ${line(closer)} closes a bracket opened before this one)`,
    };
  }
  if (offset >= text.length && open !== null) {
    const where = lastCharBefore(text, text.length);
    const closer = text[open] === '{' ? '}' : ']';
    return { offset: open, detail: `JSON syntax error: the ${text[open]} opened here is never closed (the file ends on line ${lineAt(text, where) + firstLine - 1} before its ${closer})` };
  }
  const at = offset < 0 || offset >= text.length ? lastCharBefore(text, text.length) : offset;
  const before = lastCharBefore(text, at);
  if ((text[at] === '}' || text[at] === ']') && text[before] === ',' && before < at) {
    return { offset: before, detail: `JSON syntax error: a comma before the closing ${text[at]} (JSON allows no trailing comma)` };
  }
  return { offset: at, detail: `JSON syntax error: ${excerptMessage(cleaned)}` };
}

const excerptMessage = (m: string): string => (m.length > 160 ? `${m.slice(0, 157)}…` : m);

/** Offset of the last non-blank character before `end` (so an error at the very end points at text). */
function lastCharBefore(text: string, end: number): number {
  let i = Math.min(end, text.length) - 1;
  while (i > 0 && /\s/.test(text[i])) i--;
  return Math.max(0, i);
}

/** An InputError at a character offset: `file:line: detail`, then the line with a caret. */
export function syntaxError(text: string, file: string, offset: number, detail: string): InputError {
  const line = lineAt(text, offset);
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return new InputError(detail, { file, line }, { snippet: caretSnippet(text.slice(start, end), offset - start, line) });
}

/** `  8 | the line` and a caret under column `col` (0-based); long lines are cut around it. */
export function caretSnippet(lineText: string, col: number, line: number): string {
  const WIDTH = 76;
  let from = 0;
  let shown = lineText.replace(/\r$/, '');
  if (shown.length > WIDTH) {
    from = Math.max(0, Math.min(col - 30, shown.length - WIDTH));
    shown = (from > 0 ? '…' : '') + shown.slice(from, from + WIDTH) + (from + WIDTH < shown.length ? '…' : '');
  }
  // Tabs and control characters would shift the caret: one visible character each.
  shown = shown.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\t' ? '→' : '·'));
  const caretAt = col - from + (from > 0 ? 1 : 0);
  const gutter = String(line);
  return `  ${gutter} | ${shown}\n  ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, caretAt))}^`;
}

/**
 * A YAML syntax error at the place a person would point at. The parser notices some mistakes
 * only further on: a flow mapping or quote left open is reported where the parser gave up (the
 * next line, or past the end), and an over-indented key on the line above it. Those are moved to
 * the opening bracket or quote, or to the over-indented line.
 */
function yamlSyntaxError(text: string, file: string, err: YAMLError): InputError {
  const pos = Math.min(err.pos[0], text.length);
  const msg = firstLine(err.message);
  if (/end with a [}\]]|Flow (map|sequence)/.test(msg) || (err.code === 'MISSING_CHAR' && /[}\]]/.test(msg))) {
    const open = unclosedFlowOpener(text, pos);
    if (open !== null) {
      const closer = text[open] === '{' ? '}' : ']';
      return syntaxError(text, file, open, `YAML syntax error: the ${text[open]} opened here is never closed (add its ${closer}, or keep the flow ${text[open] === '{' ? 'mapping' : 'list'} on one line)`);
    }
  }
  if (err.code === 'MISSING_CHAR' && /quote/.test(msg)) {
    const open = unclosedQuote(text, pos);
    if (open !== null) return syntaxError(text, file, open, `YAML syntax error: the ${text[open]} opened here is never closed`);
  }
  if (err.code === 'BLOCK_AS_IMPLICIT_KEY' || err.code === 'MULTILINE_IMPLICIT_KEY' || err.code === 'BAD_INDENT') {
    const over = overIndentedLineAfter(text, pos);
    if (over !== null) {
      return syntaxError(text, file, over.offset, `YAML syntax error: this line is indented more than line ${over.above}, whose key already has a value: line it up with the keys around it`);
    }
  }
  return syntaxError(text, file, pos >= text.length ? lastCharBefore(text, text.length) : pos, `YAML syntax error: ${msg}`);
}

/** Offsets where each line starts. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

/**
 * When the error sits on a `key: value` line followed by a more-indented line, that next line
 * is the culprit (it reads as a continuation of the value). Returns its first character.
 */
function overIndentedLineAfter(text: string, pos: number): { offset: number; above: number } | null {
  const starts = lineStarts(text);
  let li = starts.length - 1;
  while (li > 0 && starts[li] > pos) li--;
  const lineOf = (k: number) => text.slice(starts[k], k + 1 < starts.length ? starts[k + 1] - 1 : text.length).replace(/\r$/, '');
  const indent = (l: string) => l.length - l.trimStart().length;
  const here = lineOf(li);
  if (!/^\s*(- )?[^#\s][^#]*?:\s+\S/.test(here)) return null;
  for (let k = li + 1; k < starts.length; k++) {
    const l = lineOf(k);
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    if (indent(l) > indent(here)) return { offset: starts[k] + indent(l), above: li + 1 };
    return null;
  }
  return null;
}

/**
 * Walks `text` up to `pos` as YAML reads it — skipping quoted scalars ('' and \" escapes) and
 * comments — calling `visit` with every other character's index. Returns where the quote still
 * open at `pos` began, or -1.
 */
function walkOutsideQuotes(text: string, pos: number, visit: (i: number) => void): number {
  let quote: string | null = null;
  let at = -1;
  for (let i = 0; i < pos && i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = null;
      }
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s\[{,:]/.test(text[i - 1]))) {
      quote = c;
      at = i;
    } else visit(i);
  }
  return quote ? at : -1;
}

/** The innermost `{` or `[` still open at `pos`, outside quotes and comments. */
function unclosedFlowOpener(text: string, pos: number): number | null {
  const stack: number[] = [];
  walkOutsideQuotes(text, pos, (i) => {
    const c = text[i];
    if (c === '{' || c === '[') stack.push(i);
    else if ((c === '}' || c === ']') && stack.length) stack.pop();
  });
  return stack.length ? stack[stack.length - 1] : null;
}

/** The quote still open at `pos` (the last one that opened a scalar), if any. */
function unclosedQuote(text: string, pos: number): number | null {
  const at = walkOutsideQuotes(text, pos, () => {});
  return at >= 0 ? at : null;
}

function toJS(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    if (e instanceof RangeError) throw new InputError('YAML nested too deeply to read', { file });
    throw new InputError(`YAML error: ${excerptMessage((e as Error).message)}`, { file });
  }
}

function nodeLine(doc: Document | undefined, lc: LineCounter, path: readonly PathSegment[]): number | undefined {
  if (!doc) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lc.linePos(node.range[0]).line;
    if (n === 0 && doc.contents && (doc.contents as { range?: number[] }).range) {
      return lc.linePos((doc.contents as { range: number[] }).range[0]).line;
    }
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** `events[3].rollout.workload`, `workloads.shop/checkout.maxSurge` (the --set spelling). */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}
