// A JSON dump read a value at a time from its bytes (dump-source.ts says which shapes): a byte
// scanner finds each top-level value and each element of its `items` (or of a top-level array),
// and only those slices are parsed. For indented JSON (kubectl's) an element's end is found by a
// native search for its closing bracket at its opening column; a slice that does not parse sends
// the file back to the byte-by-byte scan (RescanNeeded), which never takes that shortcut. Lines
// are computed only when a message needs one.
import { InputError } from './errors.js';
import { jsonPathOffset } from './json-position.js';
import { type PathSegment, caretSnippet, jsonSyntaxProblem } from './yaml-source.js';
import { type DumpItem, type DumpSource, itemsOf, typedListKind } from './dump-items.js';

/** Longest text re-parsed whole to describe a syntax error (V8 strings are limited). */
const MAX_TEXT = 256 * 1024 * 1024;

/**
 * Farthest the indentation shortcut looks for an element's end. A Kubernetes object is at most
 * ~1.5 MiB in etcd, a few times that indented; a longer element is found by the byte scan.
 */
const MAX_FAST_SPAN = 16 * 1024 * 1024;

const LOG_START = '==== START logs for container';
const LOG_END = '==== END logs for container';
const DUMPED = 'Cluster info dumped to standard output';

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function hasByte(buf: Buffer, byte: number, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (buf[k] === byte) return true;
  return false;
}

function onlySpaces(buf: Buffer, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (buf[k] !== 0x20) return false;
  return true;
}

// Byte classes for the scanner's inner loops: most bytes are none of these (one table read each).
const QUOTE = 1;
const OPEN = 2;
const CLOSE = 3;
const BACKSLASH = 4;
const NEWLINE = 5;
const STRUCTURE = new Uint8Array(256);
STRUCTURE[0x22] = QUOTE;
STRUCTURE[0x7b] = OPEN;
STRUCTURE[0x5b] = OPEN;
STRUCTURE[0x7d] = CLOSE;
STRUCTURE[0x5d] = CLOSE;
const IN_STRING = new Uint8Array(256);
IN_STRING[0x22] = QUOTE;
IN_STRING[0x5c] = BACKSLASH;
IN_STRING[0x0a] = NEWLINE;

export function skipWs(buf: Buffer, i: number): number {
  while (i < buf.length && isWs(buf[i])) i++;
  return i;
}

/** A value's extent in the bytes (end exclusive). */
interface Span {
  readonly start: number;
  readonly end: number;
  /** Its end was found by the indentation shortcut (fastEnd): checked when it is parsed. */
  readonly fast?: boolean;
}

/** A shortcut's element that does not parse: the file is scanned again, byte by byte. */
class RescanNeeded extends Error {}

/** A top-level JSON value: the whole value, and its elements when it is a list or array. */
interface TopValue extends Span {
  /** The elements of its `items` (an object) or of itself (an array); null = not split. */
  readonly elements: Span[] | null;
  readonly isArray: boolean;
  /** The object's other members, parsed (kind, apiVersion, metadata of a List). */
  readonly envelope: Record<string, unknown> | null;
}

