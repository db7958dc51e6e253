// The StatefulSet sync rule replayed against Kubernetes' own tables
// (test/fixtures/vectors-workloads.json, from pkg/controller/statefulset/*_test.go). The
// harness plays the upstream fake: deleted pods vanish at once, created pods appear Pending, and
// a "ready" step makes every pod Running and Ready (available: minReadySeconds 0).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type StatefulPodState,
  type StatefulSetAction,
  statefulSetMaxUnavailable,
  updateAfterInvariantEstablished,
  updateStatefulSet,
} from '../../../../src/sim/controllers/statefulset/stateful-set-control.js';
import type { IntOrPercent } from '../../../../src/model/types.js';

const vectors = JSON.parse(readFileSync(new URL('../../../fixtures/vectors-workloads.json', import.meta.url), 'utf8'));
interface Case<I, E> {
  name: string;
  input: I;
  expected: E;
}
const cases = <I, E>(key: string): Case<I, E>[] => vectors[key].cases;

/** A fake set: pods by ordinal, with a revision number each; the current and update revisions. */
class FakeSet {
  readonly pods = new Map<number, { rev: number; ready: boolean; terminating: boolean; phase: 'Running' | 'Pending' | 'Failed' | 'Succeeded' }>();
  current = 1;
  update = 1;
  constructor(
    public replicas: number,
    public parallel: boolean,
    public partition = 0,
    public onDelete = false,
    public maxUnavailable: number | null = null,
  ) {}

  view(): StatefulPodState[] {
    return [...this.pods].map(([ordinal, p]) => {
      const terminal = p.phase === 'Failed' || p.phase === 'Succeeded';
      const rr = p.phase === 'Running' && p.ready;
      return { ordinal, terminal, terminating: p.terminating, runningAndReady: rr, runningAndAvailable: rr, updated: p.rev === this.update };
    });
  }

  /** One sync: the actions, applied as the fake pod control applies them. */
  sync(): StatefulSetAction[] {
    const actions = updateStatefulSet({
      replicas: this.replicas,
      start: 0,
      parallel: this.parallel,
      onDelete: this.onDelete,
      partition: this.partition,
      maxUnavailable: this.maxUnavailable,
      pods: this.view(),
    });
    for (const a of actions) {
      if (a.kind === 'create') this.pods.set(a.ordinal, { rev: a.atUpdateRevision ? this.update : this.current, ready: false, terminating: false, phase: 'Pending' });
      else this.pods.delete(a.ordinal);
    }
    // completeRollingUpdate: every replica updated and ready → the update revision is current.
    const all = [...this.pods.values()];
    if (!this.onDelete && all.length === this.replicas && all.every((p) => p.rev === this.update && p.ready)) this.current = this.update;
    return actions;
  }

  ready(ordinals?: readonly number[]): void {
    for (const [o, p] of this.pods) {
      if (ordinals && !ordinals.includes(o)) continue;
      p.phase = 'Running';
      p.ready = true;
    }
  }

  /** Syncs, making every pod Running and Ready after each, until a sync does nothing. */
  settle(): void {
    for (let i = 0; i < 1000; i++) {
      const acts = this.sync();
      this.ready();
      if (acts.length === 0 && this.sync().length === 0) return;
    }
    throw new Error('no fixed point');
  }

  ordinalsAt(rev: number): number[] {
    return [...this.pods].filter(([, p]) => p.rev === rev).map(([o]) => o).sort((a, b) => a - b);
  }
}

describe('StatefulSet.getStatefulSetMaxUnavailable', () => {
  for (const c of cases<{ maxUnavailable: IntOrPercent | null; replicas: number }, { maxUnavailable: number }>('StatefulSet.getStatefulSetMaxUnavailable')) {
    it(c.name, () => expect(statefulSetMaxUnavailable(c.input.maxUnavailable, c.input.replicas)).toBe(c.expected.maxUnavailable));
  }
});

describe('StatefulSet.updateStatefulSetAfterInvariantEstablished', () => {
  type I = { replicas: number; partition: number; maxUnavailable: number; terminatingOrdinals: number[] };
  type E = { podsDeleted: number; podsAfter: number; deletedOrdinals: number[] };
  for (const c of cases<I, E>('StatefulSet.updateStatefulSetAfterInvariantEstablished')) {
    it(c.name, () => {
      // Old-revision pods, Running and Ready; the terminating ones still are.
      const replicas = Array.from({ length: c.input.replicas }, (_, ordinal): StatefulPodState => ({
        ordinal,
        terminal: false,
        terminating: c.input.terminatingOrdinals.includes(ordinal),
        runningAndReady: true,
        runningAndAvailable: true,
        updated: false,
      }));
      const deleted = updateAfterInvariantEstablished(replicas, 0, c.input.partition, c.input.maxUnavailable);
      expect(deleted).toEqual(c.expected.deletedOrdinals);
      expect(deleted.length).toBe(c.expected.podsDeleted);
      expect(c.input.replicas - deleted.length).toBe(c.expected.podsAfter);
    });
  }
});

