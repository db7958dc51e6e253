// Issue 10's hostile inputs at the loaders: special files, encodings, sizes past the contract's
// limits, deep nesting, prototype keys, syntax errors pointed at the right line. Each must be an
// InputError (exit 2) naming the file and line or the field, fast, never a hang or a crash.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/errors.js';
import { invalidUtf8At, readBytes, readTextFile } from '../../src/io/read-file.js';
import { parseNodesCsv } from '../../src/io/csv/nodes.js';
import { parseWorkloadsCsv } from '../../src/io/csv/workloads.js';
import { kubectlFromDumps, parseKubectlDump } from '../../src/io/kubectl.js';
import type { DumpSource } from '../../src/io/dump-source.js';
import { loadInput, loadScenario } from '../../src/io/scenario.js';
import { applySetOverrides } from '../../src/io/set-overrides.js';
import { parseSource } from '../../src/io/yaml-source.js';

const dir = mkdtempSync(join(tmpdir(), 'headroom-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const NODES = file('nodes.csv', 'name,zone,cpu,memory,pods\nn1,a,4,16Gi,110\n');
const WORKLOADS = file('workloads.csv', 'namespace,name,replicas,cpu_request,memory_request\nshop,web,2,100m,64Mi\n');

async function message(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}
const scenarioWith = (name: string, yaml: string) => file(name, `inventory: {nodes: ${NODES}, workloads: ${WORKLOADS}}\n${yaml}`);

describe('only regular files are inputs; the bytes read are counted', () => {
  it.each(['/dev/zero', '/dev/urandom'])('inventory.nodes: %s is refused at once (memory grew without bound)', async (dev) => {
    const s = file('dev.yaml', `inventory: {nodes: ${dev}}\n`);
    expect(await message(loadScenario(s))).toBe(`${dev}: is a device, not a regular file: Headroom reads only regular files`);
  });

  it('a FIFO is refused instead of blocking forever (as a scenario and as nodes.csv)', async () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(await message(loadScenario(fifo))).toMatch(/pipe\.yaml: is a FIFO \(named pipe\), not a regular file/);
    const s = file('fifo.yaml', `inventory: {nodes: ${fifo}}\n`);
    expect(await message(loadScenario(s))).toMatch(/is a FIFO/);
    expect(await message(loadInput(fifo))).toMatch(/is a FIFO/);
  });

  it('a directory where a file belongs', async () => {
    mkdirSync(join(dir, 'a-dir.csv'));
    expect(await message(readTextFile(join(dir, 'a-dir.csv')))).toMatch(/a-dir\.csv: is a directory, expected a file/);
  });

  it('the cap counts bytes read, not stat().size (0 for /proc files)', async () => {
    expect(await message(readBytes('/proc/self/status', 10))).toMatch(/^\/proc\/self\/status: file too large \(more than 0 MiB\)\. Headroom reads at most 1 GiB/);
    expect((await readBytes('/proc/self/status')).length).toBeGreaterThan(10);
    const p = file('big.csv', 'x'.repeat(100));
    expect(await message(readBytes(p, 99))).toMatch(/file too large/);
    expect((await readBytes(p, 100)).length).toBe(100);
  });
});

describe('encodings', () => {
  const utf16le = (s: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, 'utf16le')]);
  it.each([
    ['without a BOM', utf16le('name,zone,cpu,memory,pods\r\n', false), 'little-endian'],
    ['big-endian', Buffer.from(utf16le('name,zone\r\n', false).swap16()), 'big-endian'],
  ])('UTF-16 %s: says so and how to re-save as UTF-8', async (_name, bytes, kind) => {
    const p = file('ps.csv', bytes);
    const m = await message(readTextFile(p));
    expect(m).toContain(`ps.csv: is UTF-16 ${kind} text without a byte-order mark (as some Windows tools write it). Headroom reads UTF-8: re-save it as UTF-8`);
    expect(m).toContain('Set-Content -Encoding utf8');
  });

  it('UTF-16 with a byte-order mark (Windows PowerShell\'s `>`) is decoded, little- or big-endian', async () => {
    const text = 'name,zone,cpu,memory,pods\r\nn1,é,2,4Gi,110\r\n';
    expect(await readTextFile(file('ps-le.csv', utf16le(text, true)))).toBe(text);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(Buffer.from(text, 'utf16le')).swap16()]);
    expect(await readTextFile(file('ps-be.csv', be))).toBe(text);
    // a broken one (an odd number of bytes after the mark) is refused, not guessed at
    expect(await message(readTextFile(file('odd.csv', Buffer.concat([utf16le('ab', true), Buffer.from([0x61])]))))).toMatch(/odd\.csv: not valid UTF-16 little-endian text/);
    expect(await message(readTextFile(file('nul16.csv', utf16le('a\nb\u0000', true))))).toMatch(/nul16\.csv:2: not a text file: a NUL character/);
  });

  it('a NUL byte and invalid UTF-8 are named with their line', async () => {
    expect(await message(readTextFile(file('nul.csv', 'name\nn1\nn2\u0000\n')))).toMatch(/nul\.csv:3: not a text file: a NUL byte \(byte 10 of the file/);
    const bad = Buffer.concat([Buffer.from('name,zone\nn1,a\n'), Buffer.from([0x63, 0xe9, 0x0a])]);
    expect(await message(readTextFile(file('latin.csv', bad)))).toMatch(/latin\.csv:3: not UTF-8 text: an invalid byte \(byte 16 of the file\)/);
  });

  it('invalidUtf8At agrees with the WHATWG decoder', () => {
    for (const bytes of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x61, 0xe2, 0x82, 0xac]]) {
      const b = new Uint8Array(bytes);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
      } catch {
        valid = false;
      }
      expect(invalidUtf8At(b) === b.length, bytes.join(',')).toBe(valid);
    }
  });
});

