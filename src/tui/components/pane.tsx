// A bordered pane with a title in its top line; the border lights up when it has the keyboard.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme.js';

export interface PaneProps {
  readonly title: ReactNode;
  readonly focused?: boolean;
  readonly width: number | string;
  readonly height: number;
  readonly children?: ReactNode;
}

export function Pane({ title, focused = false, width, height, children }: PaneProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle={focused ? 'bold' : 'round'} borderColor={theme.border(focused)} paddingX={1} overflow="hidden">
      <Text wrap="truncate" {...(focused ? theme.text('title') : { bold: true })}>
        {focused && theme.noColor ? '» ' : ''}
        {title}
      </Text>
      {children}
    </Box>
  );
}
