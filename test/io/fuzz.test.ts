// Property: random and mutated CSV, YAML, JSON and --set inputs fed to every loader either load
// or fail with the project's InputError naming the file (and line) or the --set argument —
// never another exception, never a hang. (Issue 10, "Done when".)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/errors.js';
import { jsonPathOffset } from '../../src/io/json-position.js';
import { parseNodesCsv } from '../../src/io/csv/nodes.js';
import { parseWorkloadsCsv } from '../../src/io/csv/workloads.js';
import { parsePodsCsv } from '../../src/io/csv/pods.js';
import { parseKubectlDump } from '../../src/io/kubectl.js';
import { loadInput, loadScenario } from '../../src/io/scenario.js';
import { lineAt } from '../../src/io/read-file.js';

const dir = mkdtempSync(join(tmpdir(), 'headroom-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// FUZZ_RUNS=5000 npx vitest run test/io/fuzz.test.ts for a longer search.
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const TIMEOUT = 30_000 + NUM_RUNS * 50;

const NODES = 'name,zone,cpu,memory,pods,labels,taints\nn1,zone-a,4,16Gi,110,pool=a,\nn2,zone-b,8,32Gi,110,,gpu=1:NoSchedule\n';
const WORKLOADS =
  'namespace,name,replicas,cpu_request,memory_request,memory_limit,max_surge,max_unavailable,readiness_period_seconds,pdb_max_unavailable,memory_usage\n' +
  'shop,web,3,250m,256Mi,512Mi,25%,0,5,1,request * 0.8\n' +
  'shop,db,1,1,1Gi,,1,,,,"min(limit, request + 1Mi * t)"\n';
const PODS = 'namespace,workload,name,node,phase,ready\nshop,web,web-1,n1,Running,true\nshop,db,db-1,,Pending,\n';
const SCENARIO = `name: fuzz
inventory: {nodes: nodes.csv, workloads: workloads.csv}
duration: 10m
seed: 7
cluster: {version: "1.33", evictionHard: {memory.available: 100Mi}}
workloads:
  shop/web: {maxSurge: 1, maxUnavailable: 0, memoryUsage: "request * 1.1"}
events:
  - {at: 1m, rollout: {workload: shop/web, set: {memoryRequest: 300Mi}}}
  - {at: 2m, nodeFailure: {node: n2, mode: NotReady}}
  - {at: 3m, scale: {workload: shop/db, replicas: 2}}
  - {at: 4m, memoryUsage: {workload: shop/db, value: "request * (1 + t / 600)"}}
  - {at: 5m, drain: {node: n1}}
`;
const DUMP = readFileSync(join(import.meta.dirname, '../fixtures/io/kubectl/cluster.json'), 'utf8');
const DUMP_YAML = readFileSync(join(import.meta.dirname, '../fixtures/io/kubectl/cluster.yaml'), 'utf8');
writeFileSync(join(dir, 'nodes.csv'), NODES);
writeFileSync(join(dir, 'workloads.csv'), WORKLOADS);

/** Characters that break formats: quotes, brackets, separators, controls, NUL, non-ASCII. */
const NASTY = fc.constantFrom('"', "'", '{', '}', '[', ']', ',', ':', ';', '=', '%', '-', '#', '&', '*', '!', '|', '>', '\t', '\n', '\r', '\u0000', '\u00e9', '\ufeff', '\ud83d\ude00', ' ', '1e400', '-1', '__proto__', 'NaN', '9'.repeat(25), '..', '/');
const insertion = fc.oneof(fc.string({ maxLength: 6 }), NASTY, fc.array(NASTY, { maxLength: 4 }).map((a) => a.join('')));
const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), ins: insertion });

/** `text` after a few random edits (positions taken modulo its length), or a line shuffle. */
function mutated(text: string) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => edits.reduce((t, e) => {
      const at = t.length === 0 ? 0 : e.at % (t.length + 1);
      return t.slice(0, at) + e.ins + t.slice(at + e.del);
    }, text)) },
    { weight: 1, arbitrary: fc.nat().map((k) => {
      const lines = text.split('\n');
      const i = k % lines.length;
      const j = (k >> 3) % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }) },
    { weight: 1, arbitrary: fc.nat().map((k) => text.slice(0, k % (text.length + 1))) },
  );
}

/** Runs `load`; any failure must be an InputError whose message starts with `file` (or names the --set). */
async function loadsOrInputError(load: () => unknown, file: string): Promise<void> {
  try {
    await load();
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`not an InputError: ${(e as Error)?.stack ?? String(e)}`);
    const m = e.message;
    if (!m.startsWith(file) && !m.startsWith('--set ')) throw new Error(`does not name the file or --set: ${m}`);
    if (m.length > 1500) throw new Error(`message too long (${m.length})`);
  }
}

