// `npm run build` (run by `npm pack` through prepack): compile src/ to dist/ and copy the files
// tsc does not emit (the worker thread's bootstrap). `--out DIR` builds elsewhere (the packaging
// test builds into a scratch copy of the package).
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--out');
const out = i >= 0 ? resolve(process.argv[i + 1]) : join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// Only a dist/ inside the project is cleared (it is Headroom's build output, git-ignored).
if (out === join(root, 'dist')) rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });
copyFileSync(join(root, 'src/tui/sim-worker-entry.mjs'), join(out, 'tui/sim-worker-entry.mjs'));
