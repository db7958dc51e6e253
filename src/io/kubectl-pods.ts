// A dump's pods → InventoryPods: each with its owner (kubectl-owners.ts for Deployments and
// ReplicaSets, kubectl-sets.ts for StatefulSets and DaemonSets), its own spec unless it runs its
// revision's template, and its state at the dump's moment (kubectl-state.ts); and what inspect
// reports about them (workloads inferred, pods held as they are, naked pods, STATUS counts).
import type { DumpReport, Inventory, InventoryPod, PodTemplate, WorkloadKind } from '../model/types.js';
import type { PathSegment } from './yaml-source.js';
import { type FailAt, type PriorityClassInfo, podSpecToTemplate } from './kubectl-template.js';
import { type DumpDeployment, type DumpPod, resolveOwnership, sameResources, withAdmissionOf } from './kubectl-owners.js';
import { type Clock, kubectlStatus, podState } from './kubectl-state.js';
import { controllerOf, type replicaSetFrom } from './kubectl-convert.js';
import { type SetPod, collectSets } from './kubectl-sets.js';
import type { RawPod } from './kubectl-schema.js';
import type { RawControllerRevision } from './kubectl-workloads.js';

/** A dumped pod as read: its object, and what only its raw form tells. */
export interface PodFound {
  readonly raw: RawPod;
  /** A pending DaemonSet pod's node (its node affinity), the claims it mounts. */
  readonly daemonTarget: string | null;
  readonly claims: readonly string[];
}

/** Where a dumped object sits (the reader's Loc). */
interface Located {
  readonly src: number;
  readonly doc: number;
  readonly path: readonly PathSegment[];
}

type Found<T> = Located & { readonly obj: T };

/** What reading the pods needs from the dump reader. */
export interface PodsCtx {
  failAt(f: Located): FailAt;
  where(f: Located): string;
  readonly clock: Clock;
  readonly classes: ReadonlyMap<string, PriorityClassInfo>;
  readonly revisions: readonly RawControllerRevision[];
}

export function readPods(
  found: readonly Found<PodFound>[],
  ctx: PodsCtx,
  nodes: ReadonlySet<string>,
  deployments: Map<string, DumpDeployment>,
  replicaSets: ReturnType<typeof replicaSetFrom>[],
  statefulSets: Parameters<typeof collectSets>[0],
  daemonSets: Parameters<typeof collectSets>[1],
): Pick<Inventory, 'pods' | 'deployments' | 'statefulSets' | 'daemonSets'> & { report: Pick<DumpReport, 'inferred' | 'heldAsIs' | 'nakedPods' | 'podsNotRunning'> } {
  const seen = new Map<string, Found<PodFound>>();
  const base: { pod: InventoryPod; dump: DumpPod; set: SetPod; found: PodFound }[] = [];
  const notRunning: Record<string, number> = {};
  let naked = 0;
  for (const f of found) {
    const { metadata, spec, status } = f.obj.raw;
    const namespace = metadata.namespace ?? 'default';
    const key = `${namespace}/${metadata.name}`;
    const first = seen.get(key);
    if (first) ctx.failAt(f)(['metadata', 'name'], `duplicate Pod "${key}" (also at ${ctx.where(first)})`);
    seen.set(key, f);
    const fail = ctx.failAt(f);
    const phase = status?.phase ?? 'Pending';
    const st = podState(f.obj.raw, ctx.clock, fail);
    const ready = phase === 'Running' && (status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    const word = kubectlStatus(f.obj.raw, ready, st);
    if (word) notRunning[word] = (notRunning[word] ?? 0) + 1;
    const owner = controllerOf(metadata);
    if (!owner || owner.kind === 'Node') naked++;
    const own = podSpecToTemplate(spec, metadata.labels ?? {}, ['spec'], fail, ctx.classes);
    const active = phase !== 'Succeeded' && phase !== 'Failed' && st.deletionTimestamp === undefined;
    const created = ctx.clock.time(metadata.creationTimestamp, ['metadata', 'creationTimestamp'], fail) ?? null;
    base.push({
      pod: {
        namespace,
        name: metadata.name,
        workload: null,
        ownerKind: owner?.kind ?? null,
        node: spec.nodeName ?? null,
        phase,
        ready,
        spec: own,
        memoryUsage: null,
        ...(Object.keys(st).length ? { status: st } : {}),
      },
      dump: { namespace, name: metadata.name, owner, labels: metadata.labels ?? {}, own, active, created },
      set: { raw: f.obj.raw, namespace, owner, own, active, created, claims: f.obj.claims, fail },
      found: f.obj,
    });
  }
  const owned = resolveOwnership(deployments, replicaSets, base.map((b) => b.dump));
  const sets = collectSets(statefulSets, daemonSets, ctx.revisions, base.map((b) => b.set));
  const pods = base.flatMap((b, i): InventoryPod[] => {
    const o = owned.pods[i];
    const owner = b.dump.owner;
    if (owner?.kind !== 'StatefulSet' && owner?.kind !== 'DaemonSet') {
      return [{ ...b.pod, workload: o.workload, spec: o.spec, ...(o.replicaSet !== undefined ? { replicaSet: o.replicaSet } : {}) }];
    }
    const kind: WorkloadKind = owner.kind;
    const wkey = `${b.pod.namespace}/${owner.name}`;
    const set = kind === 'StatefulSet' ? sets.statefulSets.get(wkey) : sets.daemonSets.get(wkey);
    if (!set) return [b.pod];
    const hash = b.found.raw.metadata.labels?.['controller-revision-hash'];
    // A pod not at the newest revision (StatefulSet status.updateRevision, the DaemonSet's newest
    // ControllerRevision) runs an older template: its own spec.
    const outdated = set.newest !== null && hash !== undefined && hash !== set.newest;
    if (!outdated) set.value = withAdmissionOf(set.value, b.dump.own);
    const current = !outdated && sameResources(b.dump.own, set.value.template);
    let pinned: PodTemplate | null = null;
    // A pending DaemonSet pod keeps the node its controller pinned it to. Pinned to a node the
    // dump lacks, the controller deletes it (getUnscheduledPodsWithoutNode): left out.
    if (kind === 'DaemonSet' && b.pod.node === null && b.found.daemonTarget !== null) {
      if (!nodes.has(b.found.daemonTarget)) return [];
      pinned = { ...b.dump.own, requiredNodeName: b.found.daemonTarget };
    }
    return [{ ...b.pod, workload: wkey, workloadKind: kind, outdated, spec: pinned ?? (current ? null : b.dump.own) }];
  });
  return {
    pods,
    deployments: owned.deployments,
    statefulSets: [...sets.statefulSets.values()].map((s) => s.value),
    daemonSets: [...sets.daemonSets.values()].map((d) => d.value),
    report: {
      inferred: [...owned.inferred, ...sets.inferred],
      heldAsIs: owned.heldAsIs.filter((h) => h.kind !== 'StatefulSet' && h.kind !== 'DaemonSet'),
      nakedPods: naked,
      podsNotRunning: notRunning,
    },
  };
}
