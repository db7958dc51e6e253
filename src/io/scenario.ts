// Scenario files (YAML or JSON, contract "Scenario file") → Scenario: the inventory after
// per-workload overrides, the cluster knobs over Kubernetes' defaults, and timed events.
// Every problem is an InputError with `file:line` and the field path; a problem in a value
// that came from `--set` names that override instead of a line.
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import type { Inventory } from '../model/types.js';
import type { Scenario } from '../model/scenario.js';
import { InputError, type InputLocation, clip } from './errors.js';
import { STDIN, decodeText, displayName, readInputBytes, readTextFile } from './read-file.js';
import { type PathSegment, type SourceDocs, formatPath, parseSource } from './yaml-source.js';
import { type AppliedSet, RESERVED_KEYS, applySetOverridesTracked } from './set-overrides.js';
import { type InventoryRef, ScenarioFile } from './scenario-schema.js';
import { PATCH_KEYS } from './scenario-schema-workloads.js';
import { firstProblem } from './zod-issues.js';
import { clusterConfig } from './cluster-config.js';
import type { Fail } from './workload-patch.js';
import { applyWorkloadOverrides } from './scenario-workloads.js';
import { buildEvents } from './scenario-events.js';
import { type InventoryFiles, checkInventoryLimits, csvFiles, inventoryDirectory, loadInventoryFiles, pathKind, placeOnKnownNodes } from './inventory.js';
import { LIMITS, LIMIT_HINTS } from '../model/limits.js';
import { CAPTURE_COMMAND, isKubernetesDocument, kubectlFromDumps, kubectlFromSource } from './kubectl.js';
import { jsonDumpOrNull, mayHoldNodes } from './dump-source.js';
import { inferKind, looksLikeKubernetesObject } from './kubectl-kinds.js';

export { applySetOverrides } from './set-overrides.js';

export const DEFAULT_DURATION_MS = 30 * 60_000;
export const DEFAULT_SEED = 1;

export interface LoadOptions {
  /** `--set KEY=VALUE` overrides, applied in order. */
  readonly set?: readonly string[];
  /** Overrides the scenario's seed. */
  readonly seed?: number;
}

export interface DocumentOptions extends LoadOptions {
  /** Path used in messages and as Scenario.file ('' by default). */
  readonly file?: string;
  /** Directory inventory paths are relative to (default: the file's, else the working directory). */
  readonly baseDir?: string;
  /** Use this inventory instead of loading `inventory:` (which may then be omitted). */
  readonly inventory?: Inventory;
}

/** Loads and validates a scenario file. */
export async function loadScenario(path: string, opts: LoadOptions = {}): Promise<Scenario> {
  return stackSafe(path, async () => {
    const src = parseSource(await readTextFile(path), path, { single: true });
    return buildScenario(src, { ...opts, file: path });
  });
}

/**
 * A last line of defence: whatever in a loader still recurses over the input (a parser, a
 * validator), a stack overflow is the input's depth, so exit 2 rather than a crash.
 */
async function stackSafe<T>(file: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new InputError('nested too deeply to read (simplify the file)', { file });
    throw e;
  }
}

/** Builds a Scenario from an in-memory document (tests, the TUI's what-if edits). */
export async function scenarioFromDocument(doc: unknown, opts: DocumentOptions = {}): Promise<Scenario> {
  return buildScenario({ file: opts.file ?? '', values: [doc], lineOf: () => undefined }, opts);
}

/** A scenario, or an inventory alone (a directory, a CSV, a kubectl dump). */
export type LoadedInput =
  | { readonly kind: 'scenario'; readonly scenario: Scenario; readonly inventory: Inventory }
  | { readonly kind: 'inventory'; readonly inventory: Inventory };

/** Loads whatever `path` is: a scenario, a kubectl dump, a nodes.csv or an inventory directory. */
export async function loadInput(path: string, opts: LoadOptions = {}): Promise<LoadedInput> {
  return stackSafe(path, () => loadInputUnsafe(path, opts));
}

