// The ways a shared layer can run (decoded in the PEs with its codebook streamed or resident, decoded at the
// GLB, or dense) as choices of the mapping search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executionName, sharedExecutions } from '../../src/mapping/sharedExecutions.js';
import { checkGlb, checkPass } from '../../src/mapping/legality.js';
import { countAccesses, tileLayer } from '../../src/model/accessCounts.js';
import { searchExecutions, searchMapping } from '../../src/search/search.js';
import { OBJECTIVES, objectiveKey, isBetter } from '../../src/search/objective.js';
import type { Layer } from '../../src/workload/layer.js';
import { convLayer, layerArb, makeHw, mapping } from '../model/arbitraries.js';
import { filterRows, randomIndices, shareLayer } from '../model/sharedArbitraries.js';

const sharedArb: fc.Arbitrary<Layer> = fc
  .record({ layer: layerArb, kDraw: fc.nat({ max: 1 << 16 }), seed: fc.nat({ max: 1 << 30 }) })
  .map(({ layer, kDraw, seed }) => {
    const rows = filterRows(layer);
    const k = 1 + (kDraw % rows);
    return shareLayer(layer, k, randomIndices(rows, k, seed), seed);
  });

const hwArb = fc
  .record({
    rows: fc.constantFrom(4, 8),
    cols: fc.constantFrom(4, 9),
    filterWords: fc.constantFrom(16, 96),
    capacityBytes: fc.constantFrom(256, 2048, 65536),
    bypass: fc.constantFrom([], ['filter'] as const),
    dramWordsPerCycle: fc.constantFrom(1, 16),
  })
  .map((o) => makeHw({ ...o, bypass: [...o.bypass], ifmapWords: 24, psumWords: 16 }));

describe('the search over the ways a shared layer runs', () => {
  it('never chooses a way that costs more than the same layer dense (every objective)', () => {
    fc.assert(
      fc.property(sharedArb, hwArb, fc.constantFrom(...OBJECTIVES), (layer, hw, objective) => {
        let dense;
        try {
          dense = searchMapping({ ...layer, sharing: undefined }, hw, objective);
        } catch {
          return; // the chip cannot run this layer at all
        }
        const chosen = searchExecutions(layer, hw, objective);
        expect(isBetter(objectiveKey(dense.best, objective), objectiveKey(chosen.best, objective))).toBe(false);
      }),
      { numRuns: 120 },
    );
  });

  it('offers only what the chip supports and what --decode allows, resident codebooks within their GLB budget', () => {
    const layer = shareLayer(convLayer({ C: 2, M: 4, H: 5, W: 5, R: 3, S: 3 }), 3, randomIndices(24, 3, 1), 1);
    const names = (hw: ReturnType<typeof makeHw>, allowed?: Parameters<typeof sharedExecutions>[2]) =>
      sharedExecutions(layer, hw, allowed).map((v) => executionName(v, layer));
    const hw = makeHw();
    expect(names(hw)).toEqual(['pe-streamed', 'pe-resident', 'glb', 'dense']);
    expect(names(hw, ['glb', 'dense'])).toEqual(['glb', 'dense']);
    // k x S = 9 words = 18 bytes: a 16-byte budget leaves no resident codebook.
    expect(names({ ...hw, weightSharing: { ...hw.weightSharing, glbCodebookBytes: 16 } })).toEqual(['pe-streamed', 'dense']);
    expect(names({ ...hw, weightSharing: { ...hw.weightSharing, executions: ['dense'] } })).toEqual(['dense']);
    expect(sharedExecutions(convLayer({ C: 1, M: 1, H: 3, W: 3, R: 1, S: 1 }), hw)).toHaveLength(1);
  });

  it('maps a layer whose resident codebook cannot fit beside any tile, by not keeping it resident', () => {
    // k = 64 rows of S = 3: a 192-word codebook in a 200-word GLB (within its budget, the whole GLB), which
    // leaves 8 words, fewer than any pass's ifmap and psum tile needs.
    const layer = shareLayer(convLayer({ C: 8, M: 16, H: 6, W: 6, R: 3, S: 3 }), 64, randomIndices(384, 64, 3), 3);
    const hw = makeHw({ rows: 6, cols: 4, capacityBytes: 400, bypass: ['filter'], filterWords: 64, ifmapWords: 12, psumWords: 16 });
    const resident = sharedExecutions(layer, hw, ['pe-resident'])[0];
    expect(() => searchMapping(resident, hw, 'energy')).toThrow(/GLB tile needs/);
    const chosen = searchExecutions(layer, hw, 'energy');
    expect(['pe-streamed', 'dense']).toContain(executionName(chosen.layer, layer));
  });
});

describe('decoded at the GLB', () => {
  it('reads the indices instead of the weights from DRAM, plus the codebook once, and runs dense from the GLB on', () => {
    fc.assert(
      fc.property(sharedArb, fc.nat({ max: 3 }), (layer, pick) => {
        const hw = makeHw({ rows: 12, cols: 12, bypass: ['filter'], filterWords: 4096, ifmapWords: 64, psumWords: 64 });
        const [atGlb] = sharedExecutions(layer, hw, ['glb']);
        const dense = { ...layer, sharing: undefined };
        const m = mapping({ p: 1 + (pick % Math.min(4, layer.M / layer.groups)) });
        const tl = tileLayer(dense, m);
        fc.pre(checkPass(dense, hw, m) === null && checkGlb(atGlb, hw, tl) === null);
        const d = countAccesses(dense, hw, m);
        const g = countAccesses(atGlb, hw, m);
        const { k, indexBits } = layer.sharing!;
        // Every fetch of S weights becomes one index of indexBits: the weight words times indexBits / (S x wordBits).
        const fetchedIndices = (d.dram.reads.filter / layer.S) * (indexBits / hw.wordBits);
        expect(g.dram.reads.filter).toBeCloseTo(fetchedIndices + k * layer.S, 9);
        expect(g.glb.writes.filter).toBe(k * layer.S);
        // Each weight sent to the array is one read of the resident codebook; from there on, the dense layer's counts.
        expect(g.glb.reads.filter).toBe(d.dram.reads.filter);
        expect([g.macs, g.noc, g.rf]).toEqual([d.macs, d.noc, d.rf]);
      }),
      { numRuns: 150 },
    );
  });
});
