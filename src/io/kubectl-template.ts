// A Kubernetes pod spec (of a Deployment's template, or of a pod) → PodTemplate, with the API
// server's defaults: requests from limits, probe fields, terminationGracePeriodSeconds 30,
// restartPolicy Always, sidecars (init containers with restartPolicy Always), priority from
// built-in classes. Init containers run 0 s each (a dump does not say how long they take);
// readiness gates are set True by their controller as soon as the containers are ready.
import type { Container, EmptyDir, PodTemplate, Probe, ResizeResource, ResourceList, Toleration, TopologySpread } from '../model/types.js';
import { type Affinity, podAffinityTermProblem, type PreemptionPolicy } from '../model/affinity.js';
import { nodeSelectorRequirementProblem, type NodeSelectorTerm } from '../model/node-affinity.js';
import type { LabelSelector } from '../model/label-selector.js';
import { topologySpreadProblem } from '../model/topology-spread.js';
import { cpuQuantity, memoryQuantity } from './cells.js';
import { NO_STORAGE } from './template.js';
import { reasonOf } from './csv/table.js';
import { defaulted, probeWithDefaults, resolvePriority } from './template.js';
import type { PathSegment } from './yaml-source.js';
import type { RawContainer, RawPodSpec } from './kubectl-schema.js';

export const LEGACY_ZONE_LABEL = 'failure-domain.beta.kubernetes.io/zone';

/** Reports a problem at a path relative to the object being read. */
export type FailAt = (path: readonly PathSegment[], detail: string) => never;

/** A PriorityClass of the dump: what the Priority admission plugin gives pods that name it. */
export interface PriorityClassInfo {
  readonly value: number;
  readonly preemptionPolicy: PreemptionPolicy | null;
  readonly globalDefault: boolean;
}

/**
 * Converts a pod spec found at `at`; quantities are checked and reported with their path.
 * `classes` are the dump's PriorityClasses (priority and preemptionPolicy of templates that only
 * name their class; the global default for those that name none).
 */
export function podSpecToTemplate(
  spec: RawPodSpec,
  labels: Record<string, string>,
  at: PathSegment[],
  fail: FailAt,
  classes: ReadonlyMap<string, PriorityClassInfo> = new Map(),
): PodTemplate {
  const containers = spec.containers.map((c, i) => container(c, [...at, 'containers', i], false, fail));
  const initContainers = (spec.initContainers ?? []).map((c, i) =>
    container(c, [...at, 'initContainers', i], c.restartPolicy === 'Always', fail),
  );
  const probe = (key: 'readinessProbe' | 'livenessProbe' | 'startupProbe'): Probe | null => {
    const p = spec.containers.find((c) => c[key])?.[key];
    if (!p) return null;
    return probeWithDefaults(Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== undefined)));
  };
  const className = spec.priorityClassName ?? '';
  const cls = className ? classes.get(className) : [...classes.values()].filter((c) => c.globalDefault).sort((a, b) => a.value - b.value)[0];
  const preemptionPolicy = spec.preemptionPolicy ?? cls?.preemptionPolicy ?? undefined;
  const affinity = affinityOf(spec.affinity, [...at, 'affinity'], fail);
  const topologySpread = (spec.topologySpreadConstraints ?? []).map(
    (c): TopologySpread => ({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      whenUnsatisfiable: c.whenUnsatisfiable,
      // An absent selector is Kubernetes' nil selector: it counts no pods.
      labelSelector: c.labelSelector ? (stripNulls(c.labelSelector) as LabelSelector) : null,
      ...(c.minDomains !== null && c.minDomains !== undefined ? { minDomains: c.minDomains } : {}),
      ...(c.nodeAffinityPolicy ? { nodeAffinityPolicy: c.nodeAffinityPolicy } : {}),
      ...(c.nodeTaintsPolicy ? { nodeTaintsPolicy: c.nodeTaintsPolicy } : {}),
      ...(c.matchLabelKeys && c.matchLabelKeys.length > 0 ? { matchLabelKeys: c.matchLabelKeys } : {}),
    }),
  );
  const spreadProblem = topologySpreadProblem(topologySpread);
  if (spreadProblem) fail([...at, 'topologySpreadConstraints', spreadProblem.index, spreadProblem.field], spreadProblem.problem);
  return {
    labels,
    image: spec.containers[0].image ?? '',
    containers: defaulted(containers),
    initContainers: defaulted(initContainers),
    overhead: resources(spec.overhead, [...at, 'overhead'], fail),
    priority: spec.priority ?? cls?.value ?? resolvePriority(spec.priority, className),
    priorityClassName: spec.priorityClassName ?? '',
    tolerations: (spec.tolerations ?? []).map(
      (t): Toleration => ({
        key: t.key ?? '',
        operator: t.operator ?? 'Equal',
        value: t.value ?? '',
        effect: t.effect ?? '',
        tolerationSeconds: t.tolerationSeconds ?? null,
      }),
    ),
    nodeSelector: spec.nodeSelector ?? {},
    ...(affinity ? { affinity } : {}),
    topologySpread,
    ...(preemptionPolicy ? { preemptionPolicy } : {}),
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
    readinessProbe: probe('readinessProbe'),
    livenessProbe: probe('livenessProbe'),
    startupProbe: probe('startupProbe'),
    preStopSeconds: Math.max(0, ...spec.containers.map(preStopSeconds)),
    startSeconds: 0,
    restartPolicy: spec.restartPolicy ?? 'Always',
    postStartSeconds: Math.max(0, ...spec.containers.map((c) => hookSeconds(c.lifecycle?.postStart))),
    exitAfterSeconds: null,
    exitCode: 0,
    readinessGates: (spec.readinessGates ?? []).map((g) => g.conditionType),
    readinessGateSeconds: 0,
    ephemeralStorageUsage: NO_STORAGE,
    emptyDirs: (spec.volumes ?? []).flatMap((v, i): EmptyDir[] =>
      v.emptyDir
        ? [{
            name: v.name,
            sizeLimit: v.emptyDir.sizeLimit == null ? null : quantityAt(v.emptyDir.sizeLimit, [...at, 'volumes', i, 'emptyDir', 'sizeLimit'], memoryQuantity, fail),
            memory: v.emptyDir.medium === 'Memory',
            usage: 0,
          }]
        : [],
    ),
    warmupSeconds: 0,
    shutdownSeconds: 0,
    memoryUsage: { kind: 'request' },
  };
}

