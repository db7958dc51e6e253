// What `npm pack` ships runs without the repository and without compiling TypeScript: the
// package's files (package.json "files") with dist/ built as prepack builds it, and the
// checkout's dependencies minus tsx and esbuild (so any attempt to load TypeScript fails).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve('.');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; files: string[] };
const work = mkdtempSync(join(tmpdir(), 'headroom-pack-'));
const app = join(work, 'headroom');
const LEFT_OUT = new Set(['tsx', 'esbuild', '@esbuild', 'typescript', '.bin']);

beforeAll(() => {
  mkdirSync(app);
  cpSync(join(root, 'package.json'), join(app, 'package.json'));
  for (const f of pkg.files) if (f !== 'dist' && existsSync(join(root, f))) cpSync(join(root, f), join(app, f), { recursive: true });
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', join(app, 'dist')], { stdio: 'pipe' });
  mkdirSync(join(app, 'node_modules'));
  for (const m of readdirSync(join(root, 'node_modules'))) {
    if (!LEFT_OUT.has(m)) symlinkSync(join(root, 'node_modules', m), join(app, 'node_modules', m));
  }
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const headroom = (...args: string[]) => spawnSync(process.execPath, [join(app, 'bin/headroom.js'), ...args], { cwd: work, encoding: 'utf8', timeout: 60_000 });

describe('the packed package', () => {
  it('has no TypeScript and no tsx to load it with', () => {
    expect(existsSync(join(app, 'src'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(app, 'dist/cli.js'))).toBe(true);
  });

  it('prints its version', () => {
    const r = headroom('--version');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.status).toBe(0);
  });

  it('inspects and runs the bundled demo', () => {
    const i = headroom('inspect', join(app, 'scenarios/demo.yaml'), '--json');
    expect(i.status, i.stderr).toBe(0);
    expect(JSON.parse(i.stdout).nodes).toBe(12);
    const r = headroom('run', join(app, 'scenarios/zone-failure-at-peak.yaml'), '--out', join(work, 'out'));
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(work, 'out/report.html'))).toBe(true);
  });

  it('runs a scenario in the TUI’s worker thread from dist/', () => {
    const script = `
      import { loadScenario } from ${JSON.stringify(join(app, 'dist/io/scenario.js'))};
      import { workerRunner } from ${JSON.stringify(join(app, 'dist/tui/worker-runner.js'))};
      const s = await loadScenario(${JSON.stringify(join(app, 'scenarios/demo.yaml'))});
      workerRunner(s, { onProgress() {}, onDone(r) { console.log('done', r.workloads.length); }, onError(e) { console.log('error', e.message); process.exit(1); } }, { minPods: 1 });`;
    writeFileSync(join(work, 'worker-check.mjs'), script);
    const r = spawnSync(process.execPath, [join(work, 'worker-check.mjs')], { cwd: work, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^done \d+/);
  });

  it('npm pack lists the built files and the scenarios, not the sources or tests', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: app, encoding: 'utf8' });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).toContain('bin/headroom.js');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/tui/sim-worker-entry.mjs');
    expect(files).toContain('scenarios/demo.yaml');
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
  });
});
