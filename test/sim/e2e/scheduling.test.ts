// Where the scheduler puts pods: default spreading across zones and nodes, both below 100 nodes
// (every node scored) and above (the free-capacity index, which must still see every zone).
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/sim/simulation.js';
import { deployment, node, scenario } from '../../helpers/scenario.js';

function placement(nodes: number, workloads: number, replicas: number) {
  const zones = ['a', 'b', 'c'];
  const s = scenario({
    nodes: Array.from({ length: nodes }, (_, i) => node(`n${i}`, zones[i % 3], { cpu: 16_000, memory: 64 * 1024 ** 3 })),
    deployments: Array.from({ length: workloads }, (_, i) => deployment(`ns/w${i}`, { replicas }, { cpu: 500 })),
    durationS: 1,
  });
  const sim = new Simulation(s);
  return sim.cluster.deployments.map((d) => {
    const perZone = new Map<string, number>();
    const perNode = new Map<string, number>();
    for (const rs of d.replicaSets) for (const p of rs.pods) {
      perZone.set(p.node!.zone, (perZone.get(p.node!.zone) ?? 0) + 1);
      perNode.set(p.node!.name, (perNode.get(p.node!.name) ?? 0) + 1);
    }
    return { maxZone: Math.max(...perZone.values()), zones: perZone.size, maxNode: Math.max(...perNode.values()) };
  });
}

describe('default spreading (PodTopologySpread system defaults, LeastAllocated)', () => {
  it.each([
    ['60 nodes, every node scored', 60],
    ['300 nodes, the free-capacity index', 300],
  ])('%s: 9 replicas land in all 3 zones, at most 4 in one, one per node', (_name, nodes) => {
    for (const w of placement(nodes, 40, 9)) {
      expect(w.zones).toBe(3);
      expect(w.maxZone).toBeLessThanOrEqual(4);
      expect(w.maxNode).toBe(1);
    }
  });
});
