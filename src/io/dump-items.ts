// What every shape of dump reading yields: the objects one at a time, with where each sits.
import type { PathSegment } from './yaml-source.js';

/** One object of the dump and where it sits: its document and its path in it. */
export interface DumpItem {
  readonly value: unknown;
  readonly doc: number;
  readonly path: readonly PathSegment[];
  /** The kind of the typed list it came from (PodList → Pod), for items that omit `kind`. */
  readonly listKind?: string;
}

export interface DumpSource {
  readonly file: string;
  /** The objects, in the order of the file (Lists opened, empty documents left out). */
  items(): Iterable<DumpItem>;
  /** 1-based line of `path` in document `doc` (or of its nearest ancestor found). */
  lineOf(doc: number, path: readonly PathSegment[]): number | undefined;
  /**
   * Where the `nth` object of `kind` sits, told from the bytes before any object is parsed, or
   * how many there are when fewer (JSON dumps; only objects that plainly say that kind count).
   */
  countKind?(kind: string, nth: number): { count: number; at?: { doc: number; path: PathSegment[] } };
  /** Top-level documents seen (JSON values or YAML documents, empty ones included). */
  readonly documents: number;
}

/** The objects of one parsed value: a List's items, an array's elements, or the value itself. */
export function* itemsOf(value: unknown, doc: number, at: PathSegment[]): Iterable<DumpItem> {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* itemsOf(value[i], doc, [...at, i]);
    return;
  }
  const v = value as { kind?: unknown; items?: unknown };
  if (typeof v === 'object' && Array.isArray(v.items)) {
    const listKind = typedListKind(v.kind);
    for (let i = 0; i < v.items.length; i++) yield { value: v.items[i], doc, path: [...at, 'items', i], listKind };
    return;
  }
  yield { value, doc, path: at };
}

/** PodList → Pod; List and anything else → undefined. */
export function typedListKind(kind: unknown): string | undefined {
  return typeof kind === 'string' && kind.endsWith('List') && kind !== 'List' ? kind.slice(0, -4) : undefined;
}
