// One scheduling attempt's state and the filter chain (pkg/scheduler/framework/runtime
// framework.go RunPreFilterPlugins, RunFilterPlugins, RunFilterPluginsWithNominatedPods), with
// the default profile's filters in order: NodeUnschedulable, TaintToleration, NodeAffinity,
// NodeResourcesFit, VolumeBinding, PodTopologySpread, InterPodAffinity. A node is rejected by the first filter
// that fails; the hot path returns that filter's bit, the diagnosis (fit-error.ts) asks why.
// Pods nominated to a node with at least the pod's priority are added to the node first — its
// room is reserved for them — and the filters must pass with and without them.
import { tolerationsTolerateTaint } from '../../../model/taints.js';
import { TAINT_UNSCHEDULABLE } from '../../../model/well-known.js';
import type { Taint, Toleration } from '../../../model/types.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import { InterPodState } from './plugins/inter-pod-affinity.js';
import { type SpreadContext, SpreadState } from './plugins/pod-topology-spread.js';
import { insufficient, type NodeFitInput } from './plugins.js';
import type { PodGroup } from './pod-group.js';
import type { PodGroups } from './pod-groups.js';
import type { Topology } from './topology.js';

// The filter that rejected a node (bits, so an attempt can collect which plugins rejected some).
export const FILTER_UNSCHEDULABLE = 1;
export const FILTER_TAINT = 2;
export const FILTER_NODE_AFFINITY = 4;
export const FILTER_FIT = 8;
export const FILTER_SPREAD = 16;
export const FILTER_INTERPOD = 32;
/** VolumeBinding: the node is outside the zone of the pod's bound volumes (volume-binding.ts). */
export const FILTER_VOLUME = 64;
/** Filters whose verdicts depend on other pods' placement (not only on the node and its requests). */
export const FILTER_COUNTS = FILTER_SPREAD | FILTER_INTERPOD;
export const FILTER_ALL = 127;

export const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_UNSCHEDULABLE, value: '', effect: 'NoSchedule' };

/** Who is nominated where (the scheduling queue's nominator). */
export interface Nominations {
  readonly count: number;
  on(node: SimNode): readonly SimPod[] | undefined;
}

/** What an attempt needs of the scheduler. */
export interface SchedulingContext {
  readonly groups: PodGroups;
  readonly topology: Topology;
  readonly nominations: Nominations;
}

/** A node's requests as a filter sees them, with pods added or removed (nominated pods, victims). */
export class NodeView implements NodeFitInput {
  readonly allocatableCpu: number;
  readonly allocatableMemory: number;
  readonly allocatablePods: number;
  readonly allocatableEphemeralStorage: number;
  requestedCpu: number;
  requestedMemory: number;
  requestedEphemeralStorage: number;
  podCount: number;

  constructor(readonly node: SimNode) {
    this.allocatableCpu = node.allocatableCpu;
    this.allocatableMemory = node.allocatableMemory;
    this.allocatablePods = node.allocatablePods;
    this.allocatableEphemeralStorage = node.allocatableEphemeralStorage;
    this.requestedCpu = node.requestedCpu;
    this.requestedMemory = node.requestedMemory;
    this.requestedEphemeralStorage = node.requestedEphemeralStorage;
    this.podCount = node.podCount;
  }

  add(p: SimPod, by = 1): void {
    this.requestedCpu += by * p.cpu;
    this.requestedMemory += by * p.memory;
    this.requestedEphemeralStorage += by * p.ephemeralStorage;
    this.podCount += by;
  }
}

/** The PreFilter results for one pod, and its filters (and what the spreading plugin reads). */
export class CycleState implements SpreadContext {
  readonly toleratesUnschedulable: boolean;
  readonly spread: SpreadState | null;
  readonly interPod: InterPodState | null;
  readonly tolerations: readonly Toleration[];
  readonly groups: PodGroups;
  readonly topology: Topology;
  /**
   * NodeAffinity PreFilter's node names (PreFilterResult.NodeNames), null for all nodes: the
   * group's `metadata.name In` terms, or a DaemonSet pod's own node — the DaemonSet controller
   * replaces its pods' required node affinity with that one term (its own affinity was checked
   * when it chose the node).
   */
  readonly nodeNames: ReadonlySet<string> | null;
  /** The zone of the pod's bound volumes (VolumeBinding), if any. */
  readonly volumeZone: string | undefined;

  constructor(
    readonly pod: SimPod,
    readonly group: PodGroup,
    readonly ctx: SchedulingContext,
  ) {
    const pinned = pod.spec.requiredNodeName;
    this.nodeNames = pinned === undefined ? group.nodeNames : new Set([pinned]);
    this.volumeZone = pod.spec.volumeZone;
    this.tolerations = pod.tolerations;
    this.groups = ctx.groups;
    this.topology = ctx.topology;
    this.toleratesUnschedulable = tolerationsTolerateTaint(pod.tolerations, UNSCHEDULABLE_TAINT);
    this.spread = group.hardSpread.length > 0 ? new SpreadState(this) : null;
    this.interPod = InterPodState.prefilter(group, ctx.groups, ctx.topology.uniqueHostnames);
  }

