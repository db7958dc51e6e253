// A small cluster for replaying the scheduler's vectors (test/fixtures/vectors-scheduling.json):
// nodes with exactly the labels a vector lists, pods bound where it says (terminating ones being
// deleted), and Headroom's own scheduler over them — so each vector runs the code the simulation
// runs (PodGroups, CycleState, the plugins, preemption).
import type { Affinity } from '../../src/model/affinity.js';
import { clusterDefaults } from '../../src/model/cluster-defaults.js';
import { parseBytes, parseCpu } from '../../src/model/quantity.js';
import type { PodTemplate, Taint, TaintEffect, TopologySpread } from '../../src/model/types.js';
import { LABEL_ZONE } from '../../src/model/well-known.js';
import { CycleState } from '../../src/sim/controllers/scheduler/framework.js';
import { Scheduler } from '../../src/sim/controllers/scheduler/scheduler.js';
import { Engine } from '../../src/sim/engine/engine.js';
import { makeStreams } from '../../src/sim/engine/rng.js';
import { ClusterState } from '../../src/sim/state/cluster-state.js';
import { Recorder } from '../../src/sim/state/events.js';
import { SimNode, type SimPod } from '../../src/sim/state/objects.js';
import { template } from './scenario.js';

export interface VNode {
  name: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  allocatable?: { cpu?: string; memory?: string; pods?: number };
}

export interface VSpread {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: TopologySpread['labelSelector'];
  minDomains?: number;
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
  matchLabelKeys?: string[];
}

export interface VPod {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  node?: string;
  priority?: number;
  requests?: { cpu?: string; memory?: string };
  startTime?: number;
  terminating?: boolean;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  topologySpreadConstraints?: VSpread[];
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  nominatedNodeName?: string;
  conditions?: { type: string; status: string; reason?: string }[];
}

const BIG = { cpu: 1_000_000, memory: 2 ** 50, pods: 1000 };

export class TestCluster {
  readonly engine = new Engine();
  readonly c: ClusterState;
  readonly sched: Scheduler;
  private seq = 0;

  constructor(nodes: readonly VNode[], namespaceLabels: Record<string, Record<string, string>> = {}) {
    const streams = makeStreams(1);
    this.c = new ClusterState(this.engine, clusterDefaults('1.34'), new Recorder(), streams.workload);
    nodes.forEach((v, i) => {
      const labels = v.labels ?? {};
      const a = v.allocatable;
      const cpu = a ? (a.cpu !== undefined ? parseCpu(a.cpu) : 0) : BIG.cpu;
      const memory = a ? (a.memory !== undefined ? parseBytes(a.memory) : 0) : BIG.memory;
      const pods = a ? (a.pods ?? 110) : BIG.pods;
      const taints: Taint[] = (v.taints ?? []).map((t) => ({ key: t.key, value: t.value ?? '', effect: t.effect as TaintEffect }));
      this.c.addNode(new SimNode(i, v.name, labels[LABEL_ZONE] ?? '', labels, taints, false, cpu, memory, pods, memory, 10_000));
    });
    for (const [ns, labels] of Object.entries(namespaceLabels)) this.c.namespaces.set(ns, labels);
    this.sched = new Scheduler(this.c, streams.scheduler, () => {}, { engine: this.engine, preemption: streams.preemption });
  }

  node(name: string): SimNode {
    return this.c.nodeByName.get(name)!;
  }

  /** A pod as the vector describes it: bound (and maybe terminating) when it names a node, else pending. */
  pod(v: VPod): SimPod {
    const ns = v.namespace ?? '';
    if (!this.c.namespaces.has(ns)) this.c.namespaces.set(ns, {});
    const p = this.c.createPod(ns, v.name ?? `pod-${this.seq++}`, null, templateOf(v));
    if (v.node !== undefined) {
      const n = this.node(v.node);
      if (n) {
        this.c.updatePod(p, (q) => {
          q.node = n;
          q.scheduledAt = v.startTime ?? 0;
        });
      }
      if (v.terminating) {
        const preempted = (v.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
        this.c.deletePod(p, 30, preempted ? 'PreemptionByScheduler' : null);
      }
    } else if (v.nominatedNodeName !== undefined) this.sched.nominate(p, this.node(v.nominatedNodeName));
    return p;
  }

  /** The incoming pod's PreFilter state. */
  state(p: SimPod): CycleState {
    return new CycleState(p, this.sched.groups.groupOf(p), this.sched.ctx);
  }
}

export function templateOf(v: VPod): PodTemplate {
  const r = v.requests ?? {};
  const spread: TopologySpread[] = (v.topologySpreadConstraints ?? []).map((c) => ({
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    whenUnsatisfiable: c.whenUnsatisfiable,
    // A vector without a selector means Kubernetes' nil selector (not Headroom's own-labels shorthand).
    labelSelector: c.labelSelector ?? null,
    ...(c.minDomains !== undefined ? { minDomains: c.minDomains } : {}),
    ...(c.nodeAffinityPolicy ? { nodeAffinityPolicy: c.nodeAffinityPolicy } : {}),
    ...(c.nodeTaintsPolicy ? { nodeTaintsPolicy: c.nodeTaintsPolicy } : {}),
    ...(c.matchLabelKeys ? { matchLabelKeys: c.matchLabelKeys } : {}),
  }));
  const t = template({
    cpu: r.cpu !== undefined ? parseCpu(r.cpu) : 0,
    memory: r.memory !== undefined ? parseBytes(r.memory) : 0,
    labels: v.labels ?? {},
    priority: v.priority ?? 0,
    nodeSelector: v.nodeSelector ?? {},
    topologySpread: spread,
    tolerations: [],
  });
  return {
    ...t,
    ...(v.affinity ? { affinity: v.affinity } : {}),
    ...(v.preemptionPolicy ? { preemptionPolicy: v.preemptionPolicy } : {}),
    containers: [{ name: 'app', requests: { ...(r.cpu !== undefined ? { cpu: parseCpu(r.cpu) } : {}), ...(r.memory !== undefined ? { memory: parseBytes(r.memory) } : {}) }, limits: {} }],
  };
}
