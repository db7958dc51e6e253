// kubectl get pods: the READY, STATUS and RESTARTS columns (and -o wide's IP, NODE, NOMINATED
// NODE, READINESS GATES) as pkg/printers/internalversion/printers.go printPod computes them
// from a pod's spec and API status. STATUS is not the phase: container reasons, init progress
// and deletion override it.
import type { ContainerStatusView, PodConditionView } from './pod-status.js';
import type { PodPhase } from './types.js';

export interface PrintablePod {
  readonly deleted: boolean;
  readonly spec: {
    readonly initContainers: readonly { readonly name: string; readonly sidecar?: boolean }[];
    readonly containers: readonly { readonly name: string }[];
    readonly readinessGates?: readonly string[];
    readonly nodeName?: string;
  };
  readonly status: {
    /** Printed as given (the upstream tests use made-up phases). */
    readonly phase: PodPhase | string;
    /** status.reason ('' = none): Evicted, OutOfcpu, NodeLost, ... */
    readonly reason: string;
    readonly conditions: readonly PodConditionView[];
    /** Named: printPod looks init containers up by name (a status may name no container). */
    readonly initContainerStatuses: readonly (ContainerStatusView & { readonly name: string })[];
    readonly containerStatuses: readonly ContainerStatusView[];
    readonly podIPs?: readonly string[];
    readonly nominatedNodeName?: string;
  };
}

export interface PodRow {
  /** READY: ready/total, sidecars included. */
  readonly ready: string;
  readonly status: string;
  readonly restarts: number;
  /** RESTARTS as kubectl prints it: "3 (10s ago)" when there is a last termination. */
  readonly restartsCell: string;
  /** The newest last termination RESTARTS measures its "ago" from (-1: none). */
  readonly lastRestartAt: number;
  /** The table row's Completed condition (Succeeded / Failed), null while the pod runs. */
  readonly rowCondition: 'Succeeded' | 'Failed' | null;
  readonly ip: string;
  readonly node: string;
  readonly nominatedNode: string;
  readonly readinessGates: string;
}

/** node.NodeUnreachablePodReason: a deleted pod of a lost node prints Unknown. */
export const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

function isTrue(conditions: readonly PodConditionView[], type: string): boolean {
  for (const c of conditions) if (c.type === type) return c.status === 'True';
  return false;
}

/** printPod. `now` (ms) only feeds the "(Xs ago)" of the RESTARTS cell. */
export function printPod(pod: PrintablePod, now: number): PodRow {
  const { spec, status } = pod;
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = spec.containers.length;
  let ready = 0;
  let lastRestart = -1;
  let lastSidecarRestart = -1;
  const phase = status.phase;
  let reason: string = status.reason !== '' ? status.reason : phase;
  for (const c of status.conditions) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const rowCondition = phase === 'Succeeded' ? 'Succeeded' : phase === 'Failed' ? 'Failed' : null;
  const sidecars = new Set<string>();
  for (const c of spec.initContainers) {
    if (c.sidecar) {
      sidecars.add(c.name);
      total++;
    }
  }
  let initializing = false;
  const inits = status.initContainerStatuses;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    restarts += c.restartCount;
    if (c.lastExitCode !== null && c.lastFinishedAt > lastRestart) lastRestart = c.lastFinishedAt;
    const sidecar = sidecars.has(c.name);
    if (sidecar) {
      sidecarRestarts += c.restartCount;
      if (c.lastExitCode !== null && c.lastFinishedAt > lastSidecarRestart) lastSidecarRestart = c.lastFinishedAt;
    }
    if (c.state === 'terminated' && c.exitCode === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    initializing = true;
    if (c.state === 'terminated') {
      reason = c.reason !== '' ? `Init:${c.reason}` : c.signal !== 0 ? `Init:Signal:${c.signal}` : `Init:ExitCode:${c.exitCode}`;
    } else if (c.state === 'waiting' && c.reason !== '' && c.reason !== 'PodInitializing') {
      reason = `Init:${c.reason}`;
    } else {
      reason = `Init:${i}/${spec.initContainers.length}`;
    }
    break;
  }
  if (!initializing || isTrue(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const cs = status.containerStatuses;
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount;
      if (c.lastExitCode !== null && c.lastFinishedAt > lastRestart) lastRestart = c.lastFinishedAt;
      if (c.state === 'waiting' && c.reason !== '') reason = c.reason;
      else if (c.state === 'terminated' && c.reason !== '') reason = c.reason;
      else if (c.state === 'terminated') reason = c.signal !== 0 ? `Signal:${c.signal}` : `ExitCode:${c.exitCode}`;
      else if (c.ready && c.state === 'running') {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = isTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
  }
  if (pod.deleted && status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (pod.deleted && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const restartsCell = restarts !== 0 && lastRestart >= 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  const gates = spec.readinessGates ?? [];
  let readinessGates = '<none>';
  if (gates.length > 0) {
    let t = 0;
    for (const g of gates) {
      const c = status.conditions.find((x) => x.type === g);
      if (c?.status === 'True') t++;
    }
    readinessGates = `${t}/${gates.length}`;
  }
  return {
    ready: `${ready}/${total}`,
    status: reason,
    restarts,
    restartsCell,
    lastRestartAt: restarts !== 0 ? lastRestart : -1,
    rowCondition,
    ip: status.podIPs?.[0] || '<none>',
    node: spec.nodeName || '<none>',
    nominatedNode: status.nominatedNodeName || '<none>',
    readinessGates,
  };
}

/**
 * apimachinery util/duration HumanDuration: "10s", "2m", "5m30s", "3h", "5d", "2y"… — the
 * short form kubectl prints ages in.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}