  /** RunFilterPluginsWithNominatedPods: 0, or the FILTER_* bit of the filter that rejects the node. */
  filter(node: SimNode): number {
    const nom = this.ctx.nominations.count > 0 ? this.ctx.nominations.on(node) : undefined;
    if (nom !== undefined) {
      const added = this.withNominated(node, nom);
      if (added !== null) {
        const code = this.filterOn(node, added.view, added.spread, added.interPod);
        if (code !== 0) return code;
      }
    }
    return this.filterOn(node, node, this.spread, this.interPod);
  }

  /**
   * filter() on a node of an index class that classUsable admitted: cordon, taints, the volume
   * zone and the zone-keyed spreading constraints are already known to pass (a node with nominated pods takes
   * the full chain, as they add to its domain's counts).
   */
  filterAdmitted(node: SimNode): number {
    const noms = this.ctx.nominations;
    if (noms.count > 0 && noms.on(node) !== undefined) return this.filter(node);
    const g = this.group;
    if (this.nodeNames !== null && !this.nodeNames.has(node.name)) return FILTER_NODE_AFFINITY;
    if (g.nodeAffinity !== null && !g.nodeAffinity.match(node)) return FILTER_NODE_AFFINITY;
    if (insufficient(node, this.pod) !== 0) return FILTER_FIT;
    const spread = this.spread;
    if (spread !== null && spread.filterBeyondZone(node) !== 0) return FILTER_SPREAD;
    const interPod = this.interPod;
    if (interPod !== null && interPod.filter(node) !== 0) return FILTER_INTERPOD;
    return 0;
  }

  /**
   * addGENominatedPods: the node with the pods nominated to it whose priority is at least this
   * pod's (this pod excluded), or null when there are none.
   */
  withNominated(
    node: SimNode,
    nominated: readonly SimPod[],
    base?: { view: NodeView; spread: SpreadState | null; interPod: InterPodState | null },
  ): { view: NodeView; spread: SpreadState | null; interPod: InterPodState | null } | null {
    const p = this.pod;
    let out: { view: NodeView; spread: SpreadState | null; interPod: InterPodState | null } | null = null;
    for (const q of nominated) {
      if (q === p || q.priority < p.priority) continue;
      if (out === null) {
        const from = base ?? { view: new NodeView(node), spread: this.spread, interPod: this.interPod };
        const view = new NodeView(node);
        view.requestedCpu = from.view.requestedCpu;
        view.requestedMemory = from.view.requestedMemory;
        view.requestedEphemeralStorage = from.view.requestedEphemeralStorage;
        view.podCount = from.view.podCount;
        out = { view, spread: from.spread?.clone() ?? null, interPod: from.interPod?.clone() ?? null };
      }
      out.view.add(q);
      const qg = this.ctx.groups.groupOf(q);
      out.spread?.update(qg, node, 1);
      out.interPod?.update(qg, node, 1);
    }
    return out;
  }

  /** RunFilterPlugins on a node seen as `view`, with the given plugin states. */
  filterOn(node: SimNode, view: NodeFitInput, spread: SpreadState | null, interPod: InterPodState | null): number {
    if (this.nodeNames !== null && !this.nodeNames.has(node.name)) return FILTER_NODE_AFFINITY;
    if (node.unschedulable && !this.toleratesUnschedulable) return FILTER_UNSCHEDULABLE;
    const taints = node.taints;
    const tols = this.pod.tolerations;
    for (let i = 0; i < taints.length; i++) {
      const t = taints[i];
      if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(tols, t)) return FILTER_TAINT;
    }
    return this.filterPastTaints(node, view, spread, interPod);
  }

  /**
   * filterOn from NodeAffinity on: for a node that PreFilter did not narrow away and whose
   * index class NodeUnschedulable and TaintToleration admit (they answer every member alike).
   */
  filterPastTaints(node: SimNode, view: NodeFitInput, spread: SpreadState | null, interPod: InterPodState | null): number {
    const g = this.group;
    if (g.nodeAffinity !== null && !g.nodeAffinity.match(node)) return FILTER_NODE_AFFINITY;
    if (insufficient(view, this.pod) !== 0) return FILTER_FIT;
    if (this.volumeZone !== undefined && node.zone !== this.volumeZone) return FILTER_VOLUME;
    if (spread !== null && spread.filter(node) !== 0) return FILTER_SPREAD;
    if (interPod !== null && interPod.filter(node) !== 0) return FILTER_INTERPOD;
    return 0;
  }

  /** An index class's taints refuse the pod. */
  classUntolerated(sample: SimNode): boolean {
    const tols = this.pod.tolerations;
    for (const t of sample.taints) {
      if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(tols, t)) return true;
    }
    return false;
  }

  /** NodeUnschedulable and TaintToleration pass (what every node of an index class answers alike). */
  classAdmits(sample: SimNode): boolean {
    if (sample.unschedulable && !this.toleratesUnschedulable) return false;
    const tols = this.pod.tolerations;
    for (const t of sample.taints) {
      if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(tols, t)) return false;
    }
    return true;
  }

  /** VolumeBinding on a node (the same for every node of its zone). */
  volumeFits(node: SimNode): boolean {
    return this.volumeZone === undefined || node.zone === this.volumeZone;
  }

  /** The filters every node of an index class answers alike: cordon, taints, volume zone, zone spreading. */
  classUsable(sample: SimNode): boolean {
    return this.classAdmits(sample) && this.volumeFits(sample) && (this.spread === null || this.spread.zoneAllows(sample));
  }
}
