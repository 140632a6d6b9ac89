// `dkm-sim compress` as a user runs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompressionSummary } from '../../src/compress/compressNetwork.js';
import { parseAs, readJson } from '../jsonValue.js';
import { runAllHere } from './inProcess.js';
import { run, where } from './runCli.js';

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-compress-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const WRN_K_45 = '144,90,80,50,30,30,100,50,10,50,50,30,7,12,7,7';
const WRN_P_45 = '0,0.3,0.4,0.5,0.4,0.4,0.5,0.5,0.5,0.5,0.5,0.62,0.9,0.5,0.75,0.9';

describe('dkm-sim compress', () => {
  it('reproduces the WRN-16-4 45x plan: about 22x with fixed-length and about 45x with entropy-coded indices', async () => {
    const out = path.join(tmp, 'wrn');
    const r = await run('compress', '--model', 'wrn-16-4', '--k', WRN_K_45, '--sparsity', WRN_P_45, '--out', out);
    expect(r.status, where(r)).toBe(0);
    const s = readJson<CompressionSummary>(path.join(out, 'compression.json'));
    expect(s.weights).toEqual({ source: 'synthetic', seed: 1 });
    expect(s.layers).toHaveLength(16);
    expect(s.layers.map((l) => l.k)).toEqual(WRN_K_45.split(',').map(Number));
    expect(s.totals.ratio.fixed).toBeGreaterThan(20);
    expect(s.totals.ratio.fixed).toBeLessThan(25);
    expect(s.totals.ratio.entropy).toBeGreaterThan(40);
    expect(s.totals.ratio.entropy).toBeLessThan(50);
    // A real Huffman code spends at least one bit per index, more than the entropy on the sparse layers.
    expect(s.totals.ratio.huffman).toBeLessThan(s.totals.ratio.entropy);
    const csv = fs.readFileSync(path.join(out, 'compression.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 16 + 1);
    expect(r.stdout).toMatch(/fixed-length 2\d\.\d\d, entropy-coded 4\d\.\d\d/);
  });

  it('shares every conv layer but the first at one cluster rate', async () => {
    const out = path.join(tmp, 'lenet');
    const r = await run('compress', '--model', 'lenet5', '--cluster-rate', '0.1', '--json', '--out', out);
    expect(r.status, where(r)).toBe(0);
    const s = parseAs<CompressionSummary>(r.stdout);
    // conv1: 20 filters x 1 channel x 5 rows = 100 rows, kept (K = N); conv2: 50 x 20 x 5 = 5000 rows, K = 500.
    expect(s.layers.map((l) => [l.rows, l.k])).toEqual([
      [100, 100],
      [5000, 500],
    ]);
    expect(s).toEqual(JSON.parse(fs.readFileSync(path.join(out, 'compression.json'), 'utf8')));
  });

  it('shares the first conv layer at its own rate (--first-layer-rate) or at the cluster rate (--no-keep-first)', async () => {
    const [own, all, kept] = await Promise.all([
      run(
        'compress',
        '--model',
        'lenet5',
        '--cluster-rate',
        '0.1',
        '--first-layer-rate',
        '0.5',
        '--json',
        '--out',
        path.join(tmp, 'first-own'),
      ),
      run('compress', '--model', 'lenet5', '--cluster-rate', '0.1', '--no-keep-first', '--json', '--out', path.join(tmp, 'first-all')),
      run('compress', '--model', 'lenet5', '--cluster-rate', '0.1', '--keep-first', '--json', '--out', path.join(tmp, 'first-kept')),
    ]);
    for (const r of [own, all, kept]) expect(r.status, where(r)).toBe(0);
    const ks = (r: { stdout: string }) => parseAs<CompressionSummary>(r.stdout).layers.map((l) => l.k);
    // conv1 has 20 x 1 x 5 = 100 rows: K = round(0.5 * 100) = 50 at its own rate, round(0.1 * 100) = 10 at the
    // cluster rate, 100 kept; conv2's 5000 rows: K = 500 in every case.
    expect(ks(own)).toEqual([50, 500]);
    expect(ks(all)).toEqual([10, 500]);
    expect(ks(kept)).toEqual([100, 500]);
  });

  it('reports the on-chip ratio in the hardware word beside the 32-bit storage ratios, each labelled', async () => {
    const out = path.join(tmp, 'onchip');
    const r = await run('compress', '--model', 'lenet5', '--cluster-rate', '0.1', '--word-bits', '8', '--out', out);
    expect(r.status, where(r)).toBe(0);
    const s = readJson<CompressionSummary>(path.join(out, 'compression.json'));
    // conv2: 5000 rows of 5, K = 500: 5000 * ceil(log2 500) = 5000 * 9 index bits + 500 * 5 * 8 codebook bits
    // = 65000 (dense: 25000 weights * 8 = 200000).
    const conv2 = s.layers.find((l) => l.name === 'conv2')!;
    expect(conv2.onChip).toEqual({ originalBits: 200000, compressedBits: 65000 });
    expect(s.totals.wordBits).toBe(8);
    expect(s.totals.ratio.onChip).toBeCloseTo(s.totals.onChip.originalBits / s.totals.onChip.compressedBits, 12);
    expect(s.totals.ratioDefinition.onChip).toMatch(/^on chip: filters in 8-bit words/);
    expect(s.totals.ratioDefinition.entropy).toMatch(/^storage: 32-bit .*entropy-coded/);
    expect(r.stdout).toMatch(/^storage compression ratio \(32-bit weights, biases and codebook, the paper's convention\): fixed-length/m);
    expect(r.stdout).toMatch(/^on-chip compression ratio \(filters in 8-bit words .*\): \d+\.\d\d$/m);
    const [head, ...rows] = fs
      .readFileSync(path.join(out, 'compression.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    expect(head.slice(-2)).toEqual(['onchip_original_bits_8bit_words', 'onchip_compressed_bits']);
    expect(rows.find((row) => row[0] === 'conv2')?.slice(-2)).toEqual(['200000', '65000']);
    expect(rows.at(-1)?.slice(-2)).toEqual([String(s.totals.onChip.originalBits), String(s.totals.onChip.compressedBits)]);
  });

  it('refuses ambiguous or malformed plans with exit code 2 and writes nothing', async () => {
    const cases = await runAllHere(
      ['compress', '--model', 'lenet5', '--out', path.join(tmp, 'a')],
      ['compress', '--model', 'lenet5', '--k', '3,4,5', '--out', path.join(tmp, 'b')],
      ['compress', '--model', 'lenet5', '--cluster-rate', '1.5', '--out', path.join(tmp, 'c')],
      ['compress', '--model', 'lenet5', '--cluster-rate', '0.1', '--sparsity', '1.2', '--out', path.join(tmp, 'd')],
      ['compress', '--model', 'lenet5', '--cluster-rate', '0.1', '--weights', path.join(tmp, 'missing.json'), '--out', path.join(tmp, 'e')],
      ['compress', '--model', 'lenet5', '--cluster-rate', '0.1', '--first-layer-rate', '0', '--out', path.join(tmp, 'f')],
      ['compress', '--model', 'lenet5', '--k', '30,48', '--first-layer-rate', '0.5', '--out', path.join(tmp, 'g')],
      ['compress', '--model', 'lenet5', '--cluster-rate', '0.1', '--first-layer-rate', '0.5', '--keep-first', '--out', path.join(tmp, 'h')],
      ['compress', '--model', 'lenet5', '--k', '30,48', '--no-keep-first', '--out', path.join(tmp, 'i')],
      ['compress', '--model', 'lenet5', '--cluster-rate', '0.1', '--word-bits', '0', '--out', path.join(tmp, 'j')],
    );
    const messages = [
      /exactly one of --cluster-rate/,
      /--k has 3 values; the network has 2 conv layers/,
      /--cluster-rate must be in \(0, 1\]/,
      /--sparsity "1.2": expected fractions/,
      /missing\.json/,
      /--first-layer-rate must be in \(0, 1\], got 0/,
      /--first-layer-rate applies to a --cluster-rate plan; with --k LIST the first value is the first conv layer's K/,
      /--first-layer-rate and --keep-first both decide the first conv layer: give one/,
      /--no-keep-first applies to a --cluster-rate plan/,
      /--word-bits must be an integer from 1 to 64, got 0/,
    ];
    cases.forEach((r, i) => {
      expect(r.status, where(r)).toBe(2);
      expect(r.stderr).toMatch(messages[i]);
    });
    for (const d of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) expect(fs.existsSync(path.join(tmp, d))).toBe(false);
  });
});
