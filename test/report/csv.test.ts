// CSV output: RFC 4180 quoting through csv-stringify, the contract's spreadsheet-formula
// escaping, plain numbers, a header row even without rows, and the same bytes every time.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { escapeCell, toCsv } from '../../src/report/csv.js';
import { reportFiles } from '../../src/report/files.js';
import { eventsTable, nodesTable, summaryRecords, summaryTable, timelineTable } from '../../src/report/tables.js';
import { event, nodeResult, nodeSample, result, workload } from './fixtures.js';

describe('escapeCell (contract: text starting with = + - @ tab CR gets a leading \')', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1', "'+1"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    [' =leading space', ' =leading space'],
    ['', ''],
  ])('%j → %j', (cell, want) => expect(escapeCell(cell)).toBe(want));

  it('leaves numbers as numbers, negative ones too', () => {
    expect(escapeCell(-1)).toBe(-1);
    expect(escapeCell(0.5)).toBe(0.5);
  });

  it('writes null as an empty cell', () => expect(escapeCell(null)).toBe(''));
});

describe('toCsv', () => {
  it('writes the header row even with no rows', () => {
    expect(toCsv({ header: ['time_s', 'node'], rows: [] })).toBe('time_s,node\n');
  });

  it('quotes commas, doubles quotes, keeps newlines inside quotes (RFC 4180)', () => {
    const csv = toCsv({ header: ['message'], rows: [['0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had taint'], ['say "hi"'], ['line 1\nline 2'], ['cr\ronly']] });
    expect(csv).toBe('message\n"0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had taint"\n"say ""hi"""\n"line 1\nline 2"\n"cr\ronly"\n');
    expect((parse(csv, { columns: true }) as { message: string }[]).map((r) => r.message)).toEqual([
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had taint',
      'say "hi"',
      'line 1\nline 2',
      'cr\ronly',
    ]);
  });

  it('escapes formulas before quoting: "=1,2" → "\'=1,2"', () => {
    expect(toCsv({ header: ['x'], rows: [['=1,2']] })).toBe(`x\n"'=1,2"\n`);
  });

  it('writes numbers unformatted: no thousands separators, no fixed decimals, -1 as -1', () => {
    expect(toCsv({ header: ['a', 'b', 'c', 'd'], rows: [[31138512896, 0.25, -1, null]] })).toBe('a,b,c,d\n31138512896,0.25,-1,\n');
  });
});

describe('report tables', () => {
  const r = result({
    durationS: 60,
    workloads: [workload('shop/web', [{ t: 0, desired: 2, available: 2 }, { t: 30, desired: 2, available: 1 }])],
    nodes: [nodeResult('n1', 'zone-a', [nodeSample(0), nodeSample(30, { conditions: 'MemoryPressure=True', taints: 'node.kubernetes.io/memory-pressure:NoSchedule' })])],
    events: [
      event(30, 'FailedScheduling', { type: 'Warning', message: '0/1 nodes are available: 1 Insufficient memory, preemption: "none"' }),
      event(31, 'Evicted', { type: 'Warning', message: '-injected\nsecond line' }),
    ],
  });

  it('start with the contract’s columns, in order', () => {
    expect(timelineTable(r).header.slice(0, 11)).toEqual(['time_s', 'namespace', 'workload', 'desired', 'replicas', 'updated', 'ready', 'available', 'unavailable', 'pending', 'terminating']);
    expect(eventsTable(r).header).toEqual(['time_s', 'type', 'reason', 'object', 'node', 'workload', 'qos', 'message']);
    expect(summaryTable(r).header.slice(0, 14)).toEqual([
      'namespace', 'workload', 'desired', 'lowest_available', 'availability_pct', 'seconds_below_desired', 'seconds_below_pdb', 'rollout_seconds', 'evictions', 'oom_kills', 'max_pending',
      'pdb_min_healthy', 'cause', 'kind',
    ]);
    // kind follows the contract's timeline columns among the later ones, then a Job's counts
    expect(timelineTable(r).header.slice(11)).toEqual(['pdb_desired_healthy', 'pdb_current_healthy', 'kind', 'succeeded', 'failed']);
    expect(summaryTable(r).header.slice(14)).toEqual(['rollout_status', 'restarts', 'succeeded', 'failed', 'completed_seconds', 'job_condition']);
    // A Deployment leaves the Job's cells empty.
    expect(timelineTable(r).rows[0].slice(13)).toEqual(['Deployment', null, null]);
    expect(summaryTable(r).rows[0].slice(16)).toEqual([null, null, null, null]);
    expect(nodesTable(r).header.slice(0, 12)).toEqual([
      'time_s', 'node', 'zone', 'cpu_requested', 'cpu_allocatable', 'memory_requested', 'memory_allocatable', 'memory_working_set', 'memory_available', 'pods', 'conditions', 'taints',
    ]);
  });

  it('summary rows as objects carry the same cells under the contract\'s names (for -o json)', () => {
    const recs = summaryRecords(r);
    const t = summaryTable(r);
    expect(recs).toHaveLength(t.rows.length);
    expect(Object.keys(recs[0]).slice(0, 14)).toEqual(t.header.slice(0, 14));
    expect(recs[0].lowest_available).toBe(t.rows[0][3]);
    expect(recs[0].kind).toBe('Deployment');
  });

  it('events.csv round-trips messages with commas, quotes, newlines and a leading minus', () => {
    const rows = parse(reportFiles(r)['events.csv'], { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.message)).toEqual(['0/1 nodes are available: 1 Insufficient memory, preemption: "none"', "'-injected\nsecond line"]);
    expect(rows[0].time_s).toBe('30');
  });

  it('nodes.csv adds memory_until_eviction: allocatable − working set when that comes first', () => {
    const rows = parse(reportFiles(r)['nodes.csv'], { columns: true }) as Record<string, string>[];
    // 30Gi allocatable (below 32Gi − 100Mi), 3Gi working set → 27Gi left
    expect(rows[0].memory_until_eviction).toBe(String(27 * 1024 ** 3));
  });

  it('an empty run still has every header row', () => {
    const files = reportFiles(result({ durationS: 0 }));
    for (const name of ['timeline.csv', 'events.csv', 'summary.csv', 'nodes.csv']) {
      expect(files[name].split('\n').filter(Boolean)).toHaveLength(1);
    }
  });

  it('the same result gives the same bytes', () => {
    expect(reportFiles(r)).toEqual(reportFiles(r));
  });

  it('summary.csv leaves rollout_seconds empty without a rollout and writes -1 when stalled', () => {
    const s = result({
      durationS: 60,
      workloads: [
        workload('a/none', [{ t: 0, desired: 1, available: 1 }]),
        workload('a/stalled', [{ t: 0, desired: 1, available: 1 }], { rolloutStartedAt: 1000, rolloutStalled: true }),
      ],
    });
    const rows = parse(reportFiles(s)['summary.csv'], { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.rollout_seconds)).toEqual(['', '-1']);
  });
});
