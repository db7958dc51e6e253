// The shape of the code, checked over every file of src/ (docs/architecture.md says why):
// the engine and the model stay pure (no I/O, no wall clock, no unseeded randomness), each layer
// imports only the layers below it, and no two files import each other, even for types.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

/** Every module specifier a file names: import/export … from, side-effect imports, import(). */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]);
  return out;
}

const SRC = resolve('src');
const all = files('src');
const rel = (f: string) => relative(process.cwd(), f).split('\\').join('/');

/** The files of src/ a file imports (relative specifiers resolved, .js → .ts/.tsx). */
function localImports(file: string): string[] {
  return specifiers(readFileSync(file, 'utf8'))
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const base = resolve(dirname(file), s).replace(/\.js$/, '');
      for (const ext of ['.ts', '.tsx', '.mjs']) {
        try {
          if (statSync(base + ext).isFile()) return rel(base + ext);
        } catch {
          // not this extension
        }
      }
      return rel(resolve(dirname(file), s));
    });
}

const graph = new Map(all.map((f) => [rel(f), localImports(f)]));

describe('the import graph', () => {
  it('the parser finds every kind of import', () => {
    const text = `import a from './a.js';\nimport type { B } from "./b.js";\nexport { c } from './c.js';\nexport * from './d.js';\nimport './e.js';\nconst f = await import('./f.js');\nimport {\n  g,\n  h,\n} from '../g.js';`;
    expect(specifiers(text).sort()).toEqual(['../g.js', './a.js', './b.js', './c.js', './d.js', './e.js', './f.js']);
  });

  it('has no cycle, type-only imports included', () => {
    // Tarjan's strongly connected components; any component of two or more files is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const f of graph.keys()) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('the cycle check can fail: it finds a cycle planted in a copy of the graph', () => {
    const g = new Map(graph);
    g.set('src/sim/engine/engine.ts', [...(g.get('src/sim/engine/engine.ts') ?? []), 'src/sim/simulation.ts']);
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      from === to || (!seen.has(from) && (seen.add(from), (g.get(from) ?? []).some((n) => reaches(n, to, seen))));
    expect(reaches('src/sim/simulation.ts', 'src/sim/engine/engine.ts') && reaches('src/sim/engine/engine.ts', 'src/sim/simulation.ts')).toBe(true);
  });

  // Where each layer may reach (paths under src/); npm packages are not restricted here.
  const rules: [string, RegExp, string][] = [
    ['src/sim/engine/', /^src\/sim\/engine\//, 'the engine knows nothing outside itself'],
    ['src/model/', /^src\/model\//, 'the model imports nothing outside itself'],
    ['src/sim/state/', /^src\/(model|sim\/engine|sim\/state)\//, 'the state knows no controller'],
    ['src/sim/controllers/', /^src\/(model|sim\/engine|sim\/state|sim\/controllers)\//, 'controllers reach only the model, engine, state and other controllers'],
    ['src/io/', /^src\/(model|io)\//, 'loaders import nothing from the simulation, reports or faces'],
    ['src/report/', /^src\/(model|report|sim\/result\.ts|sim\/sampler\.ts|sim\/state\/events\.ts)/, 'reports read results, not the simulation'],
  ];
  for (const [dir, allowed, why] of rules) {
    const members = [...graph.keys()].filter((f) => f.startsWith(dir));
    it.each(members)(`${why}: %s`, (f) => {
      const bad = graph.get(f)!.filter((i) => i.startsWith('src/') && !allowed.test(i));
      expect(bad, `${f} imports ${bad.join(', ')}`).toEqual([]);
    });
  }

  it.each([...graph.keys()].filter((f) => /^src\/(sim|model|io|report)\//.test(f)))('%s imports no face (tui, commands)', (f) => {
    const bad = graph.get(f)!.filter((i) => /^src\/(tui|commands)\/|^src\/cli\.tsx$/.test(i));
    expect(bad).toEqual([]);
  });

  it('src/ has the files the rules speak of', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.some((f) => rel(f).startsWith('src/sim/state/'))).toBe(true);
    expect(SRC.endsWith('src')).toBe(true);
  });
});

describe('purity', () => {
  const forbidden = [
    /Math\.random/,
    /Date\.now/,
    /new Date\(/,
    /from ['"](node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads|readline)['"]/,
    /require\(['"](node:)?fs/,
    /process\.(stdout|stderr|exit|env|argv|on)\b/,
    /console\./,
  ];
  it('the patterns catch every spelling of a file-system import', () => {
    for (const s of [`import { a } from 'node:fs';`, `import { a } from "fs";`, `import { a } from 'node:fs/promises';`, `import x from 'fs/promises';`]) {
      expect(forbidden.some((re) => re.test(s)), s).toBe(true);
    }
  });
  it.each([...files('src/sim'), ...files('src/model')].map(rel))('%s has no I/O, clock or unseeded randomness', (f) => {
    const text = readFileSync(f, 'utf8');
    for (const re of forbidden) expect(text, `${f} matches ${re}`).not.toMatch(re);
  });
  it.each(files('src/sim/engine').map(rel))('%s imports only the engine and pure-rand', (f) => {
    for (const i of specifiers(readFileSync(f, 'utf8'))) expect(i.startsWith('./') || i.startsWith('pure-rand')).toBe(true);
  });
});
