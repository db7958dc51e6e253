// YAML and JSON documents that remember where each value came from, so a field path found
// invalid later (`events[3].rollout.workload`) can be reported with its line.
//
// JSON is parsed with JSON.parse (fast, for large kubectl dumps); only when a line is needed
// is the text parsed again as YAML (a superset of JSON) to map paths to lines. A fresh
// LineCounter is made per parse: a LineCounter keeps counting across documents.
import { LineCounter, parseAllDocuments, parseDocument, type Document } from 'yaml';
import { InputError } from './errors.js';
import { lineAt } from './read-file.js';
import { jsonErrorOffset } from './json-position.js';

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
  const docs = opts.single ? [parseDocument(text, { lineCounter })] : parseAllDocuments(text, { lineCounter });
  for (const d of docs) {
    const err = d.errors[0];
    if (err) {
      const line = err.linePos?.[0].line ?? lineAt(text, err.pos[0]);
      throw new InputError(`YAML syntax error: ${firstLine(err.message)}`, { file, line });
    }
  }
  const values = docs.map((d) => toJS(d, file));
  return { file, values, lineOf: (doc, path) => nodeLine(docs[doc], lineCounter, path) };
}

function parseJson(text: string, file: string): SourceDocs {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text);
    const line = lineAt(text, offset < 0 ? text.length : offset);
    throw new InputError(`JSON syntax error: ${(e as Error).message.replace(/, "[\s\S]*" is not valid JSON$/, '')}`, { file, line });
  }
  let located: { doc: Document; lc: LineCounter } | null = null;
  return {
    file,
    values: [value],
    lineOf: (_doc, path) => {
      if (!located) {
        const lc = new LineCounter();
        located = { doc: parseDocument(text, { lineCounter: lc }), lc };
      }
      return nodeLine(located.doc, located.lc, path);
    },
  };
}

function toJS(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new InputError(`YAML error: ${(e as Error).message}`, { file });
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
