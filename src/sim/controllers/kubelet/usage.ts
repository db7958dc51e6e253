// A container's working set from the app's memory model (a simulation input): the request, a
// fixed size, or a sandboxed expression of request, limit, t and uptime, sampled when the
// kubelet reads stats. A container starts from its baseline: `t` counts from when the model
// took effect or, for a container (instance) started later, from its start — a leak starts
// over after a restart — and `uptime` always from the instance's start.
import type { MemoryUsage } from '../../../model/types.js';
import type { SimTime } from '../../engine/time.js';
import type { SimPod } from '../../state/objects.js';

export function workingSet(p: SimPod, now: SimTime, usage: MemoryUsage = p.usage): number {
  switch (usage.kind) {
    case 'request':
      return p.runningMemory;
    case 'bytes':
      return usage.bytes;
    case 'expression': {
      // Without a limit, a container is bounded only by the machine: use the node's memory.
      const limit = p.memoryLimit ?? p.node?.memoryCapacity ?? p.runningMemory;
      const since = Math.max(p.usageSince, p.runningSince);
      const v = usage.evaluate({ request: p.runningMemory, limit, t: (now - since) / 1000, uptime: (now - p.runningSince) / 1000 });
      return Number.isFinite(v) && v > 0 ? Math.round(v) : 0;
    }
  }
}
