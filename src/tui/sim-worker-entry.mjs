// Worker-thread bootstrap: the worker gets no loader from its parent's command line, so it
// registers tsx itself (as bin/headroom.js does) before loading the TypeScript worker.
import { register } from 'tsx/esm/api';
register();
await import('./sim-worker.ts');
