// npm run bench: wall time of the whole-network mapping search plus energy, per shipped model.
// Targets live here as printed numbers, never as timed assertions in the test suite.
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
console.log(`mapping search + energy on ${hwFile} (objective energy), ${process.version}`);
for (const [model, batch, target] of cases) {
  const network = resolveModel(model, batch);
  const start = performance.now();
  const summary = await analyzeNetworkParallel(network, hw, { objective: 'energy', hardwareFile: hwFile });
  const seconds = (performance.now() - start) / 1000;
  const perMac = summary.totals.energy.total / summary.totals.macs;
  console.log(
    `${model.padEnd(13)} batch ${batch}  ${network.layers.length} layers  ${seconds.toFixed(2)} s  ` +
    `${perMac.toFixed(3)} ${summary.energyUnit}/MAC  ${target}`,
  );
}
