// Errors caused by the user's input (exit code 2), kept apart from bugs (exit code 1).
// The message always says where: `file:line` for CSV and YAML, or a field path
// (`events[3].rollout.workload`) for scenario fields and JSON documents, or the `--set`
// argument a value came from. Defined here (not in io) so pure code can raise them too: a
// memory usage expression that goes bad while the simulation runs throws one.
import { formatDuration } from './duration.js';

export interface InputLocation {
  /** File the problem is in, as the user named it (relative paths stay relative). */
  readonly file?: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** Field path, e.g. `events[3].rollout.workload` or `items[2].spec.containers[0]`. */
  readonly path?: string;
}

export interface InputErrorOptions {
  /** A few lines shown under the message (the offending line with a caret). */
  readonly snippet?: string;
}

/** No message echoes more than this much (a last guard: quotes are excerpts already). */
const MAX_DETAIL = 800;

export class InputError extends Error {
  readonly detail: string;

  constructor(
    detail: string,
    readonly where: InputLocation = {},
    readonly options: InputErrorOptions = {},
  ) {
    const short = clip(detail, MAX_DETAIL);
    super(formatInputError(short, where) + (options.snippet ? `\n${options.snippet}` : ''));
    this.detail = short;
    this.name = 'InputError';
  }
}

export function formatInputError(detail: string, where: InputLocation): string {
  let prefix = '';
  if (where.file) prefix += where.file;
  if (where.line !== undefined) prefix += `:${where.line}`;
  if (where.path) prefix += (prefix ? ': ' : '') + where.path;
  return prefix ? `${prefix}: ${detail}` : detail;
}

export const isInputError = (e: unknown): e is InputError => e instanceof InputError;

/** Longest quote of a user's text in a message: a foreign file is never echoed at length. */
export const EXCERPT_CHARS = 60;

/**
 * A short, printable quote of `text` (JSON-quoted): control characters escaped, cut in the
 * middle past `max` characters ("abc…xyz (2,048 characters)").
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(clip(text, max))} (${text.length.toLocaleString('en-US')} characters)`;
}

/** `text` cut in the middle to at most `max` characters ("abc…xyz"), unquoted. */
export function clip(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 1) / 2);
  return text.slice(0, half) + '…' + text.slice(text.length - half);
}

/**
 * A memory usage expression gave a value that is not a finite number ≥ 0 while the simulation
 * ran (contract "Limits"). Thrown by the compiled expression itself, so it leaves the run
 * loop; the commands add the simulated time (`atSimulatedTime`).
 */
export class ExpressionValueError extends InputError {
  constructor(
    readonly source: string,
    readonly value: unknown,
    readonly scope: { readonly request: number; readonly limit: number; readonly t: number },
    where: InputLocation,
  ) {
    super(`memory usage expression ${excerpt(source)} ${describeBadValue(value)} (with request=${scope.request}, limit=${scope.limit}, t=${scope.t}s): a working set must be a finite number of bytes ≥ 0`, where);
    this.name = 'ExpressionValueError';
  }

  /** The same error, saying when in the simulation it happened. */
  atSimulatedTime(ms: number): InputError {
    return new InputError(`${this.detail}; at simulated time ${ms / 1000} s (${formatDuration(ms)})`, this.where);
  }
}

function describeBadValue(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'gives NaN' : v < 0 ? `gives a negative number (${v})` : `gives ${v}`;
  return `gives ${typeof v === 'object' ? 'a matrix or object' : `a ${typeof v}`}, not a number`;
}
