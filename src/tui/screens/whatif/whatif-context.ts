// What A says about the workload, and the scenario's events, beside the what-if form (pure).
import { formatDuration } from '../../../model/duration.js';
import { pdbText, rolloutText, seconds } from '../../../report/figures.js';
import type { Scenario } from '../../../model/scenario.js';
import type { Run } from '../../data/runs.js';
import { num } from '../../format.js';

export function whatIfContext(a: Run | null, scenario: Scenario | null, workload: string): string[] {
  const r = a?.summary.get(workload);
  const out = [`A, ${workload}:`];
  if (r) {
    out.push(`availability ${num(r.availabilityPct, 2)}% · lowest available ${r.lowestAvailable} of ${r.desired}`);
    out.push(`PDB needs ${pdbText(r) || '— (no PDB)'} · below it ${seconds(r.secondsBelowPdb)}`);
    out.push(`below desired ${seconds(r.secondsBelowDesired)} · rollout ${rolloutText(r) || 'none'} · ${r.evictions} evicted · ${r.oomKills} OOM`);
    if (r.why) out.push(`why: ${r.why}`);
  }
  const events = scenario?.events ?? [];
  out.push('', events.length ? 'Scenario events:' : 'The scenario has no events:');
  if (!events.length) out.push('set "rollout at" to see maxSurge', 'and maxUnavailable at work.');
  for (const e of events.slice(0, 8)) out.push(`${formatDuration(e.atMs).padStart(6)}  ${e.label}`);
  if (events.length > 8) out.push(`… ${events.length - 8} more`);
  return out;
}
