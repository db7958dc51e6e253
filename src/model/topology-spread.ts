// The API server's validation of topologySpreadConstraints (pkg/apis/core/validation
// ValidateTopologySpreadConstraints), applied by the loaders: maxSkew ≥ 1, a valid topologyKey,
// no two constraints with the same topologyKey and whenUnsatisfiable, minDomains ≥ 1 and only
// with DoNotSchedule, matchLabelKeys only with a labelSelector and not overlapping it.
import { isLabelKey, labelSelectorProblem } from './label-selector.js';
import type { TopologySpread } from './types.js';

export function topologySpreadProblem(list: readonly TopologySpread[]): { index: number; field: string; problem: string } | null {
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    const at = (field: string, problem: string) => ({ index: i, field, problem });
    if (!Number.isInteger(c.maxSkew) || c.maxSkew < 1) return at('maxSkew', `${c.maxSkew}: must be greater than zero`);
    if (!c.topologyKey) return at('topologyKey', 'can not be empty');
    if (!isLabelKey(c.topologyKey)) return at('topologyKey', `"${c.topologyKey}" is not a valid label key`);
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      return at('whenUnsatisfiable', `"${c.whenUnsatisfiable as string}": expected DoNotSchedule or ScheduleAnyway`);
    }
    const pair = `${c.topologyKey}\u0000${c.whenUnsatisfiable}`;
    if (seen.has(pair)) return at('topologyKey', `"${c.topologyKey}" with ${c.whenUnsatisfiable} is given twice (Kubernetes rejects the duplicate)`);
    seen.add(pair);
    if (c.minDomains !== undefined) {
      if (!Number.isInteger(c.minDomains) || c.minDomains < 1) return at('minDomains', `${c.minDomains}: must be greater than zero`);
      if (c.whenUnsatisfiable !== 'DoNotSchedule') return at('minDomains', 'only allowed with whenUnsatisfiable DoNotSchedule');
    }
    for (const [field, v] of [
      ['nodeAffinityPolicy', c.nodeAffinityPolicy],
      ['nodeTaintsPolicy', c.nodeTaintsPolicy],
    ] as const) {
      if (v !== undefined && v !== 'Honor' && v !== 'Ignore') return at(field, `"${v as string}": expected Honor or Ignore`);
    }
    const sel = labelSelectorProblem(c.labelSelector);
    if (sel) return at('labelSelector', sel);
    const keys = c.matchLabelKeys ?? [];
    if (keys.length > 0 && c.labelSelector === null) return at('matchLabelKeys', 'must not be specified when labelSelector is not set');
    const selected = new Set([...Object.keys(c.labelSelector?.matchLabels ?? {}), ...(c.labelSelector?.matchExpressions ?? []).map((e) => e.key)]);
    for (const k of keys) {
      if (!isLabelKey(k)) return at('matchLabelKeys', `"${k}" is not a valid label key`);
      if (selected.has(k)) return at('matchLabelKeys', `"${k}" exists in both matchLabelKeys and labelSelector`);
    }
  }
  return null;
}
