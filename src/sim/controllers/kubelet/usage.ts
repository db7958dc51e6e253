// A container's working set from the app's memory model (a simulation input): the request, a
// fixed size, or a sandboxed expression of request, limit and t (seconds since the model took
// effect), sampled when the kubelet reads stats.
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
      const v = usage.evaluate({ request: p.runningMemory, limit, t: (now - p.usageSince) / 1000 });
      return Number.isFinite(v) && v > 0 ? Math.round(v) : 0;
    }
  }
}
