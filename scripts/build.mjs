// `npm run build` (run by `npm pack` through prepack): compile src/ to dist/ and copy the files
// tsc does not emit (the worker thread's bootstrap).
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
copyFileSync(join(root, 'src/tui/sim-worker-entry.mjs'), join(root, 'dist/tui/sim-worker-entry.mjs'));
