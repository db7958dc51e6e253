// A DaemonSet's pods as its controller makes them, after pkg/controller/daemon: the template
// with the tolerations every DaemonSet pod gets (util.AddOrUpdateDaemonPodTolerations, in NewPod
// / CreatePodTemplate), pinned to its node (ReplaceDaemonSetPodNodeNameNodeAffinity), and where
// it should run (NodeShouldRunDaemonPod, model/workloads.ts) as bits. One per controller; the
// specs are built once per template, revision and node.
import { type RequiredNodeAffinity, requiredNodeAffinity } from '../../../model/node-affinity.js';
import { type ShouldRun, nodeShouldRunDaemonPod, withDaemonSetTolerations } from '../../../model/workloads.js';
import type { PodTemplate } from '../../../model/types.js';
import type { ClusterState } from '../../state/cluster-state.js';
import type { SimNode } from '../../state/objects.js';
import type { SimControllerRevision, SimDaemonSet } from '../../state/workloads.js';

/** The node should run the DaemonSet's pod (shouldRun). */
export const RUN = 1;
/** A pod already there may continue running (shouldContinueRunning). */
export const CONTINUE = 2;

export class DaemonPodSpecs {
  constructor(private readonly c: ClusterState) {}

  /** nodeShouldRunDaemonPod as RUN | CONTINUE bits. */
  shouldRunBits(ds: SimDaemonSet, n: SimNode): number {
    const affinity = this.requiredAffinityOf(ds.template);
    const r: ShouldRun = nodeShouldRunDaemonPod(n, {
      nodeSelector: ds.template.nodeSelector,
      ...(affinity ? { requiredAffinity: (node) => affinity.match(node) } : {}),
      tolerations: this.c.templates.of(this.daemonTemplate(ds.template)).tolerations,
    });
    return (r.shouldRun ? RUN : 0) | (r.shouldContinueRunning ? CONTINUE : 0);
  }

  /** The template's required node affinity (nodeaffinity.GetRequiredNodeAffinity without the nodeSelector), or null. */
  private readonly affinities = new WeakMap<PodTemplate, RequiredNodeAffinity | null>();
  private requiredAffinityOf(t: PodTemplate): RequiredNodeAffinity | null {
    let a = this.affinities.get(t);
    if (a === undefined) this.affinities.set(t, (a = requiredNodeAffinity({}, t.affinity?.nodeAffinity)));
    return a;
  }

  /** The template with the tolerations every DaemonSet pod gets (NewPod, CreatePodTemplate). */
  private readonly daemonTemplates = new WeakMap<PodTemplate, PodTemplate>();
  private daemonTemplate(t: PodTemplate): PodTemplate {
    let d = this.daemonTemplates.get(t);
    if (!d) this.daemonTemplates.set(t, (d = { ...t, tolerations: withDaemonSetTolerations(t.tolerations) }));
    return d;
  }

  /** The revision's pod for `n`: the template, DaemonSet tolerations, pinned to the node (`specs`: the DaemonSet's, by revision). */
  specFor(specs: Map<SimControllerRevision, (PodTemplate | undefined)[]>, rev: SimControllerRevision, n: SimNode): PodTemplate {
    let list = specs.get(rev);
    if (!list) specs.set(rev, (list = []));
    let spec = list[n.index];
    if (!spec) list[n.index] = spec = { ...this.daemonTemplate(rev.template), requiredNodeName: n.name };
    return spec;
  }
}
