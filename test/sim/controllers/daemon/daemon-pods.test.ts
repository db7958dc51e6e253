// The DaemonSet controller's rules replayed against Kubernetes' own tables
// (test/fixtures/vectors-workloads.json, from pkg/controller/daemon/*_test.go). Each case's
// situation (given in words) is built by hand below; the harness plays the upstream fake: deleted
// pods vanish at once, created pods appear not ready, "ready" makes every pod Ready and available.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type DaemonPodState,
  FailedPodsBackoff,
  allowsSurge,
  podsShouldBeOnNode,
  surgeAndUnavailable,
} from '../../../../src/sim/controllers/daemon/daemon-pods.js';
import { rollingUpdate } from '../../../../src/sim/controllers/daemon/rolling-update.js';
import type { IntOrPercent, Taint, Toleration } from '../../../../src/model/types.js';
import { type DaemonNode, type DaemonPodSpec, nodeShouldRunDaemonPod, withDaemonSetTolerations } from '../../../../src/model/workloads.js';

const vectors = JSON.parse(readFileSync(new URL('../../../fixtures/vectors-workloads.json', import.meta.url), 'utf8'));
const table = (key: string): { name: string; input: Record<string, unknown>; expected: Record<string, unknown> }[] => vectors[key].cases;

const taint = (key: string, effect: Taint['effect'], value = ''): Taint => ({ key, value, effect });
const tol = (key: string, effect: Toleration['effect'], operator: Toleration['operator'] = 'Exists', value = ''): Toleration => ({ key, operator, value, effect, tolerationSeconds: null });
/** The fixtures' node: labelled type=production (the DS pod's label set). */
const testNode = (over: Partial<DaemonNode> = {}): DaemonNode => ({ name: 'test-node', labels: { type: 'production' }, taints: [], ...over });
const dsSpec = (over: Partial<DaemonPodSpec> & { tolerations?: Toleration[] } = {}): DaemonPodSpec => ({
  nodeSelector: {},
  ...over,
  tolerations: withDaemonSetTolerations(over.tolerations ?? []),
});
/** A required node affinity `key In values`, as a predicate over the node's labels. */
const affinityIn = (key: string, values: string[]) => (n: DaemonNode) => values.includes(n.labels[key]);

describe('DaemonSet.NodeShouldRunDaemonPod', () => {
  // Each situation of the table, as the node and DaemonSet it describes.
  const situations: [DaemonNode, DaemonPodSpec][] = [
    [testNode(), dsSpec()], // 50M / 0.5 cpu on a 100M / 1 cpu node
    [testNode(), dsSpec()], // 200M on a 100M node: resources are not checked
    [testNode(), dsSpec({ nodeName: 'other-node' })],
    [testNode(), dsSpec()], // host port in use: ports are not checked
    [testNode(), dsSpec()],
    [testNode(), dsSpec()],
    [testNode(), dsSpec({ nodeSelector: { type: 'test' } })],
    [testNode(), dsSpec({ nodeSelector: { type: 'production' } })],
    [testNode(), dsSpec({ requiredAffinity: affinityIn('type', ['test']) })],
    [testNode(), dsSpec({ requiredAffinity: affinityIn('type', ['production']) })],
    // spec.unschedulable: the node lifecycle controller's unschedulable:NoSchedule taint, tolerated
    [testNode({ taints: [taint('node.kubernetes.io/unschedulable', 'NoSchedule')] }), dsSpec()],
    [testNode({ taints: [taint('foo', 'NoSchedule', 'bar')] }), dsSpec()],
    [testNode({ taints: [taint('foo', 'NoExecute', 'bar')] }), dsSpec()],
    [testNode({ taints: [taint('node.kubernetes.io/unreachable', 'NoSchedule'), taint('node.kubernetes.io/unreachable', 'NoExecute')] }), dsSpec()],
    [testNode({ taints: [taint('node.kubernetes.io/memory-pressure', 'NoSchedule')] }), dsSpec()],
  ];
  const cs = table('DaemonSet.NodeShouldRunDaemonPod');
  it('has a situation for every case', () => expect(situations).toHaveLength(cs.length));
  cs.forEach((c, i) => {
    it(`${c.name}: ${(c.input as { situation: string }).situation}`, () => {
      const [n, s] = situations[i];
      expect(nodeShouldRunDaemonPod(n, s)).toEqual({ shouldRun: c.expected.shouldRun, shouldContinueRunning: c.expected.shouldContinueRunning });
    });
  });
});

