// Why a workload was below desired (summary.csv `cause` and the one-line why), on hand-made
// timelines: each row gives the samples and events, and the expected reason with the seconds
// worked out from the rules in src/report/cause.ts.
import { describe, expect, it } from 'vitest';
import { belowDesired, disruptionLabel, eventWorkloadKey } from '../../src/report/cause.js';
import { blockingReason, fitReasons, mentionsCapacity } from '../../src/report/fit-error.js';
import { summarize } from '../../src/report/summary.js';
import type { SimEvent } from '../../src/sim/result.js';
import { event, result, samples, type S, workload } from './fixtures.js';

const SPREAD =
  '0/12 nodes are available: 3 node(s) had untolerated taint {dedicated: batch}, 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 6 node(s) didn\'t match pod topology spread constraints.';
const MEMORY =
  "0/12 nodes are available: 2 Insufficient memory, 3 node(s) had untolerated taint {dedicated: batch}, 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 4 node(s) didn't match Pod's node affinity/selector.";

const pod = (name: string, node = '') => ({ object: `pod/shop/${name}`, node, workload: 'web' });
const ev = (t: number, reason: string, message: string, over: Partial<SimEvent> = {}): SimEvent => event(t, reason, { message, type: 'Warning', ...pod('web-1-1'), ...over });
const notReady = (t: number, node: string): SimEvent => event(t, 'NodeNotReady', { object: `node/${node}`, node, workload: '', message: `Node ${node} status is now: NodeNotReady` });

interface Row {
  readonly name: string;
  readonly rows: readonly S[];
  readonly events?: readonly SimEvent[];
  readonly nodeNotReady?: readonly SimEvent[];
  readonly rollout?: [number, number];
  readonly durationS: number;
  readonly reason: string;
  /** Seconds per reason, most first. */
  readonly seconds?: readonly [string, number][];
  readonly why: string;
}

