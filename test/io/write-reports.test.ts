// Report folders (contract "Report folders"): written all or nothing, marked, and never over
// anything Headroom did not write; every file-system failure is an InputError naming the path.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/errors.js';
import { REPORT_MARKER, type ReportFs, stageReportDir, writeReportDir } from '../../src/io/write-reports.js';

const work = mkdtempSync(join(tmpdir(), 'headroom-write-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const hidden = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.'));

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('writeReportDir', () => {
  it('writes every file, sub-folders included, and a marker listing them', () => {
    const dir = join(work, 'out');
    writeReportDir(dir, { 'summary.csv': 'a\n', 'b/timeline.csv': 'b\n' });
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('a\n');
    expect(readFileSync(join(dir, 'b/timeline.csv'), 'utf8')).toBe('b\n');
    expect(JSON.parse(readFileSync(join(dir, REPORT_MARKER), 'utf8')).files).toEqual(['b/timeline.csv', 'summary.csv']);
    expect(hidden(work)).toEqual([]);
  });

  it('replaces a folder it wrote whole (files of the old report included), and writes the same bytes each time', () => {
    const dir = join(work, 'again');
    writeReportDir(dir, { 'summary.csv': 'old\n', 'stale.csv': 'x\n' });
    const marker = readFileSync(join(dir, REPORT_MARKER), 'utf8');
    writeReportDir(dir, { 'summary.csv': 'new\n', 'stale.csv': 'x\n' });
    expect(readFileSync(join(dir, REPORT_MARKER), 'utf8')).toBe(marker);
    writeReportDir(dir, { 'summary.csv': 'new\n' });
    expect(readdirSync(dir).sort()).toEqual([REPORT_MARKER, 'summary.csv']);
    expect(hidden(work)).toEqual([]);
  });

  it('an empty folder may become a report folder (nothing in it to lose)', () => {
    const dir = join(work, 'empty');
    mkdirSync(dir);
    writeReportDir(dir, { 'summary.csv': 'a\n' });
    expect(existsSync(join(dir, REPORT_MARKER))).toBe(true);
  });

  it('on a failure part-way leaves the old folder as it was and no temporary folder behind', () => {
    const dir = join(work, 'keep');
    writeReportDir(dir, { 'summary.csv': 'first\n' });
    // "x" is a file, so "x/y.csv" cannot be written: the write fails part-way.
    expect(refusal(() => writeReportDir(dir, { 'summary.csv': 'second\n', x: 'file', 'x/y.csv': 'no' }))).toMatch(/x is a file, not a folder/);
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('first\n');
    expect(hidden(work)).toEqual([]);
  });
});

