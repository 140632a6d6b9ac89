// The retrain experiment in-process on a tiny data set: a rerun writes the same bytes, every method's record
// has what the charts need, trained quantization stays exactly shared, and a given pretrained network is used
// as it is (and not written again).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetrain, type RetrainReport, type RetrainSettings } from '../../src/explore/retrain/experiment.js';
import { RETRAIN_METHODS } from '../../src/explore/retrain/methods.js';
import { retrainOutputs } from '../../src/explore/retrain/outputs.js';
import { planFromK } from '../../src/explore/retrain/plans.js';
import { loadHardware } from '../../src/hw/load.js';
import { useBackend } from '../../src/train/backend.js';
import { loadDataset } from '../../src/train/data/load.js';
import { trainableModel } from '../../src/train/models.js';
import { CAFFE_LENET_SOLVER } from '../../src/train/solver.js';
import { accuracyOf } from '../../src/train/train.js';
import { resolveModel } from '../../src/workload/zoo/index.js';
import { writeTinyDataset } from '../train/idxFiles.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-retrain-x-'));
let settings: RetrainSettings;
let first: RetrainReport;

beforeAll(async () => {
  await useBackend('wasm');
  writeTinyDataset(tmp, 64, 30);
  settings = {
    net: trainableModel('lenet5')!,
    network: resolveModel('lenet5', 1),
    dataset: loadDataset('mnist', { dir: tmp }),
    hw: loadHardware('hardware/eyeriss.json'),
    hardwareFile: 'hardware/eyeriss.json',
    pretrainEpochs: 1,
    epochs: 2,
    solver: CAFFE_LENET_SOLVER,
    retrainSolver: { ...CAFFE_LENET_SOLVER, baseLr: 0.001 },
    lambda: 1,
    fEvery: 1,
    seed: 3,
    plans: [planFromK([8, 16])],
    methods: [...RETRAIN_METHODS],
  };
  first = await runRetrain(settings);
}, 60_000);

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await useBackend('cpu');
});

describe('runRetrain', () => {
  it('gives the same files, byte for byte, when run again', async () => {
    const a = retrainOutputs(first, settings);
    const b = retrainOutputs(await runRetrain(settings), settings);
    expect(b.map(([name]) => name)).toEqual(a.map(([name]) => name));
    a.forEach(([name, content], i) => expect(Buffer.from(b[i][1]).equals(Buffer.from(content)), name).toBe(true));
  });

  it('records the pretrained network, then each method once per plan, with its distortion per epoch', () => {
    expect(first.results.map((r) => r.method)).toEqual(['pretrained', ...RETRAIN_METHODS]);
    const byMethod = Object.fromEntries(first.results.map((r) => [r.method, r]));
    expect(byMethod['kmeans'].distortion).toHaveLength(1);
    for (const m of ['trained-quantization', 'dkm-spectral', 'dkm-indicator']) {
      expect(byMethod[m].distortion, m).toHaveLength(1 + settings.epochs);
      expect(byMethod[m].history, m).toHaveLength(settings.epochs);
    }
    // Trained quantization starts shared and stays shared: k-means finds the K rows exactly.
    expect(byMethod['trained-quantization'].distortion!.every((d) => d === 0)).toBe(true);
    // Every re-training method starts where k-means left the pretrained rows (the DKM ones) or at zero (TQ).
    expect(byMethod['dkm-indicator'].distortion![0]).toBe(byMethod['kmeans'].distortion![0]);
    expect(byMethod['dkm-spectral'].refreshes!.every((r) => r.degenerate)).toBe(true);
    expect(first.notes).toHaveLength(1);
    expect(byMethod['kmeans'].k).toEqual([8, 16]);
  });

  it('uses a given pretrained network as it is and does not write it again', async () => {
    const given = { params: first.pretrained.params, file: 'given.json' };
    const s = { ...settings, pretrained: given, methods: ['kmeans' as const] };
    const r = await runRetrain(s);
    expect(r.pretrained.source).toBe('file');
    expect(r.results[0].evaluation.testAccuracy).toBe(accuracyOf(s.net, given.params, s.dataset.test));
    expect(r.results[1]).toEqual(first.results[1]);
    expect(retrainOutputs(r, s).map(([name]) => name)).toEqual([
      'retrain.csv',
      'retrain.json',
      'accuracy-cr.svg',
      'distortion.svg',
      'pareto.svg',
    ]);
  });
});
