// Hand-made scenario, results and services for the TUI tests: the screens are tested on data
// whose every figure is known, without running the simulation.
import { InputError } from '../../src/io/errors.js';
import type { Scenario } from '../../src/model/scenario.js';
import type { SimEvent, NodeSample } from '../../src/sim/result.js';
import type { PodStatusRow, PodTimeline, SimResult, WorkloadResult } from '../../src/sim/result.js';
import type { WorkloadRow } from '../../src/sim/sampler.js';
import type { Run } from '../../src/tui/data/runs.js';
import type { SlicedRunCallbacks } from '../../src/tui/hooks/run-sliced.js';
import type { ScenarioEntry } from '../../src/tui/screens/picker/picker-state.js';
import type { Services } from '../../src/tui/services.js';
import { GI, deployment, node, scenario } from '../helpers/scenario.js';

export const DURATION_MS = 600_000;

export function fakeScenario(name = 'fake'): Scenario {
  const s = scenario({
    nodes: [node('n-a1', 'zone-a'), node('n-a2', 'zone-a'), node('n-b1', 'zone-b')],
    deployments: [
      deployment('shop/checkout', { replicas: 4, maxSurge: '25%', maxUnavailable: 0 }, { cpu: 1000, memory: 2 * GI }),
      deployment('shop/cart', { replicas: 2 }, { cpu: 500, memory: GI }),
    ],
    events: [{ at: 120, action: { kind: 'nodeFailure', node: 'n-b1', mode: 'unreachable' } }],
    durationS: DURATION_MS / 1000,
    seed: 7,
  });
  return { ...s, name, file: `scenarios/${name}.yaml`, events: s.events.map((e) => ({ ...e, label: 'node n-b1 fails (unreachable)' })), source: { events: [{}] } };
}

const row = (time: number, desired: number, available: number, extra: Partial<WorkloadRow> = {}): WorkloadRow => ({
  time,
  desired,
  replicas: desired,
  updated: desired,
  ready: available,
  available,
  unavailable: Math.max(0, desired - available),
  pending: 0,
  terminating: 0,
  pdbDesired: null,
  pdbHealthy: null,
  ...extra,
});

function workload(index: number, key: string, samples: WorkloadRow[], evictions = 0): WorkloadResult {
  const [namespace, name] = key.split('/');
  return { index, namespace, name, key, kind: 'Deployment', samples, pdb: null, rolloutStartedAt: -1, rolloutCompletedAt: -1, rolloutStalled: false, evictions, oomKills: 0 };
}

const nodeSample = (time: number, cpu: number, conditions = '', taints = ''): NodeSample => ({
  time,
  cpuRequested: cpu,
  memoryRequested: 4 * GI,
  memoryWorkingSet: 3 * GI,
  memoryAvailable: 28 * GI,
  pods: 3,
  conditions,
  taints,
});

const ev = (time: number, type: 'Normal' | 'Warning', reason: string, object: string, message: string, workload = ''): SimEvent => ({
  time,
  type,
  reason,
  object,
  node: '',
  workload,
  qos: '',
  message,
});

/**
 * checkout (4 replicas) loses 2 available at 120 s when n-b1 fails, one comes back pending →
 * available at 300 s, the other at 420 s: 80 % available. cart stays at 2/2. B (`better`) only
 * loses one, back at 300 s. B `timing` has A's figures, but its 2 terminating pods are gone at
 * 200 s instead of 300 s: the same figures, a different timeline.
 */
export function fakeResult(s: Scenario, variant: boolean | 'timing' = false): SimResult {
  const checkout =
    variant === true
      ? [row(0, 4, 4), row(120_000, 4, 3, { pending: 1 }), row(300_000, 4, 4), row(DURATION_MS, 4, 4)]
      : [
          row(0, 4, 4),
          row(120_000, 4, 2, { pending: 2, terminating: 2 }),
          ...(variant === 'timing' ? [row(200_000, 4, 2, { pending: 2 })] : []),
          row(300_000, 4, 3, { pending: 1 }),
          row(420_000, 4, 4),
          row(DURATION_MS, 4, 4),
        ];
  const better = variant === true;
  return {
    scenario: s,
    durationMs: DURATION_MS,
    workloads: [workload(0, 'shop/checkout', checkout, better ? 1 : 2), workload(1, 'shop/cart', [row(0, 2, 2), row(DURATION_MS, 2, 2)])],
    nodes: [
      { name: 'n-a1', zone: 'zone-a', allocatableCpu: 8000, allocatableMemory: 32 * GI, memoryCapacity: 33 * GI, evictionThreshold: 100 * 1024 ** 2, samples: [nodeSample(0, 2000), nodeSample(300_000, 6000)] },
      { name: 'n-a2', zone: 'zone-a', allocatableCpu: 8000, allocatableMemory: 32 * GI, memoryCapacity: 33 * GI, evictionThreshold: 100 * 1024 ** 2, samples: [nodeSample(0, 2000)] },
      {
        name: 'n-b1',
        zone: 'zone-b',
        allocatableCpu: 8000,
        allocatableMemory: 32 * GI,
        memoryCapacity: 33 * GI,
        evictionThreshold: 100 * 1024 ** 2,
        samples: [nodeSample(0, 2000), nodeSample(160_000, 2000, 'Ready=Unknown', 'node.kubernetes.io/unreachable:NoExecute')],
      },
    ],
    events: [
      ev(120_000, 'Normal', 'WhatIf', 'node/n-b1', 'node n-b1 fails (unreachable)'),
      ev(160_000, 'Normal', 'NodeNotReady', 'node/n-b1', 'Node n-b1 status is now: NodeNotReady'),
      ev(460_000 - 160_000, 'Warning', 'TaintManagerEviction', 'pod/shop/checkout-1-2', 'Marking for deletion Pod shop/checkout-1-2', 'checkout'),
      ev(300_000, 'Warning', 'FailedScheduling', 'pod/shop/checkout-1-5', '0/3 nodes are available: 1 node(s) had untolerated taint', 'checkout'),
      ev(420_000, 'Normal', 'Scheduled', 'pod/shop/checkout-1-5', 'Successfully assigned shop/checkout-1-5 to n-a2', 'checkout'),
    ],
    pods: variant === false ? fakePods() : null,
    stats: { timersFired: 0, schedulingAttempts: 0, podsCreated: 0, routineEventsOmitted: 0 },
  };
}

