// Why a pod fits nowhere: every node's filter status (Diagnosis.NodeToStatus), and the FitError
// message (pkg/scheduler/framework/types.go FitError.Error): "0/N nodes are available: <count>
// <reason>, ... (sorted)." plus " <PostFilter message>" — preemption's "preemption: …", itself a
// FitError over the nodes it examined. Each node counts under the reasons of the first filter
// that rejects it; NodeResourcesFit gives every insufficient resource (and "Too many pods").
// Whether a status is Unschedulable or UnschedulableAndUnresolvable decides whether preemption
// looks at the node.
import { tolerationsTolerateTaint } from '../../../model/taints.js';
import type { SimNode, SimPod } from '../../state/objects.js';
import { type CycleState, FILTER_FIT, FILTER_INTERPOD, FILTER_NODE_AFFINITY, FILTER_SPREAD, FILTER_TAINT, FILTER_UNSCHEDULABLE, FILTER_VOLUME } from './framework.js';
import { VOLUME_NODE_CONFLICT } from './volume-binding.js';
import {
  INTERPOD_AFFINITY,
  INTERPOD_ANTI_AFFINITY,
  type InterPodState,
  REASON_AFFINITY,
  REASON_ANTI_AFFINITY,
  REASON_EXISTING_ANTI_AFFINITY,
} from './plugins/inter-pod-affinity.js';
import { REASON_NODE_AFFINITY, REASON_NODE_AFFINITY_CONFLICT, REASON_NODE_AFFINITY_PREFILTER } from './plugins/node-affinity.js';
import { REASON_SPREAD, REASON_SPREAD_MISSING, SPREAD_MISSING_LABEL, type SpreadState } from './plugins/pod-topology-spread.js';
import { INSUFFICIENT_CPU, INSUFFICIENT_EPHEMERAL_STORAGE, INSUFFICIENT_MEMORY, INSUFFICIENT_PODS, insufficient, type NodeFitInput } from './plugins.js';

/** Nodes that answer the cordon and taint filters alike (a NodeIndex class, or one node). */
export interface NodeGroup {
  readonly sample: SimNode;
  readonly size: number;
  /** Its nodes by bucket, in order; null entries are holes (see NodeBucket). */
  readonly buckets: readonly { readonly items: readonly (SimNode | null)[] }[];
}

export const STATUS_FITS = 0;
export const STATUS_UNSCHEDULABLE = 1;
export const STATUS_UNRESOLVABLE = 2;

export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

/** Reports one reason of a node's status (a node may have several: cpu and memory). */
export type ReasonSink = (reason: string) => void;

/** A histogram of reasons over nodes, and the FitError text it makes. */
export class Reasons {
  readonly counts = new Map<string, number>();
  /** add(), as a ReasonSink. */
  readonly sink: ReasonSink = (r) => this.add(r);

  add(reason: string, times = 1): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + times);
  }

  /** FitError.Error(). */
  message(nodeCount: number, preFilterMsg: string | null = null, postFilterMsg: string | null = null): string {
    let msg = `0/${nodeCount} nodes are available:`;
    if (preFilterMsg !== null) msg += ` ${preFilterMsg}.`;
    else if (this.counts.size > 0) {
      const parts = [...this.counts].map(([r, k]) => `${k} ${r}`).sort();
      msg += ` ${parts.join(', ')}.`;
    }
    if (postFilterMsg) msg += ` ${postFilterMsg}`;
    return msg;
  }
}

/** The filter-phase outcome of a failed attempt. */
export class Diagnosis {
  /** Status per node (by index): STATUS_*. */
  readonly codes: Uint8Array;
  /** The filter that rejected each node (FILTER_* bit; 0 when not known). */
  readonly bits: Uint8Array;
  readonly reasons = new Reasons();
  /** The plugins that rejected some node (FILTER_* bits): the scheduling queue's hints. */
  rejectors = 0;
  /** PreFilter's message when PreFilter itself rejected the pod (every node shares it). */
  preFilterMsg: string | null = null;

  constructor(readonly nodeCount: number) {
    this.codes = new Uint8Array(nodeCount);
    this.bits = new Uint8Array(nodeCount);
  }

  message(postFilterMsg: string | null = null): string {
    return this.reasons.message(this.nodeCount, this.preFilterMsg, postFilterMsg);
  }
}

