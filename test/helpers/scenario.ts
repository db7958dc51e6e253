// Builders for in-memory inventories and scenarios, so simulation tests state only what matters.
import { DEPLOYMENT_DEFAULTS, defaultTemplate } from '../../src/io/template.js';
import { clusterDefaults } from '../../src/model/cluster-defaults.js';
import type { ReplicaSetLike } from '../../src/sim/controllers/deployment/util.js';
import type { ClusterConfig, Scenario, ScenarioAction, ScenarioEvent } from '../../src/model/scenario.js';
import type { CloneSet, DaemonSet, Deployment, InventoryPod, Job, NodeSpec, PodDisruptionBudget, PodTemplate, Probe, StatefulSet } from '../../src/model/types.js';
import { JOB_DEFAULTS } from '../../src/model/job-spec.js';
import { CLONESET_DEFAULTS } from '../../src/model/cloneset.js';
import { DAEMONSET_DEFAULTS, STATEFULSET_DEFAULTS } from '../../src/model/workloads.js';

export const GI = 1024 ** 3;
export const MI = 1024 ** 2;

export type TemplateOver = Partial<PodTemplate> & { cpu?: number; memory?: number; memoryLimit?: number };

export function template(over: TemplateOver = {}): PodTemplate {
  const { cpu = 100, memory = 128 * MI, memoryLimit, ...rest } = over;
  return {
    ...defaultTemplate('app'),
    labels: {},
    image: 'app:1',
    containers: [{ name: 'app', requests: { cpu, memory }, limits: memoryLimit !== undefined ? { memory: memoryLimit } : {} }],
    ...rest,
  };
}

export const probe = (over: Partial<Probe> = {}): Probe => ({
  periodSeconds: 10,
  initialDelaySeconds: 0,
  successThreshold: 1,
  failureThreshold: 3,
  ...over,
});

export function deployment(key: string, over: Partial<Deployment> = {}, tpl: TemplateOver = {}): Deployment {
  const [namespace, name] = key.split('/');
  return {
    ...DEPLOYMENT_DEFAULTS,
    namespace,
    name,
    replicas: 10,
    template: template({ labels: { app: name }, ...tpl }),
    ...over,
  };
}

/** A StatefulSet (no volume claims unless given), template labelled app=<name>. */
export function statefulSet(key: string, over: Partial<StatefulSet> = {}, tpl: TemplateOver = {}): StatefulSet {
  const [namespace, name] = key.split('/');
  return { ...STATEFULSET_DEFAULTS, namespace, name, replicas: 3, template: template({ labels: { app: name }, ...tpl }), ...over };
}

export function daemonSet(key: string, over: Partial<DaemonSet> = {}, tpl: TemplateOver = {}): DaemonSet {
  const [namespace, name] = key.split('/');
  return { ...DAEMONSET_DEFAULTS, namespace, name, template: template({ labels: { app: name }, ...tpl }), ...over };
}

/** A Job (completions 1, parallelism 1, backoffLimit 6, OnFailure), template labelled app=<name>. */
export function job(key: string, over: Partial<Job> = {}, tpl: TemplateOver = {}): Job {
  const [namespace, name] = key.split('/');
  return {
    namespace,
    name,
    completions: 1,
    parallelism: 1,
    backoffLimit: JOB_DEFAULTS.backoffLimit,
    completionMode: 'NonIndexed',
    activeDeadlineSeconds: null,
    podReplacementPolicy: 'TerminatingOrFailed',
    suspend: false,
    podFailurePolicy: null,
    template: template({ labels: { app: name }, restartPolicy: 'OnFailure', ...tpl }),
    ...over,
  };
}

/** An OpenKruise CloneSet (ReCreate, maxUnavailable 20% unless given), template labelled app=<name>. */
export function cloneSet(key: string, over: Partial<CloneSet> = {}, tpl: TemplateOver = {}): CloneSet {
  const [namespace, name] = key.split('/');
  return { ...CLONESET_DEFAULTS, namespace, name, replicas: 4, template: template({ labels: { app: name }, ...tpl }), ...over };
}

