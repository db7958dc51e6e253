// One Deployment validation for every loader (pkg/apis/apps/validation ValidateDeploymentSpec,
// ValidateRollingUpdateDeployment): the same spec is refused the same way from workloads.csv, a
// scenario override / --set, and a kubectl dump.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_DEFAULTS, checkDeploymentSpec } from '../../src/model/deployment.js';
import { DEPLOYMENT_DEFAULTS as FROM_IO } from '../../src/io/template.js';
import { parseWorkloadsCsv } from '../../src/io/csv/workloads.js';
import { parseKubectlDump } from '../../src/io/kubectl.js';
import { loadScenario } from '../../src/io/scenario.js';
import { InputError } from '../../src/io/errors.js';

describe('checkDeploymentSpec', () => {
  it('defaults as SetDefaults_Deployment: replicas 1, RollingUpdate 25%/25%, deadline 600, history 10', () => {
    expect(checkDeploymentSpec({})).toEqual({ ok: true, spec: DEPLOYMENT_DEFAULTS });
    expect(FROM_IO).toBe(DEPLOYMENT_DEFAULTS);
    // Recreate has no rollingUpdate: both 0 in the model.
    expect(checkDeploymentSpec({ strategy: 'Recreate' })).toMatchObject({ ok: true, spec: { maxSurge: 0, maxUnavailable: 0 } });
  });

  it.each([
    // [input, field, detail] — each rule from ValidateDeploymentSpec / ValidateRollingUpdateDeployment
    [{ replicas: -1 }, 'replicas', /whole number ≥ 0/],
    [{ replicas: 1_500_001 }, 'replicas', /more than the limit of 1,500,000 pods at once/],
    [{ maxSurge: 0, maxUnavailable: 0 }, 'maxUnavailable', /may not be 0 when maxSurge is also 0/],
    [{ maxSurge: '0%', maxUnavailable: '0%' }, 'maxUnavailable', /may not be 0 when maxSurge is also 0/],
    [{ maxUnavailable: '150%' }, 'maxUnavailable', /must not be greater than 100%/],
    [{ maxUnavailable: '5' }, 'maxUnavailable', /integer or percentage/],
    [{ maxSurge: -1 }, 'maxSurge', /whole number ≥ 0/],
    [{ strategy: 'Recreate', maxSurge: 1 }, 'maxSurge', /not allowed with strategy Recreate/],
    [{ minReadySeconds: -5 }, 'minReadySeconds', /whole number ≥ 0/],
    [{ revisionHistoryLimit: -1 }, 'revisionHistoryLimit', /whole number ≥ 0/],
    [{ minReadySeconds: 600 }, 'progressDeadlineSeconds', /must be greater than minReadySeconds \(600\)/],
    // ValidatePodTemplateSpecForReplicaSet (issue 14), before the strategy's checks.
    [{ restartPolicy: 'Never', maxSurge: 0, maxUnavailable: 0 }, 'restartPolicy', /accepts only restartPolicy Always/],
    [{ restartPolicy: 'OnFailure' }, 'restartPolicy', /accepts only restartPolicy Always/],
  ] as const)('%j is refused at %s', (input, field, detail) => {
    const r = checkDeploymentSpec(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.field).toBe(field);
    expect(r.problem.detail).toMatch(detail);
  });

  it('maxSurge may exceed 100 % (only maxUnavailable is capped upstream), maxUnavailable 100% is fine', () => {
    expect(checkDeploymentSpec({ maxSurge: '200%', maxUnavailable: '100%' }).ok).toBe(true);
    expect(checkDeploymentSpec({ progressDeadlineSeconds: null, minReadySeconds: 10_000 }).ok).toBe(true);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'headroom-deploy-'));
const NODES = 'name,zone,cpu,memory,pods\nn1,a,4,16Gi,110\n';
writeFileSync(join(dir, 'nodes.csv'), NODES);
writeFileSync(join(dir, 'workloads.csv'), 'namespace,name,replicas,cpu_request,memory_request\nshop,web,2,100m,64Mi\n');

async function message(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

const dump = (ru: string) =>
  JSON.stringify({
    kind: 'List',
    items: [
      { kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } },
      {
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: JSON.parse(ru) }, template: { spec: { containers: [{ name: 'web' }] } } },
      },
    ],
  });

describe('the three loaders refuse the same Deployments', () => {
  it('maxSurge 0 and maxUnavailable 0: CSV row, scenario override, kubectl dump', async () => {
    expect(await message(parseWorkloadsCsv('namespace,name,replicas,cpu_request,memory_request,max_surge,max_unavailable\nshop,web,2,100m,64Mi,0,0\n', 'w.csv'))).toBe(
      'w.csv:2: max_unavailable "0": may not be 0 when max_surge is also 0: Kubernetes rejects such a Deployment, since the rollout could never progress',
    );
    writeFileSync(join(dir, 's.yaml'), 'inventory: {nodes: nodes.csv, workloads: workloads.csv}\n');
    expect(await message(loadScenario(join(dir, 's.yaml'), { set: ['workloads.shop/web.maxSurge=0', 'workloads.shop/web.maxUnavailable=0'] }))).toMatch(
      /workloads\.shop\/web\.maxUnavailable: may not be 0 when maxSurge is also 0: .* \(from --set workloads\.shop\/web\.maxUnavailable=0\)$/,
    );
    // Before: accepted from a dump while the same CSV row was refused.
    expect(await message(() => parseKubectlDump(dump('{"maxSurge": 0, "maxUnavailable": 0}'), 'd.json'))).toMatch(
      /^d\.json:\d+: items\[1\]\.spec\.strategy\.rollingUpdate\.maxUnavailable: "0": may not be 0 when maxSurge is also 0/,
    );
  });

  it('maxUnavailable 150%: refused by all three (accepted before)', async () => {
    expect(await message(parseWorkloadsCsv('namespace,name,replicas,cpu_request,memory_request,max_unavailable\nshop,web,2,100m,64Mi,150%\n', 'w.csv'))).toBe(
      'w.csv:2: max_unavailable "150%": must not be greater than 100% (Kubernetes rejects it)',
    );
    expect(await message(loadScenario(join(dir, 's.yaml'), { set: ['workloads.shop/web.maxUnavailable=150%'] }))).toMatch(
      /workloads\.shop\/web\.maxUnavailable: must not be greater than 100% .*\(from --set workloads\.shop\/web\.maxUnavailable=150%\)$/,
    );
    expect(await message(() => parseKubectlDump(dump('{"maxUnavailable": "150%"}'), 'd.json'))).toMatch(
      /items\[1\]\.spec\.strategy\.rollingUpdate\.maxUnavailable: "150%": must not be greater than 100%/,
    );
  });

  it('maxSurge 150% is accepted everywhere, as Kubernetes accepts it', async () => {
    const csv = await parseWorkloadsCsv('namespace,name,replicas,cpu_request,memory_request,max_surge\nshop,web,2,100m,64Mi,150%\n', 'w.csv');
    expect(csv.deployments[0].maxSurge).toBe('150%');
    const s = await loadScenario(join(dir, 's.yaml'), { set: ['workloads.shop/web.maxSurge=150%'] });
    expect(s.inventory.deployments[0].maxSurge).toBe('150%');
    expect(parseKubectlDump(dump('{"maxSurge": "150%"}'), 'd.json').deployments[0].maxSurge).toBe('150%');
  });
});
