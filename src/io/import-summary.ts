// What a kubectl import found, inferred and left, as `inspect` says it: one JSON object (keys in
// the contract's snake_case) and a few lines for people.
import type { DumpReport, Inventory } from '../model/types.js';

export interface ImportSummary {
  /** The moment t=0 stands for, and where it comes from. */
  snapshot_time: string | null;
  snapshot_from: 'dump' | 'scenario' | null;
  kinds: Readonly<Record<string, number>>;
  skipped: Readonly<Record<string, number>>;
  inferred: DumpReport['inferred'];
  held_as_is: DumpReport['heldAsIs'];
  naked_pods: number;
  pods_on_absent_nodes: DumpReport['podsOnAbsentNodes'];
  nodes_not_ready: DumpReport['nodesNotReady'];
  pods_not_running: Readonly<Record<string, number>>;
  hpas: { name: string; target: string; min_replicas: number; max_replicas: number }[];
  priority_classes: Readonly<Record<string, number>>;
}

/** The import part of `inspect --json` (null when no kubectl dump was read). */
export function importSummary(inv: Inventory): ImportSummary | null {
  const d = inv.dump;
  if (!d) return null;
  const time = inv.snapshotTime;
  return {
    snapshot_time: time === undefined ? null : new Date(time).toISOString().replace('.000Z', 'Z'),
    snapshot_from: time === undefined ? null : time === d.latestTimestamp ? 'dump' : 'scenario',
    kinds: d.kinds,
    skipped: d.skipped,
    inferred: d.inferred,
    held_as_is: d.heldAsIs,
    naked_pods: d.nakedPods,
    pods_on_absent_nodes: d.podsOnAbsentNodes,
    nodes_not_ready: d.nodesNotReady,
    pods_not_running: d.podsNotRunning,
    hpas: d.hpas.map((h) => ({ name: h.name, target: h.target, min_replicas: h.minReplicas, max_replicas: h.maxReplicas })),
    priority_classes: d.priorityClasses,
  };
}

const MAX_LISTED = 6;

/** The lines `inspect` prints about the import (none without a dump). */
export function importLines(inv: Inventory): string[] {
  const s = importSummary(inv);
  if (!s) return [];
  const out: string[] = [];
  if (s.snapshot_time) out.push(`Snapshot: ${s.snapshot_time} (${s.snapshot_from === 'dump' ? "the dump's latest timestamp" : "the scenario's snapshotTime"}) is t=0.`);
  out.push(`Read: ${counts(s.kinds, true)}.`);
  if (Object.keys(s.skipped).length) out.push(`Skipped (not read): ${counts(s.skipped, true)}.`);
  if (s.inferred.length > MAX_LISTED) {
    const byKind: Record<string, number> = {};
    for (const i of s.inferred) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
    out.push(`Inferred from owner references (no workload object in the dump): ${counts(byKind, true)} (${list(s.inferred.map((i) => i.workload))}).`);
  } else if (s.inferred.length) {
    out.push(`Inferred from owner references (no workload object in the dump): ${list(s.inferred.map((i) => `${i.kind} ${i.workload} (${plural(i.pods, 'pod')}${i.from ? ` of ${i.from}` : ''})`))}.`);
  }
  if (s.held_as_is.length) out.push(`Held as they are (no controller in Headroom for the kind): ${list(s.held_as_is.map((h) => `${h.kind} ${h.owner} (${plural(h.pods, 'pod')})`))}.`);
  if (s.naked_pods) out.push(`Unmanaged: ${plural(s.naked_pods, 'pod')} without a controller (naked or static pods), never replaced.`);
  if (s.pods_on_absent_nodes.pods) {
    out.push(`On nodes not in the inventory: ${plural(s.pods_on_absent_nodes.pods, 'pod')} (${list(s.pods_on_absent_nodes.nodes)}), treated as unscheduled.`);
  }
  if (s.nodes_not_ready.length) {
    out.push(`Nodes not Ready: ${list(s.nodes_not_ready.map((n) => `${n.node} (${n.ready === 'Unknown' ? 'Unknown: unreachable' : 'False: NotReady'})`))}.`);
  }
  if (Object.keys(s.pods_not_running).length) out.push(`Pods not Running and Ready: ${counts(s.pods_not_running)}.`);
  if (s.hpas.length) out.push(`HorizontalPodAutoscalers (shown, not simulated): ${list(s.hpas.map((h) => `${h.name} → ${h.target} ${h.min_replicas}–${h.max_replicas} replicas`))}.`);
  if (Object.keys(s.priority_classes).length) out.push(`PriorityClasses: ${list(Object.entries(s.priority_classes).map(([k, v]) => `${k} (${v})`))}.`);
  return out;
}

function counts(m: Readonly<Record<string, number>>, kinds = false): string {
  return Object.entries(m)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    // A kind's plural ("2 Services"), but not of a phrase such as "(without kind)".
    .map(([k, n]) => `${n.toLocaleString('en-US')} ${kinds && n !== 1 && !k.endsWith('s') && !k.startsWith('(') ? `${k}s` : k}`)
    .join(' · ');
}

function list(items: readonly string[]): string {
  if (items.length <= MAX_LISTED) return items.join(', ');
  return `${items.slice(0, MAX_LISTED).join(', ')}, … (${items.length} in all)`;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
