// Well-known names of the Kubernetes API that several parts of Headroom read: labels
// (staging/src/k8s.io/api/core/v1/well_known_labels.go), the node taints the control plane
// manages (well_known_taints.go) and the system priorities (pkg/apis/scheduling/types.go).

export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
/** The ReplicaSet's pod-template-hash label (apps/v1 DefaultDeploymentUniqueLabelKey). */
export const LABEL_POD_TEMPLATE_HASH = 'pod-template-hash';
/** Nodes with this label are left out of zone-disruption counts (node lifecycle controller). */
export const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
/** The label a StatefulSet's and DaemonSet's pods carry with their ControllerRevision's name/hash. */
export const LABEL_CONTROLLER_REVISION_HASH = 'controller-revision-hash';

/** SystemCriticalPriority: the value of system-cluster-critical; system-node-critical is +1000. */
export const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

/** The two built-in PriorityClasses (SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': SYSTEM_CRITICAL_PRIORITY,
  'system-node-critical': SYSTEM_CRITICAL_PRIORITY + 1000,
};

/** The label the API server puts on every Namespace (its name), for namespaceSelector terms. */
export const LABEL_NAMESPACE_NAME = 'kubernetes.io/metadata.name';
