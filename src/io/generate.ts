// A synthetic cluster for benchmarks and demos (`headroom generate`): nodes in 3 zones of a
// few instance shapes, and Deployments with a realistic mix of requests, limits (all three QoS
// classes), priorities, probes, strategies, PDBs and zone spreading, filled to about 60-65 % of
// allocatable; optionally StatefulSets (3 replicas each, volumes pinned to the zone they first
// run in), DaemonSets (an agent on every node) and Jobs (batch work that runs to completion, or
// fails), which add to that. Deterministic for a seed
// (the Deployments of a seed are the same with or without the other kinds). Output is the
// contract's CSV formats plus a scenario.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { stringify } from 'csv-stringify/sync';

export interface GenerateOptions {
  readonly nodes: number;
  readonly workloads: number;
  readonly replicas: number;
  readonly seed: number;
  /** Scenario: roll out every Deployment at this time (seconds; null = no rollout). */
  readonly rolloutAtSeconds?: number | null;
  /** Scenario: fail the last zone at this time (seconds; null = no failure). */
  readonly zoneFailureAtSeconds?: number | null;
  readonly durationSeconds?: number;
  /** StatefulSets to add (3 replicas each; rolled out with the Deployments). */
  readonly statefulSets?: number;
  /** DaemonSets to add (a pod on every node; rolled out with the Deployments, 10 % at a time). */
  readonly daemonSets?: number;
  /**
   * Jobs to add (batch/job-NNNN: 5-20 pods at a time, 2-5 times as many completions, each pod
   * running 1-10 minutes and requesting about a third of a Deployment pod; every fifth one's
   * pods exit 1 with restartPolicy Never, so it uses up its backoffLimit). Jobs are not rolled
   * out (their template is immutable).
   */
  readonly jobs?: number;
  /**
   * OpenKruise CloneSets to add (shop/clone-NNNN, 4 replicas each, InPlaceIfPossible with
   * maxUnavailable 1): rolled out with the Deployments, an image-only change made in place.
   */
  readonly cloneSets?: number;
  /**
   * The affinity variant: every third Deployment carries required hostname anti-affinity
   * against its own pods and zone spreading (maxSkew 1, DoNotSchedule). The other columns and
   * the random draws are those of the plain cluster.
   */
  readonly affinity?: boolean;
}

/** The replicas of each generated CloneSet. */
export const GENERATED_CLONESET_REPLICAS = 4;

/** The replicas of each generated StatefulSet. */
export const GENERATED_STATEFULSET_REPLICAS = 3;

const SHAPES = [
  { type: 'm6i.4xlarge', cpu: 15890, memGi: 58, pods: 110 },
  { type: 'm6i.8xlarge', cpu: 31850, memGi: 120, pods: 110 },
  { type: 'r6i.4xlarge', cpu: 15890, memGi: 120, pods: 110 },
];
const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const NAMESPACES = ['shop', 'payments', 'search', 'data', 'platform', 'ml', 'media', 'identity'];

