// The ready-made scheduling what-ifs of scenarios/ (README table): each loads and shows the
// behaviour its comment promises. The timelines themselves are derived by hand in
// constraints.test.ts; these check the demo cluster's story.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/io/scenario.js';
import { simulate } from '../../../src/sim/simulation.js';

const run = async (file: string) => simulate(await loadScenario(`scenarios/${file}`));

describe('scenarios/ scheduling what-ifs', () => {
  it('cart-rollout-anti-affinity: the surge pods fit no node, the rollout stalls', async () => {
    const r = await run('cart-rollout-anti-affinity.yaml');
    const cart = r.events.filter((e) => e.workload === 'cart');
    const failed = cart.filter((e) => e.reason === 'FailedScheduling');
    // 9 nodes hold a cart pod; the 3 batch nodes are tainted.
    expect(failed[0].message).toMatch(/^0\/12 nodes are available: 3 node\(s\) had untolerated taint \{dedicated: batch\}, 9 node\(s\) didn't match pod anti-affinity rules\. preemption: /);
    expect(cart.some((e) => e.reason === 'SuccessfulDelete')).toBe(false);
    // progressDeadlineSeconds 600 after the rollout at 120 s (the controller's next sync).
    const deadline = cart.find((e) => e.reason === 'ProgressDeadlineExceeded');
    expect(deadline?.time).toBeGreaterThanOrEqual(720_000);
  });

  it('cart-rollout-anti-affinity-max-unavailable-1: each removed old pod frees a node, the rollout completes', async () => {
    const r = await run('cart-rollout-anti-affinity-max-unavailable-1.yaml');
    const cart = r.events.filter((e) => e.workload === 'cart');
    expect(cart.some((e) => e.reason === 'NewReplicaSetAvailable')).toBe(true);
    expect(cart.some((e) => e.reason === 'ProgressDeadlineExceeded')).toBe(false);
    const w = r.workloads.find((x) => x.name === 'cart')!;
    expect(Math.min(...w.samples.map((s) => s.available))).toBe(8);
  });

  it('checkout-rollout-preempts-batch: only batch pods are preempted, gracefully, and the rollout completes', async () => {
    const r = await run('checkout-rollout-preempts-batch.yaml');
    const preempted = r.events.filter((e) => e.reason === 'Preempted');
    expect(preempted.length).toBeGreaterThan(0);
    for (const e of preempted) {
      expect(e.workload).toBe('batch-worker');
      expect(e.message).toMatch(/^Preempted by pod [0-9a-f-]+ on node \S+$/);
    }
    expect(r.events.some((e) => e.workload === 'checkout' && e.reason === 'NewReplicaSetAvailable')).toBe(true);
  });
});
