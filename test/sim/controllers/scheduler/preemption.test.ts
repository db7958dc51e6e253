// Replays default_preemption_test.go (TestPostFilter, TestDryRunPreemption,
// TestSelectBestCandidate, TestPodEligibleToPreemptOthers, TestPreempt) and
// calculateNumCandidates from test/fixtures/vectors-scheduling.json through the scheduler's
// DefaultPreemption on a small cluster.
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-scheduling.json' with { type: 'json' };
import { labelSelectorAsSelector, type LabelSelector } from '../../../../src/model/label-selector.js';
import { Diagnosis, STATUS_UNRESOLVABLE, STATUS_UNSCHEDULABLE, diagnose } from '../../../../src/sim/controllers/scheduler/fit-error.js';
import { calculateNumCandidates, type PdbLike } from '../../../../src/sim/controllers/scheduler/preemption/candidates.js';
import {
  dryRunPreemption,
  notEligible,
  postFilter,
  selectCandidate,
  type Victim,
} from '../../../../src/sim/controllers/scheduler/preemption/default-preemption.js';
import { TestCluster, type VNode, type VPod } from '../../../helpers/scheduling-cluster.js';

interface Input {
  pod: VPod;
  existingPods: VPod[];
  nodes: VNode[];
  pdbs?: { selector: LabelSelector; disruptionsAllowed: number; disruptedPods?: string[] }[];
}

function setUp(input: unknown) {
  const i = input as Input;
  const t = new TestCluster(i.nodes);
  for (const q of i.existingPods) t.pod(q);
  const p = t.pod(i.pod);
  const pdbs: PdbLike<Victim>[] = (i.pdbs ?? []).map((d) => {
    const sel = labelSelectorAsSelector(d.selector);
    return {
      disruptionsAllowed: d.disruptionsAllowed,
      selects: (v) => !sel.empty && sel.matches(v.pod.spec.labels),
      disrupted: (v) => (d.disruptedPods ?? []).includes(v.pod.name),
    };
  });
  return { t, p, state: t.state(p), pdbs };
}

describe('DefaultPreemption PostFilter (TestPostFilter)', () => {
  const cases = vectors['Preemption.PostFilter'].cases;
  it('replays every case', () => expect(cases.length).toBe(7));
  it.each(cases)('$name', ({ input, expected }) => {
    const { t, state } = setUp(input);
    const statuses = (input as unknown as { filterStatuses: Record<string, string> }).filterStatuses;
    // The filter phase's statuses as the case gives them; absent nodes are unresolvable.
    const d = new Diagnosis(t.c.nodes.length);
    for (const n of t.c.nodes) d.codes[n.index] = statuses[n.name] === 'Unschedulable' ? STATUS_UNSCHEDULABLE : STATUS_UNRESOLVABLE;
    const r = postFilter(t.sched, state, d);
    const e = expected as unknown as { nominatedNodeName: string; status: { code: string; message?: string } };
    expect(r.nominate?.name ?? '').toBe(e.nominatedNodeName);
    expect(r.preempted ? 'Success' : 'Unschedulable').toBe(e.status.code);
    if (e.status.message) expect(r.message).toBe(e.status.message);
  });
});

describe('DryRunPreemption (TestDryRunPreemption)', () => {
  const cases = vectors['Preemption.DryRunPreemption'].cases;
  it('replays every case', () => expect(cases.length).toBe(11));
  it.each(cases)('$name', ({ input, expected }) => {
    const { t, state, pdbs } = setUp(input);
    const { candidates } = dryRunPreemption(t.sched, state, t.c.nodes, pdbs);
    const got = candidates
      .map((c) => ({ node: c.node.name, victims: c.victims.map((v) => v.pod.name).sort(), numPDBViolations: c.numPDBViolations }))
      .sort((a, b) => (a.node < b.node ? -1 : 1));
    expect(got).toEqual((expected as unknown as { candidates: unknown[] }).candidates);
  });
});

describe('SelectCandidate / pickOneNodeForPreemption (TestSelectBestCandidate)', () => {
  const cases = vectors['Preemption.SelectBestCandidate'].cases;
  it('replays every case', () => expect(cases.length).toBe(9));
  it.each(cases)('$name', ({ input, expected }) => {
    const { t, state, pdbs } = setUp(input);
    const { candidates } = dryRunPreemption(t.sched, state, t.c.nodes, pdbs);
    expect((expected as unknown as { nodeAnyOf: string[] }).nodeAnyOf).toContain(selectCandidate(candidates).node.name);
  });
});

describe('PodEligibleToPreemptOthers (TestPodEligibleToPreemptOthers)', () => {
  const cases = vectors['Preemption.PodEligibleToPreemptOthers'].cases;
  it('replays every case', () => expect(cases.length).toBe(5));
  it.each(cases)('$name', ({ input, expected }) => {
    const i = input as unknown as { pod: VPod; existingPods: VPod[]; nodes: string[]; nominatedNodeStatus: { code: string } | null };
    const t = new TestCluster(i.nodes.map((name) => ({ name })));
    for (const q of i.existingPods) t.pod(q);
    const p = t.pod(i.pod);
    const d = new Diagnosis(t.c.nodes.length);
    if (p.nominatedNode && i.nominatedNodeStatus?.code === 'UnschedulableAndUnresolvable') d.codes[p.nominatedNode.index] = STATUS_UNRESOLVABLE;
    expect(notEligible(t.state(p), d) === null).toBe((expected as unknown as { eligible: boolean }).eligible);
  });
});

describe('Evaluator.Preempt (TestPreempt)', () => {
  const cases = vectors['Preemption.Preempt'].cases;
  it('replays every case', () => expect(cases.length).toBe(4));
  it.each(cases)('$name', ({ input, expected }) => {
    const { t, p, state } = setUp(input);
    const d = diagnose(state, t.c.nodes, t.c.nodes.map((n) => ({ sample: n, size: 1, buckets: [{ items: [n] }] })));
    const r = postFilter(t.sched, state, d);
    if (r.nominate !== undefined) t.sched.nominate(p, r.nominate);
    const e = expected as unknown as { nominatedNodeName: string | null; deletedPods: string[] };
    expect(r.nominate === undefined ? null : (r.nominate?.name ?? '')).toBe(e.nominatedNodeName);
    const deleted = [...t.c.nodes.flatMap((n) => [...n.pods])].filter((q) => q.deletedAt >= 0);
    expect(deleted.map((q) => q.name).sort()).toEqual(e.deletedPods);
    for (const q of deleted) expect(q.disruptionTarget).toBe('PreemptionByScheduler');
    const preempted = t.c.recorder.events.filter((x) => x.reason === 'Preempted');
    expect(preempted.map((x) => x.object).sort()).toEqual(e.deletedPods.map((n) => `pod//${n}`));
    for (const x of preempted) expect(x.message).toBe(`Preempted by pod ${p.uid} on node ${e.nominatedNodeName}`);
  });
});

describe('calculateNumCandidates', () => {
  it.each(vectors['Preemption.calculateNumCandidates'].cases)('$name', ({ input, expected }) => {
    expect(calculateNumCandidates(input.nodes, input.pct, input.abs)).toBe(expected);
  });
});
