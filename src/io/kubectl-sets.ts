// StatefulSet and DaemonSet pods of a kubectl dump: attached to the dump's StatefulSet and
// DaemonSet objects (kubectl-workloads.ts converts those), or — in a dump of pods only — to
// workloads inferred from their owner references, built as the same objects the loader builds
// from a StatefulSet or DaemonSet (statefulSetFrom / daemonSetFrom on what the pods show: their
// spec as template, their count as replicas, their volume claims as claim templates). A pod
// whose controller-revision-hash is not its workload's newest runs an older revision (a dump
// taken mid-rollout: the rollout resumes).
import { z } from 'zod';
import type { DaemonSet, DumpReport, PodTemplate, StatefulSet, WorkloadKind } from '../model/types.js';
import { workloadKey } from '../model/types.js';
import { parentNameAndOrdinal } from '../model/workloads.js';
import type { FailAt } from './kubectl-template.js';
import type { RawPod } from './kubectl-schema.js';
import {
  type RawControllerRevision,
  type RawDaemonSet,
  type RawStatefulSet,
  daemonSetCurrentHash,
  daemonSetFrom,
  statefulSetFrom,
} from './kubectl-workloads.js';

const REVISION_HASH = 'controller-revision-hash';
/** Labels the StatefulSet and DaemonSet controllers add to each pod, not part of the template. */
const POD_ONLY_LABELS = [REVISION_HASH, 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'pod-template-generation'];

/** The persistent volume claims a pod mounts (a StatefulSet pod's: `<template>-<set>-<ordinal>`). */
export const PodClaimsSchema = z.object({
  spec: z
    .object({
      volumes: z
        .array(z.object({ persistentVolumeClaim: z.object({ claimName: z.string() }).nullish() }))
        .nullish(),
    })
    .nullish(),
});

/** One dumped pod as this module needs it. */
export interface SetPod {
  readonly raw: RawPod;
  readonly namespace: string;
  readonly owner: { readonly kind: string; readonly name: string } | undefined;
  readonly own: PodTemplate;
  readonly active: boolean;
  readonly created: number | null;
  /** Claim names it mounts. */
  readonly claims: readonly string[];
  readonly fail: FailAt;
}

/** A StatefulSet or DaemonSet, as read (or inferred) and as converted. */
export interface SetEntry<T> {
  value: T;
  /** Hash of the newest revision (null: every pod is current). */
  readonly newest: string | null;
}

export interface Sets {
  readonly statefulSets: Map<string, SetEntry<StatefulSet>>;
  readonly daemonSets: Map<string, SetEntry<DaemonSet>>;
  readonly inferred: DumpReport['inferred'][number][];
}

/**
 * The dump's StatefulSets and DaemonSets by `namespace/name`, plus those its pods name but the
 * dump does not have (inferred from the pods).
 */
export function collectSets(
  statefulSets: readonly { raw: RawStatefulSet; value: StatefulSet }[],
  daemonSets: readonly { raw: RawDaemonSet; value: DaemonSet }[],
  revisions: readonly RawControllerRevision[],
  pods: readonly SetPod[],
): Sets {
  const byOwner = new Map<string, SetPod[]>();
  for (const p of pods) {
    if (p.owner?.kind !== 'StatefulSet' && p.owner?.kind !== 'DaemonSet') continue;
    const k = `${p.owner.kind}/${p.namespace}/${p.owner.name}`;
    const list = byOwner.get(k);
    if (list) list.push(p);
    else byOwner.set(k, [p]);
  }
  const out: Sets = { statefulSets: new Map(), daemonSets: new Map(), inferred: [] };
  for (const s of statefulSets) out.statefulSets.set(workloadKey(s.value), { value: s.value, newest: s.raw.status?.updateRevision ?? null });
  for (const d of daemonSets) {
    const ns = d.raw.metadata.namespace ?? 'default';
    const hashes = (byOwner.get(`DaemonSet/${workloadKey(d.value)}`) ?? []).flatMap((p) => p.raw.metadata.labels?.[REVISION_HASH] ?? []);
    const newest = daemonSetCurrentHash(d.raw, revisions.filter((r) => (r.metadata.namespace ?? 'default') === ns), hashes);
    out.daemonSets.set(workloadKey(d.value), { value: d.value, newest });
  }
  for (const [k, list] of byOwner) {
    const kind = k.slice(0, k.indexOf('/')) as WorkloadKind;
    const key = k.slice(kind.length + 1);
    const has = kind === 'StatefulSet' ? out.statefulSets.has(key) : out.daemonSets.has(key);
    if (has) continue;
    const inferred = inferSet(kind, list);
    if (!inferred) continue;
    if (kind === 'StatefulSet') out.statefulSets.set(key, inferred as SetEntry<StatefulSet>);
    else out.daemonSets.set(key, inferred as SetEntry<DaemonSet>);
    out.inferred.push({ kind, workload: key, pods: list.length, from: '' });
  }
  return out;
}

/**
 * A StatefulSet or DaemonSet known only from its pods, built as if the dump had it: the API
 * defaults, the newest revision's pod spec as template (the hash of the highest ordinal — a
 * StatefulSet updates from the last ordinal down — or of the newest DaemonSet pod), a
 * StatefulSet's replicas = its active pods and its claim templates from the claims its pods mount.
 */
function inferSet(kind: WorkloadKind, pods: readonly SetPod[]): SetEntry<StatefulSet | DaemonSet> | null {
  const live = pods.filter((p) => p.active);
  const sample = newestOf(kind, live.length ? live : pods);
  if (!sample) return null;
  const name = sample.owner!.name;
  const labels = Object.fromEntries(Object.entries(sample.raw.metadata.labels ?? {}).filter(([k]) => !POD_ONLY_LABELS.includes(k)));
  const template = { metadata: { labels }, spec: withoutDaemonPin(sample.raw.spec) };
  const metadata = { name, namespace: sample.namespace };
  const newest = sample.raw.metadata.labels?.[REVISION_HASH] ?? null;
  if (kind === 'StatefulSet') {
    const ordinal = parentNameAndOrdinal(sample.raw.metadata.name).ordinal;
    const suffix = `-${name}-${ordinal}`;
    const claims = sample.claims.filter((c) => c.endsWith(suffix)).map((c) => c.slice(0, -suffix.length));
    const raw: RawStatefulSet = {
      metadata,
      spec: { replicas: live.length, template, volumeClaimTemplates: claims.map((c) => ({ metadata: { name: c } })) },
      status: newest ? { updateRevision: newest } : undefined,
    };
    return { value: statefulSetFrom(raw, sample.fail), newest };
  }
  const raw: RawDaemonSet = { metadata, spec: { template } };
  return { value: daemonSetFrom(raw, sample.fail), newest };
}

/** The pod whose revision is the newest: highest ordinal (StatefulSet), newest creation (DaemonSet). */
function newestOf(kind: WorkloadKind, pods: readonly SetPod[]): SetPod | undefined {
  let best: SetPod | undefined;
  let bestRank = -Infinity;
  for (const p of pods) {
    const rank = kind === 'StatefulSet' ? parentNameAndOrdinal(p.raw.metadata.name).ordinal : (p.created ?? -Infinity);
    if (!best || rank > bestRank) {
      best = p;
      bestRank = rank;
    }
  }
  return best;
}

/** A DaemonSet pod's spec without the node its controller pinned it to (not the template's). */
function withoutDaemonPin(spec: RawPod['spec']): RawPod['spec'] {
  return { ...spec, nodeName: undefined };
}
