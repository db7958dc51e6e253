#!/usr/bin/env node
// `npx headroom` / the installed bin. A package built by `npm pack` ships the CLI compiled to
// dist/ (no TypeScript at run time); a checkout has src/ and runs it through tsx's loader, so it
// needs no build step (and never runs a stale dist/).
import { existsSync } from 'node:fs';

const checkout = existsSync(new URL('../src/cli.tsx', import.meta.url));
if (checkout) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.tsx');
} else {
  await import('../dist/cli.js');
}
