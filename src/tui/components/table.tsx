// A table in the manner of ink's examples/table: column widths computed from the pane's width
// (fixed columns, one flexible), cells padded or cut to them so a row is one line; the selected
// row is marked ▶ and, with colour, inverted. (ink-table is not used: it is broken on ink 6.)
import { Box, Text } from 'ink';
import { useTheme, type Role } from '../theme.js';

export interface Column {
  readonly header: string;
  /** Cells; 0 = take the remaining width. */
  readonly width: number;
  readonly align?: 'left' | 'right';
}

export type Cell = string | { readonly text: string; readonly role: Role | null };

export interface TableProps {
  readonly columns: readonly Column[];
  /** Number of rows; only the visible ones are built, through `row`. */
  readonly count: number;
  readonly row: (index: number) => readonly Cell[];
  /** Index into rows, or -1. */
  readonly selected?: number;
  /** Total width, for the flexible column. */
  readonly width: number;
  /** Visible rows (the window scrolls to keep the selection in view). */
  readonly height: number;
  readonly showHeader?: boolean;
}

/** First visible row so that `selected` stays in a window of `height` rows, roughly centred. */
export function windowStart(selected: number, count: number, height: number): number {
  if (count <= height || selected < 0) return 0;
  return Math.max(0, Math.min(count - height, selected - Math.floor(height / 2)));
}

export function Table({ columns, count, row: rowAt, selected = -1, width, height, showHeader = true }: TableProps) {
  const theme = useTheme();
  const fixed = columns.reduce((a, c) => a + c.width, 0) + 2 + (columns.length - 1);
  const flex = Math.max(4, width - fixed);
  const widths = columns.map((c) => (c.width === 0 ? flex : c.width));
  const bodyHeight = Math.max(0, height - (showHeader ? 1 : 0));
  const start = windowStart(selected, count, bodyHeight);
  const visible = Array.from({ length: Math.max(0, Math.min(bodyHeight, count - start)) }, (_, i) => rowAt(start + i));
  const cellText = (c: Cell) => (typeof c === 'string' ? c : c.text);
  const cut = (s: string, w: number, align: 'left' | 'right' = 'left') =>
    s.length > w ? s.slice(0, Math.max(0, w - 1)) + '…' : align === 'right' ? s.padStart(w) : s.padEnd(w);
  return (
    <Box flexDirection="column">
      {showHeader && (
        <Text wrap="truncate" {...theme.text('dim')}>
          {'  ' + columns.map((c, i) => cut(c.header, widths[i], c.align)).join(' ')}
        </Text>
      )}
      {visible.map((row, r) => {
        const index = start + r;
        const isSel = index === selected;
        return (
          <Text key={index} wrap="truncate" {...(isSel ? theme.text('selected') : {})}>
            {isSel ? '▶ ' : '  '}
            {row.map((c, i) => {
              const role = typeof c === 'string' ? null : c.role;
              const text = cut(cellText(c), widths[i], columns[i].align) + (i < row.length - 1 ? ' ' : '');
              return (
                <Text key={i} {...(role && !isSel ? theme.text(role) : {})}>
                  {text}
                </Text>
              );
            })}
          </Text>
        );
      })}
    </Box>
  );
}