/** Every node's status for the pod of `state`, as findNodesThatPassFilters records them. */
export function diagnose(state: CycleState, nodes: readonly SimNode[], groups: readonly NodeGroup[]): Diagnosis {
  const d = new Diagnosis(nodes.length);
  if (state.nodeNames !== null && state.nodeNames.size === 0) {
    d.preFilterMsg = REASON_NODE_AFFINITY_CONFLICT;
    d.codes.fill(STATUS_UNRESOLVABLE);
    d.rejectors = FILTER_NODE_AFFINITY;
    return d;
  }
  const sink = d.reasons.sink;
  const tols = state.pod.tolerations;
  const p = state.pod;
  const noms = state.ctx.nominations;
  const { spread, interPod } = state;
  let tooMany = 0;
  let cpu = 0;
  let memory = 0;
  let skew = 0;
  let ephemeral = 0;
  for (const grp of groups) {
    // Nodes of a class share cordon and taints: their status is decided once (unless PreFilter
    // narrowed the nodes by name, which comes first).
    const sample = grp.sample;
    let classReason: string | null = null;
    let bit = 0;
    if (state.nodeNames === null) {
      if (sample.unschedulable && !state.toleratesUnschedulable) {
        classReason = REASON_UNSCHEDULABLE;
        bit = FILTER_UNSCHEDULABLE;
      } else {
        for (const t of sample.taints) {
          if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(tols, t)) {
            classReason = `node(s) had untolerated taint {${t.key}: ${t.value}}`;
            bit = FILTER_TAINT;
            break;
          }
        }
      }
    }
    if (classReason !== null) {
      d.reasons.add(classReason, grp.size);
      d.rejectors |= bit;
      for (const b of grp.buckets) {
        for (const n of b.items) {
          if (n === null) continue;
          d.codes[n.index] = STATUS_UNRESOLVABLE;
          d.bits[n.index] = bit;
        }
      }
      continue;
    }
    for (const b of grp.buckets) {
      for (const n of b.items) {
        if (n === null) continue;
        let r: number;
        if (noms.count > 0 && noms.on(n) !== undefined) r = nodeStatusPacked(state, n, sink);
        else {
          // The common verdicts tallied (no Map update per node); the others as statusOn says.
          const bit = state.nodeNames === null ? state.filterPastTaints(n, n, spread, interPod) : state.filterOn(n, n, spread, interPod);
          if (bit === 0) r = STATUS_FITS;
          else if (bit === FILTER_FIT) {
            const misfit = insufficient(n, p);
            if (misfit & INSUFFICIENT_PODS) tooMany++;
            if (misfit & INSUFFICIENT_CPU) cpu++;
            if (misfit & INSUFFICIENT_MEMORY) memory++;
            if (misfit & INSUFFICIENT_EPHEMERAL_STORAGE) ephemeral++;
            r = ((fitUnresolvable(misfit, p, n) ? STATUS_UNRESOLVABLE : STATUS_UNSCHEDULABLE) << 8) | bit;
          } else if (bit === FILTER_SPREAD && spread!.filter(n) !== SPREAD_MISSING_LABEL) {
            skew++;
            r = (STATUS_UNSCHEDULABLE << 8) | bit;
          } else r = statusOf(bit, state, n, n, spread, interPod, sink);
        }
        d.codes[n.index] = r >> 8;
        d.bits[n.index] = r & 255;
        d.rejectors |= r & 255;
      }
    }
  }
  if (tooMany > 0) d.reasons.add('Too many pods', tooMany);
  if (cpu > 0) d.reasons.add('Insufficient cpu', cpu);
  if (memory > 0) d.reasons.add('Insufficient memory', memory);
  if (ephemeral > 0) d.reasons.add(REASON_EPHEMERAL, ephemeral);
  if (skew > 0) d.reasons.add(REASON_SPREAD, skew);
  return d;
}

/**
 * The statuses of a failed attempt from the filter bits it recorded per node (`bitOf`: the
 * FILTER_* bit that rejected the node, or 0 for a node it did not look at — one of an index
 * class refused for cordon or taints), without the reasons: what preemption needs when no
 * FailedScheduling message is to be written.
 */
export function quickDiagnosis(state: CycleState, nodes: readonly SimNode[], bitOf: (n: SimNode) => number, rejectors: number): Diagnosis {
  const d = new Diagnosis(nodes.length);
  d.rejectors = rejectors;
  const p = state.pod;
  for (const n of nodes) {
    const bit = bitOf(n);
    d.bits[n.index] = bit;
    let code = STATUS_UNRESOLVABLE;
    if (bit === FILTER_FIT) code = p.cpu > n.allocatableCpu || p.memory > n.allocatableMemory || p.ephemeralStorage > n.allocatableEphemeralStorage ? STATUS_UNRESOLVABLE : STATUS_UNSCHEDULABLE;
    else if (bit === FILTER_SPREAD) code = state.spread!.filter(n) === SPREAD_MISSING_LABEL ? STATUS_UNRESOLVABLE : STATUS_UNSCHEDULABLE;
    else if (bit === FILTER_INTERPOD) code = state.interPod!.filter(n) === INTERPOD_AFFINITY ? STATUS_UNRESOLVABLE : STATUS_UNSCHEDULABLE;
    d.codes[n.index] = code;
  }
  return d;
}