describe('every loader: loads, or an InputError naming the file/line or field', () => {
  it.each([
    ['nodes.csv', NODES, (t: string) => parseNodesCsv(t, 'nodes.csv')],
    ['workloads.csv', WORKLOADS, (t: string) => parseWorkloadsCsv(t, 'workloads.csv')],
    ['pods.csv', PODS, (t: string) => parsePodsCsv(t, 'pods.csv', { nodes: new Set(['n1']), workloads: new Set(['shop/web', 'shop/db']) })],
    ['dump.json', DUMP, (t: string) => parseKubectlDump(t, 'dump.json')],
    ['dump.yaml', DUMP_YAML, (t: string) => parseKubectlDump(t, 'dump.yaml')],
  ] as const)('mutated %s', async (file, text, load) => {
    // The YAML dump is 2,000 lines: fewer runs keep the file at a few seconds.
    const numRuns = file === 'dump.yaml' ? Math.ceil(NUM_RUNS / 4) : NUM_RUNS;
    await fc.assert(fc.asyncProperty(mutated(text), (t) => loadsOrInputError(() => load(t), file)), { numRuns });
  }, TIMEOUT);

  it('random text as each CSV and as a dump', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200, unit: 'grapheme' }), async (t) => {
        await loadsOrInputError(() => parseNodesCsv(t, 'n.csv'), 'n.csv');
        await loadsOrInputError(() => parseWorkloadsCsv(t, 'w.csv'), 'w.csv');
        await loadsOrInputError(() => parseKubectlDump(t, 'd.json'), 'd.json');
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT);

  it('random JSON values as a kubectl dump and as a scenario file', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (v) => {
        const text = JSON.stringify(v) ?? 'null';
        await loadsOrInputError(() => parseKubectlDump(text, 'd.json'), 'd.json');
        const p = join(dir, `json-${n++ % 4}.json`);
        writeFileSync(p, text);
        await loadsOrInputError(() => loadScenario(p), p);
        await loadsOrInputError(() => loadInput(p), p);
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT);

  it('mutated scenario YAML (and the same as bytes: encodings)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutated(SCENARIO), async (t) => {
        const p = join(dir, `s-${n++ % 4}.yaml`);
        writeFileSync(p, t);
        await loadsOrInputError(() => loadScenario(p), p);
        await loadsOrInputError(() => loadInput(p), p);
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT);

  it('random and mutated --set arguments', async () => {
    const p = join(dir, 'base.yaml');
    writeFileSync(p, SCENARIO);
    const segment = fc.oneof(
      fc.constantFrom('workloads', 'shop/web', 'shop/db', 'maxSurge', 'replicas', 'events', '0', '3', '9', 'at', 'scale', 'cluster', 'evictionHard', 'memory.available', 'duration', 'seed', 'inventory', 'nodes', 'name', '__proto__', 'constructor', 'prototype', 'memoryUsage', 'rollout', 'set', ''),
      fc.string({ maxLength: 5 }),
    );
    const value = fc.oneof(
      fc.constantFrom('1', '0', '-1', '50%', '150%', '1e400', '1e308', 'null', '', '[]', '{}', '{a: 1}', '"x"', 'true', '5m', '99999999999999999999', 'request * 2', '{__proto__: {x: 1}}', '[1, [2, [3]]]', '*a', '&a [*a]'),
      fc.string({ maxLength: 8 }),
    );
    const set = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), value, fc.boolean()).map(([segs, v, eq]) => `${segs.join('.')}${eq ? '=' : ''}${v}`);
    await fc.assert(
      fc.asyncProperty(fc.array(set, { minLength: 1, maxLength: 3 }), async (sets) => {
        await loadsOrInputError(() => loadScenario(p, { set: sets }), p);
        expect(({} as Record<string, unknown>).x).toBeUndefined();
      }),
      { numRuns: NUM_RUNS * 2 },
    );
  }, TIMEOUT);
});

describe('jsonPathOffset (the line of a field in a JSON file, without a second parse)', () => {
  it('finds the line of every field of random JSON, as the YAML parser would', () => {
    const paths = (v: unknown, prefix: (string | number)[] = [], acc: (string | number)[][] = [[]]) => {
      if (Array.isArray(v)) v.forEach((x, i) => (acc.push([...prefix, i]), paths(x, [...prefix, i], acc)));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (acc.push([...prefix, k]), paths(x, [...prefix, k], acc));
      return acc;
    };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 0, max: 2 }), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        for (const p of paths(v)) {
          const at = jsonPathOffset(text, p);
          expect(at).toBeDefined();
          // The value at `p` starts on that line: re-reading from there gives the same value.
          const line = lineAt(text, at!);
          const lines = text.split('\n');
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(lines.length);
          const sub = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);
          const rest = text.slice(at!);
          expect(rest.startsWith(JSON.stringify(sub, null, indent).split('\n')[0])).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
