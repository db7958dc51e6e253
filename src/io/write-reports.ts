// Writes a report folder (contract "Report folders"), the one way every command and the TUI
// write output:
// - never over what Headroom did not write: every folder it writes holds a `.headroom-report`
//   marker listing its files, and an existing DIR is replaced only when it is such a folder
//   holding nothing else (or an empty folder). A file, a foreign folder, the current folder or
//   one of its parents, `/` and "" are refused with an InputError, untouched;
// - atomically: everything goes into a temporary sibling, renamed into place once every file is
//   written, so DIR is never half-written; the old folder is moved aside and removed after;
// - safely in parallel: several runs writing the same DIR all end cleanly, the last one wins;
// - every file-system failure (EACCES, EROFS, EBUSY, EEXIST, ENOTDIR, ENOSPC, ...) is an
//   InputError naming the path, and the temporary folder is removed.
import { randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.js';
import { Io, REPORT_MARKER, type ReportFs, realFs } from './report-fs.js';

export { REPORT_MARKER, type ReportFs } from './report-fs.js';

export interface WriteReportOptions {
  /** How messages name the folder's origin, e.g. "--out" (default "report folder"). */
  readonly label?: string;
  /** Who writes it, recorded in the marker ("headroom run"). */
  readonly writer?: string;
  readonly fs?: ReportFs;
  /** Working directory the current-folder rule compares with (default process.cwd()). */
  readonly cwd?: string;
}

/** A folder written into its temporary sibling, not yet in place. */
export interface StagedReport {
  /** Absolute path DIR will have. */
  readonly target: string;
  /** Renames the folder into place (replacing a marked one); returns `target`. */
  commit(): string;
  /** Removes the temporary folder (after a failure or an interruption). */
  discard(): void;
}

/** Writes `files` (names may contain sub-folders) as the report folder `dir`; returns its absolute path. */
export function writeReportDir(dir: string, files: Readonly<Record<string, string>>, opts: WriteReportOptions = {}): string {
  const staged = stageReportDir(dir, files, opts);
  try {
    return staged.commit();
  } catch (e) {
    staged.discard();
    throw e;
  }
}

/** Checks `dir`, writes every file into a temporary sibling, and returns the commit step. */
export function stageReportDir(dir: string, files: Readonly<Record<string, string>>, opts: WriteReportOptions = {}): StagedReport {
  const fs = opts.fs ?? realFs;
  const label = opts.label ?? 'report folder';
  const refuse = (detail: string): never => {
    throw new InputError(`${label} ${JSON.stringify(dir)}: ${detail}`);
  };
  if (dir.trim() === '') refuse('an empty path names the current folder, which Headroom never replaces: give the report folder a name');
  const target = resolve(dir);
  const cwd = resolve(opts.cwd ?? process.cwd());
  if (target === resolve('/')) refuse('is the root folder: Headroom never replaces it');
  const rel = relative(target, cwd);
  if (rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))) {
    refuse(`is the current folder${rel === '' ? '' : ' or one of its parents'}: Headroom never replaces it; give a folder of its own, e.g. reports/my-run`);
  }
  const names = Object.keys(files).sort();
  for (const n of names) {
    if (n === REPORT_MARKER || n.split('/').some((s) => s === '' || s === '.' || s === '..')) throw new Error(`bad report file name ${JSON.stringify(n)}`);
  }
  const io = new Io(fs, dir);
  io.checkReplaceable(target, refuse);
  const parent = dirname(target);
  io.mkdirp(parent);
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(target)}.tmp-${id}`);
  io.call(target, () => fs.mkdirSync(tmp));
  let done = false;
  const discard = () => {
    if (done) return;
    done = true;
    try {
      fs.rmSync(tmp, { recursive: true, force: true });
    } catch {
      // Nothing more can be done; the error that led here is the one to report.
    }
  };
  try {
    for (const name of names) {
      const path = join(tmp, ...name.split('/'));
      io.mkdirp(dirname(path));
      io.call(join(target, name), () => fs.writeFileSync(path, files[name]));
    }
    const marker = { writtenBy: opts.writer ?? 'headroom', note: 'Headroom wrote this folder and may replace it; it replaces nothing else.', files: names };
    io.call(join(target, REPORT_MARKER), () => fs.writeFileSync(join(tmp, REPORT_MARKER), JSON.stringify(marker, null, 1) + '\n'));
  } catch (e) {
    discard();
    throw e;
  }
  return {
    target,
    discard,
    commit: () => {
      if (done) throw new Error('report folder already committed or discarded');
      io.replace(tmp, target, id, refuse);
      done = true;
      return target;
    },
  };
}
