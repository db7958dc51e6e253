// The StatefulSet and DaemonSet API objects: spec, status, their ControllerRevisions, and the
// indexes an informer would give their controllers (a set's pods by ordinal, a DaemonSet's pods
// by the node they are for), kept by ClusterState. The base they share is SimWorkload
// (objects.ts).
import type {
  DaemonSet,
  IntOrPercent,
  PodManagementPolicy,
  SetUpdateStrategy,
  StatefulSet,
} from '../../model/types.js';
import type { SimJob } from './job.js';
import { type SimDeployment, SimRevision, SimWorkload, type SimNode, type SimPod } from './objects.js';

/** A ControllerRevision of a StatefulSet or DaemonSet: one template and the pods running it. */
export class SimControllerRevision extends SimRevision {}

export class SimStatefulSet extends SimWorkload {
  readonly kind = 'StatefulSet';
  // spec
  replicas: number;
  podManagementPolicy: PodManagementPolicy;
  updateStrategy: SetUpdateStrategy;
  partition: number;
  maxUnavailable: IntOrPercent | null;
  readonly ordinalsStart: number;
  /** volumeClaimTemplates' names (empty: no per-pod volumes). */
  readonly volumeClaims: readonly string[];

  // status
  /** Every ControllerRevision of the set, oldest first. */
  readonly controllerRevisions: SimControllerRevision[] = [];
  currentRevision!: SimControllerRevision;
  updateRevision!: SimControllerRevision;

  /**
   * The PersistentVolumes bound to each ordinal's claims, as the zone they are in: the claims
   * outlive their pods (retention policy Retain), so a recreated pod must go back to that zone.
   */
  readonly claimZones = new Map<number, string>();

  /** The set's pods by ordinal, from creation until the object is gone (the informer's index). */
  readonly podByOrdinal = new Map<number, SimPod>();

  constructor(index: number, namespace: string, name: string, spec: StatefulSet) {
    super(index, namespace, name, spec.template, spec.minReadySeconds);
    this.replicas = spec.replicas;
    this.podManagementPolicy = spec.podManagementPolicy;
    this.updateStrategy = spec.updateStrategy;
    this.partition = spec.partition;
    this.maxUnavailable = spec.maxUnavailable;
    this.ordinalsStart = spec.ordinalsStart;
    this.volumeClaims = spec.volumeClaims;
    for (const [ord, zone] of Object.entries(spec.claimZones)) this.claimZones.set(Number(ord), zone);
  }

  get revisions(): readonly SimControllerRevision[] {
    return this.controllerRevisions;
  }

  get desired(): number {
    return this.replicas;
  }

  get scale(): number {
    return this.replicas;
  }
}

/** The figures of a DaemonSet's status that Headroom reports (updateDaemonSetStatus). */
export interface DaemonSetStatus {
  readonly desiredNumberScheduled: number;
  readonly numberReady: number;
  readonly numberAvailable: number;
  readonly updatedNumberScheduled: number;
}

export class SimDaemonSet extends SimWorkload {
  readonly kind = 'DaemonSet';
  // spec
  updateStrategy: SetUpdateStrategy;
  maxUnavailable: IntOrPercent;
  maxSurge: IntOrPercent;

  // status
  readonly controllerRevisions: SimControllerRevision[] = [];
  /** The revision of the current template (its hash is what new pods are labelled with). */
  currentRevision!: SimControllerRevision;
  status: DaemonSetStatus = { desiredNumberScheduled: 0, numberReady: 0, numberAvailable: 0, updatedNumberScheduled: 0 };

  /**
   * The DaemonSet's pods by the node they are for (spec.nodeName, or the node affinity the
   * controller gave a pod not yet bound: util.GetTargetNodeName), until the object is gone.
   */
  readonly podsByNode = new Map<SimNode, SimPod[]>();

  constructor(index: number, namespace: string, name: string, spec: DaemonSet) {
    super(index, namespace, name, spec.template, spec.minReadySeconds);
    this.updateStrategy = spec.updateStrategy;
    this.maxUnavailable = spec.maxUnavailable;
    this.maxSurge = spec.maxSurge;
  }

  get revisions(): readonly SimControllerRevision[] {
    return this.controllerRevisions;
  }

  get desired(): number {
    return this.status.desiredNumberScheduled;
  }

  /** DaemonSets have no scale subresource: a PDB needing one fails safe (disruption.go). */
  get scale(): null {
    return null;
  }
}

/** The kinds ClusterState can hold, for switches that must cover every one. */
export type AnyWorkload = SimDeployment | SimStatefulSet | SimDaemonSet | SimJob;
