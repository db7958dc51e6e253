// A Job's podFailurePolicy against one failed pod, after pkg/controller/job/pod_failure_policy.go
// matchPodFailurePolicy: the first rule that matches decides — FailJob (the Job fails with a
// message), Ignore (the failure does not count against backoffLimit), Count — and no match
// counts the failure. onExitCodes looks at terminated containers with a non-zero exit code
// (regular ones first, then init containers); onPodConditions at the pod's conditions. Pure.
import type { PodFailurePolicyRule } from '../../../model/types.js';

/** What matching reads of a failed pod. */
export interface FailedPodView {
  readonly namespace: string;
  readonly name: string;
  /** Terminated containers (regular, then init) with their exit codes. */
  readonly terminated: readonly { readonly name: string; readonly exitCode: number; readonly init: boolean }[];
  /** The pod's conditions (type and status), DisruptionTarget included when set. */
  readonly conditions: readonly { readonly type: string; readonly status: 'True' | 'False' | 'Unknown' }[];
}

export interface PolicyMatch {
  /** A FailJob rule matched: the Job fails with this message. */
  readonly failJob: string | null;
  /** The failure counts against backoffLimit (false: an Ignore rule matched). */
  readonly countFailed: boolean;
}

const NO_MATCH: PolicyMatch = { failJob: null, countFailed: true };

export function matchPodFailurePolicy(rules: readonly PodFailurePolicyRule[] | null, p: FailedPodView): PolicyMatch {
  if (!rules) return NO_MATCH;
  for (const [index, r] of rules.entries()) {
    if (r.onExitCodes) {
      const req = r.onExitCodes;
      const matches = (c: FailedPodView['terminated'][number]) =>
        c.exitCode !== 0 && (req.containerName === null || req.containerName === c.name) && (req.operator === 'In' ? req.values.includes(c.exitCode) : !req.values.includes(c.exitCode));
      // getMatchingContainerFromList over containerStatuses, then initContainerStatuses.
      const c = p.terminated.find((x) => !x.init && matches(x)) ?? p.terminated.find((x) => x.init && matches(x));
      if (c) return decide(r, index, () => `Container ${c.name} for pod ${p.namespace}/${p.name} failed with exit code ${c.exitCode} matching ${r.action} rule at index ${index}`);
    } else if (r.onPodConditions) {
      const cond = p.conditions.find((pc) => r.onPodConditions!.some((pat) => pat.type === pc.type && pat.status === pc.status));
      if (cond) return decide(r, index, () => `Pod ${p.namespace}/${p.name} has condition ${cond.type} matching ${r.action} rule at index ${index}`);
    }
  }
  return NO_MATCH;
}

function decide(r: PodFailurePolicyRule, _index: number, message: () => string): PolicyMatch {
  switch (r.action) {
    case 'Ignore':
      return { failJob: null, countFailed: false };
    case 'Count':
      return NO_MATCH;
    case 'FailJob':
      return { failJob: message(), countFailed: true };
  }
}
