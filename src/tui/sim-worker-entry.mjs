// Worker-thread bootstrap. Built (dist/, what `npm pack` ships) the compiled worker sits beside
// this file; in a checkout the worker gets no loader from its parent's command line, so it
// registers tsx itself (as bin/headroom.js does) before loading the TypeScript worker.
import { existsSync } from 'node:fs';

if (existsSync(new URL('./sim-worker.js', import.meta.url))) {
  await import('./sim-worker.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./sim-worker.ts');
}
