// Jobs in every loader: workloads.csv (kind Job and its columns, restart_policy OnFailure by
// default), pods.csv, a scenario's overrides and events (scale = parallelism, rollout refused),
// and kubectl dumps (a Job's spec and status, its pods by owner reference, the tracking
// finalizer, completion indexes). Every refusal has a test; messages name file and line or the
// field path.
import { describe, expect, it } from 'vitest';
import { parsePodsCsv } from '../../src/io/csv/pods.js';
import { parseWorkloadsCsv } from '../../src/io/csv/workloads.js';
import { parsePodFailurePolicy } from '../../src/io/job-cells.js';
import { parseKubectlDump } from '../../src/io/kubectl.js';
import { scenarioFromDocument } from '../../src/io/scenario.js';
import { checkInventoryLimits } from '../../src/io/inventory.js';
import { Simulation } from '../../src/sim/simulation.js';
import { scenario as scenarioOf } from '../helpers/scenario.js';
import { INVENTORY_BASE, inputError, scenarioFolder } from '../helpers/inputs.js';

const HEADER = 'namespace,name,kind,replicas,cpu_request,memory_request,completions,parallelism,backoff_limit,completion_mode,active_deadline_seconds,pod_replacement_policy,pod_failure_policy,restart_policy,max_surge,exit_after_seconds,exit_code\n';

const error = inputError;

