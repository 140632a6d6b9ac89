// Wall time of the compress stage. Targets are printed, never asserted (timings belong to benchmarks, not tests).
//  - k-means on 200k seeded random rows of length 3 into 64 clusters (target: well under a second);
//  - sharing every WRN-16-4 conv layer with the 45x plan on synthetic He-normal weights;
//  - large K: every AlexNet conv layer at cluster rates 0.05 and 0.5, and the whole `validate` workload
//    (AlexNet at 8 rates, GoogLeNet v1 at 4; K up to ~N/2), with the default options and with validate's Lloyd-step cap;
//    then the whole `dkm-sim validate` command, wall time (target < 60 s).
//    Weights: He-normal, seed 1 + conv index; k-means seed 1000 + conv index (as shareNetwork).
// Run: npx tsc -p tsconfig.json && node dist/bench/kmeans.js [--quick]   (--quick: skip the validate workload)
import { compressionReport } from '../src/compress/compressionRatio.js';
import { kmeans } from '../src/compress/kmeans.js';
import { convLayers, shareNetwork } from '../src/compress/plan.js';
import { rowMatrix } from '../src/compress/rowVectors.js';
import { kFromClusterRate } from '../src/compress/sharing.js';
import { createRng } from '../src/random/rng.js';
import { heNormalWeights } from '../src/workload/weights/synthetic.js';
import { wrn16_4Plan } from '../src/compress/wrn16_4Plans.js';
import { resolveModel } from '../src/workload/zoo/index.js';
import { PAPER_MODELS, VALIDATION_KMEANS } from '../src/validate/setup.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROWS = 200_000;
const DIM = 3;
const K = 64;
const REPEATS = 5;
const ratesOf = (model: string): readonly number[] => PAPER_MODELS.find((m) => m.model === model)!.rates;
const ALEXNET_RATES = ratesOf('alexnet');
const GOOGLENET_RATES = ratesOf('googlenet');

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

/** k-means on every conv layer of `model` at each rate; prints the time and the Lloyd steps taken. */
function largeK(model: string, rates: readonly number[], maxIterations?: number): number {
  const layers = convLayers(resolveModel(model, 1).layers);
  const data = layers.map((layer, i) => rowMatrix(heNormalWeights(layer, 1 + i), layer));
  let total = 0;
  for (const rate of rates) {
    const steps: number[] = [];
    let capped = 0;
    const begin = performance.now();
    data.forEach((m, i) => {
      const r = kmeans(m.data, m.rowLength, kFromClusterRate(m.rows, rate), { seed: 1000 + i, maxIterations });
      steps.push(r.iterations);
      if (maxIterations !== undefined && r.iterations === maxIterations) capped++;
    });
    const took = seconds(begin);
    total += took;
    const biggest = data.reduce((b, m) => Math.max(b, kFromClusterRate(m.rows, rate)), 0);
    console.log(
      `  ${model} rate ${rate}: ${took.toFixed(2)} s, K up to ${biggest}; Lloyd steps mean ` +
        `${(steps.reduce((a, b) => a + b, 0) / steps.length).toFixed(1)}, max ${Math.max(...steps)}` +
        `${maxIterations === undefined ? '' : `, ${capped} of ${steps.length} layers stopped at the cap`}`,
    );
  }
  return total;
}

console.log('large K (every conv layer, K = rate x N):');
for (const rate of [0.05, 0.5]) console.log(`AlexNet at ${rate}: ${largeK('alexnet', [rate]).toFixed(2)} s`);
if (!process.argv.includes('--quick')) {
  for (const maxIterations of [undefined, VALIDATION_KMEANS.maxIterations]) {
    const label = maxIterations === undefined ? 'default options' : `maxIterations ${maxIterations}`;
    const alex = largeK('alexnet', ALEXNET_RATES, maxIterations);
    const goog = largeK('googlenet', GOOGLENET_RATES, maxIterations);
    console.log(
      `validate workload, ${label}: ${(alex + goog).toFixed(2)} s (AlexNet ${alex.toFixed(2)} s, GoogLeNet ${goog.toFixed(2)} s)`,
    );
  }
}

// The command as a user runs it (worker threads, simulation, reports): the < 1 minute target.
if (!process.argv.includes('--quick')) {
  const out = mkdtempSync(path.join(tmpdir(), 'dkm-bench-validate-'));
  const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, 'validate', '--out', out], { encoding: 'utf8' });
  const wall = seconds(start);
  rmSync(out, { recursive: true, force: true });
  // "alexnet: R^2 = 0.7805 against the paper setup, 0.4945 against the detailed model (paper: 0.9931)"
  const fits = [...r.stdout.matchAll(/^(\w+): R\^2 = (\S+) against the paper setup, (\S+) against the detailed model/gm)];
  const r2 = fits.map(([, model, setup, detailed]) => `${model} R^2 ${setup} (paper setup) ${detailed} (detailed model)`).join(', ');
  console.log(`dkm-sim validate (whole command): ${wall.toFixed(1)} s wall, exit ${r.status}; ${r2}   target < 60 s`);
}
