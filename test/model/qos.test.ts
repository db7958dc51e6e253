// Replays qos_test.go TestComputePodQOS and TestCollectContainerLevelResources
// (test/fixtures/vectors-node.json).
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/vectors-node.json' with { type: 'json' };
import { collectContainerLevelResources, computePodQOS } from '../../src/model/qos.js';
import { defaultRequestsFromLimits } from '../../src/model/resources.js';
import { container, resourceList, type VectorContainer } from '../helpers/k8s-vectors.js';

type PodInput = { containers: VectorContainer[]; initContainers?: VectorContainer[] };
const spec = (p: PodInput) => ({
  containers: p.containers.map((c) => container(c)),
  initContainers: (p.initContainers ?? []).map((c) => container(c)),
});

const computeCases = vectors.ComputePodQOS.cases;
// Headroom has no pod-level resources (spec.resources): the six cases that need the
// PodLevelResources gate are about a field the model cannot express, so they are left out.
const containerLevel = computeCases.filter((c) => !c.input.podLevelResourcesEnabled);

describe('ComputePodQOS (TestComputePodQOS)', () => {
  it('replays every container-level case', () => {
    expect(containerLevel.length).toBe(14);
    expect(computeCases.length - containerLevel.length).toBe(6);
  });

  it.each(containerLevel)('$name', ({ input, expected }) => {
    expect(computePodQOS(spec(input as PodInput))).toBe(expected.qosClass);
  });
});

describe('collectContainerLevelResources (TestCollectContainerLevelResources)', () => {
  it.each(vectors.collectContainerLevelResources.cases)('$name', ({ input, expected }) => {
    const got = collectContainerLevelResources(spec(input as PodInput));
    expect(got.requests).toEqual(resourceList(expected.requests));
    expect(got.limits).toEqual(resourceList(expected.limits));
    expect(got.allContainersHaveCpuAndMemoryLimits).toBe(expected.allContainersHaveCpuAndMemoryLimits);
  });
});

describe('QoS after API defaulting', () => {
  it('limits only: Burstable raw, Guaranteed once requests are defaulted from limits', () => {
    const raw = { containers: [container({ name: 'a', limits: { cpu: '1', memory: '1Gi' } })], initContainers: [] };
    expect(computePodQOS(raw)).toBe('Burstable');
    expect(computePodQOS({ ...raw, containers: raw.containers.map(defaultRequestsFromLimits) })).toBe('Guaranteed');
  });

  it('an init container without limits makes a Guaranteed-looking pod Burstable', () => {
    const g = container({ name: 'a', requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(computePodQOS({ containers: [g], initContainers: [] })).toBe('Guaranteed');
    expect(computePodQOS({ containers: [g], initContainers: [container({ name: 'i', requests: { cpu: '1' } })] })).toBe('Burstable');
  });
});
