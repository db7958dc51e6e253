// `headroom inspect SCENARIO|INVENTORY [--json]`: load and validate only; print counts and
// totals per zone (a table for people, the contract's JSON with --json).
import type { Command } from 'commander';
import { formatBytesUnit as formatBytes } from '../model/quantity.js';
import { formatDuration } from '../model/duration.js';
import { type LoadedInput, loadInput } from '../io/scenario.js';
import { type InventorySummary, summarizeInventory } from '../io/inventory-summary.js';
import { importLines, importSummary } from '../io/import-summary.js';

export interface InspectOptions {
  readonly json?: boolean;
  readonly set?: readonly string[];
}

export function register(program: Command): void {
  program
    .command('inspect')
    .description('load and validate a scenario or an inventory; print nodes, pods, allocatable and requested cpu/memory per zone')
    .argument('<path>', 'a scenario (.yaml/.json), a kubectl dump (.json/.yaml), a nodes.csv, or a directory with nodes.csv')
    .option('--json', 'print one JSON object (cpu in cores, memory in bytes)')
    .option('--set <key=value>', 'override a scenario field by its dotted path (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .action(async (path: string, opts: InspectOptions) => {
      // The warnings are part of the report (and of --json's `warnings`): not repeated on stderr.
      process.stdout.write(await inspect(path, opts));
    });
}

/** The text `inspect` prints for `path`. Throws InputError for bad input. */
export async function inspect(path: string, opts: InspectOptions = {}, warn: (w: string) => void = () => {}): Promise<string> {
  const input = await loadInput(path, { set: opts.set });
  for (const w of input.inventory.warnings ?? []) warn(w);
  const summary = summarizeInventory(input.inventory);
  if (opts.json) {
    const extra = input.kind === 'scenario' ? { scenario: scenarioInfo(input) } : {};
    const imported = importSummary(input.inventory);
    const more = { ...(imported ? { import: imported } : {}), ...(input.inventory.warnings?.length ? { warnings: input.inventory.warnings } : {}) };
    return JSON.stringify({ ...summary, ...extra, ...more }, null, 2) + '\n';
  }
  return renderSummary(path, input, summary);
}

function scenarioInfo(input: Extract<LoadedInput, { kind: 'scenario' }>) {
  const s = input.scenario;
  return { name: s.name, duration_s: s.durationMs / 1000, seed: s.seed, kubernetes: s.cluster.version, events: s.events.length };
}

