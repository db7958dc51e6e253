// Node and zone failures, taint eviction, drains and PDBs; expectations derived by hand from
// pkg/controller/nodelifecycle and pkg/controller/tainteviction (k8s-node.md §3, §4, §7b).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulation.js';
import { summarize } from '../../../src/report/summary.js';
import type { SimResult } from '../../../src/sim/result.js';
import type { Deployment, InventoryPod, Toleration } from '../../../src/model/types.js';
import { at, deployment, node, scenario } from '../../helpers/scenario.js';

const tol = (key: string, seconds: number): Toleration => ({ key, operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: seconds });
const placed = (d: Deployment, nodes: string[]): InventoryPod[] =>
  nodes.map((n, i) => ({
    namespace: d.namespace,
    name: `${d.name}-0-${i}`,
    workload: `${d.namespace}/${d.name}`,
    ownerKind: 'ReplicaSet',
    node: n,
    phase: 'Running',
    ready: true,
    spec: null,
    memoryUsage: null,
  }));
const samples = (r: SimResult, name: string) => r.workloads.find((w) => w.name === name)!.samples;
const times = (r: SimResult, reason: string, object?: string) =>
  r.events.filter((e) => e.reason === reason && (!object || e.object === object)).map((e) => e.time / 1000);

describe('a node becomes unreachable at 30 s (v1.34 defaults: grace 50 s, monitor every 5 s)', () => {
  const web = deployment('shop/web', { replicas: 2 }, { startSeconds: 10 });
  const fast = deployment('shop/fast', { replicas: 2 }, { startSeconds: 10, tolerations: [tol('node.kubernetes.io/unreachable', 30), tol('node.kubernetes.io/not-ready', 30)] });
  const r = simulate(
    scenario({
      nodes: [node('n1'), node('n2'), node('n3')],
      deployments: [web, fast],
      pods: [...placed(web, ['n1', 'n2']), ...placed(fast, ['n1', 'n2'])],
      events: [{ at: 30, action: { kind: 'nodeFailure', node: 'n1', mode: 'unreachable' } }],
      durationS: 600,
    }),
  );

  it('notices after the grace period: Ready=Unknown and pods NotReady at 85 s (last lease seen at 30, 85 > 30 + 50)', () => {
    expect(times(r, 'NodeNotReady')).toEqual([85]);
    expect(at(samples(r, 'web'), 84, 'available')).toBe(2);
    expect(at(samples(r, 'web'), 85, 'available')).toBe(1);
  });

  it('taints NoExecute on the following pass (90 s) and evicts by tolerationSeconds: 30 s → 120 s, default 300 s → 390 s', () => {
    const n1 = r.nodes.find((n) => n.name === 'n1')!;
    expect(n1.samples.find((s) => s.taints.includes('unreachable:NoExecute'))!.time).toBe(90_000);
    const marked = r.events.filter((e) => e.reason === 'TaintManagerEviction' && e.message.startsWith('Marking'));
    expect(marked.map((e) => [e.workload, e.time / 1000])).toEqual([
      ['fast', 120],
      ['web', 390],
    ]);
  });

  it('replaces evicted pods elsewhere while the originals stay Terminating on the unreachable node', () => {
    // fast: replacement created at 120, scheduled on n3 (or n2), running and Ready at 130.
    expect(at(samples(r, 'fast'), 129, 'available')).toBe(1);
    expect(at(samples(r, 'fast'), 130, 'available')).toBe(2);
    expect(at(samples(r, 'fast'), 130, 'terminating')).toBe(1);
    expect(at(samples(r, 'web'), 399, 'available')).toBe(1);
    expect(at(samples(r, 'web'), 400, 'available')).toBe(2);
    expect(at(samples(r, 'web'), 600, 'terminating')).toBe(1);
    const s = Object.fromEntries(summarize(r).map((x) => [x.workload, x]));
    expect(s.fast.secondsBelowDesired).toBe(130 - 85);
    expect(s.web.secondsBelowDesired).toBe(400 - 85);
    expect(s.web.evictions).toBe(1);
  });
});

