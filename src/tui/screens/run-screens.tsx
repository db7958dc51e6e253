// The screens before there is anything to explore: reading the scenario, simulating it, and a
// scenario that cannot be shown.
import { Box, Text } from 'ink';
import { formatDuration } from '../../model/duration.js';
import { Pane } from '../components/pane.js';
import { Progress } from '../components/progress.js';
import { S } from '../components/styled.js';
import { num } from '../format.js';
import type { SliceProgress } from '../hooks/run-sliced.js';

export function Loading({ path, width, height }: { path: string | null; width: number; height: number }) {
  return (
    <Pane title="Loading" width={width} height={height}>
      <Text wrap="truncate">Reading {path}…</Text>
    </Pane>
  );
}

export function Running({ name, progress: pr, width, height }: { name: string; progress: SliceProgress | null; width: number; height: number }) {
  const frac = pr ? pr.simMs / Math.max(1, pr.durationMs) : 0;
  return (
    <Pane title={`Simulating ${name}`} width={width} height={height} focused>
      <Text> </Text>
      <Box>
        <Progress fraction={frac} width={Math.max(10, width - 30)} />
        <Text> {Math.floor(frac * 100)}%</Text>
      </Box>
      <S role="dim">{pr ? `${formatDuration(pr.simMs)} of ${formatDuration(pr.durationMs)} simulated · ${num(pr.wallMs / 1000, 1)} s` : 'building the cluster…'}</S>
    </Pane>
  );
}

export function Failed({ message, width, height }: { message: string; width: number; height: number }) {
  return (
    <Pane title="This scenario cannot be shown" width={width} height={height} focused>
      <Text> </Text>
      <Text wrap="wrap">
        <S role="error">✗ {message}</S>
      </Text>
      <Text> </Text>
      <S role="dim">Fix the file and press r to read it again, p to pick another scenario, q to quit.</S>
    </Pane>
  );
}
