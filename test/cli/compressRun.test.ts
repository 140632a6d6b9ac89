// `dkm-sim --compress dkm`: the uncompressed and the Deep k-Means-shared run of one network, as a user runs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompressionSummary } from '../../src/compress/compressNetwork.js';
import type { SummaryWithCompressed } from '../../src/report/compressedRun.js';
import { parseAs, readJson } from '../jsonValue.js';
import { run, where, type RunResult } from './runCli.js';
import { runHere } from './inProcess.js';
import type { FunctionalReport } from '../../src/report/functionalFiles.js';

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-compress-run-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const HW = ['--hw', 'hardware/eyeriss.json'];
// Filled by the first describe's beforeAll, which starts every run at once.
let functionalRun: { out: string; r: RunResult };
const summaryOf = (dir: string) => readJson<SummaryWithCompressed>(path.join(dir, 'summary.json'));

describe('a compressed run of lenet5', () => {
  // lenet5 has two conv layers: conv1 (100 rows, kept whole by a cluster rate and by K = 100) and conv2 (5000 rows).
  const plans: Record<string, string[]> = {
    rate: ['--cluster-rate', '0.1'],
    list: ['--k', '100,20', '--sparsity', '0,0.3', '--weight-seed', '7'],
  };
  const runs: Record<string, { out: string; r: RunResult; reference: RunResult }> = {};
  let layerRun: { out: string; r: RunResult };

  beforeAll(async () => {
    await Promise.all([
      ...Object.entries(plans).map(async ([name, plan]) => {
        const out = path.join(tmp, name);
        const [r, reference] = await Promise.all([
          run(...HW, '--model', 'lenet5', '--compress', 'dkm', ...plan, '--out', out, '--json'),
          run('compress', '--model', 'lenet5', ...plan, '--json', '--out', path.join(tmp, `${name}-compress`)),
        ]);
        runs[name] = { out, r, reference };
      }),
      (async () => {
        const out = path.join(tmp, 'layer');
        layerRun = {
          out,
          r: await run(...HW, '--model', 'lenet5', '--layer', 'conv2', '--compress', 'dkm', '--cluster-rate', '0.1', '--out', out),
        };
      })(),
      (async () => {
        const out = path.join(tmp, 'functional');
        const args = ['--layer', 'conv2', '--engine', 'cycle', '--functional', '--compress', 'dkm', '--cluster-rate', '0.05'];
        functionalRun = { out, r: await run(...HW, '--model', 'lenet5', ...args, '--out', out) };
      })(),
    ]);
  }, 120_000);

  for (const name of Object.keys(plans)) {
    it(`${name} plan: summary.json gains a compressed block whose ratios are those of dkm-sim compress`, () => {
      const { out, r, reference } = runs[name];
      expect(r.status, where(r)).toBe(0);
      expect(reference.status, where(reference)).toBe(0);
      const s = summaryOf(out);
      expect(JSON.parse(r.stdout)).toEqual(s);
      const ref = parseAs<CompressionSummary>(reference.stdout);
      expect(s.compressed.compressionRatio).toEqual(ref.totals.ratio);
      expect(s.compressed.compressionRatioOf).toBe('network');
      if (name === 'rate') expect(s.compressed.plan).toMatchObject({ clusterRate: 0.1, firstLayer: 'uncompressed' });
      expect(s.compressed.plan.k).toEqual(ref.plan.k);
      expect(s.compressed.plan.sparsity).toEqual(ref.plan.sparsity);
      expect(s.compressed.weights).toEqual(ref.weights);
      const conv2 = ref.layers.find((l) => l.name === 'conv2')!;
      expect(s.compressed.sharedLayers).toEqual([
        { name: 'conv2', rows: 5000, k: conv2.k, sparsity: conv2.sparsity, indexBits: Math.ceil(Math.log2(conv2.k)) },
      ]);
    });

    it(`${name} plan: the shared run has the same layers, fewer MACs, and no index arrays in the JSON`, () => {
      const s = summaryOf(runs[name].out);
      for (const key of ['model', 'batch', 'engine', 'objective', 'hardware', 'energyUnit', 'layers', 'totals'])
        expect(s.compressed, key).toHaveProperty(key);
      expect(s.compressed.layers.map((l) => l.name)).toEqual(s.layers.map((l) => l.name));
      expect(s.compressed.totals.macs).toBeLessThanOrEqual(s.totals.macs);
      expect(s.compressed.layers[1].macs).toBeLessThan(s.layers[1].macs); // conv2 is shared
      expect(s.compressed.layers[0]).toEqual(s.layers[0]); // conv1 is not
      for (const l of [...s.layers, ...s.compressed.layers]) expect(l).not.toHaveProperty('sharing');
      expect(fs.statSync(path.join(runs[name].out, 'summary.json')).size).toBeLessThan(100_000);
    });
  }

  it('writes energy-compare.svg naming both runs and layers-compressed.csv beside the usual files', () => {
    const { out } = runs['rate'];
    expect(fs.readdirSync(out).sort()).toEqual([
      '.dkm-sim-files.json',
      'energy-compare.svg',
      'energy.svg',
      'layers-compressed.csv',
      'layers.csv',
      'summary.json',
    ]);
    const svg = fs.readFileSync(path.join(out, 'energy-compare.svg'), 'utf8');
    expect(svg).toMatch(/^<svg[\s>]/);
    expect(svg).toContain('>uncompressed<');
    expect(svg).toContain('>Deep k-Means shared (cluster rate 0.1, first conv layer kept)<');
    const csv = fs.readFileSync(path.join(out, 'layers-compressed.csv'), 'utf8').trim().split('\n');
    expect(csv.map((l) => l.split(',')[0])).toEqual(['layer', 'conv1', 'conv2', 'fc1', 'fc2', 'TOTAL']);
  });

  it('prints the two runs side by side with the change per row', () => {
    const r = layerRun.r;
    expect(r.status, where(r)).toBe(0);
    for (const label of [
      'energy MAC',
      'energy RF',
      'energy NoC',
      'energy GLB',
      'energy DRAM',
      'energy total',
      'cycles',
      'latency (ms)',
      'storage CR (32-bit), fixed-length',
      'storage CR (32-bit), entropy-coded',
      'storage CR (32-bit), Huffman',
      'on-chip CR (hardware words)',
    ]) {
      expect(r.stdout, label).toMatch(new RegExp(`^${label.replace(/[()]/g, '\\$&')}\\s+\\S+\\s+\\S+\\s+(n/a|x?[-+]?\\d[\\d.]*%?)$`, 'm'));
    }
    expect(r.stdout).toMatch(/uncompressed\s+compressed\s+change/);
  });

  it('--layer clusters that layer exactly as the whole-network run does, and reports its own ratio', () => {
    const s = summaryOf(layerRun.out);
    const whole = summaryOf(runs['rate'].out);
    expect(s.compressed.compressionRatioOf).toBe('layers');
    expect(s.compressed.sharedLayers).toEqual(whole.compressed.sharedLayers);
    expect(s.compressed.layers).toEqual([whole.compressed.layers[1]]);
    expect(s.compressed.compressionRatio.fixed).toBeGreaterThan(whole.compressed.compressionRatio.fixed);
  });
});

