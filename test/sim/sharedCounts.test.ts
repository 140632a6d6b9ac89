// Shared layers (Deep k-Means) in the cycle-level simulator: its event counts and compute cycles against the
// analytical model (two independent derivations), a layer small enough to count by hand, and the spad
// checks against legality.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHardware } from '../../src/hw/load.js';
import type { HardwareSpec } from '../../src/hw/spec.js';
import { checkGlb, checkPass } from '../../src/mapping/legality.js';
import { searchMapping } from '../../src/search/search.js';
import { countAccesses, tileLayer } from '../../src/model/accessCounts.js';
import { computeCycles } from '../../src/model/cycles.js';
import { simulateLayer } from '../../src/sim/engine.js';
import type { Layer } from '../../src/workload/layer.js';
import { resolveModel } from '../../src/workload/zoo/index.js';
import { convLayer, makeHw, mapping } from '../model/arbitraries.js';
import { describeShared, filterRows, randomIndices, sharedScenarioArb, shareLayer, withWeightSharing } from '../model/sharedArbitraries.js';

/** Every bandwidth so high that only the PEs' work decides the cycles. */
const unbounded = (hw: HardwareSpec): HardwareSpec => ({
  ...hw,
  dram: { wordsPerCycle: 1e12 },
  glb: { ...hw.glb, wordsPerCyclePerBank: 1e12 },
  noc: { ...hw.noc, wordsPerCycle: { ifmap: 1e12, filter: 1e12, psum: 1e12 } },
});

