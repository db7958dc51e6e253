import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile } from '../../src/io/read-file.js';
import { loadNodesCsv } from '../../src/io/csv/nodes.js';
import { loadKubectlDump } from '../../src/io/kubectl.js';
import { loadScenario } from '../../src/io/scenario.js';
import { jsonErrorOffset } from '../../src/io/json-position.js';

const dir = mkdtempSync(join(tmpdir(), 'headroom-read-'));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

describe('reading files', () => {
  it('strips a UTF-8 BOM', async () => {
    expect(await readTextFile(file('bom.csv', '\ufeffname\n'))).toBe('name\n');
    const nodes = await loadNodesCsv(file('bom-nodes.csv', '\ufeffname,zone,cpu,memory,pods\nn1,a,1,1Gi,1\n'));
    expect(nodes[0].name).toBe('n1');
  });

  it('names missing files and directories', async () => {
    const missing = join(dir, 'missing.csv');
    await expect(loadNodesCsv(missing)).rejects.toThrow(`${missing}: cannot read: no such file or directory`);
    await expect(loadKubectlDump(dir)).rejects.toThrow(`${dir}: is a directory, expected a file`);
    await expect(loadScenario(join(dir, 'nope.yaml'))).rejects.toThrow(/nope\.yaml: cannot read: no such file or directory/);
  });

  it('refuses binary files', async () => {
    const bin = file('nodes.bin', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01, 0xff]));
    await expect(loadNodesCsv(bin)).rejects.toThrow(`${bin}:1: not a text file: a NUL byte (byte 4 of the file; binary data?)`);
    const latin1 = file('latin1.csv', new Uint8Array([0x6e, 0x61, 0x6d, 0xe9, 0x0a]));
    await expect(loadNodesCsv(latin1)).rejects.toThrow(/latin1\.csv:1: not UTF-8 text: an invalid byte \(byte 3 of the file\); save it as UTF-8/);
  });

  it.skipIf(process.getuid?.() === 0)('names unreadable files', async () => {
    const p = file('secret.csv', 'name\n');
    chmodSync(p, 0o000);
    await expect(loadNodesCsv(p)).rejects.toThrow(`${p}: cannot read: permission denied`);
    chmodSync(p, 0o600);
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": 1}', -1],
    ['[1, 2.5e3, "x\\n", true, null, {}]', -1],
    ['{"a": 1,}', 8],
    ['{"a": }', 6],
    ['{"a" 1}', 5],
    ['[1 2]', 3],
    ['{"a": tru}', 6],
    ['"abc', 4],
    ['{"a": 1} x', 9],
    ['', 0],
  ])('%j → %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});
