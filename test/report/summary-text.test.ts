// The terminal summary of `headroom run`: an aligned table, worst first, capped for big clusters,
// then why each workload shown was below desired and the run's causes.
import { describe, expect, it } from 'vitest';
import { summaryText } from '../../src/report/summary-text.js';
import { event, result, workload } from './fixtures.js';

const SPREAD = "0/6 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 3 node(s) didn't match pod topology spread constraints.";

describe('summaryText', () => {
  // ns/app-07 drops to 1 of 2 at 50 s with one pod Pending on spreading, to the end (100 s):
  // 50 s below desired, 75 % available; its PDB needs 1 healthy pod.
  const workloads = Array.from({ length: 30 }, (_, i) =>
    workload(
      `ns/app-${String(i).padStart(2, '0')}`,
      i === 7
        ? [{ t: 0, desired: 2, available: 2, pdbDesired: 1, pdbHealthy: 2 }, { t: 50, desired: 2, available: 1, pending: 1, pdbDesired: 1, pdbHealthy: 1 }]
        : [{ t: 0, desired: 2, available: 2 }],
    ),
  );
  const events = [event(50, 'FailedScheduling', { object: 'pod/ns/app-07-1-3', workload: 'app-07', type: 'Warning', message: SPREAD })];
  const text = summaryText(result({ durationS: 100, workloads, events }), 5);
  const lines = text.split('\n');

  it('puts the worst workload first, under an aligned header that says "lowest available" and "PDB needs"', () => {
    expect(lines[0]).toMatch(/^workload\s+desired\s+lowest available\s+PDB needs\s+avail %\s+below desired\s+below PDB\s+rollout\s+evicted\s+OOM\s+max pending$/);
    expect(lines[1]).toMatch(/^ns\/app-07\s+2\s+1\s+1\s+75\s+50s\s+0s\s+0\s+0\s+1$/);
    // No PDB: no figure below it.
    expect(lines[2]).toMatch(/^ns\/app-00\s+2\s+2\s+100\s+0s\s+0\s+0\s+0$/);
    expect(new Set(lines.slice(0, 6).map((l) => l.length)).size).toBe(1); // right-aligned last column
  });

  it('shows at most `max` workloads and counts the rest', () => {
    expect(lines[6]).toBe('… and 25 more workloads, all at 100 % availability');
  });

  it('says why each workload shown was below desired, and the causes of the run', () => {
    expect(lines.slice(7)).toEqual([
      '',
      'Why below desired (the longest reason; summary.csv `cause`):',
      "  ns/app-07  1 Pending from 50s to the end: node(s) didn't match pod topology spread constraints — not capacity",
      '',
      'Causes:',
      "  1 workload: FailedScheduling: node(s) didn't match pod topology spread constraints — not capacity",
    ]);
  });

  it('writes rollouts as durations, stalled ones as words', () => {
    const done = summaryText(result({ durationS: 900, workloads: [workload('a/b', [{ t: 0, desired: 1, available: 1 }], { rolloutStartedAt: 0, rolloutCompletedAt: 845_000 })] }));
    expect(done.split('\n')[1]).toMatch(/ 14m05s /);
    const t = summaryText(result({ durationS: 10, workloads: [workload('a/b', [{ t: 0, desired: 1, available: 1 }], { rolloutStartedAt: 0, rolloutStalled: true })] }));
    expect(t).toContain('stalled');
    expect(t).not.toContain('Why below desired');
  });
});
