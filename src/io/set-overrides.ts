// `--set KEY=VALUE` overrides, applied to the raw scenario document before validation.
//
// KEY is a dotted path: `workloads.shop/checkout.maxSurge`, `events.0.at`,
// `cluster.evictionHard.memory.available`. Numeric segments index lists (the length appends a
// new item). Because keys may themselves contain dots (workload names, `memory.available`,
// label keys), a segment run is matched against the keys that exist first, longest first; a
// new key under `workloads` runs up to the next known field name (the per-workload override keys), and a new key under a map of
// free keys (evictionHard, nodeSelector, ...) takes the rest of the path. VALUE is read as YAML
// (`50%` → "50%", `3` → 3, `true`, `null`, `{a: 1}`; empty → null).
import { parse as parseYaml } from 'yaml';
import { InputError } from './errors.js';
import type { PathSegment } from './yaml-source.js';
import { PATCH_KEYS } from './scenario-schema.js';

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

function applyOne(root: unknown, text: string, fieldNames: ReadonlySet<string>): PathSegment[] {
  const fail = (detail: string): never => {
    throw new InputError(detail, { path: `--set ${text}` });
  };
  const eq = text.indexOf('=');
  if (eq < 0) fail('expected KEY=VALUE, e.g. workloads.shop/checkout.maxSurge=50%');
  const key = text.slice(0, eq).trim();
  const segments = key.split('.');
  if (key === '' || segments.some((s) => s === '')) fail(`"${key}" is not a dotted path (empty segment)`);
  let value: unknown;
  try {
    value = parseYaml(text.slice(eq + 1));
  } catch (e) {
    fail(`the value is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
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
  return Array.isArray(cur) ? cur[seg as number] : cur[seg as string];
}

function setIn(cur: Record<string, unknown> | unknown[], seg: PathSegment, value: unknown): void {
  if (Array.isArray(cur)) cur[seg as number] = value;
  else if (seg === '__proto__' || seg === 'constructor' || seg === 'prototype') {
    Object.defineProperty(cur, seg, { value, enumerable: true, writable: true, configurable: true });
  } else cur[seg as string] = value;
}

function describe(path: PathSegment[]): string {
  return path.length ? path.map(String).join('.') : 'the document';
}
