// What the API server and its admission plugins derive from a pod's spec — requests, limits,
// QoS class, criticality, default tolerations — computed once per template: every pod of a
// template is the same to them.
import { computePodQOS, type QOSClass } from '../../model/qos.js';
import { podEphemeralStorageRequest, podMemoryLimit, podNonZeroRequests, podRequests, runningMemoryRequest } from '../../model/resources.js';
import type { ClusterConfig } from '../../model/scenario.js';
import { isCriticalPod, withDefaultTolerations } from '../../model/taints.js';
import type { PodTemplate, Toleration } from '../../model/types.js';

export interface TemplateInfo {
  /** The scheduler's requests (component-helpers PodRequests: init containers and overhead in). */
  readonly cpu: number;
  readonly memory: number;
  /** The same with the scheduler's non-zero defaults (100m / 200Mi) for requests not given. */
  readonly nonZeroCpu: number;
  readonly nonZeroMemory: number;
  /** ephemeral-storage request (bytes). */
  readonly ephemeralStorage: number;
  /** Writes to the node filesystem or limits what it may. */
  readonly usesStorage: boolean;
  readonly memoryLimit: number | null;
  readonly runningMemory: number;
  readonly qos: QOSClass;
  readonly critical: boolean;
  readonly tolerations: readonly Toleration[];
}

export class TemplateInfos {
  private readonly cache = new WeakMap<PodTemplate, TemplateInfo>();

  constructor(private readonly config: ClusterConfig) {}

  of(t: PodTemplate): TemplateInfo {
    let i = this.cache.get(t);
    if (!i) {
      const req = podRequests(t);
      const nz = podNonZeroRequests(t);
      i = {
        cpu: req.cpu,
        memory: req.memory,
        nonZeroCpu: nz.cpu,
        nonZeroMemory: nz.memory,
        ephemeralStorage: podEphemeralStorageRequest(t),
        usesStorage:
          t.emptyDirs.length > 0 ||
          !(t.ephemeralStorageUsage.kind === 'bytes' && t.ephemeralStorageUsage.bytes === 0) ||
          t.containers.some((c) => c.limits.ephemeralStorage !== undefined),
        memoryLimit: podMemoryLimit(t),
        runningMemory: runningMemoryRequest(t),
        qos: computePodQOS(t),
        critical: isCriticalPod(t.priority),
        // DefaultTolerationSeconds admission (plugin/pkg/admission/defaulttolerationseconds).
        tolerations: withDefaultTolerations(
          t.tolerations,
          this.config.defaultNotReadyTolerationSeconds,
          this.config.defaultUnreachableTolerationSeconds,
        ),
      };
      this.cache.set(t, i);
    }
    return i;
  }
}
