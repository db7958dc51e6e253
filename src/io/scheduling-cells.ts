// The scheduling columns of workloads.csv and their camelCase scenario keys (contract:
// `anti_affinity`, `topology_spread`, `preemption_policy`), parsed into the model's
// Kubernetes-shaped fields. Each parser throws an Error saying what was expected.
import type { PodAffinity, PodAffinityTerm, PreemptionPolicy, WeightedPodAffinityTerm } from '../model/affinity.js';
import { isLabelKey } from '../model/label-selector.js';
import type { PodTemplate, TopologySpread } from '../model/types.js';

/** One `required:KEY` or `preferred:KEY[:WEIGHT]` entry of an anti_affinity cell. */
export interface AntiAffinityEntry {
  readonly required: boolean;
  readonly topologyKey: string;
  /** Preferred terms only: 1..100 (default 100). */
  readonly weight: number;
}

const list = (text: string) =>
  text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** `required:kubernetes.io/hostname;preferred:topology.kubernetes.io/zone:50` (empty = none). */
export function parseAntiAffinity(text: string): AntiAffinityEntry[] {
  return list(text).map((part) => {
    const [kind, key = '', weightText, ...rest] = part.split(':').map((s) => s.trim());
    if (rest.length > 0) throw new Error(`"${part}" has too many ":" (expected required:KEY or preferred:KEY:WEIGHT)`);
    const k = kind.toLowerCase();
    if (k !== 'required' && k !== 'preferred') throw new Error(`"${part}": expected required:KEY or preferred:KEY[:WEIGHT]`);
    if (!key) throw new Error(`"${part}" has no topology key (e.g. required:kubernetes.io/hostname)`);
    if (!isLabelKey(key)) throw new Error(`"${key}" is not a valid topology key`);
    let weight = 100;
    if (weightText !== undefined) {
      if (k === 'required') throw new Error(`"${part}": only preferred terms have a weight`);
      if (!/^\d+$/.test(weightText) || Number(weightText) < 1 || Number(weightText) > 100) throw new Error(`"${part}": the weight must be a whole number from 1 to 100`);
      weight = Number(weightText);
    }
    return { required: k === 'required', topologyKey: key, weight };
  });
}

/**
 * Anti-affinity against the workload's own pods: the labelSelector is its pod selector (app=NAME
 * when it has that label, else all its labels) — every revision, no pod-template-hash — in its
 * own namespace.
 */
export function antiAffinityOf(entries: readonly AntiAffinityEntry[], labels: Readonly<Record<string, string>>): PodAffinity | undefined {
  if (entries.length === 0) return undefined;
  const matchLabels = labels.app !== undefined ? { app: labels.app } : { ...labels };
  const term = (topologyKey: string): PodAffinityTerm => ({ labelSelector: { matchLabels }, topologyKey });
  const required = entries.filter((e) => e.required).map((e) => term(e.topologyKey));
  const preferred = entries.filter((e) => !e.required).map((e): WeightedPodAffinityTerm => ({ weight: e.weight, podAffinityTerm: term(e.topologyKey) }));
  return {
    ...(required.length > 0 ? { requiredDuringSchedulingIgnoredDuringExecution: required } : {}),
    ...(preferred.length > 0 ? { preferredDuringSchedulingIgnoredDuringExecution: preferred } : {}),
  };
}

/** The template with its pod anti-affinity replaced (null/undefined: removed). */
export function withPodAntiAffinity(t: PodTemplate, anti: PodAffinity | undefined): PodTemplate {
  const { podAntiAffinity: _old, ...rest } = t.affinity ?? {};
  const affinity = anti ? { ...rest, podAntiAffinity: anti } : rest;
  const { affinity: _drop, ...base } = t;
  return Object.keys(affinity).length > 0 ? { ...base, affinity } : base;
}

const WHEN = ['DoNotSchedule', 'ScheduleAnyway'] as const;
const POLICIES = ['Honor', 'Ignore'] as const;

/**
 * `KEY:MAXSKEW:WHEN[:option=value…];…` — options minDomains=N, nodeAffinityPolicy=Honor|Ignore,
 * nodeTaintsPolicy=Honor|Ignore, matchLabelKeys=k1,k2. The selector is the workload's own pods.
 */
export function parseTopologySpread(text: string): TopologySpread[] {
  return list(text).map((part) => {
    // The key may hold "/" but not ":"; split from the left.
    const pieces = part.split(':').map((s) => s.trim());
    if (pieces.length < 3) throw new Error(`"${part}": expected KEY:MAXSKEW:WHEN, e.g. topology.kubernetes.io/zone:1:DoNotSchedule`);
    const [key, skewText, whenText, ...options] = pieces;
    if (!isLabelKey(key)) throw new Error(`"${key}" is not a valid topology key`);
    if (!/^\d+$/.test(skewText) || Number(skewText) < 1) throw new Error(`"${part}": maxSkew must be a whole number ≥ 1`);
    const when = WHEN.find((w) => w.toLowerCase() === whenText.toLowerCase());
    if (!when) throw new Error(`"${part}": expected DoNotSchedule or ScheduleAnyway, got "${whenText}"`);
    const c: { -readonly [K in keyof TopologySpread]: TopologySpread[K] } = { topologyKey: key, maxSkew: Number(skewText), whenUnsatisfiable: when };
    for (const o of options) {
      const eq = o.indexOf('=');
      const name = eq < 0 ? o : o.slice(0, eq).trim();
      const value = eq < 0 ? '' : o.slice(eq + 1).trim();
      switch (name) {
        case 'minDomains':
          if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`"${o}": minDomains must be a whole number ≥ 1`);
          if (when !== 'DoNotSchedule') throw new Error(`"${part}": minDomains is only allowed with DoNotSchedule`);
          c.minDomains = Number(value);
          break;
        case 'nodeAffinityPolicy':
        case 'nodeTaintsPolicy': {
          const p = POLICIES.find((x) => x.toLowerCase() === value.toLowerCase());
          if (!p) throw new Error(`"${o}": expected Honor or Ignore`);
          c[name] = p;
          break;
        }
        case 'matchLabelKeys': {
          const keys = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
          for (const k of keys) if (!isLabelKey(k)) throw new Error(`"${k}" is not a valid label key`);
          c.matchLabelKeys = keys;
          break;
        }
        default:
          throw new Error(`"${o}": unknown option (minDomains=, nodeAffinityPolicy=, nodeTaintsPolicy=, matchLabelKeys=)`);
      }
    }
    return c;
  });
}

export function parsePreemptionPolicy(text: string): PreemptionPolicy {
  const t = text.trim().toLowerCase();
  if (t === 'preemptlowerpriority') return 'PreemptLowerPriority';
  if (t === 'never') return 'Never';
  throw new Error('expected PreemptLowerPriority or Never');
}