/** spec.affinity as the model keeps it, checked as the API server validates it. */
function affinityOf(raw: RawPodSpec['affinity'], at: PathSegment[], fail: FailAt): Affinity | undefined {
  if (!raw) return undefined;
  const a = stripNulls(raw) as Affinity;
  const na = a.nodeAffinity;
  const checkTerm = (t: NodeSelectorTerm, path: PathSegment[]) => {
    for (const [list, field] of [
      [t.matchExpressions, 'matchExpressions'],
      [t.matchFields, 'matchFields'],
    ] as const) {
      (list ?? []).forEach((r, i) => {
        const p = nodeSelectorRequirementProblem(r, field === 'matchFields');
        if (p) fail([...path, field, i], p);
      });
    }
  };
  na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms.forEach((t, i) =>
    checkTerm(t, [...at, 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', i]),
  );
  na?.preferredDuringSchedulingIgnoredDuringExecution?.forEach((w, i) => {
    const path: PathSegment[] = [...at, 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', i];
    if (!Number.isInteger(w.weight) || w.weight < 1 || w.weight > 100) fail([...path, 'weight'], `${w.weight}: must be in the range 1-100`);
    checkTerm(w.preference, [...path, 'preference']);
  });
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const x = a[kind];
    x?.requiredDuringSchedulingIgnoredDuringExecution?.forEach((t, i) => {
      const p = podAffinityTermProblem(t);
      if (p) fail([...at, kind, 'requiredDuringSchedulingIgnoredDuringExecution', i, p.field], p.problem);
    });
    x?.preferredDuringSchedulingIgnoredDuringExecution?.forEach((w, i) => {
      const path: PathSegment[] = [...at, kind, 'preferredDuringSchedulingIgnoredDuringExecution', i];
      if (!Number.isInteger(w.weight) || w.weight < 1 || w.weight > 100) fail([...path, 'weight'], `${w.weight}: must be in the range 1-100`);
      const p = podAffinityTermProblem(w.podAffinityTerm);
      if (p) fail([...path, 'podAffinityTerm', p.field], p.problem);
    });
  }
  return a;
}

/** A copy without null fields (kubectl writes `null` for unset fields; the model leaves them out). */
function stripNulls<T>(v: T): T {
  if (Array.isArray(v)) return v.map(stripNulls) as T;
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = stripNulls(x);
  return out as T;
}

function container(c: RawContainer, at: PathSegment[], sidecar: boolean, fail: FailAt): Container {
  const resizeRestart = (c.resizePolicy ?? [])
    .filter((r) => r.restartPolicy === 'RestartContainer' && (r.resourceName === 'cpu' || r.resourceName === 'memory'))
    .map((r) => r.resourceName as ResizeResource);
  return {
    name: c.name,
    requests: resources(c.resources?.requests, [...at, 'resources', 'requests'], fail),
    limits: resources(c.resources?.limits, [...at, 'resources', 'limits'], fail),
    ...(sidecar ? { sidecar: true } : {}),
    ...(resizeRestart.length > 0 ? { resizeRestart } : {}),
  };
}

/** cpu, memory and ephemeral-storage of a resource list (other resources are not modelled). */
function resources(list: Record<string, string | number> | null | undefined, at: PathSegment[], fail: FailAt): ResourceList {
  const out: { cpu?: number; memory?: number; ephemeralStorage?: number } = {};
  if (list?.cpu !== undefined) out.cpu = quantityAt(list.cpu, [...at, 'cpu'], cpuQuantity, fail);
  if (list?.memory !== undefined) out.memory = quantityAt(list.memory, [...at, 'memory'], memoryQuantity, fail);
  const es = list?.['ephemeral-storage'];
  if (es !== undefined) out.ephemeralStorage = quantityAt(es, [...at, 'ephemeral-storage'], memoryQuantity, fail);
  return out;
}

/** Parses a quantity, reporting `path: "abc" is not a valid quantity: ...` on failure. */
export function quantityAt(v: string | number, path: PathSegment[], parse: (v: string | number) => number, fail: FailAt): number {
  try {
    return parse(v);
  } catch (e) {
    return fail(path, `${JSON.stringify(String(v))} is not a valid quantity: ${reasonOf(e)}`);
  }
}

/** preStop time: a sleep action's seconds, or `sleep N` run by an exec hook; else 0. */
export function preStopSeconds(c: RawContainer): number {
  return hookSeconds(c.lifecycle?.preStop);
}

/** How long a lifecycle hook runs: a sleep action's seconds, or `sleep N` run by an exec hook; else 0. */
function hookSeconds(h: NonNullable<RawContainer['lifecycle']>['preStop']): number {
  if (!h) return 0;
  if (h.sleep) return Math.max(0, h.sleep.seconds);
  const cmd = (h.exec?.command ?? []).join(' ');
  const m = /(?:^|[\s;&])sleep\s+(\d+(?:\.\d+)?)s?(?:$|[\s;&])/.exec(cmd);
  return m ? Number(m[1]) : 0;
}
