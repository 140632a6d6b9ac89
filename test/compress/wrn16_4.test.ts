// WRN-16-4 compressed with the settings Deep k-Means reports for CR 45, 47 and 50, on synthetic He-normal
// weights (seed 1 + conv index; k-means seeds 1000 + conv index as in the authors' code).
//
// Which p where: the reference gives a p for "layer 12" per target (0.62 / 0.6 / 0.87) and the paper's
// per-layer p list. Layer numbers there count from 1 (the 47x/50x K lists differ from 45x at entries 12 and
// 13), and the authors' deploy script runs the paper's p list with entry 12 replaced by that target's value;
// wrn16_4Plan(target, 'code') is exactly that and is what the bands below assert. 'layer12' (p at layer 12
// only, every other layer without a sparsity cluster) is printed for comparison: it lands far below the
// reported ratios, which is what rules that reading out. Sparsity uses the paper's rule (smallest-norm rows,
// zero centre); the authors' nearest-mean rule changes the entropy CR only in the third digit on these weights.
//
// Synthetic weights are not the trained ones, so only plausible bands are asserted: fixed-length indices give
// ~22-23x in the reference; the entropy-coded ratio should be near the reported 45/47/50.
import { describe, expect, it } from 'vitest';
import { compressionReport, type ModelCompression } from '../../src/compress/compressionRatio.js';
import { convLayers, shareNetwork } from '../../src/compress/plan.js';
import { heNormalWeights } from '../../src/workload/weights/synthetic.js';
import { rowCount } from '../../src/compress/rowVectors.js';
import {
  WRN16_4_LAYER_12,
  WRN16_4_PAPER_SPARSITY,
  WRN16_4_ROWS,
  wrn16_4Plan,
  type SparsityVariant,
  type Wrn16_4Target,
} from '../../src/compress/wrn16_4Plans.js';
import { resolveModel } from '../../src/workload/zoo/index.js';

const wrn = resolveModel('wrn-16-4', 1);
const weights = new Map(convLayers(wrn.layers).map((l, i) => [l.name, heNormalWeights(l, 1 + i)]));

function compress(target: Wrn16_4Target, variant: SparsityVariant): ModelCompression {
  const sharings = shareNetwork(wrn.layers, (layer) => weights.get(layer.name)!, wrn16_4Plan(target, variant));
  return compressionReport(wrn.layers, sharings); // biases on every layer: the authors' WRN convs have bias=True
}

const fmt = (r: ModelCompression): string =>
  `fixed ${r.ratio.fixed.toFixed(2)}  entropy ${r.ratio.entropy.toFixed(2)}  Huffman ${r.ratio.huffman.toFixed(2)}`;

describe('WRN-16-4 compression ratio', () => {
  it('has the 16 conv layers (+ FC) and the row counts the reference lists', () => {
    const convs = convLayers(wrn.layers);
    expect(convs.length).toBe(16);
    expect(wrn.layers.filter((l) => l.kind === 'fc').length).toBe(1);
    expect(convs.map(rowCount)).toEqual(WRN16_4_ROWS);
    expect(convs[WRN16_4_LAYER_12].name).toBe('block3.layer.0.conv1');
    const plan47 = wrn16_4Plan(47);
    expect(plan47.k[11]).toBe(7);
    expect(plan47.k[12]).toBe(6);
    expect(plan47.sparsity![11]).toBe(0.6);
    expect(wrn16_4Plan(50).sparsity!.filter((p, i) => p !== WRN16_4_PAPER_SPARSITY[i])).toEqual([0.87]);
  });

  it('lands near the reported 45 / 47 / 50 with entropy-coded indices and ~22-23 with fixed-length ones', () => {
    const original = 32 * (2742704 + 2256 + 2570); // conv weights + conv biases + FC weights and biases
    for (const target of [45, 47, 50] as const) {
      const r = compress(target, 'code');
      console.log(`WRN-16-4 ${target}x plan ('code' p list): ${fmt(r)}`);
      expect(r.originalBits).toBe(original);
      expect(r.ratio.entropy).toBeGreaterThan(35);
      expect(r.ratio.entropy).toBeLessThan(60);
      expect(r.ratio.fixed).toBeGreaterThan(18);
      expect(r.ratio.fixed).toBeLessThan(28);
      // A Huffman code is never shorter than the entropy, and never longer than the fixed-length code.
      expect(r.ratio.huffman).toBeLessThanOrEqual(r.ratio.entropy);
      expect(r.ratio.huffman).toBeGreaterThanOrEqual(r.ratio.fixed);
    }
  });

  it("p at layer 12 only falls far short of the reported ratios (so it is not the authors' setting)", () => {
    const r = compress(45, 'layer12');
    console.log(`WRN-16-4 45x plan (p at layer 12 only): ${fmt(r)}`);
    expect(r.ratio.entropy).toBeLessThan(30);
  });
});
