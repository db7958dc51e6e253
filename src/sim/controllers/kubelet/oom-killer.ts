// OOM kills on a node: the memory cgroup's at a container's limit (the kubelet reports the
// container OOMKilled), and the kernel's OOM killer when the node runs out of memory before the
// eviction manager reacts — the process with the highest badness (its share of the machine's
// memory in thousandths plus oom_score_adj, mm/oom_kill.c oom_badness) dies first.
import { formatBytes } from '../../../model/quantity.js';
import type { ClusterState } from '../../state/cluster-state.js';
import type { SimNode, SimPod } from '../../state/objects.js';

/** The kubelet's side of a kill: the container exits and is restarted per its policy. */
export interface ContainerRuntime {
  readonly oomScoreAdj: { get(podId: number): number | undefined };
  isUp(n: SimNode): boolean;
  containerExited(p: SimPod, reason: string): void;
}

export class OomKiller {
  constructor(
    private readonly c: ClusterState,
    private readonly runtime: ContainerRuntime,
  ) {}

  /** OOM kill when the working set exceeds the memory limit; true if it killed. */
  checkLimit(p: SimPod): boolean {
    if (!p.running || p.memoryLimit === null || p.workingSet <= p.memoryLimit) return false;
    this.c.recorder.event(
      this.c.now,
      'Warning',
      'OOMKilling',
      `pod/${p.key}`,
      `Memory cgroup out of memory: killed the container of ${p.key} (working set ${formatBytes(p.workingSet)} > limit ${formatBytes(p.memoryLimit)}, oom_score_adj ${this.adj(p)})`,
      { node: p.node?.name ?? '', workload: p.workload?.shortName ?? '', qos: p.qos },
    );
    this.runtime.containerExited(p, 'OOMKilled');
    return true;
  }

  /** The kernel OOM killer, while the node's working sets exceed its memory. */
  checkNode(n: SimNode): void {
    while (this.runtime.isUp(n) && n.workingSet > n.memoryCapacity) {
      let victim: SimPod | null = null;
      let worst = -Infinity;
      for (const p of n.pods) {
        if (!p.running || p.workingSet <= 0) continue;
        const badness = Math.floor((1000 * p.workingSet) / n.memoryCapacity) + this.adj(p);
        if (badness > worst || (badness === worst && victim && p.name < victim.name)) {
          worst = badness;
          victim = p;
        }
      }
      if (!victim) return;
      this.c.recorder.event(this.c.now, 'Warning', 'SystemOOM', `node/${n.name}`,
        `System OOM encountered, victim process: ${victim.key} (working set ${formatBytes(victim.workingSet)}, oom_score_adj ${this.adj(victim)})`,
        { node: n.name, workload: victim.workload?.shortName ?? '', qos: victim.qos });
      this.runtime.containerExited(victim, 'OOMKilled');
    }
  }

  private adj(p: SimPod): number {
    return this.runtime.oomScoreAdj.get(p.id) ?? 0;
  }
}
