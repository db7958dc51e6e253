// DefaultPreemption, the PostFilter that runs when no node fits, after
// pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (PostFilter,
// PodEligibleToPreemptOthers, SelectVictimsOnNode) and pkg/scheduler/framework/preemption
// (Evaluator.Preempt, findCandidates, DryRunPreemption, SelectCandidate, prepareCandidate):
// - only nodes whose filter status was Unschedulable are tried (UnschedulableAndUnresolvable
//   ones cannot be helped); from a random offset, until enough candidates are found
//   (max(10 %, 100) of them, and at least one that violates no PDB);
// - per node, every pod of strictly lower priority is removed (terminating ones too); if the pod
//   then passes every filter (nominated pods included), victims are reprieved most important
//   first, PDB-violating ones before the others, keeping each that still lets the pod fit;
// - the best node (pickOneNodeForPreemption) gets its victims deleted gracefully with the
//   DisruptionTarget condition (PreemptionByScheduler) and a Preempted event, the preemptor is
//   nominated to it, and lower-priority pods nominated there lose their nomination.
import type { SimNode, SimPod } from '../../../state/objects.js';
import type { Diagnosis, NodeGroup } from '../fit-error.js';
import { REASON_EPHEMERAL, Reasons, STATUS_UNRESOLVABLE, STATUS_UNSCHEDULABLE } from '../fit-error.js';
import { type CycleState, FILTER_FIT, FILTER_INTERPOD, FILTER_SPREAD } from '../framework.js';
import { INSUFFICIENT_CPU, INSUFFICIENT_EPHEMERAL_STORAGE, INSUFFICIENT_MEMORY, INSUFFICIENT_PODS } from '../plugins.js';
import { REASON_SPREAD } from '../plugins/pod-topology-spread.js';
import { calculateNumCandidates, type Candidate, type PdbLike, pickOneNodeForPreemption } from './candidates.js';
import { MSG_NEVER, MSG_TERMINATING_VICTIM, type PostFilterOptions, type PostFilterResult, type PreemptionHost, REASON_NO_VICTIMS, REASON_NOT_HELPFUL, type Victim } from './preemption-host.js';
import { pdbView, Relevance, roomWithoutLower, selectVictimsOnNode } from './select-victims.js';

export { MSG_NEVER, MSG_TERMINATING_VICTIM, REASON_NO_VICTIMS, REASON_NOT_HELPFUL } from './preemption-host.js';
export type { PostFilterOptions, PostFilterResult, PreemptionHost, Victim } from './preemption-host.js';
export { pdbView, selectVictimsOnNode } from './select-victims.js';

const potentialScratch: SimNode[] = [];

/** DefaultPreemption.PostFilter. */
export function postFilter(host: PreemptionHost, state: CycleState, d: Diagnosis, opts: PostFilterOptions = { message: true, act: true }): PostFilterResult {
  const p = state.pod;
  const why = notEligible(state, d);
  if (why !== null) return { nominate: undefined, message: `preemption: ${why}`, preempted: false };
  const c = host.c;
  // The potential nodes in a list reused from one PostFilter to the next (none nests).
  // (Written by index and cut to length: `length = 0` would drop its storage.)
  const potential = potentialScratch;
  const codes = d.codes;
  let k = 0;
  for (const n of c.nodes) if (codes[n.index] === STATUS_UNSCHEDULABLE) potential[k++] = n;
  potential.length = k;
  // getPodDisruptionBudgets, when a node first needs them (each allowance as it is read).
  let views: PdbLike<Victim>[] | null = null;
  const pdbs = () => (views ??= c.pdbs.map((pdb) => pdbView(pdb, c.now)));
  const { candidates, statuses, examined } = dryRunPreemption(host, state, potential, pdbs, opts.message ? null : d, opts.message ? d : null);
  if (candidates.length === 0) {
    // findCandidates' NodeToStatus: the examined nodes' statuses; every other node "not helpful".
    const absent = c.nodes.length - examined;
    if (absent > 0) statuses.add(REASON_NOT_HELPFUL, absent);
    return { nominate: null, message: `preemption: ${statuses.message(c.nodes.length)}`, preempted: false };
  }
  const best = selectCandidate(candidates);
  if (!opts.act) return { nominate: undefined, message: null, preempted: false };
  prepareCandidate(host, p, best);
  return { nominate: best.node, message: null, preempted: true };
}

