// StatefulSets and DaemonSets in `kubectl get ... -o json|yaml` dumps, with what places their
// pods: the ControllerRevisions that say which pods are of the current revision, a pending
// DaemonSet pod's node (its node affinity on metadata.name), and for a StatefulSet's volume
// claims the zone of the PersistentVolume each is bound to. Schemas check every field name
// against kubernetes-types, as kubectl-schema.ts does.
import { z } from 'zod';
import type { ControllerRevision, DaemonSetSpec, DaemonSetStatus, DaemonSetUpdateStrategy, RollingUpdateDaemonSet, RollingUpdateStatefulSetStrategy, StatefulSetOrdinals, StatefulSetSpec, StatefulSetStatus, StatefulSetUpdateStrategy } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaimSpec, PersistentVolumeSpec, VolumeNodeAffinity } from 'kubernetes-types/core/v1.js';
import { DAEMONSET_FIELD_PATHS, STATEFULSET_FIELD_PATHS, checkDaemonSetSpec, checkStatefulSetSpec } from '../model/set-specs.js';
import type { DaemonSet, IntOrPercent, StatefulSet } from '../model/types.js';
import { LABEL_ZONE } from '../model/well-known.js';
import { parseIntOrPercent } from './cells.js';
import { reasonOf } from './csv/table.js';
import { type FailAt, LEGACY_ZONE_LABEL, type PriorityClassInfo, podSpecToTemplate } from './kubectl-template.js';
import { Meta, PodSpecSchema, type RawMeta } from './kubectl-schema.js';

type Shape<T> = { [K in keyof T]?: z.ZodType };
const opt = <T extends z.ZodType>(s: T) => s.nullish();
const int = z.number().int();
const intOrString = z.union([z.number(), z.string()]);
const Template = z.object({ metadata: opt(z.object({ labels: opt(z.record(z.string(), z.string())) })), spec: PodSpecSchema });

export const StatefulSetSchema = z.object({
  metadata: Meta,
  spec: z.object({
    replicas: opt(int),
    podManagementPolicy: opt(z.enum(['OrderedReady', 'Parallel'])),
    updateStrategy: opt(
      z.object({
        type: opt(z.enum(['RollingUpdate', 'OnDelete'])),
        rollingUpdate: opt(z.object({ partition: opt(int), maxUnavailable: opt(intOrString) } satisfies Shape<RollingUpdateStatefulSetStrategy>)),
      } satisfies Shape<StatefulSetUpdateStrategy>),
    ),
    minReadySeconds: opt(int),
    ordinals: opt(z.object({ start: opt(int) } satisfies Shape<StatefulSetOrdinals>)),
    revisionHistoryLimit: opt(int),
    volumeClaimTemplates: opt(z.array(z.object({ metadata: opt(z.object({ name: opt(z.string()) })) }))),
    template: Template,
  } satisfies Shape<StatefulSetSpec>),
  status: opt(z.object({ currentRevision: opt(z.string()), updateRevision: opt(z.string()) } satisfies Shape<StatefulSetStatus>)),
});

export const DaemonSetSchema = z.object({
  metadata: Meta,
  spec: z.object({
    updateStrategy: opt(
      z.object({
        type: opt(z.enum(['RollingUpdate', 'OnDelete'])),
        rollingUpdate: opt(z.object({ maxUnavailable: opt(intOrString), maxSurge: opt(intOrString) } satisfies Shape<RollingUpdateDaemonSet>)),
      } satisfies Shape<DaemonSetUpdateStrategy>),
    ),
    minReadySeconds: opt(int),
    revisionHistoryLimit: opt(int),
    template: Template,
  } satisfies Shape<DaemonSetSpec>),
  status: opt(z.object({ updatedNumberScheduled: opt(int), desiredNumberScheduled: opt(int) } satisfies Shape<DaemonSetStatus>)),
});

export const ControllerRevisionSchema = z.object({ metadata: Meta, revision: int } satisfies Shape<ControllerRevision>);

export const PvcSchema = z.object({ metadata: Meta, spec: opt(z.object({ volumeName: opt(z.string()) } satisfies Shape<PersistentVolumeClaimSpec>)) });

const Requirement = z.object({ key: z.string(), operator: z.string(), values: opt(z.array(z.string())) });

