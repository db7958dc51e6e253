// In-place pod resize end to end, derived by hand from the kubelet's allocation manager
// (k8s-pod-lifecycle.md §9: handlePodResourcesResize, retryPendingResizes; PodRequests with
// status resources for the scheduler's view).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulation.js';
import type { SimResult } from '../../../src/sim/result.js';
import type { Container } from '../../../src/model/types.js';
import { deployment, MI, node, scenario } from '../../helpers/scenario.js';

const resize = (at: number, workload: string, container: Container) => ({ at, action: { kind: 'resize' as const, workload, container } });
const app = (cpu: number, memory = 128 * MI, extra: Partial<Container> = {}): Container => ({ name: 'app', requests: { cpu, memory }, limits: {}, ...extra });

/** A pod's resize column over time. */
function resizeRows(r: SimResult, pod: string): [number, string][] {
  const tl = r.pods!;
  return tl.rows.filter((x) => tl.pods[x.pod].name === pod).map((x) => [x.time / 1000, x.resize]);
}
const cpuRequested = (r: SimResult) => r.nodes[0].samples.map((s) => [s.time / 1000, s.cpuRequested]);
const events = (r: SimResult, prefix: string) => r.events.filter((e) => e.reason.startsWith(prefix)).map((e) => [e.time / 1000, e.reason, e.object, e.message]);

describe('a Deferred resize that proceeds when a pod leaves', () => {
  // n1 has 4 cores: web (2 × 1500m) and batch (1 × 1000m) fill it. At 10 s web is resized to
  // 2200m; at 20 s batch is scaled to 0 (its pod exits at once: no preStop, shutdown 0).
  const web = deployment('shop/web', { replicas: 2 }, { cpu: 1500 });
  const batch = deployment('shop/batch', { replicas: 1 }, { cpu: 1000 });
  const run = (version: string) =>
    simulate(
      scenario({
        nodes: [node('n1', 'a', { cpu: 4000 })],
        deployments: [web, batch],
        events: [resize(10, 'shop/web', app(2200)), { at: 20, action: { kind: 'scale', workload: 'shop/batch', replicas: 0 } }],
        durationS: 60,
        cluster: { version },
      }),
    );
  const r = run('1.34');

  it('defers both pods at 10 s (2200m beside the others’ allocated 2500m > 4000m), then lets the first through at 20 s', () => {
    // 10: web-1-1: 2200 + (1500 + 1000) = 4700 > 4000 → Deferred; web-1-2 likewise.
    // 20: batch is gone; retryPendingResizes in order (both grow, same priority and QoS, deferred
    //     at the same time: by creation): web-1-1: 2200 + 1500 = 3700 ≤ 4000 → InProgress and,
    //     resizePolicy NotRequired, actuated at once; web-1-2: 2200 + 2200 = 4400 > 4000 → stays Deferred.
    expect(events(r, 'Resize')).toEqual([
      [10, 'ResizeDeferred', 'pod/shop/web-1-1', "Pod resize Deferred: Node didn't have enough resource: cpu, requested: 2200, used: 2500, capacity: 4000"],
      [10, 'ResizeDeferred', 'pod/shop/web-1-2', "Pod resize Deferred: Node didn't have enough resource: cpu, requested: 2200, used: 2500, capacity: 4000"],
      [20, 'ResizeStarted', 'pod/shop/web-1-1', 'Pod resize started: cpu 2200m/-, memory 128Mi/- (request/limit)'],
      [20, 'ResizeCompleted', 'pod/shop/web-1-1', 'Pod resize completed: cpu 2200m/-, memory 128Mi/- (request/limit)'],
      [20, 'ResizeDeferred', 'pod/shop/web-1-2', "Pod resize Deferred: Node didn't have enough resource: cpu, requested: 2200, used: 2200, capacity: 4000"],
    ]);
    expect(resizeRows(r, 'web-1-1')).toEqual([[0, ''], [10, 'PodResizePending:Deferred'], [20, ''], [60, '']]);
    expect(resizeRows(r, 'web-1-2')).toEqual([[0, ''], [10, 'PodResizePending:Deferred'], [60, 'PodResizePending:Deferred']]);
  });

  it('counts a Deferred resize at its desired size in the scheduler’s view', () => {
    // 0: 1500 + 1500 + 1000; 10: max(desired, allocated) = 2200 each + 1000; 20: 2200 + 2200.
    expect(cpuRequested(r)).toEqual([[0, 4000], [10, 5400], [20, 4400], [60, 4400]]);
  });

  it('reports the states as status.resize before 1.33', () => {
    expect(resizeRows(run('1.32'), 'web-1-2')).toEqual([[0, ''], [10, 'Deferred'], [60, 'Deferred']]);
  });
});

describe('an Infeasible resize (more than the node has)', () => {
  const web = deployment('shop/web', { replicas: 1 }, { cpu: 1000 });
  const r = simulate(scenario({ nodes: [node('n1', 'a', { cpu: 4000 })], deployments: [web], events: [resize(5, 'shop/web', app(5000))], durationS: 30 }));
  it('is Infeasible with the capacity message, and the scheduler keeps counting the allocation', () => {
    expect(events(r, 'Resize')).toEqual([[5, 'ResizeInfeasible', 'pod/shop/web-1-1', "Pod resize Infeasible: Node didn't have enough capacity: cpu, requested: 5000, capacity: 4000"]]);
    expect(cpuRequested(r)).toEqual([[0, 1000], [30, 1000]]);
    expect(resizeRows(r, 'web-1-1')).toEqual([[0, ''], [5, 'PodResizePending:Infeasible'], [30, 'PodResizePending:Infeasible']]);
  });
});

describe('resizePolicy memory:RestartContainer', () => {
  // One pod, 128Mi → 256Mi at 10 s; it takes 2 s to exit after SIGTERM.
  const web = deployment('shop/web', { replicas: 1 }, { shutdownSeconds: 2 });
  const resized = app(100, 256 * MI, { resizeRestart: ['memory'] });
  const r = simulate(scenario({ nodes: [node('n1')], deployments: [web], events: [resize(10, 'shop/web', resized)], durationS: 30 }));
  it('restarts the container (restartCount + 1) without a back-off, and completes when it runs again', () => {
    // 10: fits → InProgress (the allocation is 256Mi); the container is killed: SIGTERM at 10,
    //     gone at 12; the back-off entry was reset → started again at 12, running the new size.
    const tl = r.pods!;
    expect(tl.rows.map((x) => [x.time / 1000, x.status, x.ready, x.restarts, x.resize])).toEqual([
      [0, 'Running', '1/1', 0, ''],
      [10, 'Running', '1/1', 0, 'PodResizeInProgress'],
      [12, 'Running', '1/1', 1, ''],
      [30, 'Running', '1/1', 1, ''],
    ]);
    expect(events(r, 'Resize').map((e) => e.slice(0, 2))).toEqual([[10, 'ResizeStarted'], [12, 'ResizeCompleted']]);
    expect(r.events.filter((e) => e.reason === 'Killing').map((e) => [e.time / 1000, e.message])).toEqual([[10, 'Container app resize requires restart']]);
    expect(r.events.some((e) => e.reason === 'BackOff')).toBe(false);
    expect(r.nodes[0].samples.map((s) => [s.time / 1000, s.memoryRequested / MI])).toEqual([[0, 128], [10, 256], [30, 256]]);
  });
});
