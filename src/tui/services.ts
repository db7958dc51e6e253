// What the UI needs from the outside world, as one interface: the app and its screens never
// touch the filesystem or the simulation directly, so tests give them fakes. node-services.ts
// is the real thing.
import type { Scenario } from '../model/scenario.js';
import type { Run } from './data/runs.js';
import type { SlicedRunCallbacks } from './hooks/run-sliced.js';
import type { ScenarioEntry } from './screens/picker/picker-state.js';

export interface Services {
  /** Scenario files the picker offers. */
  listScenarios(): Promise<readonly ScenarioEntry[]>;
  /** Loads and validates a scenario with `--set` overrides; rejects with an InputError. */
  loadScenario(path: string, sets: readonly string[], seed: number | undefined): Promise<Scenario>;
  /** Starts a run in slices; returns a cancel function. */
  run(scenario: Scenario, cb: SlicedRunCallbacks): () => void;
  /**
   * Writes A's reports under reports/ — with a B, the comparison folder `headroom compare`
   * writes (a/, b/, compare.csv, compare.html) — and returns the folders written.
   */
  exportRuns(a: Run, b: Run | null): string[];
}
