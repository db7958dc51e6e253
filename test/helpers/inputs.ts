// Helpers for loader tests: the message of an expected InputError, and a scratch scenario folder
// (inv/nodes.csv and inv/workloads.csv written before the tests) to load scenarios from.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { InputError } from '../../src/io/errors.js';
import { loadScenario } from '../../src/io/scenario.js';

/** The message of the InputError `p` rejects (or `p()` throws) with; anything else fails the test. */
export async function inputError(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e.message;
  }
  throw new Error('expected an InputError');
}

/** The scenario head that reads the folder's inventory. */
export const INVENTORY_BASE = 'name: t\ninventory: {nodes: inv/nodes.csv, workloads: inv/workloads.csv}\n';

/**
 * A scratch folder (made in a beforeAll of the calling describe) holding inv/nodes.csv and
 * inv/workloads.csv: `load` writes scenario.yaml and loads it (with `--set` arguments), `msg`
 * gives the InputError's message with the folder cut from its paths.
 */
export function scenarioFolder(prefix: string, nodesCsv: string, workloadsCsv: string) {
  let dir = '';
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), `headroom-${prefix}-`));
    mkdirSync(join(dir, 'inv'));
    write('inv/nodes.csv', nodesCsv);
    write('inv/workloads.csv', workloadsCsv);
  });
  const load = (yaml: string, set: string[] = []) => {
    write('scenario.yaml', yaml);
    return loadScenario(join(dir, 'scenario.yaml'), { set });
  };
  const msg = async (yaml: string, set: string[] = []) => (await inputError(load(yaml, set))).replace(`${dir}/`, '');
  return { write, load, msg, dir: () => dir };
}
