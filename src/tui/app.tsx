// The terminal UI's root: the app state (app-state.ts, keys routed by app-input.ts), the
// effects that load, run and export through `Services` (run-effects.ts), and the frame — the
// header, the status line, the screen in front, and the hint line of its key table.
import { Box, useApp, useInput } from 'ink';
import { Component, useMemo, useReducer, type ReactNode } from 'react';
import { modelOf } from './app-context.js';
import { helpFor } from './app-help.js';
import { hintsFor, reduce, screenOf } from './app-input.js';
import { initialAppState, type AppStart, type AppState } from './app-state.js';
import { Header, KeyHints } from './components/header.js';
import { Help } from './components/help.js';
import { S } from './components/styled.js';
import { useTerminalSize, type Size } from './hooks/use-terminal-size.js';
import { splitPress } from './keys.js';
import { useRunEffects } from './run-effects.js';
import { Explore } from './screens/explore/explore.js';
import type { ExploreModel } from './screens/explore/explore-model.js';
import { Picker } from './screens/picker/picker.js';
import { Failed, Loading, Running } from './screens/run-screens.js';
import { StatusLine } from './screens/status-line.js';
import { whatIfContext } from './screens/whatif/whatif-context.js';
import { WhatIf } from './screens/whatif/whatif.js';
import type { Services } from './services.js';
import { makeTheme, ThemeContext } from './theme.js';

export interface AppProps {
  readonly services: Services;
  readonly start: AppStart;
  readonly noColor?: boolean;
  /** Fixed terminal size (tests); otherwise the real one, following resizes. */
  readonly size?: Size;
}

export function App(p: AppProps) {
  const theme = useMemo(() => makeTheme(p.noColor ?? false), [p.noColor]);
  return (
    <ThemeContext.Provider value={theme}>
      <AppBody {...p} />
    </ThemeContext.Provider>
  );
}

function AppBody({ services, start, size: fixedSize }: AppProps) {
  const [s, dispatch] = useReducer(reduce, start, initialAppState);
  const terminal = useTerminalSize(fixedSize);
  const { exit } = useApp();
  useRunEffects(s, dispatch, services, exit);
  const size: Size = { columns: Math.max(60, terminal.columns), rows: terminal.rows };
  useInput((input, key) => dispatch({ type: 'keys', presses: splitPress({ input, key }), size }));
  const m = modelOf(s, size);
  // One row is left free so ink redraws in place rather than clearing the terminal.
  const height = Math.max(20, size.rows - 1);
  const bodyHeight = height - 3;
  return (
    <Box flexDirection="column" width={size.columns} height={height}>
      <Header name={s.scenario?.name ?? null} size={s.size} seed={s.scenario?.seed ?? null} width={size.columns} />
      <StatusLine s={s} comparison={m?.comparison ?? null} width={size.columns} />
      <Box flexDirection="column" height={bodyHeight}>
        <Guard>
          <Front s={s} m={m} size={size} width={size.columns} height={bodyHeight} />
        </Guard>
      </Box>
      <KeyHints hints={hintsFor(s, size)} width={size.columns} />
    </Box>
  );
}

/** The screen in front. */
function Front({ s, m, size, width, height }: { s: AppState; m: ExploreModel | null; size: Size; width: number; height: number }) {
  switch (screenOf(s)) {
    case 'help':
      return <Help groups={helpFor(s, size)} width={width} height={height} page={s.help!.scroll} />;
    case 'picker':
      return <Picker state={s.picker!} width={width} height={height} />;
    case 'error':
      return <Failed message={s.phase.kind === 'error' ? s.phase.message : ''} width={width} height={height} />;
    case 'busy':
      return s.phase.kind === 'running' ? <Running name={s.scenario?.name ?? ''} progress={s.phase.progress} width={width} height={height} /> : <Loading path={s.path} width={width} height={height} />;
    case 'form': {
      const busy = s.bRequest ? { label: s.bScenario ? 'Running B' : 'Loading B', progress: s.bProgress } : null;
      return <WhatIf state={s.form!} busy={busy} context={whatIfContext(s.a, s.scenario, s.form!.workload)} width={width} height={height} />;
    }
    default:
      return <Explore a={s.a!} b={s.b} s={s.explore!} m={m!} />;
  }
}

/** Shows a rendering failure as a message instead of tearing the terminal down. */
class Guard extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) {
      return (
        <Box flexDirection="column">
          <S role="error">✗ The screen failed to draw: {this.state.error.message}</S>
          <S role="dim">Press p to pick a scenario or q to quit. (This is a bug: please report it with the scenario.)</S>
        </Box>
      );
    }
    return this.props.children;
  }
}
