// The cluster at t=0: which workloads each PodDisruptionBudget selects (its namespace; every
// label of its selector; a null selector selects every pod of the namespace).
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/simulation.js';
import { deployment, node, scenario } from '../helpers/scenario.js';

describe('PDB selection at t=0', () => {
  const d = (key: string, labels: Record<string, string>) => deployment(key, { replicas: 1 }, { labels });
  const sim = new Simulation(
    scenario({
      nodes: [node('n1')],
      deployments: [
        d('shop/web', { app: 'web', tier: 'front' }),
        d('shop/api', { app: 'api', tier: 'front' }),
        d('shop/db', { app: 'db', tier: 'back' }),
        d('other/web', { app: 'web', tier: 'front' }),
      ],
      pdbs: [
        { namespace: 'shop', name: 'front', selector: { tier: 'front' }, minAvailable: 1, maxUnavailable: null },
        { namespace: 'shop', name: 'web-front', selector: { app: 'web', tier: 'front' }, minAvailable: 1, maxUnavailable: null },
        { namespace: 'shop', name: 'web-back', selector: { app: 'web', tier: 'back' }, minAvailable: 1, maxUnavailable: null },
        { namespace: 'shop', name: 'all', selector: null, minAvailable: 1, maxUnavailable: null },
        { namespace: 'other', name: 'none', selector: { app: 'db' }, minAvailable: 1, maxUnavailable: null },
      ],
      durationS: 10,
    }),
  );
  const selected = (name: string) => sim.cluster.pdbs.find((p) => p.name === name)!.workloads.map((w) => w.key);
  it('matches every label of the selector, in the namespace only, in workload order', () => {
    expect(selected('front')).toEqual(['shop/web', 'shop/api']);
    expect(selected('web-front')).toEqual(['shop/web']);
    expect(selected('web-back')).toEqual([]);
    expect(selected('all')).toEqual(['shop/web', 'shop/api', 'shop/db']);
    expect(selected('none')).toEqual([]);
  });
});
