// Workloads of different kinds sharing a name (contract: "the lowercase kind goes first:
// statefulset/data/db") through a run and its reports: keys, events, CSV columns, the HTML.
import { describe, expect, it } from 'vitest';
import { reportFiles } from '../../../src/report/files.js';
import { summarize } from '../../../src/report/summary.js';
import { simulate } from '../../../src/sim/simulation.js';
import { deployment, node, scenario, statefulSet } from '../../helpers/scenario.js';

describe('a Deployment and a StatefulSet both named data/db', () => {
  const dep = deployment('data/db', { replicas: 2 }, { startSeconds: 5 });
  const sts = statefulSet('data/db', { replicas: 2 }, { startSeconds: 5 });
  const r = simulate(
    scenario({
      nodes: [node('n1'), node('n2')],
      deployments: [dep],
      statefulSets: [sts],
      // the simulation's key for it (the loader resolves what a user writes to it)
      events: [{ at: 0, action: { kind: 'rollout', workload: 'statefulset/data/db', template: { ...sts.template, image: 'app:2' } } }],
      durationS: 60,
    }),
  );
  const files = reportFiles(r);
  const csv = (name: string) => files[name].trim().split('\n').map((l) => l.split(','));

  it('keys both with their kind, objects by their own kind, events by kind/name', () => {
    expect(r.workloads.map((w) => [w.key, w.kind, w.name])).toEqual([
      ['deployment/data/db', 'Deployment', 'db'],
      ['statefulset/data/db', 'StatefulSet', 'db'],
    ]);
    const stsEvents = r.events.filter((e) => e.object.startsWith('statefulset/'));
    expect(stsEvents.map((e) => [e.object, e.workload])).toContainEqual(['statefulset/data/db', 'statefulset/db']);
    const podEvents = r.events.filter((e) => e.object === 'pod/data/db-1');
    expect(new Set(podEvents.map((e) => e.workload))).toEqual(new Set(['statefulset/db']));
  });

  it('writes kind/name in the CSVs’ workload column, with the kind column beside', () => {
    const timeline = csv('timeline.csv');
    const head = timeline[0];
    const rows = timeline.slice(1).filter((x) => x[0] === '0');
    expect(rows.map((x) => [x[head.indexOf('workload')], x[head.indexOf('kind')]])).toEqual([
      ['deployment/db', 'Deployment'],
      ['statefulset/db', 'StatefulSet'],
    ]);
    const summary = csv('summary.csv');
    const sh = summary[0];
    expect(summary.slice(1).map((x) => [x[sh.indexOf('workload')], x[sh.indexOf('kind')], x[sh.indexOf('rollout_seconds')]])).toEqual([
      ['deployment/db', 'Deployment', ''],
      // the classic update: db-1 deleted at 0, recreated, ready at 5; then db-0: done at 10
      ['statefulset/db', 'StatefulSet', '10'],
    ]);
  });

  it('keeps the two apart in the summary and the HTML report', () => {
    expect(summarize(r).map((s) => s.key).sort()).toEqual(['deployment/data/db', 'statefulset/data/db']);
    expect(files['report.html']).toContain('statefulset/data/db');
    expect(files['report.html']).toContain('deployment/data/db');
  });
});
