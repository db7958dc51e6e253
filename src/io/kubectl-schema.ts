// zod schemas for the subset of Kubernetes objects Headroom reads from `kubectl get -o json|yaml`.
// Unknown fields (managedFields, status noise, ...) are ignored; `satisfies Shape<T>` checks
// every field name we read against the kubernetes-types definitions.
import { z } from 'zod';
import type {
  Affinity as K8sAffinity,
  Container as K8sContainer,
  NodeAffinity as K8sNodeAffinity,
  NodeSelector as K8sNodeSelector,
  NodeSelectorRequirement as K8sNodeSelectorRequirement,
  NodeSelectorTerm as K8sNodeSelectorTerm,
  PodAffinity as K8sPodAffinity,
  PodAffinityTerm as K8sPodAffinityTerm,
  PreferredSchedulingTerm as K8sPreferredSchedulingTerm,
  WeightedPodAffinityTerm as K8sWeightedPodAffinityTerm,
  ContainerState,
  ContainerStateRunning,
  ContainerStateTerminated,
  ContainerStateWaiting,
  ContainerStatus,
  Lifecycle,
  LifecycleHandler,
  NodeCondition,
  NodeSpec as K8sNodeSpec,
  NodeStatus,
  PodCondition,
  PodSpec,
  PodStatus,
  Probe as K8sProbe,
  ResourceRequirements,
  Taint as K8sTaint,
  Toleration as K8sToleration,
  TopologySpreadConstraint,
} from 'kubernetes-types/core/v1.js';
import type { DeploymentSpec, DeploymentStrategy, ReplicaSetSpec, RollingUpdateDeployment } from 'kubernetes-types/apps/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { CrossVersionObjectReference, HorizontalPodAutoscalerSpec } from 'kubernetes-types/autoscaling/v2.js';
import type { PodDisruptionBudgetSpec } from 'kubernetes-types/policy/v1.js';
import type { LabelSelector, LabelSelectorRequirement, ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';

type Shape<T> = { [K in keyof T]?: z.ZodType };

const opt = <T extends z.ZodType>(s: T) => s.nullish();
const int = z.number().int();
const quantity = z.union([z.string(), z.number()]);
const intOrString = z.union([z.number(), z.string()]);
const stringMap = z.record(z.string(), z.string());
const resourceList = z.record(z.string(), quantity);
/** An RFC 3339 time as the API writes it (`2024-11-17T10:19:31Z`); null where unset. */
const time = z.string().nullish();

export const Meta = z.object({
  name: z.string().min(1),
  namespace: opt(z.string()),
  labels: opt(stringMap),
  annotations: opt(stringMap),
  creationTimestamp: time,
  deletionTimestamp: time,
  deletionGracePeriodSeconds: opt(int),
  ownerReferences: opt(
    z.array(z.object({ kind: z.string(), name: z.string(), controller: opt(z.boolean()) } satisfies Shape<OwnerReference>)),
  ),
} satisfies Shape<ObjectMeta>);

const Probe = z.object({
  periodSeconds: opt(int),
  initialDelaySeconds: opt(int),
  successThreshold: opt(int),
  failureThreshold: opt(int),
} satisfies Shape<K8sProbe>);

const Handler = z.object({
  sleep: opt(z.object({ seconds: int })),
  exec: opt(z.object({ command: opt(z.array(z.string())) })),
} satisfies Shape<LifecycleHandler>);

export const Container = z.object({
  name: z.string(),
  image: opt(z.string()),
  resources: opt(z.object({ requests: opt(resourceList), limits: opt(resourceList) } satisfies Shape<ResourceRequirements>)),
  readinessProbe: opt(Probe),
  livenessProbe: opt(Probe),
  startupProbe: opt(Probe),
  restartPolicy: opt(z.string()),
  lifecycle: opt(z.object({ preStop: opt(Handler), postStart: opt(Handler) } satisfies Shape<Lifecycle>)),
  resizePolicy: opt(z.array(z.object({ resourceName: z.string(), restartPolicy: z.string() }))),
} satisfies Shape<K8sContainer>);

const Toleration = z.object({
  key: opt(z.string()),
  operator: opt(z.enum(['Exists', 'Equal', 'Lt', 'Gt'])),
  value: opt(z.string()),
  effect: opt(z.union([z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']), z.literal('')])),
  tolerationSeconds: opt(int),
} satisfies Shape<K8sToleration>);

const LabelSelectorSchema = z.object({
  matchLabels: opt(stringMap),
  matchExpressions: opt(
    z.array(
      z.object({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: opt(z.array(z.string())),
      } satisfies Shape<LabelSelectorRequirement>),
    ),
  ),
} satisfies Shape<LabelSelector>);

const NodeSelectorRequirementSchema = z.object({
  key: z.string(),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
  values: opt(z.array(z.string())),
} satisfies Shape<K8sNodeSelectorRequirement>);

const NodeSelectorTermSchema = z.object({
  matchExpressions: opt(z.array(NodeSelectorRequirementSchema)),
  matchFields: opt(z.array(NodeSelectorRequirementSchema)),
} satisfies Shape<K8sNodeSelectorTerm>);

const PodAffinityTermSchema = z.object({
  labelSelector: opt(LabelSelectorSchema),
  namespaces: opt(z.array(z.string())),
  namespaceSelector: opt(LabelSelectorSchema),
  topologyKey: z.string(),
  matchLabelKeys: opt(z.array(z.string())),
  mismatchLabelKeys: opt(z.array(z.string())),
} satisfies Shape<K8sPodAffinityTerm>);

const PodAffinitySchema = z.object({
  requiredDuringSchedulingIgnoredDuringExecution: opt(z.array(PodAffinityTermSchema)),
  preferredDuringSchedulingIgnoredDuringExecution: opt(
    z.array(z.object({ weight: int, podAffinityTerm: PodAffinityTermSchema } satisfies Shape<K8sWeightedPodAffinityTerm>)),
  ),
} satisfies Shape<K8sPodAffinity>);

const AffinitySchema = z.object({
  nodeAffinity: opt(
    z.object({
      requiredDuringSchedulingIgnoredDuringExecution: opt(
        z.object({ nodeSelectorTerms: z.array(NodeSelectorTermSchema) } satisfies Shape<K8sNodeSelector>),
      ),
      preferredDuringSchedulingIgnoredDuringExecution: opt(
        z.array(z.object({ weight: int, preference: NodeSelectorTermSchema } satisfies Shape<K8sPreferredSchedulingTerm>)),
      ),
    } satisfies Shape<K8sNodeAffinity>),
  ),
  podAffinity: opt(PodAffinitySchema),
  podAntiAffinity: opt(PodAffinitySchema),
} satisfies Shape<K8sAffinity>);

const Policy = z.enum(['Honor', 'Ignore']);

export const PodSpecSchema = z.object({
  containers: z.array(Container).min(1),
  initContainers: opt(z.array(Container)),
  overhead: opt(resourceList),
  priority: opt(int),
  priorityClassName: opt(z.string()),
  tolerations: opt(z.array(Toleration)),
  nodeSelector: opt(stringMap),
  topologySpreadConstraints: opt(
    z.array(
      z.object({
        maxSkew: int,
        topologyKey: z.string(),
        whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
        labelSelector: opt(LabelSelectorSchema),
        minDomains: opt(int),
        nodeAffinityPolicy: opt(Policy),
        nodeTaintsPolicy: opt(Policy),
        matchLabelKeys: opt(z.array(z.string())),
      } satisfies Shape<TopologySpreadConstraint>),
    ),
  ),
  terminationGracePeriodSeconds: opt(int),
  nodeName: opt(z.string()),
  restartPolicy: opt(z.enum(['Always', 'OnFailure', 'Never'])),
  readinessGates: opt(z.array(z.object({ conditionType: z.string() }))),
  volumes: opt(z.array(z.object({ name: z.string(), emptyDir: opt(z.object({ medium: opt(z.string()), sizeLimit: opt(quantity) })) }))),
  affinity: opt(AffinitySchema),
  preemptionPolicy: opt(z.enum(['PreemptLowerPriority', 'Never'])),
} satisfies Shape<PodSpec>);

const Terminated = z.object({
  startedAt: time,
  finishedAt: time,
  exitCode: opt(int),
  reason: opt(z.string()),
} satisfies Shape<ContainerStateTerminated>);

const State = z.object({
  waiting: opt(z.object({ reason: opt(z.string()) } satisfies Shape<ContainerStateWaiting>)),
  running: opt(z.object({ startedAt: time } satisfies Shape<ContainerStateRunning>)),
  terminated: opt(Terminated),
} satisfies Shape<ContainerState>);

const ContainerStatusSchema = z.object({
  name: z.string(),
  restartCount: opt(int),
  ready: opt(z.boolean()),
  state: opt(State),
  lastState: opt(State),
} satisfies Shape<ContainerStatus>);

export const PodSchema = z.object({
  metadata: Meta,
  spec: PodSpecSchema,
  status: opt(
    z.object({
      phase: opt(z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'])),
      reason: opt(z.string()),
      conditions: opt(z.array(z.object({ type: z.string(), status: z.string(), lastTransitionTime: time } satisfies Shape<PodCondition>))),
      containerStatuses: opt(z.array(ContainerStatusSchema)),
      initContainerStatuses: opt(z.array(ContainerStatusSchema)),
    } satisfies Shape<PodStatus>),
  ),
});

export const DeploymentSchema = z.object({
  metadata: Meta,
  spec: z.object({
    replicas: opt(int),
    strategy: opt(
      z.object({
        type: opt(z.enum(['RollingUpdate', 'Recreate'])),
        rollingUpdate: opt(z.object({ maxSurge: opt(intOrString), maxUnavailable: opt(intOrString) } satisfies Shape<RollingUpdateDeployment>)),
      } satisfies Shape<DeploymentStrategy>),
    ),
    minReadySeconds: opt(int),
    progressDeadlineSeconds: opt(int),
    revisionHistoryLimit: opt(int),
    template: z.object({ metadata: opt(z.object({ labels: opt(stringMap) })), spec: PodSpecSchema }),
  } satisfies Shape<DeploymentSpec>),
});

export const ReplicaSetSchema = z.object({
  metadata: Meta,
  spec: opt(
    z.object({
      replicas: opt(int),
      template: opt(z.object({ metadata: opt(z.object({ labels: opt(stringMap) })), spec: opt(PodSpecSchema) })),
    } satisfies Shape<ReplicaSetSpec>),
  ),
});

export const HpaSchema = z.object({
  metadata: Meta,
  spec: z.object({
    scaleTargetRef: z.object({ kind: z.string(), name: z.string() } satisfies Shape<CrossVersionObjectReference>),
    minReplicas: opt(int),
    maxReplicas: int,
  } satisfies Shape<HorizontalPodAutoscalerSpec>),
});

export const NodeSchema = z.object({
  metadata: Meta,
  spec: opt(
    z.object({
      taints: opt(
        z.array(
          z.object({
            key: z.string(),
            value: opt(z.string()),
            effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
            timeAdded: time,
          } satisfies Shape<K8sTaint>),
        ),
      ),
      unschedulable: opt(z.boolean()),
    } satisfies Shape<K8sNodeSpec>),
  ),
  status: opt(
    z.object({
      allocatable: opt(resourceList),
      capacity: opt(resourceList),
      conditions: opt(
        z.array(z.object({ type: z.string(), status: z.string(), lastHeartbeatTime: time, lastTransitionTime: time } satisfies Shape<NodeCondition>)),
      ),
    } satisfies Shape<NodeStatus>),
  ),
});

export const PdbSchema = z.object({
  metadata: Meta,
  spec: z.object({
    minAvailable: opt(intOrString),
    maxUnavailable: opt(intOrString),
    selector: opt(
      z.object({
        matchLabels: opt(stringMap),
        matchExpressions: opt(
          z.array(z.object({ key: z.string(), operator: z.string(), values: opt(z.array(z.string())) })),
        ),
      } satisfies Shape<LabelSelector>),
    ),
  } satisfies Shape<PodDisruptionBudgetSpec>),
});

export const PriorityClassSchema = z.object({
  metadata: Meta,
  value: int,
  globalDefault: opt(z.boolean()),
  preemptionPolicy: opt(z.enum(['PreemptLowerPriority', 'Never'])),
} satisfies Shape<PriorityClass>);

export const NamespaceSchema = z.object({ metadata: Meta });

export type RawPodSpec = z.infer<typeof PodSpecSchema>;
export type RawPriorityClass = z.infer<typeof PriorityClassSchema>;
export type RawContainer = z.infer<typeof Container>;
export type RawMeta = z.infer<typeof Meta>;
export type RawPod = z.infer<typeof PodSchema>;
export type RawDeployment = z.infer<typeof DeploymentSchema>;
export type RawNode = z.infer<typeof NodeSchema>;
export type RawPdb = z.infer<typeof PdbSchema>;
export type RawReplicaSet = z.infer<typeof ReplicaSetSchema>;
export type RawHpa = z.infer<typeof HpaSchema>;
export type RawContainerStatus = z.infer<typeof ContainerStatusSchema>;
