// The kubelet's allocation manager for in-place pod resize (pkg/kubelet/allocation
// allocation_manager.go handlePodResourcesResize, retryPendingResizes, sortPendingResizes):
// a resize of a running pod is accepted when it fits beside the other pods' allocations
// (InProgress, then actuated), Deferred until it does — re-checked when a pod leaves the node
// or another resize there frees room — or Infeasible when the node could never hold it. While a
// resize is in flight the scheduler counts the larger of the desired and the allocated
// requests (PodRequests with status resources; an Infeasible one at its allocation only).
import { podMemoryLimit, podNonZeroRequests, podRequests, runningMemoryRequest } from '../../../model/resources.js';
import { decideResize, type ResizeDecision } from '../../../model/resize.js';
import type { Container, ResizeResource } from '../../../model/types.js';
import type { ClusterState } from '../../state/cluster-state.js';
import { PodResizeState, type SimNode, type SimPod } from '../../state/objects.js';

/** The kubelet's side of a resize. */
export interface ResizeRuntime {
  admitted(p: SimPod): boolean;
  /** Kill the app container and start it again with its new resources (resizePolicy RestartContainer). */
  restartForResize(p: SimPod): void;
}

const main = (p: SimPod, c: Container | null): Container => c ?? p.spec.containers[0];

/** PodRequests of the pod with its app container as `c`. */
function requestsWith(p: SimPod, c: Container) {
  const spec = { ...p.spec, containers: p.spec.containers.map((x, i) => (i === 0 ? c : x)) };
  return { req: podRequests(spec), nz: podNonZeroRequests(spec) };
}

const differs = (a: Container, b: Container, r: ResizeResource) => a.requests[r] !== b.requests[r] || a.limits[r] !== b.limits[r];

export class AllocationManager {
  /** Pods with a Deferred resize, per node. */
  private readonly deferred = new Map<SimNode, Set<SimPod>>();
  private retrying = false;

  constructor(
    private readonly c: ClusterState,
    private readonly runtime: ResizeRuntime,
  ) {}

  /** The resize subresource set the pod's app container to `container` (desired). */
  resize(p: SimPod, container: Container): void {
    if (!p.node || p.gone || p.deletedAt >= 0 || p.phase === 'Succeeded' || p.phase === 'Failed' || !this.runtime.admitted(p)) return;
    this.c.updatePod(p, (q) => (resizeStateOf(q).resized = container));
    this.handle(p);
    // A resize on the node is a chance for the others waiting there.
    this.retry(p.node);
  }

  /** handlePodResourcesResize for one pod. */
  private handle(p: SimPod): void {
    const n = p.node!;
    const desired = main(p, p.resized);
    const allocated = main(p, p.allocatedContainer);
    const want = requestsWith(p, desired).req;
    let others = { cpu: 0, memory: 0, pods: 0 };
    for (const q of n.pods) {
      if (q === p || !q.holdsResources || !this.runtime.admitted(q)) continue;
      others = { cpu: others.cpu + q.allocatedCpu, memory: others.memory + q.allocatedMemory, pods: others.pods + 1 };
    }
    const d = decideResize({
      allocatable: { cpu: n.allocatableCpu, memory: n.allocatableMemory, pods: n.allocatablePods },
      others,
      desired: { cpu: want.cpu, memory: want.memory },
      allocated: { cpu: p.allocatedCpu, memory: p.allocatedMemory },
      limitsChanged: desired.limits.cpu !== allocated.limits.cpu || desired.limits.memory !== allocated.limits.memory,
    });
    if (d.kind === 'Deferred') this.deferredOn(n).add(p);
    else this.deferred.get(n)?.delete(p);
    if (d.kind === 'InProgress') return this.allocate(p, desired, want);
    this.setState(p, d);
    this.schedulerView(p);
  }

  /** The allocation checkpoint takes the desired resources; the runtime applies them. */
  private allocate(p: SimPod, desired: Container, want: { cpu: number; memory: number }): void {
    const actual = main(p, p.actualContainer);
    const restart = (desired.resizeRestart ?? []).some((r) => differs(desired, actual, r));
    this.c.updatePod(p, (q) => {
      const rz = resizeStateOf(q);
      rz.allocatedContainer = desired;
      rz.allocatedCpu = want.cpu;
      rz.allocatedMemory = want.memory;
    });
    this.setState(p, { kind: 'InProgress' });
    this.event(p, 'Normal', 'ResizeStarted', `Pod resize started: ${describe(desired)}`);
    if (restart) {
      // computePodResizeAction: the container is restarted to apply them.
      this.schedulerView(p);
      this.runtime.restartForResize(p);
      return;
    }
    // UpdateContainerResources on the running container: actuated at once.
    this.actuated(p);
  }

