// The scheduling inputs: workloads.csv's anti_affinity, topology_spread and preemption_policy
// columns, their camelCase scenario keys (overrides and rollout `set:`), and the standard fields
// of kubectl dumps (spec.affinity, topologySpreadConstraints in full, preemptionPolicy,
// PriorityClass and Namespace objects) — with every error path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseWorkloadsCsv } from '../../src/io/csv/workloads.js';
import { InputError } from '../../src/io/errors.js';
import { parseKubectlDump } from '../../src/io/kubectl.js';
import { loadScenario } from '../../src/io/scenario.js';

const HEAD = 'namespace,name,replicas,cpu_request,memory_request,anti_affinity,topology_spread,preemption_policy,zone_spread';
const csv = (row: string) => parseWorkloadsCsv(`${HEAD}\n${row}\n`, 'workloads.csv');
async function csvError(row: string): Promise<string> {
  try {
    await csv(row);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('workloads.csv scheduling columns', () => {
  it('anti_affinity: required and preferred terms against the workload itself', async () => {
    const [d] = (await csv('shop,web,3,100m,128Mi,required:kubernetes.io/hostname;preferred:topology.kubernetes.io/zone:30,,,')).deployments;
    expect(d.template.affinity).toEqual({
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }],
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 30, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'topology.kubernetes.io/zone' } },
        ],
      },
    });
    const [p] = (await csv('shop,web,3,100m,128Mi,preferred:kubernetes.io/hostname,,,')).deployments;
    expect(p.template.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0].weight).toBe(100);
  });

  it('topology_spread: constraints with options, zone_spread added as its shorthand', async () => {
    const [d] = (await csv('shop,web,3,100m,128Mi,,kubernetes.io/hostname:2:ScheduleAnyway;topology.kubernetes.io/zone:1:DoNotSchedule:minDomains=3:nodeTaintsPolicy=Honor:matchLabelKeys=pod-template-hash,Never,')).deployments;
    expect(d.template.topologySpread).toEqual([
      { topologyKey: 'kubernetes.io/hostname', maxSkew: 2, whenUnsatisfiable: 'ScheduleAnyway' },
      { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', minDomains: 3, nodeTaintsPolicy: 'Honor', matchLabelKeys: ['pod-template-hash'] },
    ]);
    expect(d.template.preemptionPolicy).toBe('Never');
    const [z] = (await csv('shop,web,3,100m,128Mi,,kubernetes.io/hostname:1:DoNotSchedule,,2')).deployments;
    expect(z.template.topologySpread.map((c) => `${c.topologyKey}:${c.maxSkew}:${c.whenUnsatisfiable}`)).toEqual([
      'kubernetes.io/hostname:1:DoNotSchedule',
      'topology.kubernetes.io/zone:2:DoNotSchedule',
    ]);
  });

  it.each([
    ['shop,web,3,100m,128Mi,sometimes:kubernetes.io/hostname,,,', 'anti_affinity "sometimes:kubernetes.io/hostname": "sometimes:kubernetes.io/hostname": expected required:KEY or preferred:KEY[:WEIGHT]'],
    ['shop,web,3,100m,128Mi,required,,,', 'has no topology key'],
    ['shop,web,3,100m,128Mi,required:kubernetes.io/hostname:5,,,', 'only preferred terms have a weight'],
    ['shop,web,3,100m,128Mi,preferred:kubernetes.io/hostname:101,,,', 'the weight must be a whole number from 1 to 100'],
    ['shop,web,3,100m,128Mi,required:bad key,,,', '"bad key" is not a valid topology key'],
    ['shop,web,3,100m,128Mi,,topology.kubernetes.io/zone:1,,', 'expected KEY:MAXSKEW:WHEN'],
    ['shop,web,3,100m,128Mi,,topology.kubernetes.io/zone:0:DoNotSchedule,,', 'maxSkew must be a whole number ≥ 1'],
    ['shop,web,3,100m,128Mi,,topology.kubernetes.io/zone:1:Sometimes,,', 'expected DoNotSchedule or ScheduleAnyway'],
    ['shop,web,3,100m,128Mi,,topology.kubernetes.io/zone:1:ScheduleAnyway:minDomains=2,,', 'minDomains is only allowed with DoNotSchedule'],
    ['shop,web,3,100m,128Mi,,topology.kubernetes.io/zone:1:DoNotSchedule:colour=red,,', 'unknown option'],
    ['shop,web,3,100m,128Mi,,topology.kubernetes.io/zone:1:DoNotSchedule:nodeTaintsPolicy=Maybe,,', 'expected Honor or Ignore'],
    ['shop,web,3,100m,128Mi,,topology.kubernetes.io/zone:1:DoNotSchedule,,1', 'is given twice'],
    ['shop,web,3,100m,128Mi,,,Sometimes,', 'preemption_policy "Sometimes": expected PreemptLowerPriority or Never'],
  ])('%s → %s', async (row, message) => {
    const msg = await csvError(row);
    expect(msg).toContain('workloads.csv:2');
    expect(msg).toContain(message);
  });
});