describe('workloads.csv Jobs', () => {
  it('reads a Job with its defaults: completions and parallelism 1, backoffLimit 6, OnFailure, NonIndexed, TerminatingOrFailed', async () => {
    const r = await parseWorkloadsCsv(HEADER + 'batch,report,Job,,1,2Gi,,,,,,,,,,,\n', 'workloads.csv');
    expect(r.jobs).toHaveLength(1);
    expect(r.jobs[0]).toMatchObject({
      namespace: 'batch',
      name: 'report',
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      activeDeadlineSeconds: null,
      podReplacementPolicy: 'TerminatingOrFailed',
      podFailurePolicy: null,
      suspend: false,
    });
    expect(r.jobs[0].template.restartPolicy).toBe('OnFailure');
    expect(r.deployments).toEqual([]);
  });

  it('reads every Job column; parallelism alone leaves completions unset (a work queue)', async () => {
    const r = await parseWorkloadsCsv(
      HEADER +
        'batch,a,job,,1,1Gi,10,3,2,Indexed,600,Failed,Ignore:DisruptionTarget;FailJob:exit=42,Never,,30,1\n' +
        'batch,b,Job,,1,1Gi,,4,,,,,,,,,\n',
      'workloads.csv',
    );
    expect(r.jobs[0]).toMatchObject({
      completions: 10,
      parallelism: 3,
      backoffLimit: 2,
      completionMode: 'Indexed',
      activeDeadlineSeconds: 600,
      podReplacementPolicy: 'Failed',
      podFailurePolicy: [
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        { action: 'FailJob', onExitCodes: { containerName: null, operator: 'In', values: [42] } },
      ],
    });
    expect(r.jobs[0].template).toMatchObject({ restartPolicy: 'Never', exitAfterSeconds: 30, exitCode: 1 });
    expect(r.jobs[1]).toMatchObject({ completions: null, parallelism: 4 });
  });

  it.each([
    ['batch,j,Job,,1,1Gi,-1,,,,,,,,,,', 'workloads.csv:2: completions "-1": must not be negative'],
    ['batch,j,Job,,1,1Gi,,2000000,,,,,,,,,', 'workloads.csv:2: parallelism "2000000": more than the limit of 1,500,000 pods at once. Headroom simulates at most 1,500,000 pods at once: lower replicas, or split the workloads over several scenarios'],
    ['batch,j,Job,,1,1Gi,,,2.5,,,,,,,,', 'workloads.csv:2: backoff_limit "2.5": expected a whole number'],
    ['batch,j,Job,,1,1Gi,,,six,,,,,,,,', 'workloads.csv:2: backoff_limit "six": expected a whole number ≥ 0'],
    ['batch,j,Job,,1,1Gi,,,,Ordered,,,,,,,', 'workloads.csv:2: completion_mode "Ordered": expected NonIndexed or Indexed'],
    ['batch,j,Job,,1,1Gi,,3,,Indexed,,,,,,,', 'workloads.csv:2: completions "": required when completion_mode is Indexed'],
    ['batch,j,Job,,1,1Gi,200000,200000,,Indexed,,,,,,,', 'workloads.csv:2: parallelism "200000": must be at most 100,000 when completion_mode is Indexed'],
    ['batch,j,Job,,1,1Gi,,,,,-5,,,,,,', 'workloads.csv:2: active_deadline_seconds "-5": must not be negative'],
    ['batch,j,Job,,1,1Gi,,,,,,Sometimes,,,,,', 'workloads.csv:2: pod_replacement_policy "Sometimes": expected TerminatingOrFailed or Failed'],
    ['batch,j,Job,,1,1Gi,,,,,,TerminatingOrFailed,Ignore:DisruptionTarget,Never,,,', 'workloads.csv:2: pod_replacement_policy "TerminatingOrFailed": only Failed is supported with a pod_failure_policy'],
    ['batch,j,Job,,1,1Gi,,,,,,,Ignore:DisruptionTarget,OnFailure,,,', 'workloads.csv:2: restart_policy "OnFailure": only Never is supported when a pod_failure_policy is given'],
    ['batch,j,Job,,1,1Gi,,,,,,,Skip:exit=1,Never,,,', 'workloads.csv:2: pod_failure_policy "Skip:exit=1": "Skip:exit=1": expected ACTION:WHAT with ACTION FailJob, Ignore or Count'],
    ['batch,j,Job,,1,1Gi,,,,,,,FailJob:exit=0,Never,,,', 'workloads.csv:2: pod_failure_policy "FailJob:exit=0": rule 1: exit code 0 is not allowed with In'],
    ['batch,j,Job,,1,1Gi,,,,,,,"FailJob:exit=3,2",Never,,,', 'workloads.csv:2: pod_failure_policy "FailJob:exit=3,2": rule 1: exit codes must be given in increasing order, each once'],
    ['batch,j,Job,,1,1Gi,,,,,,,,Always,,,', 'workloads.csv:2: restart_policy "Always": a Job accepts only restartPolicy OnFailure or Never (Kubernetes rejects Always: a Job runs its pods to completion)'],
    ['batch,j,Job,3,1,1Gi,,,,,,,,,,,', 'workloads.csv:2: replicas "3": not a Job field: a Job has no replicas: it runs `parallelism` pods at a time until `completions` of them succeed (leave replicas empty, set parallelism)'],
    ['batch,j,Job,,1,1Gi,,,,,,,,,25%,,', 'workloads.csv:2: max_surge "25%": not a Job field: a Job runs its pods to completion: it has no rolling update'],
    ['shop,web,,2,1,1Gi,5,,,,,,,,,,', 'workloads.csv:2: completions "5": not a Deployment field: only for Jobs'],
    ['shop,web,StatefulSet,2,1,1Gi,,,3,,,,,,,,', 'workloads.csv:2: backoff_limit "3": not a StatefulSet field: only for Jobs'],
  ])('refuses %s', async (line, message) => {
    expect(await error(parseWorkloadsCsv(HEADER + line + '\n', 'workloads.csv'))).toBe(message);
  });

  it('a duplicate Job is refused with the first line', async () => {
    expect(await error(parseWorkloadsCsv(HEADER + 'batch,j,Job,,1,1Gi,,,,,,,,,,,\nbatch,j,Job,,1,1Gi,,,,,,,,,,,\n', 'workloads.csv'))).toBe(
      'workloads.csv:3: duplicate Job "batch/j" (first on line 2)',
    );
  });
});