export function generateCluster(o: GenerateOptions): { nodesCsv: string; workloadsCsv: string; scenarioYaml: string } {
  const g = xoroshiro128plus(o.seed | 0);
  const int = (a: number, b: number) => uniformInt(g, a, b);
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];

  const nodeRows: (string | number)[][] = [['name', 'zone', 'cpu', 'memory', 'pods', 'labels']];
  let cpuTotal = 0;
  let memTotalMi = 0;
  for (let i = 0; i < o.nodes; i++) {
    const s = SHAPES[i % 7 === 6 ? 1 : i % 5 === 4 ? 2 : 0];
    const zone = ZONES[i % ZONES.length];
    cpuTotal += s.cpu;
    memTotalMi += s.memGi * 1024;
    nodeRows.push([`node-${String(i).padStart(5, '0')}`, zone, `${s.cpu}m`, `${s.memGi}Gi`, s.pods, `node.kubernetes.io/instance-type=${s.type}`]);
  }

  // Aim the sum of requests at ~62 % of allocatable.
  const pods = Math.max(1, o.workloads * o.replicas);
  const cpuPerPod = Math.max(50, Math.floor((0.62 * cpuTotal) / pods));
  const memPerPodMi = Math.max(64, Math.floor((0.62 * memTotalMi) / pods));
  const header = [
    'namespace', 'name', 'replicas', 'cpu_request', 'memory_request', 'cpu_limit', 'memory_limit', 'priority',
    'max_surge', 'max_unavailable', 'strategy', 'min_ready_seconds', 'start_seconds', 'warmup_seconds',
    'shutdown_seconds', 'readiness_period_seconds', 'memory_usage', 'pdb_max_unavailable', 'zone_spread',
    ...(o.affinity ? ['anti_affinity'] : []),
  ];
  const rows: (string | number)[][] = [header];
  for (let w = 0; w < o.workloads; w++) {
    const ns = NAMESPACES[w % NAMESPACES.length];
    const cpu = Math.max(10, Math.round((cpuPerPod * int(50, 150)) / 100));
    const mem = Math.max(32, Math.round((memPerPodMi * int(50, 150)) / 100));
    const qos = int(0, 19); // 0-1 BestEffort, 2-5 Guaranteed, else Burstable
    const bestEffort = qos < 2;
    const guaranteed = qos >= 2 && qos < 6;
    const [surge, unavailable] = pick([['25%', '25%'], ['25%', '25%'], ['1', '0'], ['0', '1'], ['50%', '0']] as const);
    const recreate = int(0, 19) === 0;
    rows.push([
      ns,
      `svc-${String(w).padStart(4, '0')}`,
      o.replicas,
      bestEffort ? '' : `${cpu}m`,
      bestEffort ? '' : `${mem}Mi`,
      guaranteed ? `${cpu}m` : bestEffort ? '' : `${cpu * 2}m`,
      guaranteed ? `${mem}Mi` : bestEffort ? '' : `${Math.round(mem * 1.5)}Mi`,
      pick([0, 0, 100, 1000, 10000, -10]),
      recreate ? '' : surge,
      recreate ? '' : unavailable,
      recreate ? 'Recreate' : 'RollingUpdate',
      pick([0, 0, 0, 5, 10]),
      int(2, 20),
      int(0, 30),
      int(0, 10),
      pick(['', 5, 10, 10]),
      bestEffort ? `${Math.round(mem * 0.5)}Mi` : `${Math.round(mem * int(60, 95) / 100)}Mi`,
      int(0, 2) === 0 ? '' : pick(['1', '10%', '25%']),
      int(0, 3) === 0 || (o.affinity && w % 3 === 0) ? 1 : '',
      ...(o.affinity ? [w % 3 === 0 ? 'required:kubernetes.io/hostname' : ''] : []),
    ]);
  }
  // The other kinds come after the Deployments (with a `kind` column only then), so the rows and
  // random draws of the Deployments are the same as without them.
  const sets = o.statefulSets ?? 0;
  const daemons = o.daemonSets ?? 0;
  const jobs = o.jobs ?? 0;
  const clones = o.cloneSets ?? 0;
  const extra: string[] = [];
  // A Job's columns only when there are Jobs (so other clusters' files stay as they were).
  const JOB_COLUMNS = ['completions', 'parallelism', 'backoff_limit', 'restart_policy', 'exit_after_seconds', 'exit_code'];
  const noJob = jobs > 0 ? JOB_COLUMNS.map(() => '') : [];
  if (sets + daemons + jobs + clones > 0) {
    rows[0] = [...header, 'kind', 'pod_management_policy', ...(jobs > 0 ? JOB_COLUMNS : [])];
    for (const r of rows.slice(1)) r.push('', '', ...noJob);
    const blank = (n: number) => Array.from({ length: n }, () => '');
    for (let k = 0; k < sets; k++) {
      const ns = NAMESPACES[k % NAMESPACES.length];
      const name = `db-${String(k).padStart(4, '0')}`;
      const cpu = Math.max(100, Math.round((cpuPerPod * int(100, 200)) / 100));
      const mem = Math.max(256, Math.round((memPerPodMi * int(100, 200)) / 100));
      const r: (string | number)[] = [ns, name, GENERATED_STATEFULSET_REPLICAS, `${cpu}m`, `${mem}Mi`, `${cpu}m`, `${mem}Mi`, 1000, '', '', 'RollingUpdate', 0, int(10, 30), int(5, 30), int(5, 20), 5, `${Math.round(mem * 0.8)}Mi`, 1, ''];
      rows.push([...r, ...(o.affinity ? [''] : []), 'StatefulSet', pick(['OrderedReady', 'OrderedReady', 'Parallel']), ...noJob]);
      extra.push(`${ns}/${name}`);
    }
    for (let k = 0; k < daemons; k++) {
      const name = `agent-${String(k).padStart(2, '0')}`;
      const r: (string | number)[] = ['kube-system', name, '', '50m', '64Mi', '200m', '128Mi', 2_000_001_000, '', '10%', 'RollingUpdate', 0, int(2, 10), 0, 1, '', '48Mi', ...blank(2)];
      rows.push([...r, ...(o.affinity ? [''] : []), 'DaemonSet', '', ...noJob]);
      extra.push(`kube-system/${name}`);
    }
    for (let k = 0; k < jobs; k++) {
      // A third of a Deployment pod's size on average: the batch fits beside the services.
      const cpu = Math.max(50, Math.round((cpuPerPod * int(15, 55)) / 100));
      const mem = Math.max(64, Math.round((memPerPodMi * int(15, 55)) / 100));
      const parallelism = int(5, 20);
      const failing = k % 5 === 4;
      const r: (string | number)[] = ['batch', `job-${String(k).padStart(4, '0')}`, '', `${cpu}m`, `${mem}Mi`, '', `${Math.round(mem * 1.5)}Mi`, pick([0, -10]), '', '', '', '', int(5, 30), 0, int(0, 5), '', `${Math.round(mem * 0.8)}Mi`, '', ''];
      rows.push([...r, ...(o.affinity ? [''] : []), 'Job', '', parallelism * int(2, 5), parallelism, 6, failing ? 'Never' : 'OnFailure', int(60, 600), failing ? 1 : 0]);
    }
    for (let k = 0; k < clones; k++) {
      const name = `clone-${String(k).padStart(4, '0')}`;
      const cpu = Math.max(50, Math.round((cpuPerPod * int(50, 150)) / 100));
      const mem = Math.max(64, Math.round((memPerPodMi * int(50, 150)) / 100));
      const r: (string | number)[] = ['shop', name, GENERATED_CLONESET_REPLICAS, `${cpu}m`, `${mem}Mi`, '', `${Math.round(mem * 1.5)}Mi`, 1000, '', 1, 'InPlaceIfPossible', 0, int(5, 20), int(2, 10), int(1, 5), 5, `${Math.round(mem * 0.8)}Mi`, 1, ''];
      rows.push([...r, ...(o.affinity ? [''] : []), 'CloneSet', '', ...noJob]);
      extra.push(`shop/${name}`);
    }
  }
  const rollout = o.rolloutAtSeconds === undefined ? 0 : o.rolloutAtSeconds;
  const failure = o.zoneFailureAtSeconds === undefined ? 600 : o.zoneFailureAtSeconds;
  const events: string[] = [];
  if (rollout !== null) {
    for (let w = 0; w < o.workloads; w++) {
      events.push(`  - {at: ${rollout}s, rollout: {workload: ${NAMESPACES[w % NAMESPACES.length]}/svc-${String(w).padStart(4, '0')}}}`);
    }
    for (const key of extra) events.push(`  - {at: ${rollout}s, rollout: {workload: ${key}}}`);
  }
  if (failure !== null) events.push(`  - {at: ${failure}s, zoneFailure: {zone: ${ZONES[ZONES.length - 1]}, mode: unreachable}}`);
  const scenarioYaml = [
    `# Generated by \`headroom generate --nodes ${o.nodes} --workloads ${o.workloads} --replicas ${o.replicas} --seed ${o.seed}${o.affinity ? ' --affinity' : ''}\`:`,
    `# ${o.nodes} nodes in ${ZONES.length} zones, ${o.workloads} Deployments × ${o.replicas} replicas (${pods} pods)` +
      (sets ? `, ${sets} StatefulSets × ${GENERATED_STATEFULSET_REPLICAS}` : '') +
      (daemons ? `, ${daemons} DaemonSet${daemons > 1 ? 's' : ''} on every node` : '') +
      (jobs ? `, ${jobs} Job${jobs > 1 ? 's' : ''}` : '') +
      (clones ? `, ${clones} CloneSet${clones > 1 ? 's' : ''} × ${GENERATED_CLONESET_REPLICAS} (in place)` : '') +
      (o.affinity ? '; every third Deployment with required hostname anti-affinity and zone spread' : '') +
      '.',
    `name: generated-${o.nodes}n-${pods}p${sets ? `-${sets}sts` : ''}${daemons ? `-${daemons}ds` : ''}${jobs ? `-${jobs}jobs` : ''}${clones ? `-${clones}cs` : ''}${o.affinity ? '-affinity' : ''}`,
    'inventory:',
    '  nodes: nodes.csv',
    '  workloads: workloads.csv',
    `duration: ${o.durationSeconds ?? 3600}s`,
    `seed: ${o.seed}`,
    events.length ? 'events:' : 'events: []',
    ...events,
    '',
  ].join('\n');
  return { nodesCsv: stringify(nodeRows), workloadsCsv: stringify(rows), scenarioYaml };
}
