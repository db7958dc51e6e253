// A scenario's `events:` section → timed ScenarioEvents, in order of time (then of the file):
// each names a workload, node or zone of the inventory, and a rollout's or resize's new
// template is checked as the API server would (a Job's template is immutable; a resize may not
// change the QoS class).
import type { Container, Inventory, PodTemplate, WorkloadKind } from '../model/types.js';
import { kindPrefix, lookupWorkload, workloadNames } from '../model/workloads.js';
import { computePodQOS } from '../model/qos.js';
import { MAIN_CONTAINER } from './template.js';
import { workloadKey } from '../model/types.js';
import type { ScenarioAction, ScenarioEvent } from '../model/scenario.js';
import type { PathSegment } from './yaml-source.js';
import { ACTION_NAMES, type Event } from './scenario-schema.js';
import { DEPLOYMENT_KEYS } from './scenario-schema-workloads.js';
import { type Fail, memoryUsageAt, patchTemplate } from './workload-patch.js';
import { LIMITS, LIMIT_HINTS } from '../model/limits.js';
import { templateRestartPolicyProblem } from '../model/deployment.js';
import { checkCloneSetRollout } from './cloneset-patch.js';

export async function buildEvents(inv: Inventory, events: readonly Event[], durationMs: number, fail: Fail): Promise<ScenarioEvent[]> {
  // Each workload's template as the events so far left it, by its canonical key.
  const names = workloadNames(inv);
  const templates = new Map<string, PodTemplate>();
  const kinds = new Map<string, WorkloadKind>();
  for (const [list, kind] of [[inv.deployments, 'Deployment'], [inv.statefulSets ?? [], 'StatefulSet'], [inv.daemonSets ?? [], 'DaemonSet'], [inv.jobs ?? [], 'Job'], [inv.cloneSets ?? [], 'CloneSet']] as const) {
    for (const w of list) {
      const key = names.get(`${kindPrefix(kind)}/${workloadKey(w)}`)!.key;
      templates.set(key, w.template);
      kinds.set(key, kind);
    }
  }
  const nodes = new Set(inv.nodes.map((n) => n.name));
  const zones = [...new Set(inv.nodes.map((n) => n.zone))].sort();
  const order = events.map((e, index) => ({ e, index })).sort((a, b) => a.e.at - b.e.at || a.index - b.index);
  const out: ScenarioEvent[] = [];
  for (const { e, index } of order) {
    const at: PathSegment[] = ['events', index];
    if (e.at > durationMs) fail([...at, 'at'], `${e.at / 1000}s is after the end of the scenario (duration ${durationMs / 1000}s)`);
    const name = ACTION_NAMES.find((k) => e[k] !== undefined)!;
    const where = [...at, name];
    const workload = (w: string): string => {
      const found = lookupWorkload(inv, names, w);
      if (!found.ok) return fail([...where, 'workload'], found.detail);
      return found.key;
    };
    const node = (n: string): string => {
      if (!nodes.has(n)) fail([...where, 'node'], `no node "${n}" in the inventory`);
      return n;
    };
    let action: ScenarioAction;
    let label: string;
    if (e.rollout) {
      const w = workload(e.rollout.workload);
      if (kinds.get(w) === 'Job') {
        fail([...where, 'workload'], `"${e.rollout.workload}" is a Job: its pod template cannot change (Kubernetes refuses an update of a Job's spec.template); scale changes its parallelism`);
      }
      const set = e.rollout.set ?? {};
      for (const k of Object.keys(set)) {
        if (DEPLOYMENT_KEYS.has(k)) {
          fail([...where, 'set', k], `is a ${kinds.get(w)} field, not part of the pod template: change it under workloads: (a rollout only replaces the template)`);
        }
      }
      const template = await patchTemplate(templates.get(w)!, set, [...where, 'set'], fail);
      const refused = templateRestartPolicyProblem(kinds.get(w)!, template.restartPolicy);
      if (refused) fail([...where, 'set', 'restartPolicy'], refused);
      if (kinds.get(w) === 'CloneSet') checkCloneSetRollout(inv, w, templates.get(w)!, template, set, where, fail);
      templates.set(w, template);
      action = { kind: 'rollout', workload: w, template };
      const changes = Object.keys(set).length ? ` (${Object.keys(set).join(', ')})` : ' (restart)';
      label = `rollout ${w}${changes}`;
    } else if (e.scale) {
      const w = workload(e.scale.workload);
      if (kinds.get(w) === 'DaemonSet') {
        fail([...where, 'workload'], `"${e.scale.workload}" is a DaemonSet: it has no replicas to scale (it runs one pod on every node it should run on)`);
      }
      if (e.scale.replicas > LIMITS.pods) fail([...where, 'replicas'], `more than the limit of ${LIMITS.pods.toLocaleString('en-US')} pods at once. ${LIMIT_HINTS.pods}`);
      action = { kind: 'scale', workload: w, replicas: e.scale.replicas };
      label = kinds.get(w) === 'Job' ? `scale ${e.scale.workload} to parallelism ${e.scale.replicas}` : `scale ${e.scale.workload} to ${e.scale.replicas}`;
    } else if (e.memoryUsage) {
      const w = workload(e.memoryUsage.workload);
      const usage = await memoryUsageAt(e.memoryUsage.value, templates.get(w)!, [...where, 'value'], fail);
      templates.set(w, { ...templates.get(w)!, memoryUsage: usage });
      action = { kind: 'memoryUsage', workload: w, usage };
      label = `memory usage of ${w} = ${e.memoryUsage.value}`;
    } else if (e.resize) {
      const w = workload(e.resize.workload);
      const container = resizedContainer(templates.get(w)!, e.resize.set, [...where, 'set'], fail);
      action = { kind: 'resize', workload: w, container };
      label = `resize ${w} (${Object.keys(e.resize.set).join(', ')})`;
    } else if (e.nodeFailure) {
      const mode = e.nodeFailure.mode ?? 'unreachable';
      action = { kind: 'nodeFailure', node: node(e.nodeFailure.node), mode };
      label = `node ${e.nodeFailure.node} fails (${mode})`;
    } else if (e.nodeRecover) {
      action = { kind: 'nodeRecover', node: node(e.nodeRecover.node) };
      label = `node ${e.nodeRecover.node} recovers`;
    } else if (e.zoneFailure || e.zoneRecover) {
      const z = (e.zoneFailure ?? e.zoneRecover)!.zone;
      if (!zones.includes(z)) fail([...where, 'zone'], `no zone "${z}" in the inventory (zones: ${zones.map((x) => x || '""').join(', ')})`);
      const mode = e.zoneFailure?.mode ?? 'unreachable';
      action = e.zoneFailure ? { kind: 'zoneFailure', zone: z, mode } : { kind: 'zoneRecover', zone: z };
      label = e.zoneFailure ? `zone ${z} fails (${mode})` : `zone ${z} recovers`;
    } else {
      const kind = name as 'drain' | 'cordon' | 'uncordon';
      const n = node(e[kind]!.node);
      action = { kind, node: n };
      label = `${kind} ${n}`;
    }
    out.push({ atMs: e.at, index, action, label });
  }
  return out;
}