type UpdateInput = { podManagementPolicy: 'OrderedReady' | 'Parallel'; initialReplicas: number; newReplicas: number; partition?: number };

function updated(c: UpdateInput, onDelete = false): FakeSet {
  const s = new FakeSet(c.initialReplicas, c.podManagementPolicy === 'Parallel', 0, onDelete);
  s.settle();
  // New template (image) and maybe new replicas: a new update revision.
  s.update = 2;
  s.replicas = c.newReplicas;
  s.partition = onDelete ? 0 : (c.partition ?? 0);
  s.settle();
  return s;
}

describe('StatefulSet.RollingUpdateWithPartition', () => {
  for (const c of cases<UpdateInput, { originalImageOrdinals: number[]; newImageOrdinals: number[] }>('StatefulSet.RollingUpdateWithPartition')) {
    it(c.name, () => {
      const s = updated(c.input);
      expect(s.ordinalsAt(1)).toEqual(c.expected.originalImageOrdinals);
      expect(s.ordinalsAt(2)).toEqual(c.expected.newImageOrdinals);
    });
  }
});

describe('StatefulSet.RollingUpdate', () => {
  for (const c of cases<UpdateInput, { pods: number; newImageOrdinals: number[] }>('StatefulSet.RollingUpdate')) {
    it(c.name, () => {
      const s = updated(c.input);
      expect(s.pods.size).toBe(c.expected.pods);
      expect(s.ordinalsAt(2)).toEqual(c.expected.newImageOrdinals);
      expect(s.current).toBe(2); // completeRollingUpdate
    });
  }
});

describe('StatefulSet.OnDeleteUpdate', () => {
  type E = { afterUpdate: { originalImageOrdinals: number[]; newImageOrdinals: number[] }; afterRestart: { newImageOrdinals: number[] } };
  for (const c of cases<UpdateInput, E>('StatefulSet.OnDeleteUpdate')) {
    it(c.name, () => {
      const s = updated(c.input, true);
      expect(s.ordinalsAt(1)).toEqual(c.expected.afterUpdate.originalImageOrdinals);
      expect(s.ordinalsAt(2)).toEqual(c.expected.afterUpdate.newImageOrdinals);
      // Scale to 0 and back: every pod comes back at the update revision.
      const n = s.replicas;
      s.replicas = 0;
      s.settle();
      expect(s.pods.size).toBe(0);
      s.replicas = n;
      s.settle();
      expect(s.ordinalsAt(2)).toEqual(c.expected.afterRestart.newImageOrdinals);
    });
  }
});

