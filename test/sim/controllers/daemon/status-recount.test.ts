// The DaemonSet controller keeps its status node by node (only the nodes that changed are looked
// at again). Through rollouts, node failures, recoveries, drains and taints, the status it wrote
// must always equal one counted from scratch over every node (updateDaemonSetStatus as upstream
// computes it, with Headroom's oldest non-terminating pod).
import { describe, expect, it } from 'vitest';
import { COUNTS_AVAILABLE, COUNTS_DESIRED, COUNTS_READY, COUNTS_UPDATED, nodeStatusCounts } from '../../../../src/sim/controllers/daemon/daemon-pods.js';
import { Simulation } from '../../../../src/sim/simulation.js';
import { nodeShouldRunDaemonPod, withDaemonSetTolerations } from '../../../../src/model/workloads.js';
import { daemonSet, node, rollout, scenario } from '../../../helpers/scenario.js';

describe('DaemonSet status kept per node equals a recount', () => {
  for (const maxSurge of [0, 1]) {
    it(`maxSurge ${maxSurge}: every second of a run with failures, drains and taints`, () => {
      const nodes = Array.from({ length: 8 }, (_, i) => node(`n${i}`, `z${i % 2}`));
      const ds = daemonSet('m/agent', { maxUnavailable: maxSurge ? 0 : 2, maxSurge, minReadySeconds: 5 }, { startSeconds: 7, shutdownSeconds: 3 });
      const sim = new Simulation(
        scenario({
          nodes,
          deployments: [],
          daemonSets: [ds],
          events: [
            rollout(10, ds),
            { at: 20, action: { kind: 'nodeFailure', node: 'n3', mode: 'unreachable' } },
            { at: 30, action: { kind: 'drain', node: 'n5' } },
            { at: 60, action: { kind: 'zoneFailure', zone: 'z1', mode: 'NotReady' } },
            { at: 120, action: { kind: 'nodeRecover', node: 'n3' } },
            { at: 150, action: { kind: 'zoneRecover', zone: 'z1' } },
            rollout(200, ds, { image: 'agent:3' }),
          ],
          cluster: { nodeMonitorGracePeriodMs: 40_000 },
          durationS: 400,
        }),
      );
      const d = sim.cluster.daemonSets[0];
      let checks = 0;
      const seen = new Set<string>();
      for (let t = 1; t <= 400; t++) {
        sim.runUntil(t * 1000);
        const tols = withDaemonSetTolerations(d.template.tolerations);
        let desired = 0;
        let ready = 0;
        let available = 0;
        let updated = 0;
        for (const n of sim.cluster.nodes) {
          const run = nodeShouldRunDaemonPod(n, { nodeSelector: d.template.nodeSelector, tolerations: tols }).shouldRun;
          const pods = (d.podsByNode.get(n) ?? []).map((p) => ({
            pod: p, name: p.name, createdAt: p.createdAt, bound: p.node !== null, terminating: p.deletedAt >= 0,
            phase: p.phase === 'Failed' || p.phase === 'Succeeded' ? p.phase : null, ready: p.ready, available: p.isAvailable, updated: p.revision === d.currentRevision,
          }));
          const bits = nodeStatusCounts(run, pods);
          if (bits & COUNTS_DESIRED) desired++;
          if (bits & COUNTS_READY) ready++;
          if (bits & COUNTS_AVAILABLE) available++;
          if (bits & COUNTS_UPDATED) updated++;
        }
        expect({ t, ...d.status }).toEqual({ t, desiredNumberScheduled: desired, numberReady: ready, numberAvailable: available, updatedNumberScheduled: updated });
        checks++;
        seen.add(`${desired}/${ready}/${available}/${updated}`);
      }
      expect(checks).toBe(400);
      // the run moved the counts through many states (eligibility, readiness, revisions)
      expect(seen.size).toBeGreaterThan(8);
      expect([...seen].some((x) => Number(x.split('/')[0]) < 8)).toBe(true);
    });
  }
});
