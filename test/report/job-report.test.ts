// Jobs in every report face, on hand-made results whose figures are worked out on paper: the
// summary row and its cause (a failed Job is put down to its Failed reason; a pod-failure
// back-off reads BackOff), summary.csv's and timeline.csv's Job cells, the words of report.html
// and of the terminal summary ("5/5 completions · Complete at 50s").
import { describe, expect, it } from 'vitest';
import { jobText } from '../../src/report/figures.js';
import { renderReportHtml } from '../../src/report/html.js';
import { summarizeWorkload } from '../../src/report/summary.js';
import { summaryText } from '../../src/report/summary-text.js';
import { summaryTable, timelineTable } from '../../src/report/tables.js';
import type { JobResult, WorkloadResult } from '../../src/sim/result.js';
import { result, workload, type S } from './fixtures.js';

const JOB: JobResult = {
  completions: 5,
  parallelism: 3,
  backoffLimit: 6,
  completionMode: 'NonIndexed',
  condition: 'Complete',
  reason: '',
  message: '',
  conditionAt: 50_000,
  interim: null,
  interimAt: -1,
  terminating: 0,
  succeeded: 5,
  failed: 0,
  backoffs: [],
};

function jobWorkload(rows: readonly S[], job: Partial<JobResult> = {}): WorkloadResult {
  return workload('batch/work', rows, { kind: 'Job', job: { ...JOB, ...job } });
}

describe('a Job\'s summary row', () => {
  it('a Job that completed: its counts and completion time; below desired only while its pods started', () => {
    // §3.13: desired 3 → 2 → 0; available 0 for 5 s after each wave's creation (start 5 s).
    const w = jobWorkload([
      { t: 0, desired: 3, available: 0, succeeded: 0, failed: 0 },
      { t: 5, desired: 3, available: 3, succeeded: 0, failed: 0 },
      { t: 25, desired: 2, available: 0, succeeded: 3, failed: 0 },
      { t: 30, desired: 2, available: 2, succeeded: 3, failed: 0 },
      { t: 50, desired: 0, available: 0, succeeded: 5, failed: 0 },
    ]);
    const s = summarizeWorkload(w, 100_000);
    expect(s.job).toEqual({ completions: 5, succeeded: 5, failed: 0, condition: 'Complete', reason: '', message: '', conditionSeconds: 50, interim: null, interimSeconds: null, terminating: 0 });
    expect([s.secondsBelowDesired, s.cause]).toEqual([10, 'ContainersNotReady']);
    expect(jobText(s.job!)).toBe('5/5 completions · Complete at 50s');
  });

  it('a Job that failed is put down to its Failed reason, with the message and the failed pods', () => {
    // Never, backoffLimit 3 (§3.13): the two pods fail at 10, wait 20 s (no pods: BackOff), fail again at 40.
    const w = jobWorkload(
      [
        { t: 0, desired: 2, available: 2, succeeded: 0, failed: 0 },
        { t: 10, desired: 2, available: 0, succeeded: 0, failed: 2 },
        { t: 30, desired: 2, available: 2, succeeded: 0, failed: 2 },
        { t: 40, desired: 0, available: 0, succeeded: 0, failed: 4 },
      ],
      { completions: 2, condition: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', conditionAt: 40_000, succeeded: 0, failed: 4, backoffs: [{ from: 10_000, to: 30_000 }] },
    );
    const s = summarizeWorkload(w, 100_000);
    expect(s.cause).toBe('BackoffLimitExceeded');
    expect(s.why).toBe('Failed at 40s: BackoffLimitExceeded (Job has reached the specified backoff limit), 4 pods failed');
    // The 20 s below desired were the pod-failure back-off.
    expect(s.causes).toEqual([{ reason: 'BackOff', ms: 20_000 }]);
    expect(jobText(s.job!)).toBe('0/2 completions · Failed: BackoffLimitExceeded at 40s · 4 failed');
  });

  it('a Job whose outcome waits for terminating pods says so', () => {
    const w = jobWorkload([{ t: 0, desired: 0, available: 0, succeeded: 48, failed: 3 }], {
      completions: 48,
      condition: null,
      conditionAt: -1,
      interim: 'SuccessCriteriaMet',
      interimAt: 2_340_000,
      terminating: 3,
      succeeded: 48,
      failed: 3,
    });
    expect(jobText(summarizeWorkload(w, 2_400_000).job!)).toBe('48/48 completions · SuccessCriteriaMet at 39m, Complete waits for 3 terminating pods · 3 failed');
  });

  it('a work-queue Job (no completions) counts its successes', () => {
    const w = jobWorkload([{ t: 0, desired: 0, available: 0 }], { completions: null, succeeded: 1, failed: 1, conditionAt: 20_000 });
    expect(jobText(summarizeWorkload(w, 60_000).job!)).toBe('1 succeeded · Complete at 20s · 1 failed');
  });
});

describe('Job cells in the CSVs', () => {
  const r = result({
    durationS: 100,
    workloads: [
      jobWorkload([
        { t: 0, desired: 3, available: 0, succeeded: 0, failed: 0 },
        { t: 50, desired: 0, available: 0, succeeded: 5, failed: 0 },
      ]),
      jobWorkload([{ t: 0, desired: 1, available: 1, succeeded: 0, failed: 0 }], { condition: 'Failed', reason: 'DeadlineExceeded', conditionAt: 30_000, succeeded: 1, failed: 1 }),
      workload('shop/web', [{ t: 0, desired: 2, available: 2 }]),
    ],
  });

  it('timeline.csv: succeeded and failed after kind, empty for a Deployment', () => {
    const t = timelineTable(r);
    const at = (h: string) => t.header.indexOf(h);
    expect(t.rows.map((row) => [row[at('workload')], row[at('kind')], row[at('succeeded')], row[at('failed')]])).toEqual([
      ['work', 'Job', 0, 0],
      ['work', 'Job', 0, 0],
      ['web', 'Deployment', null, null],
      ['work', 'Job', 5, 0],
    ]);
  });

  it('summary.csv: succeeded, failed, completed_seconds (-1 when it did not complete), job_condition', () => {
    const t = summaryTable(r);
    const cols = ['succeeded', 'failed', 'completed_seconds', 'job_condition'].map((h) => t.header.indexOf(h));
    expect(t.rows.map((row) => cols.map((c) => row[c]))).toEqual([
      [5, 0, 50, 'Complete'],
      [1, 1, -1, 'Failed: DeadlineExceeded'],
      [null, null, null, null],
    ]);
  });

  it('report.html and the terminal summary say it in the Job\'s words', () => {
    const html = renderReportHtml(r);
    expect(html).toContain('<span class="tag">5/5 completions · Complete at 50s</span>');
    expect(html).toContain('<span class="tag bad">1/5 completions · Failed: DeadlineExceeded at 30s · 1 failed</span>');
    expect(html).toContain('A Job’s desired is the pods it wants running now');
    const text = summaryText(r);
    expect(text).toContain('Jobs:\n  batch/work  5/5 completions · Complete at 50s\n  batch/work  1/5 completions · Failed: DeadlineExceeded at 30s · 1 failed');
  });

  it('a run without Jobs has no Job words', () => {
    const plain = result({ durationS: 100, workloads: [workload('shop/web', [{ t: 0, desired: 2, available: 2 }])] });
    expect(summaryText(plain)).not.toContain('Jobs:');
    expect(renderReportHtml(plain)).not.toContain('completions');
  });
});
