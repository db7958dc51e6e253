// The state's verbs and counters the pod lifecycle added: the scheduler's view of an in-place
// resize moves the node's requests exactly (and frees room when it shrinks), storage pods and
// ephemeral-storage requests follow holds and releases, the Ready condition's transition time
// follows whoever flips it, kubelet evictions count as terminating without DisruptionTarget,
// and every write reaches the status observers.
import { describe, expect, it } from 'vitest';
import { clusterDefaults } from '../../../src/model/cluster-defaults.js';
import { Engine } from '../../../src/sim/engine/engine.js';
import { makeStreams } from '../../../src/sim/engine/rng.js';
import { ClusterState } from '../../../src/sim/state/cluster-state.js';
import { Recorder } from '../../../src/sim/state/events.js';
import { NODE_FREED, NODE_REQUESTS } from '../../../src/sim/state/feed.js';
import { SimDeployment, SimNode, type SimPod } from '../../../src/sim/state/objects.js';
import { deployment, GI } from '../../helpers/scenario.js';

function state(tpl: Parameters<typeof deployment>[2] = {}) {
  const engine = new Engine();
  const c = new ClusterState(engine, clusterDefaults('1.34'), new Recorder(), makeStreams(1).workload);
  c.addNode(new SimNode(0, 'n1', 'z', {}, [], false, 4000, 8 * 2 ** 30, 110, 8 * 2 ** 30, 10_000));
  const d = new SimDeployment(0, 'shop', 'web', deployment('shop/web', { replicas: 2 }, tpl));
  c.addWorkload(d);
  const rs = c.newReplicaSet(d, d.template);
  return { c, d, rs, node: c.nodes[0], engine };
}

describe('ClusterState and the pod lifecycle', () => {
  it('moves the node’s requests by a resize of the scheduler’s view, telling FREED when it shrinks', () => {
    const { c, rs, node } = state({ cpu: 1000 });
    const p = c.createPod('shop', null, rs, rs.template);
    c.updatePod(p, (q) => (q.node = node));
    const told: number[] = [];
    c.subscribe({ nodeChanged: (_n, what) => told.push(what) });
    c.resizePod(p, { cpu: 1500, memory: p.memory, nonZeroCpu: 1500, nonZeroMemory: p.nonZeroMemory });
    expect([node.requestedCpu, node.nonZeroCpu, p.cpu]).toEqual([1500, 1500, 1500]);
    c.resizePod(p, { cpu: 800, memory: p.memory, nonZeroCpu: 800, nonZeroMemory: p.nonZeroMemory });
    expect(node.requestedCpu).toBe(800);
    expect(told).toEqual([NODE_REQUESTS, NODE_REQUESTS | NODE_FREED]);
    c.removePod(p);
    expect([node.requestedCpu, node.nonZeroCpu]).toEqual([0, 0]);
  });

  it('counts storage pods and ephemeral-storage requests on their node while they hold it', () => {
    const { c, rs, node } = state({ containers: [{ name: 'app', requests: { cpu: 100, ephemeralStorage: GI }, limits: { ephemeralStorage: 2 * GI } }] });
    const p = c.createPod('shop', null, rs, rs.template);
    expect([p.usesStorage, p.ephemeralStorage]).toEqual([true, GI]);
    c.updatePod(p, (q) => (q.node = node));
    expect([node.storagePods, node.requestedEphemeralStorage]).toEqual([1, GI]);
    c.updatePod(p, (q) => (q.phase = 'Failed'));
    expect([node.storagePods, node.requestedEphemeralStorage]).toEqual([0, 0]);
  });

  it('keeps the Ready condition’s transition time, and a kubelet eviction terminating without DisruptionTarget', () => {
    const { c, d, rs, node, engine } = state();
    const p = c.createPod('shop', null, rs, rs.template);
    c.updatePod(p, (q) => (q.node = node));
    engine.at(5000, 0, () => c.updatePod(p, (q) => (q.ready = true)));
    engine.at(9000, 0, () => c.updatePod(p, (q) => (q.ready = false)));
    engine.runUntil(5000, () => undefined);
    expect(p.readySince).toBe(5000);
    engine.runUntil(9000, () => undefined);
    expect(p.readySince).toBe(9000);
    c.updatePod(p, (q) => (q.kubeletKilling = true));
    expect([d.terminatingPods, p.killedByKubelet, p.disruptionTarget, d.evictions]).toEqual([1, true, null, 0]);
    c.recordEviction(p);
    expect(d.evictions).toBe(1);
  });

  it('tells every write to the status observers, also writes that move no counter', () => {
    const { c, rs } = state();
    const seen: SimPod[] = [];
    c.subscribe({ podStatusChanged: (p) => seen.push(p) });
    const p = c.createPod('shop', null, rs, rs.template);
    c.updatePod(p, (q) => (q.app.reason = 'ContainerCreating'));
    expect(seen).toEqual([p, p]);
  });
});
