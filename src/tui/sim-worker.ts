// Worker-thread entry: loads a scenario and runs it off the UI thread, posting progress and
// then the result (without the scenario, which holds compiled expressions a message cannot
// carry; the UI attaches its own copy). Used for big clusters, where building the cluster and
// single busy instants take longer than a UI may freeze.
import { parentPort, workerData } from 'node:worker_threads';
import { isInputError } from '../io/errors.js';
import { loadScenario } from '../io/scenario.js';
import { runSliced } from './hooks/run-sliced.js';

export interface WorkerJob {
  readonly file: string;
  readonly set: readonly string[];
  readonly seed: number;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly simMs: number; readonly durationMs: number; readonly wallMs: number }
  | { readonly type: 'done'; readonly result: unknown; readonly wallMs: number }
  | { readonly type: 'error'; readonly message: string; readonly input: boolean };

const job = workerData as WorkerJob;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
try {
  const scenario = await loadScenario(job.file, { set: [...job.set], seed: job.seed });
  runSliced(
    scenario,
    {
      onProgress: (p) => post({ type: 'progress', ...p }),
      onDone: (result, wallMs) => {
        const { scenario: _omitted, ...rest } = result;
        post({ type: 'done', result: rest, wallMs });
      },
      onError: (e) => post({ type: 'error', message: e instanceof Error ? e.message : String(e), input: isInputError(e) }),
    },
    { sliceMs: 100 },
  );
} catch (e) {
  post({ type: 'error', message: e instanceof Error ? e.message : String(e), input: isInputError(e) });
}
