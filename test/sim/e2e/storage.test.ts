// Ephemeral storage end to end, derived by hand from the kubelet's eviction manager
// (k8s-pod-lifecycle.md §11: localStorageEviction before any ranking, 1 s grace, no
// DisruptionTarget; k8s-node.md §1: nodefs.available and DiskPressure like memory) and the
// scheduler's NodeResourcesFit (ephemeral-storage requests).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulation.js';
import type { SimResult } from '../../../src/sim/result.js';
import type { MemoryUsage } from '../../../src/model/types.js';
import { deployment, GI, MI, node, scenario } from '../../helpers/scenario.js';

const evicted = (r: SimResult) => r.events.filter((e) => e.reason === 'Evicted').map((e) => [e.time / 1000, e.object, e.message]);
const writes = (mibPerSecond: number): MemoryUsage => ({
  kind: 'expression',
  source: `${mibPerSecond}Mi * uptime`,
  timeVarying: true,
  evaluate: ({ uptime }) => mibPerSecond * MI * (uptime ?? 0),
});
const disk = (over: { capacity?: number; allocatable?: number } = {}) =>
  node('n1', 'a', { ephemeralStorageCapacity: over.capacity ?? 100 * GI, allocatable: { cpu: 8000, memory: 32 * GI, pods: 110, ephemeralStorage: over.allocatable ?? 90 * GI } });
const appWith = (limits: { ephemeralStorage?: number }) => [{ name: 'app', requests: { cpu: 100, memory: 128 * MI }, limits }];

describe('a container writing past its ephemeral-storage limit', () => {
  // 1Gi limit, writing 100Mi per second of uptime; created by a scale at 0, running at 0.
  const logs = deployment('shop/logs', { replicas: 0 }, { containers: appWith({ ephemeralStorage: 1 * GI }), ephemeralStorageUsage: writes(100) });
  const r = simulate(scenario({ nodes: [disk()], deployments: [logs], events: [{ at: 0, action: { kind: 'scale', workload: 'shop/logs', replicas: 1 } }], durationS: 45 }));
  it('is evicted at the first pass over the pod’s limit, and each replacement 11 s after it starts', () => {
    // Passes on the 10 s grid: 0 (before the pod exists), 10 (1000Mi ≤ 1024Mi), 20 (2000Mi):
    // evicted with 1 s grace — it exits on SIGTERM at once, so it is gone at 20 and replaced at 20.
    // The pass after an eviction waits for the cleanup (1 s): 21 (the new one: 100Mi), 31 (1100Mi).
    // The pod's total limit (its containers' limits summed: 1Gi) is checked before the container's own.
    const msg = 'Pod ephemeral local storage usage exceeds the total limit of containers 1Gi. ';
    expect(evicted(r)).toEqual([
      [20, 'pod/shop/logs-1-1', msg],
      [31, 'pod/shop/logs-1-2', msg],
      [42, 'pod/shop/logs-1-3', msg],
    ]);
    expect(r.workloads[0].evictions).toBe(3);
  });
  it('adds no DisruptionTarget; STATUS is the container’s reason once it stopped, as kubectl prints it', () => {
    const tl = r.pods!;
    const first = tl.rows.filter((x) => tl.pods[x.pod].name === 'logs-1-1').map((x) => [x.time / 1000, x.status, x.phase, x.conditions]);
    expect(first).toEqual([
      [0, 'Running', 'Running', 'PodScheduled;Initialized;ContainersReady;Ready'],
      // Failed at once (the container exited on SIGTERM, 143): STATUS is its reason, Error.
      [20, 'Error', 'Failed', 'PodScheduled;Initialized'],
      [45, 'Error', 'Failed', 'PodScheduled;Initialized'],
    ]);
  });
});

describe('a container over its own limit while the pod is within its total', () => {
  // app: limit 1Gi, writes 2Gi; a second container (writing nothing) adds 5Gi to the pod's total.
  const two = deployment('shop/two', { replicas: 1 }, {
    containers: [...appWith({ ephemeralStorage: 1 * GI }), { name: 'side', requests: {}, limits: { ephemeralStorage: 5 * GI } }],
    ephemeralStorageUsage: { kind: 'bytes', bytes: 2 * GI },
  });
  const r = simulate(scenario({ nodes: [disk()], deployments: [two], durationS: 0 }));
  it('is evicted with the container message', () => {
    expect(evicted(r)).toEqual([[0, 'pod/shop/two-1-1', 'Container app exceeded its local ephemeral storage limit "1Gi". ']]);
  });
});

describe('an emptyDir over its sizeLimit', () => {
  const cache = deployment('shop/cache', { replicas: 1 }, { emptyDirs: [{ name: 'cache', sizeLimit: 1 * GI, memory: false, usage: 2 * GI }] });
  const r = simulate(scenario({ nodes: [disk()], deployments: [cache], durationS: 5 }));
  it('is evicted at every pass with the emptyDir message: each replacement brings its 2Gi along', () => {
    // 0: evicted (gone at once, replaced at once); the pass after waits 1 s for the cleanup and
    // finds the replacement over the limit too: 1, 2, 3, 4, 5.
    const msg = 'Usage of EmptyDir volume "cache" exceeds the limit "1Gi". ';
    expect(evicted(r)).toEqual([0, 1, 2, 3, 4, 5].map((t, i) => [t, `pod/shop/cache-1-${i + 1}`, msg]));
  });
});

