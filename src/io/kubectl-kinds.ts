// The kind of a dumped object that does not say it. The API server leaves `kind` out of the
// items of a typed list (PodList, NodeList …, whose kind names them), and some tools write
// Lists whose items lack it; such items are recognised by their typed list, their selfLink
// (older API servers), or their shape: the fields only that kind has.

/** Resource names in selfLinks (`/api/v1/namespaces/x/pods/y`) → kinds Headroom reads. */
const RESOURCES: Readonly<Record<string, string>> = {
  nodes: 'Node',
  pods: 'Pod',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  jobs: 'Job',
  poddisruptionbudgets: 'PodDisruptionBudget',
  priorityclasses: 'PriorityClass',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
  services: 'Service',
  events: 'Event',
  endpoints: 'Endpoints',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  namespaces: 'Namespace',
  replicationcontrollers: 'ReplicationController',
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);

/** The kind `item` stands for, or undefined when nothing tells. */
export function inferKind(item: unknown, listKind: string | undefined): string | undefined {
  if (listKind) return listKind;
  const o = obj(item);
  if (!o) return undefined;
  const meta = obj(o.metadata);
  const selfLink = typeof meta?.selfLink === 'string' ? meta.selfLink : '';
  const resource = /\/([a-z]+)\/[^/]+$/.exec(selfLink)?.[1];
  if (resource && RESOURCES[resource]) return RESOURCES[resource];
  const spec = obj(o.spec);
  const status = obj(o.status);
  if (typeof o.value === 'number' && ('globalDefault' in o || 'preemptionPolicy' in o || 'description' in o)) return 'PriorityClass';
  if (!spec && !status) return undefined;
  if (Array.isArray(spec?.containers)) return 'Pod';
  if (status && ('nodeInfo' in status || 'daemonEndpoints' in status)) return 'Node';
  if (spec && ('podCIDR' in spec || 'providerID' in spec)) return 'Node';
  if (spec && 'scaleTargetRef' in spec) return 'HorizontalPodAutoscaler';
  if (spec && obj(spec.template)) {
    if ('serviceName' in spec || 'volumeClaimTemplates' in spec || 'podManagementPolicy' in spec) return 'StatefulSet';
    if ('completions' in spec || 'parallelism' in spec || 'backoffLimit' in spec || 'completionMode' in spec) return 'Job';
    if ('strategy' in spec || 'progressDeadlineSeconds' in spec) return 'Deployment';
    // The one workload with a template and no replicas (the API server defaults replicas on the
    // others, so dumps always carry it): a DaemonSet, with or without its updateStrategy.
    if (!('replicas' in spec)) return 'DaemonSet';
    const labels = obj(meta?.labels);
    if (labels && 'pod-template-hash' in labels) return 'ReplicaSet';
    const owners = Array.isArray(meta?.ownerReferences) ? (meta.ownerReferences as unknown[]) : [];
    if (owners.some((r) => obj(r)?.kind === 'Deployment')) return 'ReplicaSet';
    return undefined;
  }
  if (spec && ('minAvailable' in spec || 'maxUnavailable' in spec) && 'selector' in spec) return 'PodDisruptionBudget';
  return undefined;
}

/** What a kindless single object looks like, for the message that says kind is missing. */
export function looksLikeKubernetesObject(v: unknown): boolean {
  const o = obj(v);
  return o !== undefined && obj(o.metadata) !== undefined && ('spec' in o || 'status' in o) && !('inventory' in o) && !('events' in o);
}
