// report.html and compare.html: self-contained (no URL of any kind fetched), deterministic,
// complete, and bounded in size for big clusters.
import { describe, expect, it } from 'vitest';
import { renderCompareHtml } from '../../src/report/compare.js';
import { MAX_HEAT_NODES, MAX_LOG_ROWS, MAX_WORKLOAD_CHARTS, renderReportHtml } from '../../src/report/html.js';
import type { SimResult } from '../../src/sim/result.js';
import { GI } from '../helpers/scenario.js';
import { event, nodeResult, nodeSample, result, workload } from './fixtures.js';

/** Everything that would make a browser fetch something, or run a script from elsewhere. */
export function externalReferences(html: string): string[] {
  const found: string[] = [];
  const patterns = [
    /https?:\/\//gi,
    /\b(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?\s*\/\//gi,
    /@import/gi,
    /url\(\s*["']?(?!#)/gi,
    /<script[^>]*\bsrc\s*=/gi,
    /<link\b/gi,
    /<iframe\b|<img\b|<object\b|<embed\b/gi,
    /@font-face/gi,
  ];
  for (const p of patterns) for (const m of html.matchAll(p)) found.push(m[0]);
  return found;
}

const dip = (key: string, index: number, low: number) =>
  workload(
    key,
    [
      { t: 0, desired: 4, available: 4 },
      { t: 60, desired: 4, available: low, pending: 4 - low, terminating: 1 },
      { t: 120, desired: 4, available: 4 },
    ],
    { rolloutStartedAt: 60_000, rolloutCompletedAt: 120_000 },
    index,
  );

function smallResult(): SimResult {
  return result({
    durationS: 600,
    name: 'rollout <at> "peak" & more',
    overrides: ['workloads.shop/web.maxSurge=50%'],
    scenarioEvents: [{ at: 60, label: 'rollout shop/web' }, { at: 300, label: 'drain node n2 <now>' }],
    workloads: [
      dip('shop/web', 0, 2),
      workload('shop/steady', [{ t: 0, desired: 3, available: 3 }, { t: 600, desired: 3, available: 3 }]),
      workload('shop/pdb', [
        { t: 0, desired: 5, available: 5, pdbDesired: 4, pdbHealthy: 5 },
        { t: 300, desired: 5, available: 3, pdbDesired: 4, pdbHealthy: 3 },
        { t: 330, desired: 5, available: 5, pdbDesired: 4, pdbHealthy: 5 },
      ]),
    ],
    nodes: [
      nodeResult('n1', 'zone-a', [nodeSample(0), nodeSample(300, { memoryAvailable: 50 * 1024 ** 2, conditions: 'MemoryPressure=True' })]),
      nodeResult('n2', 'zone-b', [nodeSample(0), nodeSample(300, { conditions: 'Ready=Unknown;SchedulingDisabled', taints: 'node.kubernetes.io/unreachable:NoExecute' })]),
    ],
    events: [
      event(300, 'Evicted', { type: 'Warning', message: 'The node was low on resource: memory. <script>alert(1)</script>' }),
      event(301, 'FailedScheduling', { type: 'Warning', object: 'pod/shop/pdb-1-2', workload: 'pdb', message: '0/2 nodes are available: 1 Insufficient memory.' }),
      event(302, 'Scheduled', { message: 'routine' }),
      event(303, 'NodeNotReady', { object: 'node/n2', workload: '', node: 'n2', qos: '', message: 'Node n2 status is now: NodeNotReady' }),
    ],
  });
}

describe('report.html', () => {
  const html = renderReportHtml(smallResult());

  it('references nothing outside itself: no URL, no script src, no @import, no external url()', () => {
    expect(externalReferences(html)).toEqual([]);
  });

  it('needs no JavaScript at all', () => expect(html).not.toMatch(/<script/i));

  it('is the same bytes for the same result', () => {
    expect(renderReportHtml(smallResult())).toBe(html);
  });

  it('escapes everything that came from input', () => {
    expect(html).toContain('rollout &lt;at&gt; &quot;peak&quot; &amp; more');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('drain node n2 &lt;now&gt;');
  });

  it('has every section a meeting needs', () => {
    for (const id of ['summary', 'timelines', 'capacity', 'nodes', 'events', 'scenario']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('<svg');
    expect(html).toContain('workloads.shop/web.maxSurge=50%');
  });

  it('answers first: why workloads were below desired, grouped by cause, before the figures', () => {
    const answer = html.indexOf('Why workloads were below desired');
    expect(answer).toBeGreaterThan(0);
    expect(answer).toBeLessThan(html.indexOf('class="cards"'));
    // shop/web: 2 of 4 Pending 60–120 s (no FailedScheduling of its own: not scheduled yet);
    // shop/pdb: 2 of 5 unavailable 300–330 s with no event that explains it.
    expect(html).toContain('<li><b>1 workload: Pending</b> <span class="count">shop/web</span></li>');
    expect(html).toContain('<li><b>1 workload: ContainersNotReady</b> <span class="count">shop/pdb</span></li>');
  });

  it('says "lowest available" and what the PDB needs, with each workload’s why', () => {
    expect(html).toContain('<th>lowest available</th><th>PDB needs</th>');
    expect(html).not.toMatch(/min avail/i);
    // shop/pdb: lowest 3 of 5, its PDB needs 4, below it 300–330 s: (570 + 30 × 3/5) / 600 = 98 %.
    expect(html).toMatch(/<td class="t">shop\/pdb<\/td><td>5<\/td><td>3<\/td><td>4<\/td><td class="avail">98<\/td><td>30s<\/td><td>30s<\/td>/);
    expect(html).toContain('2 unavailable from 5m to 5m30s: ContainersNotReady');
    // No PDB: a dash, not 0.
    expect(html).toMatch(/<td class="t">shop\/steady<\/td><td>3<\/td><td>3<\/td><td>—<\/td>/);
    expect(html).toContain('lowest available 3 of 5 · PDB needs 4');
  });

  it('lists the headline table worst first, with stalled/none rollout cells', () => {
    const order = [...html.matchAll(/<tr[^>]*><td class="t">([^<]+)<\/td><td>\d/g)].map((m) => m[1]);
    expect(order.slice(0, 3)).toEqual(['shop/web', 'shop/pdb', 'shop/steady']);
  });

  it('draws a timeline only for workloads that changed, names the steady ones', () => {
    expect(html.match(/<figure id="w-/g)).toHaveLength(2);
    expect(html).toContain('shop/steady (3/3)');
  });

  it('marks the scenario events on the charts', () => {
    expect(html).toContain('1: 1m rollout shop/web');
    expect(html).toContain('2: 5m drain node n2 &lt;now&gt;');
  });

  it('leaves routine events out of the log but counts them', () => {
    expect(html).toContain('>Evicted<');
    expect(html).not.toMatch(/<td class="t reason">Scheduled</);
    expect(html).toMatch(/1 routine per-pod events/);
  });

  it('opens without events, workloads or nodes', () => {
    const empty = renderReportHtml(result({ durationS: 0 }));
    expect(externalReferences(empty)).toEqual([]);
    expect(empty).toContain('No workload changed during the run.');
    expect(empty).toContain('The scenario has no events');
  });
});

describe('report.html for a big cluster (1,500 workloads × 5,000 nodes)', () => {
  const big = (() => {
    const workloads = Array.from({ length: 1500 }, (_, i) => dip(`ns-${i % 30}/app-${i}`, i, i % 4));
    const nodes = Array.from({ length: 5000 }, (_, i) =>
      nodeResult(`node-${i}`, `zone-${i % 3}`, [
        nodeSample(0),
        nodeSample(60 + (i % 50), { memoryAvailable: ((i % 97) + 1) * 0.3 * GI, memoryWorkingSet: 20 * GI }),
        nodeSample(400, { memoryAvailable: 20 * GI }),
      ]),
    );
    const events = Array.from({ length: 20_000 }, (_, i) =>
      event(i * 0.03, i % 2 ? 'Evicted' : 'FailedScheduling', { type: 'Warning', object: `pod/ns-${i % 30}/app-${i % 1500}-1-1`, workload: `app-${i % 1500}` }),
    );
    const scenarioEvents = [...workloads.map((w) => ({ at: 0, label: `rollout ${w.key}` })), { at: 600, label: 'zone zone-c fails' }];
    return result({ durationS: 1800, workloads, nodes, events, scenarioEvents });
  })();

  const html = renderReportHtml(big);

  it(`caps the timelines at ${MAX_WORKLOAD_CHARTS} and says so`, () => {
    expect(html.match(/<figure id="w-/g)).toHaveLength(MAX_WORKLOAD_CHARTS);
    expect(html).toContain(`Showing the ${MAX_WORKLOAD_CHARTS} worst of 1500 workloads`);
  });

  it(`draws at most ${MAX_HEAT_NODES} heat-strip rows and says so`, () => {
    const heat = html.slice(html.indexOf('id="nodes"'), html.indexOf('id="events"'));
    expect(heat.match(/<text x="164"/g)?.length).toBe(MAX_HEAT_NODES);
    expect(heat).toContain(`Showing the ${MAX_HEAT_NODES} of 5000 nodes`);
  });

  it('shows the worst 100 workloads in the headline table and folds the other 1,400 below it', () => {
    expect(html).toContain('<summary>The other 1400 workloads');
    expect(html.match(/<tr class="[a-z ]*"><td class="t">ns-/g)?.length ?? 0).toBeGreaterThan(0);
  });

  it(`caps the chronological log at ${MAX_LOG_ROWS} rows`, () => {
    expect(html).toContain(`The first ${MAX_LOG_ROWS} of 20000 events`);
  });

  it('merges 1,500 events at t=0 into one flag per chart and shortens the key', () => {
    const charts = html.match(/<svg[\s\S]*?<\/svg>/g)!;
    for (const c of charts) expect(c.match(/class="marker"/g)?.length ?? 0).toBeLessThanOrEqual(2);
    expect(html).toContain('>1–1500<');
    expect(html).toContain('… and 1477 more, listed under');
  });

  it('stays a sane size', () => {
    expect(html.length).toBeLessThan(6_000_000);
    expect(externalReferences(html)).toEqual([]);
  });
});

describe('compare.html', () => {
  const a = smallResult();
  const b = result({
    durationS: 600,
    overrides: ['workloads.shop/web.maxSurge=50%'],
    scenarioEvents: [{ at: 60, label: 'rollout shop/web' }, { at: 360, label: 'drain node n2 <now>' }],
    workloads: [dip('shop/web', 0, 3), a.workloads[1], a.workloads[2]],
    nodes: [...a.nodes],
  });
  const html = renderCompareHtml(a, b);

  it('references nothing outside itself except the two report folders beside it', () => {
    expect(externalReferences(html)).toEqual([]);
    expect([...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1])).toEqual(['a/report.html', 'b/report.html']);
  });

  it('is deterministic', () => expect(renderCompareHtml(a, b)).toBe(html));

  it('draws B so it never hides under desired: desired is a band beneath, B a dashed line over A', () => {
    const fig = html.slice(html.indexOf('<figure>'));
    const chart = fig.slice(0, fig.indexOf('</svg>'));
    const paths = [...chart.matchAll(/<path d="[^"]*" fill="none" stroke="([^"]+)" stroke-width="([^"]+)"( stroke-dasharray="([^"]+)")?\/>/g)].map((m) => ({ color: m[1], width: m[2], dash: m[4] ?? '' }));
    // desired, A available, B available, in drawing order (the updated lines in between left out)
    const lines = paths.filter((p) => ['#c8c8c8', '#0072B2', '#D55E00'].includes(p.color));
    expect(lines.map((p) => p.color)).toEqual(['#c8c8c8', '#0072B2', '#D55E00']);
    expect(lines[0]).toEqual({ color: '#c8c8c8', width: '7', dash: '' });
    expect(lines[1].dash).toBe('');
    expect(lines[2].dash).toBe('6 3');
  });

  it('says "lowest available" and why, A → B', () => {
    expect(html).toContain('lowest available 2 → 3');
    expect(html).not.toMatch(/min avail/i);
    expect(html).toContain('A: 2 Pending from 1m to 2m: not scheduled yet → B: 1 Pending from 1m to 2m: not scheduled yet');
  });

  it('overlays only the changed workloads and marks moved events as A/B', () => {
    expect(html.match(/<figure>/g)).toHaveLength(1);
    expect(html).toContain('A2: 5m drain node n2');
    expect(html).toContain('B2: 6m drain node n2');
    expect(html).toContain('1: 1m rollout shop/web');
  });
});

describe('report.html of a run that left routine events out', () => {
  it('says how many were not recorded', () => {
    const html = renderReportHtml(result({ durationS: 10, routineEventsOmitted: 12345 }));
    expect(html).toContain('12345 more were not recorded');
  });
});
