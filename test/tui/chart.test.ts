// Charts, sparklines and bars as text.
import { describe, expect, test } from 'vitest';
import { STROKE, chartRows, merge, timeAxis } from '../../src/tui/components/chart.js';
import { BLOCKS, hbar, sparkline } from '../../src/tui/components/sparkline.js';
import { formatDuration } from '../../src/model/duration.js';

const text = (rows: ReturnType<typeof chartRows>) => rows.map((r) => r.map((s) => s.text).join(''));

describe('chartRows', () => {
  test('counts that fit get one exact label per row, from 0', () => {
    const rows = chartRows([{ values: [4, 4, 3, 2, 4, 4], role: 'seriesA' }], { height: 4, floor: 0 });
    expect(text(rows)).toEqual([
      '  4 ┼──╮ ╭─', // column j ends at values[j]
      '  3 ┤  ╰╮│ ',
      '  2 ┤   ╰╯ ',
      '  1 ┤      ',
      '  0 ┤      ',
    ]);
  });
  test('the y axis starts at 0 however high the counts: a drop from 12 to 8 is a third of the height', () => {
    const lines = text(chartRows([{ values: [12, 12, 8, 8], role: 'seriesA' }], { height: 6, floor: 0 }));
    expect(lines[lines.length - 1].trim().startsWith('0')).toBe(true);
    expect(lines[0].trim().startsWith('12')).toBe(true);
    // 12 on the top row, 8 two rows of six lower: (12 − 8) / 12 × 6 = 2.
    expect(lines.findIndex((l) => l.includes('╮'))).toBe(0);
    expect(lines.findIndex((l) => l.includes('╰─'))).toBe(2);
    expect(lines).toHaveLength(7);
  });
  test('A, B and desired are drawn with their own glyphs, readable without colour', () => {
    const rows = chartRows(
      [
        { values: [2, 1, 1, 2], role: 'seriesB', line: 'double' },
        { values: [2, 2, 1, 1], role: 'seriesA', line: 'light' },
        { values: [2, 2, 2, 2], role: 'desired', line: 'dashed' },
      ],
      { height: 2, floor: 0 },
    );
    const all = text(rows).join('');
    expect(all).toMatch(/[═╚╔╗╝║]/); // B
    expect(all).toMatch(/[─╰╭╮╯]/); // A
    expect(STROKE).toEqual({ light: '─', double: '═', dashed: '┄' });
  });
  test('small counts get several rows per unit, labelled on whole counts only', () => {
    const lines = text(chartRows([{ values: [2, 2, 1, 2], role: 'seriesA' }], { height: 4, floor: 0 }));
    expect(lines.map((l) => l.slice(0, 5))).toEqual(['  2 ┼', '    ┤', '  1 ┤', '    ┤', '  0 ┤']);
  });
  test('the first series wins a shared cell; a dashed reference line shows where the others differ', () => {
    const rows = chartRows(
      [
        { values: [3, 2, 2, 3], role: 'seriesA' },
        { values: [3, 3, 3, 3], role: 'desired', line: 'dashed' },
      ],
      { height: 3, floor: 0 },
    );
    expect(text(rows)[0]).toBe('  3 ┼─╮┄╭');
    expect(text(rows)[1]).toBe('  2 ┤ ╰─╯');
    expect(rows[0].map((s) => s.role)).toEqual(['dim', 'dim', 'seriesA', 'desired', 'seriesA']);
  });
  test('the cursor marks its column where no series drew', () => {
    const rows = chartRows([{ values: [5, 5, 5, 5], role: 'seriesA' }], { height: 5, floor: 0, cursor: 2 });
    const lines = text(rows);
    expect(lines[0]).toBe('  5 ┼────');
    expect(lines.slice(1).every((l) => l[7] === '│')).toBe(true);
    expect(rows[1].find((s) => s.text === '│')?.role).toBe('cursor');
  });
  test('large ranges fall back to scaled rows', () => {
    const lines = text(chartRows([{ values: [0, 100, 50], role: 'seriesA' }], { height: 4, floor: 0 }));
    expect(lines).toHaveLength(5);
    expect(lines[0].trim().startsWith('100')).toBe(true);
    expect(lines[4].trim().startsWith('0')).toBe(true);
  });
  test('merge joins cells of one role', () => {
    expect(merge([{ ch: 'a', role: null }, { ch: 'b', role: null }, { ch: 'c', role: 'bad' }])).toEqual([
      { text: 'ab', role: null },
      { text: 'c', role: 'bad' },
    ]);
  });
  test('time axis ticks at round times without overlapping', () => {
    const axis = timeAxis(60, 30 * 60_000, formatDuration);
    expect(axis).toHaveLength(60);
    expect(axis.startsWith('0s')).toBe(true);
    expect(axis).toContain('10m');
    expect(axis.trimEnd().endsWith('30m')).toBe(true);
  });
});

describe('sparklines and bars', () => {
  test('scaled between min and max; flat is full', () => {
    expect(sparkline([0, 7, 14])).toBe(`${BLOCKS[0]}${BLOCKS[4]}${BLOCKS[7]}`);
    expect(sparkline([1, 1, 1])).toBe('███');
    expect(sparkline([0.5, 1], { min: 0, max: 1 })).toBe(`${BLOCKS[4]}█`);
    expect(sparkline([])).toBe('');
  });
  test('bars fill with eighths', () => {
    expect(hbar(0.5, 4)).toEqual({ filled: '██', empty: '··' });
    expect(hbar(0.3125, 4)).toEqual({ filled: '█▎', empty: '··' });
    expect(hbar(2, 3)).toEqual({ filled: '███', empty: '' });
    expect(hbar(NaN, 2)).toEqual({ filled: '', empty: '··' });
  });
});
