// SelectVictimsOnNode (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go):
// on one node, every pod of lower priority removed, the preemptor tried with all filters, then
// victims reprieved most important first (PDB-violating ones before the others); with the
// shortcuts that answer the common cases without copying the plugin states, and the dry-run
// node (RemovePod / AddPod on the filters' view).
import { pdbFigures } from '../../disruption/disruption-controller.js';
import type { SimNode, SimPdb, SimPod } from '../../../state/objects.js';
import { fitReasons, Reasons, STATUS_FITS, statusCode, statusOn } from '../fit-error.js';
import { type CycleState, NodeView } from '../framework.js';
import { insufficient } from '../plugins.js';
import type { InterPodState } from '../plugins/inter-pod-affinity.js';
import type { SpreadState } from '../plugins/pod-topology-spread.js';
import { byImportance, filterPodsWithPDBViolation, type PdbLike } from './candidates.js';
import { type PreemptionHost, REASON_NO_VICTIMS, type Victim } from './preemption-host.js';

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

/** The pod fits `node` once every lower-priority pod is gone (nominated pods of its priority or above kept). */
export function roomWithoutLower(host: PreemptionHost, p: SimPod, node: SimNode): boolean {
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
export class Relevance {
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