describe('what it refuses, untouched', () => {
  it('a folder of someone else\'s files', () => {
    const dir = join(work, 'foreign');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep');
    expect(refusal(() => writeReportDir(dir, { 'summary.csv': 'a\n' }, { label: '--out' }))).toBe(
      `--out ${JSON.stringify(dir)}: is a folder Headroom did not write (no .headroom-report marker; it holds notes.txt): choose another folder (left untouched)`,
    );
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(hidden(work)).toEqual([]);
  });

  it('a report folder someone added their own file to', () => {
    const dir = join(work, 'added');
    writeReportDir(dir, { 'summary.csv': 'a\n' });
    writeFileSync(join(dir, 'my-notes.md'), 'mine');
    expect(refusal(() => writeReportDir(dir, { 'summary.csv': 'b\n' }))).toMatch(/also holds files Headroom did not write \(my-notes\.md\)/);
    expect(readFileSync(join(dir, 'my-notes.md'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('a\n');
  });

  it('a regular file (it used to become a folder), a symbolic link', () => {
    const file = join(work, 'file.txt');
    writeFileSync(file, 'data');
    expect(refusal(() => writeReportDir(file, { 'summary.csv': 'a\n' }))).toMatch(/file\.txt": is a file, not a report folder Headroom wrote/);
    expect(readFileSync(file, 'utf8')).toBe('data');
    const target = join(work, 'link-target');
    writeReportDir(target, { 'summary.csv': 'a\n' });
    symlinkSync(target, join(work, 'link'));
    expect(refusal(() => writeReportDir(join(work, 'link'), { 'summary.csv': 'b\n' }))).toMatch(/is a symbolic link/);
    expect(readFileSync(join(target, 'summary.csv'), 'utf8')).toBe('a\n');
  });

  it('"", the current folder, its parents and / (even when marked)', () => {
    const cwd = join(work, 'project');
    writeReportDir(cwd, { 'summary.csv': 'a\n' });
    const inner = join(cwd, 'sub');
    mkdirSync(inner);
    expect(refusal(() => writeReportDir('', { 'summary.csv': 'x' }, { label: '--out' }))).toMatch(/^--out "": an empty path names the current folder/);
    expect(refusal(() => writeReportDir(cwd, { 'summary.csv': 'x' }, { cwd }))).toMatch(/is the current folder: Headroom never replaces it/);
    expect(refusal(() => writeReportDir(cwd, { 'summary.csv': 'x' }, { cwd: inner }))).toMatch(/is the current folder or one of its parents/);
    expect(refusal(() => writeReportDir('/', { 'summary.csv': 'x' }))).toMatch(/is the root folder/);
    expect(readFileSync(join(cwd, 'summary.csv'), 'utf8')).toBe('a\n');
  });
});

describe('file-system failures are InputErrors naming the path', () => {
  it('ENOTDIR: a folder under a regular file', () => {
    const file = join(work, 'plain');
    writeFileSync(file, 'x');
    expect(refusal(() => writeReportDir(join(file, 'out'), { 'summary.csv': 'a\n' }))).toMatch(new RegExp(`${file} is a file, not a folder`));
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('under /proc: fails at once (mkdir -p used to spin forever there)', () => {
    expect(refusal(() => writeReportDir('/proc/headroom-test/out', { 'summary.csv': 'a\n' }))).toMatch(
      /^cannot write \/proc\/headroom-test: the file system does not allow creating it \(ENOENT\)/,
    );
  });

  const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
  const failing = (method: keyof ReportFs, code: string, when: (path: string) => boolean = () => true): ReportFs => {
    const real: ReportFs = {
      lstatSync: (p) => fs.lstatSync(p),
      mkdirSync: (p) => void fs.mkdirSync(p),
      writeFileSync: (p, d) => fs.writeFileSync(p, d),
      readFileSync: (p, e) => fs.readFileSync(p, e),
      readdirSync: (p, o) => fs.readdirSync(p, o),
      renameSync: (a, b) => fs.renameSync(a, b),
      rmSync: (p, o) => fs.rmSync(p, o),
    };
    return {
      ...real,
      [method]: (...args: unknown[]) => {
        if (when(String(args[0]))) throw errno(code);
        return (real[method] as (...a: unknown[]) => unknown)(...args);
      },
    };
  };

  it.each([
    ['writeFileSync', 'ENOSPC', /cannot write .*inject-ENOSPC\/summary\.csv: no space left on the device \(ENOSPC\); nothing was written to/],
    ['writeFileSync', 'EACCES', /cannot write .*inject-EACCES\/summary\.csv: permission denied \(EACCES\)/],
    ['mkdirSync', 'EROFS', /cannot write .*\/inject-EROFS: read-only file system \(EROFS\)/],
    ['mkdirSync', 'EEXIST', /cannot write .*: already exists \(EEXIST\)/],
    ['renameSync', 'EBUSY', /cannot write .*inject-EBUSY: busy \(in use, or a mount point\) \(EBUSY\)/],
  ] as const)('%s %s', (method, code, message) => {
    const dir = join(work, `inject-${code}`);
    expect(refusal(() => writeReportDir(dir, { 'summary.csv': 'a\n' }, { fs: failing(method, code) }))).toMatch(message);
    expect(existsSync(dir)).toBe(false);
    expect(hidden(work)).toEqual([]);
  });

  it('a failure replacing an old report keeps the old report', () => {
    const dir = join(work, 'busy-old');
    writeReportDir(dir, { 'summary.csv': 'old\n' });
    let renames = 0;
    const fsWithBusyRename: ReportFs = {
      ...failing('rmSync', 'EPERM', () => false),
      renameSync: (a, b) => {
        // 1st: tmp → dir (ENOTEMPTY, real); 2nd: dir → old (ok); 3rd: tmp → dir fails EBUSY
        if (++renames === 3) throw errno('EBUSY');
        fs.renameSync(a, b);
      },
    };
    expect(refusal(() => writeReportDir(dir, { 'summary.csv': 'new\n' }, { fs: fsWithBusyRename }))).toMatch(/EBUSY/);
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('old\n');
    expect(hidden(work)).toEqual([]);
  });

  it('stageReportDir: nothing in place until commit; discard removes the temporary folder', () => {
    const dir = join(work, 'staged');
    const s = stageReportDir(dir, { 'summary.csv': 'a\n' });
    expect(existsSync(dir)).toBe(false);
    expect(hidden(work)).toHaveLength(1);
    s.discard();
    expect(hidden(work)).toEqual([]);
    const t = stageReportDir(dir, { 'summary.csv': 'a\n' });
    expect(t.commit()).toBe(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
  });
});

describe('another run writing the same folder at the same moment (it used to fail with ENOENT)', () => {
  const real: ReportFs = {
    lstatSync: (p) => fs.lstatSync(p),
    mkdirSync: (p) => void fs.mkdirSync(p),
    writeFileSync: (p, d) => fs.writeFileSync(p, d),
    readFileSync: (p, e) => fs.readFileSync(p, e),
    readdirSync: (p, o) => fs.readdirSync(p, o),
    renameSync: (a, b) => fs.renameSync(a, b),
    rmSync: (p, o) => fs.rmSync(p, o),
  };
  /** Runs `competitor` just before the n-th rename (1-based) our writer makes. */
  const interleaved = (n: number, competitor: () => void): ReportFs => {
    let calls = 0;
    return { ...real, renameSync: (a, b) => (++calls === n && competitor(), fs.renameSync(a, b)) };
  };
  const parentOf = (name: string) => {
    const parent = join(work, name);
    mkdirSync(parent);
    return { parent, dir: join(parent, 'out') };
  };

  it('the other run puts its folder in place just before ours', () => {
    const { parent, dir } = parentOf('race-first');
    writeReportDir(dir, { 'summary.csv': 'mine\n' }, { fs: interleaved(1, () => writeReportDir(dir, { 'summary.csv': 'theirs\n' })) });
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('mine\n');
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('the other run moves the old folder aside between our check and our move (ENOENT)', () => {
    const { parent, dir } = parentOf('race-aside');
    writeReportDir(dir, { 'summary.csv': 'old\n' });
    // Rename 1: ours → dir fails (dir exists); rename 2 (dir → aside) finds dir gone.
    const gone = join(parent, 'moved-by-other');
    writeReportDir(dir, { 'summary.csv': 'mine\n' }, { fs: interleaved(2, () => fs.renameSync(dir, gone)) });
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('mine\n');
    rmSync(gone, { recursive: true });
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('the other run fills the place between our two renames (ENOTEMPTY)', () => {
    const { parent, dir } = parentOf('race-between');
    writeReportDir(dir, { 'summary.csv': 'old\n' });
    writeReportDir(dir, { 'summary.csv': 'mine\n' }, { fs: interleaved(3, () => writeReportDir(dir, { 'summary.csv': 'theirs\n' })) });
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('mine\n');
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('a foreign folder appearing meanwhile is refused, not replaced', () => {
    const { parent, dir } = parentOf('race-foreign');
    const msg = refusal(() =>
      writeReportDir(dir, { 'summary.csv': 'mine\n' }, {
        fs: interleaved(1, () => {
          mkdirSync(dir);
          writeFileSync(join(dir, 'notes.txt'), 'keep');
        }),
      }),
    );
    expect(msg).toMatch(/is a folder Headroom did not write/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