export const REASON_EPHEMERAL = 'Insufficient ephemeral-storage';

/** NodeResourcesFit's status: UnschedulableAndUnresolvable when an insufficient resource's request exceeds the node's allocatable. */
function fitUnresolvable(misfit: number, p: SimPod, view: NodeFitInput): boolean {
  if (misfit & INSUFFICIENT_CPU && p.cpu > view.allocatableCpu) return true;
  if (misfit & INSUFFICIENT_MEMORY && p.memory > view.allocatableMemory) return true;
  return (misfit & INSUFFICIENT_EPHEMERAL_STORAGE) !== 0 && p.ephemeralStorage > (view.allocatableEphemeralStorage ?? Infinity);
}

/** NodeResourcesFit's reasons for insufficient() bits. */
export function fitReasons(misfit: number, sink: ReasonSink): void {
  if (misfit & INSUFFICIENT_PODS) sink('Too many pods');
  if (misfit & INSUFFICIENT_CPU) sink('Insufficient cpu');
  if (misfit & INSUFFICIENT_MEMORY) sink('Insufficient memory');
  if (misfit & INSUFFICIENT_EPHEMERAL_STORAGE) sink(REASON_EPHEMERAL);
}

/** RunFilterPluginsWithNominatedPods with reasons: the status of one node. */
export function nodeStatus(state: CycleState, node: SimNode, sink: ReasonSink): { code: number; bit: number } {
  const r = nodeStatusPacked(state, node, sink);
  return { code: r >> 8, bit: r & 255 };
}

/** nodeStatus as code << 8 | bit (no object per node). */
function nodeStatusPacked(state: CycleState, node: SimNode, sink: ReasonSink): number {
  const nom = state.ctx.nominations.count > 0 ? state.ctx.nominations.on(node) : undefined;
  if (nom !== undefined) {
    const added = state.withNominated(node, nom);
    if (added !== null) {
      const r = statusOn(state, node, added.view, added.spread, added.interPod, sink);
      if (r >> 8 !== STATUS_FITS) return r;
    }
  }
  return statusOn(state, node, node, state.spread, state.interPod, sink);
}

/** The STATUS_* code of a statusOn result. */
export const statusCode = (packed: number): number => packed >> 8;

/**
 * RunFilterPlugins with reasons, on a node seen as `view` with the given plugin states: the
 * STATUS_* code and the FILTER_* bit of the filter that decided, as code << 8 | bit.
 */
export function statusOn(
  state: CycleState,
  node: SimNode,
  view: NodeFitInput,
  spread: SpreadState | null,
  interPod: InterPodState | null,
  sink: ReasonSink,
): number {
  return statusOf(state.filterOn(node, view, spread, interPod), state, node, view, spread, interPod, sink);
}

/** statusOn for the filter bit `bit` that decided (its reasons, and the STATUS_* code). */
function statusOf(bit: number, state: CycleState, node: SimNode, view: NodeFitInput, spread: SpreadState | null, interPod: InterPodState | null, sink: ReasonSink): number {
  const p = state.pod;
  const U = STATUS_UNSCHEDULABLE << 8;
  const X = STATUS_UNRESOLVABLE << 8;
  switch (bit) {
    case 0:
      return STATUS_FITS;
    case FILTER_UNSCHEDULABLE:
      sink(REASON_UNSCHEDULABLE);
      return X | bit;
    case FILTER_TAINT: {
      for (const t of node.taints) {
        if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(p.tolerations, t)) {
          sink(`node(s) had untolerated taint {${t.key}: ${t.value}}`);
          break;
        }
      }
      return X | bit;
    }
    case FILTER_NODE_AFFINITY:
      sink(state.nodeNames !== null && !state.nodeNames.has(node.name) ? REASON_NODE_AFFINITY_PREFILTER : REASON_NODE_AFFINITY);
      return X | bit;
    case FILTER_VOLUME:
      sink(VOLUME_NODE_CONFLICT);
      return X | bit;
    case FILTER_FIT: {
      const misfit = insufficient(view, p);
      fitReasons(misfit, sink);
      return (fitUnresolvable(misfit, p, view) ? X : U) | bit;
    }
    case FILTER_SPREAD: {
      const missing = spread!.filter(node) === SPREAD_MISSING_LABEL;
      sink(missing ? REASON_SPREAD_MISSING : REASON_SPREAD);
      return (missing ? X : U) | bit;
    }
    default: {
      const why = interPod!.filter(node);
      sink(why === INTERPOD_AFFINITY ? REASON_AFFINITY : why === INTERPOD_ANTI_AFFINITY ? REASON_ANTI_AFFINITY : REASON_EXISTING_ANTI_AFFINITY);
      return (why === INTERPOD_AFFINITY ? X : U) | FILTER_INTERPOD;
    }
  }
}
