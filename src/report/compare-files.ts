// Every file of a comparison, keyed by its path inside the comparison folder (pure): both runs'
// report folders (a/, b/), compare.csv and compare.html — what `headroom compare` writes, and
// what the TUI's export writes once there is a B.
import type { SimResult } from '../sim/result.js';
import { compareRows, compareTable, renderCompareHtml } from './compare.js';
import { toCsv } from './csv.js';
import { reportFiles } from './files.js';

export function compareFiles(a: SimResult, b: SimResult): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(reportFiles(a))) files[`a/${name}`] = text;
  for (const [name, text] of Object.entries(reportFiles(b))) files[`b/${name}`] = text;
  files['compare.csv'] = toCsv(compareTable(compareRows(a, b)));
  files['compare.html'] = renderCompareHtml(a, b);
  return files;
}