/** The human report: a header, the per-zone table, and what happens at t=0. */
export function renderSummary(path: string, input: LoadedInput, s: InventorySummary): string {
  const lines: string[] = [];
  const inv = input.inventory;
  if (input.kind === 'scenario') {
    const sc = input.scenario;
    const events = sc.events.length === 0 ? 'no events' : plural(sc.events.length, 'event');
    lines.push(`Scenario "${sc.name}" (${path}): ${formatDuration(sc.durationMs)}, seed ${sc.seed}, Kubernetes ${sc.cluster.version}, ${events}`);
  } else lines.push(`Inventory ${path}`);
  const replicas = inv.deployments.reduce((a, d) => a + d.replicas, 0);
  const zoneCount = Object.keys(s.zones).length;
  const sets = inv.statefulSets ?? [];
  const daemons = inv.daemonSets ?? [];
  const jobs = inv.jobs ?? [];
  const others =
    (sets.length ? ` · ${plural(sets.length, 'StatefulSet')} (${plural(sets.reduce((a, x) => a + x.replicas, 0), 'replica')})` : '') +
    (daemons.length ? ` · ${plural(daemons.length, 'DaemonSet')}` : '') +
    (jobs.length ? ` · ${plural(jobs.length, 'Job')} (${plural(jobs.reduce((a, j) => a + j.parallelism, 0), 'pod')} at a time)` : '') +
    (inv.cloneSets?.length ? ` · ${plural(inv.cloneSets.length, 'CloneSet')} (${plural(inv.cloneSets.reduce((a, c) => a + c.replicas, 0), 'replica')})` : '');
  lines.push(
    `${plural(s.nodes, 'node')} in ${plural(zoneCount, 'zone')} · ${plural(inv.deployments.length, 'Deployment')} (${plural(replicas, 'replica')})${others} · ${plural(s.pdbs, 'PodDisruptionBudget')}`,
  );
  const listed = inv.pods.length;
  if (inv.hasPodPlacement) {
    const p = s.pods;
    const unknown = p.unknown ? ` · ${p.unknown} unknown` : '';
    lines.push(`Pods: ${plural(listed, 'pod')} listed: ${p.running} running · ${p.pending} pending · ${p.succeeded} succeeded · ${p.failed} failed${unknown}`);
  }
  lines.push('', ...zoneTable(s, inv.hasPodPlacement), '');
  const t = s.to_be_scheduled;
  if (!inv.hasPodPlacement) {
    lines.push(`No pods listed: they do not exist yet. The scheduler places the ${plural(t.pods, 'replica')} at t=0, and they start ready (steady state).`);
  } else if (t.pods > 0) {
    lines.push(`${plural(t.pods, 'pod')} still to be scheduled at t=0 (unbound pods and missing replicas).`);
  }
  if (t.pods > 0) {
    const cpu = s.totals.cpu_requested + t.cpu_requested;
    const mem = s.totals.memory_requested + t.memory_requested;
    lines.push(
      `Once scheduled, requests come to ${num(cpu)} of ${num(s.totals.cpu_allocatable)} cores (${pct(cpu, s.totals.cpu_allocatable)})` +
        ` and ${formatBytes(mem)} of ${formatBytes(s.totals.memory_allocatable)} memory (${pct(mem, s.totals.memory_allocatable)}).`,
    );
  }
  // A section starts after one blank line (the zone table ends with one already).
  const section = (...more: string[]) => lines.push(...(lines[lines.length - 1] === '' ? [] : ['']), ...more);
  const imported = importLines(inv);
  if (imported.length) section('From the kubectl dump:', ...imported.map((l) => `  ${l}`));
  for (const w of inv.warnings ?? []) section(`warning: ${w}`);
  if (input.kind === 'scenario' && input.scenario.events.length > 0) {
    section('Events:');
    for (const e of input.scenario.events) lines.push(`  ${formatDuration(e.atMs).padStart(7)}  ${e.label}`);
  }
  return lines.join('\n') + '\n';
}

/** Per-zone table; without a pods list nothing is requested yet, shown as "-". */
function zoneTable(s: InventorySummary, placed: boolean): string[] {
  // Lower case and GiB, as the run's tables and the reports write them.
  const header = ['zone', 'nodes', 'pods', 'cpu req', 'cpu alloc', 'cpu %', 'mem req', 'mem alloc', 'mem %'];
  const req = (text: string) => (placed ? text : '-');
  const row = (name: string, z: { nodes: number; pods: number } & InventorySummary['totals']) => [
    name,
    String(z.nodes),
    req(String(z.pods)),
    req(num(z.cpu_requested)),
    num(z.cpu_allocatable),
    req(pct(z.cpu_requested, z.cpu_allocatable)),
    req(formatBytes(z.memory_requested)),
    formatBytes(z.memory_allocatable),
    req(pct(z.memory_requested, z.memory_allocatable)),
  ];
  const rows = Object.entries(s.zones).map(([name, z]) => row(name || '(no zone)', z));
  const pods = Object.values(s.zones).reduce((a, z) => a + z.pods, 0);
  const total = row('total', { nodes: s.nodes, pods, ...s.totals });
  return table([header, ...rows, total], [false, true, true, true, true, true, true, true, true], rows.length + 1);
}

/** Aligned columns (two spaces apart); `rule` = index of the row to draw a line above. */
function table(rows: string[][], right: boolean[], rule: number): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const fmt = (r: string[]) => r.map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const out = rows.map(fmt);
  out.splice(rule, 0, widths.map((w) => '─'.repeat(w)).join('  '));
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const num = (v: number) => String(Number(v.toFixed(2)));
const pct = (a: number, b: number) => (b > 0 ? `${Math.round((100 * a) / b)}%` : '-');
