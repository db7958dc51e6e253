// Replays podtopologyspread filtering_test.go (TestSingleConstraint, TestMultipleConstraints,
// TestPreFilterState) and scoring_test.go (TestPodTopologySpreadScore) from
// test/fixtures/vectors-scheduling.json against the scheduler's PodTopologySpread (the plugin
// alone: other filters are not run, as in the upstream tables).
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-scheduling.json' with { type: 'json' };
import { SPREAD_MISSING_LABEL, SPREAD_SKEW, SpreadState } from '../../../../src/sim/controllers/scheduler/plugins/pod-topology-spread.js';
import { DEPLOYMENT_DEFAULTS } from '../../../../src/io/template.js';
import { SimDeployment } from '../../../../src/sim/state/objects.js';
import { TestCluster, templateOf, type VNode, type VPod } from '../../../helpers/scheduling-cluster.js';

const CODE: Record<number, string> = { 0: 'Success', [SPREAD_SKEW]: 'Unschedulable', [SPREAD_MISSING_LABEL]: 'UnschedulableAndUnresolvable' };

function spread(t: TestCluster, pod: VPod): SpreadState {
  const p = t.pod(pod);
  const g = t.sched.groups.groupOf(p);
  return new SpreadState({ group: g, tolerations: p.tolerations, groups: t.sched.groups, topology: t.sched.topology });
}

function filterCase({ input, expected }: { input: unknown; expected: unknown }) {
  const i = input as { pod: VPod; nodes: VNode[]; existingPods: VPod[] };
  const t = new TestCluster(i.nodes);
  for (const q of i.existingPods) t.pod(q);
  const s = spread(t, i.pod);
  const got = Object.fromEntries(i.nodes.map((n) => [n.name, CODE[s.filter(t.node(n.name))]]));
  expect(got).toEqual((expected as unknown as { filter: Record<string, string> }).filter);
}

describe('PodTopologySpread Filter, one constraint (TestSingleConstraint)', () => {
  const cases = vectors['PodTopologySpread.Filter.SingleConstraint'].cases;
  it('replays every case', () => expect(cases.length).toBe(23));
  it.each(cases)('$name', filterCase);
});

describe('PodTopologySpread Filter, several constraints (TestMultipleConstraints)', () => {
  const cases = vectors['PodTopologySpread.Filter.MultipleConstraints'].cases;
  it('replays every case', () => expect(cases.length).toBe(11));
  it.each(cases)('$name', filterCase);
});

describe('PodTopologySpread PreFilter state (TestPreFilterState)', () => {
  const cases = vectors['PodTopologySpread.PreFilterState'].cases;
  it('replays every case', () => expect(cases.length).toBe(9));
  it.each(cases)('$name', ({ input, expected }) => {
    const i = input as unknown as { pod: VPod; nodes: VNode[]; existingPods: VPod[] };
    const e = expected as unknown as { matchNum: Record<string, number>; globalMin: Record<string, number>; domains: Record<string, number> };
    const t = new TestCluster(i.nodes);
    for (const q of i.existingPods) t.pod(q);
    const state = spread(t, i.pod).prefilterState;
    const matchNum: Record<string, number> = {};
    for (const key of Object.keys(e.matchNum)) {
      const [k, v] = key.split('/');
      matchNum[key] = state.find((c) => c.topologyKey === k)!.counts.get(v) ?? 0;
    }
    expect(matchNum).toEqual(e.matchNum);
    // No domain counted beyond those listed.
    for (const c of state) for (const [v, n] of c.counts) if (n > 0) expect(e.matchNum[`${c.topologyKey}/${v}`]).toBe(n);
    expect(Object.fromEntries(state.map((c) => [c.topologyKey, c.min]))).toEqual(e.globalMin);
    expect(Object.fromEntries(state.map((c) => [c.topologyKey, c.domains]))).toEqual(e.domains);
  });
});

describe('PodTopologySpread Score (TestPodTopologySpreadScore)', () => {
  const cases = vectors['PodTopologySpread.Score'].cases;
  it('replays every case', () => expect(cases.length).toBe(11));
  it.each(cases)('$name', ({ input, expected }) => {
    const i = input as unknown as { pod: VPod & { systemDefaultSelector?: { matchLabels: Record<string, string> } }; candidateNodes: VNode[]; failedNodes: VNode[]; existingPods: VPod[] };
    const t = new TestCluster([...i.candidateNodes, ...i.failedNodes]);
    let s: SpreadState;
    if (i.pod.systemDefaultSelector) {
      // System defaults apply to pods a controller owns, with the owner's selector: the pods are
      // made one ReplicaSet's here (its selector is their labels plus pod-template-hash), which
      // selects the same existing pods as the Service of the upstream case.
      const d = new SimDeployment(0, '', 'svc', { ...DEPLOYMENT_DEFAULTS, namespace: '', name: 'svc', replicas: 0, template: templateOf(i.pod) });
      t.c.addWorkload(d);
      const rs = t.c.newReplicaSet(d, d.template);
      for (const q of i.existingPods) {
        const p = t.c.createPod('', q.name!, rs, rs.template);
        t.c.updatePod(p, (x) => (x.node = t.node(q.node!)));
      }
      const p = t.c.createPod('', 'p', rs, rs.template);
      s = new SpreadState({ group: t.sched.groups.groupOf(p), tolerations: p.tolerations, groups: t.sched.groups, topology: t.sched.topology });
    } else {
      for (const q of i.existingPods) t.pod(q);
      s = spread(t, i.pod);
    }
    const feasible = i.candidateNodes.map((n) => t.node(n.name));
    const total = feasible.map(() => 0);
    s.addScores(feasible, total, 1);
    expect(Object.fromEntries(feasible.map((n, k) => [n.name, total[k]]))).toEqual((expected as unknown as { scores: Record<string, number> }).scores);
  });
});
