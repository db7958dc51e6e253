// The two top lines: what is open (scenario, cluster size, seed), then how the runs went or
// the last message.
import { Box, Text } from 'ink';
import { bytes, cores, pct } from '../format.js';
import type { ClusterSize } from '../data/cluster.js';
import { S } from './styled.js';

export interface HeaderProps {
  readonly name: string | null;
  readonly size: ClusterSize | null;
  readonly seed: number | null;
  readonly width: number;
}

export function Header({ name, size, seed, width }: HeaderProps) {
  const long = width >= 120;
  const sep = <S role="dim"> │ </S>;
  return (
    <Box width={width}>
      <Text wrap="truncate">
        <S role="title">headroom</S>
        {name ? (
          <>
            <S role="dim"> ▸ </S>
            <S role="accent">{name}</S>
          </>
        ) : null}
        {seed !== null ? <S role="dim">{` · seed ${seed}`}</S> : null}
        {size ? (
          <>
            {sep}
            {`${size.nodes} nodes · ${size.zones} zone${size.zones === 1 ? '' : 's'} · ${long ? `${size.workloads} workloads · ` : ''}${size.pods} pods`}
            {sep}
            <S role="dim">{long ? 'requested/allocatable cpu ' : 'req cpu '}</S>
            {`${long ? cores(size.cpuRequested) : Math.round(size.cpuRequested / 1000)}/${long ? cores(size.cpuAllocatable) : Math.round(size.cpuAllocatable / 1000)}`}
            <S role="dim">{` ${pct(size.cpuAllocatable ? size.cpuRequested / size.cpuAllocatable : 0)} · mem `}</S>
            {`${bytes(size.memoryRequested).replace(/[KMGT]i$/, (u) => (bytes(size.memoryAllocatable).endsWith(u) ? '' : u))}/${bytes(size.memoryAllocatable)}`}
            <S role="dim">{` ${pct(size.memoryAllocatable ? size.memoryRequested / size.memoryAllocatable : 0)}`}</S>
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
