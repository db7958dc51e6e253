// OpenKruise CloneSets in kubectl dumps (`kubectl get clonesets.apps.kruise.io -A -o json`):
// apps.kruise.io/v1alpha1 objects (updateStrategy.type, partition, maxUnavailable, maxSurge,
// paused, inPlaceUpdateStrategy.gracePeriodSeconds; scaleStrategy.maxUnavailable; status
// updateRevision) and v1beta1 ones (updateStrategy.rollingUpdate.podUpdatePolicy and the same
// fields under rollingUpdate), validated as Kruise's webhook does (model/cloneset.ts). Pods whose
// controller is a CloneSet are attached to it; a CloneSet the dump lacks is inferred from its
// pods (the newest one's spec as template, its active pods as replicas, the defaults otherwise).
// A pod whose controller-revision-hash is not the CloneSet's status.updateRevision runs an
// older revision (the update resumes from t=0).
import { z } from 'zod';
import { CLONESET_FIELD_PATHS, type CloneSetField, checkCloneSetSpec } from '../model/cloneset.js';
import type { CloneSet, CloneSetUpdateType, DumpReport, IntOrPercent, InventoryPod } from '../model/types.js';
import { workloadKey } from '../model/types.js';
import { parseIntOrPercent } from './cells.js';
import { reasonOf } from './csv/table.js';
import { controllerOf } from './kubectl-convert.js';
import { sameResources } from './kubectl-owners.js';
import { type FailAt, type PriorityClassInfo, podSpecToTemplate } from './kubectl-template.js';
import { Meta, PodSpecSchema, type RawPod } from './kubectl-schema.js';

const opt = <T extends z.ZodType>(s: T) => s.nullish();
const int = z.number().int();
const intOrString = z.union([z.number(), z.string()]);
const Template = z.object({ metadata: opt(z.object({ labels: opt(z.record(z.string(), z.string())) })), spec: PodSpecSchema });

const Strategy = {
  partition: opt(intOrString),
  maxUnavailable: opt(intOrString),
  maxSurge: opt(intOrString),
  paused: opt(z.boolean()),
  inPlaceUpdateStrategy: opt(z.object({ gracePeriodSeconds: opt(int) })),
};

export const CloneSetSchema = z.object({
  apiVersion: opt(z.string()),
  metadata: Meta,
  spec: z.object({
    replicas: opt(int),
    minReadySeconds: opt(int),
    revisionHistoryLimit: opt(int),
    scaleStrategy: opt(z.object({ maxUnavailable: opt(intOrString) })),
    updateStrategy: opt(
      z.object({
        type: opt(z.string()),
        ...Strategy,
        // apps.kruise.io/v1beta1: type RollingUpdate | OnDelete, the rest under rollingUpdate.
        rollingUpdate: opt(z.object({ podUpdatePolicy: opt(z.string()), ...Strategy })),
      }),
    ),
    template: Template,
  }),
  status: opt(z.object({ updateRevision: opt(z.string()), currentRevision: opt(z.string()) })),
});

export type RawCloneSet = z.infer<typeof CloneSetSchema>;

/** Labels Kruise adds to each pod, not part of the template. */
const POD_ONLY_LABELS = ['controller-revision-hash', 'pod-template-hash', 'apps.kruise.io/cloneset-instance-id', 'lifecycle.apps.kruise.io/state', 'apps.kruise.io/specified-delete'];

const given = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** A CloneSet object, defaulted and validated; `fail` names the field path. */
export function cloneSetFrom(raw: RawCloneSet, fail: FailAt, classes?: ReadonlyMap<string, PriorityClassInfo>): CloneSet {
  const { metadata, spec } = raw;
  const us = spec.updateStrategy;
  const beta = us?.rollingUpdate !== undefined && us?.rollingUpdate !== null;
  const s = beta ? us!.rollingUpdate! : us;
  const base: readonly string[] = beta ? ['spec', 'updateStrategy', 'rollingUpdate'] : ['spec', 'updateStrategy'];
  const path = (f: CloneSetField): readonly string[] => {
    if (f === 'updateStrategy') return beta ? [...base, 'podUpdatePolicy'] : CLONESET_FIELD_PATHS.updateStrategy;
    const p = CLONESET_FIELD_PATHS[f];
    return p[1] === 'updateStrategy' ? [...base, ...p.slice(2)] : p;
  };
  const intOrPct = (v: string | number | null | undefined, f: CloneSetField): IntOrPercent | undefined => {
    if (v === undefined || v === null) return undefined;
    try {
      return parseIntOrPercent(v);
    } catch (e) {
      return fail(path(f), `${JSON.stringify(v)}: ${reasonOf(e)}`);
    }
  };
  // v1beta1's type is RollingUpdate (the policy is podUpdatePolicy) or OnDelete, which Headroom does not model.
  if (beta && us?.type === 'OnDelete') fail(['spec', 'updateStrategy', 'type'], '"OnDelete": Headroom does not simulate a CloneSet that never updates its pods (use RollingUpdate)');
  const type = given(beta ? us!.rollingUpdate!.podUpdatePolicy : us?.type) as CloneSetUpdateType | undefined;
  const check = checkCloneSetSpec({
    replicas: given(spec.replicas),
    updateStrategy: type,
    partition: intOrPct(s?.partition, 'partition'),
    maxUnavailable: intOrPct(s?.maxUnavailable, 'maxUnavailable'),
    maxSurge: intOrPct(s?.maxSurge, 'maxSurge'),
    paused: given(s?.paused),
    inPlaceGraceSeconds: given(s?.inPlaceUpdateStrategy?.gracePeriodSeconds),
    scaleMaxUnavailable: intOrPct(spec.scaleStrategy?.maxUnavailable, 'scaleMaxUnavailable'),
    minReadySeconds: given(spec.minReadySeconds),
    restartPolicy: given(spec.template.spec.restartPolicy),
  });
  if (!check.ok) {
    const p = path(check.field);
    const value = p.reduce<unknown>((o, k) => (o as Record<string, unknown> | null | undefined)?.[k], raw);
    fail(p, value === undefined ? check.detail : `${JSON.stringify(value)}: ${check.detail}`);
  }
  return {
    namespace: metadata.namespace ?? 'default',
    name: metadata.name,
    ...check.spec,
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    template: podSpecToTemplate(spec.template.spec, spec.template.metadata?.labels ?? {}, ['spec', 'template', 'spec'], fail, classes),
  };
}

