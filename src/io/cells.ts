// Parsers for the small text formats inside CSV cells and scenario values. Each takes the text
// and returns a model value, or throws an Error whose message says what was expected (callers
// add the file, line, column and the quoted value).
import type { IntOrPercent, Taint, TaintEffect, Toleration } from '../model/types.js';
import { parseBytes, parseCpu } from '../model/quantity.js';
import { isZero } from '../model/intstr.js';

export const TAINT_EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** Kubernetes label key: `[prefix/]name`. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  if (slash < 0) return LABEL_NAME.test(key);
  return LABEL_PREFIX.test(key.slice(0, slash)) && LABEL_NAME.test(key.slice(slash + 1));
}

export const isLabelValue = (v: string): boolean => LABEL_VALUE.test(v);

/** `k=v;k2=v2` (empty = none). */
export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of splitList(text)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`"${part}" is not key=value (separate pairs with ";")`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    checkLabel(key, value);
    if (key in out) throw new Error(`key "${key}" is given twice`);
    out[key] = value;
  }
  return out;
}

export function checkLabel(key: string, value: string): void {
  if (!isLabelKey(key)) throw new Error(`"${key}" is not a valid label key`);
  if (!isLabelValue(value)) throw new Error(`"${value}" is not a valid label value for "${key}"`);
}

/** `key=value:Effect;key2:Effect` (empty = none). */
export function parseTaints(text: string): Taint[] {
  return splitList(text).map((part) => {
    const colon = part.lastIndexOf(':');
    if (colon < 0) throw new Error(`taint "${part}" has no effect: write key=value:NoSchedule (or PreferNoSchedule, NoExecute)`);
    const effect = parseEffect(part.slice(colon + 1).trim(), false) as TaintEffect;
    const { key, value } = splitKeyValue(part.slice(0, colon));
    if (!isLabelKey(key)) throw new Error(`taint key "${key}" is not a valid key`);
    return { key, value, effect };
  });
}

/**
 * `key=value:Effect:seconds;key:Effect;...` (empty = none). No value means operator Exists; an
 * empty key (`:NoExecute`, or `:` / `*` alone) tolerates every taint (of that effect); seconds
 * (NoExecute only) bound how long the pod stays on a node with the taint.
 */
export function parseTolerations(text: string): Toleration[] {
  return splitList(text).map((part) => {
    if (part === '*') return { key: '', operator: 'Exists', value: '', effect: '', tolerationSeconds: null };
    const pieces = part.split(':').map((s) => s.trim());
    if (pieces.length > 3) throw new Error(`toleration "${part}" has too many ":" (expected key=value:Effect:seconds)`);
    const [kv, effectText = '', secondsText = ''] = pieces;
    const effect = parseEffect(effectText, true);
    const hasValue = kv.includes('=');
    const { key, value } = splitKeyValue(kv);
    if (key === '' && hasValue) throw new Error(`toleration "${part}" has a value but no key (an empty key tolerates everything)`);
    if (key !== '' && !isLabelKey(key)) throw new Error(`toleration key "${key}" is not a valid key`);
    let tolerationSeconds: number | null = null;
    if (secondsText !== '') {
      if (effect !== 'NoExecute') throw new Error(`toleration "${part}": seconds are only allowed with the NoExecute effect`);
      tolerationSeconds = parseNonNegativeInt(secondsText);
    }
    return { key, operator: hasValue ? 'Equal' : 'Exists', value, effect, tolerationSeconds };
  });
}

function parseEffect(text: string, allowEmpty: boolean): TaintEffect | '' {
  if (text === '' && allowEmpty) return '';
  const effect = TAINT_EFFECTS.find((e) => e.toLowerCase() === text.toLowerCase());
  if (!effect) throw new Error(`unknown effect "${text}" (expected ${TAINT_EFFECTS.join(', ')})`);
  return effect;
}

function splitKeyValue(kv: string): { key: string; value: string } {
  const eq = kv.indexOf('=');
  if (eq < 0) return { key: kv.trim(), value: '' };
  return { key: kv.slice(0, eq).trim(), value: kv.slice(eq + 1).trim() };
}

function splitList(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A whole number ≥ 0, written as digits. */
export function parseNonNegativeInt(text: string): number {
  const t = text.trim();
  if (/^-\s*\d/.test(t)) throw new Error('must not be negative');
  if (/^\d+\.\d*$/.test(t) || /^\d*\.\d+$/.test(t)) throw new Error('expected a whole number');
  if (!/^\+?\d+$/.test(t)) throw new Error('expected a whole number ≥ 0');
  const n = Number(t);
  if (!Number.isSafeInteger(n)) throw new Error('number too large');
  return n;
}

/** A whole number, possibly negative (priorities). */
export function parseInt32(text: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new Error('expected a whole number');
  const n = Number(t);
  if (n > 2 ** 31 - 1 || n < -(2 ** 31)) throw new Error('out of the 32-bit integer range');
  return n;
}

/** Seconds ≥ 0, decimals allowed ("2.5"). */
export function parseSeconds(text: string): number {
  const t = text.trim();
  if (/^-/.test(t)) throw new Error('must not be negative');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) throw new Error('expected a number of seconds, e.g. 30 or 2.5');
  return Number(t);
}

/** true/false (also yes/no, 1/0). */
export function parseBool(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (['true', 'yes', '1', 'y'].includes(t)) return true;
  if (['false', 'no', '0', 'n'].includes(t)) return false;
  throw new Error('expected true or false');
}

/** An int (`2`) or a whole percentage (`25%`), as IntOrString fields take them. */
export function parseIntOrPercent(text: string | number): IntOrPercent {
  if (typeof text === 'number') {
    if (!Number.isInteger(text) || text < 0) throw new Error('expected a whole number ≥ 0 or a percentage like 25%');
    return text;
  }
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d+%$/.test(t)) return t;
  if (/^-/.test(t)) throw new Error('must not be negative');
  if (/^\d*\.\d+%?$/.test(t)) throw new Error('expected a whole number or a whole percentage (Kubernetes has no fractions here)');
  throw new Error('expected a whole number ≥ 0 or a percentage like 25%');
}

/** True for 0 and "0%" (intstr's own rule). */
export const isZeroIntOrPercent = (v: IntOrPercent): boolean => isZero(v);

// Quantity parsing is exact (BigInt) and so not cheap; inventories repeat the same few values
// ("256Mi", "500m") over and over, so remember them.
const CACHE_LIMIT = 4096;
const cpuCache = new Map<string, number>();
const memoryCache = new Map<string, number>();

function cached(cache: Map<string, number>, text: string, parse: (t: string) => number): number {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const v = parse(text);
  if (v < 0) throw new Error('must not be negative');
  if (cache.size < CACHE_LIMIT) cache.set(text, v);
  return v;
}

/** CPU quantity in millicores; rejects negative values. */
export function cpuQuantity(text: string | number): number {
  return cached(cpuCache, String(text), parseCpu);
}

/** Memory quantity in bytes; rejects negative values. */
export function memoryQuantity(text: string | number): number {
  return cached(memoryCache, String(text), parseBytes);
}
