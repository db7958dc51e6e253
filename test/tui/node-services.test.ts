// The real services: scenario discovery under scenarios/, exports under reports/, and the
// `tui` command refusing to run without a terminal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUNDLED_DEMO, BUNDLED_SCENARIOS } from '../../src/commands/tui.js';
import { compareFiles } from '../../src/report/compare-files.js';
import { makeRun } from '../../src/tui/data/runs.js';
import { exportRuns, findScenarios, leadingComment, nodeServices } from '../../src/tui/node-services.js';
import { fakeResult, fakeScenario } from './fixtures.js';

describe('scenario discovery', () => {
  test('the bundled scenarios, with names and descriptions; inventories are skipped', () => {
    const found = findScenarios([BUNDLED_SCENARIOS]);
    const demo = found.find((e) => e.path === BUNDLED_DEMO);
    expect(demo).toMatchObject({ name: 'demo', description: expect.stringMatching(/baseline/) });
    expect(found.every((e) => /\.(ya?ml|json)$/.test(e.path))).toBe(true);
    expect(found.some((e) => e.path.includes('inventory'))).toBe(false);
  });
  test('only documents with an inventory, two folders deep, each once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hr-scn-'));
    mkdirSync(join(dir, 'team', 'deep', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'a.yaml'), '# What-if: a zone goes away\n# more\nname: a\ninventory: x\n');
    writeFileSync(join(dir, 'team', 'b.yml'), 'inventory: {nodes: n.csv}\n');
    writeFileSync(join(dir, 'team', 'deep', 'deeper', 'c.yaml'), 'inventory: x\n');
    writeFileSync(join(dir, 'not-a-scenario.yaml'), 'kind: List\nitems: []\n');
    writeFileSync(join(dir, 'broken.yaml'), ': : :\n');
    const found = findScenarios([dir, dir]);
    expect(found.map((e) => [e.name, e.description])).toEqual([
      ['a', 'a zone goes away'],
      ['', ''],
    ]);
  });
  test('a FIFO named like a scenario is skipped, not read (reading it would block the picker)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hr-fifo-'));
    writeFileSync(join(dir, 'a.yaml'), 'name: a\ninventory: x\n');
    spawnSync('mkfifo', [join(dir, 'pipe.yaml')]);
    expect(findScenarios([dir]).map((e) => e.name)).toEqual(['a']);
  });
  test('the first comment line describes a file without description', () => {
    expect(leadingComment('# What-if: drain a node\n# for a kernel\nname: x')).toBe('drain a node');
    expect(leadingComment('name: x\n# late')).toBe('');
  });
  test('the real loader names the file and the override at fault', async () => {
    const services = nodeServices({ scenarioDirs: [BUNDLED_SCENARIOS] });
    await expect(services.loadScenario(BUNDLED_DEMO, ['workloads.shop/checkout.maxSurge=lots'], undefined)).rejects.toThrow(/maxSurge.*--set workloads\.shop\/checkout\.maxSurge=lots/);
    const s = await services.loadScenario(BUNDLED_DEMO, [], 9);
    expect([s.name, s.seed]).toEqual(['demo', 9]);
  });
});

describe('export', () => {
  test('A alone into reports/<name>-<time>/; with B, the comparison folder compare writes; never over an earlier export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hr-rep-'));
    const s = fakeScenario('my what-if');
    const a = makeRun(fakeResult(s), [], 1);
    const b = makeRun(fakeResult(s, true), ['x=1'], 1);
    const when = new Date(2025, 0, 2, 3, 4, 5);
    const alone = exportRuns(a, null, dir, when);
    expect(alone.map((p) => p.slice(dir.length + 1))).toEqual(['my-what-if-20250102-030405']);
    // A recorded its pods' rows (fixtures.ts), B did not: pod-status.csv only for A.
    expect(readdirSync(alone[0]).sort()).toEqual(['.headroom-report', 'events.csv', 'nodes.csv', 'pod-status.csv', 'report.html', 'summary.csv', 'timeline.csv']);
    const both = exportRuns(a, b, dir, when);
    expect(both.map((p) => p.slice(dir.length + 1))).toEqual(['my-what-if-20250102-030405-compare']);
    expect(readdirSync(both[0]).sort()).toEqual(['.headroom-report', 'a', 'b', 'compare.csv', 'compare.html']);
    expect(readdirSync(join(both[0], 'b')).sort()).toEqual(['events.csv', 'nodes.csv', 'report.html', 'summary.csv', 'timeline.csv']);
    // The same comparison writer as `headroom compare`.
    expect(readFileSync(join(both[0], 'compare.html'), 'utf8')).toBe(compareFiles(a.result, b.result)['compare.html']);
    const again = exportRuns(a, null, dir, when);
    expect(again.map((p) => p.slice(dir.length + 1))).toEqual(['my-what-if-20250102-030405-2']);
    expect(exportRuns(a, b, dir, when).map((p) => p.slice(dir.length + 1))).toEqual(['my-what-if-20250102-030405-2-compare']);
  });
});

describe('headroom tui without a terminal', () => {
  test('exits 2 and points to headroom run', () => {
    const r = spawnSync(process.execPath, ['bin/headroom.js', 'tui'], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs an interactive terminal.*headroom run SCENARIO/);
    expect(r.stdout).toBe('');
  }, 30_000);
});
