// Memory pressure and OOM kills, expectations derived by hand from pkg/kubelet/eviction
// (k8s-node.md §1, §7a) and the CrashLoopBackOff rules (§5.2).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulation.js';
import { summarize } from '../../../src/report/summary.js';
import type { InventoryPod } from '../../../src/model/types.js';
import { deployment, GI, MI, node, scenario, template } from '../../helpers/scenario.js';

describe('kubelet eviction on an 8 Gi node (k8s-node.md §7a)', () => {
  // Working sets 700+3000+1536+1900+300 = 7436Mi on a machine whose pods may use 7492Mi
  // (8Gi minus 700Mi the example's system daemons take, which Headroom does not model):
  // memory.available = 56Mi < 100Mi.
  const mk = (name: string, req: number | undefined, lim: number | undefined, usage: number, priority = 0) =>
    ({
      ...deployment(`shop/${name}`, { replicas: 1 }),
      template: {
        ...template({ labels: { app: name }, priority }),
        containers: [{ name, requests: req === undefined ? {} : { memory: req }, limits: lim === undefined ? {} : { memory: lim } }],
        memoryUsage: { kind: 'bytes' as const, bytes: usage * MI },
      },
    });
  const a = mk('a', undefined, undefined, 700); // BestEffort, +700Mi over its (zero) request
  const b = mk('b', 1 * GI, 3 * GI, 3000); // Burstable, +1976Mi
  const c = mk('c', 2 * GI, 4 * GI, 1536); // Burstable, 512Mi under
  const d = mk('d', 2 * GI, 2 * GI, 1900); // Guaranteed-like memory, 148Mi under
  const e = mk('e', 256 * MI, 512 * MI, 300, 1000); // Burstable over its request, priority 1000
  const deployments = [a, b, c, d, e];
  const pods: InventoryPod[] = deployments.map((x) => ({
    namespace: 'shop',
    name: `${x.name}-0`,
    workload: `shop/${x.name}`,
    ownerKind: 'ReplicaSet',
    node: 'small',
    phase: 'Running',
    ready: true,
    spec: null,
    memoryUsage: null,
  }));
  const r = simulate(
    scenario({
      nodes: [node('small', 'z', { memory: 7 * GI, memoryCapacity: 7492 * MI }), node('big', 'z', { memory: 64 * GI })],
      deployments,
      pods,
      durationS: 400,
    }),
  );
  const evicted = r.events.filter((x) => x.reason === 'Evicted');

  it('evicts the Burstable pod far over its request first, not the BestEffort one (order B, A, E, D, C)', () => {
    expect(evicted.map((x) => [x.time, x.object, x.qos])).toEqual([[0, 'pod/shop/b-0', 'Burstable']]);
    expect(evicted[0].message).toContain('Threshold quantity: 100Mi, available: 56Mi. Container b was using 2.93Gi, request is 1Gi');
  });

  it('stops after one eviction because it relieved the pressure', () => {
    expect(summarize(r).map((s) => [s.workload, s.evictions])).toEqual([['a', 0], ['b', 1], ['c', 0], ['d', 0], ['e', 0]]);
  });

  it('reports MemoryPressure and taints the node from the first check until the first check 5 min after the last crossing', () => {
    const conds = r.events.filter((x) => x.object === 'node/small' && x.reason.startsWith('NodeHas')).map((x) => [x.time / 1000, x.reason]);
    // Checks: 0 (evict), 1 (after cleanup), 11, 21, ..., 301 ≥ 0 + 300.
    expect(conds).toEqual([[0, 'NodeHasInsufficientMemory'], [301, 'NodeHasSufficientMemory']]);
    const small = r.nodes.find((n) => n.name === 'small')!;
    const tainted = small.samples.filter((s) => s.taints.includes('node.kubernetes.io/memory-pressure:NoSchedule')).map((s) => s.time / 1000);
    expect(tainted[0]).toBe(0);
    expect(small.samples.find((s) => s.time > 0 && !s.taints.includes('memory-pressure'))?.time).toBe(301_000);
  });

  it('replaces the evicted pod at once, on the other node (the taint keeps it off)', () => {
    // The app exits on SIGTERM (shutdownSeconds 0), well within the 1 s hard-eviction grace.
    const scheduled = r.events.filter((x) => x.reason === 'Scheduled' && x.workload === 'b');
    expect(scheduled.map((x) => [x.time, x.node])).toEqual([[0, 'big']]);
  });
});

