// The command line as the contract describes it ("Commands"): --version, --help's pointer to
// the documentation, unknown commands and flags (exit 2, named, with the valid ones listed),
// `-o json` for run and compare, progress lines on stderr when it is not a terminal, and
// generate's next step.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/commands/simulate.js';
import { loadScenario } from '../../src/io/scenario.js';

const work = mkdtempSync(join(tmpdir(), 'headroom-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = (...a: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.tsx', ...a], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const SCENARIO = 'scenarios/checkout-rollout-at-peak.yaml';
const COMMANDS = 'valid commands: run, compare, inspect, generate, tui';

describe('headroom --version, unknown commands and flags', () => {
  it('--version prints package.json\'s version and exits 0', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const r = cli('--version');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${version}\n`);
  });

  it('--help says where the documentation shipped with the package is', () => {
    // package.json "files" ships docs/; the line names docs/README.md beside package.json.
    expect(cli('--help').out).toContain(`\nDocumentation: ${resolve('docs/README.md')} (`);
  });

  it('an unknown command says so and lists the commands (it said "too many arguments")', () => {
    const r = cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: unknown command 'frobnicate'");
    expect(r.err).toContain(COMMANDS);
    expect(r.err).not.toContain('too many arguments');
    expect(cli('rnu').err).toContain('(did you mean run?)');
  });

  it('an unknown flag is named and the command\'s flags are listed', () => {
    const r = cli('run', SCENARIO, '--outt', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: unknown option '--outt'");
    expect(r.err).toMatch(/valid options for headroom run: --out <dir>, --seed <n>, --set <key=value>, --events <detail>, --pod-status, -o, --output <format>, -h, --help/);
    const top = cli('--frob');
    expect(top.code).toBe(2);
    expect(top.err).toContain('valid options for headroom: -V, --version, -h, --help');
  });

  it('--seed: one rule with seed: in a file (negative, 20 digits and 1e400 refused, saying the range)', () => {
    for (const [seed, why] of [['-1', 'must not be negative'], ['12345678901234567890', 'too large to be exact (20 digits)'], ['1e400', 'expected a whole number']]) {
      const r = cli('run', SCENARIO, '--seed', seed, '--out', join(work, 'never'));
      expect(r.code, seed).toBe(2);
      expect(r.err).toContain(`--seed "${seed}": ${why}`);
      expect(r.err).toContain('from 0 to 9007199254740991');
    }
  });
});

describe('-o json', () => {
  it('run: one JSON object on stdout with the summary rows under summary.csv\'s column names', () => {
    const out = join(work, 'json-run');
    const r = cli('run', SCENARIO, '-o', 'json', '--out', out, '--set', 'duration=5m');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { scenario: string; seed: number; overrides: string[]; out: string; workloads: Record<string, unknown>[] };
    expect(j.scenario).toBe('checkout-rollout-at-peak');
    expect(j.seed).toBe(42);
    expect(j.overrides).toEqual(['duration=5m']);
    expect(j.out).toBe(out);
    // The same rows as summary.csv, keyed by its header.
    const [header, ...lines] = readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\n');
    const cols = header.split(',');
    expect(j.workloads).toHaveLength(lines.length);
    expect(Object.keys(j.workloads[0])).toEqual(cols);
    lines.forEach((l, i) => expect(cols.map((c) => j.workloads[i][c] ?? '').map(String)).toEqual(l.split(',')));
  });

  it('compare: one JSON object with compare.csv\'s rows', () => {
    const out = join(work, 'json-compare');
    const r = cli('compare', SCENARIO, '-o', 'json', '--out', out, '--set', 'workloads.shop/checkout.maxUnavailable=0');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { overrides: string[]; workloads: Record<string, unknown>[] };
    expect(j.overrides).toEqual(['workloads.shop/checkout.maxUnavailable=0']);
    const header = readFileSync(join(out, 'compare.csv'), 'utf8').split('\n')[0].split(',');
    expect(Object.keys(j.workloads[0])).toEqual(header);
    expect(j.workloads.some((w) => w.namespace === 'shop' && w.workload === 'checkout')).toBe(true);
  });

  it('a bad -o value exits 2', () => {
    const r = cli('run', SCENARIO, '-o', 'yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('-o "yaml": expected json');
  });
});

describe('progress when stderr is not a terminal', () => {
  it('prints a line at each tenth of the simulated time, after the quiet second (here 0)', async () => {
    const s = await loadScenario(SCENARIO);
    const lines: string[] = [];
    await runScenario(s, { out: () => {}, err: (t) => lines.push(t), progress: 'lines' }, {}, { sliceMs: 0, quietMs: 0, lineEveryMs: 1e9 });
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThanOrEqual(10);
    const pcts = lines.map((l) => {
      const m = /^simulating checkout-rollout-at-peak: (\d+)% \(\S+ of 15m\) after [\d.]+ s\n$/.exec(l);
      expect(m, l).not.toBeNull();
      return Number(m![1]);
    });
    // one line per tenth reached, in order
    const deciles = pcts.map((p) => Math.floor(p / 10));
    expect(new Set(deciles).size).toBe(deciles.length);
    expect([...deciles].sort((a, b) => a - b)).toEqual(deciles);
  });

  it('prints nothing for a run shorter than the quiet second', async () => {
    const s = await loadScenario(SCENARIO);
    const lines: string[] = [];
    await runScenario(s, { out: () => {}, err: (t) => lines.push(t), progress: 'lines' }, {}, { sliceMs: 0, quietMs: 60_000, lineEveryMs: 1 });
    expect(lines).toEqual([]);
  });
});

describe('headroom generate', () => {
  it('prints the command to run next, and refuses sizes over the limits', () => {
    const dir = join(work, 'gen');
    const r = cli('generate', '--nodes', '3', '--workloads', '2', '--replicas', '2', dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`next: npx headroom run ${join(dir, 'scenario.yaml')}`);
    const big = cli('generate', '--nodes', '100001', '--workloads', '2', '--replicas', '2', join(work, 'big'));
    expect(big.code).toBe(2);
    expect(big.err).toContain('--nodes 100001: 100,001 nodes, more than the limit of 100,000');
  });
});

describe('a reader that goes away', () => {
  it('`headroom run … | head -1`: exit 0 without a stack trace when stdout closes', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = mkdtempSync(join(tmpdir(), 'headroom-epipe-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.tsx', 'run', 'scenarios/zone-failure-at-peak.yaml', '--out', join(out, 'r')], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy(); // the reader is gone before the first line
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(err).not.toMatch(/EPIPE|Error|at /);
      expect(code).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
