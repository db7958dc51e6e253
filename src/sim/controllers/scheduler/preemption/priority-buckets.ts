// Per node, the requests of the pods bound there by priority (a few distinct values per node):
// SelectVictimsOnNode's first question — are there pods of lower priority, and does the
// preemptor fit once they are gone? — answered without walking the node's pods. Kept from the
// change feed as pods start and stop holding their node (the scheduler cache's NodeInfo), from
// the first question on.
import { POD_HOLDS, type ClusterObserver } from '../../../state/feed.js';
import type { SimNode, SimPod } from '../../../state/objects.js';

interface Buckets {
  /** Ascending. */
  readonly priorities: number[];
  readonly count: number[];
  readonly cpu: number[];
  readonly memory: number[];
  readonly ephemeral: number[];
}

export interface Below {
  count: number;
  cpu: number;
  memory: number;
  ephemeral: number;
}

export class PriorityBuckets implements ClusterObserver {
  private readonly byNode: (Buckets | undefined)[] = [];
  private readonly out: Below = { count: 0, cpu: 0, memory: 0, ephemeral: 0 };
  /** Built on the first question (from the nodes' pods), kept from the feed after that. */
  private live = false;

  constructor(private readonly nodes: readonly SimNode[]) {}

  podChanged(p: SimPod, before: number, after: number, oldNode: SimNode | null): void {
    if (!this.live) return;
    const was = (before & POD_HOLDS) !== 0 && oldNode !== null;
    const is = (after & POD_HOLDS) !== 0 && p.node !== null;
    if (was === is && oldNode === p.node) return;
    if (was) this.add(oldNode!, p, -1);
    if (is) this.add(p.node!, p, 1);
  }

  private add(n: SimNode, p: SimPod, by: number): void {
    let b = this.byNode[n.index];
    if (b === undefined) {
      while (this.byNode.length <= n.index) this.byNode.push(undefined);
      b = this.byNode[n.index] = { priorities: [], count: [], cpu: [], memory: [], ephemeral: [] };
    }
    const pr = b.priorities;
    let i = 0;
    while (i < pr.length && pr[i] < p.priority) i++;
    if (i === pr.length || pr[i] !== p.priority) {
      pr.splice(i, 0, p.priority);
      b.count.splice(i, 0, 0);
      b.cpu.splice(i, 0, 0);
      b.memory.splice(i, 0, 0);
      b.ephemeral.splice(i, 0, 0);
    }
    b.count[i] += by;
    b.cpu[i] += by * p.cpu;
    b.memory[i] += by * p.memory;
    b.ephemeral[i] += by * p.ephemeralStorage;
  }

  /** The pods on `node` with a priority strictly below `priority` (a scratch object). */
  below(node: SimNode, priority: number): Below {
    if (!this.live) {
      // Most runs never preempt: nothing is kept until preemption first asks.
      this.live = true;
      for (const n of this.nodes) for (const q of n.pods) this.add(n, q, 1);
    }
    const o = this.out;
    o.count = 0;
    o.cpu = 0;
    o.memory = 0;
    o.ephemeral = 0;
    const b = this.byNode[node.index];
    if (b === undefined) return o;
    for (let i = 0; i < b.priorities.length && b.priorities[i] < priority; i++) {
      o.count += b.count[i];
      o.cpu += b.cpu[i];
      o.memory += b.memory[i];
      o.ephemeral += b.ephemeral[i];
    }
    return o;
  }
}