const ALL = 'PodScheduled;Initialized;ContainersReady;Ready';
const podRow = (time: number, pod: number, node: string, phase: string, status: string, ready: string, restarts = 0, lastRestartAt = -1): PodStatusRow => ({
  time, pod, node, phase, status, ready, restarts, lastRestartAt, conditions: ready === '1/1' ? ALL : 'PodScheduled', readinessGates: '<none>', resize: '', removed: false,
});

/** A's checkout pods, as the story above goes: 1-2 on n-b1 NotReady at 160 s and Terminating at 300 s, its replacement 1-5 Pending until 420 s; 1-1 restarted once at 390 s. */
function fakePods(): PodTimeline {
  const pod = (name: string, createdAt: number) => ({ namespace: 'shop', name, workload: 'checkout', workloadKey: 'shop/checkout', createdAt });
  return {
    pods: [pod('checkout-1-1', 0), pod('checkout-1-2', 0), pod('checkout-1-5', 300_000)],
    rows: [
      podRow(0, 0, 'n-a1', 'Running', 'Running', '1/1'),
      podRow(0, 1, 'n-b1', 'Running', 'Running', '1/1'),
      podRow(160_000, 1, 'n-b1', 'Running', 'Running', '0/1'),
      podRow(300_000, 1, 'n-b1', 'Running', 'Terminating', '0/1'),
      podRow(300_000, 2, '', 'Pending', 'Pending', '0/1'),
      podRow(400_000, 0, 'n-a1', 'Running', 'Running', '1/1', 1, 390_000),
      podRow(420_000, 2, 'n-a2', 'Running', 'Running', '1/1'),
    ],
  };
}

export interface FakeServices extends Services {
  readonly loads: { path: string; sets: readonly string[] }[];
  readonly exports: { a: Run; b: Run | null }[];
}


/** Services over the fake data; a `--set` containing "bad" fails like the loader does. */
export function fakeServices(opts: { entries?: ScenarioEntry[]; failRun?: string } = {}): FakeServices {
  const loads: { path: string; sets: readonly string[] }[] = [];
  const exports: { a: Run; b: Run | null }[] = [];
  return {
    loads,
    exports,
    listScenarios: async () => opts.entries ?? [{ path: 'scenarios/fake.yaml', label: 'scenarios/fake.yaml', name: 'fake', description: 'a fake scenario' }],
    loadScenario: async (path, sets) => {
      loads.push({ path, sets });
      if (path.includes('missing')) throw new InputError('no such file', { file: path });
      const bad = sets.find((x) => x.includes('bad'));
      if (bad) throw new InputError(`"bad" is not an int or percent (from --set ${bad})`, { file: path, path: 'workloads.shop/checkout.maxSurge' });
      return { ...fakeScenario(), overrides: [...sets] };
    },
    run: (s: Scenario, cb: SlicedRunCallbacks) => {
      let live = true;
      setImmediate(() => {
        if (!live) return;
        if (opts.failRun) return cb.onError(new Error(opts.failRun));
        cb.onProgress({ simMs: DURATION_MS / 2, durationMs: DURATION_MS, wallMs: 1 });
        const variant = s.overrides.some((o) => o.includes('tolerationSeconds')) ? 'timing' : s.overrides.length > 0;
        setImmediate(() => live && cb.onDone(fakeResult(s, variant), 5));
      });
      return () => {
        live = false;
      };
    },
    exportRuns: (a, b) => {
      exports.push({ a, b });
      return b ? ['/tmp/reports/fake-1-compare'] : ['/tmp/reports/fake-1'];
    },
  };
}