export const PvSchema = z.object({
  metadata: Meta,
  spec: opt(
    z.object({
      nodeAffinity: opt(
        z.object({
          required: opt(z.object({ nodeSelectorTerms: z.array(z.object({ matchExpressions: opt(z.array(Requirement)) })) })),
        } satisfies Shape<VolumeNodeAffinity>),
      ),
    } satisfies Shape<PersistentVolumeSpec>),
  ),
});

/** The one part of a pod spec the DaemonSet controller writes: required matchFields on metadata.name. */
export const DaemonPodAffinitySchema = z.object({
  spec: opt(
    z.object({
      affinity: opt(
        z.object({
          nodeAffinity: opt(
            z.object({
              requiredDuringSchedulingIgnoredDuringExecution: opt(
                z.object({ nodeSelectorTerms: z.array(z.object({ matchFields: opt(z.array(Requirement)) })) }),
              ),
            }),
          ),
        }),
      ),
    }),
  ),
});

export type RawStatefulSet = z.infer<typeof StatefulSetSchema>;
export type RawDaemonSet = z.infer<typeof DaemonSetSchema>;
export type RawControllerRevision = z.infer<typeof ControllerRevisionSchema>;
export type RawPvc = z.infer<typeof PvcSchema>;
export type RawPv = z.infer<typeof PvSchema>;

const given = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function intOrPct(v: string | number | null | undefined, path: readonly string[], fail: FailAt): IntOrPercent | undefined {
  if (v === undefined || v === null) return undefined;
  try {
    return parseIntOrPercent(v);
  } catch (e) {
    return fail(path, `${JSON.stringify(v)}: ${reasonOf(e)}`);
  }
}

function problemAt(obj: unknown, path: readonly string[], detail: string, fail: FailAt): never {
  const value = path.reduce<unknown>((o, k) => (o as Record<string, unknown> | null | undefined)?.[k], obj);
  return fail(path, value === undefined ? detail : `${JSON.stringify(value)}: ${detail}`);
}

/** A StatefulSet object (claim zones are added from the dump's volumes: claimZones). */
export function statefulSetFrom(raw: RawStatefulSet, fail: FailAt, classes?: ReadonlyMap<string, PriorityClassInfo>): StatefulSet {
  const { metadata, spec } = raw;
  const ru = spec.updateStrategy?.rollingUpdate;
  const check = checkStatefulSetSpec({
    replicas: given(spec.replicas),
    podManagementPolicy: given(spec.podManagementPolicy),
    updateStrategy: given(spec.updateStrategy?.type),
    partition: given(ru?.partition),
    maxUnavailable: intOrPct(ru?.maxUnavailable, STATEFULSET_FIELD_PATHS.maxUnavailable, fail),
    minReadySeconds: given(spec.minReadySeconds),
    ordinalsStart: given(spec.ordinals?.start),
    restartPolicy: given(spec.template.spec.restartPolicy),
  });
  if (!check.ok) problemAt(raw, STATEFULSET_FIELD_PATHS[check.problem.field], check.problem.detail, fail);
  const claims = (spec.volumeClaimTemplates ?? []).map((c, i) => c.metadata?.name ?? fail(['spec', 'volumeClaimTemplates', i, 'metadata', 'name'], 'a volume claim template needs a name'));
  return {
    namespace: metadata.namespace ?? 'default',
    name: metadata.name,
    ...check.spec,
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    volumeClaims: claims,
    claimZones: {},
    template: podSpecToTemplate(spec.template.spec, spec.template.metadata?.labels ?? {}, ['spec', 'template', 'spec'], fail, classes),
  };
}

export function daemonSetFrom(raw: RawDaemonSet, fail: FailAt, classes?: ReadonlyMap<string, PriorityClassInfo>): DaemonSet {
  const { metadata, spec } = raw;
  const ru = spec.updateStrategy?.rollingUpdate;
  const check = checkDaemonSetSpec({
    updateStrategy: given(spec.updateStrategy?.type),
    maxUnavailable: intOrPct(ru?.maxUnavailable, DAEMONSET_FIELD_PATHS.maxUnavailable, fail),
    maxSurge: intOrPct(ru?.maxSurge, DAEMONSET_FIELD_PATHS.maxSurge, fail),
    minReadySeconds: given(spec.minReadySeconds),
    restartPolicy: given(spec.template.spec.restartPolicy),
  });
  if (!check.ok) problemAt(raw, DAEMONSET_FIELD_PATHS[check.problem.field], check.problem.detail, fail);
  return {
    namespace: metadata.namespace ?? 'default',
    name: metadata.name,
    ...check.spec,
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    template: podSpecToTemplate(spec.template.spec, spec.template.metadata?.labels ?? {}, ['spec', 'template', 'spec'], fail, classes),
  };
}

