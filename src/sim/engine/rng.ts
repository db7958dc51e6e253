// Seeded randomness: one xoroshiro128+ root per run; each named stream is a clone of the root
// jumped a fixed number of times (2^64 draws apart), so streams never overlap and adding a
// stream does not shift the others (pure-rand's jump()).
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

export interface Stream {
  /** Uniform integer in [from, to]. */
  int(from: number, to: number): number;
}

/** Streams of a run, in a fixed registry order (append new names at the end). */
const STREAMS = ['scheduler', 'kubelet', 'workload', 'preemption'] as const;
export type StreamName = (typeof STREAMS)[number];

export function makeStreams(seed: number): Record<StreamName, Stream> {
  const root = xoroshiro128plus(seed | 0);
  const out = {} as Record<StreamName, Stream>;
  STREAMS.forEach((name, i) => {
    const g: JumpableRandomGenerator = root.clone();
    for (let k = 0; k <= i; k++) g.jump();
    out[name] = { int: (from, to) => uniformInt(g, from, to) };
  });
  return out;
}
