// A tiny trainable network for the tests (every stage kind of LeNet: padded conv, pool, conv, pool, fc with
// ReLU, fc) and seeded random images and labels for it.
import { createRng } from '../../src/random/rng.js';
import type { Batch } from '../../src/train/backprop.js';
import { trainableNet, type TrainableNet } from '../../src/train/trainableNet.js';
import { makeLayer, type LayerShape, type Network } from '../../src/workload/layer.js';

export function tinyNetwork(): Network {
  const shapes: LayerShape[] = [
    { name: 'conv1', kind: 'conv', C: 2, M: 3, H: 8, W: 8, R: 3, S: 3, stride: 1, padding: 1, groups: 1 }, // 8x8, pool 2 -> 4x4
    { name: 'conv2', kind: 'conv', C: 3, M: 4, H: 4, W: 4, R: 3, S: 3, stride: 1, padding: 0, groups: 1 }, // 2x2, no pool
    { name: 'fc1', kind: 'fc', C: 4, M: 5, H: 2, W: 2, R: 2, S: 2, stride: 1, padding: 0, groups: 1 },
    { name: 'fc2', kind: 'fc', C: 5, M: 3, H: 1, W: 1, R: 1, S: 1, stride: 1, padding: 0, groups: 1 },
  ];
  return { name: 'tiny', layers: shapes.map((s) => makeLayer(s, 1)) };
}

export const tinyNet = (): TrainableNet => trainableNet(tinyNetwork(), ['fc1']);

/** `count` images of the tiny net's 8x8x2 input, normal noise, labels 0..2. */
export function randomBatch(count: number, seed: number): Batch {
  const rng = createRng(seed);
  return {
    images: Float32Array.from({ length: count * 8 * 8 * 2 }, () => rng.normal()),
    labels: Uint8Array.from({ length: count }, () => rng.nextUint32() % 3),
  };
}
