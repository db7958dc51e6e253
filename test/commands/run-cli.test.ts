// `headroom run` end to end (spawned): reports written atomically, exit codes, --events.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'headroom-run-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.tsx', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const SCENARIO = 'scenarios/checkout-rollout-at-peak.yaml';

describe('headroom run', () => {
  it('writes the five reports, prints the summary and the report path', () => {
    const out = join(work, 'ok');
    const r = cli('run', SCENARIO, '--out', out, '--set', 'duration=5m');
    expect(r.code).toBe(0);
    for (const f of ['timeline.csv', 'events.csv', 'summary.csv', 'nodes.csv', 'report.html']) expect(existsSync(join(out, f))).toBe(true);
    expect(r.stdout).toContain('shop/checkout');
    expect(r.stdout).toContain(join(out, 'report.html'));
  }, 120_000);

  it('is byte-identical for the same seed, and differs for another seed', () => {
    const a = join(work, 'a');
    const b = join(work, 'b');
    const c = join(work, 'c');
    expect(cli('run', SCENARIO, '--out', a, '--set', 'duration=5m').code).toBe(0);
    expect(cli('run', SCENARIO, '--out', b, '--set', 'duration=5m').code).toBe(0);
    expect(cli('run', SCENARIO, '--out', c, '--set', 'duration=5m', '--seed', '7').code).toBe(0);
    for (const f of ['timeline.csv', 'events.csv', 'summary.csv', 'nodes.csv', 'report.html']) {
      expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
    }
    expect(readFileSync(join(c, 'events.csv'), 'utf8')).not.toBe(readFileSync(join(a, 'events.csv'), 'utf8'));
  }, 120_000);

  it('--events important leaves routine per-pod events out; a bad value exits 2 and writes nothing', () => {
    const all = join(work, 'all');
    const important = join(work, 'important');
    expect(cli('run', SCENARIO, '--out', all, '--set', 'duration=5m', '--events', 'all').code).toBe(0);
    expect(cli('run', SCENARIO, '--out', important, '--set', 'duration=5m', '--events', 'important').code).toBe(0);
    const reasons = (dir: string) => readFileSync(join(dir, 'events.csv'), 'utf8').split('\n').slice(1).map((l) => l.split(',')[2]);
    expect(reasons(all)).toContain('Scheduled');
    expect(reasons(important)).not.toContain('Scheduled');
    expect(reasons(important)).toContain('ScalingReplicaSet');
    const bad = join(work, 'bad');
    const r = cli('run', SCENARIO, '--out', bad, '--events', 'some');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--events "some"');
    expect(existsSync(bad)).toBe(false);
  }, 120_000);

  it('a scenario error exits 2 with the field path and leaves an existing report folder untouched', () => {
    const out = join(work, 'ok');
    const before = readFileSync(join(out, 'summary.csv'), 'utf8');
    const r = cli('run', SCENARIO, '--out', out, '--set', 'events.0.rollout.workload=shop/nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('events[0].rollout.workload: no workload "shop/nope"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(before);
  }, 120_000);

  it('a rollout of a Job exits 2 naming the field, and writes nothing; the Job scenario runs', () => {
    const out = join(work, 'job-rollout');
    const r = cli('run', 'scenarios/batch-job-zone-failure.yaml', '--out', out, '--set', 'events.1={"at": "1m", "rollout": {"workload": "batch/nightly-report"}}');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('events[1].rollout.workload: "batch/nightly-report" is a Job: its pod template cannot change');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    const ok = join(work, 'job');
    const run = cli('run', 'scenarios/batch-job-zone-failure.yaml', '--out', ok, '--set', 'duration=12m');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Jobs:\n  batch/nightly-report');
    const summary = readFileSync(join(ok, 'summary.csv'), 'utf8').split('\n');
    expect(summary[0].endsWith(',succeeded,failed,completed_seconds,job_condition')).toBe(true);
    expect(readFileSync(join(ok, 'timeline.csv'), 'utf8').split('\n')[0].endsWith(',kind,succeeded,failed')).toBe(true);
  }, 120_000);
});
