// Durations as scenarios write them: "30s", "5m", "1h", "1m30s", "250ms", "1.5m", or a bare
// number of seconds. Returned as integer milliseconds (SimTime), rounded to the nearest ms.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)/y;

/** Parses a duration into milliseconds; throws an Error naming the bad value. */
export function parseDuration(input: string | number): number {
  return finiteMs(parseDurationMs(input));
}

/** Past this, milliseconds are no longer exact integers (about 285,000 years). */
function finiteMs(ms: number): number {
  if (!Number.isFinite(ms) || ms > Number.MAX_SAFE_INTEGER) throw new Error('too long: not a usable duration');
  return ms;
}

function parseDurationMs(input: string | number): number {
  if (typeof input === 'number') {
    if (Number.isNaN(input) || input < 0) throw new Error(`duration ${input} must be a non-negative number of seconds`);
    return Math.round(input * 1000);
  }
  const s = input.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  let total = 0;
  PART.lastIndex = 0;
  let pos = 0;
  while (pos < s.length) {
    PART.lastIndex = pos;
    const m = PART.exec(s);
    if (!m) break;
    total += Number(m[1]) * UNIT_MS[m[2]];
    pos = PART.lastIndex;
  }
  if (s.length === 0 || pos !== s.length) {
    throw new Error(`"${input}" is not a duration (expected e.g. 30s, 5m, 1h, 1m30s or seconds)`);
  }
  return Math.round(total);
}

/**
 * Milliseconds for people, in the one format every face uses (CLI, TUI, HTML): "0s", "0.25s",
 * "45s", "14m", "14m05s", "1h", "1h02m", "1h00m05s", "26h". Below a minute the seconds keep
 * their fraction (to the ms); from a minute on they are rounded to whole seconds and every unit
 * after the first has two digits. No days: the result always reads back with parseDuration.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return '-' + formatDuration(-ms);
  const whole = Math.round(ms);
  if (whole < 60_000) return `${whole / 1000}s`;
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  if (h > 0) return `${h}h` + (m || s ? `${two(m)}m` : '') + (s ? `${two(s)}s` : '');
  return `${m}m` + (s ? `${two(s)}s` : '');
}