/** A dumped pod with what attaching it needs. */
export interface CloneSetPodRaw {
  readonly raw: RawPod;
  readonly fail: FailAt;
  readonly classes: ReadonlyMap<string, PriorityClassInfo>;
  readonly created: number | null;
}

/**
 * The dump's CloneSets, and its pods with those whose controller is a CloneSet attached (to the
 * dump's object, or to one inferred from them).
 */
export function attachCloneSetPods(
  cloneSets: readonly { raw: RawCloneSet; value: CloneSet }[],
  pods: readonly InventoryPod[],
  rawPods: ReadonlyMap<string, CloneSetPodRaw>,
): { cloneSets: CloneSet[]; pods: InventoryPod[]; inferred: DumpReport['inferred'][number][]; owners: Set<string> } {
  const byKey = new Map<string, { value: CloneSet; newest: string | null }>();
  for (const c of cloneSets) byKey.set(workloadKey(c.value), { value: c.value, newest: c.raw.status?.updateRevision ?? null });
  const ownerOf = (p: InventoryPod) => (p.ownerKind === 'CloneSet' ? controllerOf(rawPods.get(`${p.namespace}/${p.name}`)!.raw.metadata)?.name : undefined);
  // CloneSets only their pods tell of.
  const orphans = new Map<string, InventoryPod[]>();
  for (const p of pods) {
    const owner = ownerOf(p);
    if (owner === undefined) continue;
    const key = `${p.namespace}/${owner}`;
    if (byKey.has(key)) continue;
    const list = orphans.get(key);
    if (list) list.push(p);
    else orphans.set(key, [p]);
  }
  const inferred: DumpReport['inferred'][number][] = [];
  for (const [key, list] of orphans) {
    const live = list.filter((p) => p.phase !== 'Succeeded' && p.phase !== 'Failed' && p.status?.deletionTimestamp === undefined);
    const sample = [...(live.length ? live : list)].sort((a, b) => (rawPods.get(`${b.namespace}/${b.name}`)!.created ?? 0) - (rawPods.get(`${a.namespace}/${a.name}`)!.created ?? 0))[0];
    const r = rawPods.get(`${sample.namespace}/${sample.name}`)!;
    const labels = Object.fromEntries(Object.entries(r.raw.metadata.labels ?? {}).filter(([k]) => !POD_ONLY_LABELS.includes(k)));
    const raw: RawCloneSet = { metadata: { name: key.slice(key.indexOf('/') + 1), namespace: sample.namespace }, spec: { replicas: live.length, template: { metadata: { labels }, spec: r.raw.spec } } };
    byKey.set(key, { value: cloneSetFrom(raw, r.fail, r.classes), newest: r.raw.metadata.labels?.['controller-revision-hash'] ?? null });
    inferred.push({ kind: 'CloneSet', workload: key, pods: list.length, from: '' });
  }
  const owners = new Set<string>();
  const out = pods.map((p): InventoryPod => {
    const owner = ownerOf(p);
    if (owner === undefined) return p;
    const key = `${p.namespace}/${owner}`;
    const cs = byKey.get(key)!;
    owners.add(key);
    const hash = rawPods.get(`${p.namespace}/${p.name}`)!.raw.metadata.labels?.['controller-revision-hash'];
    const outdated = cs.newest !== null && hash !== undefined && hash !== cs.newest;
    // A pod at the newest revision runs the CloneSet's template. An older one whose resources are
    // the template's is taken to differ in its image only (the dump has no ControllerRevision
    // templates to compare: a pod's own spec carries admission defaults the template lacks), so
    // its revision can be updated in place; otherwise it keeps its own spec.
    const own = p.spec;
    const spec = !outdated ? null : own && sameResources(own, cs.value.template) ? { ...cs.value.template, image: own.image } : own;
    return { ...p, workload: key, workloadKind: 'CloneSet', outdated, spec };
  });
  return { cloneSets: [...byKey.values()].map((c) => c.value), pods: out, inferred, owners };
}
