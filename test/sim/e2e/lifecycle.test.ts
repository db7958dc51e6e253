// The pod lifecycle end to end: kubectl's STATUS / READY / RESTARTS over time (pod-status rows)
// derived by hand, row by row, from the rules of k8s-pod-lifecycle.md (init containers §2,
// postStart §3.1, restart policy and phase §4, doBackOff §5, readiness §6, conditions §7,
// printPod §8) with zero kubelet latency. Each pod is created by a scale from 0 at t = 0, so it is
// bound and admitted at 0: its probe workers' grid is 0, period, 2·period …
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulation.js';
import type { SimResult } from '../../../src/sim/result.js';
import type { InventoryPod, PodTemplate, RestartPolicy } from '../../../src/model/types.js';
import { deployment, node, probe, scenario, template } from '../../helpers/scenario.js';

type Row = [time: number, status: string, ready: string, restarts: number, phase: string, conditions: string];

/** The pod's pod-status rows (without the closing row at the end of the run). */
function rows(r: SimResult, pod: string, until = Infinity): Row[] {
  const tl = r.pods!;
  return tl.rows
    .filter((x) => tl.pods[x.pod].name === pod && x.time / 1000 < until)
    .map((x) => [x.time / 1000, x.status, x.ready, x.restarts, x.phase, x.conditions]);
}

const ALL = 'PodScheduled;Initialized;ContainersReady;Ready';
const SI = 'PodScheduled;Initialized';
const scaleUp = (workload: string) => ({ at: 0, action: { kind: 'scale' as const, workload, replicas: 1 } });

describe('two init containers and a postStart hook (k8s-pod-lifecycle.md §12)', () => {
  // start_seconds 1 (image and sandbox), init containers of 4 s and 6 s, postStart 2 s, a
  // readiness probe every 5 s with no initial delay, and an app that answers at once.
  const web = deployment('shop/web', { replicas: 0 }, {
    startSeconds: 1,
    initContainers: [
      { name: 'init-1', requests: {}, limits: {}, runSeconds: 4 },
      { name: 'init-2', requests: {}, limits: {}, runSeconds: 6 },
    ],
    postStartSeconds: 2,
    readinessProbe: probe({ periodSeconds: 5 }),
  });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [web], events: [scaleUp('shop/web')], durationS: 60 }));

  it('shows Init:0/2, Init:1/2, PodInitializing, then Running and Ready at once when postStart returns', () => {
    expect(rows(r, 'web-1-1', 60)).toEqual([
      // 0: bound and admitted; init-1 waits for the sandbox (start_seconds): Init:0/2, Pending.
      // 1: init-1 starts — still Init:0/2 (the row does not change).
      [0, 'Init:0/2', '0/1', 0, 'Pending', 'PodScheduled'],
      // 5 = 1 + 4: init-1 exits 0, init-2 starts.
      [5, 'Init:1/2', '0/1', 0, 'Pending', 'PodScheduled'],
      // 11 = 5 + 6: init-2 exits 0: Initialized; the app is created and Started, postStart runs:
      // the container stays Waiting (PodInitializing) and the pod Pending.
      [11, 'PodInitializing', '0/1', 0, 'Pending', SI],
      // 13 = 11 + 2: postStart returned: Running, and UpdatePodStatus's immediate readiness probe
      // passes (without it, Ready would wait for the grid tick at 15).
      [13, 'Running', '1/1', 0, 'Running', ALL],
    ]);
  });

  it('records the Started events of each container in order', () => {
    const started = r.events.filter((e) => e.reason === 'Started').map((e) => [e.time / 1000, e.message]);
    expect(started).toEqual([
      [1, 'Started container init-1'],
      [5, 'Started container init-2'],
      [11, 'Started container app'],
    ]);
  });
});

/** A pod no controller owns, bound to n1 and Pending at the start (the kubelet admits it at 0). */
function nakedPod(name: string, spec: PodTemplate): InventoryPod {
  return { namespace: 'jobs', name, workload: null, ownerKind: null, node: 'n1', phase: 'Pending', ready: false, spec, memoryUsage: null };
}

