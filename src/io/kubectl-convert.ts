// One dumped object at a time → the model: Nodes (with their conditions and taints), Deployments,
// ReplicaSets, PodDisruptionBudgets and HorizontalPodAutoscalers. Every problem is reported at
// its field path through `fail`; timestamps go through the Clock (the snapshot's time).
import type { DumpReport, NodeSpec, PodDisruptionBudget } from '../model/types.js';
import { excerpt } from './errors.js';
import { cpuQuantity, memoryQuantity, parseIntOrPercent } from './cells.js';
import { reasonOf } from './csv/table.js';
import { DEPLOYMENT_FIELD_PATHS, checkDeploymentSpec } from '../model/deployment.js';
import { HOSTNAME_LABEL, ZONE_LABEL } from './csv/nodes.js';
import type { PathSegment } from './yaml-source.js';
import { type FailAt, LEGACY_ZONE_LABEL, type PriorityClassInfo, podSpecToTemplate, quantityAt } from './kubectl-template.js';
import type { DumpDeployment, DumpReplicaSet, OwnerRef } from './kubectl-owners.js';
import { type Clock, nodeState } from './kubectl-state.js';
import type { RawDeployment, RawHpa, RawMeta, RawNode, RawPdb, RawReplicaSet } from './kubectl-schema.js';

const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';

/** What converting an object needs: where to report, the clock, the dump's PriorityClasses. */
export interface Ctx {
  readonly fail: FailAt;
  readonly clock: Clock;
  readonly classes: ReadonlyMap<string, PriorityClassInfo>;
}

export function controllerOf(meta: RawMeta): OwnerRef | undefined {
  const refs = meta.ownerReferences ?? [];
  return refs.find((o) => o.controller) ?? refs[0];
}

export function nodeFrom(raw: RawNode, ctx: Ctx): NodeSpec {
  const { metadata, status } = raw;
  const labels = metadata.labels ?? {};
  const alloc = status?.allocatable ?? status?.capacity;
  const where = status?.allocatable ? 'allocatable' : 'capacity';
  const need = (key: string): string | number => {
    const v = alloc?.[key];
    if (v === undefined) ctx.fail(['status', 'allocatable', key], `node "${metadata.name}" has no allocatable ${key}`);
    return v;
  };
  const q = (path: PathSegment[], v: string | number, parse: (v: string | number) => number) => quantityAt(v, path, parse, ctx.fail);
  const capMemory = status?.capacity?.memory;
  const es = alloc?.['ephemeral-storage'];
  const esCapacity = status?.capacity?.['ephemeral-storage'];
  ctx.clock.time(metadata.creationTimestamp, ['metadata', 'creationTimestamp'], ctx.fail);
  const state = nodeState(raw, ctx.clock, ctx.fail);
  return {
    name: metadata.name,
    zone: labels[ZONE_LABEL] ?? labels[LEGACY_ZONE_LABEL] ?? '',
    labels: { [HOSTNAME_LABEL]: metadata.name, ...labels },
    taints: state.taints,
    unschedulable: raw.spec?.unschedulable ?? false,
    allocatable: {
      cpu: q(['status', where, 'cpu'], need('cpu'), cpuQuantity),
      memory: q(['status', where, 'memory'], need('memory'), memoryQuantity),
      pods: q(['status', where, 'pods'], need('pods'), podCount),
      ...(es === undefined ? {} : { ephemeralStorage: q(['status', where, 'ephemeral-storage'], es, memoryQuantity) }),
    },
    memoryCapacity: capMemory === undefined ? null : q(['status', 'capacity', 'memory'], capMemory, memoryQuantity),
    ...(es === undefined || esCapacity === undefined ? {} : { ephemeralStorageCapacity: q(['status', 'capacity', 'ephemeral-storage'], esCapacity, memoryQuantity) }),
    ...(status?.conditions?.length ? { ready: state.ready } : {}),
    ...(state.memoryPressure ? { memoryPressure: true } : {}),
  };
}

