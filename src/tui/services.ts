// What the UI needs from the outside world, as one interface: the app and its screens never
// touch the filesystem or the simulation directly, so tests give them fakes. node-services.ts
// is the real thing.
import type { Scenario } from '../model/scenario.js';
import type { Run } from './data/runs.js';
import { runSliced, type SlicedRunCallbacks } from './hooks/run-sliced.js';
import type { ScenarioEntry } from './screens/picker/use-picker-state.js';

export interface Services {
  /** Scenario files the picker offers. */
  listScenarios(): Promise<readonly ScenarioEntry[]>;
  /** Loads and validates a scenario with `--set` overrides; rejects with an InputError. */
  loadScenario(path: string, sets: readonly string[], seed: number | undefined): Promise<Scenario>;
  /** Starts a run in slices; returns a cancel function. */
  run(scenario: Scenario, cb: SlicedRunCallbacks): () => void;
  /** Writes the reports of A (and B) under reports/; returns the folders written. */
  exportRuns(a: Run, b: Run | null): string[];
}

/** The default runner: the real simulation, ~16 ms of work per slice. */
export const slicedRunner = (scenario: Scenario, cb: SlicedRunCallbacks) => runSliced(scenario, cb);
