// SIGINT / SIGTERM during `run` and `compare`: the run stops at the next slice (the simulation
// yields to the event loop every ~100 ms, so handlers get to run), writes nothing, removes its
// temporary folder and exits 130 / 143 (128 + the signal's number), as shells expect. A second
// signal exits at once.
//
// Steps that hold the event loop for seconds and write nothing — loading and parsing the
// inputs, building the cluster at t=0, the first slice (every pod scheduled at t=0 in one
// event), rendering the reports — run `unguarded`: without these handlers, so Node's own
// SIGINT/SIGTERM behaviour ends the process at once with the same 130 / 143 (no message: no JS
// runs). A handler would wait for the step to end (2–6 s on 150,000 pods).

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof SIGNALS;

/** Thrown at the next check after a signal; src/cli.tsx turns it into the exit code. */
export class Interrupted extends Error {
  constructor(readonly signal: StopSignal) {
    super(`interrupted by ${signal}: stopped, nothing written`);
    this.name = 'Interrupted';
  }

  get exitCode(): number {
    return SIGNALS[this.signal];
  }
}

let received: StopSignal | null = null;
let watching = false;
const cleanups = new Set<() => void>();

function onSignal(signal: StopSignal): void {
  if (received !== null) {
    for (const c of cleanups) c();
    process.exit(SIGNALS[signal]);
  }
  received = signal;
}
const handlers = { SIGINT: () => onSignal('SIGINT'), SIGTERM: () => onSignal('SIGTERM') };

/** Installs the handlers until the returned function is called. */
export function watchSignals(): () => void {
  received = null;
  watching = true;
  listen(true);
  return () => {
    watching = false;
    listen(false);
  };
}

function listen(on: boolean): void {
  for (const s of Object.keys(SIGNALS) as StopSignal[]) {
    if (on) process.on(s, handlers[s]);
    else process.off(s, handlers[s]);
  }
}

/**
 * Runs `step` — one that writes nothing — with Node's default SIGINT/SIGTERM behaviour (exit at
 * once, 130 / 143), then watches again; a signal that came before it stops the run first.
 */
export async function unguarded<T>(step: () => T | Promise<T>): Promise<T> {
  throwIfInterrupted();
  if (!watching) return step();
  listen(false);
  try {
    return await step();
  } finally {
    if (watching) listen(true);
  }
}

/** Throws Interrupted once a signal has arrived. */
export function throwIfInterrupted(): void {
  if (received !== null) throw new Interrupted(received);
}

/** Lets pending signal handlers (and I/O) run. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `cleanup` if a second signal forces the exit; returns the function that forgets it. */
export function onForcedExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
