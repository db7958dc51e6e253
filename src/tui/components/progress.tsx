// A progress bar over simulated time, with eighth-cell precision.
import { Text } from 'ink';
import { useTheme } from '../theme.js';
import { hbar } from './sparkline.js';

export function Progress({ fraction, width }: { readonly fraction: number; readonly width: number }) {
  const theme = useTheme();
  const { filled, empty } = hbar(fraction, width);
  return (
    <Text>
      <Text {...theme.text('accent')}>{filled}</Text>
      <Text {...theme.text('dim')}>{empty}</Text>
    </Text>
  );
}
