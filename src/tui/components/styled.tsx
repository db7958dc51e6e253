// Text in a theme role: <S role="bad">3 evicted</S>.
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme, type Role } from '../theme.js';

export function S({ role, children, wrap }: { readonly role: Role | null; readonly children?: ReactNode; readonly wrap?: 'truncate' | 'wrap' }) {
  const theme = useTheme();
  return (
    <Text {...(role ? theme.text(role) : {})} wrap={wrap}>
      {children}
    </Text>
  );
}

/** One line made of styled segments, cut at the pane's edge. */
export function Line({ segments }: { readonly segments: readonly { readonly text: string; readonly role: Role | null }[] }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {segments.map((s, i) => (
        <Text key={i} {...(s.role ? theme.text(s.role) : {})}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