describe('pod_failure_policy cells', () => {
  it('reads exit codes In / NotIn and pod conditions with a status', () => {
    expect(parsePodFailurePolicy('count:exit!=0,1 ; Ignore:Ready=False')).toEqual([
      { action: 'Count', onExitCodes: { containerName: null, operator: 'NotIn', values: [0, 1] } },
      { action: 'Ignore', onPodConditions: [{ type: 'Ready', status: 'False' }] },
    ]);
  });
  it.each([
    ['', 'expected rules like Ignore:DisruptionTarget;FailJob:exit=42'],
    ['FailJob', '"FailJob": expected ACTION:WHAT with ACTION FailJob, Ignore or Count'],
    ['FailJob:exit=a', '"FailJob:exit=a": exit codes are whole numbers separated by ","'],
    ['Ignore:Ready=Maybe', '"Ignore:Ready=Maybe": expected exit=CODES, exit!=CODES or a pod condition (DisruptionTarget, Ready=False)'],
  ])('refuses %j', (text, message) => {
    expect(() => parsePodFailurePolicy(text)).toThrow(message);
  });
});

describe('pods.csv pods of a Job', () => {
  const refs = { nodes: new Set(['n1']), workloads: new Set<string>(), jobs: new Set(['batch/idx']) };
  it('belong to the Job (owner kind Job); an Indexed Job pod\'s index comes from its name', () => {
    const pods = parsePodsCsv('namespace,workload,name,node,phase\nbatch,idx,idx-3-abcde,n1,Running\nbatch,job/idx,idx-0-xyzzy,n1,Succeeded\n', 'pods.csv', refs);
    expect(pods.map((p) => [p.name, p.workload, p.workloadKind, p.ownerKind, p.completionIndex, p.phase])).toEqual([
      ['idx-3-abcde', 'batch/idx', 'Job', 'Job', 3, 'Running'],
      ['idx-0-xyzzy', 'batch/idx', 'Job', 'Job', 0, 'Succeeded'],
    ]);
  });
});

describe('scenario overrides and events of a Job', () => {
  const { load, msg } = scenarioFolder('jobs', 'name,zone,cpu,memory,pods\nn1,zone-a,4,16Gi,110\n', HEADER + 'batch,report,Job,,1,1Gi,10,2,,,,,,,,,\nshop,web,,2,100m,128Mi,,,,,,,,,,,\n');
  const BASE = INVENTORY_BASE;

  it('overrides a Job\'s fields (camelCase keys) and its template; scale sets parallelism', async () => {
    const s = await load(
      BASE +
        'workloads:\n  batch/report: {parallelism: 4, backoffLimit: 1, activeDeadlineSeconds: 10m, podFailurePolicy: "Ignore:DisruptionTarget", restartPolicy: Never, exitAfterSeconds: 60}\n' +
        'events:\n  - {at: 1m, scale: {workload: batch/report, replicas: 6}}\n',
    );
    expect(s.inventory.jobs![0]).toMatchObject({ parallelism: 4, backoffLimit: 1, activeDeadlineSeconds: 600, podReplacementPolicy: 'Failed', completions: 10 });
    expect(s.inventory.jobs![0].template).toMatchObject({ restartPolicy: 'Never', exitAfterSeconds: 60 });
    expect(s.events.map((e) => [e.action, e.label])).toEqual([[{ kind: 'scale', workload: 'batch/report', replicas: 6 }, 'scale batch/report to parallelism 6']]);
  });

  it('a --set on a Job field lands on the Job; a bad value names the --set', async () => {
    const s = await load(BASE, ['workloads.batch/report.completions=20']);
    expect(s.inventory.jobs![0].completions).toBe(20);
    expect(await msg(BASE, ['workloads.batch/report.backoffLimit=lots'])).toMatch(/^scenario\.yaml: workloads\.batch\/report\.backoffLimit: .*\(from --set workloads\.batch\/report\.backoffLimit=lots\)$/);
  });

  it.each([
    ['events:\n  - {at: 0s, rollout: {workload: batch/report}}\n', 'scenario.yaml:4: events[0].rollout.workload: "batch/report" is a Job: its pod template cannot change (Kubernetes refuses an update of a Job\'s spec.template); scale changes its parallelism'],
    ['events:\n  - {at: 0s, rollout: {workload: batch/report, set: {image: r:2}}}\n', 'scenario.yaml:4: events[0].rollout.workload: "batch/report" is a Job: its pod template cannot change (Kubernetes refuses an update of a Job\'s spec.template); scale changes its parallelism'],
    ['events:\n  - {at: 0s, scale: {workload: batch/report, replicas: 2000000}}\n', 'scenario.yaml:4: events[0].scale.replicas: more than the limit of 1,500,000 pods at once. Headroom simulates at most 1,500,000 pods at once: lower replicas, or split the workloads over several scenarios'],
    ['workloads:\n  batch/report: {replicas: 3}\n', 'scenario.yaml:4: workloads.batch/report.replicas: not a Job field: a Job has no replicas: it runs parallelism pods at a time until completions of them succeed (set parallelism)'],
    ['workloads:\n  batch/report: {maxSurge: 1}\n', 'scenario.yaml:4: workloads.batch/report.maxSurge: not a Job field: a Job runs its pods to completion: it has no rolling update'],
    ['workloads:\n  batch/report: {restartPolicy: Always}\n', 'scenario.yaml:4: workloads.batch/report.restartPolicy: a Job accepts only restartPolicy OnFailure or Never (Kubernetes rejects Always: a Job runs its pods to completion)'],
    ['workloads:\n  batch/report: {completionMode: Indexed, completions: null}\n', 'scenario.yaml:4: workloads.batch/report.completions: required when completionMode is Indexed'],
    ['workloads:\n  batch/report: {podFailurePolicy: "FailJob:exit=1"}\n', 'scenario.yaml:4: workloads.batch/report.restartPolicy: only Never is supported when a podFailurePolicy is given'],
    ['workloads:\n  batch/report: {podFailurePolicy: "Oops"}\n', 'scenario.yaml:4: workloads.batch/report.podFailurePolicy: "Oops": "Oops": expected ACTION:WHAT with ACTION FailJob, Ignore or Count'],
    ['workloads:\n  shop/web: {parallelism: 3}\n', 'scenario.yaml:4: workloads.shop/web.parallelism: not a Deployment field: only Jobs have it'],
  ])('refuses %s', async (yaml, message) => {
    expect(await msg(BASE + yaml)).toBe(message);
  });
});

