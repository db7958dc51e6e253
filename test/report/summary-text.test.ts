// The terminal summary of `headroom run`: an aligned table, worst first, capped for big clusters.
import { describe, expect, it } from 'vitest';
import { summaryText } from '../../src/commands/run.js';
import { result, workload } from './fixtures.js';

describe('summaryText', () => {
  const workloads = Array.from({ length: 30 }, (_, i) =>
    workload(`ns/app-${String(i).padStart(2, '0')}`, i === 7 ? [{ t: 0, desired: 2, available: 2 }, { t: 50, desired: 2, available: 1 }] : [{ t: 0, desired: 2, available: 2 }]),
  );
  const text = summaryText(result({ durationS: 100, workloads }), 5);
  const lines = text.split('\n');

  it('puts the worst workload first, under an aligned header', () => {
    expect(lines[0]).toMatch(/^workload\s+desired\s+min avail\s+avail %\s+s<desired\s+s<pdb\s+rollout s\s+evicted\s+oom\s+max pending$/);
    expect(lines[1]).toMatch(/^ns\/app-07\s+2\s+1\s+75\s+50\s+0\s+0\s+0\s+0$/);
    expect(new Set(lines.slice(0, 6).map((l) => l.length)).size).toBe(1); // right-aligned last column
  });

  it('shows at most `max` workloads and counts the rest', () => {
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines[6]).toBe('… and 25 more workloads, all at 100 % availability');
  });

  it('writes stalled rollouts as words', () => {
    const t = summaryText(result({ durationS: 10, workloads: [workload('a/b', [{ t: 0, desired: 1, available: 1 }], { rolloutStartedAt: 0, rolloutStalled: true })] }));
    expect(t).toContain('stalled');
  });
});
