// What DefaultPreemption needs of the scheduler and what it answers (default_preemption.go's
// PostFilter result and messages), shared by the PostFilter (default-preemption.ts) and
// SelectVictimsOnNode (select-victims.ts).
import type { Stream } from '../../../engine/rng.js';
import type { ClusterState } from '../../../state/cluster-state.js';
import type { SimNode, SimPod } from '../../../state/objects.js';
import type { PriorityBuckets } from './priority-buckets.js';
import type { VictimLike } from './candidates.js';

export const REASON_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const REASON_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const MSG_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const MSG_TERMINATING_VICTIM = 'not eligible due to a terminating pod on the nominated node.';

/** What preemption does to the scheduler's state. */
export interface PreemptionHost {
  readonly c: ClusterState;
  readonly preemptionRng: Stream;
  /** Sets (or with null clears) a pod's nominated node. */
  nominate(p: SimPod, node: SimNode | null): void;
  nominatedOn(node: SimNode): readonly SimPod[] | undefined;
  /** Per node, the pods below a priority: how many and their requests. */
  readonly byPriority: PriorityBuckets;
}

export interface PostFilterResult {
  /** The node to nominate, null to clear the nomination, undefined to leave it as it is. */
  readonly nominate: SimNode | null | undefined;
  /** The PostFilter status message appended to the FitError ("preemption: …"), or null. */
  readonly message: string | null;
  /** Victims were deleted. */
  readonly preempted: boolean;
}

export interface Victim extends VictimLike {
  readonly pod: SimPod;
}

/** How a PostFilter run is used. */
export interface PostFilterOptions {
  /** The FailedScheduling message is wanted (else nodes that cannot become candidates are skipped). */
  readonly message: boolean;
  /** Delete the victims (false: only find out what preemption would say, for a message). */
  readonly act: boolean;
}
