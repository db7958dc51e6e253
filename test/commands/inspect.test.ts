import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../src/commands/inspect.js';

const MI = 1024 ** 2;
const KUBECTL = 'test/fixtures/io/kubectl/cluster.json';

/** Runs the CLI as users do (through tsx), from the repository root. */
function cli(...args: string[]) {
  return node([], ...args);
}

function node(flags: string[], ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...flags, 'src/cli.tsx', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'headroom-cli-'));

describe('headroom inspect (in process)', () => {
  it('prints the contract JSON for a kubectl dump, with hand-computed totals', async () => {
    const json = JSON.parse(await inspect(KUBECTL, { json: true }));
    expect(json).toEqual({
      nodes: 3,
      workloads: 5, // 3 Deployments, the node-exporter DaemonSet, the StatefulSet inferred from redis-0
      pods: { running: 10, pending: 1, succeeded: 1, failed: 0, unknown: 0 },
      totals: {
        cpu_allocatable: 15.75,
        memory_allocatable: 62996082688,
        cpu_requested: 3.8,
        memory_requested: 3712 * MI,
      },
      zones: {
        'eu-west-1a': { nodes: 1, pods: 5, cpu_allocatable: 3.92, memory_allocatable: 15510626304, cpu_requested: 1.75, memory_requested: 1504 * MI },
        'eu-west-1b': { nodes: 1, pods: 4, cpu_allocatable: 3.92, memory_allocatable: 15510626304, cpu_requested: 1.95, memory_requested: 2144 * MI },
        'eu-west-1c': { nodes: 1, pods: 1, cpu_allocatable: 7.91, memory_allocatable: 31974830080, cpu_requested: 0.1, memory_requested: 64 * MI },
      },
      pdbs: 2,
      to_be_scheduled: { pods: 2, cpu_requested: 0.7, memory_requested: 512 * MI },
      // What the import read, inferred and left (read off the fixture by hand): every object
      // has creationTimestamp 2026-11-20T09:14:03Z, the latest (and only) time in it.
      import: {
        snapshot_time: '2026-11-20T09:14:03Z',
        snapshot_from: 'dump',
        kinds: { Node: 3, Deployment: 3, ReplicaSet: 3, Pod: 12, PodDisruptionBudget: 2, DaemonSet: 1 },
        skipped: { Service: 1 },
        inferred: [{ kind: 'StatefulSet', workload: 'data/redis', pods: 1, from: '' }],
        held_as_is: [{ kind: 'Job', owner: 'batch/report-28391', pods: 1 }],
        naked_pods: 1, // default/debug-shell
        pods_on_absent_nodes: { pods: 0, nodes: [] },
        nodes_not_ready: [],
        pods_not_running: { Pending: 1, Succeeded: 1 }, // web-7d4b9c-cccc3, report-28391-abcde
        hpas: [],
        priority_classes: {},
      },
    });
  });

  it('reports pods that do not exist yet as to be scheduled (CSV without pods.csv)', async () => {
    const json = JSON.parse(await inspect('scenarios/demo.yaml', { json: true }));
    expect(json.pods).toEqual({ running: 0, pending: 0, succeeded: 0, failed: 0, unknown: 0 });
    expect(json.totals.cpu_requested).toBe(0);
    expect(json.to_be_scheduled.pods).toBe(74);
    expect(json.scenario).toEqual({ name: 'demo', duration_s: 1800, seed: 42, kubernetes: '1.34', events: 0 });
    // the demo keeps requests at 55-70% of allocatable once scheduled
    expect(json.to_be_scheduled.cpu_requested / json.totals.cpu_allocatable).toBeGreaterThan(0.55);
    expect(json.to_be_scheduled.cpu_requested / json.totals.cpu_allocatable).toBeLessThan(0.7);
    expect(json.to_be_scheduled.memory_requested / json.totals.memory_allocatable).toBeGreaterThan(0.55);
    expect(json.to_be_scheduled.memory_requested / json.totals.memory_allocatable).toBeLessThan(0.7);
  });

  it('counts a Job and its first pods (parallelism) as to be scheduled', async () => {
    const base = JSON.parse(await inspect('scenarios/demo.yaml', { json: true }));
    const json = JSON.parse(await inspect('scenarios/batch-job-zone-failure.yaml', { json: true }));
    // demo + platform (kafka 3, fluent-bit on 12 nodes) + the Job: 12 pods at a time, 1500m / 3Gi each
    expect(json.workloads).toBe(base.workloads + 3);
    expect(json.to_be_scheduled.pods).toBe(74 + 3 + 12 + 12);
    const text = await inspect('scenarios/batch-job-zone-failure.yaml');
    expect(text).toContain('1 Job (12 pods at a time)');
  });

  it('prints an aligned table for people, in the run tables\' case and the reports\' GiB', async () => {
    const text = await inspect(KUBECTL);
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('zone'))!;
    const total = lines.find((l) => l.startsWith('total'))!;
    expect(header).toMatch(/^zone\s+nodes\s+pods\s+cpu req\s+cpu alloc\s+cpu %\s+mem req\s+mem alloc\s+mem %$/);
    expect(header.length).toBe(total.length);
    expect(total).toMatch(/^total\s+3\s+10\s+3\.8\s+15\.75\s+24%\s+3\.63 GiB\s+58\.67 GiB\s+6%$/);
    expect(text).toContain('Pods: 12 pods listed: 10 running · 1 pending · 1 succeeded · 0 failed');
    expect(text).toContain('2 pods still to be scheduled at t=0');
  });

  it('says so when the pods do not exist yet', async () => {
    const text = await inspect('scenarios/demo/inventory');
    expect(text).toContain('No pods listed: they do not exist yet. The scheduler places the 74 replicas at t=0');
    expect(text).toMatch(/Once scheduled, requests come to [\d.]+ of 142\.8 cores \(6\d%\)/);
  });

  it('lists a scenario\'s events', async () => {
    const p = join(tmp, 'events.yaml');
    writeFileSync(
      p,
      `name: peak\ninventory: {kubectl: ${join(process.cwd(), KUBECTL)}}\nevents:\n  - {at: 5m, zoneFailure: {zone: eu-west-1b}}\n  - {at: 90s, rollout: {workload: shop/web, set: {memoryRequest: 512Mi}}}\n`,
    );
    const text = await inspect(p);
    expect(text).toContain('Scenario "peak"');
    expect(text).toContain('Events:\n    1m30s  rollout shop/web (memoryRequest)\n       5m  zone eu-west-1b fails (unreachable)\n');
  });
});

