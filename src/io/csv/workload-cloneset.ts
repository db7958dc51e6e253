// workloads.csv's OpenKruise CloneSet rows (`kind` CloneSet): the columns a Deployment has, read
// as a CloneSet's updateStrategy — `strategy` ReCreate (default) | InPlaceIfPossible |
// InPlaceOnly, `partition` (an int or a percentage of replicas), `max_unavailable` (20%),
// `max_surge` (0) — and ours: `in_place_grace_seconds`
// (updateStrategy.inPlaceUpdateStrategy.gracePeriodSeconds). Validated as every loader validates a
// CloneSet (model/cloneset.ts: Kruise's validating webhook).
import { type CloneSetField, checkCloneSetSpec } from '../../model/cloneset.js';
import type { CloneSet, CloneSetUpdateType, PodTemplate } from '../../model/types.js';
import { parseIntOrPercent, parseNonNegativeInt } from '../cells.js';
import type { CsvTable } from './table.js';

export const CLONESET_COLUMNS = ['in_place_grace_seconds'];

const COLUMN: Partial<Record<CloneSetField, string>> = {
  replicas: 'replicas',
  updateStrategy: 'strategy',
  partition: 'partition',
  maxUnavailable: 'max_unavailable',
  maxSurge: 'max_surge',
  inPlaceGraceSeconds: 'in_place_grace_seconds',
  minReadySeconds: 'min_ready_seconds',
  restartPolicy: 'restart_policy',
};

/** updateStrategy.type, in any case. */
export function parseCloneSetStrategy(v: string): CloneSetUpdateType {
  const s = v.toLowerCase();
  if (s === 'recreate') return 'ReCreate';
  if (s === 'inplaceifpossible') return 'InPlaceIfPossible';
  if (s === 'inplaceonly') return 'InPlaceOnly';
  if (s === 'rollingupdate' || s === 'ondelete') throw new Error(`${v} is not a CloneSet update strategy (apps.kruise.io/v1alpha1): expected ReCreate, InPlaceIfPossible or InPlaceOnly`);
  throw new Error('expected ReCreate, InPlaceIfPossible or InPlaceOnly');
}

export function readCloneSet(t: CsvTable, i: number, namespace: string, name: string, template: PodTemplate): CloneSet {
  const opt = <T>(column: string, parse: (v: string) => T): T | undefined => t.read(i, column, (v) => (v === '' ? undefined : parse(v)));
  const check = checkCloneSetSpec({
    replicas: t.read(i, 'replicas', (v) => {
      if (v === '') throw new Error('required');
      return parseNonNegativeInt(v);
    }),
    updateStrategy: opt('strategy', parseCloneSetStrategy),
    partition: opt('partition', parseIntOrPercent),
    maxUnavailable: opt('max_unavailable', parseIntOrPercent),
    maxSurge: opt('max_surge', parseIntOrPercent),
    inPlaceGraceSeconds: opt('in_place_grace_seconds', parseNonNegativeInt),
    minReadySeconds: opt('min_ready_seconds', parseNonNegativeInt),
    restartPolicy: template.restartPolicy,
  });
  if (!check.ok) {
    const column = COLUMN[check.field] ?? check.field;
    throw t.cellError(i, column, t.cell(i, column), check.detail);
  }
  return { namespace, name, ...check.spec, revisionHistoryLimit: 10, template };
}
