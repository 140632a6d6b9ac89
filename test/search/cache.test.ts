// A SearchCache must never change an answer: every search through a cache shared across hardware that differs
// in energies, bandwidths, buffer size and array equals a fresh search of the same layer on the same hardware.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HardwareSpec } from '../../src/hw/spec.js';
import { NoLegalMappingError } from '../../src/mapping/legality.js';
import { SearchCache } from '../../src/search/cache.js';
import { OBJECTIVES } from '../../src/search/objective.js';
import { searchMapping, type SearchResult } from '../../src/search/search.js';
import { layerArb, makeHw } from '../model/arbitraries.js';
import { randomIndices, shareLayer } from '../model/sharedArbitraries.js';
import type { Layer } from '../../src/workload/layer.js';

const hwArb: fc.Arbitrary<HardwareSpec> = fc
  .record({
    rows: fc.constantFrom(4, 6),
    cols: fc.constantFrom(5, 8),
    filterWords: fc.constantFrom(32, 128),
    capacityBytes: fc.constantFrom(512, 2048, 16384),
    dramWordsPerCycle: fc.constantFrom(0.5, 2, 64),
    nocWordsPerCycle: fc.constantFrom(1, 4),
    glbEnergy: fc.constantFrom(3, 6, 12),
    dramEnergy: fc.constantFrom(100, 200),
    multicast: fc.boolean(),
    doubleBuffer: fc.boolean(),
    bypass: fc.constantFrom([], ['filter'], ['ifmap', 'psum']),
    wordBits: fc.constantFrom(8, 16),
  })
  .map(({ glbEnergy, dramEnergy, ...o }) => {
    const hw = makeHw({ ...o, ifmapWords: 16, psumWords: 16 });
    return {
      ...hw,
      energy: { ...hw.energy, glb: { read: glbEnergy, write: glbEnergy }, dram: { read: dramEnergy, write: dramEnergy + 1 } },
    };
  });

function outcome(run: () => SearchResult): unknown {
  try {
    const r = run();
    return {
      mapping: r.best.mapping,
      energy: r.best.energy,
      cycles: r.best.cycles,
      counts: r.best.counts,
      evaluated: r.evaluated,
      explored: r.explored,
    };
  } catch (err) {
    if (err instanceof NoLegalMappingError) return err.message;
    throw err;
  }
}

describe('SearchCache', () => {
  it('gives every layer on every hardware the answer of a fresh search (random sequences, all objectives)', () => {
    fc.assert(
      fc.property(
        fc.array(layerArb, { minLength: 1, maxLength: 3 }),
        fc.array(hwArb, { minLength: 2, maxLength: 6 }),
        fc.constantFrom(...OBJECTIVES),
        fc.constantFrom(0, 2, 256),
        (layers, hws, objective, limit) => {
          const cache = new SearchCache();
          for (const hw of hws) {
            for (const layer of layers) {
              expect(outcome(() => searchMapping(layer, hw, objective, limit, cache))).toEqual(
                outcome(() => searchMapping(layer, hw, objective, limit)),
              );
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('keeps shared layers apart: same shape, other indices, other answer than the cached one would give', () => {
    const hw = makeHw({ rows: 6, cols: 8, filterWords: 64, capacityBytes: 4096, codebookRfWords: 16 });
    const dense: Layer = { ...layerArbSample(), sharing: undefined };
    const rows = dense.M * (dense.C / dense.groups) * dense.R;
    const a = shareLayer(dense, 4, randomIndices(rows, 4, 1), 1);
    const b = shareLayer(dense, 64, randomIndices(rows, 64, 2), 2);
    const cache = new SearchCache();
    for (const layer of [a, b, a, dense]) {
      expect(outcome(() => searchMapping(layer, hw, 'energy', 256, cache))).toEqual(outcome(() => searchMapping(layer, hw, 'energy', 256)));
    }
  });

  it('forgets shared layers on request and keeps plain ones, answers unchanged either way', () => {
    const hw = makeHw({ rows: 6, cols: 8, filterWords: 64, capacityBytes: 4096, codebookRfWords: 16 });
    const dense: Layer = { ...layerArbSample(), sharing: undefined };
    const a = shareLayer(dense, 4, randomIndices(dense.M * (dense.C / dense.groups) * dense.R, 4, 5), 5);
    const cache = new SearchCache();
    for (const round of [0, 1]) {
      for (const layer of [a, dense]) {
        expect(
          outcome(() => searchMapping(layer, hw, 'energy', 256, cache)),
          `round ${round}`,
        ).toEqual(outcome(() => searchMapping(layer, hw, 'energy', 256)));
      }
      const kept = cache.skeleton(dense, hw);
      cache.forgetShared();
      // The plain layer's counts stay (the same object comes back); the shared one's are counted anew.
      expect(cache.skeleton(dense, hw)).toBe(kept);
      const before = cache.skeleton(a, hw);
      cache.forgetShared();
      expect(cache.skeleton(a, hw)).not.toBe(before);
    }
  });

  it('keeps row-level reuse on and off apart for a layer decoded in the PEs', () => {
    const hw = makeHw({ rows: 6, cols: 8, filterWords: 64, capacityBytes: 4096, codebookRfWords: 16 });
    const off = makeHw({ rows: 6, cols: 8, filterWords: 64, capacityBytes: 4096, codebookRfWords: 16, rowReuse: false });
    const dense: Layer = { ...layerArbSample(), sharing: undefined };
    const a = shareLayer(dense, 2, randomIndices(dense.M * (dense.C / dense.groups) * dense.R, 2, 3), 3);
    const cache = new SearchCache();
    const results = [hw, off, hw, off].map((h) => outcome(() => searchMapping(a, h, 'energy', 256, cache)));
    expect(results).toEqual([hw, off, hw, off].map((h) => outcome(() => searchMapping(a, h, 'energy', 256))));
    // With reuse on, rows naming one of k = 2 centroids share their 1-D convs: fewer MACs than without.
    const macs = (r: unknown) => (r as { counts: { macs: number } }).counts.macs;
    expect(macs(results[0])).toBeLessThan(macs(results[1]));
  });
});

function layerArbSample(): Layer {
  return fc.sample(
    layerArb.filter((l) => l.groups === 1 && l.M >= 8 && l.R <= 3),
    { numRuns: 1, seed: 7 },
  )[0];
}
