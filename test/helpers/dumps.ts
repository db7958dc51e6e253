// Reading the public dumps of test/fixtures/io/kubectl/public independently of Headroom's loaders
// (to check totals against, and to derive other shapes and states from them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export type Obj = Record<string, any>;

export const PUBLIC = join(import.meta.dirname, '../fixtures/io/kubectl/public');

/** A Kubernetes quantity, read without Headroom's parser: cpu in millicores, memory in bytes. */
export function quantity(v: string | number | undefined, cpu: boolean): number {
  if (v === undefined) return 0;
  const m = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(String(v));
  if (!m) throw new Error(`test quantity ${v}`);
  const n = Number(m[1]);
  const unit = { m: 1e-3, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9 }[m[2] ?? ''] ?? 1;
  return cpu ? Math.round(n * unit * 1000) : Math.round(n * unit);
}

/** The documents of a cluster-info dump: JSON values from a `{` to a `}` in column 0; log sections left out. */
export function clusterInfoDocuments(text: string): Obj[] {
  const docs: Obj[] = [];
  const lines = text.split('\n');
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if (start < 0 && lines[i] === '{') start = i;
    else if (start >= 0 && lines[i] === '}') {
      docs.push(JSON.parse(lines.slice(start, i + 1).join('\n')));
      start = -1;
    }
  }
  return docs;
}

/** Their objects; the items of a typed list (NodeList …) get the kind it names, as the API leaves it out. */
export const itemsOf = (docs: Obj[]): Obj[] =>
  docs.flatMap((d) => (Array.isArray(d.items) ? d.items.map((i: Obj) => (i.kind || d.kind === 'List' ? i : { kind: String(d.kind).replace(/List$/, ''), ...i })) : [d]));

/** The objects of a public dump (a deep copy: tests edit them). */
export function publicItems(name: string): Obj[] {
  const text = readFileSync(join(PUBLIC, name), 'utf8');
  if (name.endsWith('.yaml')) return itemsOf([parseYaml(text) as Obj]);
  if (name.endsWith('.txt') || name.startsWith('cka')) return itemsOf(clusterInfoDocuments(text));
  return itemsOf([JSON.parse(text) as Obj]);
}
