// Overlapped data movement: the analytical estimate is a lower bound of the simulated cycles (and the compute
// bound one of the estimate), what is loaded ahead never takes more than the space the mapping leaves free, a
// prefetch that finds no room changes nothing, and a small layer whose timing is counted by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { glbCapacityWords, type HardwareSpec } from '../../src/hw/spec.js';
import { glbTileSizes, glbTileWords } from '../../src/mapping/legality.js';
import { countAccesses, glbTileLoads, tileLayer } from '../../src/model/accessCounts.js';
import { computeCycles } from '../../src/model/cycles.js';
import { evaluateMapping } from '../../src/model/evaluate.js';
import { simulateLayer } from '../../src/sim/engine.js';
import { convLayer, describeScenario, makeHw, mapping, scenarioArb, type Scenario } from '../model/arbitraries.js';
import { describeShared, sharedScenarioArb } from '../model/sharedArbitraries.js';

const prefetching = (hw: HardwareSpec) =>
  hw.prefetch.filterSpad || hw.prefetch.glb.ifmap + hw.prefetch.glb.filter + hw.prefetch.glb.psum > 0;

describe('cycles: simulated >= analytical estimate >= compute bound', () => {
  const holds = (s: Scenario, describe: (s: Scenario) => string) => {
    const estimate = evaluateMapping(s.layer, s.hw, s.m).cycles;
    const simulated = simulateLayer(s.layer, s.hw, s.m).stats.cycles;
    expect(simulated, describe(s)).toBeGreaterThanOrEqual(estimate.cycles);
    expect(estimate.cycles, describe(s)).toBeGreaterThanOrEqual(computeCycles(s.layer, s.hw, s.m, tileLayer(s.layer, s.m)));
  };

  it('on random layers, mappings and chips (every bypass set, multicast or not, double-buffered, prefetching)', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => holds(s, describeScenario)),
      { numRuns: 400 },
    );
  });

  it('on random shared layers, every execution', () => {
    fc.assert(
      fc.property(sharedScenarioArb(), (s) => holds(s, describeShared)),
      { numRuns: 200 },
    );
  });
});

