// `headroom generate`: a loadable synthetic cluster of the asked size; bad sizes exit 2.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/commands/generate.js';
import { loadScenario } from '../../src/io/scenario.js';

const work = mkdtempSync(join(tmpdir(), 'headroom-generate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('headroom generate', () => {
  it('writes nodes, workloads and a scenario that loads with the asked sizes and events', async () => {
    const dir = join(work, 'g');
    generate(dir, { nodes: 12, workloads: 7, replicas: 5, seed: 3 });
    const s = await loadScenario(join(dir, 'scenario.yaml'));
    expect(s.inventory.nodes).toHaveLength(12);
    expect(new Set(s.inventory.nodes.map((n) => n.zone)).size).toBe(3);
    expect(s.inventory.deployments).toHaveLength(7);
    expect(s.inventory.deployments.every((d) => d.replicas === 5)).toBe(true);
    expect(s.events.filter((e) => e.action.kind === 'rollout')).toHaveLength(7);
    expect(s.events.filter((e) => e.action.kind === 'zoneFailure').map((e) => e.atMs)).toEqual([600_000]);
    expect(s.durationMs).toBe(3_600_000);
  });

  it('is deterministic for a seed', async () => {
    generate(join(work, 'a'), { nodes: 6, workloads: 4, replicas: 3, seed: 9 });
    generate(join(work, 'b'), { nodes: 6, workloads: 4, replicas: 3, seed: 9 });
    const a = await loadScenario(join(work, 'a', 'scenario.yaml'));
    const b = await loadScenario(join(work, 'b', 'scenario.yaml'));
    expect(JSON.stringify(a.inventory)).toBe(JSON.stringify(b.inventory));
  });

  it('rejects a size that is not a positive integer with exit 2 and writes nothing', () => {
    const out = join(work, 'bad');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.tsx', 'generate', '--nodes', '0', '--workloads', '2', '--replicas', '2', out], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--nodes "0": expected a positive integer');
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('headroom generate --statefulsets --daemonsets', () => {
  it('adds StatefulSets of 3 and DaemonSets, rolled out with the Deployments, which stay as without them', async () => {
    generate(join(work, 'plain'), { nodes: 9, workloads: 4, replicas: 3, seed: 5 });
    generate(join(work, 'kinds'), { nodes: 9, workloads: 4, replicas: 3, seed: 5, statefulsets: 2, daemonsets: 1 });
    const plain = await loadScenario(join(work, 'plain', 'scenario.yaml'));
    const s = await loadScenario(join(work, 'kinds', 'scenario.yaml'));
    expect(JSON.stringify(s.inventory.deployments)).toBe(JSON.stringify(plain.inventory.deployments));
    expect(s.inventory.statefulSets!.map((x) => [x.name, x.replicas, x.volumeClaims])).toEqual([
      ['db-0000', 3, ['data']],
      ['db-0001', 3, ['data']],
    ]);
    expect(s.inventory.daemonSets!.map((x) => [x.namespace, x.name, x.maxUnavailable])).toEqual([['kube-system', 'agent-00', '10%']]);
    expect(s.events.filter((e) => e.action.kind === 'rollout')).toHaveLength(7);
    expect(s.name).toBe('generated-9n-12p-2sts-1ds');
  });
});

describe('headroom generate --jobs', () => {
  it('adds Jobs that run to completion (every fifth fails: Never, exit 1), not rolled out; the other kinds stay as without them', async () => {
    generate(join(work, 'sets'), { nodes: 9, workloads: 4, replicas: 3, seed: 5, statefulsets: 2, daemonsets: 1 });
    generate(join(work, 'jobs'), { nodes: 9, workloads: 4, replicas: 3, seed: 5, statefulsets: 2, daemonsets: 1, jobs: 5 });
    const sets = await loadScenario(join(work, 'sets', 'scenario.yaml'));
    const s = await loadScenario(join(work, 'jobs', 'scenario.yaml'));
    expect(JSON.stringify([s.inventory.deployments, s.inventory.statefulSets, s.inventory.daemonSets])).toBe(
      JSON.stringify([sets.inventory.deployments, sets.inventory.statefulSets, sets.inventory.daemonSets]),
    );
    const jobs = s.inventory.jobs!;
    expect(jobs.map((j) => j.name)).toEqual(['job-0000', 'job-0001', 'job-0002', 'job-0003', 'job-0004']);
    for (const j of jobs) {
      expect(j.parallelism).toBeGreaterThanOrEqual(5);
      expect(j.parallelism).toBeLessThanOrEqual(20);
      expect(j.completions! % j.parallelism).toBe(0);
      expect(j.backoffLimit).toBe(6);
    }
    expect(jobs.map((j) => [j.template.restartPolicy, j.template.exitCode])).toEqual([
      ['OnFailure', 0], ['OnFailure', 0], ['OnFailure', 0], ['OnFailure', 0], ['Never', 1],
    ]);
    expect(s.events.filter((e) => e.action.kind === 'rollout')).toHaveLength(7);
    expect(s.name).toBe('generated-9n-12p-2sts-1ds-5jobs');
  });
});

describe('headroom generate --clonesets', () => {
  it('adds OpenKruise CloneSets of 4 (InPlaceIfPossible, maxUnavailable 1), rolled out with the Deployments, which stay as without them', async () => {
    generate(join(work, 'plain'), { nodes: 9, workloads: 4, replicas: 3, seed: 5 });
    generate(join(work, 'clones'), { nodes: 9, workloads: 4, replicas: 3, seed: 5, clonesets: 2 });
    const plain = await loadScenario(join(work, 'plain', 'scenario.yaml'));
    const s = await loadScenario(join(work, 'clones', 'scenario.yaml'));
    expect(JSON.stringify(s.inventory.deployments)).toBe(JSON.stringify(plain.inventory.deployments));
    expect(s.inventory.cloneSets!.map((c) => [c.namespace, c.name, c.replicas, c.updateStrategy, c.maxUnavailable])).toEqual([
      ['shop', 'clone-0000', 4, 'InPlaceIfPossible', 1],
      ['shop', 'clone-0001', 4, 'InPlaceIfPossible', 1],
    ]);
    expect(s.events.filter((e) => e.action.kind === 'rollout').map((e) => ('workload' in e.action ? e.action.workload : ''))).toContain('shop/clone-0001');
    expect(s.name).toBe('generated-9n-12p-2cs');
  });
});
