// Where JSON text first goes wrong. Node 20's JSON.parse does not always give a position
// ("Unexpected token '}', ... is not valid JSON"), so on the error path we scan the text with
// a small RFC 8259 recogniser to find the offset of the first bad character.

/** Offset of the first syntax error in `text`, or -1 when it is valid JSON. */
export function jsonErrorOffset(text: string): number {
  return jsonError(text).offset;
}

/**
 * Where JSON text goes wrong: the offset of the first bad character (-1: valid JSON), and the
 * offset of the innermost `{` or `[` still open there (null if none) — when the text ends
 * inside a mapping, that opening bracket is the place a person would point at.
 *
 * `unclosed` is the bracket the indentation says was left open, when it says so: the first
 * closing bracket that begins its line less indented than the line of the bracket it closes
 * (`"workloads": {` on line 8, indented 2, closed by the `}` at column 0 on line 10 that was
 * meant for line 1's `{`). The grammar leaves the outermost bracket open; the person's mistake
 * is where the indentation breaks. `closer` is that closing bracket.
 */
export function jsonError(text: string): { offset: number; open: number | null; unclosed: number | null; closer: number | null } {
  const opens: number[] = [];
  let unclosed: number | null = null;
  let closer: number | null = null;
  /** Indentation of the line holding offset `at`, and whether only blanks precede `at` on it. */
  const indent = (at: number): { width: number; first: boolean } => {
    const start = text.lastIndexOf('\n', at - 1) + 1;
    let k = start;
    while (k < at && (text[k] === ' ' || text[k] === '\t')) k++;
    return { width: k - start, first: k === at };
  };
  /** The bracket at `i` closes the innermost open one: note an indentation that disagrees. */
  const close = (at: number) => {
    const open = opens.pop()!;
    if (unclosed !== null) return;
    const c = indent(at);
    if (c.first && indent(open).width > c.width) {
      unclosed = open;
      closer = at;
    }
  };
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const n = text[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else fail();
      } else if (c < ' ') fail();
      else i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      opens.push(i);
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        opens.pop();
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          close(i);
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      opens.push(i);
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        opens.pop();
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          close(i);
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return { offset: -1, open: null, unclosed: null, closer: null };
  } catch (at) {
    if (typeof at === 'number') return { offset: Math.min(at, text.length), open: opens.length ? opens[opens.length - 1] : null, unclosed, closer };
    if (at instanceof RangeError) return { offset: -1, open: null, unclosed: null, closer: null };
    throw at;
  }
}

/**
 * Offset in JSON `text` where the value at `path` starts, or that of its deepest ancestor
 * present (undefined when even the root is missing). One iterative pass over the text: no
 * recursion (documents may be nested 200,000 deep) and no second parse of a large dump.
 */
export function jsonPathOffset(text: string, path: readonly (string | number)[]): number | undefined {
  type Frame = { kind: '{' | '['; key: string | number | null; index: number };
  const stack: Frame[] = [];
  let best: number | undefined;
  let bestDepth = -1;
  /** Whether the open frames' keys are the target's first stack.length segments. */
  let onPath = true;
  let i = 0;
  const n = text.length;
  const skipWs = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return text.slice(start + 1, i - 1);
    }
  };
  const recomputeOnPath = () => {
    onPath = stack.length <= path.length && stack.every((f, d) => f.key === path[d]);
  };
  /** A value starts at i, at depth stack.length with the frames' keys as its path. */
  const atValue = () => {
    if (onPath && stack.length > bestDepth) {
      best = i;
      bestDepth = stack.length;
    }
  };
  skipWs();
  if (i >= n) return undefined;
  atValue();
  while (i < n) {
    if (bestDepth === path.length) return best;
    skipWs();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push({ kind: c, key: null, index: 0 });
      i++;
      skipWs();
      if (c === '[' && text[i] !== ']') {
        stack[stack.length - 1].key = 0;
        recomputeOnPath();
        atValue();
      } else recomputeOnPath();
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      recomputeOnPath();
      i++;
      continue;
    }
    if (c === ',') {
      const f = stack[stack.length - 1];
      i++;
      skipWs();
      if (f?.kind === '[') {
        f.index++;
        f.key = f.index;
        recomputeOnPath();
        atValue();
      }
      continue;
    }
    if (c === '"') {
      const f = stack[stack.length - 1];
      const s = readString();
      skipWs();
      if (f?.kind === '{' && text[i] === ':') {
        i++;
        skipWs();
        f.key = s;
        recomputeOnPath();
        atValue();
      }
      continue;
    }
    // numbers, true, false, null: skip to the next structural character
    while (i < n && !',]} \t\n\r'.includes(text[i])) i++;
  }
  return best;
}
