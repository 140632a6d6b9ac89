// The functional data path on shared layers (Deep k-Means): PEs compute each distinct centroid's 1-D conv
// once per channel and add it into every filter naming it; the outputs must equal the plain convolution
// of the expanded weights (every row replaced by its codebook row), exactly, wrapping included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHardware } from '../../src/hw/load.js';
import { searchMapping } from '../../src/search/search.js';
import { expandSharedWeights, FunctionalDatapath } from '../../src/sim/datapath.js';
import { simulateLayer } from '../../src/sim/engine.js';
import { quantize, randomFixedTensor } from '../../src/sim/fixedPoint.js';
import { referenceConv } from '../../src/sim/referenceConv.js';
import { ifmapWords, layerMacs, makeLayer, type Layer } from '../../src/workload/layer.js';
import { convLayer, makeHw, mapping } from '../model/arbitraries.js';
import { describeShared, filterRows, randomIndices, sharedScenarioArb, shareLayer, withWeightSharing } from '../model/sharedArbitraries.js';

const codebookOf = (layer: Layer) => Int32Array.from(layer.sharing!.codebook!);

/** Runs the layer through simulateLayer with the data path attached; returns both. */
function run(layer: Layer, hw: Parameters<typeof simulateLayer>[1], m: Parameters<typeof simulateLayer>[2], dp: FunctionalDatapath) {
  const sim = simulateLayer(layer, hw, m, { datapath: dp });
  return { sim, out: Array.from(dp.output()) };
}

describe('shared functional data path, by hand', () => {
  // M = 4 filters of one 1 x 3 row over a 1 x 5 input; rows name centroids [0, 0, 1, 0]; one PE (p = 4).
  const layer: Layer = {
    ...convLayer({ C: 1, M: 4, H: 1, W: 5, R: 1, S: 3 }),
    sharing: { k: 2, indexBits: 1, index: Uint32Array.from([0, 0, 1, 0]), codebook: Float32Array.from([1, 2, 3, 1, 0, -1]) },
  };
  const hw = withWeightSharing(makeHw({ rows: 1, cols: 1 }));

  it('computes 2 convs, reuses centroid 0 for two more filters', () => {
    const dp = new FunctionalDatapath(layer, { ifmap: Int32Array.from([1, 2, 3, 4, 5]) }, { accumulatorBits: 32 });
    const { out } = run(layer, hw, mapping({ p: 4 }), dp);
    // centroid 0 = [1, 2, 3]: 1+4+9 = 14, 2+6+12 = 20, 3+8+15 = 26; centroid 1 = [1, 0, -1]: 1-3, 2-4, 3-5 = -2.
    expect(out).toEqual([14, 20, 26, 14, 20, 26, -2, -2, -2, 14, 20, 26]);
    expect([dp.oneDConvs, dp.reusedConvs]).toEqual([2, 2]);
  });

  it('without row-level reuse every filter computes its own 1-D conv, and the output is the same', () => {
    const dp = new FunctionalDatapath(layer, { ifmap: Int32Array.from([1, 2, 3, 4, 5]) }, { accumulatorBits: 32, rowReuse: false });
    const noReuse = withWeightSharing(makeHw({ rows: 1, cols: 1 }), { rowReuse: false });
    const { sim, out } = run(layer, noReuse, mapping({ p: 4 }), dp);
    expect(out).toEqual([14, 20, 26, 14, 20, 26, -2, -2, -2, 14, 20, 26]);
    expect([dp.oneDConvs, dp.reusedConvs]).toEqual([4, 0]);
    // 4 rows x F = 3 x S = 3 MACs, no additions: what the counts say too.
    expect([sim.counts.macs, sim.counts.sharing?.psumAdds]).toEqual([36, 0]);
  });

  it('with one filter per PE nothing is reused, and the output is the same', () => {
    const dp = new FunctionalDatapath(layer, { ifmap: Int32Array.from([1, 2, 3, 4, 5]) }, { accumulatorBits: 32 });
    expect(run(layer, hw, mapping({ p: 1, t: 1 }), dp).out).toEqual([14, 20, 26, 14, 20, 26, -2, -2, -2, 14, 20, 26]);
    expect([dp.oneDConvs, dp.reusedConvs]).toEqual([4, 0]);
  });
});

/** Small scenarios: a few tens of thousands of MACs at most, so that a run takes a few ms. */
const small = sharedScenarioArb().filter((s) => layerMacs(s.layer) <= 40_000);

