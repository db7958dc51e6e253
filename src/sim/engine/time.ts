// Simulated time is an integer number of milliseconds since the scenario starts: probe periods
// and grace periods add up without floating-point drift.
export type SimTime = number;