interface FakePod {
  name: string;
  node: string;
  createdAt: number;
  rev: number;
  ready: boolean;
  phase: 'Failed' | 'Succeeded' | null;
  terminating: boolean;
}

/** A fake DaemonSet over named nodes: its pods, the current revision, and one sync's creates/deletes. */
class FakeDaemonSet {
  readonly pods: FakePod[] = [];
  rev = 1;
  private seq = 0;
  constructor(
    readonly nodes: DaemonNode[],
    public spec: DaemonPodSpec,
    public maxSurge: IntOrPercent = 0,
    public maxUnavailable: IntOrPercent = 1,
    readonly rollingUpdateOn = true,
  ) {}

  add(node: string, over: Partial<FakePod> = {}): FakePod {
    const p: FakePod = { name: `p${this.seq}`, node, createdAt: this.seq++, rev: this.rev, ready: true, phase: null, terminating: false, ...over };
    this.pods.push(p);
    return p;
  }

  private states(node: string): DaemonPodState<FakePod>[] {
    return this.pods
      .filter((p) => p.node === node)
      .map((p) => ({ pod: p, name: p.name, createdAt: p.createdAt, bound: true, terminating: p.terminating, phase: p.phase, ready: p.ready, available: p.ready, updated: p.rev === this.rev }));
  }

  private remove(p: FakePod): void {
    this.pods.splice(this.pods.indexOf(p), 1);
  }

  /** manage then (RollingUpdate) rollingUpdate; returns [creates, deletes]; failed pods count as deletes. */
  sync(): [number, number] {
    let creates = 0;
    let deletes = 0;
    const surge = allowsSurge(this.maxSurge, this.rollingUpdateOn);
    for (const n of this.nodes) {
      const plan = podsShouldBeOnNode(nodeShouldRunDaemonPod(n, this.spec), this.states(n.name), surge);
      for (const p of [...plan.failed, ...plan.succeeded, ...plan.delete]) {
        this.remove(p);
        deletes++;
      }
      if (plan.create) {
        this.add(n.name, { ready: false });
        creates++;
      }
    }
    if (!this.rollingUpdateOn) return [creates, deletes];
    const entries = this.nodes
      .map((n) => ({ node: n, shouldRun: nodeShouldRunDaemonPod(n, this.spec).shouldRun, pods: this.states(n.name) }))
      .filter((e) => e.shouldRun || e.pods.length > 0);
    const desired = entries.filter((e) => e.shouldRun).length;
    const { maxSurge, maxUnavailable } = surgeAndUnavailable(this.maxSurge, this.maxUnavailable, desired);
    const plan = rollingUpdate(entries, maxSurge, maxUnavailable, desired);
    for (const p of plan.delete) {
      this.remove(p);
      deletes++;
    }
    for (const n of plan.create) {
      this.add(n.name, { ready: false });
      creates++;
    }
    return [creates, deletes];
  }

  ready(): void {
    for (const p of this.pods) p.ready = true;
  }
}

const named = (count: number, from = 0, labels: Record<string, string> = {}): DaemonNode[] =>
  Array.from({ length: count }, (_, i) => ({ name: `node-${from + i}`, labels, taints: [] }));

