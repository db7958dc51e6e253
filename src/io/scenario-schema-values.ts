// The scenario's values, as zod schemas: durations and quantities are converted here (ms,
// millicores, bytes) so later steps see numbers, and a value that does not convert is an issue
// quoting it (the field path comes from zod).
import { z } from 'zod';
import { parseDuration } from '../model/duration.js';
import { cpuQuantity, memoryQuantity, parseIntOrPercent } from './cells.js';
import { reasonOf } from './csv/table.js';
import { excerpt } from './errors.js';

export const scalar = z.union([z.string(), z.number()]);

/** A value quoted for a message: an excerpt of a string, a number as YAML would write it. */
const quote = (v: string | number): string => (typeof v === 'string' ? excerpt(v) : Number.isFinite(v) ? String(v) : String(v).toLowerCase());

export function convert<T>(fn: (v: string | number) => T) {
  return scalar.transform((v, ctx): T => {
    try {
      return fn(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `${quote(v)}: ${reasonOf(e)}`, input: v });
      return z.NEVER;
    }
  });
}

export function convertText<T>(fn: (v: string) => T) {
  return z.string().transform((v, ctx): T => {
    try {
      return fn(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `${quote(v)}: ${reasonOf(e)}`, input: v });
      return z.NEVER;
    }
  });
}

/**
 * Any value given to `fn` as is (numbers too large for a double arrive as Infinity, which
 * z.number() would refuse with a confusing "got null").
 */
export function convertAny<T>(fn: (v: unknown) => T) {
  return z.unknown().transform((v, ctx): T => {
    try {
      return fn(v);
    } catch (e) {
      const shown = typeof v === 'string' || typeof v === 'number' ? `${quote(v)}: ` : '';
      ctx.addIssue({ code: 'custom', message: `${shown}${reasonOf(e)}`, input: v });
      return z.NEVER;
    }
  });
}

/** A duration ("30s", "5m", "1h30m", or seconds as a number) → ms. */
export const Duration = convert(parseDuration);
/** A positive duration → ms. */
export const PositiveDuration = convert((v) => {
  const ms = parseDuration(v);
  if (ms <= 0) throw new Error('must be greater than 0');
  return ms;
});
/** Seconds as a number, or a duration string ("45s", "2m") → seconds. */
export const Seconds = convert((v) => parseDuration(v) / 1000);
export const WholeSeconds = convert((v) => {
  const s = parseDuration(v) / 1000;
  if (!Number.isInteger(s)) throw new Error('must be a whole number of seconds');
  return s;
});
export const Cpu = convert(cpuQuantity);
export const Memory = convert(memoryQuantity);
export const IntOrPercent = convert(parseIntOrPercent);
export const count = z.number().int().min(0);
export const atLeastOne = z.number().int().min(1);
