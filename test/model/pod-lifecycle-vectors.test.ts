// Replays every table of test/fixtures/vectors-pod-lifecycle.json (transcribed from Kubernetes'
// own unit tests) that is a pure model rule: kubectl's printPod (printers_test.go), getPhase
// (kubelet_pods_test.go), the Initialized / ContainersReady / Ready conditions (generate_test.go),
// PodRequests with status resources (component-helpers helpers_test.go) and the kubelet's
// resize decision (allocation_manager_test.go TestHandlePodResourcesResize). The kubelet-side
// tables (computePodActions, Backoff) are in test/sim/controllers/kubelet/pod-actions.test.ts.
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/vectors-pod-lifecycle.json' with { type: 'json' };
import { parseBytes, parseCpu } from '../../src/model/quantity.js';
import { getPhase, type ContainerStatusView, type PodConditionView, type PodSpecView } from '../../src/model/pod-status.js';
import { areContainersReady, containersReadyCondition, isPodInitialized, podInitializedCondition, podReadyCondition } from '../../src/model/pod-conditions.js';
import { humanDuration, printPod, type PrintablePod } from '../../src/model/print-pod.js';
import { podRequestsWithStatus } from '../../src/model/resources.js';
import { decideResize, isResizeInProgress } from '../../src/model/resize.js';
import type { Container, ResourceList, RestartPolicy } from '../../src/model/types.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NOW = 400 * 86_400_000; // far enough from 0 for "20d ago"
const UNIT: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const ago = (text: string): number => NOW - Number(text.slice(0, -1)) * UNIT[text.slice(-1)];

/** A vector container status ({ready, started, restartCount, state, lastTerminatedAgo}) → the view. */
function status(v: Json): ContainerStatusView & { name: string } {
  const st = v.state ?? {};
  const kind = st.running ? 'running' : st.waiting ? 'waiting' : st.terminated ? 'terminated' : '';
  const detail = st.waiting ?? st.terminated ?? {};
  return {
    name: v.name ?? '',
    state: kind,
    reason: detail.reason ?? '',
    exitCode: st.terminated?.exitCode ?? 0,
    signal: st.terminated?.signal ?? 0,
    ready: v.ready ?? false,
    started: v.started ?? null,
    restartCount: v.restartCount ?? 0,
    lastExitCode: v.lastTerminatedAgo ? 0 : null,
    lastFinishedAt: v.lastTerminatedAgo ? ago(v.lastTerminatedAgo) : -1,
  };
}

/** `containers: 2` = two unnamed containers; or a list of {name, restartPolicy}. */
const named = (v: number | Json[] | undefined): { name: string; sidecar?: boolean }[] =>
  typeof v === 'number' ? Array.from({ length: v }, () => ({ name: '' })) : (v ?? []).map((c) => ({ name: c.name, sidecar: c.restartPolicy === 'Always' }));

function printable(input: Json): PrintablePod {
  const s = input.status;
  return {
    deleted: input.deletionTimestamp === true,
    spec: {
      initContainers: named(input.spec.initContainers),
      containers: named(input.spec.containers),
      readinessGates: input.spec.readinessGates ?? [],
      nodeName: input.spec.nodeName ?? '',
    },
    status: {
      phase: s.phase,
      reason: s.reason ?? '',
      conditions: (s.conditions ?? []) as PodConditionView[],
      initContainerStatuses: (s.initContainerStatuses ?? []).map(status),
      containerStatuses: (s.containerStatuses ?? []).map(status),
      podIPs: s.podIPs ?? [],
      nominatedNodeName: s.nominatedNodeName ?? '',
    },
  };
}

const PRINT_TABLES = ['printPod', 'printPod.restartableInitContainers', 'printPod.conditions', 'printPod.list', 'printPod.nonTerminated'] as const;

describe('printPod (printers_test.go)', () => {
  for (const table of PRINT_TABLES) {
    describe(table, () => {
      it.each(vectors[table].cases as Json[])('$name', ({ input, expected }) => {
        const row = printPod(printable(input), NOW);
        expect({ ready: row.ready, status: row.status, restarts: row.restarts, restartsCell: row.restartsCell, rowCondition: row.rowCondition }).toEqual(expected);
      });
    });
  }
  describe('printPod.wide', () => {
    it.each(vectors['printPod.wide'].cases as Json[])('$name', ({ input, expected }) => {
      const { lastRestartAt, ...row } = printPod(printable(input), NOW);
      expect(row).toEqual(expected);
      expect(lastRestartAt).toBe(-1);
    });
  });
  it.each([
    [0, '0s'], [-1500, '0s'], [-2500, '<invalid>'], [119_000, '119s'], [120_000, '2m'], [330_000, '5m30s'], [600_000, '10m'],
    [3 * 3_600_000, '3h'], [3 * 3_600_000 + 60_000, '3h1m'], [47 * 3_600_000, '47h'], [50 * 3_600_000, '2d2h'], [9 * 86_400_000, '9d'],
    [800 * 86_400_000, '2y70d'], [3000 * 86_400_000, '8y'],
  ])('humanDuration(%d ms) = %s (apimachinery duration.HumanDuration)', (ms, want) => expect(humanDuration(ms)).toBe(want));
});