const CASES: readonly Row[] = [
  {
    name: 'never below desired',
    rows: [{ t: 0, desired: 3, available: 3 }],
    durationS: 600,
    reason: '',
    why: '',
  },
  {
    // The zone failure: 12/12 until the zone's nodes go NotReady at 355 s (8 available), the
    // taint manager evicts at 660 s and 3, then 4, replacements stay Pending to the end (1200 s).
    //   355–660 NodeNotReady (a pod of ours ran on general-b1, per the eviction event) = 305 s
    //   660–670 3 Pending of 4 missing → FailedScheduling = 10 s; 670–1200 4 Pending = 530 s
    // FailedScheduling 540 s > NodeNotReady 305 s; of its nodes, 3+3 had taints (earlier
    // filters) and 6 failed PodTopologySpread (the latest filter): spreading, not room.
    name: 'zone failure: Pending on topology spread, not capacity',
    rows: [
      { t: 0, desired: 12, available: 12 },
      { t: 355, desired: 12, available: 8, replicas: 12, updated: 12 },
      { t: 660, desired: 12, available: 8, replicas: 12, updated: 12, pending: 3, terminating: 3 },
      { t: 670, desired: 12, available: 8, replicas: 12, updated: 12, pending: 4, terminating: 4 },
    ],
    events: [
      ev(660, 'TaintManagerEviction', 'Marking for deletion Pod shop/web-1-1', { type: 'Normal', node: 'general-b1' }),
      ev(660, 'FailedScheduling', SPREAD, pod('web-1-13')),
      ev(670, 'FailedScheduling', SPREAD, pod('web-1-16')),
    ],
    nodeNotReady: [notReady(355, 'general-b1'), notReady(355, 'batch-b1')],
    durationS: 1200,
    reason: "FailedScheduling: node(s) didn't match pod topology spread constraints",
    seconds: [["FailedScheduling: node(s) didn't match pod topology spread constraints", 540], ['NodeNotReady', 305]],
    why: "4 Pending from 11m to the end: node(s) didn't match pod topology spread constraints — not capacity",
  },
  {
    // 1 Pending from 680 s to the end (1200 s = 520 s); 2 nodes lacked memory (NodeResourcesFit,
    // after the taint and selector filters): capacity, so no "not capacity".
    name: 'Pending for memory: capacity',
    rows: [
      { t: 0, desired: 2, available: 2 },
      { t: 680, desired: 2, available: 1, replicas: 2, updated: 2, pending: 1 },
    ],
    events: [ev(680, 'FailedScheduling', MEMORY, pod('web-1-3'))],
    durationS: 1200,
    reason: 'FailedScheduling: Insufficient memory',
    why: '1 Pending from 11m20s to the end: Insufficient memory',
  },
  {
    // The kubelet evicts one of 6 at 1700 s; its replacement is available at 1732 s: 32 s.
    name: 'kubelet eviction for memory',
    rows: [
      { t: 0, desired: 6, available: 6 },
      { t: 1700, desired: 6, available: 5 },
      { t: 1732, desired: 6, available: 6 },
    ],
    events: [
      ev(1700, 'Evicted', 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 55Mi. Container query was using 10.3Gi, request is 3Gi.', { node: 'large-b1' }),
    ],
    durationS: 1800,
    reason: 'Evicted: memory',
    why: '1 unavailable from 28m20s to 28m52s: Evicted: memory',
  },
  {
    // OOM kill at 100 s (restarted at once, ready again at 130 s: 30 s OOMKilled); killed again at
    // 200 s and this time backed off (BackOff at 200 s) until 260 s: 60 s CrashLoopBackOff.
    name: 'OOMKilled, then CrashLoopBackOff',
    rows: [
      { t: 0, desired: 3, available: 3 },
      { t: 100, desired: 3, available: 2 },
      { t: 130, desired: 3, available: 3 },
      { t: 200, desired: 3, available: 2 },
      { t: 260, desired: 3, available: 3 },
    ],
    events: [
      ev(100, 'OOMKilling', 'Memory cgroup out of memory'),
      ev(200, 'OOMKilling', 'Memory cgroup out of memory'),
      ev(200, 'BackOff', 'Back-off 10s restarting failed container (CrashLoopBackOff)'),
    ],
    durationS: 600,
    reason: 'CrashLoopBackOff',
    seconds: [['CrashLoopBackOff', 60], ['OOMKilled', 30]],
    why: '1 unavailable from 3m20s to 4m20s: CrashLoopBackOff',
  },
  {
    // Killed at 100 s and still down when the kubelet backs off at 140 s (an event between
    // samples): 100–140 OOMKilled = 40 s, 140–240 CrashLoopBackOff = 100 s.
    name: 'a later event of a pod still down names it from then on',
    rows: [
      { t: 0, desired: 3, available: 3 },
      { t: 100, desired: 3, available: 2 },
      { t: 240, desired: 3, available: 3 },
    ],
    events: [ev(100, 'OOMKilling', 'Memory cgroup out of memory'), ev(140, 'BackOff', 'Back-off 20s restarting failed container (CrashLoopBackOff)')],
    durationS: 600,
    reason: 'CrashLoopBackOff',
    seconds: [['CrashLoopBackOff', 100], ['OOMKilled', 40]],
    why: '1 unavailable from 2m20s to 4m: CrashLoopBackOff',
  },
  {
    // A drain evicts 2 of 6 at 120 s; back at 160 s: 40 s.
    name: 'drain',
    rows: [
      { t: 0, desired: 6, available: 6 },
      { t: 120, desired: 6, available: 4 },
      { t: 160, desired: 6, available: 6 },
    ],
    events: [
      ev(120, 'EvictionByEvictionAPI', 'Evicting pod shop/web-1-3', { type: 'Normal', ...pod('web-1-3', 'large-a1') }),
      ev(120, 'EvictionByEvictionAPI', 'Evicting pod shop/web-1-5', { type: 'Normal', ...pod('web-1-5', 'large-a1') }),
    ],
    durationS: 600,
    reason: 'EvictionByEvictionAPI',
    why: '2 unavailable from 2m to 2m40s: EvictionByEvictionAPI',
  },
  {
    // A higher-priority pod preempts 1 of 4 at 175 s; its replacement is Ready at 275 s: 100 s.
    name: 'preemption',
    rows: [
      { t: 0, desired: 4, available: 4 },
      { t: 175, desired: 4, available: 3 },
      { t: 275, desired: 4, available: 4 },
    ],
    events: [ev(175, 'Preempted', 'Preempted by pod 02c73a4f on node large-c1', { type: 'Normal', ...pod('web-1-2', 'large-c1') })],
    durationS: 600,
    reason: 'Preempted',
    why: '1 unavailable from 2m55s to 4m35s: Preempted',
  },
  {
    // 10 replicas, maxSurge 3, maxUnavailable 2: 30–40 s at 8 available with old pods left
    // (updated 5 < replicas 13), 40–50 s at 8 with all 10 updated but not yet ready — still
    // inside the rollout (30 s → 50 s): 20 s of rollout.
    name: 'rollout',
    rows: [
      { t: 0, desired: 10, available: 10, replicas: 10, updated: 0 },
      { t: 30, desired: 10, available: 8, replicas: 13, updated: 5 },
      { t: 40, desired: 10, available: 8, replicas: 10, updated: 10 },
      { t: 50, desired: 10, available: 10, replicas: 10, updated: 10 },
    ],
    rollout: [30, 50],
    durationS: 120,
    reason: 'rollout',
    why: '2 unavailable from 30s to 50s: rollout',
  },
  {
    // Scaled from 3 to 5 at 60 s; the new pods are ready at 90 s: 30 s.
    name: 'scale-up',
    rows: [
      { t: 0, desired: 3, available: 3 },
      { t: 60, desired: 5, available: 3, replicas: 5, updated: 5 },
      { t: 90, desired: 5, available: 5 },
    ],
    durationS: 300,
    reason: 'ScalingReplicaSet',
    why: '2 unavailable from 1m to 1m30s: ScalingReplicaSet',
  },
  {
    // Pods on a node that goes NotReady at 300 s and are never evicted (tolerationSeconds
    // forever): no pod event names the node, but the available pods dropped that very instant.
    // A second node going NotReady at 400 s, with no drop and no pod of ours, is not ours.
    name: 'NodeNotReady known from the drop alone',
    rows: [
      { t: 0, desired: 4, available: 4 },
      { t: 300, desired: 4, available: 2 },
    ],
    nodeNotReady: [notReady(300, 'n-b1'), notReady(400, 'n-c1')],
    durationS: 600,
    reason: 'NodeNotReady',
    why: '2 unavailable from 5m to the end: NodeNotReady',
  },
  {
    // Readiness dips with no event and no rollout: the Ready condition's own reason.
    name: 'nothing else to say',
    rows: [
      { t: 0, desired: 2, available: 2 },
      { t: 50, desired: 2, available: 1 },
      { t: 65, desired: 2, available: 2 },
    ],
    nodeNotReady: [notReady(20, 'elsewhere')],
    durationS: 100,
    reason: 'ContainersNotReady',
    why: '1 unavailable from 50s to 1m05s: ContainersNotReady',
  },
  {
    // Equal time for two reasons: the one seen first wins (OOMKilled at 10 s, 10 s; evicted at 50 s, 10 s).
    name: 'a tie goes to the reason seen first',
    rows: [
      { t: 0, desired: 2, available: 2 },
      { t: 10, desired: 2, available: 1 },
      { t: 20, desired: 2, available: 2 },
      { t: 50, desired: 2, available: 1 },
      { t: 60, desired: 2, available: 2 },
    ],
    events: [ev(10, 'OOMKilling', 'oom'), ev(50, 'Evicted', 'The node was low on resource: memory.')],
    durationS: 100,
    reason: 'OOMKilled',
    why: '1 unavailable from 10s to 20s: OOMKilled',
  },
];

describe('belowDesired', () => {
  it.each(CASES)('$name', (c) => {
    const b = belowDesired({
      samples: samples(c.rows),
      durationMs: c.durationS * 1000,
      events: c.events ?? [],
      nodeNotReady: c.nodeNotReady ?? [],
      rolloutStartedAt: c.rollout ? c.rollout[0] * 1000 : -1,
      rolloutCompletedAt: c.rollout ? c.rollout[1] * 1000 : -1,
    });
    expect(b.reason).toBe(c.reason);
    expect(b.why).toBe(c.why);
    if (c.seconds) expect(b.byReason.map((x) => [x.reason, x.ms / 1000])).toEqual(c.seconds);
  });

  it('reaches summary.csv through summarize, from the events of the workload only', () => {
    const r = result({
      durationS: 1200,
      workloads: [
        workload('shop/web', [{ t: 0, desired: 2, available: 2 }, { t: 680, desired: 2, available: 1, pending: 1 }]),
        workload('shop/api', [{ t: 0, desired: 2, available: 2 }, { t: 600, desired: 2, available: 1, pending: 1 }]),
      ],
      events: [ev(680, 'FailedScheduling', MEMORY, pod('web-1-3')), ev(600, 'FailedScheduling', SPREAD, { object: 'pod/shop/api-1-3', workload: 'api' })],
    });
    const [web, api] = summarize(r);
    expect([web.cause, web.why]).toEqual(['FailedScheduling: Insufficient memory', '1 Pending from 11m20s to the end: Insufficient memory']);
    expect(api.cause).toBe("FailedScheduling: node(s) didn't match pod topology spread constraints");
    expect(web.kind).toBe('Deployment');
  });
});

describe('disruption labels and event keys', () => {
  it.each([
    ['OOMKilling', 'x', 'OOMKilled'],
    ['BackOff', 'Back-off 10s restarting failed container (CrashLoopBackOff)', 'CrashLoopBackOff'],
    ['Evicted', 'The node was low on resource: ephemeral-storage. Threshold …', 'Evicted: ephemeral-storage'],
    ['Evicted', 'The node had condition: [MemoryPressure].', 'Evicted'],
    ['TaintManagerEviction', 'Marking for deletion Pod shop/web-1', 'TaintManagerEviction'],
    ['TaintManagerEviction', 'Cancelling deletion of Pod shop/web-1', null],
    ['Killing', 'Stopping container web', null],
  ])('%s "%s" → %s', (reason, message, want) => expect(disruptionLabel(event(0, reason, { message }))).toBe(want));

  it('keys events by namespace/workload from their object', () => {
    expect(eventWorkloadKey(event(0, 'Scheduled', { object: 'pod/shop/web-1-1', workload: 'web' }))).toBe('shop/web');
    expect(eventWorkloadKey(event(0, 'ScalingReplicaSet', { object: 'deployment/shop/web', workload: 'web' }))).toBe('shop/web');
    expect(eventWorkloadKey(event(0, 'NodeNotReady', { object: 'node/n1', workload: '' }))).toBe('');
  });
});

describe('FitError messages', () => {
  it('splits the reasons with their node counts', () => {
    expect(fitReasons(SPREAD)).toEqual([
      { nodes: 3, reason: 'node(s) had untolerated taint {dedicated: batch}' },
      { nodes: 3, reason: 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }' },
      { nodes: 6, reason: "node(s) didn't match pod topology spread constraints" },
    ]);
    expect(fitReasons('no such message')).toEqual([]);
  });
  it.each([
    [SPREAD, "node(s) didn't match pod topology spread constraints", false],
    [MEMORY, 'Insufficient memory', true],
    // Two NodeResourcesFit reasons: the one of more nodes.
    ['0/4 nodes are available: 1 Insufficient cpu, 3 Insufficient memory.', 'Insufficient memory', true],
    // Spreading rejected a node that had room, another lacked it: spreading is the later filter.
    ["0/2 nodes are available: 1 Insufficient memory, 1 node(s) didn't match pod topology spread constraints.", "node(s) didn't match pod topology spread constraints", true],
    // Only taints and cordons: the pod may use no node at all.
    ['0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had untolerated taint {a: b}.', 'node(s) had untolerated taint {a: b}', false],
    // The preemption part after the first sentence is not read.
    ['0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', 'Too many pods', true],
    ['the scheduler said something else', null, false],
  ])('%s → %s', (message, want, capacity) => {
    expect(blockingReason(message)).toBe(want);
    expect(mentionsCapacity(message)).toBe(capacity);
  });
});
