// The one duration format of every face, and that it reads back as the same duration.
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/model/duration.js';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [250, '0.25s'],
    [2_500, '2.5s'],
    [45_000, '45s'],
    [59_999, '59.999s'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [845_000, '14m05s'],
    [845_400, '14m05s'], // whole seconds from a minute on
    [1_200_000, '20m'],
    [3_600_000, '1h'],
    [3_900_000, '1h05m'],
    [3_605_000, '1h00m05s'],
    [3_725_000, '1h02m05s'],
    [93_600_000, '26h'],
    [-30_000, '-30s'],
  ])('%d ms → %s', (ms, want) => expect(formatDuration(ms)).toBe(want));

  it.each([0, 250, 45_000, 90_000, 845_000, 3_605_000, 93_600_000])('%d ms reads back with parseDuration', (ms) => {
    expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