export class JsonDump implements DumpSource {
  private tops: TopValue[] = [];
  /** Element ends are first found by the indentation shortcut; off after it once failed. */
  private fast = true;
  /**
   * Bytes the shortcut searched, found or not (for tests: reading stays linear in the file,
   * whatever its layout).
   */
  searched = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly from: number,
    readonly file: string,
  ) {
    try {
      this.tops = this.scanAll();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // Said by the byte-by-byte scan, which never takes the shortcut's word for anything.
      this.fast = false;
      this.tops = this.scanAll();
    }
  }

  /** Every top-level value, and the text between them that dumps may have. */
  private scanAll(): TopValue[] {
    const buf = this.buf;
    const tops: TopValue[] = [];
    let i = skipWs(buf, this.from);
    while (i < buf.length) {
      const c = buf[i];
      if (c === 0x7b || c === 0x5b) {
        const top = this.scanned(i);
        tops.push(top);
        i = skipWs(buf, top.end);
        continue;
      }
      // Text between JSON values: kubectl cluster-info dump's log sections and last line.
      const lineEnd = this.lineEnd(i);
      const line = buf.toString('utf8', i, Math.min(lineEnd, i + 200));
      if (line.startsWith(LOG_START)) {
        const end = buf.indexOf(`\n${LOG_END}`, i);
        i = skipWs(buf, end < 0 ? buf.length : this.lineEnd(end + 1));
      } else if (line.trimEnd() === DUMPED) i = skipWs(buf, lineEnd);
      else if (tops.length === 0) throw this.syntaxError(i, 'JSON syntax error: expected { or [');
      else {
        throw this.syntaxError(
          i,
          'JSON syntax error: text after the end of a JSON document (several documents one after another are read, but not other text between them)',
        );
      }
    }
    return tops;
  }

  get documents(): number {
    return this.tops.length;
  }

  /** Several documents, a List or an array, or an object that names its kind or apiVersion. */
  get isDump(): boolean {
    const t = this.tops[0];
    if (this.tops.length !== 1 || !t) return this.tops.length > 1;
    return t.isArray || t.elements !== null || (t.envelope !== null && ('kind' in t.envelope || 'apiVersion' in t.envelope));
  }

  *items(): Iterable<DumpItem> {
    for (let doc = 0; doc < this.tops.length; doc++) {
      if (this.tops[doc].elements === null) {
        yield* itemsOf(this.parse(this.tops[doc]), doc, []);
        continue;
      }
      for (let i = 0; i < this.tops[doc].elements!.length; i++) {
        const top = this.tops[doc];
        let value: unknown;
        try {
          value = this.parse(top.elements![i]);
        } catch (e) {
          if (!(e instanceof RescanNeeded)) throw e;
          // The elements before this one parsed, so they were found right: from here on, bytes.
          this.fast = false;
          this.tops = this.scanAll();
          i--;
          continue;
        }
        const path: PathSegment[] = top.isArray ? [i] : ['items', i];
        // A List inside an array (`[{kind: List, items: […]}]`) is opened too.
        if (top.isArray) yield* itemsOf(value, doc, path);
        else yield { value, doc, path, listKind: typedListKind(top.envelope?.kind) };
      }
    }
  }

  /**
   * Where the `nth` element (1-based, over all documents) of kind `kind` sits, found from the
   * bytes without parsing any element, or how many there are when fewer (0, uncounted, when the
   * file has fewer elements than `nth` in all: it cannot hold that many). Only elements whose
   * top-level `kind` is plainly that word count (no escapes; the last `kind` key, as JSON.parse
   * takes it), so every one counted is such an object for the reader too. Scans each element's
   * top-level members once: linear in the file. A mistake in the bytes ends the count (the
   * objects' reading reports it).
   */
  countKind(kind: string, nth: number): { count: number; at?: { doc: number; path: PathSegment[] } } {
    let total = 0;
    for (const t of this.tops) total += t.elements?.length ?? 0;
    if (total < nth) return { count: 0 };
    const want = Buffer.from(JSON.stringify(kind));
    let count = 0;
    for (let doc = 0; doc < this.tops.length; doc++) {
      const top = this.tops[doc];
      if (top.elements === null) continue;
      for (let i = 0; i < top.elements.length; i++) {
        const k = this.topKind(top.elements[i]);
        if (k === null) return { count };
        if (k !== undefined && want.equals(this.buf.subarray(k.start, k.end)) && ++count === nth) {
          return { count, at: { doc, path: top.isArray ? [i] : ['items', i] } };
        }
      }
    }
    return { count };
  }

  /**
   * The span of the element's last top-level `kind` string (quotes included), undefined when it
   * has none or it is not a plain string, null when the bytes are not JSON the scan can follow.
   */
  private topKind(span: Span): Span | undefined | null {
    const buf = this.buf;
    if (buf[span.start] !== 0x7b) return undefined;
    let kind: Span | undefined;
    try {
      let j = skipWs(buf, span.start + 1);
      if (buf[j] === 0x7d) return undefined;
      for (;;) {
        if (buf[j] !== 0x22) return null;
        const keyEnd = this.stringEnd(j);
        const isKind = keyEnd - j === 6 && buf.toString('latin1', j, keyEnd) === '"kind"';
        j = skipWs(buf, keyEnd);
        if (buf[j] !== 0x3a) return null;
        j = skipWs(buf, j + 1);
        const end = this.valueEnd(j);
        if (isKind) kind = buf[j] === 0x22 && !hasByte(buf, 0x5c, j, end) ? { start: j, end } : undefined;
        j = skipWs(buf, end);
        if (buf[j] === 0x2c) j = skipWs(buf, j + 1);
        else if (buf[j] === 0x7d) return kind;
        else return null;
      }
    } catch (e) {
      if (e instanceof InputError) return null;
      throw e;
    }
  }

  lineOf(doc: number, path: readonly PathSegment[]): number | undefined {
    const top = this.tops[doc];
    if (!top) return undefined;
    let span: Span = top;
    let rest = path;
    if (top.elements !== null) {
      const index = top.isArray ? path[0] : path[0] === 'items' ? path[1] : undefined;
      if (typeof index === 'number' && top.elements[index]) {
        span = top.elements[index];
        rest = path.slice(top.isArray ? 1 : 2);
      } else return this.lineAtByte(top.start);
    }
    const text = this.buf.toString('utf8', span.start, span.end);
    const at = jsonPathOffset(text, rest) ?? 0;
    return this.lineAtByte(span.start + Buffer.byteLength(text.slice(0, at)));
  }

  private parse(span: Span): unknown {
    const text = this.buf.toString('utf8', span.start, span.end);
    try {
      return JSON.parse(text);
    } catch (e) {
      if (span.fast) throw new RescanNeeded();
      throw this.problemIn(span.start, text, e);
    }
  }

  /**
   * The end of the object or array at `i` when the JSON is indented (kubectl's is): its closing
   * bracket is the first one on a line of its own at the column it opened on — strings hold no
   * line breaks, and deeper values are indented further. A native search instead of a scan of
   * every byte; parsing the slice checks it (a wrong end cannot parse: see RescanNeeded).
   *
   * The search is taken only where indentation is plain to see (the bracket alone at the end of
   * its line, as every indenting writer puts a non-empty value's opening), reaches at most
   * MAX_FAST_SPAN bytes, and a search that finds no end turns the shortcut off for the rest of
   * the file: one item per line (`[\n{…},\n{…}]`, jq -c inside a List) once sent every item's
   * search to the end of the file — quadratic, 20,000 Nodes in 14 s. Now the bytes searched in
   * vain are at most one span per file, and the rest is the byte scan (linear).
   */
  private fastEnd(i: number): number | null {
    const buf = this.buf;
    const open = buf[i];
    if (open !== 0x7b && open !== 0x5b) return null;
    const lineStart = buf.lastIndexOf(0x0a, i - 1) + 1;
    if (!onlySpaces(buf, lineStart, i)) return null;
    const next = buf[i + 1] === 0x0d ? i + 2 : i + 1;
    if (buf[next] !== 0x0a) return null;
    const col = i - lineStart;
    const closer = open === 0x7b ? 0x7d : 0x5d;
    const limit = Math.min(buf.length, i + MAX_FAST_SPAN);
    // Closing brackets are few (one per value): memchr from one to the next, and look at its line.
    let at = i;
    for (;;) {
      at = buf.indexOf(closer, at + 1);
      if (at < 0 || at >= limit) return this.fastFailed(i, limit);
      const nl = at - col - 1;
      if (nl >= 0 && buf[nl] === 0x0a && onlySpaces(buf, nl + 1, at)) break;
    }
    const end = at + 1;
    this.searched += end - i;
    const after = buf[skipWs(buf, end)];
    return after === 0x2c || after === 0x5d ? end : this.fastFailed(i, end);
  }

  /** A shortcut search that found no end: counted, and the shortcut is off from here on. */
  private fastFailed(from: number, to: number): null {
    this.searched += to - from;
    this.fast = false;
    return null;
  }

  /** The syntax error of the JSON text starting at byte `start`, said as for any JSON file. */
  private problemIn(start: number, text: string, e: unknown): InputError {
    const p = jsonSyntaxProblem(text, (e as Error).message, this.lineAtByte(start));
    return this.syntaxError(start + Buffer.byteLength(text.slice(0, p.offset)), p.detail);
  }

  /**
   * The top-level value at `i`, scanned; when the scanner stops at a mistake, the mistake is
   * found and said as JSON.parse sees it (from this value to the end of the file).
   */
  private scanned(i: number): TopValue {
    try {
      return this.scanTop(i);
    } catch (scanError) {
      if (!(scanError instanceof InputError) || this.buf.length - i > MAX_TEXT) throw scanError;
      const text = this.buf.toString('utf8', i);
      try {
        JSON.parse(text);
      } catch (e) {
        throw this.problemIn(i, text, e);
      }
      throw scanError;
    }
  }

  /** Scans the top-level value at `i`: a List's items and an array's elements become spans. */
  private scanTop(i: number): TopValue {
    const buf = this.buf;
    if (buf[i] === 0x5b) {
      const elements: Span[] = [];
      let j = skipWs(buf, i + 1);
      if (buf[j] === 0x5d) return { start: i, end: j + 1, elements, isArray: true, envelope: null };
      for (;;) {
        j = skipWs(buf, j);
        const quick = this.fast ? this.fastEnd(j) : null;
        const end = quick ?? this.valueEnd(j);
        elements.push(quick === null ? { start: j, end } : { start: j, end, fast: true });
        j = skipWs(buf, end);
        if (buf[j] === 0x2c) j++;
        else if (buf[j] === 0x5d) return { start: i, end: j + 1, elements, isArray: true, envelope: null };
        else throw this.syntaxError(j, j >= buf.length ? 'JSON syntax error: the [ opened here is never closed' : 'JSON syntax error: expected , or ] after an element', j >= buf.length ? i : j);
      }
    }
    // An object: find its members; an `items` array is split, the rest parsed as the envelope.
    const envelope: Record<string, unknown> = {};
    let elements: Span[] | null = null;
    let j = skipWs(buf, i + 1);
    if (buf[j] === 0x7d) return { start: i, end: j + 1, elements: null, isArray: false, envelope };
    for (;;) {
      j = skipWs(buf, j);
      if (buf[j] !== 0x22) return this.whole(i);
      const keyEnd = this.stringEnd(j);
      const key = this.parseSlice(j, keyEnd) as string;
      j = skipWs(buf, keyEnd);
      if (buf[j] !== 0x3a) return this.whole(i);
      j = skipWs(buf, j + 1);
      if (key === 'items' && buf[j] === 0x5b) {
        const arr = this.scanTop(j);
        elements = arr.elements;
        j = arr.end;
      } else {
        const end = this.valueEnd(j);
        if (key === 'kind' || key === 'apiVersion') envelope[key] = this.parseSlice(j, end);
        else envelope[key] = true; // present; its value is not needed (metadata of a List)
        j = end;
      }
      j = skipWs(buf, j);
      if (buf[j] === 0x2c) j++;
      else if (buf[j] === 0x7d) break;
      else return this.whole(i);
    }
    const end = j + 1;
    // Not a list: one object, parsed as a whole (its members are not items).
    if (elements === null) return { start: i, end, elements: null, isArray: false, envelope };
    return { start: i, end, elements, isArray: false, envelope };
  }

  /** A top-level object the member scanner could not follow: parsed whole (reports its error). */
  private whole(i: number): TopValue {
    const end = this.valueEnd(i);
    return { start: i, end, elements: null, isArray: false, envelope: null };
  }

  private parseSlice(start: number, end: number): unknown {
    return this.parse({ start, end });
  }

  /** End (exclusive) of the JSON value starting at `i`, found by bracket depth outside strings. */
  private valueEnd(i: number): number {
    const buf = this.buf;
    const n = buf.length;
    const c = buf[i];
    if (c === 0x22) return this.stringEnd(i);
    if (c !== 0x7b && c !== 0x5b) {
      // A number, true, false or null: up to the next structural character or space.
      let j = i;
      while (j < n) {
        const d = buf[j];
        if (d === 0x2c || d === 0x7d || d === 0x5d || isWs(d)) break;
        j++;
      }
      if (j === i) throw this.syntaxError(i, i >= n ? 'JSON syntax error: the file ends where a value was expected' : 'JSON syntax error: expected a value');
      return j;
    }
    let depth = 0;
    for (let j = i; j < n; j++) {
      const cls = STRUCTURE[buf[j]];
      if (cls === 0) continue;
      if (cls === QUOTE) {
        // The string's end, inline (the hot path of a dump's bytes).
        let k = j + 1;
        for (; k < n; k++) {
          const sc = IN_STRING[buf[k]];
          if (sc === 0) continue;
          if (sc === BACKSLASH) k++;
          else if (sc === QUOTE) break;
          else throw this.syntaxError(j, 'JSON syntax error: the string opened here is never closed on its line');
        }
        if (k >= n) throw this.syntaxError(j, 'JSON syntax error: the string opened here is never closed on its line');
        j = k;
      } else if (cls === OPEN) depth++;
      else {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    const closer = c === 0x7b ? '}' : ']';
    throw this.syntaxError(i, `JSON syntax error: the ${String.fromCharCode(c)} opened here is never closed (the file ends on line ${this.lineAtByte(n - 1)} before its ${closer})`);
  }

  /** End (exclusive) of the string whose opening quote is at `i`. */
  private stringEnd(i: number): number {
    const buf = this.buf;
    const n = buf.length;
    for (let j = i + 1; j < n; j++) {
      const d = buf[j];
      if (d === 0x5c) j++;
      else if (d === 0x22) return j + 1;
      else if (d === 0x0a) break;
    }
    throw this.syntaxError(i, 'JSON syntax error: the string opened here is never closed on its line');
  }

  private lineEnd(i: number): number {
    const nl = this.buf.indexOf(0x0a, i);
    return nl < 0 ? this.buf.length : nl + 1;
  }

  private lineAtByte(offset: number): number {
    const buf = this.buf;
    let line = 1;
    let at = buf.indexOf(0x0a, 0);
    while (at >= 0 && at < offset) {
      line++;
      at = buf.indexOf(0x0a, at + 1);
    }
    return line;
  }

  /** `file:line: detail` with the line and a caret under byte `offset` (or under `caretAt`). */
  private syntaxError(offset: number, detail: string, caretAt = offset): InputError {
    const buf = this.buf;
    const at = Math.min(Math.max(0, caretAt), Math.max(0, buf.length - 1));
    const line = this.lineAtByte(at);
    const lineStart = buf.lastIndexOf(0x0a, at - 1) + 1;
    const end = this.lineEnd(at);
    const lineText = buf.toString('utf8', lineStart, Math.min(end, lineStart + 4096)).replace(/\n$/, '');
    const col = buf.toString('utf8', lineStart, at).length;
    return new InputError(detail, { file: this.file, line }, { snippet: caretSnippet(lineText, col, line) });
  }
}