describe('DaemonSet.manage', () => {
  const colour = { color: 'blue' };
  // The situations of the table; every DaemonSet pod below is selected by the DaemonSet (pods it
  // does not select are ignored by the controller, so they are left out).
  const build: Record<string, () => FakeDaemonSet> = {
    TestNotReadyNodeDaemonLaunchesPod: () => new FakeDaemonSet([{ name: 'n', labels: {}, taints: [taint('node.kubernetes.io/not-ready', 'NoExecute')] }], dsSpec()),
    TestUnreachableNodeDaemonLaunchesPod: () => new FakeDaemonSet([{ name: 'n', labels: {}, taints: [taint('node.kubernetes.io/unreachable', 'NoExecute')] }], dsSpec()),
    TestTaintedNodeDaemonDoesNotLaunchIntolerantPod: () => new FakeDaemonSet([{ name: 'n', labels: {}, taints: [taint('dedicated', 'NoSchedule', 'x')] }], dsSpec()),
    TestTaintedNodeDaemonLaunchesToleratePod: () =>
      new FakeDaemonSet([{ name: 'n', labels: {}, taints: [taint('dedicated', 'NoSchedule', 'x')] }], dsSpec({ tolerations: [tol('dedicated', 'NoSchedule')] })),
    TestNodeDaemonLaunchesToleratePod: () => new FakeDaemonSet(named(1), dsSpec({ tolerations: [tol('dedicated', 'NoSchedule')] })),
    TestTaintPressureNodeDaemonLaunchesPod: () =>
      new FakeDaemonSet(
        [{ name: 'n', labels: {}, taints: ['disk', 'memory', 'pid'].map((k) => taint(`node.kubernetes.io/${k}-pressure`, 'NoSchedule')) }],
        dsSpec(),
      ),
    TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod: () => {
      const ds = new FakeDaemonSet([{ name: 'n', labels: {}, taints: [taint('dedicated', 'NoSchedule', 'x')] }], dsSpec());
      ds.add('n');
      return ds;
    },
    TestNoExecuteTaintedDoesEvicitRunningIntolerantPod: () => {
      const ds = new FakeDaemonSet([{ name: 'n', labels: {}, taints: [taint('dedicated', 'NoExecute', 'x')] }], dsSpec());
      ds.add('n');
      return ds;
    },
    TestDaemonSetRespectsTermination: () => {
      const ds = new FakeDaemonSet(named(1), dsSpec());
      ds.add('node-0', { terminating: true });
      return ds;
    },
    TestSelectorDaemonLaunchesPods: () => new FakeDaemonSet([...named(4), ...named(3, 4, colour)], dsSpec({ nodeSelector: colour })),
    TestSelectorDaemonSetLaunchesPods: () => new FakeDaemonSet([...named(4), ...named(3, 4, colour)], dsSpec({ nodeSelector: colour })),
    TestNodeAffinityDaemonLaunchesPods: () => new FakeDaemonSet([...named(4), ...named(3, 4, colour)], dsSpec({ requiredAffinity: affinityIn('color', ['blue']) })),
    TestBadSelectorDaemonDoesNothing: () => new FakeDaemonSet(named(4), dsSpec({ nodeSelector: colour })),
    TestNameDaemonSetLaunchesPods: () => new FakeDaemonSet(named(5), dsSpec({ nodeName: 'node-0' })),
    TestBadNameDaemonSetDoesNothing: () => new FakeDaemonSet(named(5), dsSpec({ nodeName: 'node-10' })),
    TestNameAndSelectorDaemonSetLaunchesPods: () => new FakeDaemonSet([...named(4), ...named(3, 4, colour)], dsSpec({ nodeName: 'node-6', nodeSelector: colour })),
    TestInconsistentNameSelectorDaemonSetDoesNothing: () => new FakeDaemonSet([...named(4), ...named(3, 4, colour)], dsSpec({ nodeName: 'node-0', nodeSelector: colour })),
    TestDealsWithExistingPods: () => {
      const ds = new FakeDaemonSet(named(5), dsSpec());
      for (const [n, k] of [['node-1', 1], ['node-2', 2], ['node-3', 5]] as const) for (let i = 0; i < k; i++) ds.add(n);
      return ds;
    },
    TestSelectorDaemonDeletesUnselectedPods: () => {
      const ds = new FakeDaemonSet([...named(5), ...named(5, 5, colour)], dsSpec({ nodeSelector: colour }));
      for (const [n, k] of [['node-1', 3], ['node-4', 1]] as const) for (let i = 0; i < k; i++) ds.add(n);
      return ds;
    },
    TestSelectorDaemonDealsWithExistingPods: () => {
      const ds = new FakeDaemonSet([...named(5), ...named(5, 5, colour)], dsSpec({ nodeSelector: colour }));
      for (const [n, k] of [['node-0', 1], ['node-1', 3], ['node-2', 4], ['node-6', 13], ['node-9', 1]] as const) for (let i = 0; i < k; i++) ds.add(n);
      return ds;
    },
    TestPortConflictWithSameDaemonPodDoesNotDeletePod: () => {
      const ds = new FakeDaemonSet(named(1), dsSpec());
      ds.add('node-0');
      return ds;
    },
    TestNoPortConflictNodeDaemonLaunchesPod: () => new FakeDaemonSet(named(1), dsSpec()),
  };
  for (const c of table('DaemonSet.manage')) {
    for (const strategy of ['RollingUpdate', 'OnDelete'] as const) {
      it(`${c.name} (${strategy})`, () => {
        const f = build[c.name];
        expect(f, `a situation for ${c.name}`).toBeDefined();
        const ds = f();
        const onDelete = strategy === 'OnDelete';
        const run = new FakeDaemonSet(ds.nodes, ds.spec, 0, 1, !onDelete);
        run.pods.push(...ds.pods);
        expect(run.sync()).toEqual([c.expected.creates, c.expected.deletes]);
      });
    }
  }
});

