// `npm run bench`: the scaling series of issue "Scale". For each size it generates a cluster
// (headroom generate: 3 zones, Deployments of 100 replicas, every Deployment rolled out at t=0,
// one zone failing at 10 min, one hour simulated) and runs it in a fresh process, so peak RSS
// is that run's own. Prints wall time, peak RSS, simulated events per second and the time split
// (load, simulate, report); keeps the figures in reports/bench-last.json and shows the change
// from the previous run. Each size also runs as the variant "+ds": the same cluster with a
// DaemonSet on every node (rolled out with the rest, 10 % at a time), whose budget is 1.2× the
// Deployment-only run, and as "affinity": every third Deployment carries required hostname
// anti-affinity against its own pods and zone spreading (budget 1.25×); their ratios are printed.
// The variant "jobs" (not run by default) adds a Job for every 25 pods (headroom generate
// --jobs: 5-20 pods at a time each, 2-5× as many completions, every fifth failing), about half
// as many pods again at a time, turning over for the whole hour.
// Usage: npm run bench [-- --sizes 1000,10000] [--repeat N] [--variants deployments,ds,affinity,jobs]
//        npm run bench -- --dump [--sizes 300,1050]: kubectl dump loading instead (test/bench/dump.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../../src/commands/generate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
if (args.includes('--dump')) {
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'test/bench/dump.ts'), ...args.filter((a) => a !== '--dump')], { cwd: root, stdio: 'inherit' });
  process.exit(0);
}
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (arg('sizes') ?? '1000,10000,50000,150000').split(',').map(Number);
const repeat = Number(arg('repeat') ?? 1);
const variants = (arg('variants') ?? 'deployments,ds,affinity').split(',');
const REPLICAS = 100;

interface Figures {
  variant?: string;
  nodes: number;
  pods: number;
  loadMs: number;
  simulateMs: number;
  reportMs: number;
  wallMs: number;
  peakRssMiB: number;
  timers: number;
  eventsPerSecond: number;
}

const work = mkdtempSync(join(tmpdir(), 'headroom-bench-'));
const results: Figures[] = [];
try {
  for (const pods of sizes) for (const variant of variants) {
    const workloads = Math.max(1, Math.round(pods / REPLICAS));
    const nodes = Math.max(3, Math.round(pods / 30));
    const dir = join(work, `${pods}-${variant}`);
    generate(dir, {
      nodes,
      workloads,
      replicas: REPLICAS,
      seed: 1,
      ...(variant === 'ds' ? { daemonsets: 1 } : {}),
      ...(variant === 'affinity' ? { affinity: true } : {}),
      ...(variant === 'jobs' ? { jobs: Math.max(1, Math.round(pods / 25)) } : {}),
    });
    let best: Figures | null = null;
    for (let i = 0; i < repeat; i++) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'test/bench/run-one.ts'), join(dir, 'scenario.yaml')], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const f = JSON.parse(out.trim().split('\n').pop()!) as Figures;
      if (!best || f.wallMs < best.wallMs) best = f;
    }
    results.push({ ...best!, variant, pods });
    process.stderr.write(`  ${pods} pods (${variant}) done\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const lastFile = join(root, 'reports', 'bench-last.json');
const previous: Figures[] = existsSync(lastFile) ? JSON.parse(readFileSync(lastFile, 'utf8')).results : [];
const change = (now: number, pods: number, key: keyof Figures, variant?: string): string => {
  const p = previous.find((x) => x.pods === pods && (x.variant ?? 'deployments') === (variant ?? 'deployments'));
  if (!p || !p[key]) return '';
  const d = ((now - (p[key] as number)) / (p[key] as number)) * 100;
  return ` (${d >= 0 ? '+' : ''}${d.toFixed(0)}%)`;
};
/** A variant's wall time over the Deployment-only run of the same size. */
const ratio = (r: Figures): string => {
  const base = results.find((x) => x.pods === r.pods && x.variant === 'deployments');
  return r.variant === 'deployments' || !base ? '' : `${(r.wallMs / base.wallMs).toFixed(2)}×`;
};
const rows = results.map((r) => [
  String(r.pods),
  r.variant === 'ds' ? '+ds' : r.variant === 'affinity' ? 'affinity' : r.variant === 'jobs' ? '+jobs' : '',
  String(r.nodes),
  `${(r.wallMs / 1000).toFixed(2)} s${change(r.wallMs, r.pods, 'wallMs', r.variant)}`,
  ratio(r),
  `${r.peakRssMiB} MiB${change(r.peakRssMiB, r.pods, 'peakRssMiB', r.variant)}`,
  String(r.eventsPerSecond),
  `${r.loadMs} / ${r.simulateMs} / ${r.reportMs}`,
  (r.wallMs / r.pods * 1000).toFixed(1),
]);
const header = ['pods', 'variant', 'nodes', 'wall', 'vs deployments', 'peak RSS', 'sim events/s', 'load / simulate / report ms', 'µs per pod'];
const width = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i])).join('  ');
console.log(`Headroom benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, best of ${repeat}):`);
console.log(line(header));
for (const r of rows) console.log(line(r));
mkdirSync(dirname(lastFile), { recursive: true });
writeFileSync(lastFile, JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
console.log(`\n(figures kept in ${lastFile}; the percentages compare with the previous run)`);