describe('scenario keys antiAffinity, topologySpread, preemptionPolicy', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-sched-'));
    writeFileSync(join(dir, 'nodes.csv'), 'name,zone,cpu,memory,pods\nn1,a,4,16Gi,110\nn2,b,4,16Gi,110\n');
    writeFileSync(join(dir, 'workloads.csv'), 'namespace,name,replicas,cpu_request,memory_request,zone_spread\nshop,web,2,100m,128Mi,1\n');
  });
  const load = (yaml: string) => {
    writeFileSync(join(dir, 's.yaml'), yaml);
    return loadScenario(join(dir, 's.yaml'));
  };
  const error = async (yaml: string) => {
    try {
      await load(yaml);
    } catch (e) {
      if (e instanceof InputError) return e.message.replace(`${dir}/`, '');
      throw e;
    }
    throw new Error('expected an InputError');
  };
  const base = 'inventory: {nodes: nodes.csv, workloads: workloads.csv}\n';

  it('an override sets them; topologySpread replaces the constraints and zoneSpread is applied after it', async () => {
    const s = await load(
      `${base}workloads:\n  shop/web: {antiAffinity: "required:kubernetes.io/hostname", preemptionPolicy: Never, topologySpread: [{topologyKey: kubernetes.io/hostname, maxSkew: 1, whenUnsatisfiable: ScheduleAnyway}], zoneSpread: 2}\n`,
    );
    const t = s.inventory.deployments[0].template;
    expect(t.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0].topologyKey).toBe('kubernetes.io/hostname');
    expect(t.preemptionPolicy).toBe('Never');
    expect(t.topologySpread.map((c) => `${c.topologyKey}:${c.maxSkew}:${c.whenUnsatisfiable}`)).toEqual([
      'kubernetes.io/hostname:1:ScheduleAnyway',
      'topology.kubernetes.io/zone:2:DoNotSchedule',
    ]);
  });

  it('a rollout set: carries them to the new template, null removes them', async () => {
    const s = await load(
      `${base}workloads:\n  shop/web: {antiAffinity: "required:kubernetes.io/hostname"}\nevents:\n  - {at: 1m, rollout: {workload: shop/web, set: {antiAffinity: null, topologySpread: null, preemptionPolicy: Never}}}\n`,
    );
    const a = s.events[0].action;
    if (a.kind !== 'rollout') throw new Error('expected a rollout');
    expect(a.template.affinity).toBeUndefined();
    expect(a.template.topologySpread).toEqual([]);
    expect(a.template.preemptionPolicy).toBe('Never');
  });

  it.each([
    [`workloads:\n  shop/web: {antiAffinity: "always:kubernetes.io/hostname"}\n`, 'workloads.shop/web.antiAffinity: "always:kubernetes.io/hostname"'],
    [`workloads:\n  shop/web: {topologySpread: "zone:1"}\n`, 'workloads.shop/web.topologySpread: "zone:1": "zone:1": expected KEY:MAXSKEW:WHEN'],
    [`workloads:\n  shop/web: {topologySpread: [{topologyKey: kubernetes.io/hostname, maxSkew: 0, whenUnsatisfiable: DoNotSchedule}]}\n`, 'maxSkew'],
    [`workloads:\n  shop/web: {topologySpread: "topology.kubernetes.io/zone:3:DoNotSchedule"}\n`, null],
    [`workloads:\n  shop/web: {topologySpread: [{topologyKey: kubernetes.io/hostname, maxSkew: 1, whenUnsatisfiable: ScheduleAnyway, minDomains: 2}]}\n`, 'minDomains only allowed with whenUnsatisfiable DoNotSchedule'],
    [`workloads:\n  shop/web: {preemptionPolicy: Sometimes}\n`, 'workloads.shop/web.preemptionPolicy: expected "PreemptLowerPriority" or "Never"'],
  ])('%s', async (yaml, want) => {
    if (want === null) {
      // topologySpread replaces zone_spread's constraint, so the same key once is fine.
      await expect(load(base + yaml)).resolves.toBeDefined();
      return;
    }
    expect(await error(base + yaml)).toContain(want);
  });

  it('zoneSpread replaces the zone DoNotSchedule constraint only', async () => {
    const s = await load(`${base}workloads:\n  shop/web: {topologySpread: "topology.kubernetes.io/zone:3:DoNotSchedule;topology.kubernetes.io/zone:1:ScheduleAnyway", zoneSpread: 2}\n`);
    expect(s.inventory.deployments[0].template.topologySpread.map((c) => `${c.maxSkew}:${c.whenUnsatisfiable}`)).toEqual(['1:ScheduleAnyway', '2:DoNotSchedule']);
    expect(await error(`${base}workloads:\n  shop/web: {topologySpread: "kubernetes.io/hostname:1:DoNotSchedule;kubernetes.io/hostname:2:DoNotSchedule"}\n`)).toContain(
      'workloads.shop/web.topologySpread[1]: topologyKey "kubernetes.io/hostname" with DoNotSchedule is given twice',
    );
  });
});

