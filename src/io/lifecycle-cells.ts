// Parsers for the pod-lifecycle inputs shared by workloads.csv columns and their camelCase
// scenario keys: init containers (`init_seconds`), restart policy, exit codes, resize policy.
// Each throws an Error saying what was expected (callers add file, line and column).
import type { Container, ResizeResource, RestartPolicy } from '../model/types.js';
import { parseSeconds } from './cells.js';

export function parseRestartPolicy(text: string): RestartPolicy {
  const t = text.trim().toLowerCase();
  if (t === 'always') return 'Always';
  if (t === 'onfailure') return 'OnFailure';
  if (t === 'never') return 'Never';
  throw new Error('expected Always, OnFailure or Never');
}

/** A container exit code: 0 … 255. */
export function parseExitCode(text: string | number): number {
  const t = String(text).trim();
  if (!/^\d+$/.test(t) || Number(t) > 255) throw new Error('expected an exit code from 0 to 255');
  return Number(t);
}

/**
 * `init_seconds`: the run time of each regular init container in order, `5;10` (one number =
 * one init container); `10:1` = it exits with code 1 after 10 s (and is retried per the
 * restartPolicy). The containers are named init-1, init-2, … and request nothing.
 */
export function parseInitContainers(text: string | number): Container[] {
  const parts = String(text).split(';').map((p) => p.trim());
  if (parts.length === 1 && parts[0] === '') return [];
  return parts.map((part, i) => {
    if (part === '') throw new Error(`init container ${i + 1} has no run time (write seconds, e.g. 5;10)`);
    const [secs, code, extra] = part.split(':');
    if (extra !== undefined) throw new Error(`"${part}": expected SECONDS or SECONDS:EXIT_CODE`);
    const runSeconds = parseSeconds(secs.trim());
    const exitCode = code === undefined ? 0 : parseExitCode(code);
    return { name: `init-${i + 1}`, requests: {}, limits: {}, runSeconds, ...(exitCode !== 0 ? { exitCode } : {}) };
  });
}

/** `resize_policy`: `memory:RestartContainer;cpu:NotRequired` → the resources whose resize restarts the container. */
export function parseResizePolicy(text: string): ResizeResource[] {
  const out: ResizeResource[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(';')) {
    const part = raw.trim();
    if (part === '') continue;
    const [resource, policy, extra] = part.split(':').map((x) => x.trim());
    if (resource !== 'cpu' && resource !== 'memory') throw new Error(`"${part}": the resource must be cpu or memory`);
    if (extra !== undefined || (policy !== 'RestartContainer' && policy !== 'NotRequired')) {
      throw new Error(`"${part}": expected ${resource}:RestartContainer or ${resource}:NotRequired`);
    }
    if (seen.has(resource)) throw new Error(`${resource} is given twice`);
    seen.add(resource);
    if (policy === 'RestartContainer') out.push(resource);
  }
  return out;
}

/** The one readiness gate `readiness_gate_seconds` gives a pod (its conditionType). */
export const READINESS_GATE = 'headroom.dev/readiness-gate';