/**
 * The hash of a DaemonSet's current revision: its newest ControllerRevision's
 * controller-revision-hash (or the name's suffix). Without revisions in the dump, when the
 * status says not every node is updated, the hash carried by exactly updatedNumberScheduled pods;
 * otherwise null (every pod is taken as current).
 */
export function daemonSetCurrentHash(
  ds: RawDaemonSet,
  revisions: readonly RawControllerRevision[],
  podHashes: readonly string[],
): string | null {
  const own = revisions.filter((r) => owner(r.metadata)?.kind === 'DaemonSet' && owner(r.metadata)?.name === ds.metadata.name);
  if (own.length > 0) {
    const newest = own.reduce((a, b) => (b.revision > a.revision ? b : a));
    return newest.metadata.labels?.['controller-revision-hash'] ?? newest.metadata.name.slice(ds.metadata.name.length + 1);
  }
  const updated = ds.status?.updatedNumberScheduled;
  const desired = ds.status?.desiredNumberScheduled;
  if (updated === null || updated === undefined || desired === null || desired === undefined || updated >= desired) return null;
  const counts = new Map<string, number>();
  for (const h of podHashes) counts.set(h, (counts.get(h) ?? 0) + 1);
  const match = [...counts].filter(([, n]) => n === updated);
  return match.length === 1 ? match[0][0] : null;
}

function owner(meta: RawMeta): { kind: string; name: string } | undefined {
  const refs = meta.ownerReferences ?? [];
  return refs.find((o) => o.controller) ?? refs[0];
}

/** A pending DaemonSet pod's node: its required node affinity's matchFields metadata.name In [node]. */
export function daemonPodTargetNode(item: unknown): string | null {
  const r = DaemonPodAffinitySchema.safeParse(item);
  if (!r.success) return null;
  const terms = r.data.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const f of t.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return null;
}

/** Zone keys a PersistentVolume's node affinity may use: the well-known ones and CSI drivers' `…/zone`. */
const isZoneKey = (k: string) => k === LABEL_ZONE || k === LEGACY_ZONE_LABEL || /^topology\.[^/]+\/zone$/.test(k);

/** The zone a PersistentVolume is in: its node affinity's zone term (In one value), else its zone label. */
export function volumeZone(pv: RawPv): string | null {
  for (const t of pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const e of t.matchExpressions ?? []) {
      if (isZoneKey(e.key) && e.operator === 'In' && e.values?.length === 1) return e.values[0];
    }
  }
  const labels = pv.metadata.labels ?? {};
  return labels[LABEL_ZONE] ?? labels[LEGACY_ZONE_LABEL] ?? null;
}

/**
 * The zones of a StatefulSet's existing claims by ordinal: claim `<template>-<set>-<ordinal>`
 * bound (spec.volumeName) to a zonal PersistentVolume.
 */
export function claimZones(
  set: StatefulSet,
  pvcs: readonly RawPvc[],
  pvs: ReadonlyMap<string, RawPv>,
): Record<number, string> {
  const out: Record<number, string> = {};
  for (const claim of set.volumeClaims) {
    const prefix = `${claim}-${set.name}-`;
    for (const pvc of pvcs) {
      if ((pvc.metadata.namespace ?? 'default') !== set.namespace || !pvc.metadata.name.startsWith(prefix)) continue;
      const rest = pvc.metadata.name.slice(prefix.length);
      if (!/^[0-9]+$/.test(rest)) continue;
      const pv = pvc.spec?.volumeName ? pvs.get(pvc.spec.volumeName) : undefined;
      const zone = pv ? volumeZone(pv) : null;
      if (zone !== null && out[Number(rest)] === undefined) out[Number(rest)] = zone;
    }
  }
  return out;
}

