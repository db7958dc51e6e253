// The terminal UI's root: a small state machine of screens (picker → loading → running →
// explore, with the what-if form, the help and the picker as overlays) and the effects that
// load scenarios, run them in slices and export reports — all through `Services`.
import { formatDuration } from '../model/duration.js';
import { Box, Text, useApp, useInput } from 'ink';
import { relative } from 'node:path';
import { Component, useEffect, useMemo, type ReactNode } from 'react';
import { Header, KeyHints } from './components/header.js';
import { Help } from './components/help.js';
import { Pane } from './components/pane.js';
import { Progress } from './components/progress.js';
import { S } from './components/styled.js';
import { makeRun, totalDeltas } from './data/runs.js';
import { describeSets, whatIfFields } from './data/whatif.js';
import { errorText } from './errors.js';
import { num, signed } from './format.js';
import { useTerminalSize, type Size } from './hooks/use-terminal-size.js';
import { Explore } from './screens/explore/explore.js';
import { Picker } from './screens/picker/picker.js';
import { useWhatIfState } from './screens/whatif/use-whatif-state.js';
import { WhatIf } from './screens/whatif/whatif.js';
import type { Services } from './services.js';
import { makeTheme, ThemeContext } from './theme.js';
import { useAppState, type AppAction, type AppStart, type AppState } from './use-app-state.js';

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
  const [s, dispatch] = useAppState(start);
  const size = useTerminalSize(fixedSize);
  const { exit } = useApp();
  useRunEffects(s, dispatch, services);

  const formOpen = s.whatIf !== null;
  const overlay = s.overlay;
  useInput((input, key) => {
    if (overlay === 'help') {
      if (key.escape || input === '?' || input === 'q') dispatch({ type: 'overlay', overlay: 'none' });
      return;
    }
    if (formOpen || s.typing) return;
    if (input === 'q') exit();
    else if (input === '?') dispatch({ type: 'overlay', overlay: 'help' });
    else if (input === 'p' && (s.phase.kind === 'error' || s.phase.kind === 'ready')) dispatch({ type: 'picker' });
    else if (s.phase.kind === 'error' && input === 'r' && s.path) dispatch({ type: 'open', path: s.path });
  });

  const width = Math.max(60, size.columns);
  // One row is left free so ink redraws in place rather than clearing the terminal.
  const height = Math.max(20, size.rows - 1);
  const bodyHeight = height - 3;
  const exportNow = () => {
    if (!s.a) return;
    dispatch({ type: 'message', text: 'Exporting reports…' });
    setImmediate(() => {
      try {
        const dirs = services.exportRuns(s.a!, s.b).map((d) => relative(process.cwd(), d) || d);
        dispatch({ type: 'message', text: `Exported ${dirs.map((d, i) => `${i ? 'B → ' : s.b ? 'A → ' : ''}${d}/`).join('  ')}  (report.html, CSV)` });
      } catch (e) {
        dispatch({ type: 'message', text: `Export failed: ${e instanceof Error ? e.message : String(e)}`, tone: 'error' });
      }
    });
  };

  let body: ReactNode;
  let hints: [string, string][];
  const explore =
    s.a && s.phase.kind === 'ready' ? (
      <Box display={overlay === 'none' && !formOpen ? 'flex' : 'none'}>
        <Guard>
          <Explore
            a={s.a}
            b={s.b}
            columns={width}
            rows={size.rows}
            isActive={overlay === 'none' && !formOpen}
            view={s.compareSeq > 0 && s.b ? 'compare' : undefined}
            onTyping={(typing) => dispatch({ type: 'typing', typing })}
            onIntent={(intent, workload) => {
              if (intent === 'whatif' && workload) dispatch({ type: 'whatif-open', workload });
              else if (intent === 'export') exportNow();
              else if (intent === 'drop-b') dispatch({ type: 'drop-b' });
            }}
          />
        </Guard>
      </Box>
    ) : null;

  if (overlay === 'help') {
    body = <Help width={width} height={bodyHeight} />;
    hints = [['Esc ? q', 'close the help']];
  } else if (overlay === 'picker' || s.phase.kind === 'picker') {
    body = (
      <Picker
        list={services.listScenarios}
        current={s.path}
        onOpen={(path) => dispatch({ type: 'open', path })}
        onCancel={s.a ? () => dispatch({ type: 'overlay', overlay: 'none' }) : null}
        width={width}
        height={bodyHeight}
        isActive
      />
    );
    hints = [['Enter', 'open'], ['j/k', 'choose'], ...(s.a ? [['Esc', 'back'] as [string, string]] : []), ['q', 'quit']];
  } else if (s.phase.kind === 'loading') {
    body = (
      <Pane title="Loading" width={width} height={bodyHeight}>
        <Text>Reading {s.path}…</Text>
      </Pane>
    );
    hints = [['q', 'quit']];
  } else if (s.phase.kind === 'running') {
    const pr = s.phase.progress;
    const frac = pr ? pr.simMs / Math.max(1, pr.durationMs) : 0;
    body = (
      <Pane title={`Simulating ${s.scenario?.name ?? ''}`} width={width} height={bodyHeight} focused>
        <Text> </Text>
        <Box>
          <Progress fraction={frac} width={Math.max(10, width - 30)} />
          <Text> {Math.floor(frac * 100)}%</Text>
        </Box>
        <S role="dim">
          {pr ? `${formatDuration(pr.simMs)} of ${formatDuration(pr.durationMs)} simulated · ${num(pr.wallMs / 1000, 1)} s` : 'building the cluster…'}
        </S>
      </Pane>
    );
    hints = [['q', 'quit']];
  } else if (s.phase.kind === 'error') {
    body = (
      <Pane title="This scenario cannot be shown" width={width} height={bodyHeight} focused>
        <Text> </Text>
        <Text wrap="wrap">
          <S role="error">✗ {s.phase.message}</S>
        </Text>
        <Text> </Text>
        <S role="dim">Fix the file and press r to read it again, p to pick another scenario, q to quit.</S>
      </Pane>
    );
    hints = [['r', 'retry'], ['p', 'pick a scenario'], ['q', 'quit']];
  } else if (formOpen && s.a && s.scenario) {
    body = (
      <WhatIfScreen
        key={s.whatIf!.workload}
        state={s}
        dispatch={dispatch}
        width={width}
        height={bodyHeight}
      />
    );
    hints = [['Enter', 'run B'], ['↑/↓ Tab', 'field'], ['Esc', 'back']];
  } else {
    body = null;
    hints = s.b
      ? [['Tab', 'pane'], ['j/k', 'select'], ['Enter', 'open'], ['←/→', 'time'], ['c', 'compare'], ['b', 'A/B events'], ['w', 'what-if'], ['x', 'drop B'], ['e', 'export'], ['?', 'help'], ['q', 'quit']]
      : [['Tab', 'pane'], ['j/k', 'select'], ['Enter', 'open'], ['←/→', 'time'], ['t', 'kind'], ['/', 'filter'], ['w', 'what-if'], ['e', 'export'], ['p', 'scenarios'], ['?', 'help'], ['q', 'quit']];
    if (s.typing) hints = [['Enter', 'keep filter'], ['Esc', 'clear filter']];
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header name={s.scenario?.name ?? null} size={s.size} seed={s.scenario?.seed ?? null} width={width} />
      <StatusLine s={s} width={width} />
      <Box flexDirection="column" height={bodyHeight}>
        {body}
        {explore}
      </Box>
      <KeyHints hints={hints} width={width} />
    </Box>
  );
}

