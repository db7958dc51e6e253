// workloads.csv's pod-lifecycle columns (contract "Inventory CSVs"): init containers, postStart,
// restart policy, the app's own exit, a readiness gate, the resize policy, and ephemeral
// storage (requests, limits, usage, one emptyDir).
import type { EmptyDir, PodTemplate, ResizeResource, RestartPolicy } from '../../model/types.js';
import { memoryQuantity, parseSeconds } from '../cells.js';
import { parseMemoryUsage } from '../expression.js';
import {
  READINESS_GATE,
  parseExitCode,
  parseInitContainers,
  parseResizePolicy,
  parseRestartPolicy,
} from '../lifecycle-cells.js';
import { NO_STORAGE } from '../template.js';
import type { CsvTable } from './table.js';

export const LIFECYCLE_COLUMNS = [
  'init_seconds', 'post_start_seconds', 'restart_policy', 'exit_after_seconds', 'exit_code', 'readiness_gate_seconds',
  'resize_policy', 'ephemeral_storage_request', 'ephemeral_storage_limit', 'ephemeral_storage_usage',
  'empty_dir_size_limit', 'empty_dir_usage',
] as const;

export interface LifecycleCells {
  readonly template: Pick<
    PodTemplate,
    'initContainers' | 'postStartSeconds' | 'restartPolicy' | 'exitAfterSeconds' | 'exitCode' | 'readinessGates' | 'readinessGateSeconds' | 'ephemeralStorageUsage' | 'emptyDirs'
  >;
  /** The main container's ephemeral-storage request and limit, and its resize policy. */
  readonly requests: { ephemeralStorage?: number };
  readonly limits: { ephemeralStorage?: number };
  readonly resizeRestart: ResizeResource[];
}

export async function readLifecycle(t: CsvTable, i: number, defaultRestartPolicy: RestartPolicy = 'Always'): Promise<LifecycleCells> {
  const opt = <T>(column: string, parse: (v: string) => T, fallback: T): T => t.read(i, column, (v) => (v === '' ? fallback : parse(v)));
  // Always by default (each kind's check refuses what it does not accept); a Job's row OnFailure.
  const restartPolicy = opt('restart_policy', parseRestartPolicy, defaultRestartPolicy);
  const exitAfterSeconds = opt<number | null>('exit_after_seconds', parseSeconds, null);
  if (exitAfterSeconds === null && t.cell(i, 'exit_code') !== '') {
    throw t.cellError(i, 'exit_code', t.cell(i, 'exit_code'), 'is set but exit_after_seconds is empty (the app exits with it after that long)');
  }
  const gate = opt<number | null>('readiness_gate_seconds', parseSeconds, null);
  const esRequest = opt<number | undefined>('ephemeral_storage_request', memoryQuantity, undefined);
  const esLimit = opt<number | undefined>('ephemeral_storage_limit', memoryQuantity, undefined);
  if (esRequest !== undefined && esLimit !== undefined && esRequest > esLimit) {
    throw t.cellError(i, 'ephemeral_storage_request', t.cell(i, 'ephemeral_storage_request'), `is greater than ephemeral_storage_limit ${t.cell(i, 'ephemeral_storage_limit')} (Kubernetes rejects it)`);
  }
  const usageCell = t.cell(i, 'ephemeral_storage_usage');
  const ephemeralStorageUsage =
    usageCell === ''
      ? NO_STORAGE
      : await parseMemoryUsage(usageCell, 'ephemeral_storage_usage', { file: t.file, line: t.lineOf(i) }, { request: esRequest ?? esLimit ?? 0, limit: esLimit ?? esRequest ?? 0 });
  const sizeLimit = opt<number | null>('empty_dir_size_limit', memoryQuantity, null);
  const dirUsage = opt<number | null>('empty_dir_usage', memoryQuantity, null);
  const emptyDirs: EmptyDir[] = sizeLimit !== null || dirUsage !== null ? [{ name: 'cache', sizeLimit, memory: false, usage: dirUsage ?? 0 }] : [];
  return {
    template: {
      initContainers: opt('init_seconds', parseInitContainers, []),
      postStartSeconds: opt('post_start_seconds', parseSeconds, 0),
      restartPolicy,
      exitAfterSeconds,
      exitCode: opt('exit_code', parseExitCode, 0),
      readinessGates: gate === null ? [] : [READINESS_GATE],
      readinessGateSeconds: gate ?? 0,
      ephemeralStorageUsage,
      emptyDirs,
    },
    requests: esRequest === undefined ? {} : { ephemeralStorage: esRequest },
    limits: esLimit === undefined ? {} : { ephemeralStorage: esLimit },
    resizeRestart: opt('resize_policy', parseResizePolicy, []),
  };
}
