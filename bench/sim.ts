// npm run bench (part 2): wall time and peak memory of the cycle-level simulator on AlexNet CONV3 (batch 1,
// the layer SCALE-Sim needs ~200 s and 2.1 GB for) and on the whole ResNet-50, in a fresh process.
import { loadHardware } from '../src/hw/load.js';
import { searchMapping } from '../src/search/search.js';
import { analyzeNetworkParallel } from '../src/run/analyzeNetwork.js';
import { simulateLayer } from '../src/sim/engine.js';
import { mappingView } from '../src/workload/layer.js';
import { resolveModel } from '../src/workload/zoo/index.js';

const hwFile = 'hardware/eyeriss.json';
const hw = loadHardware(hwFile);
const mib = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

const conv3 = mappingView(resolveModel('alexnet', 1).layers.find((l) => l.name === 'CONV3')!);
const { mapping } = searchMapping(conv3, hw, 'energy').best;
const before = mib();
let start = performance.now();
const sim = simulateLayer(conv3, hw, mapping);
console.log(
  `cycle-level AlexNet CONV3 (batch 1) on ${hwFile}: ${((performance.now() - start) / 1000).toFixed(3)} s, ` +
    `${sim.stats.passes} passes, ${sim.stats.cycles} cycles; peak RSS ${mib()} MiB (${before} MiB before)  target < 2 s, < 300 MB`,
);

start = performance.now();
const network = resolveModel('resnet50', 1);
const summary = await analyzeNetworkParallel(network, hw, { objective: 'energy', hardwareFile: hwFile, engine: 'cycle' });
console.log(
  `cycle-level ResNet-50 (batch 1, mapping search included): ${((performance.now() - start) / 1000).toFixed(2)} s, ` +
    `${summary.totals.cycles} cycles = ${summary.totals.latencyMs.toFixed(1)} ms at ${hw.clockMHz} MHz; peak RSS ${mib()} MiB  target < 60 s`,
);
