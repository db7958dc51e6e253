import { describe, expect, it } from 'vitest';
import { applySetOverrides, applySetOverridesTracked, overridesHash } from '../../src/io/set-overrides.js';
import { PATCH_KEYS } from '../../src/io/scenario-schema-workloads.js';

const doc = {
  name: 'x',
  workloads: { 'shop/checkout': { maxSurge: '25%' } },
  cluster: { evictionHard: { 'memory.available': '100Mi' } },
  events: [{ at: '1m', cordon: { node: 'n1' } }],
};

describe('applySetOverrides', () => {
  it('sets values by dotted path, parsed as YAML scalars, without touching the input', () => {
    const out = applySetOverrides(doc, ['workloads.shop/checkout.maxSurge=50%', 'events.0.at=10m', 'seed=3', 'description=', 'cluster.version="1.30"']);
    expect(out).toEqual({
      ...doc,
      workloads: { 'shop/checkout': { maxSurge: '50%' } },
      events: [{ at: '10m', cordon: { node: 'n1' } }],
      seed: 3,
      description: null,
      cluster: { ...doc.cluster, version: '1.30' },
    });
    expect(doc.events[0].at).toBe('1m');
  });

  it('matches keys that contain dots and creates missing ones', () => {
    const { doc: out, applied } = applySetOverridesTracked(
      doc,
      [
        'cluster.evictionHard.memory.available=200Mi',
        'cluster.evictionSoft.memory.available=500Mi',
        'workloads.shop/api.v2.replicas=4',
        'workloads.shop/web.nodeSelector.topology.kubernetes.io/zone=eu-1a',
        'events.1.at=5m',
        'events.1.drain.node=n2',
        'workloads.shop/web.tolerations.0.key=dedicated',
      ],
      PATCH_KEYS,
    );
    expect(out).toMatchObject({
      cluster: { evictionHard: { 'memory.available': '200Mi' }, evictionSoft: { 'memory.available': '500Mi' } },
      workloads: {
        'shop/api.v2': { replicas: 4 },
        'shop/web': { nodeSelector: { 'topology.kubernetes.io/zone': 'eu-1a' }, tolerations: [{ key: 'dedicated' }] },
      },
      events: [{ at: '1m' }, { at: '5m', drain: { node: 'n2' } }],
    });
    expect(applied[0].path).toEqual(['cluster', 'evictionHard', 'memory.available']);
    expect(applied[2].path).toEqual(['workloads', 'shop/api.v2', 'replicas']);
    expect(applied[4].path).toEqual(['events', 1, 'at']);
  });

  it.each([
    ['events.5.at=1m', '--set events.5.at=1m: events has 1 item: index 5 is out of range (1 appends one)'],
    ['events.first.at=1m', '--set events.first.at=1m: events is a list: expected an index, got "first"'],
    ['name.x=1', '--set name.x=1: name is "x", not a mapping or list: cannot set "x" inside it'],
    ['seed', '--set seed: expected KEY=VALUE, e.g. workloads.shop/checkout.maxSurge=50%'],
    ['=3', '--set =3: "" is not a dotted path (empty segment)'],
    ['a.=3', '--set a.=3: "a." is not a dotted path (empty segment)'],
    ['name=[1,', /^--set name=\[1,: the value is not valid YAML/],
  ])('rejects %s', (set, message) => {
    expect(() => applySetOverrides(doc, [set])).toThrow(message);
  });
});

describe('overridesHash (the default report folder of a run with --set)', () => {
  it('8 hex digits, the same for the same overrides however spelled', () => {
    const h = overridesHash(['workloads.shop/web.maxSurge=50%', 'duration=10m']);
    expect(h).toMatch(/^[0-9a-f]{8}$/);
    // Spaces around the key and the value, YAML spellings of one value, key order in a mapping,
    // and the order of overrides touching unrelated fields do not matter.
    expect(overridesHash([' duration = 10m ', 'workloads.shop/web.maxSurge=  50%'])).toBe(h);
    expect(overridesHash(['a={x: 1, y: 2}'])).toBe(overridesHash(['a={y: 2, x: 1}']));
    expect(overridesHash(['a=3'])).toBe(overridesHash(['a=0x3']));
  });

  it('differs when the overrides differ, and keeps the order of related ones', () => {
    expect(overridesHash(['a=1'])).not.toBe(overridesHash(['a=2']));
    expect(overridesHash(['a=1'])).not.toBe(overridesHash(['b=1']));
    // A later override of a prefix rewrites the earlier one: order matters there.
    expect(overridesHash(['w.x.maxSurge=1', 'w.x={maxSurge: 2}'])).not.toBe(overridesHash(['w.x={maxSurge: 2}', 'w.x.maxSurge=1']));
  });
});
