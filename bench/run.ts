// npm run bench: wall time of the whole-network mapping search plus energy, per shipped model, and what the
// default search limit costs against the exhaustive search. Targets are printed, never asserted in tests.
import { loadHardware } from '../src/hw/load.js';
import { analyzeNetworkParallel } from '../src/run/analyzeNetwork.js';
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

async function timed(model: string, batch: number, searchLimit?: number) {
  const network = resolveModel(model, batch);
  const start = performance.now();
  const summary = await analyzeNetworkParallel(network, hw, { objective: 'energy', hardwareFile: hwFile, searchLimit });
  return { summary, seconds: (performance.now() - start) / 1000, layers: network.layers.length };
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
