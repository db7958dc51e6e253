// One benchmark run in its own process (so peak RSS is this run's): load a generated scenario,
// simulate it, build every report; print one JSON line of figures.
import { loadScenario } from '../../src/io/scenario.js';
import { reportFiles } from '../../src/report/files.js';
import { Simulation } from '../../src/sim/simulation.js';

const path = process.argv[2];
const c0 = process.cpuUsage();
const t0 = performance.now();
const scenario = await loadScenario(path);
const t1 = performance.now();
const c1 = process.cpuUsage(c0);
const sim = new Simulation(scenario);
sim.run();
const result = sim.result();
const t2 = performance.now();
const c2 = process.cpuUsage(c0);
const files = reportFiles(result);
const bytes = Object.values(files).reduce((a, f) => a + Buffer.byteLength(f), 0);
const t3 = performance.now();
const pods = scenario.inventory.deployments.reduce((a, d) => a + d.replicas, 0);
console.log(
  JSON.stringify({
    nodes: scenario.inventory.nodes.length,
    pods,
    loadMs: Math.round(t1 - t0),
    simulateMs: Math.round(t2 - t1),
    simulateCpuMs: Math.round((c2.user + c2.system - c1.user - c1.system) / 1000),
    reportMs: Math.round(t3 - t2),
    wallMs: Math.round(t3 - t0),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    timers: result.stats.timersFired,
    eventsPerSecond: Math.round(result.stats.timersFired / ((t2 - t1) / 1000)),
    podsCreated: result.stats.podsCreated,
    schedulingAttempts: result.stats.schedulingAttempts,
    reportBytes: bytes,
    k8sEvents: result.events.length,
  }),
);
