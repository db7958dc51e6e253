// The StatefulSet, DaemonSet and (OpenKruise) CloneSet API objects: spec, status, their ControllerRevisions, and the
// indexes an informer would give their controllers (a set's pods by ordinal, a DaemonSet's pods
// by the node they are for), kept by ClusterState. The base they share is SimWorkload
// (objects.ts).
import type {
  CloneSet,
  CloneSetUpdateType,
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

/** The figures of a CloneSet's status its controller writes (calculateStatus, cloneset_status.go). */
export interface CloneSetStatus {
  readonly replicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
  readonly updatedReplicas: number;
  readonly updatedReadyReplicas: number;
}

/**
 * An OpenKruise CloneSet (apps.kruise.io/v1alpha1): it owns its pods directly (no ReplicaSets;
 * pods `<name>-xxxxx` labelled with the controller-revision-hash of their revision), and can
 * update them in place. Its ControllerRevisions group the pods by the revision they were
 * created at; a pod updated in place keeps that group and says its revision in
 * `SimPod.inPlace` (see there).
 */
export class SimCloneSet extends SimWorkload {
  readonly kind = 'CloneSet';
  // spec
  replicas: number;
  updateStrategy: CloneSetUpdateType;
  partition: IntOrPercent;
  maxUnavailable: IntOrPercent;
  maxSurge: IntOrPercent;
  paused: boolean;
  inPlaceGraceSeconds: number;
  scaleMaxUnavailable: IntOrPercent | null;

  // status
  readonly controllerRevisions: SimControllerRevision[] = [];
  /** status.currentRevision (the revision every pod ran when the last update completed) and status.updateRevision. */
  currentRevision!: SimControllerRevision;
  updateRevision!: SimControllerRevision;
  status: CloneSetStatus = { replicas: 0, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 0, updatedReadyReplicas: 0 };

  constructor(index: number, namespace: string, name: string, spec: CloneSet) {
    super(index, namespace, name, spec.template, spec.minReadySeconds);
    this.replicas = spec.replicas;
    this.updateStrategy = spec.updateStrategy;
    this.partition = spec.partition;
    this.maxUnavailable = spec.maxUnavailable;
    this.maxSurge = spec.maxSurge;
    this.paused = spec.paused;
    this.inPlaceGraceSeconds = spec.inPlaceGraceSeconds;
    this.scaleMaxUnavailable = spec.scaleMaxUnavailable;
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

/** The kinds ClusterState can hold, for switches that must cover every one. */
export type AnyWorkload = SimDeployment | SimStatefulSet | SimDaemonSet | SimJob | SimCloneSet;
