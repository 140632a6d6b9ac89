// npm run bench: wall time of the whole-network mapping search plus energy, per shipped model, and what the
// default search limit costs against the exhaustive search. Targets are printed, never asserted in tests.
import { loadHardware } from '../src/hw/load.js';
import { analyzeNetworkParallel, type RunOptions } from '../src/run/analyzeNetwork.js';
import { DEFAULT_REFINE } from '../src/search/search.js';
import { resolveModel } from '../src/workload/zoo/index.js';

const hwFile = 'hardware/eyeriss.json';
const hw = loadHardware(hwFile);
const cases: [string, number, string][] = [
  ['resnet50', 1, 'target < 2 s'],
  ['alexnet', 4, ''],
  ['vgg16', 3, ''],
  ['googlenet', 1, ''],
  ['mobilenet-v1', 1, ''],
];

async function timed(model: string, batch: number, searchLimit?: number, over: Partial<RunOptions> = {}) {
  const network = resolveModel(model, batch);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const summary = await analyzeNetworkParallel(network, hw, { objective: 'energy', hardwareFile: hwFile, searchLimit, ...over });
  const used = process.cpuUsage(cpu);
  return {
    summary,
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    layers: network.layers.length,
  };
}

console.log(`mapping search + energy on ${hwFile}, objective energy, Node ${process.version}`);
for (const [model, batch, target] of cases) {
  const { summary, seconds, layers } = await timed(model, batch);
  const perMac = summary.totals.energy.total / summary.totals.macs;
  console.log(
    `${model.padEnd(13)} batch ${batch}  ${String(layers).padStart(2)} layers  ${seconds.toFixed(2)} s  ` +
      `${perMac.toFixed(3)} ${summary.energyUnit}/MAC  ${target}`,
  );
}
const fast = await timed('resnet50', 1);
const exact = await timed('resnet50', 1, 0);
const excess = fast.summary.totals.energy.total / exact.summary.totals.energy.total - 1;
console.log(
  `resnet50 exhaustive search (--search-limit 0): ${exact.seconds.toFixed(2)} s; ` +
    `the default limit's total energy is ${(excess * 100).toFixed(2)}% above it`,
);
console.log(`peak resident memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (the process, worker threads included)`);

// Choosing by simulated cycles (--refine) costs simulations: the whole networks with the cycle engine and the latency
// objective, the analytical choice (--refine 1, what the cycle engine did before refinement) against the default.
console.log(
  `mapping search + cycle-level simulation, objective latency: --refine ${DEFAULT_REFINE} (default) against --refine 1; CPU time of all threads in brackets`,
);
for (const [model, batch] of cases.map(([m, b]) => [m, b] as const)) {
  const plain = await timed(model, batch, undefined, { objective: 'latency', engine: 'cycle', refine: 1 });
  const refined = await timed(model, batch, undefined, { objective: 'latency', engine: 'cycle', refine: DEFAULT_REFINE });
  const faster = 1 - refined.summary.totals.cycles / plain.summary.totals.cycles;
  console.log(
    `${model.padEnd(13)} batch ${batch}  ${plain.seconds.toFixed(2)} s (${plain.cpuSeconds.toFixed(2)}) -> ${refined.seconds.toFixed(2)} s (${refined.cpuSeconds.toFixed(2)}), ` +
      `x${(refined.cpuSeconds / plain.cpuSeconds).toFixed(2)} CPU; simulated cycles -${(faster * 100).toFixed(1)}%  target < 2x`,
  );
}
