// What the app state asks of the outside world, done through `Services`: load and run A, load
// and run B, list the scenarios for the picker, export the reports, quit. Every failure becomes
// an action (a message on screen), never a crash.
import { relative } from 'node:path';
import { useEffect } from 'react';
import type { AppAction, AppState } from './app-state.js';
import { makeRun } from './data/runs.js';
import { errorText } from './errors.js';
import type { Services } from './services.js';

export function useRunEffects(s: AppState, dispatch: (a: AppAction) => void, services: Services, exit: () => void): void {
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

  const listing = s.picker !== null && s.picker.entries === null;
  useEffect(() => {
    if (!listing) return;
    let live = true;
    services.listScenarios().then(
      (entries) => live && dispatch({ type: 'picker', action: { type: 'loaded', entries, current: s.path } }),
      (e: unknown) => live && dispatch({ type: 'picker', action: { type: 'failed', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
  }, [listing]);

  useEffect(() => {
    if (s.exportSeq === 0 || !s.a) return;
    const { a, b } = s;
    // A tick first, so "Exporting…" is drawn before the files are written.
    const t = setImmediate(() => {
      try {
        const dirs = services.exportRuns(a, b).map((d) => relative(process.cwd(), d) || d);
        const what = b ? 'A, B and compare.html' : 'report.html and CSV';
        dispatch({ type: 'message', text: `Exported ${what} → ${dirs.map((d) => `${d}/`).join('  ')}` });
      } catch (e) {
        dispatch({ type: 'message', text: `Export failed: ${e instanceof Error ? e.message : String(e)}`, tone: 'error' });
      }
    });
    return () => clearImmediate(t);
  }, [s.exportSeq]);

  useEffect(() => {
    if (s.quit) exit();
  }, [s.quit]);
}
