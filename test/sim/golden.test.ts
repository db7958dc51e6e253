// No-regression check for performance work (issue "Scale"): mid-size generated scenarios —
// one below 100 nodes (the scheduler scores every node) and one above (the node index) — must
// produce byte-identical reports before and after an optimisation. A change here is a change
// of behaviour: look at the diff of summary.csv, then refresh with UPDATE_GOLDEN=1 npx vitest run
// test/sim/golden.test.ts and say why in the commit.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/commands/generate.js';
import { loadScenario } from '../../src/io/scenario.js';
import { eventsTable, nodesTable, summaryTable, timelineTable } from '../../src/report/tables.js';
import { toCsv } from '../../src/report/csv.js';
import { simulate } from '../../src/sim/simulation.js';

const GOLDEN = 'test/fixtures/golden/reports.json';
const work = mkdtempSync(join(tmpdir(), 'headroom-golden-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cases = {
  'exact-scheduler-60-nodes': { nodes: 60, workloads: 30, replicas: 20, seed: 7 },
  'indexed-scheduler-150-nodes': { nodes: 150, workloads: 40, replicas: 30, seed: 11 },
};

async function digests(name: keyof typeof cases) {
  const dir = join(work, name);
  generate(dir, cases[name]);
  const s = await loadScenario(join(dir, 'scenario.yaml'), { set: ['duration=30m'] });
  const r = simulate(s);
  const csv = {
    'timeline.csv': toCsv(timelineTable(r)),
    'events.csv': toCsv(eventsTable(r)),
    'nodes.csv': toCsv(nodesTable(r)),
    'summary.csv': toCsv(summaryTable(r)),
  };
  const sha = Object.fromEntries(Object.entries(csv).map(([k, v]) => [k, createHash('sha256').update(v).digest('hex')]));
  return { sha, summary: csv['summary.csv'] };
}

describe('golden reports', () => {
  const golden = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) : {};
  const update = process.env.UPDATE_GOLDEN === '1';
  const fresh: Record<string, unknown> = {};
  afterAll(() => {
    if (update) writeFileSync(GOLDEN, JSON.stringify({ ...golden, ...fresh }, null, 2) + '\n');
  });
  for (const name of Object.keys(cases) as (keyof typeof cases)[]) {
    it(`${name}: same reports as recorded`, async () => {
      const d = await digests(name);
      fresh[name] = d;
      if (update) return;
      expect(golden[name], `no golden for ${name}: run with UPDATE_GOLDEN=1`).toBeDefined();
      expect(d.summary).toBe(golden[name].summary);
      expect(d.sha).toEqual(golden[name].sha);
    }, 60_000);
  }
});
