// Hand-checked tables for component-helpers resource.PodRequests (KEP-753 sidecar formula), the
// scheduler's non-zero defaults, SetDefaults_Pod and the pod memory ceiling. The scheduler vectors
// (NodeResourcesFit.Filter) replay podRequests again in test/sim/controllers/scheduler.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MEMORY_REQUEST,
  defaultRequestsFromLimits,
  podMemoryLimit,
  runningMemoryRequest,
  podNonZeroRequests,
  podRequests,
  type PodResourceSpec,
} from '../../src/model/resources.js';
import type { Container, ResourceList } from '../../src/model/types.js';

const Mi = 1024 * 1024;
const c = (requests: ResourceList, limits: ResourceList = {}, sidecar = false): Container => ({
  name: 'c',
  requests,
  limits,
  ...(sidecar ? { sidecar } : {}),
});
const pod = (containers: Container[], initContainers: Container[] = [], overhead: ResourceList = {}): PodResourceSpec => ({
  containers,
  initContainers,
  overhead,
});

describe('podRequests (resource.PodRequests)', () => {
  it.each([
    ['no containers', pod([]), { cpu: 0, memory: 0 }],
    ['absent keys count 0', pod([c({}), c({ cpu: 250 })]), { cpu: 250, memory: 0 }],
    ['app containers add up', pod([c({ cpu: 100, memory: 64 * Mi }), c({ cpu: 200, memory: 32 * Mi })]), { cpu: 300, memory: 96 * Mi }],
    // init containers run one at a time: the largest counts, not the sum
    ['init max below app sum', pod([c({ cpu: 1000 })], [c({ cpu: 300 }), c({ cpu: 700 })]), { cpu: 1000, memory: 0 }],
    ['init max above app sum', pod([c({ cpu: 1000 })], [c({ cpu: 3000 }), c({ cpu: 2000 })]), { cpu: 3000, memory: 0 }],
    ['per resource independently', pod([c({ cpu: 1, memory: 5 })], [c({ cpu: 3, memory: 1 })]), { cpu: 3, memory: 5 }],
    ['overhead added after the max', pod([c({ cpu: 1, memory: 1 })], [c({ cpu: 4 })], { cpu: 3, memory: 13 }), { cpu: 7, memory: 14 }],
    // KEP-753: InitContainerUse(i) = sidecars started before i + init i; sidecars also join the app sum.
    // sidecar A 1, init B 2, sidecar C 3, init D 1, app E 2: app sum 2+1+3 = 6; init uses 1, 3, 4, 5.
    [
      'sidecars join the app sum',
      pod([c({ cpu: 2 })], [c({ cpu: 1 }, {}, true), c({ cpu: 2 }), c({ cpu: 3 }, {}, true), c({ cpu: 1 })]),
      { cpu: 6, memory: 0 },
    ],
    // app 1 + sidecar 1 = 2, but the init container after the sidecar needs 10 + 1 = 11.
    ['init after a sidecar carries it', pod([c({ cpu: 1 })], [c({ cpu: 1 }, {}, true), c({ cpu: 10 })]), { cpu: 11, memory: 0 }],
    // An init container before the sidecar does not carry it.
    ['init before a sidecar does not', pod([c({ cpu: 1 })], [c({ cpu: 10 }), c({ cpu: 1 }, {}, true)]), { cpu: 10, memory: 0 }],
  ])('%s', (_name, spec, want) => {
    expect(podRequests(spec)).toEqual(want);
  });
});

