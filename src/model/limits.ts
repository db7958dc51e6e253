// What Headroom refuses before simulating (contract "Limits"), in one place; the README's
// "Limits" section lists the same numbers. Inputs past a limit fail at load time with exit 2,
// naming the limit and how to lower the input, instead of running out of memory or time.

export const LIMITS = {
  /** Nodes in one inventory. */
  nodes: 100_000,
  /** Pods at once: replicas summed over workloads (each at its largest, scale events included). */
  pods: 1_500_000,
  /**
   * Workloads (Deployments) in one inventory. Not in the contract: every workload carries its
   * own controllers' state and timeline, and 1.46 million one-replica Deployments exhaust the
   * heap long before the pod limit is reached.
   */
  workloads: 100_000,
  /** Simulated time of one run: 30 days. */
  durationMs: 30 * 24 * 3_600_000,
  /** Bytes read from one input file: 1 GiB. */
  inputBytes: 1024 ** 3,
  /** Nesting of a scenario document (real ones are under 10 deep). */
  documentDepth: 64,
} as const;

const n = (x: number): string => x.toLocaleString('en-US');

/** The messages' "how to lower the input" part, per limit. */
export const LIMIT_HINTS = {
  nodes: `Headroom simulates at most ${n(LIMITS.nodes)} nodes: split the cluster (one inventory per node pool or zone) and run each part`,
  pods: `Headroom simulates at most ${n(LIMITS.pods)} pods at once: lower replicas, or split the workloads over several scenarios`,
  workloads: `Headroom simulates at most ${n(LIMITS.workloads)} workloads: split them over several inventories (by namespace, say)`,
  durationMs: 'Headroom simulates at most 30 days (720h): shorten duration',
  inputBytes: 'Headroom reads at most 1 GiB per input file: trim the dump (e.g. `kubectl get nodes,pods,deployments,replicasets,pdb -A -o json` without other kinds) or split it',
  documentDepth: `a scenario nests at most ${LIMITS.documentDepth} levels deep`,
} as const;

/** A count past its limit, as a sentence: "1,270,000 nodes, more than the limit of 100,000". */
export function overLimit(count: number, what: 'nodes' | 'pods' | 'workloads', extra = ''): string {
  const noun = what === 'pods' ? 'pods at once' : what;
  return `${n(count)} ${noun}, more than the limit of ${n(LIMITS[what])}${extra ? ` ${extra}` : ''}. ${LIMIT_HINTS[what]}`;
}

/**
 * The item that takes a count past its limit, refused as it is read (the rest of the input is not
 * read: a 1 GiB dump is refused in seconds, not after all of it is held in memory):
 * "the 100,001st node: more than the limit of 100,000 nodes …".
 */
export function pastLimit(what: 'nodes' | 'pods' | 'workloads'): string {
  const noun = { nodes: 'node', pods: 'pod', workloads: 'workload' }[what];
  return `the ${n(LIMITS[what] + 1)}st ${noun}: more than the limit of ${n(LIMITS[what])} ${what === 'pods' ? 'pods at once' : what} (the rest of the file was not read). ${LIMIT_HINTS[what]}`;
}

/** Largest number of pods the workloads ask for at once, and the workload asking for most. */
export interface PodDemand {
  readonly total: number;
  readonly largest: { readonly workload: string; readonly replicas: number } | null;
}

/**
 * Pods at once as the contract counts them: each workload at the largest of its replicas and
 * every scale event's replicas, summed, plus listed pods no workload owns.
 */
export function podDemand(
  workloads: Iterable<{ readonly key: string; readonly replicas: number }>,
  scales: Iterable<{ readonly workload: string; readonly replicas: number }>,
  unownedPods = 0,
): PodDemand {
  const most = new Map<string, number>();
  for (const w of workloads) most.set(w.key, Math.max(most.get(w.key) ?? 0, w.replicas));
  for (const s of scales) most.set(s.workload, Math.max(most.get(s.workload) ?? 0, s.replicas));
  let total = unownedPods;
  let largest: PodDemand['largest'] = null;
  for (const [workload, replicas] of most) {
    total += replicas;
    if (!largest || replicas > largest.replicas) largest = { workload, replicas };
  }
  return { total, largest };
}
