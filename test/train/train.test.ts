// The training loop and the re-training methods on the tiny network: reruns give the same bytes, trained
// quantization keeps rows shared and moves each centroid by its cluster's summed gradient, the indicator
// penalty makes k-means assignments harder, and a saved model comes back through the --weights reader.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmeans } from '../../src/compress/kmeans.js';
import { shareLayerWeights } from '../../src/compress/sharing.js';
import { useBackend } from '../../src/train/backend.js';
import { lossAndGradients } from '../../src/train/backprop.js';
import { deepKMeans } from '../../src/train/deepKMeans.js';
import { cloneParams, xavierParams, type Params } from '../../src/train/params.js';
import { CAFFE_LENET_SOLVER, learningRate, type Solver } from '../../src/train/solver.js';
import { tfjsModelFiles } from '../../src/train/tfjsModelFiles.js';
import { train } from '../../src/train/train.js';
import { trainedQuantization } from '../../src/train/trainedQuantization.js';
import { loadWeights } from '../../src/workload/weights/load.js';
import { arrayAt, jsonAt, parseJson } from '../jsonValue.js';
import { randomBatch, tinyNet, tinyNetwork } from './tinyNet.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-train-'));
beforeAll(async () => useBackend('wasm'));
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await useBackend('cpu');
});

const net = tinyNet();
const data = randomBatch(40, 11);
const solver: Solver = { ...CAFFE_LENET_SOLVER, batchSize: 8 };
const conv2 = tinyNetwork().layers[1]; // 4 filters x 3 channels x 3 rows = 36 rows of 3

/** Squared distance of conv2's rows to their k-means centres (K = 4, the sharing seed). */
const distortion = (p: Params): number => kmeans(p.get('conv2')!.weights, 3, 4, { seed: 1001 }).distortion;

describe('train', () => {
  it('gives the same parameters and history, byte for byte, on a rerun with the same seed', () => {
    const start = xavierParams(net, 1);
    const a = train(start, { net, solver, epochs: 2, seed: 5, train: data, test: data });
    const b = train(start, { net, solver, epochs: 2, seed: 5, train: data, test: data });
    expect(b.params).toEqual(a.params);
    expect(b.history.map(({ seconds: _, ...r }) => r)).toEqual(a.history.map(({ seconds: _, ...r }) => r));
    expect(train(start, { net, solver, epochs: 2, seed: 6, train: data }).params).not.toEqual(a.params);
    expect(start).toEqual(xavierParams(net, 1)); // the start is not modified
  });

  it('lowers the loss on a set it can memorize', () => {
    const r = train(xavierParams(net, 2), { net, solver: { ...solver, batchSize: 40 }, epochs: 30, seed: 1, train: data });
    expect(r.history[29].loss).toBeLessThan(0.7 * r.history[0].loss);
  });
});

describe('trained quantization', () => {
  it("keeps every cluster's rows equal and moves a centroid by lr times its rows' summed gradient", () => {
    const start = xavierParams(net, 3);
    const sharing = shareLayerWeights(start.get('conv2')!.weights, conv2, { k: 4 }, { seed: 1001 });
    start.get('conv2')!.weights.set(sharing.sharedWeights);
    const transform = trainedQuantization([{ layer: 'conv2', rowLength: 3, k: sharing.k, index: sharing.index }]);
    const one = { ...solver, batchSize: 40 };
    // One full-batch step from zero momentum: centroid c moves by -lr (sum of its rows' gradients + decay c).
    const g = lossAndGradients(net, start, data).gradients.get('conv2')!.weights;
    const r = train(start, { net, solver: one, epochs: 1, seed: 1, train: data, transform });
    const w = r.params.get('conv2')!.weights;
    const lr = learningRate(one, 0);
    for (let c = 0; c < sharing.k; c++) {
      const rows = [...sharing.index.keys()].filter((i) => sharing.index[i] === c);
      for (let t = 0; t < 3; t++) {
        const sum = rows.reduce((a, i) => a + g[i * 3 + t], 0);
        const before = sharing.codebook[c * 3 + t];
        expect(w[rows[0] * 3 + t]).toBeCloseTo(before - lr * (sum + one.weightDecay * before), 5);
        for (const i of rows) expect(w[i * 3 + t]).toBe(w[rows[0] * 3 + t]);
      }
    }
    // Later steps (momentum, several batches) keep the rows shared too.
    const longer = train(start, { net, solver, epochs: 3, seed: 1, train: data, transform }).params.get('conv2')!.weights;
    expect(new Set([...Array(36).keys()].map((i) => longer.subarray(i * 3, i * 3 + 3).join())).size).toBeLessThanOrEqual(4);
  });
});

describe('Deep k-Means re-training', () => {
  const start = xavierParams(net, 4);
  const layers = [{ layer: 'conv2', rowLength: 3, k: 4, seed: 1001 }];

  it('with the indicator penalty makes the k-means distortion of the rows fall, unlike plain training', () => {
    const dkm = deepKMeans({ variant: 'indicator', lambda: 5, fEvery: 1, layers });
    const pulled = train(start, { net, solver, epochs: 3, seed: 2, train: data, transform: dkm }).params;
    const plain = train(start, { net, solver, epochs: 3, seed: 2, train: data }).params;
    expect(distortion(pulled)).toBeLessThan(0.5 * distortion(start));
    expect(distortion(pulled)).toBeLessThan(0.5 * distortion(plain));
    expect(dkm.refreshes.map((r) => r.epoch)).toEqual([0, 1, 2]);
    expect(dkm.refreshes[0].penalty).toBeCloseTo(2.5 * distortion(start), 4);
  });

  it('with the spectral penalty and K >= rank(W) reports every refresh as degenerate, with a zero penalty there', () => {
    const dkm = deepKMeans({ variant: 'spectral', lambda: 5, fEvery: 2, layers }); // s = 3 < K = 4
    const r = train(start, { net, solver, epochs: 3, seed: 2, train: data, transform: dkm });
    expect(dkm.refreshes.map((x) => [x.epoch, x.rank, x.degenerate])).toEqual([
      [0, 3, true],
      [2, 3, true],
    ]);
    for (const x of dkm.refreshes) expect(x.penalty).toBeLessThan(1e-9);
    // Between refreshes W leaves the row space it had: the penalty is then no longer zero.
    expect(r.history[1].penalty).toBeGreaterThan(0);
  });
});

describe('tfjsModelFiles', () => {
  it('saves a model that loadWeights (the --weights reader) reads back exactly', () => {
    const params = xavierParams(net, 7);
    for (const p of params.values())
      p.bias.forEach((_, i) => {
        p.bias[i] = 0.01 * (i + 1);
      });
    const dir = path.join(tmp, 'model');
    fs.mkdirSync(dir);
    for (const [name, content] of tfjsModelFiles(net, params)) fs.writeFileSync(path.join(dir, name), content);
    const loaded = loadWeights(path.join(dir, 'model.json'), tinyNetwork());
    for (const [name, p] of params) {
      expect(loaded.layers.get(name)!.weights, name).toEqual(p.weights);
      expect(loaded.layers.get(name)!.bias, name).toEqual(p.bias);
    }
    // conv1 is padded: the topology says so with a ZeroPadding2D in front of it.
    const model = parseJson(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    expect(arrayAt(model, 'modelTopology', 'config', 'layers').map((l) => jsonAt(l, 'class_name'))).toEqual([
      'ZeroPadding2D',
      'Conv2D',
      'MaxPooling2D',
      'Conv2D',
      'Flatten',
      'Dense',
      'Dense',
    ]);
    expect(cloneParams(params)).toEqual(params);
  });
});