  /** The runtime runs the allocated resources: the resize is done. */
  actuated(p: SimPod): void {
    if (p.resize !== 'InProgress') return;
    const allocated = main(p, p.allocatedContainer);
    const spec = { ...p.spec, containers: p.spec.containers.map((x, i) => (i === 0 ? allocated : x)) };
    this.c.updatePod(p, (q) => {
      resizeStateOf(q).actualContainer = allocated;
      // The cgroup limit the OOM killer enforces and the default working set follow.
      q.memoryLimit = podMemoryLimit(spec);
      q.runningMemory = runningMemoryRequest(spec);
    });
    this.setState(p, { kind: 'None' });
    this.event(p, 'Normal', 'ResizeCompleted', `Pod resize completed: ${describe(allocated)}`);
    this.schedulerView(p);
  }

  /** The scheduler's view: max(desired, actual, allocated) — Infeasible: max(actual, allocated). */
  private schedulerView(p: SimPod): void {
    const views = [p.actualContainer, p.allocatedContainer, ...(p.resize === 'Infeasible' ? [] : [p.resized])].map((c) => requestsWith(p, main(p, c)));
    const max = (f: (v: (typeof views)[number]) => number) => Math.max(...views.map(f));
    this.c.resizePod(p, { cpu: max((v) => v.req.cpu), memory: max((v) => v.req.memory), nonZeroCpu: max((v) => v.nz.cpu), nonZeroMemory: max((v) => v.nz.memory) });
  }

  private setState(p: SimPod, d: ResizeDecision): void {
    const state = d.kind === 'None' ? null : d.kind;
    const message = d.kind === 'Deferred' || d.kind === 'Infeasible' ? d.message : '';
    if (state === p.resize && message === p.resizeMessage) return;
    this.c.updatePod(p, (q) => {
      const rz = resizeStateOf(q);
      if (rz.state !== state) rz.at = this.c.now;
      rz.state = state;
      rz.message = message;
    });
    if (d.kind === 'Deferred' || d.kind === 'Infeasible') this.event(p, 'Warning', `Resize${d.kind}`, `Pod resize ${d.kind}: ${message}`);
  }

  private deferredOn(n: SimNode): Set<SimPod> {
    let s = this.deferred.get(n);
    if (!s) this.deferred.set(n, (s = new Set()));
    return s;
  }

  /**
   * retryPendingResizes when a pod on the node stopped holding resources (or another resize
   * there changed): in sortPendingResizes order — resizes that do not increase requests first,
   * then higher priority, then Guaranteed before Burstable, then the longest deferred.
   */
  retry(n: SimNode): void {
    const pending = this.deferred.get(n);
    if (!pending || pending.size === 0 || this.retrying) return;
    this.retrying = true;
    try {
      const order = [...pending].filter((p) => !p.gone && p.holdsResources && p.node === n);
      const grows = (p: SimPod) => {
        const want = requestsWith(p, main(p, p.resized)).req;
        return want.cpu > p.allocatedCpu || want.memory > p.allocatedMemory;
      };
      order.sort(
        (a, b) =>
          Number(grows(a)) - Number(grows(b)) ||
          b.priority - a.priority ||
          Number(b.qos === 'Guaranteed') - Number(a.qos === 'Guaranteed') ||
          a.resizeAt - b.resizeAt ||
          a.id - b.id,
      );
      for (const p of [...pending]) if (!order.includes(p)) pending.delete(p);
      for (const p of order) this.handle(p);
    } finally {
      this.retrying = false;
    }
  }

  private event(p: SimPod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.recorder.event(this.c.now, type, reason, `pod/${p.key}`, message, { node: p.node?.name ?? '', workload: p.workload?.shortName ?? '', qos: p.qos });
  }
}

function describe(c: Container): string {
  const q = (v: number | undefined, cpu: boolean) => (v === undefined ? '-' : cpu ? `${v}m` : `${Math.round(v / 1024 / 1024)}Mi`);
  return `cpu ${q(c.requests.cpu, true)}/${q(c.limits.cpu, true)}, memory ${q(c.requests.memory, false)}/${q(c.limits.memory, false)} (request/limit)`;
}

/** The pod's resize state, created at its first resize from what it was admitted with. */
function resizeStateOf(p: SimPod): PodResizeState {
  return (p.resizeState ??= new PodResizeState(p.cpu, p.memory));
}
