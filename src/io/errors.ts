// Errors caused by the user's input (exit code 2), kept apart from bugs (exit code 1).
// The message always says where: `file:line` for CSV and YAML, or a field path
// (`events[3].rollout.workload`) for scenario fields and JSON documents.

export interface InputLocation {
  /** File the problem is in, as the user named it (relative paths stay relative). */
  readonly file?: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** Field path, e.g. `events[3].rollout.workload` or `items[2].spec.containers[0]`. */
  readonly path?: string;
}

export class InputError extends Error {
  constructor(
    readonly detail: string,
    readonly where: InputLocation = {},
  ) {
    super(formatInputError(detail, where));
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