describe('headroom CLI (spawned)', () => {
  it('inspect --json exits 0 with JSON on stdout', () => {
    const r = cli('inspect', KUBECTL, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals).toEqual({ cpu_allocatable: 15.75, memory_allocatable: 62996082688, cpu_requested: 3.8, memory_requested: 3712 * MI });
  });

  it('bad input exits 2 with the message (file and line) and no stack trace', () => {
    const nodes = join(tmp, 'nodes.csv');
    writeFileSync(nodes, 'name,zone,cpu,memory,pods\nn1,a,4,16Gi,58\nn2,a,4,12Gb,58\n');
    const r = cli('inspect', nodes);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${nodes}:3: memory "12Gb": unknown suffix "Gb" (did you mean G or Gi?)\n`);
  });

  it('a bad --set exits 2 naming it', () => {
    const r = cli('inspect', 'scenarios/demo.yaml', '--set', 'workloads.shop/checkout.maxSurge=lots');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scenarios\/demo\.yaml: workloads\.shop\/checkout\.maxSurge: "lots": .*\(from --set workloads\.shop\/checkout\.maxSurge=lots\)\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing file and a YAML syntax error exit 2', () => {
    expect(cli('inspect', 'no/such/scenario.yaml')).toMatchObject({ code: 2, stderr: 'no/such/scenario.yaml: cannot read: no such file or directory\n' });
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'name: x\ninventory: {nodes: a.csv\n');
    const r = cli('inspect', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${bad}:\\d: YAML syntax error: `));
  });

  it('a bug exits 1 with "internal error" and the stack', () => {
    // Make JSON.stringify(x, null, 2) throw, as a stand-in for any bug.
    const bug = "data:text/javascript,const s=JSON.stringify;JSON.stringify=(...a)=>{if(a[2]===2)throw new TypeError('boom');return s(...a)}";
    const r = node(['--import', bug], 'inspect', KUBECTL, '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^internal error: boom\nTypeError: boom\n\s+at /);
  });

  it('--set on an inventory is refused', () => {
    const r = cli('inspect', KUBECTL, '--set', 'seed=2');
    expect(r).toMatchObject({ code: 2, stderr: `${KUBECTL}: --set seed=2: overrides apply to scenarios, and this is an inventory\n` });
  });

  it('usage errors exit 2; help exits 0; no command opens the TUI, which needs a terminal', () => {
    const unknown = cli('inspect', KUBECTL, '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
    expect(cli('inspect').code).toBe(2);
    const help = cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('inspect [options] <path>');
    const bare = cli();
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('headroom run');
  });
});
