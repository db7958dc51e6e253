// Keys as data: one table per screen drives the handler, the hint line and the help; presses the
// terminal sends together are split; text fields take several characters at once and keep no
// invisible ones.
import { describe, expect, test } from 'vitest';
import { bindingFor, chars, helpOf, hintsOf, named, splitPress, textKey, type KeyTable } from '../../src/tui/keys.js';
import { editText, textOf } from '../../src/tui/text-edit.js';

describe('splitPress', () => {
  test('several plain keys in one read become one press each', () => {
    expect(splitPress({ input: 'jjj', key: {} })).toEqual([
      { input: 'j', key: {} },
      { input: 'j', key: {} },
      { input: 'j', key: {} },
    ]);
    // Three Backspaces pressed at once (DEL, as terminals send it), two Tabs, a capital.
    expect(splitPress({ input: '\x7f\x7f\x7f', key: {} }).map((p) => p.key)).toEqual([{ delete: true }, { delete: true }, { delete: true }]);
    expect(splitPress({ input: '\t\t', key: {} }).map((p) => p.key)).toEqual([{ tab: true }, { tab: true }]);
    expect(splitPress({ input: 'aG', key: {} })).toEqual([
      { input: 'a', key: {} },
      { input: 'G', key: { shift: true } },
    ]);
  });
  test('a control character among plain keys becomes Ctrl and its letter, as ink reports it alone', () => {
    expect(splitPress({ input: '345\x156', key: {} })).toEqual([
      { input: '3', key: {} },
      { input: '4', key: {} },
      { input: '5', key: {} },
      { input: 'u', key: { ctrl: true } },
      { input: '6', key: {} },
    ]);
    expect(splitPress({ input: '\x17\x01', key: {} })).toEqual([
      { input: 'w', key: { ctrl: true } },
      { input: 'a', key: { ctrl: true } },
    ]);
  });
  test('single presses, escape sequences and Ctrl combinations are left alone', () => {
    const one = { input: 'j', key: {} };
    expect(splitPress(one)).toEqual([one]);
    const up = { input: '', key: { upArrow: true } };
    expect(splitPress(up)).toEqual([up]);
    const ctrl = { input: 'u', key: { ctrl: true } };
    expect(splitPress(ctrl)).toEqual([ctrl]);
  });
});

describe('editText', () => {
  const t = textOf('25%');
  test('Backspaces, one by one or several in one press, erase before the cursor', () => {
    expect(editText(t, { input: '', key: { delete: true } }).value).toBe('25');
    expect(editText(t, { input: '', key: { backspace: true } }).value).toBe('25');
    // ink passes "\x7f\x7f\x7f" as text when the three arrive together: each one still erases.
    expect(editText(t, { input: '\x7f\x7f\x7f', key: {} })).toEqual({ value: '', cursor: 0 });
    expect(editText(t, { input: '\x7f\x7f\x7f\x7f\x7f', key: {} })).toEqual({ value: '', cursor: 0 });
    expect(editText(t, { input: '\x7f\x7f50', key: {} })).toEqual({ value: '250', cursor: 3 });
  });
  test('no invisible character gets in', () => {
    expect(editText(textOf(''), { input: '3\x1b\x00\x07\u009b0\r\n', key: {} }).value).toBe('30');
  });
  test('the cursor moves and text goes in where it is', () => {
    const left = editText(editText(t, { input: '', key: { leftArrow: true } }), { input: '', key: { leftArrow: true } });
    expect(left.cursor).toBe(1);
    expect(editText(left, { input: '0', key: {} })).toEqual({ value: '205%', cursor: 2 });
    expect(editText(left, { input: '', key: { home: true } }).cursor).toBe(0);
    expect(editText(left, { input: 'e', key: { ctrl: true } }).cursor).toBe(3);
    expect(editText(editText(t, { input: '', key: { rightArrow: true } }), { input: '', key: { rightArrow: true } }).cursor).toBe(3);
  });
  test('Ctrl-U clears before the cursor, Ctrl-W the word before it; other Ctrl keys do nothing', () => {
    expect(editText(t, { input: 'u', key: { ctrl: true } })).toEqual({ value: '', cursor: 0 });
    expect(editText(textOf('request * 1.3'), { input: 'w', key: { ctrl: true } }).value).toBe('request * ');
    expect(editText(t, { input: 'x', key: { ctrl: true } })).toBe(t);
  });
});

describe('key tables', () => {
  type C = { hasB: boolean };
  const table: KeyTable<C, string> = [
    { group: 'Moving', keys: 'j k', help: 'move', hint: 'select', hintKeys: 'j/k', match: chars('j'), act: () => 'down' },
    { group: 'Moving', keys: 'j k', help: 'move', match: chars('k'), act: () => 'up' },
    { group: 'B', keys: 'x', help: 'drop B', hint: 'drop B', when: (c) => c.hasB, match: chars('x'), act: () => 'drop' },
    { group: 'Any', keys: 'q', help: 'quit', hint: 'quit', match: chars('q'), act: () => 'quit' },
  ];
  test('one table drives the handler, the hints and the help', () => {
    expect(bindingFor(table, { hasB: false }, { input: 'j', key: {} })?.act({ hasB: false }, { input: 'j', key: {} })).toBe('down');
    expect(bindingFor(table, { hasB: false }, { input: 'x', key: {} })).toBeUndefined();
    expect(bindingFor(table, { hasB: true }, { input: 'x', key: {} })?.help).toBe('drop B');
    expect(hintsOf(table, { hasB: false })).toEqual([['j/k', 'select'], ['q', 'quit']]);
    expect(hintsOf(table, { hasB: true })).toEqual([['j/k', 'select'], ['x', 'drop B'], ['q', 'quit']]);
    // The help lists a key once per meaning, grouped in table order.
    expect(helpOf(table, { hasB: false })).toEqual([
      { group: 'Moving', rows: [['j k', 'move']] },
      { group: 'Any', rows: [['q', 'quit']] },
    ]);
  });
  test('matchers: a letter with Ctrl or Escape (meta) is not the letter; Shift-Tab is not Tab', () => {
    expect(chars('q')({ input: 'q', key: { ctrl: true } })).toBe(false);
    expect(named('tab')({ input: '', key: { tab: true, shift: true } })).toBe(false);
    expect(textKey({ input: 'q', key: {} })).toBe(true);
    expect(textKey({ input: '', key: { return: true } })).toBe(false);
    expect(textKey({ input: '', key: { escape: true, meta: true } })).toBe(false);
  });
});
