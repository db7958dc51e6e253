import { it } from 'vitest';
import { simulate } from '../../../src/sim/simulation.js';
import { cloneSet, node, probe, rollout, scenario } from '../../helpers/scenario.js';
it('explore', () => {
  for (const strategy of ['InPlaceIfPossible', 'ReCreate'] as const) {
    const cs = cloneSet('shop/web', { replicas: 4, maxUnavailable: 1, updateStrategy: strategy }, { startSeconds: 5, readinessProbe: probe({ periodSeconds: 10 }) });
    const r = simulate(scenario({ nodes: [node('n1'), node('n2')], deployments: [], cloneSets: [cs], events: [rollout(100, cs)], durationS: 300 }));
    console.log(strategy);
    for (const e of r.events) console.log(e.time / 1000, e.reason, e.object, e.message);
    const w = r.workloads[0];
    for (const s of w.samples) console.log(JSON.stringify(s));
    console.log(w.rolloutStartedAt, w.rolloutCompletedAt, w.restarts);
  }
});
