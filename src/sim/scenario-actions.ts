// The scenario's what-if actions, applied at their time as a user or an outage would:
// `kubectl rollout` / `kubectl scale` edit the workload (any kind; the loader refuses `scale`
// on a DaemonSet and `rollout` on a Job; `scale` on a Job sets its parallelism), `memoryUsage` changes how much
// memory the workload's containers use (the kubelet re-reads their working sets), failures stop
// or recover the machines' kubelets, drains and cordons go through the API as kubectl does.
import type { ScenarioEvent } from '../model/scenario.js';
import type { Drainer } from './controllers/drain.js';
import type { Kubelet } from './controllers/kubelet/kubelet.js';
import type { ClusterState } from './state/cluster-state.js';
import type { SimNode } from './state/objects.js';

export class ScenarioActions {
  constructor(
    private readonly c: ClusterState,
    private readonly kubelet: Kubelet,
    private readonly drainer: Drainer,
  ) {}

  private node(name: string): SimNode {
    return this.c.nodeByName.get(name)!;
  }

  private zone(zone: string): SimNode[] {
    return this.c.nodes.filter((n) => n.zone === zone);
  }

  apply(e: ScenarioEvent): void {
    const c = this.c;
    const a = e.action;
    switch (a.kind) {
      case 'rollout': {
        const d = c.workloadByKey.get(a.workload)!;
        if (d.kind === 'Job') throw new Error(`rollout on Job ${d.key}: the loader refuses it (a Job's template is immutable)`);
        this.record(e, d.objectRef, d.shortName);
        c.updateWorkload(d, () => {
          // A rollout that changes memory usage starts the new model for the new pods only.
          if (a.template.memoryUsage !== d.template.memoryUsage) {
            d.usage = a.template.memoryUsage;
            d.usageSince = c.now;
          }
          d.template = a.template;
          if (d.rolloutStartedAt < 0) d.rolloutStartedAt = c.now;
          d.rolloutCompletedAt = -1;
          d.rolloutStalled = false;
        });
        return;
      }
      case 'scale': {
        const d = c.workloadByKey.get(a.workload)!;
        this.record(e, d.objectRef, d.shortName);
        if (d.kind === 'DaemonSet') throw new Error(`scale on DaemonSet ${d.key}: the loader refuses it`);
        // `kubectl scale job` edits spec.parallelism (a Job has no replicas).
        if (d.kind === 'Job') c.updateWorkload(d, () => (d.parallelism = a.replicas));
        else c.updateWorkload(d, () => (d.replicas = a.replicas));
        return;
      }
      case 'memoryUsage': {
        const d = c.workloadByKey.get(a.workload)!;
        this.record(e, d.objectRef, d.shortName);
        // Not a spec change: the apps use memory differently, and new pods will too.
        d.usage = a.usage;
        d.usageSince = c.now;
        for (const rs of d.revisions) {
          for (const p of rs.pods) {
            p.usage = a.usage;
            p.usageSince = c.now;
            this.kubelet.updateUsage(p);
          }
        }
        return;
      }
      case 'resize': {
        const d = c.workloadByKey.get(a.workload)!;
        this.record(e, d.objectRef, d.shortName);
        // The resize subresource on each of its pods (the template is unchanged).
        for (const rs of d.revisions) for (const p of [...rs.pods]) this.kubelet.resize(p, a.container);
        return;
      }
      case 'nodeFailure':
        this.record(e, `node/${a.node}`, '');
        return this.kubelet.nodeFailed(this.node(a.node), a.mode);
      case 'nodeRecover':
        this.record(e, `node/${a.node}`, '');
        return this.kubelet.nodeRecovered(this.node(a.node));
      case 'zoneFailure':
        this.record(e, `zone/${a.zone}`, '');
        for (const n of this.zone(a.zone)) this.kubelet.nodeFailed(n, a.mode);
        return;
      case 'zoneRecover':
        this.record(e, `zone/${a.zone}`, '');
        for (const n of this.zone(a.zone)) this.kubelet.nodeRecovered(n);
        return;
      case 'drain':
        this.record(e, `node/${a.node}`, '');
        return this.drainer.drain(this.node(a.node));
      case 'cordon':
      case 'uncordon':
        this.record(e, `node/${a.node}`, '');
        return this.drainer.cordon(this.node(a.node), a.kind === 'cordon');
    }
  }

  private record(e: ScenarioEvent, object: string, workload: string): void {
    this.c.recorder.event(this.c.now, 'Normal', 'WhatIf', object, e.label, { workload });
  }
}
