// Shared construction of PodTemplates from the loaders' inputs, with Kubernetes' defaults.
import type { Container, PodTemplate, Probe } from '../model/types.js';
import { PROBE_DEFAULTS } from '../model/types.js';
import { defaultRequestsFromLimits } from '../model/resources.js';
import { SYSTEM_PRIORITY_CLASSES } from '../model/well-known.js';

/** spec.priority when present, else the built-in class's value, else 0 (no global default class). */
export function resolvePriority(priority: number | null | undefined, className: string): number {
  if (priority !== null && priority !== undefined) return priority;
  return SYSTEM_PRIORITY_CLASSES[className] ?? 0;
}

/** A probe with Kubernetes' defaults for the fields not given. */
export function probeWithDefaults(p: Partial<Probe>): Probe {
  return { ...PROBE_DEFAULTS, ...p };
}

/** API defaulting on pods: a container's request defaults to its limit when only the limit is set. */
export function defaulted(containers: readonly Container[]): Container[] {
  return containers.map((c) => defaultRequestsFromLimits(c));
}

/** Writes nothing to its writable layer (the default ephemeral-storage usage). */
export const NO_STORAGE = { kind: 'bytes', bytes: 0 } as const;

/** A template with every field at its Kubernetes default, for one container named `name`. */
export function defaultTemplate(name: string): PodTemplate {
  return {
    labels: { app: name },
    image: `${name}:latest`,
    containers: [{ name, requests: {}, limits: {} }],
    initContainers: [],
    overhead: {},
    priority: 0,
    priorityClassName: '',
    tolerations: [],
    nodeSelector: {},
    topologySpread: [],
    terminationGracePeriodSeconds: 30,
    readinessProbe: null,
    livenessProbe: null,
    startupProbe: null,
    preStopSeconds: 0,
    startSeconds: 0,
    restartPolicy: 'Always',
    postStartSeconds: 0,
    exitAfterSeconds: null,
    exitCode: 0,
    readinessGates: [],
    readinessGateSeconds: 0,
    ephemeralStorageUsage: NO_STORAGE,
    emptyDirs: [],
    warmupSeconds: 0,
    shutdownSeconds: 0,
    memoryUsage: { kind: 'request' },
  };
}

/** Deployment-level defaults live with the Deployment validation (re-exported for the loaders). */
export { DEPLOYMENT_DEFAULTS } from '../model/deployment.js';

/** Index of the first regular container (the one rollout `set:` patches change). */
export const MAIN_CONTAINER = 0;
