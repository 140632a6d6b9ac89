// Wall time of the compress stage: k-means on 200k seeded random rows of length 3 into 64 clusters (target:
// well under a second), and sharing every WRN-16-4 conv layer with the 45x plan on synthetic He-normal weights.
// Targets are printed, never asserted (timings belong to benchmarks, not tests).
// Run: npx tsc -p tsconfig.json && node dist/bench/kmeans.js
import { compressionReport } from '../src/compress/compressionRatio.js';
import { kmeans } from '../src/compress/kmeans.js';
import { shareNetwork } from '../src/compress/plan.js';
import { createRng } from '../src/random/rng.js';
import { heNormalWeights } from '../src/workload/weights/synthetic.js';
import { wrn16_4Plan } from '../src/compress/wrn16_4Plans.js';
import { resolveModel } from '../src/workload/zoo/index.js';

const ROWS = 200_000;
const DIM = 3;
const K = 64;
const REPEATS = 5;

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

const rng = createRng(2018);
const rows = new Float32Array(ROWS * DIM);
for (let i = 0; i < rows.length; i++) rows[i] = rng.normal();

console.log(`compress bench, Node ${process.version}`);
const times: number[] = [];
let last = kmeans(rows, DIM, K, { seed: 1 });
for (let r = 0; r < REPEATS; r++) {
  const start = performance.now();
  last = kmeans(rows, DIM, K, { seed: 1 + r });
  times.push(seconds(start));
}
times.sort((a, b) => a - b);
console.log(
  `kmeans ${ROWS} x ${DIM} normal rows, k ${K}: median ${times[REPEATS >> 1].toFixed(3)} s ` +
  `(min ${times[0].toFixed(3)}, max ${times[REPEATS - 1].toFixed(3)}) over ${REPEATS} seeds; ` +
  `${last.iterations} Lloyd steps, distortion ${last.distortion.toFixed(1)}   target < 1 s`,
);

const network = resolveModel('wrn-16-4', 1);
const start = performance.now();
const sharings = shareNetwork(network.layers, (layer, i) => heNormalWeights(layer, 1 + i), wrn16_4Plan(45));
const shareSeconds = seconds(start);
const report = compressionReport(network.layers, sharings);
console.log(
  `share all ${sharings.length} WRN-16-4 conv layers (45x plan, He-normal weights): ${shareSeconds.toFixed(3)} s; ` +
  `CR fixed ${report.ratio.fixed.toFixed(2)}, entropy ${report.ratio.entropy.toFixed(2)}, Huffman ${report.ratio.huffman.toFixed(2)}`,
);
