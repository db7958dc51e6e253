// Hand-built SimResults for report tests: timelines are written out as step functions, so the
// expected figures can be worked out on paper.
import type { NodeResult, SimResult, WorkloadResult } from '../../src/sim/result.js';
import type { NodeSample, SimEvent } from '../../src/sim/result.js';
import type { WorkloadRow } from '../../src/sim/sampler.js';
import type { ScenarioEvent } from '../../src/model/scenario.js';
import { GI, node, scenario } from '../helpers/scenario.js';

/** A sample: time in seconds plus the counts that matter (the rest default to a steady state). */
export type S = { t: number; desired: number; available: number } & Partial<Omit<WorkloadRow, 'time'>>;

export function samples(rows: readonly S[]): WorkloadRow[] {
  return rows.map(({ t, ...r }) => ({
    time: t * 1000,
    replicas: r.available,
    updated: r.available,
    ready: r.available,
    unavailable: Math.max(0, r.desired - r.available),
    pending: 0,
    terminating: 0,
    pdbDesired: null,
    pdbHealthy: null,
    ...r,
  }));
}

export function workload(key: string, rows: readonly S[], over: Partial<WorkloadResult> = {}, index = 0): WorkloadResult {
  const [namespace, name] = key.split('/');
  return {
    index,
    namespace,
    name,
    key,
    kind: 'Deployment',
    samples: samples(rows),
    pdb: null,
    rolloutStartedAt: -1,
    rolloutCompletedAt: -1,
    rolloutStalled: false,
    evictions: 0,
    oomKills: 0,
    ...over,
  };
}

export function nodeSample(t: number, over: Partial<Omit<NodeSample, 'time'>> = {}): NodeSample {
  return {
    time: t * 1000,
    cpuRequested: 1000,
    memoryRequested: 4 * GI,
    memoryWorkingSet: 3 * GI,
    memoryAvailable: 29 * GI,
    pods: 3,
    conditions: '',
    taints: '',
    ...over,
  };
}

export function nodeResult(name: string, zone: string, s: readonly NodeSample[], over: Partial<NodeResult> = {}): NodeResult {
  return {
    name,
    zone,
    allocatableCpu: 8000,
    allocatableMemory: 30 * GI,
    memoryCapacity: 32 * GI,
    evictionThreshold: 100 * 1024 ** 2,
    samples: s,
    ...over,
  };
}


export interface ResultSpec {
  durationS: number;
  workloads?: WorkloadResult[];
  nodes?: NodeResult[];
  events?: SimEvent[];
  scenarioEvents?: { at: number; label: string }[];
  name?: string;
  overrides?: string[];
  routineEventsOmitted?: number;
}

export function result(spec: ResultSpec): SimResult {
  const base = scenario({ nodes: [node('n1', 'zone-a')], deployments: [], durationS: spec.durationS });
  const events: ScenarioEvent[] = (spec.scenarioEvents ?? []).map((e, index) => ({
    atMs: e.at * 1000,
    index,
    label: e.label,
    action: { kind: 'cordon', node: 'n1' },
  }));
  return {
    scenario: { ...base, name: spec.name ?? 'hand-made', events, overrides: spec.overrides ?? [], source: { name: spec.name ?? 'hand-made', duration: `${spec.durationS}s` } },
    durationMs: spec.durationS * 1000,
    workloads: (spec.workloads ?? []).map((w, index) => ({ ...w, index })),
    nodes: spec.nodes ?? [],
    events: spec.events ?? [],
    stats: { timersFired: 0, schedulingAttempts: 0, podsCreated: 0, routineEventsOmitted: spec.routineEventsOmitted ?? 0 },
  };
}

export function event(t: number, reason: string, over: Partial<SimEvent> = {}): SimEvent {
  return { time: t * 1000, type: 'Normal', reason, object: 'pod/shop/web-1-1', node: 'n1', workload: 'web', qos: 'Burstable', message: reason, ...over };
}
