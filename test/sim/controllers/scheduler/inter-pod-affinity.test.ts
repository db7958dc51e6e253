// Replays interpodaffinity filtering_test.go (TestRequiredAffinitySingleNode,
// TestRequiredAffinityMultipleNodes) and scoring_test.go (TestPreferredAffinity,
// TestPreferredAffinityWithHardPodAffinitySymmetricWeight) from
// test/fixtures/vectors-scheduling.json through the scheduler's own filter chain and scores.
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-scheduling.json' with { type: 'json' };
import { nodeStatus, STATUS_FITS, STATUS_UNSCHEDULABLE } from '../../../../src/sim/controllers/scheduler/fit-error.js';
import { InterPodState } from '../../../../src/sim/controllers/scheduler/plugins/inter-pod-affinity.js';
import { addInterPodScores } from '../../../../src/sim/controllers/scheduler/plugins/inter-pod-affinity-scoring.js';
import { TestCluster, type VNode, type VPod } from '../../../helpers/scheduling-cluster.js';

type Status = { code: string; reason?: string };
const CODES = ['Success', 'Unschedulable', 'UnschedulableAndUnresolvable'];

function statusOf(t: TestCluster, pod: VPod, node: string): Status {
  const p = t.pod(pod);
  const reasons: string[] = [];
  const r = nodeStatus(t.state(p), t.node(node), (x) => reasons.push(x));
  return r.code === STATUS_FITS ? { code: 'Success' } : { code: CODES[r.code], reason: reasons.join(', ') };
}

describe('InterPodAffinity Filter on one node (TestRequiredAffinitySingleNode)', () => {
  const v = vectors['InterPodAffinity.Filter.SingleNode'];
  it('replays every case', () => expect(v.cases.length).toBe(24));
  it.each(v.cases)('$name', ({ input, expected }) => {
    const i = input as unknown as { pod: VPod; existingPods: VPod[] };
    const e = expected as unknown as { filter: Status; preFilter?: Status };
    const t = new TestCluster([v.node], v.namespaceLabels);
    for (const q of i.existingPods) t.pod(q);
    const p = t.pod(i.pod);
    if (e.preFilter?.code === 'Skip') expect(InterPodState.prefilter(t.sched.groups.groupOf(p), t.sched.groups)).toBeNull();
    const reasons: string[] = [];
    const r = nodeStatus(t.state(p), t.node('node1'), (x) => reasons.push(x));
    expect(r.code === STATUS_FITS ? { code: 'Success' } : { code: CODES[r.code], reason: reasons.join(', ') }).toEqual(e.filter);
  });
});

describe('InterPodAffinity Filter on several nodes (TestRequiredAffinityMultipleNodes)', () => {
  const v = vectors['InterPodAffinity.Filter.MultipleNodes'];
  it('replays every case', () => expect(v.cases.length).toBe(18));
  it.each(v.cases)('$name', ({ input, expected }) => {
    const i = input as unknown as { pod: VPod; existingPods: VPod[]; nodes: VNode[] };
    const e = expected as unknown as { filter: Record<string, Status>; preFilter?: Status };
    const t = new TestCluster(i.nodes, { NS1: {} });
    for (const q of i.existingPods) t.pod(q);
    const p = t.pod(i.pod);
    if (e.preFilter?.code === 'Skip') expect(InterPodState.prefilter(t.sched.groups.groupOf(p), t.sched.groups)).toBeNull();
    const state = t.state(p);
    const got: Record<string, Status> = {};
    for (const n of i.nodes) {
      const reasons: string[] = [];
      const r = nodeStatus(state, t.node(n.name), (x) => reasons.push(x));
      got[n.name] = r.code === STATUS_FITS ? { code: 'Success' } : { code: CODES[r.code], reason: reasons.join(', ') };
    }
    expect(got).toEqual(e.filter);
  });

  it('anti-affinity and symmetry are Unschedulable (preemption may help), affinity is not', () => {
    expect(STATUS_UNSCHEDULABLE).toBe(1);
    expect(statusOf(new TestCluster([{ name: 'n', labels: { zone: 'z' } }]), { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { a: 'b' } }, topologyKey: 'zone' }] } } }, 'n')).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reason: "node(s) didn't match pod affinity rules",
    });
  });
});

function scores(v: { namespaceLabels: Record<string, Record<string, string>> }, input: unknown, hard?: number) {
  const i = input as unknown as { pod: VPod; existingPods: VPod[]; nodes: VNode[]; ignorePreferredTermsOfExistingPods?: boolean };
  const t = new TestCluster(i.nodes, v.namespaceLabels);
  for (const q of i.existingPods) t.pod(q);
  const p = t.pod(i.pod);
  const g = t.sched.groups.groupOf(p);
  const nodes = i.nodes.map((n) => t.node(n.name));
  const total = nodes.map(() => 0);
  const hasOwn = g.preferredAffinity.length + g.preferredAntiAffinity.length > 0;
  // ignorePreferredTermsOfExistingPods: PreScore skips unless the pod has preferred terms itself.
  const scored = i.ignorePreferredTermsOfExistingPods && !hasOwn ? false : addInterPodScores(g, t.sched.groups, nodes, total, 1, hard);
  return { scored, scores: Object.fromEntries(nodes.map((n, k) => [n.name, total[k]])) };
}

describe('InterPodAffinity Score (TestPreferredAffinity)', () => {
  const v = vectors['InterPodAffinity.Score'];
  it('replays every case', () => expect(v.cases.length).toBe(24));
  it.each(v.cases)('$name', ({ input, expected }) => {
    const e = expected as unknown as { scores?: Record<string, number>; preScore?: Status };
    const got = scores(v, input);
    if (e.preScore?.code === 'Skip') expect(got.scored).toBe(false);
    if (e.scores) expect(got.scores).toEqual(e.scores);
  });
});

describe('InterPodAffinity Score with hardPodAffinityWeight', () => {
  const v = vectors['InterPodAffinity.Score.HardPodAffinityWeight'];
  it('replays every case', () => expect(v.cases.length).toBe(5));
  it.each(v.cases)('$name', ({ input, expected }) => {
    const e = expected as unknown as { scores?: Record<string, number>; preScore?: Status };
    const got = scores(v, input, (input as unknown as { hardPodAffinityWeight: number }).hardPodAffinityWeight);
    if (e.preScore?.code === 'Skip') expect(got.scored).toBe(false);
    if (e.scores) expect(got.scores).toEqual(e.scores);
  });
});