function StatusLine({ s, width }: { s: AppState; width: number }) {
  let content: ReactNode;
  if (s.message) content = <S role={s.message.tone === 'error' ? 'error' : 'accent'}>{s.message.text}</S>;
  else if (s.a && s.phase.kind === 'ready') {
    const a = s.a;
    const head = (
      <>
        <S role="seriesA">A</S>
        <S role="dim">{` ${formatDuration(a.result.durationMs)} simulated in ${num(a.wallMs / 1000, 2)} s · ${a.result.events.length} events`}</S>
      </>
    );
    if (s.b) {
      const d = totalDeltas(a, s.b);
      const fig = (label: string) => {
        const x = d.find((y) => y.label === label)!;
        const digits = /%/.test(label) ? 1 : 0;
        return `${label} ${num(x.a, digits)}→${num(x.b, digits)} (${signed(x.b - x.a, digits)})`;
      };
      // The deltas first: the overrides themselves are in the compare view.
      content = (
        <>
          <S role="seriesB">B</S>
          <S role="dim">{` ${fig('worst avail %')} · ${fig('s below PDB')} · ${fig('evictions')} · ${fig('longest rollout s')} │ `}</S>
          {describeSets(s.b.sets.slice(a.sets.length))}
        </>
      );
    } else content = (
      <>
        {head}
        <S role="dim"> │ w: what-if on the selected workload, then compare A and B</S>
      </>
    );
  } else content = <S role="dim">{s.path ?? ''}</S>;
  return (
    <Box width={width}>
      <Text wrap="truncate">{content}</Text>
    </Box>
  );
}

