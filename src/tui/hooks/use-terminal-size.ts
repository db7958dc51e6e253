// The terminal's size, following resizes. Tests (whose fake stdout has no rows) pass a size.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

export const MIN_SIZE: Size = { columns: 100, rows: 30 };

export function useTerminalSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const read = (): Size => fixed ?? { columns: stdout.columns || MIN_SIZE.columns, rows: stdout.rows || MIN_SIZE.rows };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed?.columns, fixed?.rows]);
  return fixed ?? size;
}
