// The what-if form's fields and the `--set` overrides they turn into (pure).
import { formatDuration } from '../../model/duration.js';
import type { Scenario } from '../../model/scenario.js';
import { formatBytes } from '../../model/quantity.js';
import type { PodTemplate } from '../../model/types.js';
import { workloadKey } from '../../model/types.js';
import { lookupWorkload, workloadNames } from '../../model/workloads.js';


export interface WhatIfField {
  readonly id: string;
  readonly label: string;
  /** What the scenario says now (the field starts with it; '' when the scenario has none). */
  readonly initial: string;
  /** One line of help shown while the field is active. */
  readonly hint: string;
  /** The override for a value, or null when the value means "keep the scenario's": unchanged or empty. */
  readonly toSet: (value: string) => string | null;
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
/** Scenario events whose time the form offers to move, at most. */
export const MAX_EVENT_FIELDS = 6;

function usageText(d: { template: PodTemplate }): string {
  const u = d.template.memoryUsage;
  if (u.kind === 'request') return 'request';
  if (u.kind === 'bytes') return formatBytes(u.bytes);
  return u.source;
}

function tolerationText(d: { template: PodTemplate }, defaultSeconds: number): string {
  const t = d.template.tolerations.find((x) => (x.key === UNREACHABLE || x.key === NOT_READY) && x.effect !== 'NoSchedule');
  // Without its own, a pod gets the admission defaults (300 s unless the cluster says otherwise).
  if (!t) return String(defaultSeconds);
  return t.tolerationSeconds === null ? 'forever' : String(t.tolerationSeconds);
}

const yamlScalar = (v: string): string => v.trim();

/** The fields for one workload of a scenario. */
export function whatIfFields(s: Scenario, workload: string): WhatIfField[] {
  // The workload of any kind (its key may carry the kind when names clash).
  const found = lookupWorkload(s.inventory, workloadNames(s.inventory), workload);
  const named = (x: { namespace: string; name: string }) => found.ok && workloadKey(x) === `${found.namespace}/${found.name}`;
  const kind = found.ok ? found.kind : null;
  const d = kind === 'Deployment' ? s.inventory.deployments.find(named) : undefined;
  const set = kind === 'StatefulSet' ? s.inventory.statefulSets?.find(named) : undefined;
  const daemon = kind === 'DaemonSet' ? s.inventory.daemonSets?.find(named) : undefined;
  const job = kind === 'Job' ? s.inventory.jobs?.find(named) : undefined;
  const clone = kind === 'CloneSet' ? s.inventory.cloneSets?.find(named) : undefined;
  const w = d ?? set ?? daemon ?? job ?? clone;
  const fields: WhatIfField[] = [];
  // An emptied field keeps the scenario's value: it is never sent as an empty or null override.
  const changed = (initial: string, path: string, map: (v: string) => string = yamlScalar) => (v: string) =>
    v.trim() === '' || v.trim() === initial.trim() ? null : `${path}=${map(v)}`;
  if (w) {
    const base = `workloads.${workload}`;
    const add = (id: string, label: string, initial: string, hint: string, map?: (v: string) => string) =>
      fields.push({ id, label, initial, hint, toSet: changed(initial, `${base}.${id}`, map) });
    if (d) {
      add('maxSurge', 'maxSurge', String(d.maxSurge), 'extra pods during a rollout: a count or a percent of replicas (25%, 2)');
      add('maxUnavailable', 'maxUnavailable', String(d.maxUnavailable), 'pods that may be unavailable during a rollout: a count or a percent (0, 25%)');
      add('replicas', 'replicas', String(d.replicas), 'desired replicas from the start');
    }
    if (set) {
      add('replicas', 'replicas', String(set.replicas), 'desired replicas (ordinals 0…n-1) from the start');
      add('partition', 'partition', String(set.partition), 'ordinals below it keep the old template during a rollout');
      add('maxUnavailable', 'maxUnavailable', set.maxUnavailable === null ? '1' : String(set.maxUnavailable), 'pods updated at once (used from Kubernetes 1.35; one at a time before)');
    }
    if (clone) {
      add('replicas', 'replicas', String(clone.replicas), 'desired replicas from the start');
      add('strategy', 'strategy', clone.updateStrategy, 'ReCreate, InPlaceIfPossible (image-only changes restart containers in place) or InPlaceOnly');
      add('maxUnavailable', 'maxUnavailable', String(clone.maxUnavailable), 'pods updated (or down) at once: a count or a percent of replicas (1, 20%)');
      add('partition', 'partition', String(clone.partition), 'pods kept at the old revision during a rollout');
    }
    if (daemon) {
      add('maxUnavailable', 'maxUnavailable', String(daemon.maxUnavailable), 'nodes whose pod may be down during a rollout: a count or a percent of the nodes (1, 10%)');
      add('maxSurge', 'maxSurge', String(daemon.maxSurge), 'nodes that get the new pod before the old one goes (needs maxUnavailable 0)');
    }
    if (job) {
      add('parallelism', 'parallelism', String(job.parallelism), 'pods the Job runs at a time (its pods at once: parallelism, or the completions left)');
      add('completions', 'completions', job.completions === null ? '' : String(job.completions), 'pods that must succeed for the Job to complete');
      add('backoffLimit', 'backoffLimit', String(job.backoffLimit), 'failed pods (or OnFailure restarts) the Job takes before it fails; evicted pods count too');
    }
    if (!daemon) {
      add(
        'tolerationSeconds',
        'tolerationSeconds',
        tolerationText(w, s.cluster.defaultUnreachableTolerationSeconds),
        'seconds pods stay on a NotReady/unreachable node before eviction (300 by default; "forever" = never)',
        // No tolerationSeconds (null) is how Kubernetes says "tolerate forever".
        (v) => (/^(forever|none|null)$/i.test(v.trim()) ? 'null' : v.trim()),
      );
    }
    add('memoryUsage', 'memory usage', usageText(w), 'working set from the start: a quantity (1.5Gi) or an expression of request, limit, t (request * 1.3)');
    const n = Array.isArray((s.source as { events?: unknown })?.events) ? (s.source as { events: unknown[] }).events.length : 0;
    // A Job's template cannot change (no rollout); its parallelism can (scale).
    if (!job) fields.push({
      id: 'rolloutAt',
      label: 'rollout at',
      initial: '',
      hint: `add a rollout of ${workload} (new pod template) at this time, e.g. 2m; empty = none`,
      toSet: (v) => (v.trim() === '' ? null : `events.${n}=${JSON.stringify({ at: v.trim(), rollout: { workload } })}`),
    });
  }
  for (const e of s.events.slice(0, MAX_EVENT_FIELDS)) {
    const initial = formatDuration(e.atMs);
    fields.push({
      id: `event${e.index}`,
      label: `event ${e.index} at`,
      initial,
      hint: `when "${e.label}" happens (e.g. 90s, 5m, 1m30s)`,
      toSet: (v) => (v.trim() === '' || v.trim() === initial ? null : `events.${e.index}.at=${v.trim()}`),
    });
  }
  fields.push({
    id: 'more',
    label: 'more --set',
    initial: '',
    hint: 'any other overrides, KEY=VALUE separated by ";" (e.g. workloads.shop/cart.replicas=8; events.0.at=10m)',
    toSet: (v) => (v.trim() === '' ? null : v),
  });
  return fields;
}

/** The overrides a filled-in form stands for, in field order. */
export function setsOf(fields: readonly WhatIfField[], values: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const v = values[f.id] ?? f.initial;
    const s = f.toSet(v);
    if (s === null) continue;
    if (f.id === 'more') out.push(...s.split(';').map((x) => x.trim()).filter(Boolean));
    else out.push(s);
  }
  return out;
}

/** The field an error message is about (it quotes the override it came from), if any. */
export function fieldOfError(fields: readonly WhatIfField[], values: Readonly<Record<string, string>>, message: string): string | null {
  for (const f of fields) {
    const s = f.toSet(values[f.id] ?? f.initial);
    if (s === null) continue;
    const parts = f.id === 'more' ? s.split(';').map((x) => x.trim()) : [s];
    if (parts.some((p) => p && message.includes(p))) return f.id;
  }
  return null;
}

/** A short description of overrides for the status line: "maxSurge=50% (shop/checkout), events.0.at=10m". */
export function describeSets(sets: readonly string[]): string {
  return sets
    .map((s) => {
      const m = /^workloads\.(.+)\.([A-Za-z]+)=(.*)$/.exec(s);
      if (m) return `${m[1]} ${m[2]}=${m[3]}`;
      const r = /^events\.\d+=(\{.*\})$/.exec(s);
      if (r) {
        try {
          const e = JSON.parse(r[1]) as { at: string; rollout?: { workload: string } };
          if (e.rollout) return `rollout ${e.rollout.workload} at ${e.at}`;
        } catch {
          /* shown as written */
        }
      }
      return s;
    })
    .join(', ');
}
