// The hand-written backward pass against finite differences of the loss, on both backends, and the max-pool
// gradient against tfjs' own MaxPoolGrad kernel (cpu backend).
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { useBackend, type BackendName } from '../../src/train/backend.js';
import { lossAndGradients } from '../../src/train/backprop.js';
import { maxPoolGradient } from '../../src/train/maxPoolGradient.js';
import { cloneParams, xavierParams, type Params } from '../../src/train/params.js';
import { randomBatch, tinyNet } from './tinyNet.js';

afterAll(async () => useBackend('cpu'));

/** params + h * direction, layer by layer. */
function moved(params: Params, direction: Params, h: number): Params {
  const out = cloneParams(params);
  for (const [name, p] of out) {
    const d = direction.get(name)!;
    p.weights.forEach((v, i) => {
      p.weights[i] = v + h * d.weights[i];
    });
    p.bias.forEach((v, i) => {
      p.bias[i] = v + h * d.bias[i];
    });
  }
  return out;
}

function dot(a: Params, b: Params): number {
  let s = 0;
  for (const [name, p] of a) {
    const q = b.get(name)!;
    p.weights.forEach((v, i) => {
      s += v * q.weights[i];
    });
    p.bias.forEach((v, i) => {
      s += v * q.bias[i];
    });
  }
  return s;
}

/** A random unit direction that is zero outside `only` (all layers when undefined). */
function direction(params: Params, seed: number, only?: string): Params {
  const rng = createRng(seed);
  const v: Params = new Map(
    [...params].map(([name, p]) => {
      const on = only === undefined || only === name ? 1 : 0;
      return [name, { weights: p.weights.map(() => on * rng.normal()), bias: p.bias.map(() => on * rng.normal()) }];
    }),
  );
  const norm = Math.sqrt(dot(v, v));
  for (const p of v.values()) {
    p.weights.forEach((x, i) => {
      p.weights[i] = x / norm;
    });
    p.bias.forEach((x, i) => {
      p.bias[i] = x / norm;
    });
  }
  return v;
}

describe.each<BackendName>(['cpu', 'wasm'])('lossAndGradients on %s', (backend) => {
  it('gives directional derivatives that match central differences of the loss, per layer and overall', async () => {
    await useBackend(backend);
    const net = tinyNet();
    const params = xavierParams(net, 3);
    const batch = randomBatch(6, 4);
    const { gradients, loss } = lossAndGradients(net, params, batch);
    expect(Number.isFinite(loss)).toBe(true);
    // Small steps keep ReLUs and pool maxima from switching (the loss is only piecewise smooth); float32
    // rounding of the loss then limits the differences to about 1e-4.
    const h = 1e-3;
    for (const only of [undefined, 'conv1', 'conv2', 'fc1', 'fc2']) {
      const v = direction(params, 7, only);
      const plus = lossAndGradients(net, moved(params, v, h), batch).loss;
      const minus = lossAndGradients(net, moved(params, v, -h), batch).loss;
      const numeric = (plus - minus) / (2 * h);
      const analytic = dot(gradients, v);
      expect(Math.abs(numeric - analytic), `${only ?? 'all layers'}: ${numeric} vs ${analytic}`).toBeLessThan(
        5e-4 + 1e-2 * Math.abs(analytic),
      );
    }
  });

  it('counts the correct predictions and keeps no tensors', async () => {
    await useBackend(backend);
    const net = tinyNet();
    const before = tf.memory().numTensors;
    const r = lossAndGradients(net, xavierParams(net, 3), randomBatch(5, 1));
    expect(tf.memory().numTensors).toBe(before);
    expect(Number.isInteger(r.correct) && r.correct >= 0 && r.correct <= 5).toBe(true);
    expect([...r.gradients.keys()]).toEqual(['conv1', 'conv2', 'fc1', 'fc2']);
  });
});

describe('maxPoolGradient', () => {
  it('equals tfjs MaxPoolGrad (cpu) on random data', async () => {
    await useBackend('cpu');
    const rng = createRng(9);
    const [n, h, w, c] = [2, 6, 7, 3]; // 7 is not a multiple of 2: the last column is dropped
    const x = tf.tensor4d(
      Float32Array.from({ length: n * h * w * c }, () => rng.normal()),
      [n, h, w, c],
    );
    const y = tf.maxPool(x, 2, 2, 'valid');
    const dy = tf.tensor4d(
      Float32Array.from({ length: y.size }, () => rng.normal()),
      y.shape,
    );
    const mine = maxPoolGradient(dy, x, 2).dataSync();
    const theirs = tf
      .engine()
      .runKernel<tf.Tensor>('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: 2, strides: 2, pad: 'valid' });
    expect([...mine]).toEqual([...theirs.dataSync()]);
  });

  it("sends a tied window's gradient to its first maximum in row-major order", async () => {
    await useBackend('cpu');
    // One 2x2 window [[1, 3], [3, 0]]: the maxima are at (0, 1) and (1, 0); (0, 1) comes first.
    const dx = maxPoolGradient(tf.tensor4d([5], [1, 1, 1, 1]), tf.tensor4d([1, 3, 3, 0], [1, 2, 2, 1]), 2).dataSync();
    expect([...dx]).toEqual([0, 5, 0, 0]);
  });
});
