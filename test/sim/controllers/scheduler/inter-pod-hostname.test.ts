// InterPodState keeps hostname-keyed terms out of its count maps when every node has a hostname
// of its own (the count on a node is then its matching groups' pods there), and writes them
// into the maps when cloned for preemption's dry run. Both ways must give the same verdicts, on
// the state as built and after AddPod / RemovePod.
import { describe, expect, it } from 'vitest';
import type { Affinity } from '../../../../src/model/affinity.js';
import { InterPodState } from '../../../../src/sim/controllers/scheduler/plugins/inter-pod-affinity.js';
import type { SimPod } from '../../../../src/sim/state/objects.js';
import { TestCluster, type VPod } from '../../../helpers/scheduling-cluster.js';

const H = 'kubernetes.io/hostname';
const Z = 'topology.kubernetes.io/zone';
const anti = (app: string, key: string): Affinity['podAntiAffinity'] => ({ requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: key }] });

function cluster(): { t: TestCluster; names: string[]; pods: Map<string, SimPod> } {
  const names = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
  const t = new TestCluster(names.map((name, i) => ({ name, labels: { [H]: name, [Z]: `z${i % 3}` } })));
  const existing: VPod[] = [
    { name: 'web-1', labels: { app: 'web' }, node: 'n1', affinity: { podAntiAffinity: anti('web', H) } },
    { name: 'web-2', labels: { app: 'web' }, node: 'n2', affinity: { podAntiAffinity: anti('web', H) } },
    { name: 'db-1', labels: { app: 'db' }, node: 'n3', affinity: { podAntiAffinity: anti('api', H) } },
    { name: 'cache-1', labels: { app: 'cache' }, node: 'n4' },
    { name: 'cache-2', labels: { app: 'cache' }, node: 'n4', terminating: true },
  ];
  const pods = new Map(existing.map((q) => [q.name!, t.pod(q)]));
  return { t, names, pods };
}

describe('InterPodState: hostname terms counted lazily or in the maps', () => {
  const incoming: VPod[] = [
    // Its own hostname anti-affinity, and the symmetric terms of web-1 / web-2.
    { labels: { app: 'web' }, affinity: { podAntiAffinity: anti('web', H) } },
    // Matched by db-1's hostname anti-affinity (symmetry only).
    { labels: { app: 'api' } },
    // Hostname and zone anti-affinity against cache (a terminating pod counts).
    { labels: { app: 'x' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [...anti('cache', H)!.requiredDuringSchedulingIgnoredDuringExecution!, ...anti('web', Z)!.requiredDuringSchedulingIgnoredDuringExecution!] } } },
  ];

  it.each(incoming.map((p, i) => ({ i, p })))('incoming pod $i: same verdicts as built, cloned, and after AddPod / RemovePod', ({ p: v }) => {
    const { t, names, pods } = cluster();
    const p = t.pod(v);
    const g = t.sched.groups.groupOf(p);
    const lazy = InterPodState.prefilter(g, t.sched.groups, true)!;
    const maps = InterPodState.prefilter(g, t.sched.groups, false)!;
    const verdicts = (s: InterPodState) => names.map((n) => s.filter(t.node(n)));
    expect(verdicts(lazy)).toEqual(verdicts(maps));
    expect(verdicts(lazy.clone())).toEqual(verdicts(maps));
    // Some node is refused and some is not, so the comparison means something.
    expect(new Set(verdicts(maps)).size).toBeGreaterThan(1);
    // Remove and add pods of every existing group on every node, on clones of both.
    const groups = ['web-1', 'db-1', 'cache-1'].map((name) => t.sched.groups.groupOf(pods.get(name)!));
    for (const q of groups) {
      for (const n of names) {
        for (const by of [1, -1]) {
          const a = lazy.clone();
          const b = maps.clone();
          a.update(q, t.node(n), by);
          b.update(q, t.node(n), by);
          expect(verdicts(a)).toEqual(verdicts(b));
        }
      }
    }
  });
});