describe('--functional with --compress', () => {
  it('checks the shared layer, computed with reused 1-D convolutions, against the plain convolution of its expanded weights', () => {
    const { out, r } = functionalRun;
    expect(r.status, where(r)).toBe(0);
    const plain = readJson<FunctionalReport>(path.join(out, 'functional.json'));
    const shared = readJson<FunctionalReport>(path.join(out, 'functional-compressed.json'));
    expect(plain.mismatches).toBe(0);
    expect(plain.sharing).toBeUndefined();
    expect(shared.mismatches).toBe(0);
    expect(shared.outputs).toBe(plain.outputs);
    expect(shared.outputFile).toBe('output-compressed.bin');
    expect(shared.sharing!.k).toBe(250); // 5% of conv2's 5000 rows
    expect(shared.sharing!.reusedConvs).toBeGreaterThan(0);
    expect(fs.statSync(path.join(out, 'output-compressed.bin')).size).toBe(4 * shared.outputs);
    expect(r.stdout).toMatch(/functional: \d+ outputs of the shared conv2 .*equals the reference convolution exactly/);
  });
});

describe('bad compression options exit 2, name the option and write nothing', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'an unknown method',
      ['--compress', 'zip', '--cluster-rate', '0.1'],
      /--compress "zip" is not a compression method; use --compress dkm/,
    ],
    ['--cluster-rate without --compress', ['--cluster-rate', '0.1'], /--cluster-rate applies to a compressed run: add --compress dkm/],
    ['--k without --compress', ['--k', '30,48'], /--k applies to a compressed run: add --compress dkm/],
    [
      'both --k and --cluster-rate',
      ['--compress', 'dkm', '--k', '30,48', '--cluster-rate', '0.1'],
      /--cluster-rate and --k both set K: give exactly one of/,
    ],
    ['neither --k nor --cluster-rate', ['--compress', 'dkm'], /give exactly one of --cluster-rate R .* and --k LIST/],
    ['a cluster rate above 1', ['--compress', 'dkm', '--cluster-rate', '1.5'], /--cluster-rate must be in \(0, 1\], got 1.5/],
    ['a zero cluster rate', ['--compress', 'dkm', '--cluster-rate', '0'], /--cluster-rate must be in \(0, 1\], got 0/],
    ['a K list of the wrong length', ['--compress', 'dkm', '--k', '3,4,5'], /--k has 3 values; the network has 2 conv layers/],
    [
      '--first-layer-rate without --compress',
      ['--first-layer-rate', '0.5'],
      /--first-layer-rate applies to a compressed run: add --compress dkm/,
    ],
    ['--keep-first without --compress', ['--keep-first'], /--keep-first applies to a compressed run: add --compress dkm/],
    [
      'a first-layer rate above 1',
      ['--compress', 'dkm', '--cluster-rate', '0.1', '--first-layer-rate', '2'],
      /--first-layer-rate must be in \(0, 1\], got 2/,
    ],
  ];
  cases.forEach(([what, args, message], i) => {
    it(what, async ({ expect }) => {
      const out = path.join(tmp, `bad-${i}`);
      const r = await runHere(...HW, '--model', 'lenet5', ...args, '--out', out);
      expect(r.status, where(r)).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.stdout).toBe('');
      expect(fs.existsSync(out)).toBe(false);
    });
  });
});