/**
 * DryRunPreemption: SelectVictimsOnNode on the potential nodes from a random offset, until
 * enough candidates are found (with one at least that violates no PDB). Returns the candidates,
 * the failed nodes' reasons and how many nodes were examined.
 */
export function dryRunPreemption(
  host: PreemptionHost,
  state: CycleState,
  potential: readonly SimNode[],
  pdbs: readonly PdbLike<Victim>[] | (() => readonly PdbLike<Victim>[]),
  skipHopeless: Diagnosis | null = null,
  /** The attempt's diagnosis when reasons are collected (its bits shorten the common cases). */
  diagnosis: Diagnosis | null = null,
): { candidates: Candidate<SimNode, Victim>[]; statuses: Reasons; examined: number } {
  const pdbsOf = typeof pdbs === 'function' ? pdbs : () => pdbs;
  const statuses = new Reasons();
  // Without a message to write, the failed nodes' reasons are not collected.
  const collect = skipHopeless === null ? statuses : null;
  const candidates: Candidate<SimNode, Victim>[] = [];
  let examined = 0;
  if (potential.length === 0) return { candidates, statuses, examined };
  const num = calculateNumCandidates(potential.length);
  // GetOffsetAndNumCandidates draws a random offset; it only matters when not every potential
  // node is examined, so Headroom draws it (from a stream of its own) only then.
  const offset = num < potential.length ? host.preemptionRng.int(0, potential.length - 1) : 0;
  let nonViolating = 0;
  const relevance = new Relevance(state);
  // Without a message to write, nodes refused by PodTopologySpread or InterPodAffinity are not
  // looked at when no lower-priority pod counts for those plugins: removing pods would not
  // change their verdict, so they can yield no candidate.
  const hopeless = skipHopeless !== null && !relevance.possible ? skipHopeless.bits : null;
  // Collecting reasons with no lower-priority pod counting for the plugin states, the common
  // outcomes are tallied without SelectVictimsOnNode's copies: no lower-priority pod at all; no
  // room even without them (NodeResourcesFit's reasons); or — the node refused by PodTopologySpread
  // in the attempt, with no pod nominated there — the same skew (removing pods frees resources,
  // and the counts stand).
  const tally = collect !== null && diagnosis !== null && !relevance.possible ? diagnosis.bits : null;
  let noVictims = 0;
  let skew = 0;
  let pods = 0;
  let cpu = 0;
  let memory = 0;
  let ephemeral = 0;
  const p = state.pod;
  for (let i = 0; i < potential.length; i++) {
    const node = potential[(offset + i) % potential.length];
    examined++;
    if (hopeless !== null && hopeless[node.index] & (FILTER_SPREAD | FILTER_INTERPOD)) continue;
    if (tally !== null) {
      const b = host.byPriority.below(node, p.priority);
      if (b.count === 0) {
        noVictims++;
        continue;
      }
      const bit = tally[node.index];
      if (host.nominatedOn(node) === undefined && (bit === FILTER_SPREAD || bit === FILTER_FIT)) {
        if (bit === FILTER_SPREAD) {
          skew++;
          continue;
        }
        const misfit = misfitWithout(node, b.count, b.cpu, b.memory, b.ephemeral, p);
        if (misfit !== 0) {
          if (misfit & INSUFFICIENT_PODS) pods++;
          if (misfit & INSUFFICIENT_CPU) cpu++;
          if (misfit & INSUFFICIENT_MEMORY) memory++;
          if (misfit & INSUFFICIENT_EPHEMERAL_STORAGE) ephemeral++;
          continue;
        }
      }
    }
    const r = selectVictimsOnNode(host, state, node, pdbsOf, collect, relevance);
    if (r !== null) {
      candidates.push({ node, victims: r.victims, numPDBViolations: r.violations });
      if (r.violations === 0) nonViolating++;
      if (nonViolating > 0 && candidates.length >= num) break;
    }
  }
  if (noVictims > 0) statuses.add(REASON_NO_VICTIMS, noVictims);
  if (skew > 0) statuses.add(REASON_SPREAD, skew);
  if (pods > 0) statuses.add('Too many pods', pods);
  if (cpu > 0) statuses.add('Insufficient cpu', cpu);
  if (memory > 0) statuses.add('Insufficient memory', memory);
  if (ephemeral > 0) statuses.add(REASON_EPHEMERAL, ephemeral);
  return { candidates, statuses, examined };
}

