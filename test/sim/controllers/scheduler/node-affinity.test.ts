// Replays node_affinity_test.go TestNodeAffinity and TestNodeAffinityPriority
// (test/fixtures/vectors-scheduling.json) against the NodeAffinity rules the scheduler compiles
// for a pod (PodGroup: nodeSelector + required affinity, PreFilter's node names, preferred
// terms). addedAffinity is the scheduler-wide NodeAffinityArgs selector, checked first.
import { describe, expect, it } from 'vitest';
import vectors from '../../../fixtures/vectors-scheduling.json' with { type: 'json' };
import { NodeSelectorMatcher, type NodeAffinity, PreferredNodeAffinity } from '../../../../src/model/node-affinity.js';
import { SimNode } from '../../../../src/sim/state/objects.js';
import { PodGroup } from '../../../../src/sim/controllers/scheduler/pod-group.js';
import {
  addNodeAffinityScores,
  REASON_ADDED_AFFINITY,
  REASON_NODE_AFFINITY,
  REASON_NODE_AFFINITY_CONFLICT,
} from '../../../../src/sim/controllers/scheduler/plugins/node-affinity.js';
import { templateOf, type VPod } from '../../../helpers/scheduling-cluster.js';

const noNamespaces = { labelsOf: () => ({}), matching: () => [] };
const groupOf = (pod: VPod) => new PodGroup(0, '', templateOf(pod), null, null, noNamespaces);
const simNode = (v: { name: string; labels: Record<string, string> }, i = 0) => new SimNode(i, v.name, '', v.labels, [], false, 1000, 1000, 10, 1000, 10_000);

type Status = { code: string; reason?: string };

/** PreFilter + Filter of NodeAffinity as the scheduler runs them. */
function filter(pod: VPod, node: SimNode, added: NodeAffinity | undefined): { preFilter: Status; nodeNames: string[] | null; filter: Status } {
  const g = groupOf(pod);
  const skip = g.nodeAffinity === null && !added?.requiredDuringSchedulingIgnoredDuringExecution;
  const conflict = g.nodeNames !== null && g.nodeNames.size === 0;
  const preFilter: Status = skip ? { code: 'Skip' } : conflict ? { code: 'UnschedulableAndUnresolvable', reason: REASON_NODE_AFFINITY_CONFLICT } : { code: 'Success' };
  const addedReq = added?.requiredDuringSchedulingIgnoredDuringExecution;
  let status: Status = { code: 'Success' };
  if (addedReq && !new NodeSelectorMatcher(addedReq).match(node)) status = { code: 'UnschedulableAndUnresolvable', reason: REASON_ADDED_AFFINITY };
  else if (g.nodeAffinity !== null && !g.nodeAffinity.match(node)) status = { code: 'UnschedulableAndUnresolvable', reason: REASON_NODE_AFFINITY };
  return { preFilter, nodeNames: g.nodeNames && g.nodeNames.size > 0 ? [...g.nodeNames].sort() : null, filter: status };
}

describe('NodeAffinity Filter (TestNodeAffinity)', () => {
  const cases = vectors['NodeAffinity.Filter'].cases;
  it('replays every case', () => expect(cases.length).toBe(29));
  it.each(cases)('$name', ({ input, expected }) => {
    const i = input as unknown as { pod: VPod; node: { name: string; labels: Record<string, string> }; addedAffinity?: NodeAffinity };
    const e = expected as unknown as { filter: Status; preFilter?: Status; preFilterResultNodeNames?: string[] };
    const got = filter(i.pod, simNode(i.node), i.addedAffinity);
    expect(got.filter).toEqual(e.filter);
    if (e.preFilter) expect(got.preFilter).toEqual(e.preFilter);
    expect(got.nodeNames).toEqual(e.preFilterResultNodeNames ?? null);
  });
});

describe('NodeAffinity Score (TestNodeAffinityPriority)', () => {
  const cases = vectors['NodeAffinity.Score'].cases;
  it('replays every case', () => expect(cases.length).toBe(6));
  it.each(cases)('$name', ({ input, expected }) => {
    const i = input as unknown as { pod: VPod; nodes: { name: string; labels: Record<string, string> }[]; addedAffinity?: NodeAffinity };
    const e = expected as unknown as { scores: Record<string, number>; preScore?: Status };
    const nodes = i.nodes.map(simNode);
    const total = nodes.map(() => 0);
    const added = i.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    const scored = addNodeAffinityScores(groupOf(i.pod), nodes, total, 1, added ? new PreferredNodeAffinity(added) : null);
    if (e.preScore?.code === 'Skip') expect(scored).toBe(false);
    expect(Object.fromEntries(nodes.map((n, k) => [n.name, total[k]]))).toEqual(e.scores);
  });
});
