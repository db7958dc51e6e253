// `headroom compare` end to end through the CLI: exit codes, the files written (all or nothing),
// the terminal table, and byte-identical output for the same inputs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCENARIO = 'scenarios/checkout-rollout-at-peak.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'headroom-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function headroom(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.tsx', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const REPORT_FILES = ['events.csv', 'nodes.csv', 'pod-status.csv', 'report.html', 'summary.csv', 'timeline.csv'];

describe('headroom compare', () => {
  const out = join(tmp, 'ok');
  const run = headroom('compare', SCENARIO, '--set', 'workloads.shop/checkout.maxUnavailable=0', '--out', out);

  it('exits 0 and writes a/, b/, compare.csv and compare.html', () => {
    // stderr holds at most progress lines (a run over a second on a busy machine prints them).
    expect(run.err.split('\n').filter((l) => l !== '' && !l.startsWith('simulating '))).toEqual([]);
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.headroom-report', 'a', 'b', 'compare.csv', 'compare.html']);
    expect(readdirSync(join(out, 'a')).sort()).toEqual(REPORT_FILES);
    expect(readdirSync(join(out, 'b')).sort()).toEqual(REPORT_FILES);
  });

  it('compare.csv has A, B and the difference per summary figure', () => {
    const [header, ...rows] = readFileSync(join(out, 'compare.csv'), 'utf8').trim().split('\n');
    expect(header.split(',').slice(0, 8)).toEqual(['namespace', 'workload', 'desired_a', 'desired_b', 'desired_delta', 'lowest_available_a', 'lowest_available_b', 'lowest_available_delta']);
    expect(header).toContain('availability_pct_a,availability_pct_b,availability_pct_delta');
    expect(header).toContain('rollout_seconds_a,rollout_seconds_b,rollout_seconds_delta');
    const checkout = rows.find((r) => r.startsWith('shop,checkout,'));
    expect(checkout).toBeDefined();
  });

  it('B is the scenario with the override: its report says so', () => {
    expect(readFileSync(join(out, 'b', 'report.html'), 'utf8')).toContain('workloads.shop/checkout.maxUnavailable=0');
    expect(readFileSync(join(out, 'a', 'report.html'), 'utf8')).not.toContain('workloads.shop/checkout.maxUnavailable=0');
  });

  it('prints the compact delta table and where the report is', () => {
    expect(run.out).toMatch(/^workload\s+/m);
    expect(run.out).toContain('shop/checkout');
    expect(run.out).toContain(join(out, 'compare.html'));
  });

  it('writes the same bytes again for the same inputs', () => {
    const again = join(tmp, 'again');
    expect(headroom('compare', SCENARIO, '--set', 'workloads.shop/checkout.maxUnavailable=0', '--out', again).code).toBe(0);
    for (const f of ['compare.csv', 'compare.html', ...REPORT_FILES.flatMap((x) => [`a/${x}`, `b/${x}`])]) {
      expect(readFileSync(join(again, f), 'utf8'), f).toBe(readFileSync(join(out, f), 'utf8'));
    }
  });
});

describe('headroom compare with bad input', () => {
  it('a --set naming an unknown workload exits 2, names the field and writes nothing', () => {
    const out = join(tmp, 'bad-set');
    const r = headroom('compare', SCENARIO, '--set', 'workloads.shop/nope.maxSurge=50%', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('workloads.shop/nope');
    expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it('a --set with a bad value exits 2 and names the field', () => {
    const out = join(tmp, 'bad-value');
    const r = headroom('compare', SCENARIO, '--set', 'workloads.shop/checkout.maxSurge=lots', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('maxSurge');
    expect(existsSync(out)).toBe(false);
  });

  it('without any --set exits 2', () => {
    const out = join(tmp, 'no-set');
    const r = headroom('compare', SCENARIO, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--set');
    expect(existsSync(out)).toBe(false);
  });
});
