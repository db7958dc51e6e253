// Reading user files as text, with every failure turned into an InputError that names the file:
// missing, not a regular file (a directory, FIFO, device, socket), unreadable, too large, or not
// UTF-8 text (UTF-16 without a byte-order mark, a NUL byte, invalid UTF-8: each named with its
// line). UTF-16 with a byte-order mark (what Windows PowerShell's `>` writes) is decoded. `-`
// names standard input (a kubectl dump piped in), read once and kept.
//
// Only regular files are read, and the bytes actually read are counted: stat().size is 0 for
// /dev/zero and /proc files, so a size check alone would read without end; a FIFO would block
// forever. Files are opened non-blocking, so a path swapped for a FIFO after the check cannot
// block either.
import { constants as bufferConstants } from 'node:buffer';
import { constants } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { LIMITS, LIMIT_HINTS } from '../model/limits.js';
import { InputError } from './errors.js';

/** Files larger than this are refused (contract "Limits": 1 GiB). */
export const MAX_INPUT_BYTES = LIMITS.inputBytes;

/** Longest string V8 can hold (about 512 Mi characters on 64-bit): larger files cannot be text in memory. */
const MAX_STRING_LENGTH = bufferConstants.MAX_STRING_LENGTH;

/** Reads a UTF-8 text file (BOM stripped) or throws an InputError naming `file`. */
export async function readTextFile(file: string, maxBytes: number = MAX_INPUT_BYTES): Promise<string> {
  return decodeText(await readBytes(file, maxBytes), file);
}

/** The path that names standard input, and how messages call it. */
export const STDIN = '-';
export const STDIN_NAME = '<stdin>';

/** How `file` is named in messages. */
export const displayName = (file: string): string => (file === STDIN ? STDIN_NAME : file);

let stdinBytes: Promise<Buffer> | null = null;

/**
 * The bytes of `file`, or of standard input for `-` (read to its end once, at most `maxBytes`:
 * a second `-` in the same run gets the same bytes).
 */
export async function readInputBytes(file: string, maxBytes: number = MAX_INPUT_BYTES): Promise<Buffer> {
  if (file !== STDIN) return readBytes(file, maxBytes);
  stdinBytes ??= readStream(process.stdin, maxBytes);
  return stdinBytes;
}

