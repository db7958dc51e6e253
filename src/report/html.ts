// report.html: a self-contained page (inline CSS, no scripts or fonts fetched).
import type { SimResult } from '../sim/result.js';
import { summarize, worstFirst } from './summary.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderReportHtml(r: SimResult): string {
  const rows = worstFirst(summarize(r))
    .map(
      (s) =>
        `<tr><td>${esc(s.namespace)}/${esc(s.workload)}</td><td>${s.desired}</td><td>${s.minAvailable}</td><td>${s.availabilityPct}</td>` +
        `<td>${s.secondsBelowDesired}</td><td>${s.secondsBelowPdb}</td><td>${s.rolloutSeconds ?? ''}</td><td>${s.evictions}</td><td>${s.oomKills}</td><td>${s.maxPending}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Headroom — ${esc(r.scenario.name)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 8px;text-align:right}td:first-child{text-align:left}</style>
</head><body>
<h1>${esc(r.scenario.name)}</h1>
<table><thead><tr><th>workload</th><th>desired</th><th>min available</th><th>availability %</th><th>s below desired</th><th>s below PDB</th><th>rollout s</th><th>evictions</th><th>OOM kills</th><th>max pending</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
