// Every colour of the UI, in one place. Views ask for a role ("bad", "seriesB", "selected") and
// get ink <Text>/<Box> props; with NO_COLOR the roles carry no colour at all, and selection is
// shown by the ▶ marker every view draws anyway.
import { createContext, useContext } from 'react';

export interface TextStyle {
  readonly color?: string;
  readonly backgroundColor?: string;
  readonly bold?: boolean;
  readonly dimColor?: boolean;
  readonly inverse?: boolean;
}

export type Role =
  | 'title'
  | 'accent'
  | 'dim'
  | 'good'
  | 'warn'
  | 'bad'
  | 'selected'
  | 'key'
  | 'desired'
  | 'seriesA'
  | 'seriesB'
  | 'pending'
  | 'terminating'
  | 'cursor'
  | 'error';

export interface Theme {
  readonly noColor: boolean;
  /** Props for a <Text> in this role. */
  text(role: Role): TextStyle;
  /** Border colour of a pane, brighter when it has the keyboard. */
  border(focused: boolean): string | undefined;
}

const COLORS: Record<Role, TextStyle> = {
  title: { color: 'cyanBright', bold: true },
  accent: { color: 'cyan' },
  dim: { color: 'gray' },
  good: { color: 'green' },
  warn: { color: 'yellow' },
  bad: { color: 'red' },
  selected: { inverse: true },
  key: { color: 'cyan', bold: true },
  desired: { color: 'gray' },
  seriesA: { color: 'greenBright' },
  seriesB: { color: 'magentaBright' },
  pending: { color: 'yellow' },
  terminating: { color: 'red' },
  cursor: { color: 'whiteBright', bold: true },
  error: { color: 'redBright', bold: true },
};

export function makeTheme(noColor: boolean): Theme {
  return {
    noColor,
    text: (role) => (noColor ? (role === 'title' || role === 'key' ? { bold: true } : {}) : COLORS[role]),
    border: (focused) => (noColor ? undefined : focused ? 'cyan' : 'gray'),
  };
}

export const ThemeContext = createContext<Theme>(makeTheme(false));
export const useTheme = (): Theme => useContext(ThemeContext);
