// The pure rules of preemption, after pkg/scheduler/framework/plugins/defaultpreemption
// (default_preemption.go: calculateNumCandidates, filterPodsWithPDBViolation) and
// pkg/scheduler/framework/preemption/preemption.go (pickOneNodeForPreemption) with
// pkg/scheduler/util MoreImportantPod / GetEarliestPodStartTime.

/** What the rules read of a pod. */
export interface VictimLike {
  readonly priority: number;
  /** status.startTime (ms); ties are broken by `id`, older first. */
  readonly startTime: number;
  readonly id: number;
}

/** DefaultPreemptionArgs defaults. */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/** calculateNumCandidates: max(nodes × pct / 100, abs), at most the number of nodes. */
export function calculateNumCandidates(numNodes: number, pct = MIN_CANDIDATE_NODES_PERCENTAGE, abs = MIN_CANDIDATE_NODES_ABSOLUTE): number {
  let n = Math.trunc((numNodes * pct) / 100);
  if (n < abs) n = abs;
  if (n > numNodes) n = numNodes;
  return n;
}

/**
 * MoreImportantPod as a sort comparator (most important first): higher priority, then the
 * earlier start (running longer); Headroom breaks the remaining ties by creation order.
 */
export function byImportance(a: VictimLike, b: VictimLike): number {
  return b.priority - a.priority || a.startTime - b.startTime || a.id - b.id;
}

/** A PodDisruptionBudget as preemption sees it. */
export interface PdbLike<P> {
  /** status.disruptionsAllowed. */
  readonly disruptionsAllowed: number;
  /** The PDB's selector matches the pod (an empty selector matches none here). */
  selects(p: P): boolean;
  /** The pod is in status.disruptedPods (already counted by the API server). */
  disrupted(p: P): boolean;
}

/**
 * filterPodsWithPDBViolation: splits the pods (kept in order) into those whose eviction would
 * take some PDB's allowance below zero and the rest; each matching PDB's allowance is spent in turn.
 */
export function filterPodsWithPDBViolation<P>(pods: readonly P[], pdbs: readonly PdbLike<P>[]): { violating: P[]; nonViolating: P[] } {
  const allowed = pdbs.map((p) => p.disruptionsAllowed);
  const violating: P[] = [];
  const nonViolating: P[] = [];
  for (const p of pods) {
    let violated = false;
    pdbs.forEach((pdb, i) => {
      if (!pdb.selects(p) || pdb.disrupted(p)) return;
      allowed[i]--;
      if (allowed[i] < 0) violated = true;
    });
    (violated ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}

export interface Candidate<N, P extends VictimLike> {
  readonly node: N;
  /** Most important first. */
  readonly victims: readonly P[];
  readonly numPDBViolations: number;
}

/**
 * pickOneNodeForPreemption: each rule keeps only the best nodes; the first rule that leaves one
 * decides. Fewest PDB violations; lowest priority of the most important victim; lowest sum of
 * priorities (each shifted by 2^31, so more victims never sum lower); fewest victims; latest
 * start among the victims of the highest priority. What remains tied goes to the first in
 * `candidates`' order (Headroom passes them in node order, to stay deterministic).
 */
export function pickOneNodeForPreemption<N, P extends VictimLike>(candidates: readonly Candidate<N, P>[]): Candidate<N, P> | null {
  if (candidates.length === 0) return null;
  const scores: ((c: Candidate<N, P>) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -c.victims[0].priority,
    (c) => -c.victims.reduce((s, v) => s + v.priority + 2 ** 31, 0),
    (c) => -c.victims.length,
    (c) => earliestStartTime(c.victims),
  ];
  let all = [...candidates];
  for (const f of scores) {
    let best = -Infinity;
    let selected: Candidate<N, P>[] = [];
    for (const c of all) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [];
      }
      if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    all = selected;
  }
  return all[0];
}

/** GetEarliestPodStartTime: the earliest start among the victims of the highest priority. */
export function earliestStartTime(victims: readonly VictimLike[]): number {
  let earliest = victims[0].startTime;
  let max = victims[0].priority;
  for (const v of victims) {
    if (v.priority === max) {
      if (v.startTime < earliest) earliest = v.startTime;
    } else if (v.priority > max) {
      max = v.priority;
      earliest = v.startTime;
    }
  }
  return earliest;
}