/** getPhase tables: containers by name, init containers {name, restartPolicy}; statuses by helper. */
const HELPERS: Record<string, Partial<ContainerStatusView>> = {
  running: { state: 'running' },
  started: { state: 'running', started: true },
  stopped: { state: 'terminated', exitCode: 0 },
  succeeded: { state: 'terminated', exitCode: 0 },
  failed: { state: 'terminated', exitCode: -1 },
  waiting: { state: 'waiting' },
  waitingWithLastTermination: { state: 'waiting', lastExitCode: 0 },
  waitingWithNonZeroTermination: { state: 'waiting', lastExitCode: -1 },
};
const BLANK: ContainerStatusView = { state: '', reason: '', exitCode: 0, signal: 0, ready: false, started: null, restartCount: 0, lastExitCode: null, lastFinishedAt: -1 };

function specView(spec: Json): PodSpecView {
  return {
    restartPolicy: (spec.restartPolicy ?? 'Always') as RestartPolicy,
    initContainers: (spec.initContainers ?? []).map((c: Json) => ({ name: c.name, sidecar: c.restartPolicy === 'Always' })),
    containers: (spec.containers ?? []).map((c: string | Json) => ({ name: typeof c === 'string' ? c : c.name })),
    readinessGates: (spec.readinessGates ?? []).map((g: Json) => g.conditionType),
  };
}

/** podutil.GetContainerStatus: statuses found by name, aligned with the spec. */
function aligned<T>(spec: PodSpecView, byName: Map<string, T>) {
  return { init: spec.initContainers.map((c) => byName.get(c.name)), regular: spec.containers.map((c) => byName.get(c.name)) };
}

describe('getPhase (kubelet_pods_test.go)', () => {
  const tables = Object.keys(vectors).filter((k) => k.startsWith('getPhase.')) as (keyof typeof vectors)[];
  expect(tables).toHaveLength(8);
  for (const table of tables) {
    describe(table, () => {
      it.each((vectors[table] as Json).cases as Json[])('$name', ({ input, expected }) => {
        const spec = specView(input.spec);
        const byName = new Map<string, ContainerStatusView>(input.statuses.map((s: Json) => [s.name, { ...BLANK, ...HELPERS[s.helper] }]));
        const st = aligned(spec, byName);
        expect(getPhase(spec, st.init, st.regular, input.podIsTerminal, input.podHasInitialized)).toBe(expected.phase);
      });
    });
  }
});

/** The condition tables give one named list of statuses (init and regular together). */
function conditionInput(input: Json) {
  const spec = specView(input.spec);
  if (input.containerStatuses === null) return { spec, statuses: null };
  const byName = new Map<string, ContainerStatusView>(input.containerStatuses.map((s: Json) => [s.name, status(s)]));
  return { spec, statuses: aligned(spec, byName) };
}

describe('pod conditions (generate_test.go)', () => {
  it.each(vectors.GenerateContainersReadyCondition.cases as Json[])('ContainersReady: $name', ({ input, expected }) => {
    const { spec, statuses } = conditionInput(input);
    expect(containersReadyCondition(spec, statuses, input.podPhase)).toEqual(expected);
  });
  it.each(vectors.GeneratePodReadyCondition.cases as Json[])('Ready: $name', ({ input, expected }) => {
    const { spec, statuses } = conditionInput(input);
    const cr = containersReadyCondition(spec, statuses, input.podPhase);
    expect(podReadyCondition(spec, cr, input.conditions ?? [])).toEqual(expected);
  });
  it.each(vectors.GeneratePodInitializedCondition.cases as Json[])('Initialized: $name', ({ input, expected }) => {
    const { spec, statuses } = conditionInput(input);
    const c = podInitializedCondition(spec, statuses, input.podPhase);
    expect({ status: c.status, reason: c.reason }).toEqual(expected);
  });
  // The kubelet's message-free forms agree with the conditions on every vector with statuses.
  it.each([...vectors.GenerateContainersReadyCondition.cases, ...vectors.GeneratePodReadyCondition.cases, ...vectors.GeneratePodInitializedCondition.cases].filter((c: Json) => c.input.containerStatuses !== null) as Json[])(
    'areContainersReady / isPodInitialized: $name',
    ({ input }) => {
      const { spec, statuses } = conditionInput(input);
      expect(areContainersReady(spec, statuses!.init, statuses!.regular, input.podPhase)).toBe(containersReadyCondition(spec, statuses, input.podPhase).status === 'True');
      expect(isPodInitialized(spec, statuses!.init, statuses!.regular, input.podPhase)).toBe(podInitializedCondition(spec, statuses, input.podPhase).status === 'True');
    },
  );
});

