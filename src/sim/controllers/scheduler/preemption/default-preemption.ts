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
import { pdbFigures } from '../../disruption/disruption-controller.js';
import type { Stream } from '../../../engine/rng.js';
import type { ClusterState } from '../../../state/cluster-state.js';
import type { SimNode, SimPdb, SimPod } from '../../../state/objects.js';
import type { Diagnosis, NodeGroup } from '../fit-error.js';
import { fitReasons, REASON_EPHEMERAL, Reasons, STATUS_FITS, STATUS_UNRESOLVABLE, STATUS_UNSCHEDULABLE, statusCode, statusOn } from '../fit-error.js';
import { type CycleState, FILTER_FIT, FILTER_INTERPOD, FILTER_SPREAD, NodeView } from '../framework.js';
import { INSUFFICIENT_CPU, INSUFFICIENT_EPHEMERAL_STORAGE, INSUFFICIENT_MEMORY, INSUFFICIENT_PODS, insufficient } from '../plugins.js';
import type { InterPodState } from '../plugins/inter-pod-affinity.js';
import { REASON_SPREAD, type SpreadState } from '../plugins/pod-topology-spread.js';
import type { PriorityBuckets } from './priority-buckets.js';
import { byImportance, calculateNumCandidates, type Candidate, filterPodsWithPDBViolation, type PdbLike, pickOneNodeForPreemption, type VictimLike } from './candidates.js';

export const REASON_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const REASON_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const MSG_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const MSG_TERMINATING_VICTIM = 'not eligible due to a terminating pod on the nominated node.';

/** What preemption does to the scheduler's state. */
export interface PreemptionHost {
  readonly c: ClusterState;
  readonly preemptionRng: Stream;
  /** Sets (or with null clears) a pod's nominated node. */
  nominate(p: SimPod, node: SimNode | null): void;
  nominatedOn(node: SimNode): readonly SimPod[] | undefined;
  /** Per node, the pods below a priority: how many and their requests. */
  readonly byPriority: PriorityBuckets;
}

export interface PostFilterResult {
  /** The node to nominate, null to clear the nomination, undefined to leave it as it is. */
  readonly nominate: SimNode | null | undefined;
  /** The PostFilter status message appended to the FitError ("preemption: …"), or null. */
  readonly message: string | null;
  /** Victims were deleted. */
  readonly preempted: boolean;
}

export interface Victim extends VictimLike {
  readonly pod: SimPod;
}

/** How a PostFilter run is used. */
export interface PostFilterOptions {
  /** The FailedScheduling message is wanted (else nodes that cannot become candidates are skipped). */
  readonly message: boolean;
  /** Delete the victims (false: only find out what preemption would say, for a message). */
  readonly act: boolean;
}

const potentialScratch: SimNode[] = [];

