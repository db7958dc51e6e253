// zod issues → short, human messages ("expected a whole number, got 2.5"), with the path kept
// as segments so callers can find the line in the source.
import type { z } from 'zod';
import type { PathSegment } from './yaml-source.js';
import { excerpt } from './errors.js';

export interface Problem {
  readonly path: PathSegment[];
  readonly detail: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  record: 'a mapping',
};

/** The first issue of a failed parse as a Problem (path into the input, readable detail). */
export function firstProblem(error: z.ZodError): Problem {
  const issue = error.issues[0];
  const path = issue.path.filter(isSegment);
  if (issue.code === 'unrecognized_keys') return { path: [...path, issue.keys[0]], detail: describeIssue(issue) };
  return { path, detail: describeIssue(issue) };
}

function isSegment(p: PropertyKey): p is PathSegment {
  return typeof p === 'string' || typeof p === 'number';
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue ? ` got ${show(issue.input)}` : '';
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return `required (${TYPE_NAMES[issue.expected] ?? issue.expected})`;
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected},${got}`;
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}`;
    }
    case 'invalid_union': {
      const expected = new Set<string>();
      for (const branch of issue.errors) {
        for (const sub of branch) {
          if (sub.code === 'invalid_type' && sub.path.length === 0) expected.add(TYPE_NAMES[sub.expected] ?? sub.expected);
          else if (sub.code === 'invalid_value' && sub.path.length === 0) sub.values.forEach((v) => expected.add(JSON.stringify(v)));
        }
      }
      return expected.size ? `expected ${[...expected].join(' or ')},${got}` : `invalid value,${got}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')},${got}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : ''},${got}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)},${got}`;
    default:
      return issue.message;
  }
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  // JSON.stringify(Infinity) is "null": a number too large for a double (1e400) reads Infinity.
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : `${v > 0 ? '' : '-'}infinity (a number too large)`;
  if (typeof v === 'string') return excerpt(v);
  return JSON.stringify(v);
}
