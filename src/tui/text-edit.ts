// A text field's value and cursor, and one key press applied to them (pure). ink hands over
// whatever the terminal sent at once as one press: three Backspaces pressed quickly arrive as
// "\x7f\x7f\x7f", a paste as a whole string. Each character is applied in turn — DEL (0x7f) and
// BS (0x08) erase the character before the cursor — and every other control character is
// dropped, so nothing invisible ever ends up in the value.
import type { KeyPress } from './keys.js';

export interface TextState {
  readonly value: string;
  /** 0..value.length: the cursor sits before value[cursor]. */
  readonly cursor: number;
}

/** A field holding `value`, the cursor at its end. */
export const textOf = (value: string): TextState => ({ value, cursor: value.length });

const erase = (t: TextState): TextState =>
  t.cursor === 0 ? t : { value: t.value.slice(0, t.cursor - 1) + t.value.slice(t.cursor), cursor: t.cursor - 1 };

const isControl = (code: number): boolean => code < 0x20 || (code >= 0x7f && code <= 0x9f);

export function editText(t: TextState, { input, key }: KeyPress): TextState {
  const end = t.value.length;
  if (key.leftArrow) return { ...t, cursor: Math.max(0, t.cursor - 1) };
  if (key.rightArrow) return { ...t, cursor: Math.min(end, t.cursor + 1) };
  if (key.home || (key.ctrl && input === 'a')) return { ...t, cursor: 0 };
  if (key.end || (key.ctrl && input === 'e')) return { ...t, cursor: end };
  // Ctrl-U: everything before the cursor; Ctrl-W: the word before it (readline's).
  if (key.ctrl && input === 'u') return { value: t.value.slice(t.cursor), cursor: 0 };
  if (key.ctrl && input === 'w') {
    const before = t.value.slice(0, t.cursor).replace(/\S+\s*$/, '');
    return { value: before + t.value.slice(t.cursor), cursor: before.length };
  }
  // Terminals send DEL for Backspace; ink calls it "delete" and passes no text.
  if ((key.backspace || key.delete) && input === '') return erase(t);
  if (key.ctrl || key.meta) return t;
  let out = t;
  for (const ch of input) {
    if (ch === '\x7f' || ch === '\b') out = erase(out);
    else if (!isControl(ch.codePointAt(0)!)) out = { value: out.value.slice(0, out.cursor) + ch + out.value.slice(out.cursor), cursor: out.cursor + ch.length };
  }
  return out;
}