describe('NotReady (the kubelet reports it) and recovery', () => {
  const web = deployment('shop/web', { replicas: 1 }, { startSeconds: 10, shutdownSeconds: 5 });
  const r = simulate(
    scenario({
      nodes: [node('n1'), node('n2')],
      deployments: [web],
      pods: placed(web, ['n1']),
      events: [{ at: 12, action: { kind: 'nodeFailure', node: 'n1', mode: 'NotReady' } }],
      durationS: 400,
    }),
  );
  it('taints not-ready:NoExecute on the first pass that sees Ready=False, and the live kubelet stops the evicted pod', () => {
    const n1 = r.nodes.find((n) => n.name === 'n1')!;
    expect(n1.samples.find((s) => s.taints.includes('not-ready:NoSchedule'))!.time).toBe(12_000);
    expect(n1.samples.find((s) => s.taints.includes('not-ready:NoExecute'))!.time).toBe(15_000);
    expect(times(r, 'TaintManagerEviction')).toEqual([315]);
    // The kubelet is alive: the pod exits 5 s after SIGTERM and frees its place.
    expect(at(samples(r, 'web'), 315, 'terminating')).toBe(1);
    expect(at(samples(r, 'web'), 320, 'terminating')).toBe(0);
  });
});

describe('a recovered node gets its taints removed and pending deletions cancelled', () => {
  const web = deployment('shop/web', { replicas: 1 });
  const r = simulate(
    scenario({
      nodes: [node('n1'), node('n2')],
      deployments: [web],
      pods: placed(web, ['n1']),
      events: [
        { at: 0, action: { kind: 'nodeFailure', node: 'n1', mode: 'unreachable' } },
        { at: 100, action: { kind: 'nodeRecover', node: 'n1' } },
      ],
      durationS: 400,
    }),
  );
  it('marks the pod Ready again when the kubelet is back and never evicts it', () => {
    expect(times(r, 'NodeNotReady')).toEqual([55]);
    expect(at(samples(r, 'web'), 99, 'available')).toBe(0);
    expect(at(samples(r, 'web'), 100, 'available')).toBe(1);
    expect(times(r, 'TaintManagerEviction')).toEqual([100]); // "Cancelling deletion" when the taint goes
    expect(r.events.find((e) => e.reason === 'TaintManagerEviction')!.message).toMatch(/^Cancelling deletion/);
  });
});

describe('zone disruption rules', () => {
  const spread = (zone: string, k: number) => Array.from({ length: k }, (_, i) => node(`${zone}-${i}`, zone));
  const web = deployment('shop/web', { replicas: 1 });
  it('rate-limits NoExecute taints to one node per 10 s in a Normal zone', () => {
    const r = simulate(
      scenario({
        nodes: spread('a', 10),
        deployments: [web],
        events: [
          { at: 0, action: { kind: 'nodeFailure', node: 'a-0', mode: 'unreachable' } },
          { at: 0, action: { kind: 'nodeFailure', node: 'a-1', mode: 'unreachable' } },
        ],
        durationS: 120,
      }),
    );
    const firstTaint = (name: string) => r.nodes.find((n) => n.name === name)!.samples.find((s) => s.taints.includes('NoExecute'))!.time / 1000;
    expect([firstTaint('a-0'), firstTaint('a-1')]).toEqual([60, 70]);
  });
  it('stops tainting a small zone in PartialDisruption (≥ 55 % and more than 2 nodes not Ready)', () => {
    const r = simulate(
      scenario({
        nodes: [...spread('a', 4), ...spread('b', 4)],
        deployments: [web],
        events: ['a-0', 'a-1', 'a-2'].map((n) => ({ at: 0, action: { kind: 'nodeFailure' as const, node: n, mode: 'unreachable' as const } })),
        durationS: 400,
      }),
    );
    expect(r.nodes.some((n) => n.samples.some((s) => s.taints.includes('NoExecute')))).toBe(false);
    expect(r.events.filter((e) => e.reason === 'ZoneStateChanged').map((e) => e.message)).toEqual(['Zone a is now in state PartialDisruption']);
  });
  it('taints nothing when every zone is down (master disruption mode)', () => {
    const web2 = deployment('shop/web', { replicas: 2 });
    const r = simulate(
      scenario({
        nodes: [...spread('a', 2), ...spread('b', 2)],
        deployments: [web2],
        events: [
          { at: 0, action: { kind: 'zoneFailure', zone: 'a', mode: 'unreachable' } },
          { at: 0, action: { kind: 'zoneFailure', zone: 'b', mode: 'unreachable' } },
        ],
        durationS: 600,
      }),
    );
    expect(r.nodes.some((n) => n.samples.some((s) => s.taints.includes('NoExecute')))).toBe(false);
    expect(times(r, 'TaintManagerEviction')).toEqual([]);
    expect(times(r, 'MasterDisruptionMode')).toEqual([55]);
    expect(at(samples(r, 'web'), 600, 'available')).toBe(0);
  });
});