describe('an app that exits with code 1 after 5 s under each restart policy (§4, §5.2)', () => {
  const app = (restartPolicy: RestartPolicy, exitCode: number) =>
    template({ labels: { app: 'x' }, restartPolicy, exitAfterSeconds: 5, exitCode });
  const pods = [
    nakedPod('always', app('Always', 1)),
    nakedPod('onfailure', app('OnFailure', 1)),
    nakedPod('never', app('Never', 1)),
    nakedPod('onfailure-ok', app('OnFailure', 0)),
  ];
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [], pods, durationS: 700 }));

  // Always and OnFailure restart a failed container through doBackOff, the exited instance
  // being the newest: the first restart is immediate (no entry → Next: 10 s, lastUpdate 5), then
  // each exit is refused for the entry's back-off and retried when it has passed:
  //   run 1  0..5   → restart at 5            (Next: backoff 10, lastUpdate 5)
  //   run 2  5..10  → 0 < 10: CrashLoopBackOff, start at 20   (Next: 20)
  //   run 3 20..25  → start at 25 + 20 = 45   (Next: 40)
  //   run 4 45..50  → start at 50 + 40 = 90   (Next: 80)
  //   run 5 90..95  → start at 95 + 80 = 175  (Next: 160)
  //   run 6 175..180 → start at 180 + 160 = 340 (Next: 300, the cap)
  //   run 7 340..345 → start at 345 + 300 = 645
  // No readiness probe: Ready whenever it runs. The phase stays Running (a Waiting container with
  // a last termination counts as stopped, and it will be restarted).
  const crashLoop: Row[] = [
    [0, 'Running', '1/1', 0, 'Running', ALL],
    [5, 'Running', '1/1', 1, 'Running', ALL],
    [10, 'CrashLoopBackOff', '0/1', 1, 'Running', SI],
    [20, 'Running', '1/1', 2, 'Running', ALL],
    [25, 'CrashLoopBackOff', '0/1', 2, 'Running', SI],
    [45, 'Running', '1/1', 3, 'Running', ALL],
    [50, 'CrashLoopBackOff', '0/1', 3, 'Running', SI],
    [90, 'Running', '1/1', 4, 'Running', ALL],
    [95, 'CrashLoopBackOff', '0/1', 4, 'Running', SI],
    [175, 'Running', '1/1', 5, 'Running', ALL],
    [180, 'CrashLoopBackOff', '0/1', 5, 'Running', SI],
    [340, 'Running', '1/1', 6, 'Running', ALL],
    [345, 'CrashLoopBackOff', '0/1', 6, 'Running', SI],
    [645, 'Running', '1/1', 7, 'Running', ALL],
    [650, 'CrashLoopBackOff', '0/1', 7, 'Running', SI],
  ];
  it('Always: CrashLoopBackOff with back-offs of 10, 20, 40 … 300 s measured from each exit', () => {
    expect(rows(r, 'always', 700)).toEqual(crashLoop);
  });
  it('OnFailure: the same for a non-zero exit code', () => {
    expect(rows(r, 'onfailure', 700)).toEqual(crashLoop);
  });
  it('Never: the container is not restarted; the pod Failed, STATUS Error (the container reason)', () => {
    // ContainersReady and Ready False (PodFailed); Initialized stays True.
    expect(rows(r, 'never', 700)).toEqual([
      [0, 'Running', '1/1', 0, 'Running', ALL],
      [5, 'Error', '0/1', 0, 'Failed', SI],
    ]);
  });
  it('OnFailure with exit code 0: Succeeded, STATUS Completed', () => {
    expect(rows(r, 'onfailure-ok', 700)).toEqual([
      [0, 'Running', '1/1', 0, 'Running', ALL],
      [5, 'Completed', '0/1', 0, 'Succeeded', SI],
    ]);
  });
  it('writes the BackOff events with the back-off in force', () => {
    const backoffs = r.events.filter((e) => e.reason === 'BackOff' && e.object === 'pod/jobs/always').map((e) => [e.time / 1000, e.message]);
    expect(backoffs.slice(0, 3)).toEqual([
      [10, 'Back-off 10s restarting failed container (CrashLoopBackOff)'],
      [25, 'Back-off 20s restarting failed container (CrashLoopBackOff)'],
      [50, 'Back-off 40s restarting failed container (CrashLoopBackOff)'],
    ]);
  });
});

