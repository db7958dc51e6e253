// Report folders are written all or nothing.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReportDir } from '../../src/io/write-reports.js';

const work = mkdtempSync(join(tmpdir(), 'headroom-write-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeReportDir', () => {
  it('writes every file, sub-folders included, and replaces an older folder whole', () => {
    const dir = join(work, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'stale.csv'), 'old');
    writeReportDir(dir, { 'summary.csv': 'a\n', 'b/timeline.csv': 'b\n' });
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('a\n');
    expect(readFileSync(join(dir, 'b/timeline.csv'), 'utf8')).toBe('b\n');
    expect(existsSync(join(dir, 'stale.csv'))).toBe(false);
    expect(readdirSync(work).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('on a failure leaves the old folder as it was and no temporary folder behind', () => {
    const dir = join(work, 'keep');
    writeReportDir(dir, { 'summary.csv': 'first\n' });
    // "x" is a file, so "x/y.csv" cannot be written: the write fails part-way.
    expect(() => writeReportDir(dir, { 'summary.csv': 'second\n', x: 'file', 'x/y.csv': 'no' })).toThrow();
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('first\n');
    expect(readdirSync(work).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
