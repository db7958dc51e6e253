// The contract's limits are counted while a kubectl dump is read: the object that passes one is
// refused at its place and nothing after it is read (kubectl.ts checkLimits). The limits are
// lowered here so that a few objects reach them (the real ones are 100,000 and 1,500,000: see
// hostile-input.test.ts for the node limit at its real size).
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/model/limits.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/model/limits.js')>();
  return { ...real, LIMITS: { ...real.LIMITS, nodes: 3, pods: 5, workloads: 2 } };
});

const { kubectlFromDumps, parseKubectlDump } = await import('../../src/io/kubectl.js');
type Source = Parameters<typeof kubectlFromDumps>[0][number];

/** A dump of `values` that counts the objects it was asked for. */
function counted(values: unknown[]): { source: Source; pulled: () => number } {
  let pulled = 0;
  return {
    pulled: () => pulled,
    source: {
      file: 'big.json',
      documents: 1,
      lineOf: (_doc, path) => 10 + Number(path[1]),
      *items() {
        for (let i = 0; i < values.length; i++) {
          pulled++;
          yield { value: values[i], doc: 0, path: ['items', i] };
        }
      },
    },
  };
}

const node = (i: number) => ({ kind: 'Node', metadata: { name: `n${i}` }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } });
const pod = (i: number) => ({
  kind: 'Pod',
  metadata: { name: `w${i}-abc12-x`, namespace: 'ns', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `w${i}-abc12`, controller: true }] },
  spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '1m', memory: '1Mi' } } }] },
  status: { phase: 'Pending' },
});
const deployment = (i: number) => ({ kind: 'Deployment', metadata: { name: `d${i}`, namespace: 'ns' }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'c' }] } } } });

const refusal = (values: unknown[]) => {
  const c = counted(values);
  let message = '';
  try {
    kubectlFromDumps([c.source]);
  } catch (e) {
    message = (e as Error).message;
  }
  return { message, pulled: c.pulled() };
};

describe('limits counted while a dump is read', () => {
  it('pods: the pod past the limit is refused at its line, and no object after it is read', () => {
    // One Node, then 20 Pods with a limit of 5: items[0] is the Node, items[1..5] the 5 pods
    // allowed, items[6] the 6th pod — refused; items[7..20] never asked for.
    const r = refusal([node(0), ...Array.from({ length: 20 }, (_, i) => pod(i))]);
    expect(r.message).toMatch(/^big\.json:16: items\[6\]: the .* pod: more than the limit of .* pods at once \(the rest of the file was not read\)\. Headroom simulates at most/);
    expect(r.pulled).toBe(7);
  });

  it('pods from several files count together', () => {
    const a = counted(Array.from({ length: 3 }, (_, i) => pod(i)));
    const b = counted(Array.from({ length: 10 }, (_, i) => pod(100 + i)));
    // 3 pods in the first file, so the limit of 5 is passed by the 3rd pod of the second (items[2]).
    expect(() => kubectlFromDumps([a.source, b.source])).toThrow(/^big\.json:12: items\[2\]: the .* pod: more than the limit/);
    expect(b.pulled()).toBe(3);
  });

  it('nodes and workloads likewise', () => {
    const n = refusal(Array.from({ length: 10 }, (_, i) => node(i)));
    expect(n.message).toMatch(/^big\.json:13: items\[3\]: the .* node: more than the limit of .* nodes/);
    expect(n.pulled).toBe(4);
    // Deployments, StatefulSets, DaemonSets, Jobs and CloneSets all count as workloads.
    const w = refusal([node(0), deployment(0), { ...deployment(1), kind: 'StatefulSet' }, { ...deployment(2), kind: 'DaemonSet' }, deployment(3)]);
    expect(w.message).toMatch(/^big\.json:13: items\[3\]: the .* workload: more than the limit of .* workloads/);
    expect(w.pulled).toBe(4);
  });

  it('a JSON dump with more Pods than the limit is refused from its bytes, before any object is parsed', () => {
    // items[1] is an invalid Pod (containers is not a list): reading the objects would stop there.
    // The bytes hold 7 Pods with a limit of 5; the 6th (items[6]) is named, nothing was parsed.
    const items = [node(0), { ...pod(0), spec: { containers: 5 } }, ...Array.from({ length: 6 }, (_, i) => pod(i + 1))];
    const indented = JSON.stringify({ kind: 'List', items }, null, 4);
    // The 6th Pod's line is its `{`: three lines above its name ("kind", "metadata": { between).
    const line = indented.split('\n').findIndex((l) => l.includes('"w5-abc12-x"')) + 1 - 3;
    expect(() => parseKubectlDump(indented, 'big.json')).toThrow(new RegExp(`^big\\.json:${line}: items\\[6\\]: the .* pod: more than the limit of .* pods at once`));
    expect(() => parseKubectlDump(JSON.stringify({ kind: 'List', items }), 'big.json')).toThrow(/^big\.json:1: items\[6\]: the .* pod: more than the limit/);
    // Only objects that plainly say kind Pod are counted from the bytes: an escaped kind, or a
    // second kind key (JSON.parse keeps the last), is left to the reader. With two such among the
    // 7, the count stays under 6, and the reader reports the invalid Pod at items[1].
    const sly = JSON.stringify({ kind: 'List', items }).replace('"kind":"Pod","metadata":{"name":"w3', '"kind":"P\\u006fd","metadata":{"name":"w3').replace('"kind":"Pod","metadata":{"name":"w4', '"kind":"Pod","kind":"Pod ","metadata":{"name":"w4');
    expect(() => parseKubectlDump(sly, 'big.json')).toThrow(/^big\.json:1: items\[1\]\.spec\.containers/);
  });
});