describe('liveness kills of an app without a readinessProbe (§5.3 worked example)', () => {
  // Liveness every 6 s, failureThreshold 2; start_seconds 2; the app never answers; it exits
  // 1 s after SIGTERM (shutdown_seconds 1, well within the 30 s grace): exit code 143.
  const app = deployment('shop/hung', { replicas: 0 }, {
    startSeconds: 2,
    livenessProbe: probe({ periodSeconds: 6, failureThreshold: 2 }),
    warmupSeconds: 1e9,
    shutdownSeconds: 1,
  });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [app], events: [scaleUp('shop/hung')], durationS: 300 }));

  it('restarts at 13, 25, 37 at once, then backs off from the previous instance: 69, 119, 207', () => {
    // #0 runs from 2 (Ready: no readiness probe), fails the ticks at 6 and 12, killed at 12,
    //    exits 13. doBackOff sees the status from before the kill: no exited instance → start 13.
    // #1 fails 18, 24, exits 25: the exited instance is #0 (13); no entry → Next: 10 s → start 25.
    // #2 fails 30, 36, exits 37: 37 − 25 = 12 ≥ 10 → Next: 20 s → start 37.
    // #3 fails 42, 48, exits 49: 49 − 37 = 12 < 20 → refused: CrashLoopBackOff; the next try
    //    measures from #3 itself (49): start at 69 (Next: 40 s).
    // #4 fails 72, 78, exits 79: 79 − 49 = 30 < 40 → refused → start at 79 + 40 = 119 (80 s).
    // #5 fails 120, 126, exits 127: 127 − 79 = 48 < 80 → refused → start at 127 + 80 = 207 (160 s).
    expect(rows(r, 'hung-1-1', 208)).toEqual([
      [0, 'ContainerCreating', '0/1', 0, 'Pending', SI],
      [2, 'Running', '1/1', 0, 'Running', ALL],
      [13, 'Running', '1/1', 1, 'Running', ALL],
      [25, 'Running', '1/1', 2, 'Running', ALL],
      [37, 'Running', '1/1', 3, 'Running', ALL],
      [49, 'CrashLoopBackOff', '0/1', 3, 'Running', SI],
      [69, 'Running', '1/1', 4, 'Running', ALL],
      [79, 'CrashLoopBackOff', '0/1', 4, 'Running', SI],
      [119, 'Running', '1/1', 5, 'Running', ALL],
      [127, 'CrashLoopBackOff', '0/1', 5, 'Running', SI],
      [207, 'Running', '1/1', 6, 'Running', ALL],
    ]);
  });

  it('is available while it runs: 2–49, 69–79, 119–127, 207–…', () => {
    const w = r.workloads[0].samples.filter((s) => s.time <= 210_000).map((s) => [s.time / 1000, s.available]);
    expect(w).toEqual([[0, 0], [2, 1], [49, 0], [69, 1], [79, 0], [119, 1], [127, 0], [207, 1]]);
  });

  it('records the kills when the probe fails and the exit code of the SIGTERM', () => {
    const kills = r.events.filter((e) => e.reason === 'Killing').map((e) => e.time / 1000);
    expect(kills.slice(0, 6)).toEqual([12, 24, 36, 48, 78, 126]);
    expect(r.events.find((e) => e.reason === 'Killing')!.message).toBe('Container app failed liveness probe, will be restarted');
  });
});

