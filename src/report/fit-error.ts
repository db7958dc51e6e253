// Reading a FailedScheduling message back (pure): which filter kept the pod off the nodes it
// could otherwise have used.
//
// The scheduler's FitError.Error() (pkg/scheduler/framework/types.go) lists, per reason, how many
// nodes gave it — "0/12 nodes are available: 3 node(s) had untolerated taint {…}, 6 node(s)
// didn't match pod topology spread constraints." — sorted as strings, and each node counts under
// the first filter plugin that rejected it (RunFilterPlugins stops at the first failure), in
// the default profile's order (pkg/scheduler/apis/config/v1/default_plugins.go). So the reason
// of the latest filter in that order is what stopped the nodes that passed every earlier one:
// the pod tolerated no taint of 3 nodes, but 6 nodes were open to it and spreading said no.

/** One "N reason" part of the message. */
export interface FitReason {
  readonly nodes: number;
  readonly reason: string;
}

/** The default filter plugins, in order, with the reason texts they give. */
const FILTERS: readonly { readonly plugin: string; readonly matches: (r: string) => boolean; readonly capacity?: boolean }[] = [
  { plugin: 'NodeUnschedulable', matches: (r) => r === 'node(s) were unschedulable' },
  { plugin: 'NodeName', matches: (r) => r === "node(s) didn't match the requested node name" },
  { plugin: 'TaintToleration', matches: (r) => r.startsWith('node(s) had untolerated taint') },
  { plugin: 'NodeAffinity', matches: (r) => r.startsWith("node(s) didn't match Pod's node affinity") },
  { plugin: 'NodePorts', matches: (r) => r.startsWith("node(s) didn't have free ports") },
  { plugin: 'NodeResourcesFit', matches: (r) => r.startsWith('Insufficient ') || r === 'Too many pods', capacity: true },
  { plugin: 'VolumeBinding', matches: (r) => r === 'node(s) had volume node affinity conflict' },
  { plugin: 'PodTopologySpread', matches: (r) => r.startsWith("node(s) didn't match pod topology spread constraints") },
  { plugin: 'InterPodAffinity', matches: (r) => /^node\(s\) didn't (match pod (anti-)?affinity rules|satisfy existing pods anti-affinity rules)/.test(r) },
];

/** The position of a reason's plugin in the filter order (-1: a reason this table does not know). */
export function filterRank(reason: string): number {
  return FILTERS.findIndex((f) => f.matches(reason));
}

/** Whether a reason says the node lacked room (NodeResourcesFit): cpu, memory, pods. */
export const isCapacityReason = (reason: string): boolean => FILTERS.find((f) => f.matches(reason))?.capacity === true;

/**
 * The "N reason" parts of a FitError message, in message order; [] when the message is not
 * one ("0/N nodes are available: …." followed, maybe, by ". preemption: …").
 */
export function fitReasons(message: string): FitReason[] {
  const m = /nodes are available: (.*?)(?:\.(?: |$)|$)/.exec(message);
  if (!m) return [];
  const out: FitReason[] = [];
  for (const part of m[1].split(', ')) {
    const p = /^(\d+) (.+)$/.exec(part.trim());
    if (p) out.push({ nodes: Number(p[1]), reason: p[2] });
  }
  return out;
}

/**
 * The reason that stopped the nodes the pod got furthest with: the latest filter in the default
 * order; within one filter the reason of the most nodes, then the first listed. Null when the
 * message lists no reason.
 * blockingReason("0/6 nodes are available: 3 Insufficient memory, 3 node(s) had untolerated
 * taint {a: b}.") = "Insufficient memory".
 */
export function blockingReason(message: string): string | null {
  let best: FitReason | null = null;
  let bestRank = -2;
  for (const r of fitReasons(message)) {
    const rank = filterRank(r.reason);
    if (rank > bestRank || (rank === bestRank && best !== null && r.nodes > best.nodes)) {
      best = r;
      bestRank = rank;
    }
  }
  return best?.reason ?? null;
}

/** Whether any node was turned away for lack of room (the message names a NodeResourcesFit reason). */
export const mentionsCapacity = (message: string): boolean => fitReasons(message).some((r) => isCapacityReason(r.reason));
