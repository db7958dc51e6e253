// Reading user files as text, with every failure turned into an InputError that names the file:
// missing, a directory, unreadable, or binary (a NUL byte, or not UTF-8 at all).
import { readFile, stat } from 'node:fs/promises';
import { InputError } from './errors.js';

/** Files larger than this are refused: an inventory of 150k pods is about 15 MB. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** Reads a UTF-8 text file (BOM stripped) or throws an InputError naming `file`. */
export async function readTextFile(file: string): Promise<string> {
  let buf: Buffer;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new InputError('is a directory, expected a file', { file });
    if (st.size > MAX_INPUT_BYTES) throw new InputError(`file too large (${st.size} bytes)`, { file });
    buf = await readFile(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read: ${describeFsError(e)}`, { file });
  }
  return decodeText(buf, file);
}

/** Decodes bytes as UTF-8 text; refuses binary content with an InputError. */
export function decodeText(buf: Uint8Array, file: string): string {
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new InputError(`not a text file (binary data at byte ${nul})`, { file });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new InputError('not a text file (invalid UTF-8; save it as UTF-8)', { file });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
