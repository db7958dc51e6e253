// The kubelet's status generation (kubelet_pods.go generateAPIPodStatus): after every change
// of a pod's containers, the phase (getPhase) and the Initialized, ContainersReady and Ready
// conditions (status/generate.go) are derived again from the container statuses, each
// condition's lastTransitionTime moving only when its status flips. Readiness gates' conditions
// belong to another controller; the kubelet only reads them. Called inside an open
// ClusterState begin … commit of the pod.
import { getPhase, type PodConditionView, type PodSpecView } from '../../../model/pod-status.js';
import { areContainersReady, containersReadyCondition, isPodInitialized, podReadyCondition } from '../../../model/pod-conditions.js';
import type { PodTemplate } from '../../../model/types.js';
import type { SimTime } from '../../engine/time.js';
import type { SimPod } from '../../state/objects.js';

const views = new WeakMap<PodTemplate, PodSpecView>();

/** The parts of a pod's spec the status rules read (one per template). */
export function specView(t: PodTemplate): PodSpecView {
  let v = views.get(t);
  if (!v) {
    v = { restartPolicy: t.restartPolicy, initContainers: t.initContainers, containers: t.containers, readinessGates: t.readinessGates };
    views.set(t, v);
  }
  return v;
}

/** The readiness gates' conditions as the API has them: True once their controller set them. */
export function gateConditions(p: SimPod, now: SimTime): PodConditionView[] {
  const on = p.gatesReadyAt >= 0 && p.gatesReadyAt <= now;
  return p.spec.readinessGates.map((type) => ({ type, status: on ? 'True' : 'False' }));
}

/**
 * generateAPIPodStatus for `p` at `now`. `terminal`: the kubelet stopped the pod for good
 * (KillPod with nothing to restart). Returns the Ready condition the kubelet computes (it
 * writes p.ready itself only when that value changes, as its status manager sends only
 * changes — so a Ready=False set by the node lifecycle controller stays until then).
 */
export function generateStatus(p: SimPod, now: SimTime, terminal: boolean): boolean {
  const spec = specView(p.spec);
  const init = p.initContainers;
  const regular = p.containers;
  if (p.phase !== 'Succeeded' && p.phase !== 'Failed') {
    // podHasInitialized: a regular container of this sandbox has started.
    p.phase = getPhase(spec, init, regular, terminal, p.app.startedAt >= 0);
  }
  const phase = p.phase;
  const initialized = isPodInitialized(spec, init, regular, phase);
  if (initialized !== p.initialized) {
    p.initialized = initialized;
    p.initializedAt = now;
  }
  const containersReady = areContainersReady(spec, init, regular, phase);
  if (containersReady !== p.containersReady) {
    p.containersReady = containersReady;
    p.containersReadyAt = now;
  }
  // OpenKruise's InPlaceUpdateReady gate (every CloneSet pod has it): False from an in-place
  // update's start until the containers run the new image (inplaceupdate Refresh).
  if (p.inPlace !== null && !p.inPlace.completed(p)) return false;
  if (spec.readinessGates.length === 0) return containersReady;
  const cr = containersReadyCondition(spec, { init, regular }, phase);
  return podReadyCondition(spec, cr, gateConditions(p, now)).status === 'True';
}
