// The immutable outcome of a run: everything reports, the TUI and comparisons read.
import type { Scenario } from '../model/scenario.js';
import type { IntOrPercent } from '../model/types.js';
import type { Simulation } from './simulation.js';
import type { NodeSample, SimEvent } from './recorder.js';
import type { WorkloadRow } from './sampler.js';

export interface WorkloadResult {
  readonly index: number;
  readonly namespace: string;
  readonly name: string;
  readonly key: string;
  readonly samples: readonly WorkloadRow[];
  readonly pdb: { readonly name: string; readonly minAvailable: IntOrPercent | null; readonly maxUnavailable: IntOrPercent | null } | null;
  /** -1 when no rollout happened / did not complete. */
  readonly rolloutStartedAt: number;
  readonly rolloutCompletedAt: number;
  readonly rolloutStalled: boolean;
  readonly evictions: number;
  readonly oomKills: number;
  /** Container restarts (CrashLoopBackOff after OOM kills or failed probes); absent = 0. */
  readonly restarts?: number;
}

export interface NodeResult {
  readonly name: string;
  readonly zone: string;
  readonly allocatableCpu: number;
  readonly allocatableMemory: number;
  readonly memoryCapacity: number;
  /** The hard memory.available threshold in bytes. */
  readonly evictionThreshold: number;
  readonly samples: readonly NodeSample[];
}

export interface SimStats {
  readonly timersFired: number;
  readonly schedulingAttempts: number;
  readonly podsCreated: number;
  /** Routine per-pod events left out (0 when they were kept). */
  readonly routineEventsOmitted: number;
}

export interface SimResult {
  readonly scenario: Scenario;
  readonly durationMs: number;
  readonly workloads: readonly WorkloadResult[];
  readonly nodes: readonly NodeResult[];
  readonly events: readonly SimEvent[];
  readonly stats: SimStats;
}

export function resultOf(sim: Simulation, evictionThreshold: (capacity: number) => number): SimResult {
  const c = sim.cluster;
  return {
    scenario: sim.scenario,
    durationMs: sim.scenario.durationMs,
    workloads: c.deployments.map((d) => ({
      index: d.index,
      namespace: d.namespace,
      name: d.name,
      key: d.key,
      samples: sim.sampler.workloads[d.index],
      pdb: d.pdbs[0] ? { name: d.pdbs[0].name, minAvailable: d.pdbs[0].minAvailable, maxUnavailable: d.pdbs[0].maxUnavailable } : null,
      rolloutStartedAt: d.rolloutStartedAt,
      rolloutCompletedAt: d.rolloutCompletedAt,
      rolloutStalled: d.rolloutStalled,
      evictions: d.evictions,
      oomKills: d.oomKills,
      restarts: d.restarts,
    })),
    nodes: c.nodes.map((n) => ({
      name: n.name,
      zone: n.zone,
      allocatableCpu: n.allocatableCpu,
      allocatableMemory: n.allocatableMemory,
      memoryCapacity: n.memoryCapacity,
      evictionThreshold: evictionThreshold(n.memoryCapacity),
      samples: sim.sampler.nodes[n.index],
    })),
    events: sim.recorder.events,
    stats: {
      timersFired: sim.engine.fired,
      schedulingAttempts: sim.scheduler.attempts,
      podsCreated: c.podsCreated,
      routineEventsOmitted: sim.recorder.omitted,
    },
  };
}