describe('StatefulSet.Control', () => {
  type I = { replicas: number; scaleTo?: number; podObjectsRemoved?: number[]; terminalPhaseOrdinal?: number; phase?: 'Failed' | 'Succeeded' };
  type E = { status?: { replicas: number; readyReplicas?: number; updatedReplicas?: number }; recreatedOrdinals?: number[]; deleteRequests?: number };
  for (const policy of ['OrderedReady', 'Parallel'] as const) {
    for (const c of cases<I, E>('StatefulSet.Control')) {
      it(`${c.name} (${policy})`, () => {
        const s = new FakeSet(c.input.replicas, policy === 'Parallel');
        s.settle();
        if (c.input.scaleTo !== undefined) {
          s.replicas = c.input.scaleTo;
          s.settle();
        }
        if (c.input.podObjectsRemoved) {
          for (const o of c.input.podObjectsRemoved) s.pods.delete(o);
          s.settle();
          expect([...s.pods.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
        }
        if (c.input.terminalPhaseOrdinal !== undefined) {
          s.pods.get(c.input.terminalPhaseOrdinal)!.phase = c.input.phase!;
          const acts = s.sync();
          // Only the delete: the new pod of the same name comes once the old object is gone.
          expect(acts.filter((a) => a.kind === 'delete')).toHaveLength(c.expected.deleteRequests!);
          expect(acts.filter((a) => a.kind === 'create')).toHaveLength(0);
          expect(s.sync()).toEqual([{ kind: 'create', ordinal: c.input.terminalPhaseOrdinal, atUpdateRevision: true }]);
          return;
        }
        const pods = [...s.pods.values()];
        const st = c.expected.status!;
        expect(pods.length).toBe(st.replicas);
        if (st.readyReplicas !== undefined) expect(pods.filter((p) => p.ready).length).toBe(st.readyReplicas);
        if (st.updatedReplicas !== undefined) expect(pods.filter((p) => p.rev === s.update).length).toBe(st.updatedReplicas);
      });
    }
  }
});

describe('StatefulSet.RollingUpdateWithMaxUnavailable.walkthrough', () => {
  type Step = { do: string; podsAfter: number[]; note: string };
  type I = { replicas: number; partition: number; maxUnavailable: number; podManagementPolicy: 'OrderedReady' | 'Parallel' };
  for (const c of cases<I, { steps: Step[] }>('StatefulSet.RollingUpdateWithMaxUnavailable.walkthrough')) {
    it(c.name, () => {
      const s = new FakeSet(c.input.replicas, c.input.podManagementPolicy === 'Parallel', 0, false, null);
      s.settle();
      s.update = 2;
      s.partition = c.input.partition;
      s.maxUnavailable = c.input.maxUnavailable;
      for (const step of c.expected.steps) {
        // "pod 4 Running+Ready", "pods 4,5 Running, 4 Ready", "pods 3 and 5 Ready"
        const m = /^pods? ([\d, and]+?) (Running\+Ready|Running, (\d+) Ready|Ready), sync$/.exec(step.do);
        if (m) {
          const named = m[1].split(/,|and/).map((x) => Number(x.trim())).filter((x) => !Number.isNaN(x));
          for (const o of named) s.pods.get(o)!.phase = 'Running';
          const ready = m[3] !== undefined ? [Number(m[3])] : named;
          for (const o of ready) s.pods.get(o)!.ready = true;
        } else expect(step.do).toBe('sync');
        s.sync();
        expect([...s.pods.keys()].sort((a, b) => a - b)).toEqual(step.podsAfter);
      }
    });
  }
});

// Rules the tables above leave implicit (stateful_set_control.go processReplica and the classic
// update loop), each derived from the source.
describe('updateStatefulSet: ordering rules', () => {
  it('OrderedReady creates one pod per sync, each only once the one before is Running and Ready', () => {
    const s = new FakeSet(3, false);
    expect(s.sync()).toEqual([{ kind: 'create', ordinal: 0, atUpdateRevision: true }]);
    expect(s.sync()).toEqual([]); // web-0 Pending
    s.ready([0]);
    expect(s.sync()).toEqual([{ kind: 'create', ordinal: 1, atUpdateRevision: true }]);
  });

  it('Parallel creates every missing pod in one sync', () => {
    const s = new FakeSet(3, true);
    expect(s.sync().map((a) => a.kind === 'create' && a.ordinal)).toEqual([0, 1, 2]);
  });

  it('OrderedReady waits while a replica terminates; Parallel does not', () => {
    for (const parallel of [false, true]) {
      const s = new FakeSet(3, parallel);
      s.settle();
      s.pods.get(1)!.terminating = true;
      s.pods.delete(2);
      expect(s.sync()).toEqual(parallel ? [{ kind: 'create', ordinal: 2, atUpdateRevision: true }] : []);
    }
  });

  it('scales down from the highest ordinal, one per sync, only when every replica is Running and Ready', () => {
    const s = new FakeSet(4, false);
    s.settle();
    s.replicas = 2;
    s.pods.get(0)!.ready = false;
    expect(s.sync()).toEqual([]); // web-0 not ready: nothing is deleted
    s.ready([0]);
    expect(s.sync()).toEqual([{ kind: 'delete', ordinal: 3, why: 'scaleDown' }]);
    expect(s.sync()).toEqual([{ kind: 'delete', ordinal: 2, why: 'scaleDown' }]);
  });

  it('a pod below the partition deleted mid-rollout comes back at the current (old) revision', () => {
    const s = new FakeSet(4, false, 0);
    s.settle();
    s.update = 2;
    s.partition = 1;
    s.settle();
    expect(s.ordinalsAt(1)).toEqual([0]);
    s.pods.delete(0); // drained
    expect(s.sync()).toEqual([{ kind: 'create', ordinal: 0, atUpdateRevision: false }]);
  });

  it('the classic update deletes the highest old pod and waits for it to be available before the next', () => {
    const s = new FakeSet(3, true);
    s.settle();
    s.update = 2;
    expect(s.sync()).toEqual([{ kind: 'delete', ordinal: 2, why: 'update' }]);
    expect(s.sync()).toEqual([{ kind: 'create', ordinal: 2, atUpdateRevision: true }]);
    expect(s.sync()).toEqual([]); // web-2 Pending: the loop waits there (Parallel too)
    s.ready([2]);
    expect(s.sync()).toEqual([{ kind: 'delete', ordinal: 1, why: 'update' }]);
  });
});
