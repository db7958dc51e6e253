// One key table per screen. Each binding says which keys, when it applies, what it does, and
// how the hint line and the help name it: the handler (the app reducer), the hint line and the
// help all read the same table, so a key is stated once (ink-ui's key hooks, as data).
import type { Key } from 'ink';

/** One key press as ink reports it (several characters when the terminal sent them together). */
export interface KeyPress {
  readonly input: string;
  readonly key: Partial<Key>;
}

export interface Binding<C, A> {
  /** The keys as the help shows them: "j k ↓ ↑". */
  readonly keys: string;
  /** What they do, for the help. */
  readonly help: string;
  /** The help's section. */
  readonly group: string;
  /** When set, the hint line shows [hintKeys ?? keys, hint] while the binding applies. */
  readonly hint?: string;
  readonly hintKeys?: string;
  readonly match: (k: KeyPress) => boolean;
  /** Whether it applies in this context (default: always). */
  readonly when?: (c: C) => boolean;
  /** The action; null = the key is taken but does nothing now. */
  readonly act: (c: C, k: KeyPress) => A | null;
}

export type KeyTable<C, A> = readonly Binding<C, A>[];

const applies = <C, A>(b: Binding<C, A>, c: C): boolean => b.when?.(c) ?? true;

/** The binding a key press selects in this context (the first that matches and applies). */
export function bindingFor<C, A>(t: KeyTable<C, A>, c: C, k: KeyPress): Binding<C, A> | undefined {
  return t.find((b) => b.match(k) && applies(b, c));
}

/** The hint line: the bindings with a hint that apply now, in table order. */
export function hintsOf<C, A>(t: KeyTable<C, A>, c: C): [string, string][] {
  return t.filter((b) => b.hint !== undefined && applies(b, c)).map((b) => [b.hintKeys ?? b.keys, b.hint!]);
}

export interface HelpGroup {
  readonly group: string;
  readonly rows: readonly (readonly [keys: string, help: string])[];
}

/** The help: every binding (that applies, when a context is given), grouped in table order. */
export function helpOf<C, A>(t: KeyTable<C, A>, c?: C): HelpGroup[] {
  const out: { group: string; rows: [string, string][] }[] = [];
  for (const b of t) {
    if (c !== undefined && !applies(b, c)) continue;
    let g = out.find((x) => x.group === b.group);
    if (!g) out.push((g = { group: b.group, rows: [] }));
    if (!g.rows.some(([k, h]) => k === b.keys && h === b.help)) g.rows.push([b.keys, b.help]);
  }
  return out;
}

// Matchers. ink marks Escape as meta too, and sends a letter with Ctrl as that letter.

const plain = (k: KeyPress): boolean => !k.key.ctrl && !k.key.meta;

/** Any of these characters, typed alone. */
export const chars =
  (...cs: string[]) =>
  (k: KeyPress): boolean =>
    plain(k) && cs.includes(k.input);

/** Ctrl and a letter. */
export const ctrl =
  (c: string) =>
  (k: KeyPress): boolean =>
    k.key.ctrl === true && k.input === c;

type Named = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

/** A named key (Tab without Shift: see shiftTab). */
export const named =
  (n: Named) =>
  (k: KeyPress): boolean =>
    k.key[n] === true && !(n === 'tab' && k.key.shift);

export const shiftTab = (k: KeyPress): boolean => k.key.tab === true && k.key.shift === true;

/** Shift (or Alt) with an arrow. */
export const shifted =
  (n: 'leftArrow' | 'rightArrow') =>
  (k: KeyPress): boolean =>
    k.key[n] === true && (k.key.shift === true || (k.key.meta === true && !k.key.escape));

export const either =
  (...ms: ((k: KeyPress) => boolean)[]) =>
  (k: KeyPress): boolean =>
    ms.some((m) => m(k));

/** Anything a text field takes: printable text (several characters at once too) and its editing keys. */
export const textKey = (k: KeyPress): boolean =>
  k.key.backspace === true ||
  k.key.delete === true ||
  k.key.leftArrow === true ||
  k.key.rightArrow === true ||
  k.key.home === true ||
  k.key.end === true ||
  (k.key.ctrl === true && ['a', 'e', 'u', 'w'].includes(k.input)) ||
  (!k.key.ctrl && !k.key.meta && !k.key.return && !k.key.tab && !k.key.escape && k.input.length > 0);

const SINGLE: Record<string, Partial<Key>> = {
  '\t': { tab: true },
  '\r': { return: true },
  '\n': { return: true },
  '\x7f': { delete: true },
  '\b': { backspace: true },
};

/**
 * One press per key. A terminal may send several keys in one read — "jjj" while j is held,
 * "\t\t", three Backspaces as "\x7f\x7f\x7f" — and ink passes such a read on as one press,
 * which no binding would match. Escape sequences (arrows, …) come one per press already; plain
 * characters are split, each with the key flags ink gives it alone (Ctrl-U typed between digits
 * arrives as "345\x156": 3, 4, 5, Ctrl-U, 6).
 */
export function splitPress(p: KeyPress): KeyPress[] {
  const chars = [...p.input];
  if (chars.length <= 1 || p.key.ctrl || p.key.meta || p.input.includes('\x1b')) return [p];
  return chars.map((ch) => {
    const special = SINGLE[ch];
    if (special) return { input: '', key: special };
    // Ctrl and a letter (Ctrl-U is 0x15): as ink reports it alone, the letter with ctrl.
    const code = ch.charCodeAt(0);
    if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ctrl: true } };
    return { input: ch, key: ch >= 'A' && ch <= 'Z' ? { shift: true } : {} };
  });
}