const POD_SPEC = (extra: object) => ({ containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '64Mi' } } }], ...extra });
const dump = (items: object[]) =>
  JSON.stringify({
    kind: 'List',
    items: [
      { kind: 'Node', metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'a' } }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } },
      ...items,
    ],
  });
const deploy = (spec: object, name = 'web') => ({
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: { replicas: 2, template: { metadata: { labels: { app: name } }, spec: POD_SPEC(spec) } },
});

describe('kubectl dumps: affinity, spread, preemption, PriorityClass, Namespace', () => {
  it('keeps spec.affinity and every topologySpreadConstraint field, nulls dropped', () => {
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['a'] }], matchFields: null }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }],
      },
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname', namespaceSelector: null }],
      },
    };
    const spread = [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: 2, nodeTaintsPolicy: 'Honor', matchLabelKeys: ['pod-template-hash'], labelSelector: { matchLabels: { app: 'web' } } },
      { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
    ];
    const inv = parseKubectlDump(dump([deploy({ affinity, topologySpreadConstraints: spread, preemptionPolicy: 'Never' })]), 'd.json');
    const t = inv.deployments[0].template;
    expect(t.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['a'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }],
      },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] },
    });
    expect(t.topologySpread).toEqual([
      { ...spread[0] },
      // No selector in the dump: Kubernetes' nil selector (counts nothing), not the workload's own pods.
      { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: null },
    ]);
    expect(t.preemptionPolicy).toBe('Never');
  });

  it('PriorityClass objects give templates their value and preemptionPolicy; the global default applies to pods naming none', () => {
    const inv = parseKubectlDump(
      dump([
        { kind: 'PriorityClass', metadata: { name: 'batch-low' }, value: -10, preemptionPolicy: 'Never' },
        { kind: 'PriorityClass', metadata: { name: 'standard' }, value: 500, globalDefault: true },
        deploy({ priorityClassName: 'batch-low' }, 'etl'),
        deploy({}, 'web'),
        { kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'checkout' } } },
      ]),
      'd.json',
    );
    const [etl, web] = inv.deployments;
    expect([etl.template.priority, etl.template.preemptionPolicy]).toEqual([-10, 'Never']);
    expect([web.template.priority, web.template.preemptionPolicy]).toEqual([500, undefined]);
    expect(inv.namespaces).toEqual([{ name: 'shop', labels: { team: 'checkout' } }]);
  });

  const dumpError = (items: object[]) => {
    try {
      parseKubectlDump(dump(items), 'd.json');
    } catch (e) {
      if (e instanceof InputError) return e.message;
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it.each([
    [{ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'bad key!' }] } } }, 'spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', 'not a valid label key'],
    [{ affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'zone' } }] } } }, 'preferredDuringSchedulingIgnoredDuringExecution[0].weight', 'must be in the range 1-100'],
    [{ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1', '2'] }] }] } } } }, 'nodeSelectorTerms[0].matchExpressions[0]', 'takes exactly one value'],
    [{ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['x'] }] }] } } } }, 'matchFields[0]', 'not a supported field'],
    [{ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Near' }] }] } } } }, 'matchExpressions[0].operator', ''],
    [{ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }, { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] }, 'topologySpreadConstraints[1].topologyKey', 'given twice'],
    [{ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }] }, 'topologySpreadConstraints[0].minDomains', 'only allowed with whenUnsatisfiable DoNotSchedule'],
    [{ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['app'], labelSelector: { matchLabels: { app: 'web' } } }] }, 'matchLabelKeys', 'exists in both'],
    [{ preemptionPolicy: 'Sometimes' }, 'spec.template.spec.preemptionPolicy', ''],
  ])('%j', (spec, path, detail) => {
    const msg = dumpError([deploy(spec)]);
    expect(msg).toContain(path);
    expect(msg).toContain(detail);
    expect(msg).toContain('d.json');
  });
});