/**
 * The app container after a `resize` (the resize subresource): only cpu/memory requests and
 * limits change, a request stays within its limit, and the pod's QoS class may not change —
 * API validation refuses such a resize.
 */
function resizedContainer(t: PodTemplate, set: NonNullable<Event['resize']>['set'], at: PathSegment[], fail: Fail): Container {
  const keys = Object.keys(set);
  if (keys.length === 0) fail(at, 'give at least one of cpuRequest, memoryRequest, cpuLimit, memoryLimit');
  const main = t.containers[MAIN_CONTAINER];
  const requests = { ...main.requests, ...(set.cpuRequest !== undefined ? { cpu: set.cpuRequest } : {}), ...(set.memoryRequest !== undefined ? { memory: set.memoryRequest } : {}) };
  const limits = { ...main.limits, ...(set.cpuLimit !== undefined ? { cpu: set.cpuLimit } : {}), ...(set.memoryLimit !== undefined ? { memory: set.memoryLimit } : {}) };
  for (const r of ['cpu', 'memory'] as const) {
    const req = requests[r];
    const lim = limits[r];
    if (req !== undefined && lim !== undefined && req > lim) {
      const key = set[`${r}Request`] !== undefined ? `${r}Request` : `${r}Limit`;
      fail([...at, key], `the ${r} request would be greater than its limit (Kubernetes rejects it)`);
    }
  }
  const container: Container = { ...main, requests, limits };
  const before = computePodQOS(t);
  const after = computePodQOS({ ...t, containers: t.containers.map((c, i) => (i === MAIN_CONTAINER ? container : c)) });
  if (before !== after) fail([...at, keys[0]], `would change the pods' QoS class from ${before} to ${after}: Kubernetes refuses a resize that changes it`);
  return container;
}