/** Vector resource lists with ephemeral-storage (bytes) kept. */
function resources(v: Json | undefined): ResourceList {
  const out: { cpu?: number; memory?: number; ephemeralStorage?: number } = {};
  if (v?.cpu !== undefined) out.cpu = parseCpu(v.cpu);
  if (v?.memory !== undefined) out.memory = parseBytes(v.memory);
  if (v?.['ephemeral-storage'] !== undefined) out.ephemeralStorage = parseBytes(v['ephemeral-storage']);
  return out;
}

describe('PodRequests with status resources (helpers_test.go TestPodResourceRequests)', () => {
  it.each(vectors.PodRequests.cases as Json[])('$name', ({ input, expected }) => {
    const toContainer = (c: Json): Container => ({ name: c.name, requests: resources(c.requests), limits: {}, ...(c.restartPolicy === 'Always' ? { sidecar: true } : {}) });
    const spec = { containers: (input.containers ?? []).map(toContainer), initContainers: (input.initContainers ?? []).map(toContainer), overhead: {} };
    const byName = new Map<string, Json>([...(input.containerStatuses ?? []), ...(input.initContainerStatuses ?? [])].map((s: Json) => [s.name, s]));
    const st = (c: Container) => {
      const s = byName.get(c.name);
      return s ? { allocated: resources(s.allocatedResources), actual: resources(s.actualRequests) } : undefined;
    };
    const infeasible = (input.conditions ?? []).some((c: Json) => c.type === 'PodResizePending' && c.reason === 'Infeasible');
    const got = podRequestsWithStatus(spec, {
      useStatusResources: input.useStatusResources,
      resizeInfeasible: infeasible,
      init: spec.initContainers.map(st),
      regular: spec.containers.map(st),
    });
    const want = resources(expected.requests);
    expect({ cpu: got.cpu, memory: got.memory, ephemeralStorage: got.ephemeralStorage }).toEqual({
      cpu: want.cpu ?? 0,
      memory: want.memory ?? 0,
      ephemeralStorage: want.ephemeralStorage ?? 0,
    });
  });
});

describe('the kubelet resize decision (allocation_manager_test.go TestHandlePodResourcesResize)', () => {
  // Node allocatable 4 cpu / 4Gi; two other admitted pods of 1 cpu / 1Gi each. Each case runs for
  // a regular container and a sidecar upstream; with one container the pod's requests are its own.
  const allocatable = { cpu: 4000, memory: 4 * 1024 ** 3, pods: 110 };
  const others = { cpu: 2000, memory: 2 * 1024 ** 3, pods: 2 };
  const req = (v: Json | undefined) => ({ cpu: resources(v).cpu ?? 0, memory: resources(v).memory ?? 0 });
  it.each(vectors.HandlePodResourcesResize.cases as Json[])('$name', ({ input, expected }) => {
    const original = req(input.originalRequests);
    const desired = req(input.newRequests);
    const originalLimits = req(input.originalLimits);
    const newLimits = req(input.newLimits);
    // "already allocated": the checkpoint holds the new values; the runtime still runs the original ones.
    const allocated = input.newResourcesAlreadyAllocated ? desired : original;
    const allocatedLimits = input.newResourcesAlreadyAllocated ? newLimits : originalLimits;
    const limitsChanged = newLimits.cpu !== allocatedLimits.cpu || newLimits.memory !== allocatedLimits.memory;
    const d = decideResize({ allocatable, others, desired, allocated, limitsChanged, staticPod: input.staticPod });
    const after = d.kind === 'InProgress' ? { requests: desired, limits: newLimits } : { requests: allocated, limits: allocatedLimits };
    const conditions: Json[] = [];
    if (d.kind === 'Deferred' || d.kind === 'Infeasible') conditions.push({ type: 'PodResizePending', status: 'True', reason: d.kind, message: d.message });
    if (isResizeInProgress(after.requests, original) || isResizeInProgress(after.limits, originalLimits)) conditions.push({ type: 'PodResizeInProgress', status: 'True' });
    expect(after.requests).toEqual(req(expected.allocatedRequests));
    if (expected.allocatedLimits) expect(after.limits).toEqual(req(expected.allocatedLimits));
    expect(conditions.map(({ message, ...c }) => c)).toEqual(expected.conditions.map(({ messageContains, ...c }: Json) => c));
    expected.conditions.forEach((c: Json, i: number) => {
      if (c.messageContains) expect(conditions[i].message).toContain(c.messageContains);
    });
  });
});
