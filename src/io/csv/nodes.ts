// nodes.csv → NodeSpec[]: `name,zone,cpu,memory,pods` (allocatable) required; optional labels,
// taints, memory_capacity (default null: the simulation uses allocatable + the hard eviction
// threshold) and unschedulable.
import type { NodeSpec } from '../../model/types.js';
import { InputError } from '../errors.js';
import { readTextFile } from '../read-file.js';
import {
  cpuQuantity,
  memoryQuantity,
  parseBool,
  parseLabels,
  parseNonNegativeInt,
  parseTaints,
  isLabelValue,
} from '../cells.js';
import { readCsv } from './table.js';
import { LIMITS, overLimit } from '../../model/limits.js';

export { LABEL_HOSTNAME as HOSTNAME_LABEL, LABEL_ZONE as ZONE_LABEL } from '../../model/well-known.js';
import { LABEL_HOSTNAME as HOSTNAME_LABEL, LABEL_ZONE as ZONE_LABEL } from '../../model/well-known.js';

export const NODE_COLUMNS = {
  required: ['name', 'zone', 'cpu', 'memory', 'pods'],
  optional: ['labels', 'taints', 'memory_capacity', 'unschedulable', 'ephemeral_storage', 'ephemeral_storage_capacity'],
} as const;

export async function loadNodesCsv(file: string): Promise<NodeSpec[]> {
  return parseNodesCsv(await readTextFile(file), file);
}

/** Parses nodes.csv text; `file` is used in messages. An empty node list is an error. */
export function parseNodesCsv(text: string, file: string): NodeSpec[] {
  const t = readCsv(text, file, NODE_COLUMNS, { max: LIMITS.nodes, describe: (n) => overLimit(n, 'nodes') });
  const nodes: NodeSpec[] = [];
  const rowOf = new Map<string, number>();
  for (let i = 0; i < t.rows.length; i++) {
    if (t.isBlank(i)) continue;
    const name = t.read(i, 'name', requiredName);
    const prev = rowOf.get(name);
    if (prev !== undefined) throw t.cellError(i, 'name', name, `duplicate node name (first on line ${t.lineOf(prev)})`);
    rowOf.set(name, i);
    const zone = t.read(i, 'zone', (z) => {
      if (!isLabelValue(z)) throw new Error('not a valid zone name (letters, digits, "-", "_", ".")');
      return z;
    });
    const cpu = t.read(i, 'cpu', positive(cpuQuantity, 'allocatable cpu'));
    const memory = t.read(i, 'memory', positive(memoryQuantity, 'allocatable memory'));
    const pods = t.read(i, 'pods', (p) => parseNonNegativeInt(p));
    const labels = t.read(i, 'labels', parseLabels);
    const taints = t.read(i, 'taints', parseTaints);
    const memoryCapacity = t.read(i, 'memory_capacity', (v) => (v === '' ? null : memoryQuantity(v)));
    if (memoryCapacity !== null && memoryCapacity < memory) {
      throw t.cellError(i, 'memory_capacity', t.cell(i, 'memory_capacity'), `is less than the allocatable memory ${t.cell(i, 'memory')}`);
    }
    const unschedulable = t.read(i, 'unschedulable', (v) => (v === '' ? false : parseBool(v)));
    // Ephemeral storage (allocatable, and the node filesystem's size): empty = not modelled.
    const ephemeralStorage = t.read(i, 'ephemeral_storage', (v) => (v === '' ? undefined : positive(memoryQuantity, 'allocatable ephemeral storage')(v)));
    const ephemeralStorageCapacity = t.read(i, 'ephemeral_storage_capacity', (v) => (v === '' ? undefined : positive(memoryQuantity, 'ephemeral storage capacity')(v)));
    if (ephemeralStorageCapacity !== undefined && (ephemeralStorage === undefined || ephemeralStorageCapacity < ephemeralStorage)) {
      throw t.cellError(i, 'ephemeral_storage_capacity', t.cell(i, 'ephemeral_storage_capacity'), ephemeralStorage === undefined ? 'needs ephemeral_storage (the allocatable part)' : `is less than the allocatable ephemeral storage ${t.cell(i, 'ephemeral_storage')}`);
    }
    if (labels[ZONE_LABEL] !== undefined && labels[ZONE_LABEL] !== zone) {
      throw t.cellError(i, 'labels', t.cell(i, 'labels'), `${ZONE_LABEL}=${labels[ZONE_LABEL]} contradicts zone "${zone}"`);
    }
    nodes.push({
      name,
      zone,
      labels: { [HOSTNAME_LABEL]: name, ...(zone ? { [ZONE_LABEL]: zone } : {}), ...labels },
      taints,
      unschedulable,
      allocatable: { cpu, memory, pods, ...(ephemeralStorage !== undefined ? { ephemeralStorage } : {}) },
      memoryCapacity,
      ...(ephemeralStorageCapacity !== undefined ? { ephemeralStorageCapacity } : {}),
    });
  }
  if (nodes.length === 0) throw new InputError('no nodes: the file has a header but no node rows', { file });
  return nodes;
}

export function requiredName(v: string): string {
  if (v === '') throw new Error('required');
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v) || v.length > 253) {
    throw new Error('not a valid Kubernetes name (lower-case letters, digits, "-" and ".")');
  }
  return v;
}

function positive(parse: (v: string) => number, what: string): (v: string) => number {
  return (v) => {
    if (v === '') throw new Error(`required (${what})`);
    const n = parse(v);
    if (n <= 0) throw new Error(`${what} must be greater than 0`);
    return n;
  };
}
