// The file-system side of writing a report folder (write-reports.ts): the marker, the calls
// made through a seam tests inject failures into, and each step (mkdir -p, the replaceable-folder
// check, the rename into place racing other runs) with every errno turned into an InputError
// naming the path.
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors.js';

/** The marker file of a report folder. */
export const REPORT_MARKER = '.headroom-report';

/** The file-system calls the writer makes: tests inject failures through this seam. */
export interface ReportFs {
  lstatSync(path: string): nodeFs.Stats;
  mkdirSync(path: string): void;
  writeFileSync(path: string, data: string): void;
  readFileSync(path: string, encoding: 'utf8'): string;
  readdirSync(path: string, options: { withFileTypes: true }): nodeFs.Dirent[];
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { recursive: true; force: true }): void;
}

export const realFs: ReportFs = {
  lstatSync: (p) => nodeFs.lstatSync(p),
  mkdirSync: (p) => void nodeFs.mkdirSync(p),
  writeFileSync: (p, d) => nodeFs.writeFileSync(p, d),
  readFileSync: (p, e) => nodeFs.readFileSync(p, e),
  readdirSync: (p, o) => nodeFs.readdirSync(p, o),
  renameSync: (a, b) => nodeFs.renameSync(a, b),
  rmSync: (p, o) => nodeFs.rmSync(p, o),
};

/** Errno codes that mean "this place cannot be written": the user's to fix, so exit 2. */
const FS_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EBUSY: 'busy (in use, or a mount point)',
  EEXIST: 'already exists',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  ENOENT: 'the file system does not allow creating it',
  EINVAL: 'the file system refuses this name',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EXDEV: 'on another file system than its parent',
  ENOTEMPTY: 'not empty',
};

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/** The file-system steps, each failure turned into an InputError naming its path. */
export class Io {
  constructor(
    private readonly fs: ReportFs,
    private readonly given: string,
  ) {}

