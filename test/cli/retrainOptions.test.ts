// The retrain command's checks of its inputs, in-process (they all fail before any training): each names the
// option or file and the fix. test/cli/retrain.test.ts checks that such errors exit with 2 and write nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRetrainCommand, type RetrainArgs } from '../../src/cli/retrain.js';
import { idxBytes, writeTinyDataset } from '../train/idxFiles.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-retrain-opts-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const BASE: RetrainArgs = {
  model: 'lenet5',
  dataset: 'mnist',
  pretrainEpochs: 1,
  epochs: 1,
  retrainLr: 0.001,
  lambda: 1e-4,
  fEvery: 5,
  methods: 'kmeans,trained-quantization,dkm-spectral,dkm-indicator',
  seed: 1,
  hw: 'hardware/eyeriss.json',
  out: path.join(tmp, 'never'),
};

const dataDir = (name: string, spoil?: (dir: string) => void): string => {
  const dir = path.join(tmp, name);
  writeTinyDataset(dir, 20, 10);
  spoil?.(dir);
  return dir;
};

describe('retrain refuses', () => {
  const cases: [string, () => Partial<RetrainArgs>, RegExp][] = [
    [
      'a model without a training recipe',
      () => ({ model: 'alexnet' }),
      /--model "alexnet" cannot be trained here; trainable models: lenet5/,
    ],
    ['an unknown data set', () => ({ dataset: 'cifar10' }), /--dataset "cifar10": choose mnist or fashion-mnist/],
    ['--k and --cluster-rate together', () => ({ k: ['8,44'], clusterRate: '0.1' }), /--cluster-rate and --k both set K/],
    ['a K that is not a positive integer', () => ({ k: ['8,4.5'] }), /--k "8,4.5": expected one positive integer K per conv layer/],
    ['a cluster rate above 1', () => ({ clusterRate: '0.1,2' }), /--cluster-rate "0.1,2": expected cluster rates in \(0, 1\]/],
    [
      'an unknown method',
      () => ({ methods: 'kmeans,magic' }),
      /--methods: unknown method "magic"; choose from kmeans, trained-quantization, dkm-spectral, dkm-indicator/,
    ],
    [
      'a missing Fashion-MNIST',
      () => ({ dataset: 'fashion-mnist', dataDir: path.join(tmp, 'none') }),
      /none: the Fashion-MNIST directory does not exist\. Fix: install Debian's dataset-fashion-mnist package \(apt-get install dataset-fashion-mnist\)/,
    ],
    [
      'a label file that is not IDX',
      () => ({ dataDir: dataDir('csv', (d) => fs.writeFileSync(path.join(d, 't10k-labels-idx1-ubyte'), 'label,image\n1,2\n')) }),
      /t10k-labels-idx1-ubyte: is not an IDX file/,
    ],
    [
      'images of the wrong size',
      () => ({
        dataDir: dataDir('size', (d) => {
          fs.writeFileSync(path.join(d, 'train-images-idx3-ubyte'), idxBytes([20, 32, 32], new Uint8Array(20 * 32 * 32)));
          fs.writeFileSync(path.join(d, 't10k-images-idx3-ubyte'), idxBytes([10, 32, 32], new Uint8Array(10 * 32 * 32)));
        }),
      }),
      /--dataset mnist: its images are 32x32x1 in 10 classes; lenet5 takes 28x28x1 in 10 classes/,
    ],
    [
      'pretrained weights of another network',
      () => {
        const f = path.join(tmp, 'other.json');
        fs.writeFileSync(f, JSON.stringify({ format: 'dkm-sim-weights', version: 1, layers: [] }));
        return { pretrained: f, dataDir: dataDir('ok') };
      },
      /other\.json: \$: expected weights for every conv and fc layer .*, got network "lenet5" layers "conv1", "conv2", "fc1", "fc2" have no weights in the file/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      await expect(runRetrainCommand({ ...BASE, ...args() })).rejects.toThrow(message);
      expect(fs.existsSync(BASE.out!)).toBe(false);
    });
  }
});
