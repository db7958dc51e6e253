// The second line: the last message, else how A ran — or, with a B, what B changed (the totals'
// deltas, or "same figures, different timelines" where they are all ±0) and its overrides.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { formatDuration } from '../../model/duration.js';
import type { AppState } from '../app-state.js';
import { S } from '../components/styled.js';
import { totalDeltas, type Comparison, type Delta } from '../data/runs.js';
import { describeSets } from '../data/whatif.js';
import { num, signed } from '../format.js';
import { SAME_FIGURES } from './explore/compare-pane.js';

function fig(d: Delta): string {
  const v = (x: number) => (d.seconds ? formatDuration(x * 1000) : num(x, /%/.test(d.label) ? 1 : 0));
  const diff = d.b - d.a;
  const delta = Math.abs(diff) < 1e-9 ? '±0' : d.seconds ? `${diff > 0 ? '+' : '-'}${formatDuration(Math.abs(diff) * 1000)}` : signed(diff, /%/.test(d.label) ? 1 : 0);
  return `${d.label} ${v(d.a)}→${v(d.b)} (${delta})`;
}

export function StatusLine({ s, comparison, width }: { s: AppState; comparison: Comparison | null; width: number }) {
  let content: ReactNode;
  if (s.message) content = <S role={s.message.tone === 'error' ? 'error' : 'accent'}>{s.message.text}</S>;
  else if (s.a && s.phase.kind === 'ready' && s.b) {
    const d = totalDeltas(s.a, s.b);
    const pick = (label: string) => d.find((x) => x.label === label)!;
    const figures = [pick('worst avail %'), pick('below PDB'), pick('evicted'), pick('longest rollout')];
    const allSame = d.every((x) => Math.abs(x.b - x.a) < 1e-9);
    const moved = comparison?.moved.size ?? 0;
    // Equal figures say nothing when the timelines moved: say that instead of a row of ±0.
    const what = allSame && moved ? `${SAME_FIGURES} for ${moved} workload${moved === 1 ? '' : 's'}` : figures.map(fig).join(' · ');
    content = (
      <>
        <S role="seriesB">B</S>
        <S role="dim">{` ${what} │ `}</S>
        {describeSets(s.b.sets.slice(s.a.sets.length))}
      </>
    );
  } else if (s.a && s.phase.kind === 'ready') {
    content = (
      <>
        <S role="seriesA">A</S>
        <S role="dim">{` ${formatDuration(s.a.result.durationMs)} simulated in ${num(s.a.wallMs / 1000, 2)} s · ${s.a.result.events.length} events │ w: what-if on the selected workload, then compare A and B`}</S>
      </>
    );
  } else content = <S role="dim">{s.path ?? ''}</S>;
  return (
    <Box width={width}>
      <Text wrap="truncate">{content}</Text>
    </Box>
  );
}
