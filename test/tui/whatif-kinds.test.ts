// The what-if form over a StatefulSet and a DaemonSet: each kind's own fields, and the overrides
// they turn into load as the scenario would (no field the kind lacks).
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario.js';
import { setsOf, whatIfFields } from '../../src/tui/data/whatif.js';

describe('what-if fields per kind', async () => {
  const path = 'scenarios/statefulset-zone-failure.yaml';
  const s = await loadScenario(path);

  it('a StatefulSet: replicas, partition, maxUnavailable; a DaemonSet: maxUnavailable and maxSurge, no replicas', () => {
    const ids = (w: string) => whatIfFields(s, w).map((f) => f.id).filter((id) => !id.startsWith('event') && id !== 'more');
    expect(ids('data/kafka')).toEqual(['replicas', 'partition', 'maxUnavailable', 'tolerationSeconds', 'memoryUsage', 'rolloutAt']);
    expect(ids('observability/fluent-bit')).toEqual(['maxUnavailable', 'maxSurge', 'memoryUsage', 'rolloutAt']);
  });

  it('their overrides load', async () => {
    const kafka = whatIfFields(s, 'data/kafka');
    const sets = setsOf(kafka, { partition: '1', rolloutAt: '2m' });
    expect(sets).toEqual(['workloads.data/kafka.partition=1', 'events.1={"at":"2m","rollout":{"workload":"data/kafka"}}']);
    const b = await loadScenario(path, { set: sets });
    expect(b.inventory.statefulSets![0].partition).toBe(1);
    const agent = setsOf(whatIfFields(s, 'observability/fluent-bit'), { maxUnavailable: '0', maxSurge: '1' });
    const c = await loadScenario(path, { set: agent });
    expect(c.inventory.daemonSets![0]).toMatchObject({ maxUnavailable: 0, maxSurge: 1 });
  });
});

describe('what-if fields of a Job', async () => {
  const path = 'scenarios/batch-job-zone-failure.yaml';
  const s = await loadScenario(path);

  it('parallelism, completions, backoffLimit — and no rollout (its template cannot change)', () => {
    const fields = whatIfFields(s, 'batch/nightly-report');
    expect(fields.map((f) => f.id).filter((id) => !id.startsWith('event') && id !== 'more')).toEqual(['parallelism', 'completions', 'backoffLimit', 'tolerationSeconds', 'memoryUsage']);
    expect(fields.filter((f) => ['parallelism', 'completions', 'backoffLimit'].includes(f.id)).map((f) => f.initial)).toEqual(['12', '48', '6']);
  });

  it('its overrides load', async () => {
    const sets = setsOf(whatIfFields(s, 'batch/nightly-report'), { parallelism: '16', backoffLimit: '2' });
    expect(sets).toEqual(['workloads.batch/nightly-report.parallelism=16', 'workloads.batch/nightly-report.backoffLimit=2']);
    const b = await loadScenario(path, { set: sets });
    expect(b.inventory.jobs![0]).toMatchObject({ parallelism: 16, backoffLimit: 2, completions: 48 });
  });
});
