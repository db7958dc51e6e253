// The pods as `kubectl get pods -o wide` would list them, over time: after every instant, one
// row per pod whose printed row changed (printPod's STATUS, READY, RESTARTS, its node, phase and
// True conditions), plus a row for every pod when it is created, when it leaves the API, and at
// the end. It learns which pods were written from the change feed (podStatusChanged) and reads
// them once the instant has settled, so a row is what a `kubectl get` between instants shows.
import { printPod, type PrintablePod } from '../model/print-pod.js';
import type { PodConditionView } from '../model/pod-status.js';
import type { SimTime } from './engine/time.js';
import { ById } from './state/by-id.js';
import type { ClusterObserver } from './state/feed.js';
import type { SimPod } from './state/objects.js';

/** A pod of the timeline (its identity; rows refer to it by index). */
export interface PodInfo {
  readonly namespace: string;
  readonly name: string;
  /** The owning Deployment's name alone ('' for pods no Deployment owns), and its key. */
  readonly workload: string;
  readonly workloadKey: string;
  readonly createdAt: SimTime;
}

/** One row of pod-status.csv. */
export interface PodStatusRow {
  readonly time: SimTime;
  /** Index into PodTimeline.pods. */
  readonly pod: number;
  readonly node: string;
  readonly phase: string;
  /** kubectl's STATUS, READY (n/m), RESTARTS. */
  readonly status: string;
  readonly ready: string;
  readonly restarts: number;
  /** The newest last termination RESTARTS' "(Xs ago)" counts from (-1: none). */
  readonly lastRestartAt: number;
  /** The True ones of PodScheduled;Initialized;ContainersReady;Ready (and DisruptionTarget). */
  readonly conditions: string;
  /** -o wide's READINESS GATES (True/total, or <none>). */
  readonly readinessGates: string;
  /**
   * An in-place resize in flight: status.resize before 1.33 (InProgress, Deferred, Infeasible),
   * the PodResizePending (with its reason) / PodResizeInProgress condition from 1.33; '' = none.
   */
  readonly resize: string;
  /** The pod object left the API at this time (its last row). */
  readonly removed: boolean;
}

export interface PodTimeline {
  readonly pods: readonly PodInfo[];
  /** In time order, then pod order. */
  readonly rows: readonly PodStatusRow[];
}

/** The pod's conditions as the API lists them (the kubelet's order does not matter to printPod). */
export function podConditions(p: SimPod, now: SimTime): PodConditionView[] {
  const out: PodConditionView[] = [];
  if (p.scheduledAt >= 0) out.push({ type: 'PodScheduled', status: 'True' });
  if (p.statusesKnown) {
    out.push({ type: 'Initialized', status: p.initialized ? 'True' : 'False' });
    out.push({ type: 'ContainersReady', status: p.containersReady ? 'True' : 'False' });
    out.push({ type: 'Ready', status: p.ready ? 'True' : 'False' });
    const gates = p.gatesReadyAt >= 0 && p.gatesReadyAt <= now ? 'True' : 'False';
    for (const g of p.spec.readinessGates) out.push({ type: g, status: gates });
    if (p.ownerKind === 'CloneSet') out.push({ type: IN_PLACE_UPDATE_READY, status: p.inPlace === null || p.inPlace.completed(p) ? 'True' : 'False' });
  } else if (p.ready) out.push({ type: 'Ready', status: 'True' });
  if (p.disruptionTarget !== null) out.push({ type: 'DisruptionTarget', status: 'True', reason: p.disruptionTarget });
  return out;
}

/** OpenKruise injects this readiness gate into every CloneSet pod (inplaceupdate.InjectReadinessGate). */
const IN_PLACE_UPDATE_READY = 'InPlaceUpdateReady';
const cloneSetGates = new WeakMap<readonly string[], readonly string[]>();
function readinessGatesOf(p: SimPod): readonly string[] {
  const own = p.spec.readinessGates;
  if (p.ownerKind !== 'CloneSet') return own;
  let g = cloneSetGates.get(own);
  if (!g) cloneSetGates.set(own, (g = [...own, IN_PLACE_UPDATE_READY]));
  return g;
}