  call<T>(path: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw this.error(path, e);
    }
  }

  error(path: string, e: unknown): unknown {
    const code = codeOf(e);
    if (e instanceof InputError || code === undefined) return e;
    const reason = FS_REASONS[code] ?? (e instanceof Error ? e.message : String(e));
    return new InputError(`cannot write ${path}: ${reason} (${code}); nothing was written to ${this.given}`);
  }

  private lstat(path: string): nodeFs.Stats | null {
    try {
      return this.fs.lstatSync(path);
    } catch (e) {
      // ENOTDIR: a parent is a file; mkdirp then names that parent.
      if (codeOf(e) === 'ENOENT' || codeOf(e) === 'ENOTDIR') return null;
      throw this.error(path, e);
    }
  }

  /**
   * mkdir -p, one level at a time: `mkdirSync(recursive)` spins forever under /proc, where
   * mkdir fails with ENOENT although the parent exists.
   */
  mkdirp(dir: string): void {
    const missing: string[] = [];
    let cur = dir;
    for (;;) {
      const st = this.lstat(cur);
      if (st) {
        if (!st.isDirectory()) {
          const what = st.isSymbolicLink() ? this.followsToDir(cur) : false;
          if (!what) throw new InputError(`cannot write ${dir}: ${cur} is ${describeKind(st)}, not a folder; nothing was written to ${this.given}`);
        }
        break;
      }
      missing.push(cur);
      const up = dirname(cur);
      if (up === cur) break;
      cur = up;
    }
    for (const d of missing.reverse()) this.call(d, () => this.fs.mkdirSync(d));
  }

  private followsToDir(path: string): boolean {
    try {
      return nodeFs.statSync(path).isDirectory();
    } catch {
      return false;
    }
  }

  /** Refuses (through `refuse`) unless `target` is absent, an empty folder, or a report folder holding only its own files. */
  checkReplaceable(target: string, refuse: (detail: string) => never): void {
    const st = this.lstat(target);
    if (!st) return;
    if (st.isSymbolicLink()) refuse('is a symbolic link: Headroom replaces only report folders it wrote (left untouched)');
    if (!st.isDirectory()) refuse(`is ${describeKind(st)}, not a report folder Headroom wrote: choose another folder, or move it away (left untouched)`);
    const entries = this.call(target, () => this.fs.readdirSync(target, { withFileTypes: true }));
    if (entries.length === 0) return;
    const listed = this.markerFiles(target, entries);
    if (listed === null) {
      const shown = entries.slice(0, 3).map((e) => e.name).join(', ');
      refuse(
        `is a folder Headroom did not write (no ${REPORT_MARKER} marker; it holds ${shown}${entries.length > 3 ? ', …' : ''}): ` +
          'choose another folder (left untouched)',
      );
    }
    if (listed === 'any') return;
    const foreign = this.foreignFiles(target, listed);
    if (foreign.length > 0) {
      refuse(
        `is a report folder, but it also holds files Headroom did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}): ` +
          'move them out, or choose another folder (left untouched)',
      );
    }
  }

  /** The files the marker lists; 'any' for a marker without a list; null without a marker. */
  private markerFiles(target: string, entries: nodeFs.Dirent[]): Set<string> | 'any' | null {
    const m = entries.find((e) => e.name === REPORT_MARKER);
    if (!m || !m.isFile()) return null;
    let files: unknown;
    try {
      files = (JSON.parse(this.fs.readFileSync(join(target, REPORT_MARKER), 'utf8')) as { files?: unknown }).files;
    } catch {
      return 'any';
    }
    return Array.isArray(files) && files.every((f) => typeof f === 'string') ? new Set(files as string[]) : 'any';
  }

  /** Files under `dir` the marker does not list (relative paths, at most a few thousand looked at). */
  private foreignFiles(dir: string, listed: ReadonlySet<string>): string[] {
    const out: string[] = [];
    let seen = 0;
    const walk = (d: string, prefix: string) => {
      for (const e of this.call(d, () => this.fs.readdirSync(d, { withFileTypes: true }))) {
        const rel = prefix + e.name;
        if (++seen > 5000) {
          out.push('(thousands more files)');
          return;
        }
        if (rel === REPORT_MARKER) continue;
        if (e.isDirectory()) walk(join(d, e.name), rel + '/');
        else if (!listed.has(rel)) out.push(rel);
        if (out.length >= 4) return;
      }
    };
    walk(dir, '');
    return out;
  }

  /**
   * Moves `tmp` to `target`. An existing target (a report folder, checked again each time, as
   * another run may have put its own there meanwhile) is moved aside first and removed after.
   */
  replace(tmp: string, target: string, id: string, refuse: (detail: string) => never): void {
    const parent = dirname(target);
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        this.fs.renameSync(tmp, target);
        return;
      } catch (e) {
        const code = codeOf(e);
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOTDIR' && code !== 'EISDIR') throw this.error(target, e);
      }
      this.checkReplaceable(target, refuse);
      const old = join(parent, `.${basename(target)}.old-${id}-${attempt}`);
      try {
        this.fs.renameSync(target, old);
      } catch (e) {
        if (codeOf(e) === 'ENOENT') continue; // another run moved it first: try again
        throw this.error(target, e);
      }
      try {
        this.fs.renameSync(tmp, target);
      } catch (e) {
        const code = codeOf(e);
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') {
          try {
            this.fs.renameSync(old, target);
          } catch (back) {
            const c = codeOf(back);
            // Another run's folder took the place: the old one is only a previous report.
            if (c === 'ENOTEMPTY' || c === 'EEXIST') this.removeQuietly(old);
            else throw new InputError(`cannot write ${target}: ${FS_REASONS[code ?? ''] ?? String(e)} (${code}); the previous report is kept at ${old}`);
          }
          throw this.error(target, e);
        }
        // Another run put its folder in place between our two renames: ours goes in next round.
        this.removeQuietly(old);
        continue;
      }
      this.removeQuietly(old);
      return;
    }
    throw new InputError(`cannot write ${target}: other runs keep replacing it; try again`);
  }

  private removeQuietly(path: string): void {
    try {
      this.fs.rmSync(path, { recursive: true, force: true });
    } catch {
      // A leftover previous report is harmless; the new one is in place.
    }
  }
}

function describeKind(st: nodeFs.Stats): string {
  if (st.isFile()) return 'a file';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a folder';
}
