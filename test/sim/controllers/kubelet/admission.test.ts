// Kubelet admission (lifecycle/predicate.go Admit; eviction manager Admit): the first resource
// that does not fit beside the pods the kubelet admitted, as OutOf<resource>; pressure refusals.
import { describe, expect, it } from 'vitest';
import { clusterDefaults } from '../../../../src/model/cluster-defaults.js';
import { Engine } from '../../../../src/sim/engine/engine.js';
import { makeStreams } from '../../../../src/sim/engine/rng.js';
import { ClusterState } from '../../../../src/sim/state/cluster-state.js';
import { Recorder } from '../../../../src/sim/state/events.js';
import { SimDeployment, SimNode, type SimPod } from '../../../../src/sim/state/objects.js';
import { admissionFailure } from '../../../../src/sim/controllers/kubelet/admission.js';
import { deployment, GI, MI } from '../../../helpers/scenario.js';

function setup(node: { cpu?: number; memory?: number; pods?: number; es?: number }, tpl: Parameters<typeof deployment>[2]) {
  const c = new ClusterState(new Engine(), clusterDefaults('1.34'), new Recorder(), makeStreams(1).workload);
  const n = new SimNode(0, 'n1', 'z', {}, [], false, node.cpu ?? 4000, node.memory ?? 8 * GI, node.pods ?? 110, 8 * GI, 10_000);
  if (node.es !== undefined) n.allocatableEphemeralStorage = node.es;
  c.addNode(n);
  const d = new SimDeployment(0, 'shop', 'web', deployment('shop/web', { replicas: 2 }, tpl));
  c.addWorkload(d);
  const rs = c.newReplicaSet(d, d.template);
  const admitted = new Set<SimPod>();
  const bind = () => {
    const p = c.createPod('shop', null, rs, rs.template);
    c.updatePod(p, (q) => (q.node = n));
    return p;
  };
  return { c, n, bind, admitted, kubelet: { admitted: (p: SimPod) => admitted.has(p) } };
}

describe('admissionFailure', () => {
  it('admits what fits, refuses cpu, memory, pods and ephemeral-storage with the predicate handler’s words', () => {
    const cpu = setup({ cpu: 1500 }, { cpu: 1000 });
    const a = cpu.bind();
    cpu.admitted.add(a);
    expect(admissionFailure(a, cpu.n, cpu.kubelet)).toBeNull();
    const b = cpu.bind();
    expect(admissionFailure(b, cpu.n, cpu.kubelet)).toEqual({ reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 1000, used: 1000, capacity: 1500" });
    const mem = setup({ memory: 1 * GI }, { memory: 600 * MI });
    mem.admitted.add(mem.bind());
    expect(admissionFailure(mem.bind(), mem.n, mem.kubelet)?.reason).toBe('OutOfmemory');
    const pods = setup({ pods: 1 }, {});
    pods.admitted.add(pods.bind());
    expect(admissionFailure(pods.bind(), pods.n, pods.kubelet)).toEqual({ reason: 'OutOfpods', message: "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 1, capacity: 1" });
    const es = setup({ es: GI }, { containers: [{ name: 'app', requests: { cpu: 100, ephemeralStorage: 600 * MI }, limits: {} }] });
    es.admitted.add(es.bind());
    expect(admissionFailure(es.bind(), es.n, es.kubelet)?.reason).toBe('OutOfephemeral-storage');
  });
  it('does not count pods it has not admitted (bound while it was away)', () => {
    const cpu = setup({ cpu: 1500 }, { cpu: 1000 });
    cpu.bind();
    expect(admissionFailure(cpu.bind(), cpu.n, cpu.kubelet)).toBeNull();
  });
  it('refuses every non-critical pod under DiskPressure, BestEffort ones under MemoryPressure', () => {
    const s = setup({}, { cpu: 100 });
    const p = s.bind();
    s.c.setDiskPressure(s.n, true);
    expect(admissionFailure(p, s.n, s.kubelet)).toEqual({ reason: 'Evicted', message: 'The node had condition: [DiskPressure].' });
    s.c.setMemoryPressure(s.n, true);
    expect(admissionFailure(p, s.n, s.kubelet)?.message).toBe('The node had condition: [MemoryPressure, DiskPressure].');
  });
});
