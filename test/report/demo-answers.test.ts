// The bundled zone-failure demo, run for real: its answer — the replacements stay Pending because
// of topology spreading, not for lack of room — is in the terminal summary and at the top of
// report.html, not only in events.csv.
//
// Derivation, from scenarios/zone-failure-at-peak.yaml and scenarios/demo/inventory: shop/checkout
// runs 12 replicas with zone_spread maxSkew 1 over eu-west-1a/b/c, 4 per zone. Zone b becomes
// unreachable at 5m; after the 40 s grace its nodes are NotReady (the zone's pods stop being
// ready), and after their 300 s tolerations the taint manager deletes the 4 pods of zone b.
// The replacements may not go to zone b (tainted unreachable) nor to the batch nodes (tainted
// dedicated=batch); on the 6 general/large nodes of zones a and c they would make a zone hold 5
// against zone b's 0 (PodTopologySpread counts zone b's nodes: nodeTaintsPolicy Ignore), a skew
// of 5 > 1. So the last filter to say no is PodTopologySpread, and no node lacked room.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario.js';
import { renderReportHtml } from '../../src/report/html.js';
import { summarize } from '../../src/report/summary.js';
import { summaryText } from '../../src/report/summary-text.js';
import { simulate } from '../../src/sim/simulation.js';

const SPREAD = "node(s) didn't match pod topology spread constraints";
const RE = SPREAD.replace(/[()]/g, '\\$&');

describe('zone-failure-at-peak: the answer is on the first page', async () => {
  const r = simulate(await loadScenario('scenarios/zone-failure-at-peak.yaml'));
  const checkout = summarize(r).find((s) => s.workload === 'checkout')!;

  it('shop/checkout: Pending on topology spread, not capacity; its PDB needs 6 of 12', () => {
    expect(checkout.cause).toBe(`FailedScheduling: ${SPREAD}`);
    expect(checkout.notCapacity).toBe(true);
    expect(checkout.why).toMatch(new RegExp(`^4 Pending from 11m(\\d\\ds)? to the end: ${RE} — not capacity$`));
    expect(checkout.pdbMinHealthy).toBe(6); // pdb_min_available 6
    expect(checkout.lowestAvailable).toBe(8);
  });

  it('the terminal summary says it', () => {
    const text = summaryText(r);
    expect(text).toMatch(new RegExp(`shop/checkout\\s+4 Pending from .* to the end: ${RE} — not capacity`));
    expect(text).toMatch(new RegExp(`Causes:\\n  \\d+ workloads: FailedScheduling: ${RE} — not capacity`));
  });

  it('report.html says it before any figure', () => {
    const html = renderReportHtml(r);
    const at = html.indexOf(`workloads: FailedScheduling: ${SPREAD} — not capacity`);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(html.indexOf('class="cards"'));
  });
});