/** DefaultPreemption.PostFilter. */
export function postFilter(host: PreemptionHost, state: CycleState, d: Diagnosis, opts: PostFilterOptions = { message: true, act: true }): PostFilterResult {
  const p = state.pod;
  const why = notEligible(state, d);
  if (why !== null) return { nominate: undefined, message: `preemption: ${why}`, preempted: false };
  const c = host.c;
  // The potential nodes in a list reused from one PostFilter to the next (none nests).
  const potential = potentialScratch;
  potential.length = 0;
  const codes = d.codes;
  for (const n of c.nodes) if (codes[n.index] === STATUS_UNSCHEDULABLE) potential.push(n);
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

export function pdbView(pdb: SimPdb, now: number): PdbLike<Victim> {
  let allowed: number | null = null;
  return {
    get disruptionsAllowed() {
      return (allowed ??= pdbFigures(pdb, now).disruptionsAllowed);
    },
    // A PDB with an empty selector matches nothing here; a pod with no labels matches no PDB.
    selects: (v) =>
      !pdb.emptySelector &&
      v.pod.namespace === pdb.namespace &&
      v.pod.workload !== null &&
      pdb.workloads.includes(v.pod.workload) &&
      Object.keys(v.pod.spec.labels).length > 0,
    disrupted: (v) => pdb.disruptedPods.has(v.pod),
  };
}

/**
 * SelectVictimsOnNode: the fewest lower-priority pods whose removal lets the pod fit, most
 * important first, with the PDB violations among them; or null with the node's status reported.
 */
export function selectVictimsOnNode(
  host: PreemptionHost,
  state: CycleState,
  node: SimNode,
  pdbs: () => readonly PdbLike<Victim>[],
  statuses: Reasons | null,
  relevance: Relevance = new Relevance(state),
): { victims: Victim[]; violations: number } | null {
  const p = state.pod;
  // First without allocating: are there lower-priority pods, and does the pod fit without them?
  const { count, cpu, memory, ephemeral } = host.byPriority.below(node, p.priority);
  let relevant = false;
  if (count > 0 && relevance.possible) {
    for (const q of node.pods) {
      if (q.priority < p.priority && relevance.of(q)) {
        relevant = true;
        break;
      }
    }
  }
  const spread0 = state.spread;
  const interPod0 = state.interPod;
  if (count === 0) {
    statuses?.add(REASON_NO_VICTIMS);
    return null;
  }
  // Without reasons to report: a node where the pod still lacks room once every lower-priority
  // pod is gone (nominated pods kept) fails here, with no copy made.
  if (statuses === null && !relevant && !roomWithoutLower(host, p, node)) return null;
  // With reasons, and no victim counting for the plugin states nor pods nominated to the node:
  // the filters see only the requests less the victims', so they run on those figures directly.
  // (A node that could be tried at all passed the filters before NodeResourcesFit.)
  if (statuses !== null && !relevant && host.nominatedOn(node) === undefined) {
    const fit = {
      allocatableCpu: node.allocatableCpu,
      allocatableMemory: node.allocatableMemory,
      allocatablePods: node.allocatablePods,
      allocatableEphemeralStorage: node.allocatableEphemeralStorage,
      requestedCpu: node.requestedCpu - cpu,
      requestedMemory: node.requestedMemory - memory,
      requestedEphemeralStorage: node.requestedEphemeralStorage - ephemeral,
      podCount: node.podCount - count,
    };
    const misfit = insufficient(fit, p);
    if (misfit !== 0) {
      fitReasons(misfit, statuses.sink);
      return null;
    }
    if ((spread0 !== null || interPod0 !== null) && statusCode(statusOn(state, node, fit, spread0, interPod0, statuses.sink)) !== STATUS_FITS) return null;
  }
  // The plugin states only need copies when a victim counts for them (RemovePod / AddPod would
  // change nothing otherwise).
  const dry = new DryRun(host, state, node, relevant ? (spread0?.clone() ?? null) : spread0, relevant ? (interPod0?.clone() ?? null) : interPod0, relevant);
  const potential: Victim[] = [];
  if (relevant) {
    for (const q of node.pods) if (q.priority < p.priority) potential.push({ pod: q, priority: q.priority, startTime: startTime(q), id: q.id });
    for (const v of potential) dry.move(v, -1);
  } else dry.remove(count, cpu, memory, ephemeral);
  if (!dry.fits(statuses)) return null;
  if (!relevant) for (const q of node.pods) if (q.priority < p.priority) potential.push({ pod: q, priority: q.priority, startTime: startTime(q), id: q.id });
  potential.sort(byImportance);
  const { violating, nonViolating } = filterPodsWithPDBViolation(potential, pdbs());
  const victims: Victim[] = [];
  let violations = 0;
  for (const v of violating) if (!dry.reprieve(v, victims)) violations++;
  for (const v of nonViolating) dry.reprieve(v, victims);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(byImportance);
  if (victims.length === 0) {
    statuses?.add(`expected at least one victim pod on node "${node.name}"`);
    return null;
  }
  return { victims, violations };
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
      for (const node of b) {
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

/** The pod fits `node` once every lower-priority pod is gone (nominated pods of its priority or above kept). */
function roomWithoutLower(host: PreemptionHost, p: SimPod, node: SimNode): boolean {
  const { count, cpu, memory, ephemeral } = host.byPriority.below(node, p.priority);
  if (count === 0) return false;
  let reqCpu = node.requestedCpu - cpu;
  let reqMem = node.requestedMemory - memory;
  let reqEph = node.requestedEphemeralStorage - ephemeral;
  let pods = node.podCount - count;
  for (const q of host.nominatedOn(node) ?? []) {
    if (q === p || q.priority < p.priority) continue;
    reqCpu += q.cpu;
    reqMem += q.memory;
    reqEph += q.ephemeralStorage;
    pods++;
  }
  const fit = {
    allocatableCpu: node.allocatableCpu,
    allocatableMemory: node.allocatableMemory,
    allocatablePods: node.allocatablePods,
    allocatableEphemeralStorage: node.allocatableEphemeralStorage,
    requestedCpu: reqCpu,
    requestedMemory: reqMem,
    requestedEphemeralStorage: reqEph,
    podCount: pods,
  };
  return insufficient(fit, p) === 0;
}

/** Whether a pod counts for the attempt's spread or inter-pod state (per ReplicaSet or group, remembered). */
class Relevance {
  private readonly byRs = new Map<object, boolean>();
  /** Some group that counts for the states has a lower priority than the pod (else no victim can count). */
  readonly possible: boolean;

  constructor(private readonly state: CycleState) {
    const { spread, interPod, pod } = state;
    this.possible = (spread !== null || interPod !== null) && lowerCounting(state.group, pod.priority, state, state.ctx.groups.all);
  }

  of(q: SimPod): boolean {
    const rs = q.revision;
    const key = rs !== null && q.spec === rs.template ? rs : this.state.ctx.groups.groupOf(q);
    let r = this.byRs.get(key);
    if (r === undefined) {
      const g = this.state.ctx.groups.groupOf(q);
      const { spread, interPod } = this.state;
      r = (spread !== null && spread.counts(g)) || (interPod !== null && interPod.counts(g));
      this.byRs.set(key, r);
    }
    return r;
  }
}

/**
 * Whether some group of lower priority than `priority` (the group's own) counts for the pod's
 * spread or inter-pod state — what the terms of its group select, so it is remembered per group
 * (groups are only ever added: once found, it stays so; until then, new groups are looked at).
 */
const lowerSeen = new WeakMap<object, { priority: number; seen: number; found: boolean }>();
function lowerCounting(g: object, priority: number, state: CycleState, all: readonly { readonly priority: number }[]): boolean {
  let e = lowerSeen.get(g);
  if (!e || e.priority !== priority) lowerSeen.set(g, (e = { priority, seen: 0, found: false }));
  if (e.found) return true;
  const groups = state.ctx.groups.all;
  for (; e.seen < all.length; e.seen++) {
    const q = groups[e.seen];
    if (q.priority >= priority) continue;
    if ((state.spread !== null && state.spread.counts(q)) || (state.interPod !== null && state.interPod.counts(q))) {
      e.found = true;
      e.seen++;
      return true;
    }
  }
  return false;
}

/** The node of a dry run with pods removed and re-added, and its filters. */
class DryRun {
  private readonly view: NodeView;

  constructor(
    private readonly host: PreemptionHost,
    private readonly state: CycleState,
    private readonly node: SimNode,
    private readonly spread: SpreadState | null,
    private readonly interPod: InterPodState | null,
    private readonly tracked: boolean,
  ) {
    this.view = new NodeView(node);
  }

  /** Every potential victim removed at once (when none counts for the plugin states). */
  remove(count: number, cpu: number, memory: number, ephemeral: number): void {
    this.view.podCount -= count;
    this.view.requestedCpu -= cpu;
    this.view.requestedMemory -= memory;
    this.view.requestedEphemeralStorage -= ephemeral;
  }

  /** RemovePod (−1) / AddPod (+1). */
  move(v: Victim, by: number): void {
    this.view.add(v.pod, by);
    if (this.tracked) {
      const g = this.state.ctx.groups.groupOf(v.pod);
      this.spread?.update(g, this.node, by);
      this.interPod?.update(g, this.node, by);
    }
  }

  /** RunFilterPluginsWithNominatedPods on the dry-run node; reasons go to `statuses` when given. */
  fits(statuses: Reasons | null): boolean {
    const sink = statuses === null ? NO_SINK : statuses.sink;
    const { state, node, view, spread, interPod } = this;
    const nom = this.host.nominatedOn(node);
    if (nom !== undefined) {
      const added = state.withNominated(node, nom, { view, spread, interPod });
      if (added !== null && statusCode(statusOn(state, node, added.view, added.spread, added.interPod, sink)) !== STATUS_FITS) return false;
    }
    return statusCode(statusOn(state, node, view, spread, interPod, sink)) === STATUS_FITS;
  }

  /** Puts `v` back if the pod still fits; otherwise it is a victim. */
  reprieve(v: Victim, victims: Victim[]): boolean {
    this.move(v, 1);
    if (this.fits(null)) return true;
    this.move(v, -1);
    victims.push(v);
    return false;
  }
}

const NO_SINK = (): void => {};

/** status.startTime: when the kubelet took the pod (binding, at zero latency). */
function startTime(p: SimPod): number {
  return p.scheduledAt < 0 ? 0 : p.scheduledAt;
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
