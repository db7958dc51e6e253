// Parsers for a Job's own inputs, shared by workloads.csv's columns and their camelCase scenario
// keys: completion_mode, pod_replacement_policy, pod_failure_policy. Each throws an Error
// saying what was expected (callers add file, line and column, or the field path).
import type { CompletionMode, PodFailurePolicyRule, PodReplacementPolicy } from '../model/types.js';

export function parseCompletionMode(text: string): CompletionMode {
  const t = text.trim().toLowerCase();
  if (t === 'nonindexed') return 'NonIndexed';
  if (t === 'indexed') return 'Indexed';
  throw new Error('expected NonIndexed or Indexed');
}

export function parsePodReplacementPolicy(text: string): PodReplacementPolicy {
  const t = text.trim().toLowerCase();
  if (t === 'terminatingorfailed') return 'TerminatingOrFailed';
  if (t === 'failed') return 'Failed';
  throw new Error('expected TerminatingOrFailed or Failed');
}

const ACTIONS: readonly PodFailurePolicyRule['action'][] = ['FailJob', 'Ignore', 'Count'];
const CONDITION = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * `pod_failure_policy`: rules separated by ";", each `ACTION:WHAT` with ACTION FailJob, Ignore
 * or Count and WHAT `exit=42,43` (a container exited with one of these codes), `exit!=0,1` (with
 * another non-zero code), or a pod condition type, True (`DisruptionTarget`) or as written
 * (`Ready=False`). E.g. `Ignore:DisruptionTarget;FailJob:exit=42`.
 */
export function parsePodFailurePolicy(text: string): PodFailurePolicyRule[] {
  const parts = text.split(';').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw new Error('expected rules like Ignore:DisruptionTarget;FailJob:exit=42');
  return parts.map((part) => {
    const colon = part.indexOf(':');
    const action = ACTIONS.find((a) => a.toLowerCase() === part.slice(0, colon < 0 ? part.length : colon).trim().toLowerCase());
    if (colon < 0 || !action) throw new Error(`"${part}": expected ACTION:WHAT with ACTION FailJob, Ignore or Count`);
    const what = part.slice(colon + 1).trim();
    const exit = /^exit\s*(!?=)\s*(.+)$/i.exec(what);
    if (exit) {
      const values = exit[2].split(',').map((v) => v.trim());
      if (values.some((v) => !/^-?\d+$/.test(v))) throw new Error(`"${part}": exit codes are whole numbers separated by ","`);
      return { action, onExitCodes: { containerName: null, operator: exit[1] === '=' ? 'In' : 'NotIn', values: values.map(Number) } };
    }
    const [type, status = 'True', extra] = what.split('=').map((x) => x.trim());
    if (extra !== undefined || !CONDITION.test(type) || !['True', 'False', 'Unknown'].includes(status)) {
      throw new Error(`"${part}": expected exit=CODES, exit!=CODES or a pod condition (DisruptionTarget, Ready=False)`);
    }
    return { action, onPodConditions: [{ type, status: status as 'True' | 'False' | 'Unknown' }] };
  });
}