describe('podNonZeroRequests (scheduler non-zero defaults)', () => {
  it.each([
    ['no containers: nothing to default', pod([]), { cpu: 0, memory: 0 }],
    ['absent keys take 100m / 200Mi', pod([c({})]), { cpu: 100, memory: DEFAULT_MEMORY_REQUEST }],
    ['explicit 0 stays 0', pod([c({ cpu: 0, memory: 0 })]), { cpu: 0, memory: 0 }],
    ['per key: only the absent one defaults', pod([c({ cpu: 500 })]), { cpu: 500, memory: 200 * Mi }],
    ['per container', pod([c({ cpu: 500 }), c({ memory: 1 * Mi })]), { cpu: 600, memory: 201 * Mi }],
    ['init containers default too', pod([c({ cpu: 50, memory: 1 })], [c({})]), { cpu: 100, memory: 200 * Mi }],
    ['overhead on top', pod([c({})], [], { cpu: 10, memory: 10 }), { cpu: 110, memory: 200 * Mi + 10 }],
  ])('%s', (_name, spec, want) => {
    expect(podNonZeroRequests(spec)).toEqual(want);
  });
});

describe('defaultRequestsFromLimits (SetDefaults_Pod)', () => {
  it('copies a limit into an absent request', () => {
    const out = defaultRequestsFromLimits(c({}, { cpu: 1000, memory: 512 * Mi }));
    expect(out.requests).toEqual({ cpu: 1000, memory: 512 * Mi });
    expect(out.limits).toEqual({ cpu: 1000, memory: 512 * Mi });
  });

  it('keeps a request that is set, even to 0', () => {
    const out = defaultRequestsFromLimits(c({ cpu: 0, memory: 128 * Mi }, { cpu: 1000, memory: 512 * Mi }));
    expect(out.requests).toEqual({ cpu: 0, memory: 128 * Mi });
  });

  it('defaults each key on its own', () => {
    const out = defaultRequestsFromLimits(c({ cpu: 100 }, { memory: 256 * Mi }));
    expect(out.requests).toEqual({ cpu: 100, memory: 256 * Mi });
  });

  it('does not touch the input and returns it when nothing changes', () => {
    const input = c({ cpu: 1 }, {});
    expect(defaultRequestsFromLimits(input)).toBe(input);
    const limited = c({}, { cpu: 5 });
    defaultRequestsFromLimits(limited);
    expect(limited.requests).toEqual({});
  });
});

describe('runningMemoryRequest (the default working set)', () => {
  it.each([
    ['app containers summed', pod([c({ memory: 100 }, {}), c({ memory: 50 }, {})]), 150],
    ['a big init container does not count', pod([c({ memory: 100 }, {})], [c({ memory: 900 }, {})]), 100],
    ['sidecars count', pod([c({ memory: 100 }, {})], [c({ memory: 20 }, {}, true)]), 120],
    ['overhead does not count', pod([c({ memory: 100 }, {})], [], { memory: 50 }), 100],
    ['no requests: 0', pod([c({}, {})]), 0],
  ])('%s', (_name, spec, want) => {
    expect(runningMemoryRequest(spec)).toBe(want);
  });
});

describe('podMemoryLimit (pod-level OOM ceiling)', () => {
  it.each([
    ['one container with a limit', pod([c({}, { memory: 512 * Mi })]), 512 * Mi],
    ['sum of all app containers', pod([c({}, { memory: 512 * Mi }), c({}, { memory: 256 * Mi })]), 768 * Mi],
    ['any app container without a limit: none', pod([c({}, { memory: 512 * Mi }), c({}, { cpu: 1 })]), null],
    ['a limit of 0 is no limit', pod([c({}, { memory: 0 })]), null],
    ['plain init containers do not count', pod([c({}, { memory: 512 * Mi })], [c({}, {})]), 512 * Mi],
    ['sidecars run alongside and count', pod([c({}, { memory: 512 * Mi })], [c({}, { memory: 64 * Mi }, true)]), 576 * Mi],
    ['a sidecar without a limit: none', pod([c({}, { memory: 512 * Mi })], [c({}, {}, true)]), null],
    ['overhead is not part of the working set', pod([c({}, { memory: 100 })], [], { memory: 50 }), 100],
    ['no containers: none', pod([]), null],
  ])('%s', (_name, spec, want) => {
    expect(podMemoryLimit(spec)).toBe(want);
  });
});
