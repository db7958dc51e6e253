// PDBs over the pods of each workload kind (test/fixtures/vectors-workloads.json
// Disruption.overWorkloadKinds, from disruption_test.go TestStatefulSetController and
// disruption.go getScaleController): a StatefulSet's scale is spec.replicas; a DaemonSet has no
// scale subresource, so a budget that needs one fails safe (no disruption allowed) — replayed on
// the pure rule and on a simulated cluster through the Eviction API.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdbFigures } from '../../../../src/sim/controllers/disruption/disruption-controller.js';
import { evictViaApi } from '../../../../src/sim/controllers/disruption/eviction-api.js';
import { type PdbPod, pdbStatus } from '../../../../src/sim/controllers/disruption/pdb.js';
import { Simulation } from '../../../../src/sim/simulation.js';
import type { IntOrPercent } from '../../../../src/model/types.js';
import { daemonSet, job, node, scenario, statefulSet } from '../../../helpers/scenario.js';

const vectors = JSON.parse(readFileSync(new URL('../../../fixtures/vectors-workloads.json', import.meta.url), 'utf8'));
type I = { controller: 'StatefulSet' | 'DaemonSet' | 'Job'; replicas?: number; pods?: number; readyPods: number; minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent };
type E = { disruptionsAllowed: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number; condition?: string; evictionResult?: number };
const cases: { name: string; input: I; expected: E }[] = vectors['Disruption.overWorkloadKinds'].cases;

describe('Disruption.overWorkloadKinds (pdbStatus)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const n = c.input.replicas ?? c.input.pods!;
      const scale = c.input.controller === 'StatefulSet' ? c.input.replicas! : null;
      const pods: PdbPod[] = Array.from({ length: n }, (_, i) => ({
        ready: i < c.input.readyPods,
        terminating: false,
        controllerScale: scale,
        controllerKey: 'owner',
        controllerKind: c.input.controller,
      }));
      const got = pdbStatus({ minAvailable: c.input.minAvailable ?? null, maxUnavailable: c.input.maxUnavailable ?? null, pods });
      expect(got.disruptionsAllowed).toBe(c.expected.disruptionsAllowed);
      if (c.expected.currentHealthy !== undefined) expect(got.currentHealthy).toBe(c.expected.currentHealthy);
      if (c.expected.desiredHealthy !== undefined) expect(got.desiredHealthy).toBe(c.expected.desiredHealthy);
      if (c.expected.expectedPods !== undefined) expect(got.expectedCount).toBe(c.expected.expectedPods);
      if (c.expected.condition) expect(`DisruptionAllowed=False SyncFailed: ${got.syncFailed}`).toBe(c.expected.condition);
      else expect(got.syncFailed).toBeUndefined();
    });
  }
});

describe('PDBs over StatefulSet and DaemonSet pods in a simulated cluster', () => {
  const nodes = Array.from({ length: 6 }, (_, i) => node(`n${i}`));

  it('a StatefulSet of 3 with minAvailable 34% needs 2 healthy and allows 1 eviction', () => {
    const db = statefulSet('data/db', { replicas: 3 });
    const sim = new Simulation(scenario({ nodes, deployments: [], statefulSets: [db], pdbs: [{ namespace: 'data', name: 'db', selector: { app: 'db' }, minAvailable: '34%', maxUnavailable: null }] }));
    const pdb = sim.cluster.pdbs[0];
    expect(pdbFigures(pdb, 0)).toEqual({ expectedCount: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1, syncFailed: null });
    const [first, second] = [...sim.cluster.statefulSets[0].podByOrdinal.values()];
    expect(evictViaApi(sim.cluster, first)).toEqual({ ok: true });
    // the first eviction used the budget: 2 healthy left, 2 needed
    expect(evictViaApi(sim.cluster, second)).toMatchObject({ ok: false, code: 429 });
  });

  it('maxUnavailable over DaemonSet pods fails safe: SyncFailed, every eviction refused (429)', () => {
    const agent = daemonSet('monitoring/agent');
    const sim = new Simulation(scenario({ nodes, deployments: [], daemonSets: [agent], pdbs: [{ namespace: 'monitoring', name: 'agent', selector: { app: 'agent' }, minAvailable: null, maxUnavailable: 1 }] }));
    const pdb = sim.cluster.pdbs[0];
    const f = pdbFigures(pdb, 0);
    expect(f).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 6, syncFailed: 'daemonsets.apps does not implement the scale subresource' });
    const pod = sim.cluster.daemonSets[0].podsByNode.get(sim.cluster.nodes[0])![0];
    expect(evictViaApi(sim.cluster, pod)).toMatchObject({ ok: false, code: 429 });
    const warn = sim.recorder.events.filter((e) => e.reason === 'CalculateExpectedPodCountFailed');
    expect(warn.map((e) => [e.time, e.type, e.object, e.message])).toEqual([
      [0, 'Warning', 'poddisruptionbudget/monitoring/agent', 'Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource'],
    ]);
  });

  it('an integer minAvailable needs no scale: 6 DaemonSet pods, minAvailable 5 → 1 allowed', () => {
    const agent = daemonSet('monitoring/agent');
    const sim = new Simulation(scenario({ nodes, deployments: [], daemonSets: [agent], pdbs: [{ namespace: 'monitoring', name: 'agent', selector: { app: 'agent' }, minAvailable: 5, maxUnavailable: null }] }));
    expect(pdbFigures(sim.cluster.pdbs[0], 0)).toEqual({ expectedCount: 6, desiredHealthy: 5, currentHealthy: 6, disruptionsAllowed: 1, syncFailed: null });
  });

  it('minAvailable 50% over 4 Ready Job pods fails safe: jobs.batch has no scale subresource, evictions refused (429)', () => {
    // A Job's pods run until they exit; 4 created at t=0 (parallelism 4), Ready once started (start 0).
    const work = job('batch/work', { completions: 4, parallelism: 4 });
    const sim = new Simulation(scenario({ nodes, deployments: [], jobs: [work], pdbs: [{ namespace: 'batch', name: 'work', selector: { app: 'work' }, minAvailable: '50%', maxUnavailable: null }] }));
    sim.runUntil(0);
    const f = pdbFigures(sim.cluster.pdbs[0], 0);
    expect(f).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 4, syncFailed: 'jobs.batch does not implement the scale subresource' });
    const pod = [...sim.cluster.jobs[0].pods.pods][0];
    expect(evictViaApi(sim.cluster, pod)).toMatchObject({ ok: false, code: 429 });
  });
});
