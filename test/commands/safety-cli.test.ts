// Issue 10 end to end, through real child processes: --out never replaces what Headroom did
// not write, concurrent runs on one --out all end cleanly, SIGINT/SIGTERM stop a run within a
// second writing nothing, a memory expression going bad at run time is exit 2 with its place
// and the simulated time.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'src/cli.tsx');
const TSX = fileURLToPath(import.meta.resolve('tsx'));
const DEMO_INV = join(ROOT, 'scenarios/demo/inventory');
const work = mkdtempSync(join(tmpdir(), 'headroom-safety-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const args = (a: string[]) => ['--import', TSX, CLI, ...a];
function cli(a: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, args(a), { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function start(a: string[], cwd = ROOT): { child: ChildProcess; exit: Promise<{ code: number | null; signal: string | null; at: number }>; err: () => string } {
  const child = spawn(process.execPath, args(a), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  const exit = new Promise<{ code: number | null; signal: string | null; at: number }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal, at: performance.now() })),
  );
  return { child, exit, err: () => err };
}
// pod-status.csv: the run has at most 20,000 pods (issue 14).
const REPORTS = ['.headroom-report', 'events.csv', 'nodes.csv', 'pod-status.csv', 'report.html', 'summary.csv', 'timeline.csv'];

function scenario(name: string, extra: string, duration = '10m'): string {
  const p = join(work, `${name}.yaml`);
  writeFileSync(p, `name: ${name}\ninventory: {nodes: ${DEMO_INV}/nodes.csv, workloads: ${DEMO_INV}/workloads.csv}\nduration: ${duration}\nseed: 1\n${extra}`);
  return p;
}

// A run of many seconds: three workloads whose working set follows a sine wave are re-sampled
// every eviction-monitoring period for 30 simulated days.
const WAVE = 'request * (0.5 + 0.1 * sin(t / 60))';
const LONG = scenario(
  'long-run',
  `events:\n${['shop/frontend', 'shop/cart', 'search/query'].map((w) => `  - {at: 0s, memoryUsage: {workload: ${w}, value: "${WAVE}"}}\n`).join('')}`,
  '720h',
);

describe('--out never replaces what Headroom did not write', () => {
  const SMALL = scenario('small', '', '1m');

  it('--out "" and --out . in a folder of files: exit 2, every file kept', () => {
    const cwd = join(work, 'project');
    mkdirSync(join(cwd, '.git'), { recursive: true });
    writeFileSync(join(cwd, 'package.json'), '{}');
    writeFileSync(join(cwd, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    for (const out of ['', '.', cwd]) {
      const r = cli(['run', SMALL, '--out', out], cwd);
      expect(r.code, out).toBe(2);
      expect(r.err).toMatch(out === '' ? /--out "": an empty path names the current folder/ : /is the current folder/);
      expect(readdirSync(cwd).sort()).toEqual(['.git', 'package.json']);
      expect(readFileSync(join(cwd, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    }
  }, 60_000);

  it('a regular file, a foreign folder: exit 2 naming it, untouched', () => {
    const file = join(work, 'notes.txt');
    writeFileSync(file, 'mine');
    let r = cli(['run', SMALL, '--out', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--out ${JSON.stringify(file)}: is a file, not a report folder Headroom wrote`);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    const dir = join(work, 'photos');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.jpg'), 'x');
    r = cli(['run', SMALL, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is a folder Headroom did not write \(no \.headroom-report marker; it holds a\.jpg\)/);
    expect(readdirSync(dir)).toEqual(['a.jpg']);
  }, 60_000);

  it('under a regular file (ENOTDIR) and under /proc: exit 2 naming the path, at once', () => {
    const file = join(work, 'plain.txt');
    writeFileSync(file, 'x');
    let r = cli(['run', SMALL, '--out', join(file, 'out')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file} is a file, not a folder`);
    expect(r.err).not.toMatch(/\n\s+at /);
    const t0 = performance.now();
    r = cli(['run', SMALL, '--out', '/proc/headroom/out']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot write \/proc\/headroom: .*\(ENOENT\)/);
    expect(performance.now() - t0).toBeLessThan(30_000); // it used to spin forever
  }, 60_000);

  it('a run with --set writes reports/<name>-<8 hex>/ beside the plain run, and echoes its overrides', () => {
    const cwd = join(work, 'defaults');
    mkdirSync(cwd);
    expect(cli(['run', SMALL], cwd).code).toBe(0);
    const plain = readFileSync(join(cwd, 'reports/small/summary.csv'), 'utf8');
    const r = cli(['run', SMALL, '--set', 'workloads.shop/checkout.replicas=4'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^small with --set workloads\.shop\/checkout\.replicas=4\n/);
    const dirs = readdirSync(join(cwd, 'reports')).sort();
    expect(dirs).toHaveLength(2);
    expect(dirs[0]).toBe('small');
    expect(dirs[1]).toMatch(/^small-[0-9a-f]{8}$/);
    expect(readFileSync(join(cwd, 'reports/small/summary.csv'), 'utf8')).toBe(plain);
    expect(readFileSync(join(cwd, 'reports', dirs[1], 'summary.csv'), 'utf8')).toMatch(/^shop,checkout,4,/m);
    // The same overrides spelled differently (spaces, order) name the same folder.
    const again = cli(['run', SMALL, '--set', ' workloads.shop/checkout.replicas = 4 '], cwd);
    expect(again.code).toBe(0);
    expect(readdirSync(join(cwd, 'reports')).sort()).toEqual(dirs);
  }, 60_000);
});

describe('concurrent runs on one --out', () => {
  it('24 runs at once all exit 0; the folder is complete and marked; no temporary folder is left', async () => {
    const parent = join(work, 'race');
    mkdirSync(parent);
    const out = join(parent, 'out');
    const small = scenario('race', '', '1m');
    const runs = Array.from({ length: 24 }, () => start(['run', small, '--out', out]));
    const ends = await Promise.all(runs.map((r) => r.exit));
    ends.forEach((e, i) => expect(e.code, runs[i].err()).toBe(0));
    expect(readdirSync(out).sort()).toEqual(REPORTS);
    expect(readdirSync(parent)).toEqual(['out']);
  }, 180_000);
});

describe('SIGINT and SIGTERM', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s stops a long run within a second, writes nothing and leaves no temporary folder (exit %i)', async (signal, code) => {
    const parent = join(work, `signal-${signal}`);
    mkdirSync(parent);
    const out = join(parent, 'out');
    const run = start(['run', LONG, '--out', out]);
    // Progress lines on stderr (not a terminal) begin after a second: the run is simulating.
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no progress line: ${run.err()}`)), 60_000);
      run.child.stderr!.on('data', () => {
        if (run.err().includes('simulating long-run')) {
          clearTimeout(timer);
          res();
        }
      });
    });
    const sent = performance.now();
    run.child.kill(signal);
    const end = await run.exit;
    expect(end.code, run.err()).toBe(code);
    expect(end.at - sent).toBeLessThan(5_000); // generous: the run checks every ~100 ms
    expect(run.err()).toContain(`interrupted by ${signal}: stopped, nothing written`);
    expect(readdirSync(parent)).toEqual([]);
  }, 90_000);
});

describe('a memory usage expression that goes bad at run time', () => {
  it('fails the run with exit 2, naming the expression\'s file and line and the simulated time; nothing is written', () => {
    // Valid at every load-time sample (t = 0, 1, 30, 60, 300, 600, 1800, ...), negative for
    // 100 < t < 200. The event is at 2m (120 s); the kubelet re-reads a time-varying usage at
    // least every evictionMonitoringPeriod (10 s), so the first bad reading is at t in (100, 110]:
    // simulated time in (220, 230] s. It used to become 0 bytes silently.
    const p = scenario('bad-expr', 'events:\n  - {at: 2m, memoryUsage: {workload: search/query, value: "t > 100 and t < 200 ? -1Mi : request"}}\n');
    const out = join(work, 'bad-expr-out');
    const r = cli(['run', p, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${p}:6: events[0].memoryUsage.value: memory usage expression "t > 100 and t < 200 ? -1Mi : request" gives a negative number (-1048576)`);
    const m = /at simulated time ([\d.]+) s \((\S+)\)/.exec(r.err);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(220);
    expect(Number(m![1])).toBeLessThanOrEqual(230);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('inputs past the limits: exit 2 in well under 30 s, within a 2 GiB heap', () => {
  /** Writes `n` rows in chunks (the test's own memory stays small). */
  async function bigCsv(path: string, header: string, n: number, row: (i: number) => string): Promise<void> {
    const out = createWriteStream(path);
    out.write(header);
    for (let i = 0; i < n; i += 10_000) {
      const parts: string[] = [];
      for (let j = i; j < Math.min(n, i + 10_000); j++) parts.push(row(j));
      if (!out.write(parts.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(r));
  }
  const bounded = (a: string[]) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--max-old-space-size=2048', ...args(a)], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, err: r.stderr, ms: performance.now() - t0 };
  };

  it('1,270,000 nodes (was a stack trace after 25 s), 1,460,000 workloads (was out of memory), replicas 1e9', async () => {
    const d = join(work, 'huge');
    mkdirSync(d);
    await bigCsv(join(d, 'nodes.csv'), 'name,zone,cpu,memory,pods\n', 1_270_000, (i) => `node-${i},zone-${i % 3},4,16Gi,110\n`);
    let r = bounded(['inspect', d]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/nodes\.csv:100002: 1,270,000 nodes, more than the limit of 100,000\. Headroom simulates at most 100,000 nodes: split/);
    expect(r.ms).toBeLessThan(30_000);
    const w = join(work, 'huge-w');
    mkdirSync(w);
    writeFileSync(join(w, 'nodes.csv'), 'name,zone,cpu,memory,pods\nn1,a,4,16Gi,110\n');
    await bigCsv(join(w, 'workloads.csv'), 'namespace,name,replicas,cpu_request,memory_request\n', 1_460_000, (i) => `ns,w-${i},1,10m,16Mi\n`);
    const s = join(w, 's.yaml');
    writeFileSync(s, 'inventory: {nodes: nodes.csv, workloads: workloads.csv}\n');
    r = bounded(['run', s, '--out', join(w, 'out')]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/workloads\.csv:100002: 1,460,000 workloads, more than the limit of 100,000/);
    expect(r.ms).toBeLessThan(30_000);
    writeFileSync(join(w, 'workloads.csv'), 'namespace,name,replicas,cpu_request,memory_request\nshop,web,1000000000,100m,64Mi\n');
    r = bounded(['run', s, '--out', join(w, 'out')]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/workloads\.csv:2: replicas "1000000000": more than the limit of 1,500,000 pods at once/);
    expect(existsSync(join(w, 'out'))).toBe(false);
  }, 120_000);

  it('inventory.nodes: /dev/zero and a FIFO end at once with exit 2', () => {
    const fifo = join(work, 'nodes.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const nodes of ['/dev/zero', fifo]) {
      const s = join(work, 'special.yaml');
      writeFileSync(s, `inventory: {nodes: ${nodes}}\n`);
      const r = bounded(['run', s, '--out', join(work, 'special-out')]);
      expect(r.code, nodes).toBe(2);
      expect(r.err).toMatch(/not a regular file/);
      expect(r.ms).toBeLessThan(30_000);
    }
  }, 60_000);
});