async function loadInputUnsafe(path: string, opts: LoadOptions): Promise<LoadedInput> {
  const file = displayName(path);
  const noSet = () => {
    if (opts.set?.length) throw new InputError(`--set ${opts.set[0]}: overrides apply to scenarios, and this is an inventory`, { file });
  };
  if (path !== STDIN) {
    const kind = await pathKind(path);
    if (kind !== 'document') {
      noSet();
      const files = kind === 'directory' ? await inventoryDirectory(path) : csvFiles(path);
      return { kind: 'inventory', inventory: checkNodes(await loadInventoryFiles(files), path) };
    }
  }
  const bytes = await readInputBytes(path);
  // JSON dumps are read without parsing the whole file (dump-source.ts).
  const dump = jsonDumpOrNull(bytes, file);
  if (dump) {
    noSet();
    if (!mayHoldNodes(bytes)) throw new InputError(`the inventory has no nodes: this dump has no Node objects — ${ADD_NODES}`, { file });
    return { kind: 'inventory', inventory: placeOnKnownNodes(checkNodes(kubectlFromDumps([dump]), file)) };
  }
  const src = parseSource(decodeText(bytes, file), file);
  const nonEmpty = src.values.filter((v) => v !== null && v !== undefined);
  if (nonEmpty.length === 0) throw new InputError('empty file', { file });
  if (src.values.length > 1 || isKubernetesDocument(nonEmpty[0])) {
    noSet();
    return { kind: 'inventory', inventory: placeOnKnownNodes(checkNodes(kubectlFromSource(src), file)) };
  }
  if (path === STDIN) throw new InputError('standard input holds no kubectl dump (`-` reads a dump, not a scenario)', { file });
  const scenario = await buildScenario(src, { ...opts, file: path });
  return { kind: 'scenario', scenario, inventory: scenario.inventory };
}

/** The inventory of a scenario, a kubectl dump, a nodes.csv, or a directory with nodes.csv. */
export async function loadInventoryPath(path: string): Promise<Inventory> {
  return (await loadInput(path)).inventory;
}

const ADD_NODES = "add them: capture `kubectl get nodes -o json` too (a scenario may list several kubectl files), or give a nodes.csv beside the dump in a scenario's inventory";

function checkNodes(inv: Inventory, file: string): Inventory {
  if (inv.nodes.length > 0) return inv;
  const bound = new Set(inv.pods.flatMap((p) => (p.node ? [p.node] : []))).size;
  const hint = inv.pods.length
    ? `: this dump has pods (bound to ${bound} node${bound === 1 ? '' : 's'}) but no Nodes — ${ADD_NODES}`
    : '';
  throw new InputError(`the inventory has no nodes${hint}`, { file });
}

async function buildScenario(src: SourceDocs, opts: DocumentOptions): Promise<Scenario> {
  const file = opts.file ?? src.file;
  const original = src.values[0];
  if (original === null || original === undefined) throw new InputError('empty scenario file', { file });
  if (typeof original !== 'object' || Array.isArray(original)) {
    throw new InputError('expected a mapping with name, inventory, duration, cluster, workloads and events', { file, line: 1 });
  }
  if (isKubernetesDocument(original)) {
    throw new InputError('this is a Kubernetes object or kubectl dump, not a scenario: point a scenario\'s inventory.kubectl at it, or inspect it directly', { file });
  }
  if (looksLikeKubernetesObject(original)) throw new InputError(missingKind(original), { file, line: 1 });
  checkDocument(original, makeFail(file, src, original, []));
  const { doc, applied } = applySetOverridesTracked(original, opts.set ?? [], PATCH_KEYS);
  const fail = makeFail(file, src, original, applied);
  const parsed = ScenarioFile.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    const p = firstProblem(parsed.error);
    return fail(p.path, p.detail);
  }
  const s = parsed.data;
  const baseDir = opts.baseDir ?? (file ? dirname(file) : '.');
  let inventory = opts.inventory ?? (await loadScenarioInventory(s.inventory, baseDir, fail));
  if (inventory.nodes.length === 0) fail(['inventory'], 'the inventory has no nodes');
  if (s.snapshotTime !== undefined) inventory = { ...inventory, snapshotTime: s.snapshotTime };
  const cluster = clusterConfig(s.cluster, fail);
  const durationMs = s.duration ?? DEFAULT_DURATION_MS;
  inventory = await applyWorkloadOverrides(inventory, s.workloads ?? {}, fail);
  const events = await buildEvents(inventory, s.events ?? [], durationMs, fail);
  const scales = events.flatMap((e) => (e.action.kind === 'scale' ? [e.action] : []));
  checkInventoryLimits(inventory, scales, file);
  return {
    name: s.name ?? (file ? basename(file, extname(file)) : 'scenario'),
    file,
    inventory,
    durationMs,
    seed: opts.seed ?? s.seed ?? DEFAULT_SEED,
    cluster,
    events,
    source: doc,
    overrides: [...(opts.set ?? [])],
  };
}

/**
 * Before anything copies or validates the document (both recurse): at most
 * LIMITS.documentDepth levels deep (a JSON file nested 200,000 deep overflowed the stack), and
 * no key that names JavaScript's object internals (`__proto__`, `constructor`, `prototype`).
 */