describe('a readiness gate (§7.2): Ready only when the gate is True too', () => {
  // No probes: the container is ready when it runs at 0; the gate turns True 20 s after
  // ContainersReady first turned True.
  const gated = deployment('shop/gated', { replicas: 0 }, { readinessGates: ['example.com/lb'], readinessGateSeconds: 20 });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [gated], events: [scaleUp('shop/gated')], durationS: 60 }));
  it('shows READY 1/1 and Running while Ready is False, then Ready at 20 s', () => {
    expect(rows(r, 'gated-1-1', 60)).toEqual([
      [0, 'Running', '1/1', 0, 'Running', 'PodScheduled;Initialized;ContainersReady'],
      [20, 'Running', '1/1', 0, 'Running', ALL],
    ]);
    expect(r.pods!.rows.filter((x) => r.pods!.pods[x.pod].name === 'gated-1-1').map((x) => x.readinessGates)).toEqual(['0/1', '1/1', '1/1']);
  });
  it('counts the pod available only from 20 s', () => {
    expect(r.workloads[0].samples.map((s) => [s.time / 1000, s.ready, s.available])).toEqual([[0, 0, 0], [20, 1, 1], [60, 1, 1]]);
  });
});

describe('kubelet admission: a pod bound to a node that cannot hold it (§10)', () => {
  // A dump where n1 (2 cores) runs api-0 (1500m) and has api-1 (1000m) bound but not started:
  // the kubelet admits pods in order, counting the ones it admitted — 1000m > 2000m − 1500m.
  const api = deployment('shop/api', { replicas: 2 }, { cpu: 1000 });
  const big = { ...api, template: { ...api.template, containers: [{ name: 'app', requests: { cpu: 1500, memory: 128 * 2 ** 20 }, limits: {} }] } };
  const placed = (name: string, phase: 'Running' | 'Pending', spec: PodTemplate | null): InventoryPod => ({
    namespace: 'shop', name, workload: 'shop/api', ownerKind: 'ReplicaSet', node: 'n1', phase, ready: phase === 'Running', spec, memoryUsage: null,
  });
  const r = simulate(
    scenario({
      nodes: [node('n1', 'a', { cpu: 2000 }), node('n2', 'a', { cpu: 2000 })],
      deployments: [api],
      pods: [placed('api-0', 'Running', big.template), placed('api-1', 'Pending', null)],
      durationS: 30,
    }),
  );
  it('fails it with OutOfcpu (phase Failed, STATUS the reason) and the ReplicaSet replaces it elsewhere', () => {
    const rejected = r.events.filter((e) => e.reason === 'OutOfcpu');
    expect(rejected.map((e) => [e.time, e.object, e.message])).toEqual([
      [0, 'pod/shop/api-1', "Pod was rejected: Node didn't have enough resource: cpu, requested: 1000, used: 1500, capacity: 2000"],
    ]);
    expect(rows(r, 'api-1', 30)).toEqual([[0, 'OutOfcpu', '0/1', 0, 'Failed', 'PodScheduled']]);
    const replacement = r.events.find((e) => e.reason === 'Scheduled')!;
    expect([replacement.time, replacement.node]).toEqual([0, 'n2']);
    expect(r.workloads[0].samples.at(-1)).toMatchObject({ ready: 2, available: 2 });
  });
});

describe('the probe workers’ first tick, at admission, finds no container yet (§5.4, worker.go doProbe)', () => {
  // start_seconds 0: the container starts at admission (0), just after the liveness worker's
  // first probe. Liveness every 10 s, failureThreshold 3, an app that never answers: failing
  // ticks 10, 20, 30 → killed at 30 (a tick at 0 that saw it would have killed at 20).
  const hung = deployment('shop/hung', { replicas: 0 }, { livenessProbe: probe(), warmupSeconds: 1e9 });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [hung], events: [scaleUp('shop/hung')], durationS: 35 }));
  it('first probes the container a period later', () => {
    expect(r.events.filter((e) => e.reason === 'Killing').map((e) => e.time / 1000)).toEqual([30]);
  });
});

