// Simulated time is an integer number of milliseconds since the scenario starts: probe periods
// and grace periods add up without floating-point drift.
export type SimTime = number;

export const ms = (n: number): SimTime => Math.round(n);
export const seconds = (n: number): SimTime => Math.round(n * 1000);
export const minutes = (n: number): SimTime => Math.round(n * 60_000);
export const toSeconds = (t: SimTime): number => t / 1000;
