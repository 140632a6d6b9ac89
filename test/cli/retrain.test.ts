// `dkm-sim retrain` as a user runs it, on a tiny IDX data set the test writes (the real MNIST run is a benchmark):
// every output file, the CSV's rows and the Pareto front, the degenerate spectral penalty reported, and bad
// inputs refused with exit 2 and nothing written. (Reruns giving the same bytes, and the other bad options, are
// checked in-process: test/explore/retrainExperiment.test.ts, test/cli/retrainOptions.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paretoFront } from '../../src/explore/pareto.js';
import type { RetrainDocument } from '../../src/explore/retrain/outputs.js';
import { readJson } from '../jsonValue.js';
import { parseCsv } from '../report/csvParse.js';
import { writeTinyDataset } from '../train/idxFiles.js';
import { run, where, type RunResult } from './runCli.js';

let tmp: string;
let data: string;
let result: RunResult;
let out: string;

// 96 training and 40 test images of 10 classes; one pretraining and one re-training epoch; one plan.
const TINY = ['--dataset', 'fashion-mnist', '--train-size', '96', '--pretrain-epochs', '1', '--epochs', '1', '--k', '8,44'];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-retrain-'));
  data = path.join(tmp, 'data');
  writeTinyDataset(data, 120, 40, true);
  out = path.join(tmp, 'a');
  result = await run('retrain', ...TINY, '--data-dir', data, '--out', out);
}, 180_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const csvRows = (dir: string): Record<string, string>[] => {
  const [names, ...rows] = parseCsv(fs.readFileSync(path.join(dir, 'retrain.csv'), 'utf8'));
  return rows.map((cells) => Object.fromEntries(names.map((n, i) => [n, cells[i]])));
};

describe('dkm-sim retrain on a tiny data set', () => {
  it('exits 0 and writes the CSV, the JSON, three charts and the pretrained model', () => {
    expect(result.status, where(result)).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      '.dkm-sim-files.json',
      'accuracy-cr.svg',
      'distortion.svg',
      'pareto.svg',
      'pretrained.json',
      'pretrained.weights.bin',
      'retrain.csv',
      'retrain.json',
    ]);
    for (const svg of ['accuracy-cr.svg', 'distortion.svg', 'pareto.svg'])
      expect(fs.readFileSync(path.join(out, svg), 'utf8')).toMatch(/^<svg[\s>]/);
  });

  it('has one CSV row per network, units in the column names, and the Pareto front of its own numbers', () => {
    const rows = csvRows(out);
    expect(rows.map((r) => r.method)).toEqual(['pretrained', 'kmeans', 'trained-quantization', 'dkm-spectral', 'dkm-indicator']);
    expect(Object.keys(rows[0])).toEqual([
      'method',
      'plan',
      'cluster_rate',
      'k_per_layer',
      'cr_conv_fixed',
      'cr_conv_entropy',
      'cr_model_fixed',
      'cr_model_entropy',
      'test_accuracy_percent',
      'accuracy_change_points',
      'energy_total_MACunits',
      'latency_ms',
      'cycles',
      'retrain_epochs',
      'lambda',
      'on_pareto_front',
      'note',
    ]);
    expect(rows[0].cr_conv_fixed).toBe('1');
    for (const r of rows.slice(1)) {
      expect(r.k_per_layer).toBe('8;44');
      expect(Number(r.cr_conv_fixed)).toBeCloseTo(818240 / 40860, 10); // the hand-computed CR of K 8,44 (plans.ts)
    }
    // Trained quantization keeps the k-means indices, so the accelerator runs the same shared layers.
    expect(rows[2].energy_total_MACunits).toBe(rows[1].energy_total_MACunits);
    expect(rows[2].cycles).toBe(rows[1].cycles);
    expect(rows.map((r) => r.retrain_epochs)).toEqual(['0', '0', '1', '1', '1']);
    const front = paretoFront(rows.map((r) => [-Number(r.test_accuracy_percent), Number(r.energy_total_MACunits)]));
    expect(rows.map((r) => r.on_pareto_front === 'yes')).toEqual(rows.map((_, i) => front.includes(i)));
  });

  it('reports the degenerate spectral penalty in the CSV, the JSON and the console', () => {
    const rows = csvRows(out);
    expect(rows[3].note).toMatch(/spectral penalty is zero right after each F refresh in conv1 \(rank\(W\) = 5 <= s = 5, K = 8/);
    expect(rows[4].note).toBe('');
    const json = readJson<RetrainDocument>(path.join(out, 'retrain.json'));
    const spectral = json.results.find((r) => r.method === 'dkm-spectral')!;
    expect(spectral.refreshes!.map((r) => [r.layer, r.degenerate])).toEqual([
      ['conv1', true],
      ['conv2', true],
    ]);
    expect(json.notes).toHaveLength(1);
    expect(result.stdout).toMatch(/^note: dkm-spectral K 8,44: the paper's spectral penalty is zero/m);
    expect(result.stderr).toMatch(/note: dkm-spectral K 8,44/); // also while training, before the results
  });

  it('prints plain progress lines when stderr is not a terminal', () => {
    expect(result.stderr).toMatch(/^pretrain epoch 1: loss [\d.]+, train accuracy [\d.]+ %, test accuracy [\d.]+ %, [\d.]+ s$/m);
    expect(result.stderr).toMatch(/^dkm-indicator K 8,44 epoch 1: .*penalty/m);
  });
});

describe.concurrent('bad retrain inputs exit 2, say what to fix and write nothing', () => {
  const cases: [string, (dir: string) => string[], RegExp][] = [
    [
      'a truncated image file',
      (dir) => {
        writeTinyDataset(dir, 20, 10);
        const f = path.join(dir, 'train-images-idx3-ubyte');
        fs.writeFileSync(f, fs.readFileSync(f).subarray(0, 1000));
        return ['--dataset', 'fashion-mnist', '--data-dir', dir];
      },
      /train-images-idx3-ubyte: is truncated: its header announces 20 x 28 x 28 = 15680 bytes of data, the file holds 984/,
    ],
    ['a K list of the wrong length', () => ['--k', '8,44,3'], /--k "8,44,3" has 3 values; lenet5 has 2 conv layers/],
  ];
  cases.forEach(([what, args, message], i) => {
    it(what, async ({ expect }) => {
      const dir = path.join(tmp, `bad-${i}`);
      const badOut = path.join(tmp, `bad-out-${i}`);
      const r = await run('retrain', ...args(dir), '--out', badOut);
      expect(r.status, where(r)).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(fs.existsSync(badOut)).toBe(false);
    });
  });
});