describe('shared layers: simulated counts and cycles equal the analytical model', () => {
  it('on random small shared layers and legal mappings (k 1..4, k = rows, any k; every bypass set; both codebook locations; row reuse on and off)', () => {
    fc.assert(
      fc.property(sharedScenarioArb(), (s) => {
        const sim = simulateLayer(s.layer, s.hw, s.m);
        expect(sim.counts, describeShared(s)).toEqual(countAccesses(s.layer, s.hw, s.m));
        expect(sim.counts.sharing).toBeDefined();
      }),
      { numRuns: 400 },
    );
  });

  it('compute cycles with unbounded bandwidths: the busiest PE of every pass, MACs and psum additions', () => {
    fc.assert(
      fc.property(sharedScenarioArb(), (s) => {
        const { stats } = simulateLayer(s.layer, unbounded(s.hw), s.m);
        expect(stats.cycles, describeShared(s)).toBe(computeCycles(s.layer, s.hw, s.m, tileLayer(s.layer, s.m)));
        expect(Object.values(stats.stallCycles).every((c) => c < 1e-3)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on AlexNet CONV1..CONV5 (batch 1) with random indices at k = 2% of the rows, searched Eyeriss mappings', () => {
    const eyeriss = loadHardware('hardware/eyeriss.json');
    const convs = resolveModel('alexnet', 1).layers.filter((l) => l.kind === 'conv');
    expect(convs.map((l) => l.name)).toEqual(['CONV1', 'CONV2', 'CONV3', 'CONV4', 'CONV5']);
    convs.forEach((plain, i) => {
      const rows = filterRows(plain);
      const k = Math.round(rows * 0.02);
      const layer = shareLayer(plain, k, randomIndices(rows, k, 100 + i), 200 + i);
      const { mapping: m, counts } = searchMapping(layer, eyeriss, 'energy').best;
      const sim = simulateLayer(layer, eyeriss, m);
      expect(sim.counts, layer.name).toEqual(counts);
      // Real reuse: fewer MACs than the unshared layer, and psum additions instead.
      expect(sim.counts.sharing!.psumAdds, layer.name).toBeGreaterThan(0);
      expect(simulateLayer(layer, unbounded(eyeriss), m).stats.cycles, layer.name).toBe(
        computeCycles(layer, eyeriss, m, tileLayer(layer, m)),
      );
    });
  });

  it('an unshared layer has no sharing counts', () => {
    const layer = convLayer({ C: 2, M: 3, H: 4, W: 4, R: 2, S: 2 });
    const hw = withWeightSharing(makeHw({ rows: 4, cols: 4 }));
    expect(simulateLayer(layer, hw, mapping({ e: 3 })).counts.sharing).toBeUndefined();
  });
});

describe('a shared layer counted by hand', () => {
  // M = 4 filters of one channel, 1 x 3 rows (S = 3), on a 1 x 5 input: F = 3 outputs each, E = 1.
  // Rows name centroids [0, 0, 1, 0]: filters 0, 1 and 3 share centroid 0. p = 4: one PE holds all four.
  const plain = convLayer({ C: 1, M: 4, H: 1, W: 5, R: 1, S: 3 });
  const layer: Layer = { ...plain, sharing: { k: 2, indexBits: 1, index: Uint32Array.from([0, 0, 1, 0]) } };
  const m = mapping({ e: 1, p: 4 });
  const hw = (bypass: HardwareSpec['glb']['bypass'], codebookLocation: 'codebookRf' | 'filterSpad') =>
    withWeightSharing(makeHw({ rows: 1, cols: 1, wordBits: 16, bypass, filterWords: 7, ifmapWords: 3, psumWords: 4 }), {
      codebookLocation,
      codebookRfWords: 6,
      maxIndexBits: 1,
    });

  it('runs 2 distinct 1-D convs and reuses 2, moving 4 one-bit indices and a 2-centroid codebook', () => {
    const h = hw([], 'codebookRf');
    expect([layer.E, layer.F]).toEqual([1, 3]);
    expect(checkPass(layer, h, m)).toBeNull();
    expect(checkGlb(layer, h, tileLayer(layer, m))).toBeNull();
    const { counts, stats } = simulateLayer(layer, unbounded(h), m);
    // MACs: 2 distinct centroids x F = 3 outputs x S = 3 taps = 18 (unshared: 4 x 3 x 3 = 36).
    expect(counts.macs).toBe(18);
    // Each MAC reads its weight through the codebook: 18 look-ups; 2 reused convs x F = 3 psum additions = 6.
    expect(counts.sharing).toEqual({ codebookLookups: 18, psumAdds: 6 });
    // One fetch of the PE's rows: 4 indices x 1 bit / 16 = 0.25 words + 2 centroids x 3 = 6 words = 6.25,
    // read from DRAM into the GLB, out of the GLB, over the bus to the one PE, into its filter spad.
    for (const filterWords of [
      counts.dram.reads.filter,
      counts.glb.writes.filter,
      counts.glb.reads.filter,
      counts.noc.filter,
      counts.rf.writes.filter,
    ]) {
      expect(filterWords).toBe(6.25);
    }
    // Each of the 4 indices is read once per (image, ofmap row): 4 filter spad reads.
    expect(counts.rf.reads.filter).toBe(4);
    // Psum spad: 18 MAC read-modify-writes + 6 additions (read + write each); 4 x 3 = 12 outputs leave the PE.
    expect(counts.rf.reads.psum).toBe(18 + 6 + 12);
    expect(counts.rf.writes.psum).toBe(18 + 6);
    // The ifmap row (5 words) is read by every MAC; psums: 12 outputs written once, no re-entry.
    expect(counts.rf.reads.ifmap).toBe(18);
    expect([counts.dram.reads.ifmap, counts.noc.ifmap, counts.noc.psum, counts.dram.writes.psum]).toEqual([5, 5, 12, 12]);
    // One PE, one pass: 18 MAC cycles + 6 addition cycles (pipeline depth 1 adds none).
    expect(stats.cycles).toBe(24);
    expect(stats.passes).toBe(1);
  });

  it('without row-level reuse runs every row: 4 x 3 x 3 = 36 MACs and look-ups, no additions, 36 cycles', () => {
    const h = hw([], 'codebookRf');
    const off = { ...h, weightSharing: { ...h.weightSharing, rowReuse: false } };
    const { counts, stats } = simulateLayer(layer, unbounded(off), m);
    expect(counts.macs).toBe(36);
    expect(counts.sharing).toEqual({ codebookLookups: 36, psumAdds: 0 });
    expect([counts.rf.reads.psum, counts.rf.writes.psum, counts.rf.reads.filter]).toEqual([36 + 12, 36, 4]);
    expect([counts.dram.reads.filter, counts.noc.filter]).toEqual([6.25, 6.25]);
    expect(stats.cycles).toBe(36);
  });

  it('bypassing the GLB moves the same 6.25 words straight from DRAM', () => {
    const { counts } = simulateLayer(layer, hw(['filter'], 'codebookRf'), m);
    expect([counts.dram.reads.filter, counts.glb.writes.filter, counts.glb.reads.filter, counts.noc.filter]).toEqual([6.25, 0, 0, 6.25]);
  });

  it('a codebook resident in the GLB (6 words) is loaded once and serves the PE', () => {
    const h = hw(['filter'], 'codebookRf');
    const resident = { ...layer, sharing: { ...layer.sharing!, execution: { decodeAt: 'pe', codebook: 'resident' } as const } };
    const { counts } = simulateLayer(resident, h, m);
    // DRAM: the 0.25 index words (filters bypass the GLB) + the 6-word codebook, once; the GLB serves the PE's 6.
    expect([counts.dram.reads.filter, counts.glb.writes.filter, counts.glb.reads.filter, counts.noc.filter]).toEqual([6.25, 6, 6, 6.25]);
    expect(simulateLayer(layer, h, m).counts.glb.reads.filter).toBe(0);
  });

  it('decoded at the GLB: the 0.25 index words come from DRAM, each of the 12 weights is one read of the resident codebook', () => {
    // The PE holds the 12 decoded weights: its filter spad must take them.
    const h = hw(['filter'], 'codebookRf');
    const wide = { ...h, rf: { ...h.rf, filterWords: 12 } };
    const atGlb = { ...layer, sharing: { ...layer.sharing!, execution: { decodeAt: 'glb', codebook: 'resident' } as const } };
    const { counts, stats } = simulateLayer(atGlb, wide, m);
    // 4 filters x 1 channel x 3 weights = 12 decoded words reach the PE; the codebook (6 words) is loaded once.
    expect([counts.dram.reads.filter, counts.glb.writes.filter, counts.glb.reads.filter, counts.noc.filter]).toEqual([6.25, 6, 12, 12]);
    // The PE computes dense: 4 filters x 3 outputs x 3 taps = 36 MACs, no additions, no look-ups, 36 MAC cycles at least.
    expect([counts.macs, counts.sharing?.psumAdds, counts.sharing?.codebookLookups]).toEqual([36, 0, 0]);
    expect(stats.cycles).toBeGreaterThanOrEqual(36);
  });

  it('the PE needs ceil(0.25) = 1 index word + 6 centroid words: 7 in the filter spad, or 1 there and 6 in the codebook RF', () => {
    const tight = hw([], 'filterSpad');
    expect(() => simulateLayer(layer, tight, m)).not.toThrow();
    const short = { ...tight, rf: { ...tight.rf, filterWords: 6 } };
    expect(checkPass(layer, short, m)).not.toBeNull();
    expect(() => simulateLayer(layer, short, m)).toThrow(/spad overflow/);
    const rf = hw([], 'codebookRf');
    const rfShort = { ...rf, rf: { ...rf.rf, filterWords: 1 }, weightSharing: { ...rf.weightSharing, codebookRfWords: 5 } };
    expect(() => simulateLayer(layer, rfShort, m)).toThrow(/spad overflow/);
    expect(() => simulateLayer(layer, { ...rfShort, weightSharing: { ...rfShort.weightSharing, codebookRfWords: 6 } }, m)).not.toThrow();
    const narrow = { ...rf, weightSharing: { ...rf.weightSharing, maxIndexBits: 0 } };
    expect(() => simulateLayer(layer, narrow, m)).toThrow(/index overflow/);
  });
});

describe('shared layers: the simulator refuses exactly the PE spads legality refuses', () => {
  it('random filter spad, codebook RF and index width limits', () => {
    // Limits in 1/16ths of what the scenario was grown to (which fits, within a factor 2): both sides of the edge.
    const limits = fc.record({ filter: fc.nat({ max: 32 }), codebook: fc.nat({ max: 32 }), bits: fc.integer({ min: -1, max: 1 }) });
    fc.assert(
      fc.property(sharedScenarioArb(), limits, (s, l) => {
        const ws = s.hw.weightSharing;
        const hw: HardwareSpec = {
          ...s.hw,
          rf: { ...s.hw.rf, filterWords: Math.floor((s.hw.rf.filterWords * l.filter) / 16) },
          weightSharing: {
            ...ws,
            codebookRfWords: Math.floor((ws.codebookRfWords * l.codebook) / 16),
            maxIndexBits: s.layer.sharing!.indexBits + l.bits,
          },
        };
        const legal = checkPass(s.layer, hw, s.m) === null;
        const run = () => simulateLayer(s.layer, hw, s.m);
        if (legal) expect(run, describeShared(s)).not.toThrow();
        else expect(run, describeShared(s)).toThrow(/spad overflow|index overflow/);
      }),
      { numRuns: 300 },
    );
  });
});