/** Reads a stream to its end, counting: never more than `max` bytes. */
export async function readStream(stream: NodeJS.ReadableStream & { isTTY?: boolean }, max: number = MAX_INPUT_BYTES): Promise<Buffer> {
  if (stream.isTTY) {
    throw new InputError('nothing piped in: `-` reads a kubectl dump from standard input, e.g. `kubectl get nodes,pods -A -o json | headroom inspect -`', { file: STDIN_NAME });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += b.length;
    if (total > max) throw tooLarge(STDIN_NAME, total, max);
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}

/** The bytes of a regular file, at most `maxBytes` of them. */
export async function readBytes(file: string, maxBytes: number = MAX_INPUT_BYTES): Promise<Buffer> {
  let handle: FileHandle | undefined;
  try {
    checkKind(await stat(file), file);
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = await handle.stat();
    checkKind(st, file);
    if (st.size > maxBytes) throw tooLarge(file, st.size, maxBytes);
    return await readAll(handle, file, st.size, maxBytes);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read: ${describeFsError(e)}`, { file });
  } finally {
    await handle?.close().catch(() => {});
  }
}

function checkKind(st: { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }, file: string): void {
  if (st.isFile()) return;
  const what = st.isDirectory()
    ? 'is a directory, expected a file'
    : st.isFIFO()
      ? 'is a FIFO (named pipe), not a regular file: Headroom reads only regular files (save the output to a file first)'
      : st.isCharacterDevice() || st.isBlockDevice()
        ? 'is a device, not a regular file: Headroom reads only regular files'
        : st.isSocket()
          ? 'is a socket, not a regular file: Headroom reads only regular files'
          : 'is not a regular file: Headroom reads only regular files';
  throw new InputError(what, { file });
}

function tooLarge(file: string, bytes: number, max: number): InputError {
  const mib = (n: number) => `${Math.round(n / 1024 ** 2).toLocaleString('en-US')} MiB`;
  return new InputError(`file too large (${bytes > max ? `more than ${mib(max)}` : mib(bytes)}). ${LIMIT_HINTS.inputBytes}`, { file });
}

/** Reads until the end, counting: never more than `max` bytes, whatever stat() said. */
async function readAll(handle: FileHandle, file: string, sizeHint: number, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  // One buffer of the announced size (+1 to see the end), then 1 MiB chunks for files that grow
  // or announce nothing (/proc).
  let want = sizeHint > 0 ? sizeHint + 1 : 1024 * 1024;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(want, max + 1 - total));
    const { bytesRead } = await handle.read(buf, 0, buf.length, null);
    if (bytesRead === 0) break;
    chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
    total += bytesRead;
    if (total > max) throw tooLarge(file, total, max);
    want = 1024 * 1024;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

const RESAVE =
  'Headroom reads UTF-8: re-save it as UTF-8, e.g. in PowerShell `Get-Content FILE | Set-Content -Encoding utf8 NEW-FILE` ' +
  '(and capture dumps with `kubectl get ... -o json | Out-File -Encoding utf8 cluster.json`), or `iconv -f UTF-16 -t UTF-8 FILE > NEW-FILE`';

/**
 * Decodes bytes as UTF-8 text (or UTF-16 with a byte-order mark); refuses UTF-16 without one,
 * NUL bytes and invalid UTF-8, naming the line.
 */
export function decodeText(buf: Uint8Array, file: string): string {
  const bom16 = utf16Bom(buf);
  if (bom16) return decodeUtf16(buf, bom16, file);
  const utf16 = utf16Kind(buf);
  if (utf16) throw new InputError(`is UTF-16 ${utf16} text without a byte-order mark (as some Windows tools write it). ${RESAVE}`, { file });
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new InputError(`not a text file: a NUL byte (byte ${nul} of the file; binary data?)`, { file, line: lineOfByte(buf, nul) });
  if (buf.length > MAX_STRING_LENGTH) throw tooLarge(file, buf.length, MAX_STRING_LENGTH);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const at = invalidUtf8At(buf);
    const line = lineOfByte(buf, at);
    throw new InputError(
      `not UTF-8 text: an invalid byte (byte ${at} of the file); save it as UTF-8 (a Latin-1 or Windows-1252 file converts with \`iconv -f WINDOWS-1252 -t UTF-8\`)`,
      { file, line },
    );
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The UTF-16 byte-order mark the bytes start with, if any. */
export function utf16Bom(buf: Uint8Array): 'little-endian' | 'big-endian' | null {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'little-endian';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'big-endian';
  return null;
}

/** UTF-16 text after its byte-order mark; unpaired surrogates and NUL characters are refused. */
function decodeUtf16(buf: Uint8Array, kind: 'little-endian' | 'big-endian', file: string): string {
  if ((buf.length - 2) / 2 > MAX_STRING_LENGTH) throw tooLarge(file, buf.length, MAX_STRING_LENGTH * 2);
  let text: string;
  try {
    text = new TextDecoder(kind === 'little-endian' ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw new InputError(`not valid UTF-16 ${kind} text (a broken character, or an odd number of bytes); ${RESAVE}`, { file });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new InputError(`not a text file: a NUL character (character ${nul} of the file; binary data?)`, { file, line: lineAt(text, nul) });
  return text;
}

/** 'little-endian' / 'big-endian' when the bytes are UTF-16 (a BOM, or ASCII with every other byte 0). */
export function utf16Kind(buf: Uint8Array): 'little-endian' | 'big-endian' | null {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'little-endian';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'big-endian';
  const n = Math.min(buf.length & ~1, 256);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0 && buf[i + 1] !== 0) evenZero++;
    if (buf[i + 1] === 0 && buf[i] !== 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= pairs * 0.75) return 'little-endian';
  if (evenZero >= pairs * 0.75) return 'big-endian';
  return null;
}

/** 1-based line of a byte offset. */
function lineOfByte(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 10) line++;
  return line;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (or buf.length). */
export function invalidUtf8At(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return buf.length;
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EIO':
      return 'input/output error';
    case 'EAGAIN':
      return 'not ready for reading (a special file?)';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** 1-based line of a character offset in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