/** insufficient() on `node` less pods of the given count and requests. */
function misfitWithout(node: SimNode, count: number, cpu: number, memory: number, ephemeral: number, p: SimPod): number {
  let bits = node.podCount - count + 1 > node.allocatablePods ? INSUFFICIENT_PODS : 0;
  if (p.cpu === 0 && p.memory === 0 && p.ephemeralStorage === 0) return bits;
  if (p.cpu > 0 && p.cpu > node.allocatableCpu - (node.requestedCpu - cpu)) bits |= INSUFFICIENT_CPU;
  if (p.memory > 0 && p.memory > node.allocatableMemory - (node.requestedMemory - memory)) bits |= INSUFFICIENT_MEMORY;
  if (p.ephemeralStorage > 0 && p.ephemeralStorage > node.allocatableEphemeralStorage - (node.requestedEphemeralStorage - ephemeral)) bits |= INSUFFICIENT_EPHEMERAL_STORAGE;
  return bits;
}

/** SelectCandidate: the one candidate, or pickOneNodeForPreemption over them in node order. */
export function selectCandidate(candidates: Candidate<SimNode, Victim>[]): Candidate<SimNode, Victim> {
  if (candidates.length === 1) return candidates[0];
  return pickOneNodeForPreemption([...candidates].sort((a, b) => a.node.index - b.node.index))!;
}

/** PodEligibleToPreemptOthers: the reason the pod may not preempt, or null. */
export function notEligible(state: CycleState, d: Diagnosis): string | null {
  const p = state.pod;
  if (p.spec.preemptionPolicy === 'Never') return MSG_NEVER;
  const nom = p.nominatedNode;
  if (nom !== null) {
    // Its nominated node can no longer take it at all: preempt again.
    if (d.codes[nom.index] === STATUS_UNRESOLVABLE) return null;
    for (const q of nom.pods) {
      if (q.priority < p.priority && q.deletedAt >= 0 && q.disruptionTarget === 'PreemptionByScheduler') return MSG_TERMINATING_VICTIM;
    }
  }
  return null;
}

/**
 * Whether some node could become a candidate for the pod, asked before any node's status is
 * known: one that its cordon, taints and node affinity admit, with pods of lower priority whose
 * removal leaves room (nominated pods kept) and whose spreading and inter-pod verdicts pass, or
 * any node when a lower-priority pod could change such a verdict. When none could, the dry run can only fail (and the scheduler
 * skips the diagnosis it would need), so its random offset is not drawn either.
 */
export function candidatePossible(host: PreemptionHost, state: CycleState, groups: readonly NodeGroup[]): boolean {
  const p = state.pod;
  if (new Relevance(state).possible) return true;
  const g = state.group;
  for (const grp of groups) {
    const names = state.nodeNames;
    if (names === null && !state.classAdmits(grp.sample)) continue;
    if (!state.volumeFits(grp.sample)) continue;
    // A zone that zone spreading rules out (pods nominated there could only add to its count).
    if (state.spread !== null && !state.spread.zoneAllows(grp.sample)) continue;
    for (const b of grp.buckets) {
      for (const node of b.items) {
        if (node === null) continue;
        if (names !== null && (!names.has(node.name) || !state.classAdmits(node))) continue;
        if (g.nodeAffinity !== null && !g.nodeAffinity.match(node)) continue;
        if (!roomWithoutLower(host, p, node)) continue;
        // No victim counts for spreading or inter-pod affinity, so their verdicts stand — but
        // pods nominated to the node could satisfy a required affinity: then no conclusion.
        if (host.nominatedOn(node) !== undefined) return true;
        if (state.spread !== null && state.spread.filter(node) !== 0) continue;
        if (state.interPod !== null && state.interPod.filter(node) !== 0) continue;
        return true;
      }
    }
  }
  return false;
}

/** prepareCandidate: victims deleted (DisruptionTarget, Preempted event), lower nominations cleared. */
function prepareCandidate(host: PreemptionHost, preemptor: SimPod, best: Candidate<SimNode, Victim>): void {
  const c = host.c;
  for (const v of best.victims) {
    const q = v.pod;
    c.deletePod(q, q.spec.terminationGracePeriodSeconds, 'PreemptionByScheduler');
    c.recorder.event(c.now, 'Normal', 'Preempted', `pod/${q.key}`, `Preempted by pod ${preemptor.uid} on node ${best.node.name}`, {
      node: best.node.name,
      workload: q.workload?.shortName ?? '',
      qos: q.qos,
    });
  }
  const lower = (host.nominatedOn(best.node) ?? []).filter((q) => q.priority < preemptor.priority);
  for (const q of lower) host.nominate(q, null);
}
