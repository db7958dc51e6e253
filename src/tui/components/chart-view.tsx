// Renders chartRows() output: one ink <Text> line per row, each segment in its series' colour.
import { Box } from 'ink';
import type { Segment } from './chart.js';
import { Line } from './styled.js';

export function ChartView({ rows }: { readonly rows: readonly (readonly Segment[])[] }) {
  return (
    <Box flexDirection="column">
      {rows.map((r, i) => (
        <Line key={i} segments={r} />
      ))}
    </Box>
  );
}