describe('kubectl dumps with Jobs', () => {
  const tmpl = (restartPolicy = 'Never') => ({ metadata: { labels: { 'job-name': 'report' } }, spec: { restartPolicy, containers: [{ name: 'c', resources: { requests: { cpu: '500m', memory: '1Gi' } } }] } });
  const nodeObj = { kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } } };
  const jobPod = (name: string, phase: string, extra: { finalizers?: string[]; annotations?: Record<string, string>; node?: string; ready?: boolean } = {}) => ({
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'batch',
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'report', controller: true }],
      ...(extra.finalizers ? { finalizers: extra.finalizers } : {}),
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
      creationTimestamp: '2026-01-01T10:00:00Z',
    },
    spec: { nodeName: extra.node ?? 'n1', restartPolicy: 'Never', containers: [{ name: 'c', resources: { requests: { cpu: '500m', memory: '1Gi' } } }] },
    status: { phase, startTime: '2026-01-01T10:00:00Z', conditions: [{ type: 'Ready', status: extra.ready ? 'True' : 'False', lastTransitionTime: '2026-01-01T10:05:00Z' }] },
  });
  const job = (spec: object, status: object = {}) => ({ kind: 'Job', apiVersion: 'batch/v1', metadata: { name: 'report', namespace: 'batch' }, spec: { template: tmpl(), ...spec }, status });
  const dump = (items: object[]) => JSON.stringify({ kind: 'List', items: [nodeObj, ...items] }, null, 1);
  const TRACKED = ['batch.kubernetes.io/job-tracking'];

  it('reads a Job mid-run: its status counts, start time, and its pods (tracked finished ones counted)', () => {
    const inv = parseKubectlDump(
      dump([
        job({ completions: 5, parallelism: 2, backoffLimit: 4, activeDeadlineSeconds: 3600 }, { startTime: '2026-01-01T09:55:00Z', succeeded: 2, failed: 1 }),
        jobPod('report-aaaaa', 'Running', { finalizers: TRACKED, ready: true }),
        jobPod('report-bbbbb', 'Succeeded', { finalizers: TRACKED }), // not counted yet: the controller counts it
        jobPod('report-ccccc', 'Succeeded'), // counted already (no finalizer)
      ]),
      'dump.json',
    );
    const j = inv.jobs![0];
    expect(j).toMatchObject({ completions: 5, parallelism: 2, backoffLimit: 4, activeDeadlineSeconds: 3600 });
    // status.startTime as the dump has it; the dump's snapshot is its newest timestamp, 10:05 (a
    // pod's Ready transition): the simulation starts the Job 10 minutes before t=0.
    expect(j.status).toEqual({ succeeded: 3, failed: 1, completedIndexes: [], startTime: Date.parse('2026-01-01T09:55:00Z'), finished: null });
    expect(inv.snapshotTime).toBe(Date.parse('2026-01-01T10:05:00Z'));
    const sim = new Simulation({ ...scenarioOf({ nodes: [...inv.nodes], deployments: [], jobs: [...inv.jobs!], pods: [...inv.pods], durationS: 10 }), inventory: { ...inv } });
    expect(sim.cluster.jobs[0].status).toMatchObject({ startTime: -600_000, succeeded: 3, failed: 1 });
    expect(inv.pods.map((p) => [p.name, p.workload, p.workloadKind, p.ownerKind, p.phase])).toEqual([
      ['report-aaaaa', 'batch/report', 'Job', 'Job', 'Running'],
      ['report-bbbbb', 'batch/report', 'Job', 'Job', 'Succeeded'],
      ['report-ccccc', 'batch/report', 'Job', 'Job', 'Succeeded'],
    ]);
  });

  it('a dump\'s Job with succeeded 3 of 5 goes on from there: its 2 running pods finish it', async () => {
    const inv = parseKubectlDump(
      dump([
        job({ completions: 5, parallelism: 2 }, { startTime: '2026-01-01T10:00:00Z', succeeded: 3 }),
        jobPod('report-aaaaa', 'Running', { finalizers: TRACKED, ready: true }),
        jobPod('report-bbbbb', 'Running', { finalizers: TRACKED, ready: true }),
      ]),
      'dump.json',
    );
    // What-if: the app exits 0 after 30 s (the dump cannot say when it would).
    const s = await scenarioFromDocument({ name: 'mid-run', duration: '1m', workloads: { 'batch/report': { exitAfterSeconds: 30, exitCode: 0 } } }, { inventory: inv });
    const sim = new Simulation(s);
    sim.run();
    const r = sim.result();
    // t=0: wantActive = min(parallelism 2, completions 5 − succeeded 3) = 2 = active → nothing to
    // create. The running pods (container started at 0 as the kubelet adopts them) exit 0 at 30:
    // succeeded 5 ≥ 5, none active → Complete at 30.
    expect(r.workloads[0].samples.map((w) => [w.time / 1000, w.desired, w.replicas, w.ready, w.succeeded, w.failed])).toEqual([
      [0, 2, 2, 2, 3, 0],
      [30, 0, 0, 0, 5, 0],
      [60, 0, 0, 0, 5, 0],
    ]);
    expect(r.events.filter((e) => e.reason === 'SuccessfulCreate')).toEqual([]);
    expect(r.events.filter((e) => e.object === 'job/batch/report').map((e) => [e.time / 1000, e.reason])).toEqual([[30, 'Completed']]);
  });

  it('reads an Indexed Job: completedIndexes and its pods\' completion-index annotation', () => {
    const inv = parseKubectlDump(
      dump([
        job({ completions: 4, parallelism: 2, completionMode: 'Indexed' }, { completedIndexes: '0,2-3' }),
        jobPod('report-1-aaaaa', 'Running', { finalizers: TRACKED, annotations: { 'batch.kubernetes.io/job-completion-index': '1' } }),
      ]),
      'dump.json',
    );
    expect(inv.jobs![0].status).toMatchObject({ completedIndexes: [0, 2, 3] });
    expect(inv.pods[0].completionIndex).toBe(1);
  });

  it('a Job another controller manages (spec.managedBy) is left to it: its pods are held as they are', () => {
    const inv = parseKubectlDump(dump([job({ managedBy: 'kueue.x-k8s.io/multikueue' }), jobPod('report-aaaaa', 'Running')]), 'dump.json');
    expect(inv.jobs ?? []).toEqual([]);
    expect(inv.pods[0].workload).toBeNull();
  });

  it('reads a finished Job\'s condition', () => {
    const inv = parseKubectlDump(dump([job({}, { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] })]), 'dump.json');
    expect(inv.jobs![0].status!.finished).toEqual({ type: 'Complete', reason: '' });
  });

  /** The line of the dump's text holding `needle` (1-based). */
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  it.each([
    [{ completions: -2 }, '"completions"', 'items[1].spec.completions: -2: must be a whole number ≥ 0'],
    [{ backoffLimit: 1.5 }, '"backoffLimit"', 'items[1].spec.backoffLimit: expected a whole number, got 1.5'],
    [{ completionMode: 'Ordered' }, '"completionMode"', 'items[1].spec.completionMode: "Ordered": expected NonIndexed or Indexed'],
    [{ backoffLimitPerIndex: 1, completionMode: 'Indexed', completions: 2 }, '"backoffLimitPerIndex"', 'items[1].spec.backoffLimitPerIndex: is not simulated by Headroom (it follows backoffLimit and completions): remove it to simulate this Job'],
    [{ podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] } }, '"FailIndex"', 'items[1].spec.podFailurePolicy.rules[0].action: FailIndex needs backoffLimitPerIndex, which Headroom does not simulate (it follows backoffLimit and completions): remove the rule to simulate this Job'],
    [{ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'x', operator: 'In', values: [1] } }] } }, '"podFailurePolicy"', 'items[1].spec.podFailurePolicy: rule 1: container "x" is not one of the pod template\'s (c)'],
    [{ template: tmpl('Always') }, '"Always"', 'items[1].spec.template.spec.restartPolicy: "Always": a Job accepts only restartPolicy OnFailure or Never (Kubernetes rejects Always: a Job runs its pods to completion)'],
  ])('refuses %j', (spec, needle, message) => {
    const text = dump([job(spec)]);
    expect(() => parseKubectlDump(text, 'dump.json')).toThrow(`dump.json:${lineOf(text, needle)}: ${message}`);
  });

  it('refuses a Job without a restartPolicy (defaulted to Always), naming the field', () => {
    const bare = { kind: 'Job', metadata: { name: 'report', namespace: 'batch' }, spec: { template: { spec: { containers: [{ name: 'c' }] } } } };
    expect(() => parseKubectlDump(dump([bare]), 'dump.json')).toThrow(/items\[1\]\.spec\.template\.spec\.restartPolicy: a Job accepts only restartPolicy OnFailure or Never/);
  });
});

describe('limits', () => {
  it('a Job counts as the pods it runs at once: parallelism, or the completions left', () => {
    const base = { nodes: [], deployments: [], pods: [], pdbs: [], hasPodPlacement: false };
    const job = (parallelism: number, completions: number | null) => ({ namespace: 'b', name: `j${parallelism}`, completions, parallelism, backoffLimit: 6, completionMode: 'NonIndexed' as const, activeDeadlineSeconds: null, podReplacementPolicy: 'TerminatingOrFailed' as const, suspend: false, podFailurePolicy: null, template: {} as never });
    expect(() => checkInventoryLimits({ ...base, jobs: [job(1_000_000, 2), job(1_000_000, null)] }, [], 'w.csv')).not.toThrow();
    expect(() => checkInventoryLimits({ ...base, jobs: [job(1_000_000, null), job(900_000, null)] }, [], 'w.csv')).toThrow(/replicas come to 1,900,000 pods at once, more than the limit of 1,500,000/);
  });
});
