// Every expected number is worked out by hand in the comments, never by calling the code under test.
import { describe, expect, it } from 'vitest';
import { compressionReport } from '../../src/compress/compressionRatio.js';
import { makeLayer, type Layer } from '../../src/workload/layer.js';

// conv "a": M 4 filters x C 2 channels x 3 x 3 -> 72 weights, 4 biases; N = 3 * 2 * 4 = 24 rows of length 3.
// fc "f":   8 inputs (1 x 1) -> 10 outputs   -> 80 weights, 10 biases.
const a = makeLayer({ name: 'a', kind: 'conv', C: 2, M: 4, H: 5, W: 5, R: 3, S: 3, stride: 1, padding: 1, groups: 1 }, 1);
const f = makeLayer({ name: 'f', kind: 'fc', C: 8, M: 10, H: 1, W: 1, R: 1, S: 1, stride: 1, padding: 0, groups: 1 }, 1);
const model: Layer[] = [a, f];

// "a" shared with K = 4, cluster sizes 10, 6, 5, 3 (24 rows).
const sharingA = { layer: 'a', rows: 24, rowLength: 3, k: 4, clusterSizes: [10, 6, 5, 3] };

describe('compression ratio (two-layer model by hand)', () => {
  it('original = 32 bits per weight and bias; compressed conv = codebook + indices + 32-bit biases', () => {
    const r = compressionReport(model, [sharingA]);
    // Original: (72 + 4 + 80 + 10) * 32 = 166 * 32 = 5312 bits.
    expect(r.originalBits).toBe(5312);
    expect(r.layers[0]).toMatchObject({ layer: 'a', weightWords: 72, biasWords: 4, shared: true, originalBits: 76 * 32 });
    // Conv "a": codebook 4 * 3 * 32 = 384, biases 4 * 32 = 128, so 512 bits before the indices.
    //   fixed:   24 rows * ceil(log2 4) = 24 * 2 = 48              -> 560
    //   Huffman: merges 3+5=8, 6+8=14, 10+14=24 give lengths 1, 2, 3, 3 (for 10, 6, 5, 3):
    //            10*1 + 6*2 + 5*3 + 3*3 = 46                      -> 558
    //   entropy: 24 * H, H = -sum p log2 p over p = 10/24, 6/24, 5/24, 3/24 (about 1.8727 bits)
    const h = -[10, 6, 5, 3].reduce((s, n) => s + (n / 24) * Math.log2(n / 24), 0);
    expect(h).toBeCloseTo(1.8727, 4);
    expect(r.layers[0].compressedBits.fixed).toBe(560);
    expect(r.layers[0].compressedBits.huffman).toBe(558);
    expect(r.layers[0].compressedBits.entropy).toBeCloseTo(512 + 24 * h, 9);
    // FC "f" stays at 32 bits: 90 * 32 = 2880 under every coding.
    expect(r.layers[1]).toMatchObject({ shared: false, originalBits: 2880, compressedBits: { fixed: 2880, entropy: 2880, huffman: 2880 } });
    // Model: fixed 560 + 2880 = 3440 -> CR 5312 / 3440 = 1.5442; Huffman 558 + 2880 = 3438 -> 1.5451.
    expect(r.compressedBits.fixed).toBe(3440);
    expect(r.compressedBits.huffman).toBe(3438);
    expect(r.ratio.fixed).toBeCloseTo(5312 / 3440, 12);
    expect(r.ratio.huffman).toBeCloseTo(5312 / 3438, 12);
    expect(r.ratio.entropy).toBeCloseTo(5312 / (3392 + 24 * h), 12);
  });

  it('bias policies: fc-only drops the conv biases from both sides', () => {
    const r = compressionReport(model, [sharingA], { biases: 'fc-only' });
    // Original (72 + 80 + 10) * 32 = 5184; conv fixed 384 + 48 = 432; total 432 + 2880 = 3312.
    expect(r.originalBits).toBe(5184);
    expect(r.compressedBits.fixed).toBe(3312);
    expect(compressionReport(model, [], { biases: 'none' }).originalBits).toBe(152 * 32);
  });

  it('layers not shared, or shared with K >= N, count at 32 bits; K = 1 needs no index bits', () => {
    const none = compressionReport(model, []);
    expect(none.ratio).toEqual({ fixed: 1, entropy: 1, huffman: 1, onChip: 1 });
    const identity = compressionReport(model, [{ ...sharingA, k: 24, clusterSizes: Array(24).fill(1) }]);
    expect(identity.ratio.fixed).toBe(1);
    const one = compressionReport(model, [{ ...sharingA, k: 1, clusterSizes: [24] }]);
    // Conv: codebook 1 * 3 * 32 = 96 + biases 128 + 0 index bits = 224.
    expect(one.layers[0].compressedBits).toEqual({ fixed: 224, entropy: 224, huffman: 224 });
  });

  it('on chip: filters in words of wordBits over fixed-length indices plus a codebook in words, biases left out', () => {
    // wordBits 16 (the default). Dense: (72 + 80) weights * 16 = 2432 bits.
    // Conv "a": 24 indices * 2 bits = 48, codebook 4 * 3 * 16 = 192 -> 240; FC "f" stays 80 * 16 = 1280.
    // Ratio 2432 / (240 + 1280) = 2432 / 1520 = 1.6.
    const r = compressionReport(model, [sharingA]);
    expect(r.wordBits).toBe(16);
    expect(r.layers[0].onChip).toEqual({ originalBits: 1152, compressedBits: 240 });
    expect(r.layers[1].onChip).toEqual({ originalBits: 1280, compressedBits: 1280 });
    expect(r.onChip).toEqual({ originalBits: 2432, compressedBits: 1520 });
    expect(r.ratio.onChip).toBeCloseTo(1.6, 12);
    // 8-bit words: dense 152 * 8 = 1216; conv 48 + 4 * 3 * 8 = 144, FC 640 -> 1216 / 784. The storage ratios do not move.
    const narrow = compressionReport(model, [sharingA], { wordBits: 8 });
    expect(narrow.onChip).toEqual({ originalBits: 1216, compressedBits: 784 });
    expect(narrow.ratio.fixed).toBe(r.ratio.fixed);
    // Biases never enter it, whatever the policy.
    expect(compressionReport(model, [sharingA], { biases: 'none' }).onChip).toEqual(r.onChip);
    // K = 1: no index bits, one 3-word centroid = 48 bits.
    expect(compressionReport(model, [{ ...sharingA, k: 1, clusterSizes: [24] }]).layers[0].onChip.compressedBits).toBe(48);
    expect(() => compressionReport(model, [sharingA], { wordBits: 0 })).toThrow(/wordBits must be a positive integer, got 0/);
  });

  it('rejects sharings that do not fit the layer, or that target an FC layer', () => {
    expect(() => compressionReport(model, [{ ...sharingA, rows: 23 }])).toThrow(/layer "a".*23 rows of 3, the layer 24 rows of 3/);
    expect(() => compressionReport(model, [{ ...sharingA, clusterSizes: [10, 6, 5, 2] }])).toThrow(/add up to 23/);
    expect(() => compressionReport(model, [{ ...sharingA, clusterSizes: [10, 14] }])).toThrow(/2 cluster sizes for K = 4/);
    expect(() => compressionReport(model, [{ ...sharingA, layer: 'f' }])).toThrow(/only conv layers/);
    expect(() => compressionReport(model, [{ ...sharingA, layer: 'zz' }])).toThrow(/unknown layer "zz"/);
  });
});
