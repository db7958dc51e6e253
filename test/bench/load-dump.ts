// One dump load for test/bench/dump.ts, in a process of its own (so the peak RSS is the load's):
// `headroom inspect FILE`'s loading (loadInput), timed; prints one JSON line.
import { loadInput } from '../../src/io/scenario.js';

const file = process.argv[2];
const t0 = performance.now();
const input = await loadInput(file);
const loadMs = performance.now() - t0;
const inv = input.inventory;
const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
const heapMiB = Math.round(process.memoryUsage().heapUsed / 1024 ** 2);
process.stdout.write(
  JSON.stringify({ loadMs: Math.round(loadMs), peakRssMiB, heapMiB, nodes: inv.nodes.length, pods: inv.pods.length, workloads: inv.deployments.length }) + '\n',
);
