// Any failure as one readable line for the UI: the loader's InputError as it is (it names the
// file, line or field), anything else as a simulation failure.
import { isInputError } from '../io/errors.js';

export function errorText(e: unknown): string {
  if (isInputError(e)) return e.message;
  const msg = e instanceof Error ? e.message : String(e);
  return `the simulation failed: ${msg}`;
}