/** printPod's input for a simulated pod. */
export function printable(p: SimPod, now: SimTime): PrintablePod {
  const t = p.spec;
  return {
    deleted: p.deletedAt >= 0,
    spec: { initContainers: t.initContainers, containers: t.containers, readinessGates: readinessGatesOf(p), nodeName: p.node?.name ?? '' },
    status: {
      phase: p.phase,
      reason: p.reason,
      conditions: podConditions(p, now),
      initContainerStatuses: p.statusesKnown ? p.initContainers : [],
      containerStatuses: p.statusesKnown ? p.containers : [],
    },
  };
}

const CONDITION_CELL = ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready', 'DisruptionTarget'];
const cells = new Map<string, string>();

function conditionsCell(cs: readonly PodConditionView[]): string {
  const names: string[] = [];
  for (const type of CONDITION_CELL) if (cs.some((c) => c.type === type && c.status === 'True')) names.push(type);
  const text = names.join(';');
  let interned = cells.get(text);
  if (interned === undefined) cells.set(text, (interned = text));
  return interned;
}

export class PodSampler implements ClusterObserver {
  /** `resizeConditions`: the cluster reports resizes as conditions (1.33 and later). */
  constructor(private readonly resizeConditions: boolean) {}

  readonly pods: PodInfo[] = [];
  readonly rows: PodStatusRow[] = [];
  /** By pod id: its index here (undefined: not seen yet); by index: its last row. */
  private readonly index = new ById<number>();
  private readonly last: PodStatusRow[] = [];
  private readonly all: SimPod[] = [];
  private readonly dirty = new Set<SimPod>();

  podStatusChanged(p: SimPod): void {
    this.dirty.add(p);
  }

  sample(t: SimTime, all: boolean): void {
    const ps = all ? this.all.concat([...this.dirty].filter((p) => this.index.get(p.id) === undefined)) : [...this.dirty];
    ps.sort((a, b) => a.id - b.id);
    for (const p of ps) this.record(p, t, all);
    this.dirty.clear();
  }

  private record(p: SimPod, t: SimTime, force: boolean): void {
    let i = this.index.get(p.id);
    if (i === undefined) {
      i = this.pods.length;
      this.pods.push({ namespace: p.namespace, name: p.name, workload: p.workload?.shortName ?? '', workloadKey: p.workload?.key ?? '', createdAt: p.createdAt });
      this.index.set(p.id, i);
      this.all.push(p);
    }
    const prev = this.last[i] as PodStatusRow | undefined;
    if (prev?.removed) return;
    const row = this.row(p, i, t);
    if (prev && same(prev, row) && (!force || prev.time === t)) return;
    // A second look in the same instant (the end of the run) replaces that instant's row.
    if (prev && prev.time === t) this.rows[this.rows.lastIndexOf(prev)] = row;
    else this.rows.push(row);
    this.last[i] = row;
  }

  private row(p: SimPod, pod: number, t: SimTime): PodStatusRow {
    const pp = printable(p, t);
    const r = printPod(pp, t);
    return {
      time: t,
      pod,
      node: p.node?.name ?? '',
      phase: p.phase,
      status: r.status,
      ready: r.ready,
      restarts: r.restarts,
      lastRestartAt: r.lastRestartAt,
      conditions: conditionsCell(pp.status.conditions),
      readinessGates: r.readinessGates,
      resize: p.resize === null ? '' : !this.resizeConditions ? p.resize : p.resize === 'InProgress' ? 'PodResizeInProgress' : `PodResizePending:${p.resize}`,
      removed: p.gone,
    };
  }

  timeline(): PodTimeline {
    return { pods: this.pods, rows: this.rows };
  }
}

function same(a: PodStatusRow, b: PodStatusRow): boolean {
  return (
    a.node === b.node &&
    a.phase === b.phase &&
    a.status === b.status &&
    a.ready === b.ready &&
    a.restarts === b.restarts &&
    a.lastRestartAt === b.lastRestartAt &&
    a.conditions === b.conditions &&
    a.readinessGates === b.readinessGates &&
    a.resize === b.resize &&
    a.removed === b.removed
  );
}
