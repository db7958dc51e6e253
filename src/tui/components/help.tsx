// The `?` overlay: every key of the key tables (keys.ts), grouped, laid out in as many columns
// as the width holds — an entry never split across columns, a group's title never left alone
// at the foot of one — and in pages when taller than the screen. Each line is one string of
// exact width, so nothing wraps into its neighbour at 80×24.
import { Text } from 'ink';
import { fit } from '../format.js';
import type { HelpGroup } from '../keys.js';
import { Pane } from './pane.js';
import { S } from './styled.js';

export interface HelpLine {
  readonly text: string;
  readonly role: 'title' | 'key' | null;
  /** For key lines: the cells the keys take. */
  readonly keyWidth?: number;
}

/** One entry: its lines ("keys  what", the description wrapped under itself). */
function entryLines(keys: string, what: string, width: number, keyW: number): HelpLine[] {
  const out: HelpLine[] = [];
  let k = keys;
  // Keys longer than the key column take a line of their own, the description under them.
  if (keys.length > keyW - 1) {
    out.push({ text: fit(`  ${keys}`, width), role: 'key', keyWidth: width });
    k = '';
  }
  const room = Math.max(8, width - keyW - 2);
  let line = '';
  const parts: string[] = [];
  for (const w of what.split(' ')) {
    if (line && line.length + 1 + w.length > room) {
      parts.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  parts.push(line);
  parts.forEach((p, i) => out.push({ text: fit(`  ${(i === 0 ? k : '').padEnd(keyW)}${p}`, width), role: 'key', keyWidth: keyW + 2 }));
  return out;
}

/** The help in pages of columns of lines, each column `width` wide and at most `height` long. */
export function helpPages(groups: readonly HelpGroup[], width: number, height: number): HelpLine[][][] {
  const n = Math.max(1, Math.min(3, Math.floor((width + 2) / 38)));
  const colW = Math.floor((width - 2 * (n - 1)) / n);
  const keyW = Math.min(14, Math.max(4, ...groups.flatMap((g) => g.rows.map(([k]) => k.length)))) + 2;
  const pages: HelpLine[][][] = [[[]]];
  const blank: HelpLine = { text: ' '.repeat(colW), role: null };
  const place = (block: HelpLine[], startsGroup: boolean) => {
    let page = pages[pages.length - 1];
    let col = page[page.length - 1];
    const gap = startsGroup && col.length > 0 ? 1 : 0;
    if (col.length + gap + block.length > height && col.length > 0) {
      if (page.length === n) pages.push((page = []));
      page.push((col = []));
    } else if (gap) col.push(blank);
    col.push(...block.slice(0, Math.max(1, height - col.length)));
  };
  for (const g of groups) {
    g.rows.forEach(([k, what], i) => {
      const lines = entryLines(k, what, colW, keyW);
      if (i === 0) place([{ text: fit(g.group, colW), role: 'title' }, ...lines], true);
      else place(lines, false);
    });
  }
  return pages;
}

export function Help({ groups, width, height, page }: { readonly groups: readonly HelpGroup[]; readonly width: number; readonly height: number; readonly page: number }) {
  const inner = width - 4;
  const pages = helpPages(groups, inner, height - 3);
  const at = Math.max(0, Math.min(page, pages.length - 1));
  const columns = pages[at];
  const rows = Math.max(...columns.map((c) => c.length));
  const colW = Math.floor((inner - 2 * (Math.max(1, Math.min(3, Math.floor((inner + 2) / 38))) - 1)) / Math.max(1, Math.min(3, Math.floor((inner + 2) / 38))));
  const more = pages.length > 1 ? ` · page ${at + 1}/${pages.length}: Space/k` : '';
  return (
    <Pane title={`Keys · Esc or ? to close${more}`} width={width} height={height} focused>
      {Array.from({ length: rows }, (_, r) => (
        <Text key={r} wrap="truncate">
          {columns.map((c, i) => {
            const line = c[r];
            const gap = i > 0 ? '  ' : '';
            if (!line) return <Text key={i}>{gap + ' '.repeat(colW)}</Text>;
            const kw = line.role === 'key' ? (line.keyWidth ?? 0) : 0;
            return (
              <Text key={i}>
                {gap}
                {kw ? <S role="key">{line.text.slice(0, kw)}</S> : null}
                <S role={line.role === 'key' ? null : line.role}>{line.text.slice(kw)}</S>
              </Text>
            );
          })}
        </Text>
      ))}
    </Pane>
  );
}

/** How many pages the help takes at this size (for the page keys). */
export const helpPageCount = (groups: readonly HelpGroup[], width: number, height: number): number => helpPages(groups, width - 4, height - 3).length;
