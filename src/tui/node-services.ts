// The real Services: scenario files on disk, the loader, the sliced simulation and the report
// writers (the same code `headroom run` uses).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadScenario } from '../io/scenario.js';
import { writeReportDir } from '../io/write-reports.js';
import { compareFiles } from '../report/compare-files.js';
import { reportFiles } from '../report/files.js';
import type { Run } from './data/runs.js';
import type { ScenarioEntry } from './screens/picker/picker-state.js';
import type { Services } from './services.js';
import { workerRunner } from './worker-runner.js';

export interface NodeServicesOptions {
  /** Folders searched for scenarios (the bundled scenarios/ and ./scenarios). */
  readonly scenarioDirs: readonly string[];
  /** Where exports go (default ./reports). */
  readonly reportsDir?: string;
  /** Clock for export folder names (tests pin it). */
  readonly now?: () => Date;
}

export function nodeServices(opts: NodeServicesOptions): Services {
  return {
    listScenarios: async () => findScenarios(opts.scenarioDirs),
    loadScenario: (path, sets, seed) => loadScenario(path, { set: [...sets], seed }),
    run: workerRunner,
    exportRuns: (a, b) => exportRuns(a, b, opts.reportsDir ?? 'reports', (opts.now ?? (() => new Date()))()),
  };
}

const SCENARIO_FILE = /\.(ya?ml|json)$/i;

/** Scenario documents (a mapping with `inventory`) up to two folders deep, by path. */
export function findScenarios(dirs: readonly string[]): ScenarioEntry[] {
  const seen = new Set<string>();
  const out: ScenarioEntry[] = [];
  for (const dir of dirs) {
    const root = resolve(dir);
    if (seen.has(root) || !existsSync(root)) continue;
    seen.add(root);
    const walk = (d: string, depth: number) => {
      let names: string[];
      try {
        names = readdirSync(d).sort();
      } catch {
        return;
      }
      for (const name of names) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const p = join(d, name);
        let st;
        try {
          st = statSync(p);
        } catch {
          continue;
        }
        if (st.isDirectory()) {
          if (depth < 2 && name !== 'inventory') walk(p, depth + 1);
        } else if (st.isFile() && SCENARIO_FILE.test(name) && st.size < 1_000_000) {
          const e = describe(p, relative(process.cwd(), p) || p);
          if (e && !out.some((x) => resolve(x.path) === resolve(p))) out.push(e);
        }
      }
    };
    walk(root, 0);
  }
  return out;
}

function describe(path: string, label: string): ScenarioEntry | null {
  try {
    const text = readFileSync(path, 'utf8');
    const doc = parseYaml(text) as unknown;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('inventory' in doc)) return null;
    const d = doc as { name?: unknown; description?: unknown };
    return {
      path,
      label: label.startsWith('..') ? path : label,
      name: typeof d.name === 'string' ? d.name : '',
      description: typeof d.description === 'string' ? d.description : leadingComment(text),
    };
  } catch {
    return null;
  }
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * reports/<name>-<timestamp>/ for A alone; with a B, reports/<name>-<timestamp>-compare/ holding
 * what `headroom compare` writes: a/, b/, compare.csv and compare.html (a counter if taken).
 */
export function exportRuns(a: Run, b: Run | null, reportsDir: string, now: Date): string[] {
  const stem = join(reportsDir, `${safeName(a.result.scenario.name)}-${stamp(now)}`);
  const suffix = b ? '-compare' : '';
  let dir = `${stem}${suffix}`;
  for (let i = 2; existsSync(dir); i++) dir = `${stem}-${i}${suffix}`;
  return [writeReportDir(dir, b ? compareFiles(a.result, b.result) : reportFiles(a.result))];
}

/** The first line of the file's leading comment, without "What-if:" ("" when none). */
export function leadingComment(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const m = /^\s*#\s*(.*)$/.exec(first);
  return m ? m[1].replace(/^What-if:\s*/i, '').trim() : '';
}