describe('drain respects the PDB; a node failure does not', () => {
  const db = deployment('shop/db', { replicas: 3 }, { startSeconds: 20 });
  const pdb = { namespace: 'shop', name: 'db', selector: { app: 'db' }, minAvailable: 2, maxUnavailable: null };
  const base = { nodes: [node('n1'), node('n2')], deployments: [db], pods: placed(db, ['n1', 'n1', 'n1']), pdbs: [pdb], durationS: 600 };

  it('evicts one pod, retries every 5 s while the budget is spent, and never goes below minAvailable', () => {
    const r = simulate(scenario({ ...base, events: [{ at: 10, action: { kind: 'drain', node: 'n1' } }] }));
    // 10: pod 0 evicted (3 healthy − 2 = 1 allowed); its replacement is Ready at 30, so the retry
    // at 30 evicts pod 1; that replacement is Ready at 50 and pod 2 goes.
    expect(times(r, 'EvictionByEvictionAPI')).toEqual([10, 30, 50]);
    expect(times(r, 'EvictionBlocked')).toEqual([10, 10]);
    const s = summarize(r)[0];
    expect(s.secondsBelowPdb).toBe(0);
    expect(s.lowestAvailable).toBe(2);
    expect(at(samples(r, 'db'), 600, 'available')).toBe(3);
  });

  it('a failure of the same node takes the workload below its PDB (a Warning event says so)', () => {
    const r = simulate(scenario({ ...base, events: [{ at: 10, action: { kind: 'nodeFailure', node: 'n1', mode: 'unreachable' } }] }));
    const s = summarize(r)[0];
    expect(s.secondsBelowPdb).toBeGreaterThan(300);
    expect(r.events.filter((e) => e.reason === 'InsufficientPods').map((e) => [e.time / 1000, e.message])).toEqual([
      [65, '0 healthy pods, 2 required (expected 3)'],
    ]);
  });
});

describe('minReadySeconds while the node goes unreachable (the availability clock is the ReplicaSet controller’s)', () => {
  // 1 replica on n1, placed Pending-free: the pod starts at 0, warm at once, no readiness probe,
  // so Ready at 0 (ReplicaSetController.updatePod requeues after minReadySeconds = 20 s).
  // n1's kubelet is cut off at 10 s. The API still says Ready (nothing marks it NotReady until
  // the node lifecycle controller: last lease at 10 s, observed by the 10 s pass, Unknown when
  // now > 10 + 50, i.e. at 65 s). So the pod is available at 20 s — the ReplicaSet controller
  // knows nothing of the kubelet — and unavailable again at 65 s.
  const d = deployment('shop/slow', { replicas: 1, minReadySeconds: 20 });
  const r = simulate(
    scenario({
      nodes: [node('n1')],
      deployments: [d],
      pods: [{ ...placed(d, ['n1'])[0], phase: 'Pending', ready: false }],
      events: [{ at: 10, action: { kind: 'nodeFailure', node: 'n1', mode: 'unreachable' } }],
      durationS: 120,
    }),
  );
  it('ready at 0, available at 20 s, NotReady (unavailable) at 65 s', () => {
    expect(at(samples(r, 'slow'), 0, 'ready')).toBe(1);
    expect(at(samples(r, 'slow'), 19, 'available')).toBe(0);
    expect(at(samples(r, 'slow'), 20, 'available')).toBe(1);
    expect(at(samples(r, 'slow'), 64, 'available')).toBe(1);
    expect(at(samples(r, 'slow'), 65, 'available')).toBe(0);
    expect(times(r, 'NodeNotReady')).toEqual([65]);
  });
});
