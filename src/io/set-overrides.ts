// `--set KEY=VALUE` overrides, applied to the raw scenario document before validation.
//
// KEY is a dotted path: `workloads.shop/checkout.maxSurge`, `events.0.at`,
// `cluster.evictionHard.memory.available`. Numeric segments index lists (the length appends a
// new item). Because keys may themselves contain dots (workload names, `memory.available`,
// label keys), a segment run is matched against the keys that exist first, longest first; a
// new key under `workloads` runs up to the next known field name (the per-workload override keys), and a new key under a map of
// free keys (evictionHard, nodeSelector, ...) takes the rest of the path. VALUE is read as YAML
// (`50%` → "50%", `3` → 3, `true`, `null`, `{a: 1}`; empty → null).
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { InputError, clip, excerpt } from './errors.js';
import type { PathSegment } from './yaml-source.js';
import { PATCH_KEYS } from './scenario-schema-workloads.js';
import { LIMITS } from '../model/limits.js';

export interface AppliedSet {
  /** The override as given on the command line. */
  readonly text: string;
  /** Where it landed in the document. */
  readonly path: readonly PathSegment[];
}

/** Keys whose values are maps with free-form keys that may contain dots. */
const FREE_MAPS = new Set(['evictionHard', 'evictionSoft', 'evictionSoftGracePeriod', 'evictionMinimumReclaim', 'nodeSelector']);

/** Applies the overrides to a deep copy of `doc`; returns the new document. */
export function applySetOverrides(doc: unknown, sets: readonly string[], fieldNames: ReadonlySet<string> = PATCH_KEYS): unknown {
  return applySetOverridesTracked(doc, sets, fieldNames).doc;
}

/** As applySetOverrides, also saying where each override landed (for error messages). */
export function applySetOverridesTracked(
  doc: unknown,
  sets: readonly string[],
  fieldNames: ReadonlySet<string> = PATCH_KEYS,
): { doc: unknown; applied: AppliedSet[] } {
  const root: unknown = doc === null || doc === undefined ? {} : structuredClone(doc);
  const applied = sets.map((text) => ({ text, path: applyOne(root, text, fieldNames) }));
  return { doc: root, applied };
}

/** Path segments that would reach an object's prototype instead of a field. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function applyOne(root: unknown, text: string, fieldNames: ReadonlySet<string>): PathSegment[] {
  const fail = (detail: string): never => {
    throw new InputError(detail, { path: `--set ${clip(text, 120)}` });
  };
  const eq = text.indexOf('=');
  if (eq < 0) fail('expected KEY=VALUE, e.g. workloads.shop/checkout.maxSurge=50%');
  const key = text.slice(0, eq).trim();
  const segments = key.split('.');
  if (key === '' || segments.some((s) => s === '')) fail(`${excerpt(key)} is not a dotted path (empty segment)`);
  const reserved = segments.find((s) => RESERVED_KEYS.has(s));
  if (reserved) fail(`"${reserved}" is not a scenario field (it names JavaScript's object internals, so it is refused)`);
  let value: unknown;
  try {
    value = parseYaml(text.slice(eq + 1), { maxAliasCount: 100, logLevel: 'error' });
  } catch (e) {
    fail(`the value is not valid YAML: ${excerpt((e as Error).message.split('\n')[0], 120)}`);
  }
  const bad = valueProblem(value);
  if (bad) fail(bad);
  if (typeof root !== 'object' || root === null || Array.isArray(root)) fail('the scenario document is not a mapping');

  const path: PathSegment[] = [];
  let cur = root as Record<string, unknown> | unknown[];
  let i = 0;
  while (i < segments.length) {
    const { seg, next } = resolveSegment(cur, segments, i, path, fieldNames, fail);
    path.push(seg);
    const last = next >= segments.length;
    if (last) {
      setIn(cur, seg, value);
      break;
    }
    let child = getIn(cur, seg);
    if (child === undefined || child === null) {
      child = /^\d+$/.test(segments[next]) ? [] : {};
      setIn(cur, seg, child);
    } else if (typeof child !== 'object') {
      fail(`${describe(path)} is ${JSON.stringify(child)}, not a mapping or list: cannot set "${segments.slice(next).join('.')}" inside it`);
    }
    cur = child as Record<string, unknown> | unknown[];
    i = next;
  }
  return path;
}

/** Which key or index the segments starting at `i` name in `cur`; returns it and the next position. */
function resolveSegment(
  cur: Record<string, unknown> | unknown[],
  segments: string[],
  i: number,
  path: PathSegment[],
  fieldNames: ReadonlySet<string>,
  fail: (d: string) => never,
): { seg: PathSegment; next: number } {
  if (Array.isArray(cur)) {
    const s = segments[i];
    if (!/^\d+$/.test(s)) fail(`${describe(path)} is a list: expected an index, got "${s}"`);
    const idx = Number(s);
    if (idx > cur.length) {
      fail(`${describe(path)} has ${cur.length} item${cur.length === 1 ? '' : 's'}: index ${idx} is out of range (${cur.length} appends one)`);
    }
    return { seg: idx, next: i + 1 };
  }
  for (let j = segments.length; j > i; j--) {
    const k = segments.slice(i, j).join('.');
    if (Object.hasOwn(cur, k)) return { seg: k, next: j };
  }
  const parent = path[path.length - 1];
  if (typeof parent === 'string' && FREE_MAPS.has(parent)) return { seg: segments.slice(i).join('.'), next: segments.length };
  if (path.length === 1 && path[0] === 'workloads') {
    // `workloads.<namespace/name>.<field>...`: the name runs up to the first known field name.
    let k = i + 1;
    while (k < segments.length - 1 && !fieldNames.has(segments[k])) k++;
    return { seg: segments.slice(i, Math.max(k, i + 1)).join('.'), next: Math.max(k, i + 1) };
  }
  return { seg: segments[i], next: i + 1 };
}