describe('DaemonSet.killFailedPods', () => {
  for (const c of table('DaemonSet.killFailedPods')) {
    const i = c.input as { failedPods: number; normalPods?: number; syncs?: string };
    it(c.name, () => {
      const backoff = new FailedPodsBackoff();
      if (i.syncs) {
        // One node's failed pod, deleted; another fails at once (in back-off), then after the delay.
        expect(backoff.tryDelete(0, 0)).toBe(0);
        const wait = backoff.tryDelete(0, 0);
        expect(wait).toBe(1000);
        expect(backoff.tryDelete(0, wait)).toBe(0);
        expect(backoff.tryDelete(0, wait)).toBe(2000); // the delay doubles
        return;
      }
      const ds = new FakeDaemonSet(named(1), dsSpec());
      for (let k = 0; k < i.failedPods; k++) ds.add('node-0', { phase: 'Failed', ready: false });
      for (let k = 0; k < (i.normalPods ?? 0); k++) ds.add('node-0');
      const plan = podsShouldBeOnNode({ shouldRun: true, shouldContinueRunning: true }, ds.pods.map((p) => ({
        pod: p, name: p.name, createdAt: p.createdAt, bound: true, terminating: false, phase: p.phase, ready: p.ready, available: p.ready, updated: true,
      })), false);
      expect([plan.create ? 1 : 0, plan.failed.length + plan.delete.length, plan.failed.length]).toEqual([c.expected.creates, c.expected.deletes, c.expected.events]);
    });
  }
});

describe('DaemonSet.updatedDesiredNodeCounts', () => {
  for (const c of table('DaemonSet.updatedDesiredNodeCounts')) {
    it(c.name, () => {
      const i = c.input as { nodes: number; rollingUpdate: { maxUnavailable: IntOrPercent; maxSurge?: IntOrPercent }; podsPerNode: Record<string, unknown> };
      const desired = i.nodes; // every node should run it
      const r = surgeAndUnavailable(i.rollingUpdate.maxSurge ?? 0, i.rollingUpdate.maxUnavailable, desired);
      // nodes that should run it with no pod entry (a terminating pod is an entry)
      const empty = named(i.nodes).filter((n) => i.podsPerNode[n.name] === undefined).length;
      expect({ ...r, desiredNumberScheduled: desired, emptyNodes: empty }).toEqual(c.expected);
    });
  }
});

describe('DaemonSet.rollingUpdate.walkthrough', () => {
  for (const c of table('DaemonSet.rollingUpdate.walkthrough')) {
    if ((c as { derived?: boolean }).derived) continue; // timed: test/sim/e2e/daemonset.test.ts
    const i = c.input as { nodes: number; maxUnavailable?: number; maxSurge?: number; oldPodsReady?: boolean; templateChanged?: boolean };
    it(c.name, () => {
      const surgeCase = i.maxSurge !== undefined;
      const tainted = c.name === 'TestDaemonSetUpdatesPodsNotMatchTainstWithMaxSurge';
      const nodes = named(i.nodes);
      if (tainted) nodes[0] = { ...nodes[0], taints: [taint('node-role.kubernetes.io/control-plane', 'NoSchedule')] };
      const controlPlane = [tol('node-role.kubernetes.io/control-plane', 'NoSchedule')];
      const ds = new FakeDaemonSet(nodes, dsSpec({ tolerations: tainted ? controlPlane : [] }), surgeCase ? i.maxSurge : 0, surgeCase ? 0 : i.maxUnavailable);
      for (const n of nodes) ds.add(n.name, { ready: i.oldPodsReady !== false });
      if (i.templateChanged !== false) ds.rev = 2;
      // The update drops the control-plane toleration: node-0 should no longer run the DaemonSet.
      if (tainted) ds.spec = dsSpec();
      const seen: unknown[] = [];
      for (const step of (c.expected as { syncs: unknown[] }).syncs) {
        if (step === 'ready') {
          ds.ready();
          seen.push('ready');
        } else seen.push(ds.sync());
      }
      expect(seen).toEqual((c.expected as { syncs: unknown[] }).syncs);
    });
  }
});