export function deploymentFrom(raw: RawDeployment, templateKey: string | null, ctx: Ctx): DumpDeployment {
  const { metadata, spec } = raw;
  const ru = spec.strategy?.rollingUpdate;
  const intOrPct = (key: 'maxSurge' | 'maxUnavailable') => {
    const v = ru?.[key];
    if (v === undefined || v === null) return undefined;
    try {
      return parseIntOrPercent(v);
    } catch (e) {
      return ctx.fail(DEPLOYMENT_FIELD_PATHS[key], `${excerpt(String(v))}: ${reasonOf(e)}`);
    }
  };
  const given = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
  const check = checkDeploymentSpec({
    replicas: given(spec.replicas),
    strategy: given(spec.strategy?.type),
    maxSurge: intOrPct('maxSurge'),
    maxUnavailable: intOrPct('maxUnavailable'),
    minReadySeconds: given(spec.minReadySeconds),
    progressDeadlineSeconds: given(spec.progressDeadlineSeconds),
    revisionHistoryLimit: given(spec.revisionHistoryLimit),
    restartPolicy: given(spec.template.spec.restartPolicy),
  });
  if (!check.ok) {
    const path = DEPLOYMENT_FIELD_PATHS[check.problem.field];
    const value = path.reduce<unknown>((o, k) => (o as Record<string, unknown> | null | undefined)?.[k], raw);
    ctx.fail(path, value === undefined ? check.problem.detail : `${excerpt(String(value))}: ${check.problem.detail}`);
  }
  ctx.clock.time(metadata.creationTimestamp, ['metadata', 'creationTimestamp'], ctx.fail);
  return {
    deployment: {
      namespace: metadata.namespace ?? 'default',
      name: metadata.name,
      ...check.spec,
      template: podSpecToTemplate(spec.template.spec, spec.template.metadata?.labels ?? {}, ['spec', 'template', 'spec'], ctx.fail, ctx.classes),
    },
    revision: annotationInt(metadata, REVISION, ctx.fail),
    templateKey,
  };
}

export function replicaSetFrom(raw: RawReplicaSet, templateKey: string | null, ctx: Ctx): DumpReplicaSet {
  const { metadata, spec } = raw;
  const tpl = spec?.template;
  return {
    namespace: metadata.namespace ?? 'default',
    name: metadata.name,
    owner: controllerOf(metadata),
    replicas: spec?.replicas ?? 1,
    template: tpl?.spec ? podSpecToTemplate(tpl.spec, tpl.metadata?.labels ?? {}, ['spec', 'template', 'spec'], ctx.fail, ctx.classes) : null,
    templateKey: tpl?.spec ? templateKey : null,
    revision: annotationInt(metadata, REVISION, ctx.fail),
    desiredReplicas: annotationInt(metadata, DESIRED, ctx.fail),
    maxReplicas: annotationInt(metadata, MAX, ctx.fail),
    created: ctx.clock.time(metadata.creationTimestamp, ['metadata', 'creationTimestamp'], ctx.fail) ?? null,
  };
}

/** A whole-number annotation (the deployment controller's); anything else is refused with its path. */
function annotationInt(meta: RawMeta, key: string, fail: FailAt): number | null {
  const v = meta.annotations?.[key];
  if (v === undefined) return null;
  if (!/^\d{1,15}$/.test(v)) fail(['metadata', 'annotations', key], `${excerpt(v)}: expected a whole number`);
  return Number(v);
}

export function pdbFrom(raw: RawPdb, fail: FailAt): PodDisruptionBudget | null {
  const { metadata, spec } = raw;
  if (!spec.selector) return null; // policy/v1: a null selector selects no pods
  const selector: Record<string, string> = { ...(spec.selector.matchLabels ?? {}) };
  (spec.selector.matchExpressions ?? []).forEach((e, i) => {
    if (e.operator !== 'In' || (e.values ?? []).length !== 1) {
      fail(['spec', 'selector', 'matchExpressions', i], `unsupported selector (${e.key} ${e.operator} ${JSON.stringify(e.values ?? [])}): use matchLabels, or In with one value`);
    }
    selector[e.key] = e.values![0];
  });
  const val = (key: 'minAvailable' | 'maxUnavailable') => {
    const v = spec[key];
    if (v === undefined || v === null) return null;
    try {
      return parseIntOrPercent(v);
    } catch (e) {
      return fail(['spec', key], `${JSON.stringify(v)}: ${reasonOf(e)}`);
    }
  };
  return {
    namespace: metadata.namespace ?? 'default',
    name: metadata.name,
    selector: Object.keys(selector).length ? selector : null,
    minAvailable: val('minAvailable'),
    maxUnavailable: val('maxUnavailable'),
  };
}

/** A HorizontalPodAutoscaler: read and shown (min/max replicas), not simulated yet. */
export function hpaFrom(raw: RawHpa): DumpReport['hpas'][number] {
  const { metadata, spec } = raw;
  const ns = metadata.namespace ?? 'default';
  return { name: `${ns}/${metadata.name}`, target: `${spec.scaleTargetRef.kind}/${ns}/${spec.scaleTargetRef.name}`, minReplicas: spec.minReplicas ?? 1, maxReplicas: spec.maxReplicas };
}

function podCount(v: string | number): number {
  const n = memoryQuantity(v);
  if (!Number.isSafeInteger(n)) throw new Error('expected a whole number of pods');
  return n;
}