describe('memory after a restart starts from the baseline (usage `t` and `uptime` per container instance)', () => {
  const MI = 2 ** 20;
  const leak = (source: string, f: (s: { request: number; t: number; uptime?: number }) => number) =>
    ({ kind: 'expression' as const, source, timeVarying: true, evaluate: f });
  // request 100Mi, limit 200Mi, using request + 10Mi per second since it started (t counts from
  // the later of the value's start and the container's). The kubelet samples it at its eviction
  // manager's 10 s passes; over the limit, the container is OOM-killed.
  const app = deployment('shop/leak', { replicas: 0 }, { memory: 100 * MI, memoryLimit: 200 * MI, memoryUsage: leak('request + 10Mi * t', ({ request, t }) => request + 10 * MI * t) });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [app], events: [scaleUp('shop/leak')], durationS: 180 }));
  it('restarts low and grows again, instead of being killed again at once', () => {
    // 0 start (100Mi); passes 10 (200Mi, at the limit), 20 (300Mi): OOMKilled → restarted at once
    // (no back-off entry yet: Next → 10 s) at 100Mi; 30 (200), 40 (300): OOM → back-off 10 s →
    // start at 50; 60, 70: OOM → 20 s → start 90; 110: OOM → 40 s → start 150; 170: OOM.
    expect(r.events.filter((e) => e.reason === 'OOMKilling').map((e) => e.time / 1000)).toEqual([20, 40, 70, 110, 170]);
    expect(rows(r, 'leak-1-1', 180).map(([t, status, , restarts]) => [t, status, restarts])).toEqual([
      [0, 'Running', 0],
      [20, 'Running', 1],
      [40, 'CrashLoopBackOff', 1],
      [50, 'Running', 2],
      [70, 'CrashLoopBackOff', 2],
      [90, 'Running', 3],
      [110, 'CrashLoopBackOff', 3],
      [150, 'Running', 4],
      [170, 'CrashLoopBackOff', 4],
    ]);
  });
  it('uptime counts from the container’s start, also when the value comes later', () => {
    // A steady-state pod (running since 0) whose usage becomes request + 10Mi × uptime at 30 s:
    // 100 + 300 = 400Mi at once > 200Mi → OOM at 30; with `t` it would start at 100Mi.
    const steady = deployment('shop/steady', { replicas: 1 }, { memory: 100 * MI, memoryLimit: 200 * MI });
    const usage = (src: string, f: (s: { request: number; t: number; uptime?: number }) => number) => ({
      at: 30, action: { kind: 'memoryUsage' as const, workload: 'shop/steady', usage: leak(src, f) },
    });
    const byUptime = simulate(scenario({ nodes: [node('n1')], deployments: [steady], events: [usage('request + 10Mi * uptime', ({ request, uptime }) => request + 10 * MI * (uptime ?? 0))], durationS: 40 }));
    const byT = simulate(scenario({ nodes: [node('n1')], deployments: [steady], events: [usage('request + 10Mi * t', ({ request, t }) => request + 10 * MI * t)], durationS: 40 }));
    expect(byUptime.events.filter((e) => e.reason === 'OOMKilling').map((e) => e.time / 1000)).toEqual([30]);
    expect(byT.events.filter((e) => e.reason === 'OOMKilling').map((e) => e.time / 1000)).toEqual([]);
  });
});

describe('a sidecar, an init container and two app containers (§2.3, printPod)', () => {
  // initContainers: proxy (restartPolicy Always) then migrate (2 s); containers app and log.
  // Admitted at 0, start_seconds 0: proxy starts and is started (no startup probe) at 0, so
  // migrate starts at once; it exits 0 at 2, then the app containers start (no probes: Ready).
  const web = deployment('shop/web', { replicas: 0 }, {
    initContainers: [
      { name: 'proxy', requests: {}, limits: {}, sidecar: true },
      { name: 'migrate', requests: {}, limits: {}, runSeconds: 2 },
    ],
    containers: [
      { name: 'app', requests: { cpu: 100 }, limits: {} },
      { name: 'log', requests: { cpu: 10 }, limits: {} },
    ],
  });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [web], events: [scaleUp('shop/web')], durationS: 10 }));
  it('counts the ready sidecar in READY, shows Init:1/2 while migrate runs, then 3/3', () => {
    expect(rows(r, 'web-1-1', 10)).toEqual([
      [0, 'Init:1/2', '1/3', 0, 'Pending', 'PodScheduled'],
      [2, 'Running', '3/3', 0, 'Running', ALL],
    ]);
  });
});
