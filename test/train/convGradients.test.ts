// The wasm backend's conv filter gradient (registered by this project) and the fast input gradient against the
// cpu backend's own Conv2DBackpropFilter / Conv2DBackpropInput kernels, on random layers with stride, padding
// and a stride that leaves input rows unread.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { useBackend, type BackendName } from '../../src/train/backend.js';
import { convFilterGradient, convInputGradient, type Shape4 } from '../../src/train/convGradients.js';

afterAll(async () => useBackend('cpu'));

interface Case {
  n: number;
  h: number;
  w: number;
  c: number;
  m: number;
  r: number;
  s: number;
  stride: number;
  pad: number;
}

const CASES: Case[] = [
  { n: 2, h: 8, w: 8, c: 3, m: 4, r: 3, s: 3, stride: 1, pad: 0 },
  { n: 3, h: 12, w: 12, c: 20, m: 50, r: 5, s: 5, stride: 1, pad: 0 }, // LeNet conv2's shape, batch 3
  { n: 2, h: 9, w: 7, c: 2, m: 3, r: 3, s: 2, stride: 1, pad: 1 },
  { n: 2, h: 9, w: 9, c: 3, m: 2, r: 3, s: 3, stride: 2, pad: 1 },
  { n: 1, h: 10, w: 11, c: 2, m: 3, r: 3, s: 3, stride: 2, pad: 0 }, // (10 - 3) / 2 leaves the last row unread
];

const outSize = (size: number, k: number, stride: number, pad: number) => Math.floor((size + 2 * pad - k) / stride) + 1;

function randomArray(length: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => rng.normal());
}

/** Both gradients of one case on one backend, as plain arrays. */
async function gradients(backend: BackendName, k: Case, seed: number): Promise<{ dw: Float32Array; dx: Float32Array }> {
  await useBackend(backend);
  const e = outSize(k.h, k.r, k.stride, k.pad);
  const f = outSize(k.w, k.s, k.stride, k.pad);
  const xShape: Shape4 = [k.n, k.h, k.w, k.c];
  const wShape: Shape4 = [k.r, k.s, k.c, k.m];
  return tf.tidy(() => {
    const x = tf.tensor4d(randomArray(k.n * k.h * k.w * k.c, seed), xShape);
    const w = tf.tensor4d(randomArray(k.r * k.s * k.c * k.m, seed + 1), wShape);
    const dy = tf.tensor4d(randomArray(k.n * e * f * k.m, seed + 2), [k.n, e, f, k.m]);
    const dw = convFilterGradient(x, dy, wShape, k.stride, k.pad).dataSync() as Float32Array;
    const dx = convInputGradient(dy, w, xShape, k.stride, k.pad).dataSync() as Float32Array;
    return { dw: dw.slice(), dx: dx.slice() };
  });
}

/** ||a - b|| / ||b||. */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return Math.sqrt(diff / norm);
}

describe('conv gradients on the wasm backend', () => {
  CASES.forEach((k, i) => {
    it(`match the cpu backend: ${JSON.stringify(k)}`, async () => {
      const wasm = await gradients('wasm', k, 10 * i);
      const cpu = await gradients('cpu', k, 10 * i);
      expect(wasm.dw.length).toBe(k.r * k.s * k.c * k.m);
      expect(wasm.dx.length).toBe(k.n * k.h * k.w * k.c);
      expect(relativeError(wasm.dw, cpu.dw)).toBeLessThan(1e-3);
      expect(relativeError(wasm.dx, cpu.dx)).toBeLessThan(1e-3);
    });
  });

  it('agree with a hand-computed 1x1-channel case', async () => {
    // x = [[1, 2], [3, 4]], dy = [[1]] for a 2x2 filter without padding: dW = x itself.
    await useBackend('wasm');
    const dw = tf.tidy(() =>
      convFilterGradient(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]), tf.tensor4d([1], [1, 1, 1, 1]), [2, 2, 1, 1], 1, 0).dataSync(),
    );
    expect([...dw]).toEqual([1, 2, 3, 4]);
  });
});