describe('prefetch', () => {
  it('never takes more than the free space: per type its share of the GLB words the largest tiles leave, and no more spad words than a PE has', () => {
    let glbAhead = 0;
    let spadAhead = 0;
    fc.assert(
      fc.property(fc.oneof(scenarioArb(), sharedScenarioArb()), (s) => {
        const { stats, counts } = simulateLayer(s.layer, s.hw, s.m);
        const tl = tileLayer(s.layer, s.m);
        const tile = glbTileWords(s.layer, s.hw, glbTileSizes(tl));
        const free = Math.max(0, glbCapacityWords(s.hw) - tile.ifmap - tile.filter - tile.psum);
        const loads = glbTileLoads(s.hw, s.m, tl);
        // Each tile loaded at most its share ahead; never the first ifmap or filter tile (a psum tile read back
        // always follows the tile in use before it).
        const later = { ifmap: loads.ifmap - 1, filter: loads.filter - 1, psum: loads.psum };
        for (const t of ['ifmap', 'filter', 'psum'] as const) {
          expect(stats.prefetch.glbWords[t], describeShared(s)).toBeLessThanOrEqual(
            Math.max(0, later[t]) * Math.floor(s.hw.prefetch.glb[t] * free) + 1e-9,
          );
        }
        expect(stats.prefetch.glbPeakWords).toBeLessThanOrEqual(glbCapacityWords(s.hw));
        expect(stats.prefetch.filterSpadPeakWords).toBeLessThanOrEqual(s.hw.rf.filterWords);
        expect(stats.prefetch.codebookRfPeakWords).toBeLessThanOrEqual(s.hw.weightSharing.codebookRfWords);
        // Timing only: the words moved are the model's.
        expect(counts).toEqual(countAccesses(s.layer, s.hw, s.m));
        if (!prefetching(s.hw)) expect(stats.prefetch.glbWords).toEqual({ ifmap: 0, filter: 0, psum: 0 });
        glbAhead += stats.prefetch.glbWords.ifmap + stats.prefetch.glbWords.filter + stats.prefetch.glbWords.psum > 0 ? 1 : 0;
        spadAhead += stats.prefetch.filterWords > 0 ? 1 : 0;
      }),
      { numRuns: 300 },
    );
    // The property is not vacuous: the draws load ahead often.
    expect(glbAhead).toBeGreaterThan(10);
    expect(spadAhead).toBeGreaterThan(10);
  });

  it('that finds no room (a GLB and filter spads the mapping fills exactly) leaves every simulated number as without prefetch', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const tile = glbTileWords(s.layer, s.hw, glbTileSizes(tileLayer(s.layer, s.m)));
        const words = tile.ifmap + tile.filter + tile.psum;
        const full: HardwareSpec = {
          ...s.hw,
          rf: {
            ...s.hw.rf,
            filterWords: Math.min(s.m.p, s.layer.M / s.layer.groups) * Math.min(s.m.q, s.layer.C / s.layer.groups) * s.layer.S,
          },
          glb: { ...s.hw.glb, doubleBuffer: false, capacityBytes: (words * s.hw.wordBits) / 8 },
        };
        const off = { ...full, prefetch: { glb: { ifmap: 0, filter: 0, psum: 0 }, filterSpad: false } };
        const kept = (t: 'ifmap' | 'filter' | 'psum') => (full.glb.bypass.includes(t) ? 0 : 1 / 3);
        const on = { ...full, prefetch: { glb: { ifmap: kept('ifmap'), filter: kept('filter'), psum: kept('psum') }, filterSpad: true } };
        const a = simulateLayer(s.layer, off, s.m);
        const b = simulateLayer(s.layer, on, s.m);
        expect(b.counts).toEqual(a.counts);
        expect(b.stats.prefetch.glbWords).toEqual({ ifmap: 0, filter: 0, psum: 0 });
        expect(b.stats.prefetch.filterWords).toBe(0);
        expect({ ...b.stats, prefetch: null }, describeScenario(s)).toEqual({ ...a.stats, prefetch: null });
      }),
      { numRuns: 200 },
    );
  });

  it("loads the next channel's ifmap tile while the first one is in use (counted by hand)", () => {
    // Four 1x1 filters on two 3x3 channels: one pass per channel (e = 3, p = 4: each of the 3 PEs computes
    // 4 filters x F = 3 outputs, 12 cycles), one GLB tile per channel (9 ifmap words) beside the 36-word psum
    // tile. DRAM moves 1 word per cycle, everything else 1000. Filters (4 words per pass) come from DRAM.
    const layer = convLayer({ C: 2, M: 4, H: 3, W: 3, R: 1, S: 1 });
    const m = mapping({ e: 3, p: 4 });
    // 54 words: 9 free beside the 45 of the tiles, all of them for the ifmap.
    const hw = (share: number) =>
      makeHw({
        rows: 1,
        cols: 3,
        capacityBytes: 108,
        banks: 1,
        wordsPerCyclePerBank: 1000,
        nocWordsPerCycle: 1000,
        dramWordsPerCycle: 1,
        bypass: ['filter'],
        prefetchGlb: { ifmap: share },
      });
    // Without: ifmap 0 fills [0, 9]; pass 0 from 9, its filters [9, 13], compute to 21, outputs drained 21.036.
    // Ifmap 1 fills [21.036, 30.036]; pass 1 from 30.036 (filters to 34.036), computes to 42.036; outputs
    // drained at 42.072, then the 36 psums go to DRAM: 78.072 -> 79 cycles.
    const without = simulateLayer(layer, hw(0), m).stats;
    expect(without.cycles).toBe(79);
    // With: ifmap 1 fills the idle DRAM and GLB from 9 on: DRAM is free from 13, the GLB until the outputs at 21
    // ([13, 21]: 8 words), the last word [21.036, 22.036]. Pass 1 starts at 22.036, 8 cycles earlier.
    const ahead = simulateLayer(layer, hw(1), m).stats;
    expect(ahead.cycles).toBe(71);
    expect(ahead.prefetch.glbWords).toEqual({ ifmap: 9, filter: 0, psum: 0 });
    expect(ahead.prefetch.glbPeakWords).toBe(54);
  });
});