function WhatIfScreen({ state: s, dispatch, width, height }: { state: AppState; dispatch: (a: AppAction) => void; width: number; height: number }) {
  const workload = s.whatIf!.workload;
  const fields = useMemo(() => whatIfFields(s.scenario!, workload), [s.scenario, workload]);
  const [form, formDispatch] = useWhatIfState(workload, fields);
  useEffect(() => {
    if (s.whatIfError) formDispatch({ type: 'error', message: s.whatIfError.message });
  }, [s.whatIfError?.seq]);
  const busy = s.bRequest ? { label: s.bScenario ? 'Running B' : 'Loading B', progress: s.bProgress } : null;
  const context = useMemo(() => whatIfContext(s, workload), [s.a, s.scenario, workload]);
  return (
    <WhatIf
      state={form}
      dispatch={(a) => {
        if (form.error && a.type === 'set') formDispatch({ type: 'clear-error' });
        formDispatch(a);
      }}
      onSubmit={(sets) => dispatch({ type: 'whatif-submit', sets })}
      onCancel={() => dispatch({ type: 'whatif-close' })}
      busy={busy}
      context={context}
      width={width}
      height={height}
    />
  );
}

/** What A says about the workload, and the scenario's events, beside the form. */
function whatIfContext(s: AppState, workload: string): string[] {
  const r = s.a?.summary.get(workload);
  const out = [`A, ${workload}:`];
  if (r) {
    out.push(`availability ${num(r.availabilityPct, 2)}% · lowest ${r.lowestAvailable} of ${r.desired}`);
    out.push(`${num(r.secondsBelowDesired, 0)} s below desired · ${num(r.secondsBelowPdb, 0)} s below PDB`);
    out.push(`rollout ${r.rolloutSeconds === null ? 'none' : r.rolloutSeconds < 0 ? r.rolloutStatus : `${num(r.rolloutSeconds, 0)} s`} · ${r.evictions} evicted · ${r.oomKills} OOM`);
  }
  const events = s.scenario?.events ?? [];
  out.push('', events.length ? 'Scenario events:' : 'The scenario has no events:');
  if (!events.length) out.push('set "rollout at" to see maxSurge', 'and maxUnavailable at work.');
  for (const e of events.slice(0, 8)) out.push(`${formatDuration(e.atMs).padStart(6)}  ${e.label}`);
  if (events.length > 8) out.push(`… ${events.length - 8} more`);
  return out;
}

/** Loads and runs A, then B when asked; every failure becomes a message, never a crash. */
function useRunEffects(s: AppState, dispatch: (a: AppAction) => void, services: Services) {
  useEffect(() => {
    if (s.phase.kind !== 'loading' || !s.path) return;
    let live = true;
    services.loadScenario(s.path, s.baseSets, s.seed).then(
      (scenario) => live && dispatch({ type: 'loaded', scenario }),
      (e: unknown) => live && dispatch({ type: 'failed', message: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [s.phase.kind, s.path]);

  const runningA = s.phase.kind === 'running' ? s.scenario : null;
  useEffect(() => {
    if (!runningA) return;
    return services.run(runningA, {
      onProgress: (progress) => dispatch({ type: 'progress', progress }),
      onDone: (result, wallMs) => dispatch({ type: 'ran', run: makeRun(result, s.baseSets, wallMs) }),
      onError: (e) => dispatch({ type: 'failed', message: errorText(e) }),
    });
  }, [runningA]);

  useEffect(() => {
    if (!s.bRequest || s.bScenario || !s.path) return;
    let live = true;
    services.loadScenario(s.path, [...s.baseSets, ...s.bRequest.sets], s.seed).then(
      (scenario) => live && dispatch({ type: 'b-loaded', scenario }),
      (e: unknown) => live && dispatch({ type: 'b-failed', message: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [s.bRequest]);

  useEffect(() => {
    const sc = s.bScenario;
    if (!sc || !s.bRequest) return;
    const sets = [...s.baseSets, ...s.bRequest.sets];
    return services.run(sc, {
      onProgress: (progress) => dispatch({ type: 'b-progress', progress }),
      onDone: (result, wallMs) => dispatch({ type: 'b-ran', run: makeRun(result, sets, wallMs) }),
      onError: (e) => dispatch({ type: 'b-failed', message: errorText(e) }),
    });
  }, [s.bScenario]);
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