describe('OOM kill at the memory limit and CrashLoopBackOff', () => {
  const leaky = deployment('shop/leaky', { replicas: 1 }, { memory: 100 * MI, memoryLimit: 200 * MI, memoryUsage: { kind: 'bytes', bytes: 300 * MI } });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [leaky], durationS: 700 }));
  it('kills the container each time it starts; restarts at once, then after 10, 20, 40, 80, 160, 300 s', () => {
    const kills = r.events.filter((x) => x.reason === 'OOMKilling').map((x) => x.time / 1000);
    expect(kills).toEqual([0, 0, 10, 30, 70, 150, 310, 610]);
    const backoff = r.events.filter((x) => x.reason === 'BackOff').map((x) => x.message);
    expect(backoff[0]).toBe('Back-off 10s restarting failed container (CrashLoopBackOff)');
    expect(summarize(r)[0].oomKills).toBe(8);
    expect(summarize(r)[0].availabilityPct).toBe(0);
  });
  it('records oom_score_adj as the kubelet computes it for a Burstable container', () => {
    // 1000 - floor(1000 * 100Mi / 32Gi capacity+100Mi): request share ≈ 0.3 %.
    const msg = r.events.find((x) => x.reason === 'OOMKilling')!.message;
    expect(msg).toContain(`oom_score_adj ${1000 - Math.floor((1000 * 100 * MI) / (32 * GI + 100 * MI))}`);
  });
});

describe('memory growth over time (memoryUsage event with an expression)', () => {
  const growth = (mibPerSecond: number) => ({
    kind: 'expression' as const,
    source: `request + ${mibPerSecond}Mi*t`,
    timeVarying: true,
    evaluate: ({ request, t }: { request: number; t: number }) => request + mibPerSecond * MI * t,
  });
  const run = (mibPerSecond: number) =>
    simulate(
      scenario({
        nodes: [node('n1', 'z', { memory: 4 * GI })],
        deployments: [deployment('shop/cache', { replicas: 3 }, { memory: 1 * GI })],
        events: [{ at: 60, action: { kind: 'memoryUsage', workload: 'shop/cache', usage: growth(mibPerSecond) } }],
        durationS: 300,
      }),
    );
  it('samples the growing working set every 10 s and evicts when memory.available drops under 100Mi', () => {
    // 3 pods × (1024 + 5t) Mi on a node of 4096Mi allocatable (+100Mi threshold = 4196Mi):
    // available < 100Mi once 3072 + 15t > 4096, t > 68.3 s after the event: the check at 130 s.
    const r = run(5);
    const first = r.events.find((x) => x.reason === 'Evicted')!;
    expect(first.time).toBe(130_000);
    expect(r.events.some((x) => x.reason === 'SystemOOM')).toBe(false);
  });
  it('is outrun by the kernel OOM killer when memory grows faster than the 10 s checks can see', () => {
    // 3 × 20 Mi/s: at the 70 s check available is 4196 − 3672 = 524Mi (fine); by the 80 s check
    // the pods want 4272Mi > 4196Mi of machine, so the kernel kills before the kubelet can evict.
    const r = run(20);
    const firstOom = r.events.find((x) => x.reason === 'SystemOOM')!;
    expect(firstOom.time).toBe(80_000);
    expect(r.events.filter((x) => x.reason === 'Evicted' && x.time <= 80_000)).toEqual([]);
  });
});