describe('shared functional data path vs referenceConv of the expanded weights', () => {
  it('random small shared layers (stride, padding, groups, depthwise, batch) under random legal mappings', () => {
    fc.assert(
      fc.property(small, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (s, seed) => {
        const { layer, hw, m } = s;
        const ifmap = randomFixedTensor(ifmapWords(layer), 4, seed, 7);
        const dp = new FunctionalDatapath(layer, { ifmap }, { accumulatorBits: 32, rowReuse: hw.weightSharing.rowReuse });
        const { sim, out } = run(layer, hw, m, dp);
        const weights = expandSharedWeights(layer, codebookOf(layer));
        expect(out, describeShared(s)).toEqual(Array.from(referenceConv(layer, { ifmap, weights }, 32)));
        // Without padding every PE reads a real ifmap row, so the values computed are exactly the ops counted.
        if (layer.padding === 0) {
          expect(dp.oneDConvs * layer.F * layer.S).toBe(sim.counts.macs);
          expect(dp.reusedConvs * layer.F).toBe(sim.counts.sharing!.psumAdds);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('narrow accumulators wrap to the exact sum modulo 2^bits (16-bit values, a quantized codebook)', () => {
    fc.assert(
      fc.property(small, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 4, max: 32 }), (s, seed, bits) => {
        const { layer, hw, m } = s;
        const ifmap = randomFixedTensor(ifmapWords(layer), 16, seed);
        const codebook = randomFixedTensor(layer.sharing!.k * layer.S, 16, seed + 1);
        const dp = new FunctionalDatapath(layer, { ifmap, codebook }, { accumulatorBits: bits });
        const { out } = run(layer, hw, m, dp);
        expect(out, describeShared(s)).toEqual(
          Array.from(referenceConv(layer, { ifmap, weights: expandSharedWeights(layer, codebook) }, bits)),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('AlexNet CONV2-like grouped layer (2 groups, 5x5, pad 2, batch 2), k = 5, under the searched Eyeriss mapping', () => {
    const eyeriss = loadHardware('hardware/eyeriss.json');
    const plain = makeLayer(
      { name: 'conv2-small', kind: 'conv', C: 8, M: 8, H: 13, W: 13, R: 5, S: 5, stride: 1, padding: 2, groups: 2 },
      2,
    );
    const layer = shareLayer(plain, 5, randomIndices(filterRows(plain), 5, 7), 8);
    const ifmap = randomFixedTensor(ifmapWords(layer), 8, 9, 100);
    const m = searchMapping(layer, eyeriss, 'energy').best.mapping;
    const dp = new FunctionalDatapath(layer, { ifmap }, { accumulatorBits: 32 });
    const { out } = run(layer, eyeriss, m, dp);
    expect(out).toEqual(Array.from(referenceConv(layer, { ifmap, weights: expandSharedWeights(layer, codebookOf(layer)) }, 32)));
    expect(dp.reusedConvs).toBeGreaterThan(0);
  });
});

describe('shared functional data path inputs', () => {
  const plain = convLayer({ C: 2, M: 3, H: 3, W: 3, R: 2, S: 2 });
  const real = {
    k: 2,
    indexBits: 1,
    index: Uint32Array.from([0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1]),
    codebook: Float32Array.from([0.5, -0.25, 1, 0.75]),
  };
  const layer: Layer = { ...plain, sharing: real };
  const ifmap = randomFixedTensor(ifmapWords(layer), 8, 3, 50);

  it('a real-valued codebook must come quantized (values.codebook); then it is what the PEs compute with', () => {
    expect(() => new FunctionalDatapath(layer, { ifmap }, { accumulatorBits: 32 })).toThrow(/not a fixed-point integer/);
    const codebook = quantize(real.codebook, 8, 4); // [8, -4, 16, 12]
    expect(Array.from(codebook)).toEqual([8, -4, 16, 12]);
    const dp = new FunctionalDatapath(layer, { ifmap, codebook }, { accumulatorBits: 32 });
    const { out } = run(layer, withWeightSharing(makeHw({ rows: 2, cols: 2 })), mapping({ e: 2, p: 3, q: 2 }), dp);
    expect(out).toEqual(Array.from(referenceConv(layer, { ifmap, weights: expandSharedWeights(layer, codebook) }, 32)));
    expect(() => new FunctionalDatapath(layer, { ifmap, codebook: codebook.subarray(1) }, { accumulatorBits: 32 })).toThrow(/k\*S = 4/);
  });

  it('a shared layer without any codebook computes with plain weights, which it then needs', () => {
    const bare: Layer = { ...plain, sharing: { k: 2, indexBits: 1, index: real.index } };
    expect(() => new FunctionalDatapath(bare, { ifmap }, { accumulatorBits: 32 })).toThrow(/weights has 0 values/);
  });
});