function getIn(cur: Record<string, unknown> | unknown[], seg: PathSegment): unknown {
  if (Array.isArray(cur)) return cur[seg as number];
  return Object.hasOwn(cur, seg) ? cur[seg as string] : undefined;
}

function setIn(cur: Record<string, unknown> | unknown[], seg: PathSegment, value: unknown): void {
  // Own data properties only: never a setter or the prototype (RESERVED_KEYS are refused anyway).
  Object.defineProperty(cur, seg, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * What is wrong with a parsed --set value, if anything: a reserved key anywhere inside it, a
 * YAML alias that makes it contain itself (`&a [*a]`), or nesting past the document limit.
 * Iterative: the value may be deep.
 */
export function valueProblem(value: unknown): string | null {
  const onPath = new Set<object>();
  const stack: { v: unknown; depth: number; leave?: object }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth, leave } = stack.pop()!;
    if (leave) {
      onPath.delete(leave);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (onPath.has(v)) return 'the value contains itself (a YAML alias inside its own anchor)';
    if (depth > LIMITS.documentDepth) return `the value is nested more than ${LIMITS.documentDepth} levels deep`;
    onPath.add(v);
    stack.push({ v: null, depth, leave: v });
    if (Array.isArray(v)) {
      for (const x of v) stack.push({ v: x, depth: depth + 1 });
      continue;
    }
    for (const k of Object.keys(v)) {
      if (RESERVED_KEYS.has(k)) return `the value has the key "${k}", which is not a scenario field (it names JavaScript's object internals, so it is refused)`;
      stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1 });
    }
  }
  return null;
}

/**
 * 8 hex digits naming a set of overrides (the default report folder of a run with --set):
 * SHA-256 over the normalised list. Each override is normalised to `key=<value as JSON>`
 * (spaces around the key, YAML spellings of the same value and key order inside mappings do
 * not matter); when no key is a prefix of another, their order cannot matter either, so they
 * are sorted; otherwise the given order is kept (a later override may rewrite an earlier one).
 */
export function overridesHash(sets: readonly string[]): string {
  const entries = sets.map((text) => {
    const eq = text.indexOf('=');
    const key = (eq < 0 ? text : text.slice(0, eq)).trim();
    let value: string;
    try {
      const parsed: unknown = eq < 0 ? null : parseYaml(text.slice(eq + 1), { maxAliasCount: 100, logLevel: 'error' });
      if (valueProblem(parsed)) throw new Error('not hashable as JSON');
      value = canonicalJson(parsed);
    } catch {
      value = JSON.stringify(text.slice(eq + 1).trim());
    }
    return { key, line: `${key}=${value}` };
  });
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  const independent = entries.every((x, i) => entries.every((y, j) => i === j || !related(x.key, y.key)));
  const lines = entries.map((e) => e.line);
  if (independent) lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 8);
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function describe(path: PathSegment[]): string {
  return path.length ? path.map(String).join('.') : 'the document';
}