describe('short excerpts only', () => {
  it('a foreign file as nodes.csv: its first line is not echoed at length', async () => {
    const line = 'root:x:0:0:root:/root:/bin/bash' + ',secret-' + 'x'.repeat(300);
    const p = file('passwd', `${line}\ndaemon:x:1:1\n`);
    const m = await message(loadScenario(file('foreign.yaml', `inventory: {nodes: ${p}}\n`)));
    expect(m).toBe(`${p}:1: not a CSV with the columns name,zone,cpu,memory,pods: none of them is in its first line (2 fields, beginning "root:x:0:0:root:/root:/b"…)`);
    expect(m).not.toContain('x'.repeat(40));
    expect(m.length).toBeLessThan(250);
  });

  it('a header missing some columns lists the ones it has, cut short', async () => {
    const wide = 'name,zone,' + Array.from({ length: 40 }, (_, i) => `extra_column_${i}`).join(',');
    const m = await message(() => parseNodesCsv(`${wide}\n`, 'n.csv'));
    expect(m).toMatch(/^n\.csv:1: missing required columns "cpu", "memory", "pods" \(the header has: name, zone, extra_column_0, .*…/);
    expect(m.length).toBeLessThan(200);
  });

  it('a long cell value is quoted as an excerpt', () => {
    const long = 'y'.repeat(5000);
    let m = '';
    try {
      parseNodesCsv(`name,zone,cpu,memory,pods\nn1,a,${long},16Gi,1\n`, 'n.csv');
    } catch (e) {
      m = (e as Error).message;
    }
    expect(m).toMatch(/^n\.csv:2: cpu "y+…y+" \(5,000 characters\): /);
    expect(m.length).toBeLessThan(300);
  });
});

describe('syntax errors point at the line a person would', () => {
  it('an unclosed { on line 8 is reported on line 8 (was 9), with a caret', async () => {
    const text = 'name: x\ninventory: a\nduration: 5m\nseed: 1\ncluster:\n  version: "1.34"\nworkloads:\n  shop/web: {maxSurge: 1\nevents: []\n';
    expect(await message(() => parseSource(text, 's.yaml'))).toBe(
      's.yaml:8: YAML syntax error: the { opened here is never closed (add its }, or keep the flow mapping on one line)\n' +
        '  8 |   shop/web: {maxSurge: 1\n' +
        '    |             ^',
    );
  });

  it('JSON: an unclosed { on line 8 is reported on line 8 (was line 1, the outermost brace), as YAML is', async () => {
    // Line 8 opens "workloads" with { and closes only the inner mapping; the } on line 10 sits at
    // column 0, the indentation of line 1's {, so it was meant for that one: line 8's { is the
    // one left open. (The grammar alone leaves line 1's { open at the end of the file.)
    const text = [
      '{',
      '  "name": "x",',
      '  "inventory": {"nodes": "nodes.csv"},',
      '  "duration": "5m",',
      '  "cluster": {},',
      '  "seed": 1,',
      '  "events": [],',
      '  "workloads": { "shop/frontend": {"replicas": 12},',
      '  "x": 42',
      '}',
      '',
    ].join('\n');
    expect(await message(() => parseSource(text, 's.json'))).toBe(
      's.json:8: JSON syntax error: the { opened here is never closed (add its }: by its indentation, the } on line 10 closes a bracket opened before this one)\n' +
        '  8 |   "workloads": { "shop/frontend": {"replicas": 12},\n' +
        '    |                ^',
    );
    // In a dump: item 2's "metadata": { on line 11 (indented 12) is left open; the } on line 13,
    // at the item's column 8, was meant for the item's { (line 8), and the ] on line 14 then finds
    // the item open (the grammar's error is there, at line 14).
    const dump = [
      '{',
      '    "kind": "List",',
      '    "items": [',
      '        {',
      '            "kind": "Node",',
      '            "metadata": {"name": "a"}',
      '        },',
      '        {',
      '            "kind": "Node",',
      '            "status": {},',
      '            "metadata": {"name": "b",',
      '            "spec": {}',
      '        }',
      '    ]',
      '}',
      '',
    ].join('\n');
    expect(await message(() => parseKubectlDump(dump, 'd.json'))).toMatch(/^d\.json:11: JSON syntax error: the \{ opened here is never closed \(add its \}: by its indentation, the \} on line 13 closes/);
    // A file cut short, without such a closing bracket, still names the innermost open bracket.
    expect(await message(() => parseSource('{\n  "name": "x",\n  "workloads": {\n    "a": 1\n', 's.json'))).toMatch(/^s\.json:3: JSON syntax error: the \{ opened here is never closed \(the file ends on line 4 before its \}\)/);
  });

  it('an over-indented key on line 4 or 14 is reported there (was the line above)', async () => {
    expect(await message(() => parseSource('name: x\ninventory: a\nduration: 5m\n    seed: 1\nevents: []\n', 's.yaml'))).toMatch(
      /^s\.yaml:4: YAML syntax error: this line is indented more than line 3, whose key already has a value.*\n  4 \|     seed: 1\n    \|     \^$/,
    );
    const long = Array.from({ length: 13 }, (_, i) => `k${i}: v`).join('\n') + '\n      k13: v\nk14: v\n';
    expect(await message(() => parseSource(long, 's.yaml'))).toMatch(/^s\.yaml:14: YAML syntax error: this line is indented more than line 13/);
  });

  it('an unclosed { on the last line of a dump is reported on that line (was past the end)', async () => {
    const json = '{\n "kind": "List",\n "items": [\n  {"kind": "Node", "metadata": {"name": "a"}\n';
    expect(await message(() => parseKubectlDump(json, 'dump.json'))).toBe(
      'dump.json:4: JSON syntax error: the { opened here is never closed (the file ends on line 4 before its })\n' +
        '  4 |   {"kind": "Node", "metadata": {"name": "a"}\n' +
        '    |   ^',
    );
    const yaml = 'kind: List\nitems:\n  - {kind: Node, metadata: {name: a}\n';
    expect(await message(() => parseKubectlDump(yaml, 'dump.yaml'))).toMatch(/^dump\.yaml:3: YAML syntax error: the \{ opened here is never closed/);
  });

  it('an unclosed quote, a trailing comma', async () => {
    expect(await message(() => parseSource('name: "x\nduration: 5m\n', 's.yaml'))).toMatch(/^s\.yaml:1: YAML syntax error: the " opened here is never closed\n  1 \| name: "x\n    \|       \^$/);
    expect(await message(() => parseSource('{\n "a": 1,\n}\n', 's.json'))).toMatch(/^s\.json:2: JSON syntax error: a comma before the closing \}/);
  });
});

describe('nesting and prototype keys', () => {
  it('a JSON scenario nested 200,000 deep is refused (was a stack overflow in structuredClone)', async () => {
    const p = file('deep.json', '{"name": "x", "description": ' + '{"a": '.repeat(200_000) + '1' + '}'.repeat(200_000) + '}');
    expect(await message(loadScenario(p))).toMatch(/deep\.json(:\d+)?: description(\.a)+: nested more than 64 levels deep/);
    expect(await message(loadInput(p))).toMatch(/nested more than 64 levels deep/);
    const y = file('deep.yaml', 'name: x\ndescription: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n');
    expect(await message(loadScenario(y))).toMatch(/deep\.yaml/);
  });

  it('__proto__ / constructor / prototype keys in a scenario file are refused at their line', async () => {
    const p = scenarioWith('proto.yaml', 'workloads:\n  __proto__: {replicas: 5}\n');
    expect(await message(loadScenario(p))).toMatch(/proto\.yaml:3: workloads\.__proto__: "__proto__" is not a scenario field or name/);
    const q = scenarioWith('ctor.yaml', 'workloads:\n  shop/web:\n    nodeSelector: {constructor: x}\n');
    expect(await message(loadScenario(q))).toMatch(/ctor\.yaml:4: workloads\.shop\/web\.nodeSelector\.constructor: "constructor" is not/);
  });

  it.each([
    ['__proto__.x=1'],
    ['workloads.__proto__.replicas=5'],
    ['workloads.shop/web.constructor.prototype.x=1'],
    ['cluster.evictionHard.__proto__=1'],
    ['workloads={__proto__: {x: 1}}'],
  ])('--set %s is refused naming the argument; Object.prototype stays clean', async (set) => {
    const m = await message(() => applySetOverrides({ name: 'x' }, [set]));
    expect(m).toMatch(new RegExp(`^--set ${set.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
    expect(m).toMatch(/JavaScript's object internals/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).replicas).toBeUndefined();
    expect(await message(loadScenario(scenarioWith('s.yaml', ''), { set: [set] }))).toContain(`--set ${set}`);
  });
});

describe('seeds and durations', () => {
  it.each([
    ['seed: 1e400', /seed: infinity: too large to be exact: expected a whole number from 0 to 9007199254740991 \(2\^53 − 1\)/],
    ['seed: 12345678901234567890', /seed: 12345678901234567000: too large to be exact/],
    ['seed: 1.5', /seed: 1\.5: expected a whole number from 0/],
  ])('%s is refused clearly (it said "got null")', async (yaml, expected) => {
    const m = await message(loadScenario(scenarioWith('seed.yaml', `${yaml}\n`)));
    expect(m).toMatch(expected);
    expect(m).not.toContain('got null');
  });

  it.each(['duration: 1e308', 'duration: 99999999999999999999', 'duration: 721h', 'duration: "2592001s"'])('%s: more than 30 days is refused (it ran forever)', async (yaml) => {
    expect(await message(loadScenario(scenarioWith('dur.yaml', `${yaml}\n`)))).toMatch(/dur\.yaml:2: duration: .*more than the limit of 30 days \(720h\)\. Headroom simulates at most 30 days/);
  });

  it('exactly 30 days is accepted', async () => {
    expect((await loadScenario(scenarioWith('dur-ok.yaml', 'duration: 720h\n'))).durationMs).toBe(30 * 24 * 3600 * 1000);
  });

  it('a --set value YAML reads as a mapping gets a hint to quote it', async () => {
    const m = await message(loadScenario(scenarioWith('q.yaml', 'events:\n  - {at: 1m, memoryUsage: {workload: shop/web, value: request}}\n'), { set: ['events.0.memoryUsage.value=t > 1 ? 1 : 2'] }));
    expect(m).toMatch(/got a mapping \(from --set events\.0\.memoryUsage\.value=t > 1 \? 1 : 2; the value is read as YAML: to give text, quote it/);
  });

  it('--set duration=1e308 names the --set argument', async () => {
    expect(await message(loadScenario(scenarioWith('s2.yaml', ''), { set: ['duration=1e308'] }))).toMatch(/duration: .*30 days.*\(from --set duration=1e308\)$/);
  });
});

describe('limits, before simulating', () => {
  it('replicas 1e9: in workloads.csv, a scale event and a kubectl Deployment', async () => {
    expect(await message(parseWorkloadsCsv('namespace,name,replicas,cpu_request,memory_request\nshop,web,1000000000,100m,64Mi\n', 'w.csv'))).toMatch(
      /^w\.csv:2: replicas "1000000000": more than the limit of 1,500,000 pods at once\. Headroom simulates at most 1,500,000 pods at once: lower replicas/,
    );
    const s = scenarioWith('scale.yaml', 'events:\n  - {at: 1m, scale: {workload: shop/web, replicas: 1000000000}}\n');
    expect(await message(loadScenario(s))).toMatch(/scale\.yaml:3: events\[0\]\.scale\.replicas: more than the limit of 1,500,000 pods at once/);
    const dump = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } },
        { kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1e9, template: { spec: { containers: [{ name: 'w' }] } } } },
      ],
    });
    expect(await message(() => parseKubectlDump(dump, 'd.json'))).toMatch(/d\.json:\d+: items\[1\]\.spec\.replicas: "1000000000": more than the limit of 1,500,000 pods/);
  });

  it('replicas summed over workloads and scale events', async () => {
    const w = file('two.csv', 'namespace,name,replicas,cpu_request,memory_request\nshop,a,800000,10m,1Mi\nshop,b,600000,10m,1Mi\n');
    const ok = file('two.yaml', `inventory: {nodes: ${NODES}, workloads: ${w}}\n`);
    await loadScenario(ok, { set: ['duration=1m'] }).catch(() => undefined); // 1.4M: within the limit (loads; not simulated here)
    const s = file('sum.yaml', `inventory: {nodes: ${NODES}, workloads: ${w}}\nevents:\n  - {at: 1m, scale: {workload: shop/b, replicas: 750000}}\n`);
    // 800,000 + max(600,000, 750,000) = 1,550,000 > 1,500,000
    expect(await message(loadScenario(s))).toMatch(/sum\.yaml: replicas come to 1,550,000 pods at once, more than the limit of 1,500,000 \(the most: shop\/a with 800,000 replicas\)/);
  });

  it('1,270,000 nodes and 1,460,000 workloads are refused before their rows are parsed', async () => {
    const rows = (n: number, row: (i: number) => string) => {
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(row(i));
      return parts.join('');
    };
    const nodes = 'name,zone,cpu,memory,pods\n' + rows(1_270_000, (i) => `n${i},a,4,16Gi,110\n`);
    expect(await message(() => parseNodesCsv(nodes, 'big-nodes.csv'))).toBe(
      'big-nodes.csv:100002: 1,270,000 nodes, more than the limit of 100,000. Headroom simulates at most 100,000 nodes: split the cluster (one inventory per node pool or zone) and run each part',
    );
    const wl = 'namespace,name,replicas,cpu_request,memory_request\n' + rows(1_460_000, (i) => `ns,w${i},1,10m,1Mi\n`);
    expect(await message(parseWorkloadsCsv(wl, 'big-w.csv'))).toMatch(/^big-w\.csv:100002: 1,460,000 workloads, more than the limit of 100,000\./);
  }, 20_000);

  it('a JSON dump read alone that cannot hold a Node is refused before its objects are parsed', async () => {
    const pod = (i: number, containers: unknown = [{ name: 'c' }]) => ({ kind: 'Pod', metadata: { name: `p${i}`, namespace: 'ns' }, spec: { containers } });
    // Pod 2 is invalid (containers is not a list): parsing the objects would report it (as the
    // second case shows). The bytes hold none of a Node's words, so the dump is refused first.
    const pods = [pod(0), pod(1), pod(2, 5)];
    expect(await message(loadInput(file('pods-only.json', JSON.stringify({ kind: 'List', items: pods }))))).toMatch(
      /pods-only\.json: the inventory has no nodes: this dump has no Node objects — add them: capture `kubectl get nodes -o json` too/,
    );
    const withNode = [{ kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } }, ...pods];
    expect(await message(loadInput(file('pods-node.json', JSON.stringify({ kind: 'List', items: withNode }, null, 2))))).toMatch(/pods-node\.json:\d+: items\[3\]\.spec\.containers/);
    // A Node without kind, told by its status.nodeInfo (kubectl-kinds.ts), is still found, and so
    // is one whose kind is spelt with a \u escape.
    const kindless = [{ metadata: { name: 'n1' }, status: { nodeInfo: {}, allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } }, pod(0)];
    const inv = (await loadInput(file('kindless.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: kindless })))).inventory;
    expect(inv.nodes.map((n) => n.name)).toEqual(['n1']);
    const escaped = JSON.stringify({ kind: 'List', items: [withNode[0], pod(0)] }).replace('"Node"', '"\\u004eode"');
    expect((await loadInput(file('escaped.json', escaped))).inventory.nodes.map((n) => n.name)).toEqual(['n1']);
  });

  it('a kubectl dump with more nodes than the limit is refused at the first one past it, before the rest is read', async () => {
    // 150,000 Nodes: the 100,001st (items[100000]) is refused as it is read; the dump's source
    // is asked for no item after it (it used to be read, parsed and held to its end first).
    let pulled = 0;
    const source: DumpSource = {
      file: 'd.json',
      documents: 1,
      lineOf: () => undefined,
      *items() {
        for (let i = 0; i < 150_000; i++) {
          pulled++;
          yield { value: { kind: 'Node', metadata: { name: `n${i}` } }, doc: 0, path: ['items', i] };
        }
      },
    };
    expect(await message(() => kubectlFromDumps([source]))).toBe(
      'd.json: items[100000]: the 100,001st node: more than the limit of 100,000 nodes (the rest of the file was not read). Headroom simulates at most 100,000 nodes: split the cluster (one inventory per node pool or zone) and run each part',
    );
    expect(pulled).toBe(100_001);
    const items = Array.from({ length: 100_001 }, (_, i) => ({ kind: 'Node', metadata: { name: `n${i}` } }));
    expect(await message(() => parseKubectlDump(JSON.stringify({ kind: 'List', items }), 'd.json'))).toMatch(
      /^d\.json:1: items\[100000\]: the 100,001st node: more than the limit of 100,000 nodes/,
    );
  }, 20_000);
});
