// The engine and the model stay pure: no file or terminal I/O, no wall clock, no Math.random
// below src/sim and src/model (style.md), and the engine knows nothing of Kubernetes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('purity', () => {
  const forbidden = [/Math\.random/, /Date\.now/, /new Date\(/, /from 'node:fs'/, /process\.(stdout|stderr|exit|env)/, /console\./];
  it.each([...files('src/sim'), ...files('src/model')])('%s has no I/O, clock or unseeded randomness', (f) => {
    const text = readFileSync(f, 'utf8');
    for (const re of forbidden) expect(text, `${f} matches ${re}`).not.toMatch(re);
  });
  it.each(files('src/sim/engine'))('%s imports nothing outside the engine', (f) => {
    const imports = [...readFileSync(f, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const i of imports) expect(i.startsWith('./') || i.startsWith('pure-rand')).toBe(true);
  });
  it.each(files('src/model'))('%s does not import sim, io, report or tui', (f) => {
    const imports = [...readFileSync(f, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const i of imports) expect(i).not.toMatch(/\/(sim|io|report|tui)\//);
  });
});