export function node(name: string, zone = 'zone-a', over: Partial<NodeSpec> & { cpu?: number; memory?: number; pods?: number } = {}): NodeSpec {
  const { cpu = 8000, memory = 32 * GI, pods = 110, ...rest } = over;
  return {
    name,
    zone,
    labels: {},
    taints: [],
    unschedulable: false,
    allocatable: { cpu, memory, pods },
    memoryCapacity: null,
    ...rest,
  };
}

export interface ScenarioSpec {
  nodes: NodeSpec[];
  deployments: Deployment[];
  statefulSets?: StatefulSet[];
  daemonSets?: DaemonSet[];
  jobs?: Job[];
  cloneSets?: CloneSet[];
  pods?: InventoryPod[];
  pdbs?: PodDisruptionBudget[];
  events?: { at: number; action: ScenarioAction }[];
  durationS?: number;
  seed?: number;
  cluster?: Partial<ClusterConfig>;
}

export function scenario(s: ScenarioSpec): Scenario {
  const events: ScenarioEvent[] = (s.events ?? []).map((e, index) => ({
    atMs: e.at * 1000,
    index,
    action: e.action,
    label: `${e.action.kind}`,
  }));
  events.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
  return {
    name: 'test',
    file: '',
    inventory: {
      nodes: s.nodes,
      deployments: s.deployments,
      ...(s.statefulSets ? { statefulSets: s.statefulSets } : {}),
      ...(s.daemonSets ? { daemonSets: s.daemonSets } : {}),
      ...(s.jobs ? { jobs: s.jobs } : {}),
      ...(s.cloneSets ? { cloneSets: s.cloneSets } : {}),
      pods: s.pods ?? [],
      pdbs: s.pdbs ?? [],
      hasPodPlacement: s.pods !== undefined,
    },
    durationMs: (s.durationS ?? 300) * 1000,
    seed: s.seed ?? 1,
    cluster: { ...clusterDefaults('1.34'), ...s.cluster },
    events,
    source: {},
    overrides: [],
  };
}

/** A rollout of a new template revision (same spec unless `over` changes it). */
export function rollout(at: number, d: Pick<Deployment, 'namespace' | 'name' | 'template'>, over: TemplateOver = {}): { at: number; action: ScenarioAction } {
  return { at, action: { kind: 'rollout', workload: `${d.namespace}/${d.name}`, template: { ...d.template, ...templatePatch(d.template, over) } } };
}

function templatePatch(t: PodTemplate, over: TemplateOver): Partial<PodTemplate> {
  const { cpu, memory, memoryLimit, ...rest } = over;
  const c = t.containers[0];
  const containers =
    cpu !== undefined || memory !== undefined || memoryLimit !== undefined
      ? [
          {
            ...c,
            requests: { cpu: cpu ?? c.requests.cpu, memory: memory ?? c.requests.memory },
            limits: memoryLimit !== undefined ? { ...c.limits, memory: memoryLimit } : c.limits,
          },
        ]
      : t.containers;
  return { ...rest, containers, image: `${t.image}-next` };
}

/** The value of a workload column in effect at time `s` (seconds), from a step timeline. */
export function at<T extends { time: number }>(rows: readonly T[], s: number, col: keyof T): T[keyof T] {
  let v: T[keyof T] | undefined;
  for (const r of rows) if (r.time <= s * 1000) v = r[col];
  if (v === undefined) throw new Error(`no sample at ${s}s`);
  return v;
}

/** A mutable ReplicaSetLike for the deployment controller's table tests. */
export type TestRS = { -readonly [K in keyof ReplicaSetLike]: ReplicaSetLike[K] };

export const testRS = (name: string, spec: number, createdSeq = 0, availableReplicas = 0): TestRS => ({
  name,
  createdSeq,
  spec,
  availableReplicas,
  maxReplicasAnnotation: null,
  desiredReplicasAnnotation: null,
});
