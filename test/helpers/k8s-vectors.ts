// Converts the Kubernetes-shaped vector JSON (quantity strings, optional keys) into Headroom's
// model types. Keys other than cpu and memory (hugepages, ephemeral-storage) are dropped, as the
// model has no place for them.
import { parseBytes, parseCpu } from '../../src/model/quantity.js';
import type { Container, ResourceList, Taint, TaintEffect, Toleration, TolerationOperator } from '../../src/model/types.js';

export type VectorList = Record<string, string | undefined>;
export interface VectorContainer {
  name: string;
  requests?: VectorList;
  limits?: VectorList;
}

export function resourceList(v: VectorList | undefined): ResourceList {
  const out: { cpu?: number; memory?: number } = {};
  if (v?.cpu !== undefined) out.cpu = parseCpu(v.cpu);
  if (v?.memory !== undefined) out.memory = parseBytes(v.memory);
  return out;
}

export function container(v: VectorContainer, sidecar = false): Container {
  return { name: v.name, requests: resourceList(v.requests), limits: resourceList(v.limits), ...(sidecar ? { sidecar } : {}) };
}

export interface VectorToleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number | null;
}

/** An absent operator is Equal, as ToleratesTaint treats "". */
export function toleration(v: VectorToleration): Toleration {
  return {
    key: v.key ?? '',
    operator: (v.operator || 'Equal') as TolerationOperator,
    value: v.value ?? '',
    effect: (v.effect ?? '') as TaintEffect | '',
    tolerationSeconds: v.tolerationSeconds ?? null,
  };
}

export function taint(v: { key: string; value?: string; effect: string }): Taint {
  return { key: v.key, value: v.value ?? '', effect: v.effect as TaintEffect };
}
