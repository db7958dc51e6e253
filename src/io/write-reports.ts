// Writes a report folder atomically: everything goes into a temporary folder beside DIR, which
// is renamed into place only once every file is written. An existing DIR is replaced the same
// way (moved aside, then removed), so DIR is never left half-written. File names may contain
// sub-folders.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export function writeReportDir(dir: string, files: Readonly<Record<string, string>>): string {
  const target = resolve(dir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = join(parent, `.${basename(target)}.tmp-${stamp}`);
  mkdirSync(tmp);
  try {
    for (const [name, text] of Object.entries(files)) {
      // Names may contain folders ("a/timeline.csv" for compare's two report folders).
      const path = join(tmp, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    if (existsSync(target)) {
      const old = join(parent, `.${basename(target)}.old-${stamp}`);
      renameSync(target, old);
      renameSync(tmp, target);
      rmSync(old, { recursive: true, force: true });
    } else renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return target;
}
