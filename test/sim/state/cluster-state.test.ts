// The shared state's contract: counters follow every pod change, the feed tells observers in
// subscription order, and a change made while a notification is delivered reaches every
// observer after it (each observer sees changes in the order they happened).
import { describe, expect, it } from 'vitest';
import { clusterDefaults } from '../../../src/model/cluster-defaults.js';
import { Engine } from '../../../src/sim/engine/engine.js';
import { makeStreams } from '../../../src/sim/engine/rng.js';
import { ClusterState } from '../../../src/sim/state/cluster-state.js';
import { Recorder } from '../../../src/sim/state/events.js';
import { POD_ACTIVE, POD_DELETED, POD_GONE, POD_PENDING, POD_READY } from '../../../src/sim/state/feed.js';
import { SimDeployment, SimNode, type SimPod } from '../../../src/sim/state/objects.js';
import { deployment } from '../../helpers/scenario.js';

function state() {
  const c = new ClusterState(new Engine(), clusterDefaults('1.34'), new Recorder(), makeStreams(1).workload);
  c.addNode(new SimNode(0, 'n1', 'z', {}, [], false, 4000, 8 * 2 ** 30, 110, 8 * 2 ** 30, 10_000));
  const d = new SimDeployment(0, 'shop', 'web', deployment('shop/web', { replicas: 2 }));
  c.addWorkload(d);
  const rs = c.newReplicaSet(d, d.template);
  return { c, d, rs, node: c.nodes[0] };
}

describe('ClusterState', () => {
  it('keeps owner and node counters with every change', () => {
    const { c, d, rs, node } = state();
    const p = c.createPod('shop', null, rs, rs.template);
    expect([rs.activeReplicas, d.pendingPods, node.pods.size]).toEqual([1, 1, 0]);
    c.updatePod(p, (q) => (q.node = node));
    expect([d.pendingPods, node.pods.size, node.requestedCpu, rs.activePerNode.get(node)]).toEqual([0, 1, p.cpu, 1]);
    c.updatePod(p, (q) => (q.ready = true));
    expect([rs.readyReplicas, d.readyPods]).toEqual([1, 1]);
    c.deletePod(p);
    expect([rs.activeReplicas, d.readyPods, d.terminatingPods, node.pods.size]).toEqual([0, 0, 1, 1]);
    c.removePod(p);
    expect([d.terminatingPods, node.pods.size, node.requestedCpu, rs.pods.size]).toEqual([0, 0, 0, 0]);
  });

  it('deletes a pod never bound at once (CheckGracefulDelete: grace 0 without a node)', () => {
    const { c, rs } = state();
    const p = c.createPod('shop', null, rs, rs.template);
    const seen: number[] = [];
    c.subscribe({ podChanged: (_p, _b, a) => seen.push(a) });
    c.deletePod(p);
    expect(p.gone).toBe(true);
    expect(seen.map((a) => [!!(a & POD_DELETED), !!(a & POD_GONE)])).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('tells observers in subscription order; a nested change waits until every observer has the first', () => {
    const { c, rs, node } = state();
    const p = c.createPod('shop', null, rs, rs.template);
    const log: string[] = [];
    const name = (a: number) => (a & POD_READY ? 'ready' : a & POD_PENDING ? 'pending' : a & POD_ACTIVE ? 'bound' : 'other');
    c.subscribe({
      podChanged(q: SimPod, before, after) {
        log.push(`A ${name(after)}`);
        // A's reaction to the binding is another write (as the kubelet's adoption would be).
        if (before & POD_PENDING && !(after & POD_PENDING)) c.updatePod(q, (x) => (x.ready = true));
      },
    });
    c.subscribe({ podChanged: (_q, _b, after) => log.push(`B ${name(after)}`) });
    c.updatePod(p, (q) => (q.node = node));
    expect(log).toEqual(['A bound', 'B bound', 'A ready', 'B ready']);
  });

  it('refuses a second begin before commit (one change at a time)', () => {
    const { c, rs } = state();
    const p = c.createPod('shop', null, rs, rs.template);
    const q = c.createPod('shop', null, rs, rs.template);
    c.begin(p);
    expect(() => c.begin(q)).toThrow(/while shop\/web-1-1 is being changed/);
  });
});
