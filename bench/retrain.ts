// Seconds per epoch of LeNet-5 training on MNIST (the mnist package's 8,000 training digits, batches of 64, the
// wasm backend on one thread), for plain training and with the Deep k-Means indicator penalty; then the wall time
// of sharing and evaluating one shared network (k-means, test accuracy, the hardware model). The machine's load
// is printed beside them: the 2 cores are shared, and timings scale with what else runs. Targets are printed,
// never asserted. The whole `dkm-sim retrain` run is timed separately (README).
// Run: npx tsc -p tsconfig.json && node dist/bench/retrain.js
import { loadavg } from 'node:os';
import { evaluate } from '../src/explore/retrain/evaluate.js';
import { planFromK } from '../src/explore/retrain/plans.js';
import { shareParams } from '../src/explore/retrain/shareParams.js';
import { loadHardware } from '../src/hw/load.js';
import { si } from '../src/report/numbers.js';
import { energyUnitLabel } from '../src/report/units.js';
import { useBackend } from '../src/train/backend.js';
import { loadDataset } from '../src/train/data/load.js';
import { deepKMeans } from '../src/train/deepKMeans.js';
import { trainableModel } from '../src/train/models.js';
import { xavierParams } from '../src/train/params.js';
import { CAFFE_LENET_SOLVER } from '../src/train/solver.js';
import { train } from '../src/train/train.js';
import { resolveModel } from '../src/workload/zoo/index.js';

const load = () => loadavg()[0].toFixed(2);

await useBackend('wasm');
const net = trainableModel('lenet5')!;
const network = resolveModel('lenet5', 1);
const data = loadDataset('mnist');
const images = data.train.labels.length;
console.log(
  `LeNet-5 (Caffe) on MNIST, ${images} training images, batch ${CAFFE_LENET_SOLVER.batchSize}, wasm backend, Node ${process.version}`,
);

const plain = train(xavierParams(net, 1), { net, solver: CAFFE_LENET_SOLVER, epochs: 2, seed: 1, train: data.train });
for (const r of plain.history) {
  console.log(
    `plain training      epoch ${r.epoch}: ${r.seconds.toFixed(2)} s (${(images / r.seconds).toFixed(0)} images/s), load average ${load()}  target < 10 s`,
  );
}
const plan = planFromK([8, 44]);
const dkm = deepKMeans({
  variant: 'indicator',
  lambda: 1e-4,
  fEvery: 5,
  layers: [
    { layer: 'conv1', rowLength: 5, k: 8, seed: 1000 },
    { layer: 'conv2', rowLength: 5, k: 44, seed: 1001 },
  ],
});
const regularized = train(plain.params, { net, solver: CAFFE_LENET_SOLVER, epochs: 1, seed: 1, train: data.train, transform: dkm });
console.log(`Deep k-Means (indicator F) epoch: ${regularized.history[0].seconds.toFixed(2)} s, load average ${load()}`);

const hwFile = 'hardware/eyeriss.json';
const hw = loadHardware(hwFile);
const started = performance.now();
const shared = shareParams(network, regularized.params, plan);
const e = evaluate({ net, network, test: data.test, hw, hardwareFile: hwFile }, shared.params, shared.sharings);
console.log(
  `share + evaluate one network (${plan.label}): ${((performance.now() - started) / 1000).toFixed(2)} s ` +
    `(accuracy ${(100 * e.testAccuracy).toFixed(2)} %, ${si(e.energy, 4)} ${energyUnitLabel(hw.energy.unit)}), load average ${load()}`,
);