describe('nodefs pressure on a 100Gi node filesystem (nodefs.available<10%)', () => {
  // a writes 50Gi, b 41Gi: available 9Gi < 10Gi (10% of 100Gi) at the first pass (t = 0).
  const a = deployment('shop/a', { replicas: 1 }, { ephemeralStorageUsage: { kind: 'bytes', bytes: 50 * GI } });
  const b = deployment('shop/b', { replicas: 1 }, { ephemeralStorageUsage: { kind: 'bytes', bytes: 41 * GI } });
  const r = simulate(scenario({ nodes: [disk()], deployments: [a, b], durationS: 320 }));
  it('reports DiskPressure, taints the node and evicts the pod using the most over its request', () => {
    // rankDiskPressureFunc: both exceed their (0) requests, same priority → the larger usage, a.
    expect(evicted(r)[0]).toEqual([
      0,
      'pod/shop/a-1-1',
      'The node was low on resource: ephemeral-storage. Threshold quantity: 10Gi, available: 9Gi. Container app was using 50Gi, request is 0, has larger consumption of ephemeral-storage.',
    ]);
    const conds = r.events.filter((e) => e.reason.endsWith('DiskPressure')).map((e) => [e.time / 1000, e.reason]);
    // Passes: 0 (evict), 1 (after cleanup), 11, 21 … 301 ≥ 0 + 300 s transition period. Then the
    // replacement lands (301) and writes its 50Gi: pressure again at the next pass, 311.
    expect(conds).toEqual([[0, 'NodeHasDiskPressure'], [301, 'NodeHasNoDiskPressure'], [311, 'NodeHasDiskPressure']]);
    const tainted = r.nodes[0].samples.filter((s) => s.taints.includes('node.kubernetes.io/disk-pressure:NoSchedule')).map((s) => s.time / 1000);
    expect(tainted[0]).toBe(0);
    expect(r.nodes[0].samples.find((s) => s.time > 0 && !s.taints.includes('disk-pressure'))!.time).toBe(301_000);
    expect(r.nodes[0].samples[0].conditions).toBe('DiskPressure=True');
  });
  it('keeps the replacement Pending while the node is tainted, and places it at 301', () => {
    const scheduled = r.events.filter((e) => e.reason === 'Scheduled' && e.workload === 'a').map((e) => e.time / 1000);
    expect(scheduled).toEqual([301]);
    const failed = r.events.find((e) => e.reason === 'FailedScheduling')!;
    // An untolerated taint is UnschedulableAndUnresolvable: preemption cannot help there.
    expect(failed.message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/disk-pressure: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});

describe('the scheduler counts ephemeral-storage requests (NodeResourcesFit)', () => {
  const big = deployment('shop/big', { replicas: 1 }, { containers: [{ name: 'app', requests: { cpu: 100, memory: 128 * MI, ephemeralStorage: 95 * GI }, limits: {} }] });
  const r = simulate(scenario({ nodes: [disk()], deployments: [big], durationS: 5 }));
  it('does not place a pod asking for more than the allocatable', () => {
    // A request above the node's allocatable is UnschedulableAndUnresolvable: no preemption.
    expect(r.events.find((e) => e.reason === 'FailedScheduling')!.message).toBe(
      '0/1 nodes are available: 1 Insufficient ephemeral-storage. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});

describe('preemption frees ephemeral storage too (SelectVictimsOnNode removes the victims’ ephemeral-storage requests)', () => {
  // One node of 90Gi allocatable ephemeral storage: a priority-0 pod requesting 60Gi runs; a
  // priority-1000 pod requesting 60Gi arrives at 10 s. Only storage is short (cpu and memory are
  // plenty), so the low pod is the victim: deleted at 10 s (grace 30 s, shutdown 0 → gone at once
  // as its process exits), the preemptor nominated there and bound once the victim is gone.
  const storage = (name: string, priority: number) =>
    deployment(name, { replicas: 1 }, { priority, shutdownSeconds: 0, containers: [{ name: 'app', requests: { cpu: 100, memory: 128 * MI, ephemeralStorage: 60 * GI }, limits: {} }] });
  const low = storage('batch/low', 0);
  const high = storage('shop/high', 1000);
  const r = simulate(scenario({ nodes: [disk()], deployments: [low, { ...high, replicas: 0 }], events: [{ at: 10, action: { kind: 'scale', workload: 'shop/high', replicas: 1 } }], durationS: 30 }));
  it('preempts the low pod for the high one', () => {
    const preempted = r.events.filter((e) => e.reason === 'Preempted');
    expect(preempted.map((e) => [e.time / 1000, e.object])).toEqual([[10, 'pod/batch/low-1-1']]);
    const bound = r.events.find((e) => e.reason === 'Scheduled' && e.object.startsWith('pod/shop/high'));
    expect(bound?.node).toBe('n1');
  });
});
