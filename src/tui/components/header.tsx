// The two top lines: what is open (scenario, cluster size, seed), then how the runs went or
// the last message.
import { Box, Text } from 'ink';
import { cores, inUnit, pct, unitOf } from '../format.js';
import type { ClusterSize } from '../data/cluster.js';
import { S } from './styled.js';

export interface HeaderProps {
  readonly name: string | null;
  readonly size: ClusterSize | null;
  readonly seed: number | null;
  readonly width: number;
}

/** The cluster figures of the header, longer when the terminal is wide. */
export function sizeText(size: ClusterSize, long: boolean): { counts: string; cpu: string; mem: string } {
  const c = (m: number) => (long ? cores(m) : String(Math.round(m / 1000)));
  // Both figures in the allocatable's unit: "10/96 GiB".
  const [unit, per] = unitOf(size.memoryAllocatable);
  return {
    counts: long ? `${size.nodes} nodes · ${size.zones} zone${size.zones === 1 ? '' : 's'} · ${size.workloads} workloads · ${size.pods} pods` : `${size.nodes} nodes · ${size.pods} pods`,
    cpu: `${c(size.cpuRequested)}/${c(size.cpuAllocatable)} ${pct(size.cpuAllocatable ? size.cpuRequested / size.cpuAllocatable : 0)}`,
    mem: `${inUnit(size.memoryRequested, per)}/${inUnit(size.memoryAllocatable, per)} ${unit} ${pct(size.memoryAllocatable ? size.memoryRequested / size.memoryAllocatable : 0)}`,
  };
}

export function Header({ name, size, seed, width }: HeaderProps) {
  const long = width >= 120;
  const t = size ? sizeText(size, long) : null;
  const label = long ? 'requested/allocatable cpu ' : 'req cpu ';

  const seedText = seed !== null ? ` · seed ${seed}` : '';
  const right = t ? ` │ ${t.counts} │ ${label}${t.cpu} · mem ${t.mem}` : '';
  // The scenario name gives way first, so the figures always show.
  const room = Math.max(8, width - 'headroom ▸ '.length - seedText.length - right.length);
  const shownName = name && name.length > room ? name.slice(0, room - 1) + '…' : name;
  return (
    <Box width={width}>
      <Text wrap="truncate">
        <S role="title">headroom</S>
        {shownName ? (
          <>
            <S role="dim"> ▸ </S>
            <S role="accent">{shownName}</S>
          </>
        ) : null}
        <S role="dim">{seedText}</S>
        {t ? (
          <>
            <S role="dim"> │ </S>
            {t.counts}
            <S role="dim">{` │ ${label}`}</S>
            {t.cpu}
            <S role="dim"> · mem </S>
            {t.mem}
          </>
        ) : null}
      </Text>
    </Box>
  );
}

/** The bottom line: the keys that matter here. */
export function KeyHints({ hints, width }: { readonly hints: readonly (readonly [string, string])[]; readonly width: number }) {
  return (
    <Box width={width}>
      <Text wrap="truncate">
        {fitHints(hints, width).map(([k, what], i) => (
          <Text key={k + what}>
            {i ? '  ' : ''}
            <S role="key">{k}</S> <S role="dim">{what}</S>
          </Text>
        ))}
      </Text>
    </Box>
  );
}

/** Drops hints from the middle until the line fits; the last two (help, quit) always stay. */
export function fitHints<T extends readonly [string, string]>(hints: readonly T[], width: number): T[] {
  const len = (hs: readonly T[]) => hs.reduce((a, [k, w], i) => a + (i ? 2 : 0) + k.length + 1 + w.length, 0);
  const out = [...hints];
  while (out.length > 2 && len(out) > width) out.splice(out.length - 3, 1);
  return out;
}
