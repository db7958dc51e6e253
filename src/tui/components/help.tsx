// The `?` overlay: every key, grouped as k9s and less users expect.
import { Box, Text } from 'ink';
import { Pane } from './pane.js';
import { S } from './styled.js';

export const KEYS: readonly { readonly group: string; readonly keys: readonly (readonly [string, string])[] }[] = [
  {
    group: 'Anywhere',
    keys: [
      ['?', 'this help'],
      ['q  Ctrl-C', 'quit'],
      ['p', 'pick another scenario'],
      ['e', 'export reports of A (and B)'],
    ],
  },
  {
    group: 'Moving around',
    keys: [
      ['Tab  Shift-Tab', 'next / previous pane'],
      ['j k  ↓ ↑', 'move in the pane'],
      ['g G  PgUp PgDn', 'top, bottom, a page'],
      ['Enter', 'open the workload, full width'],
      ['Esc  Backspace', 'back to the overview'],
    ],
  },
  {
    group: 'Time cursor',
    keys: [
      ['← →  h l', 'one step back / forward'],
      ['Shift-← →  H L', 'ten steps'],
      ['Home  End', 'start / end of the run'],
      ['[  ]', 'previous / next change'],
      ['n  N', 'next / previous event'],
    ],
  },
  {
    group: 'Events',
    keys: [
      ['t', 'kind: all, evictions, scheduling,'],
      ['', 'nodes & taints, rollouts, pods,'],
      ['', 'warnings, what-if actions'],
      ['/', 'filter by text (Esc clears)'],
    ],
  },
  {
    group: 'What-if',
    keys: [
      ['w', 'what-if on the workload → B'],
      ['c', 'compare A (before) and B (after)'],
      ['b', 'zones and events of B / of A'],
      ['x', 'drop B'],
    ],
  },
];

export function Help({ width, height }: { readonly width: number; readonly height: number }) {
  const keyW = Math.max(...KEYS.flatMap((g) => g.keys.map(([k]) => k.length))) + 2;
  const twoColumns = width >= 90;
  const groups = KEYS.map((g) => (
    <Box key={g.group} flexDirection="column" marginBottom={1}>
      <S role="title">{g.group}</S>
      {g.keys.map(([k, what]) => (
        <Text key={k + what} wrap="truncate">
          <S role="key">{('  ' + k).padEnd(keyW + 2)}</S>
          {what}
        </Text>
      ))}
    </Box>
  ));
  return (
    <Pane title="Keys · Esc or ? to close" width={width} height={height} focused>
      {twoColumns ? (
        <Box>
          <Box flexDirection="column" width={Math.floor((width - 4) / 2)}>
            {groups.slice(0, 3)}
          </Box>
          <Box flexDirection="column">{groups.slice(3)}</Box>
        </Box>
      ) : (
        <Box flexDirection="column">{groups}</Box>
      )}
    </Pane>
  );
}