function checkDocument(doc: unknown, fail: Fail): void {
  const stack: { v: unknown; path: PathSegment[] }[] = [{ v: doc, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= LIMITS.documentDepth) fail(path, `nested more than ${LIMITS.documentDepth} levels deep: ${LIMIT_HINTS.documentDepth}`);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else {
      for (const k of Object.keys(v)) {
        if (RESERVED_KEYS.has(k)) fail([...path, k], `"${k}" is not a scenario field or name (it names JavaScript's object internals, so it is refused)`);
        stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
      }
    }
  }
}

function makeFail(file: string, src: SourceDocs, original: unknown, applied: readonly AppliedSet[]): Fail {
  const fromSet = (path: readonly PathSegment[]) =>
    [...applied].reverse().find((a) => isPrefix(a.path, path) || (isPrefix(path, a.path) && !existsIn(original, path)));
  const locate = (path: readonly PathSegment[]): InputLocation => {
    const set = fromSet(path);
    const field = formatPath(path) || undefined;
    if (set) return { file, path: `${field ?? ''} (from --set ${clip(set.text, 120)})`.trim() };
    return { file, line: src.lineOf(0, path), path: field };
  };
  const fail = (path: readonly PathSegment[], detail: string): never => {
    const set = fromSet(path);
    if (set) {
      // VALUE is read as YAML: `a ? b : c` or `k: v` become mappings unless quoted.
      const hint = /got a (mapping|list)/.test(detail) ? '; the value is read as YAML: to give text, quote it, e.g. --set \'KEY="a ? b : c"\'' : '';
      throw new InputError(`${detail} (from --set ${clip(set.text, 120)}${hint})`, { file, path: formatPath(path) || undefined });
    }
    throw new InputError(detail, { file, line: src.lineOf(0, path), path: formatPath(path) || undefined });
  };
  return Object.assign(fail, { locate });
}

const isPrefix = (a: readonly PathSegment[], b: readonly PathSegment[]) => a.length <= b.length && a.every((s, i) => s === b[i]);

function existsIn(doc: unknown, path: readonly PathSegment[]): boolean {
  let cur = doc;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, seg)) return false;
    cur = (cur as Record<PathSegment, unknown>)[seg];
  }
  return true;
}

async function loadScenarioInventory(ref: InventoryRef | undefined, baseDir: string, fail: Fail): Promise<Inventory> {
  if (ref === undefined) return fail(['inventory'], 'required: the files describing the cluster (nodes, workloads, pods, kubectl)');
  const resolve = async (rel: string, at: PathSegment[]): Promise<string> => {
    if (rel === STDIN) return rel;
    const p = isAbsolute(rel) ? rel : join(baseDir, rel);
    try {
      await stat(p);
    } catch {
      fail(at, `${JSON.stringify(rel)}: no such file or directory (looked for ${p}; paths are relative to the scenario file)`);
    }
    return p;
  };
  let files: InventoryFiles;
  if (typeof ref === 'string') {
    const p = await resolve(ref, ['inventory']);
    const kind = await pathKind(p);
    files = kind === 'directory' ? await inventoryDirectory(p) : kind === 'csv' ? csvFiles(p) : { kubectl: p };
  } else {
    if (!ref.nodes && !ref.kubectl) fail(['inventory'], 'give nodes (a nodes.csv) or kubectl (a dump), or both');
    if (ref.pods && !ref.workloads && !ref.kubectl) fail(['inventory', 'pods'], 'pods need their workloads: add inventory.workloads');
    const out: { -readonly [K in keyof InventoryFiles]: InventoryFiles[K] } = {};
    for (const key of ['nodes', 'pods'] as const) {
      const rel = ref[key];
      if (rel) out[key] = await resolve(rel, ['inventory', key]);
    }
    if (typeof ref.kubectl === 'string') out.kubectl = await resolve(ref.kubectl, ['inventory', 'kubectl']);
    else if (ref.kubectl) {
      const list: string[] = [];
      for (const [i, rel] of ref.kubectl.entries()) list.push(await resolve(rel, ['inventory', 'kubectl', i]));
      out.kubectl = list;
    }
    const w = ref.workloads;
    if (typeof w === 'string') out.workloads = await resolve(w, ['inventory', 'workloads']);
    else if (w) out.workloads = await Promise.all(w.map((rel, i) => resolve(rel, ['inventory', 'workloads', i])));
    files = out;
  }
  return loadInventoryFiles(files);
}

/** A Kubernetes object without `kind`: what is missing, and what a dump looks like. */
function missingKind(doc: unknown): string {
  const guess = inferKind(doc, undefined);
  const looks = guess ? ` (by its fields, a ${guess})` : '';
  return (
    `this looks like a Kubernetes object without "kind"${looks}: every object names its kind (kind: Pod, kind: Node, …) and apiVersion. ` +
    'A kubectl dump is what `kubectl get … -o json` prints, e.g. {"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Pod", …}]}; ' +
    `capture one with \`${CAPTURE_COMMAND}\``
  );
}
