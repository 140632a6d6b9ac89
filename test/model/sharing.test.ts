// Shared layers (Deep k-Means) in the analytical model, worked out on paper from the conventions in
// src/model/accessCounts.ts and src/model/sharingStats.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPass } from '../../src/mapping/legality.js';
import { searchMapping } from '../../src/search/search.js';
import { countAccesses, tileLayer } from '../../src/model/accessCounts.js';
import { computeCycles } from '../../src/model/cycles.js';
import { energyOf } from '../../src/model/energy.js';
import { sharingStats } from '../../src/mapping/sharingStats.js';
import type { Layer } from '../../src/workload/layer.js';
import { checkSharing, fixedIndexBits } from '../../src/workload/sharedRows.js';
import { convLayer, makeHw, mapping } from './arbitraries.js';
import { referenceSharingStats } from './referenceSharingStats.js';

const shared = (layer: Layer, index: number[], k = Math.max(...index) + 1): Layer => ({
  ...layer,
  sharing: { k, indexBits: fixedIndexBits(k), index: Uint32Array.from(index) },
});

const rowsOf = (l: Layer) => l.M * (l.C / l.groups) * l.R;

describe('a 4-filter 1x3 layer whose rows name centroids [0, 0, 1, 0], all in one PE (p = 4)', () => {
  // C = 1, R = 1, S = 3, 1 x 5 input -> E = 1, F = 3. One PE holds the 4 filters' rows for channel 0:
  // distinct centroids 2, so it runs 2 1-D convs (2 x F x S = 18 MACs) and adds the shared conv's F = 3
  // outputs into 2 more filters' psums (2 x 3 = 6 additions). Its codebook: 2 centroids x S = 6 words;
  // its indices: 4 rows x 1 bit (k = 2) = 4/16 of a 16-bit word.
  const layer = shared(convLayer({ C: 1, M: 4, H: 1, W: 5, R: 1, S: 3 }), [0, 0, 1, 0]);
  const hw = makeHw({ rows: 1, cols: 1 });
  const m = mapping({ p: 4 });

  it('runs 18 MACs, 6 psum additions, 18 look-ups and 4 index reads', () => {
    expect(checkPass(layer, hw, m)).toBeNull();
    const c = countAccesses(layer, hw, m);
    expect(c.macs).toBe(18);
    expect(c.sharing).toEqual({ codebookLookups: 18, psumAdds: 6 });
    expect(c.rf.reads.filter).toBe(4);
    expect(c.rf.reads.ifmap).toBe(18);
    // psum spad: every MAC and every addition reads and writes a psum; 12 ofmap words leave (4 filters x F).
    expect(c.rf.reads.psum).toBe(18 + 6 + 12);
    expect(c.rf.writes.psum).toBe(18 + 6);
  });

  it('moves indices and the codebook instead of 12 weights: 4/16 + 6 = 6.25 filter words', () => {
    const c = countAccesses(layer, hw, m);
    expect(c.dram.reads.filter).toBe(6.25);
    expect(c.glb.reads.filter).toBe(6.25);
    expect(c.noc.filter).toBe(6.25);
    expect(c.rf.writes.filter).toBe(6.25);
  });

  it('takes 3 x (2 x 3 + 2) = 24 cycles: F outputs x (S per distinct centroid + 1 per reused row)', () => {
    expect(computeCycles(layer, hw, m, tileLayer(layer, m))).toBe(24);
  });

  it('without row-level reuse runs all 4 1-D convs: 36 MACs, 36 look-ups, no additions, 36 cycles; moves the same words', () => {
    const off = makeHw({ rows: 1, cols: 1, rowReuse: false });
    const c = countAccesses(layer, off, m);
    // 4 rows x F = 3 outputs x S = 3 taps = 36 MACs, each reading its weight through the codebook.
    expect(c.macs).toBe(36);
    expect(c.sharing).toEqual({ codebookLookups: 36, psumAdds: 0 });
    // The 4 indices are still read once per (image, ofmap row); psum spad: 36 read-modify-writes, 12 outputs leave.
    expect(c.rf.reads.filter).toBe(4);
    expect([c.rf.reads.psum, c.rf.writes.psum, c.rf.reads.ifmap]).toEqual([36 + 12, 36, 36]);
    // Data movement does not depend on the reuse: 6.25 filter words as above.
    expect([c.dram.reads.filter, c.glb.reads.filter, c.noc.filter, c.rf.writes.filter]).toEqual([6.25, 6.25, 6.25, 6.25]);
    // One PE, 4 rows x 3 taps for each of the F = 3 outputs.
    expect(computeCycles(layer, off, m, tileLayer(layer, m))).toBe(36);
  });

  it('prices look-ups with the spads and additions with the MACs', () => {
    const c = countAccesses(layer, hw, m);
    const plain = countAccesses({ ...layer, sharing: undefined }, hw, m);
    const e = energyOf(c, hw.energy);
    // makeHw: MAC 1, psum addition 0.125, look-up 1 (like an RF read).
    expect(e.mac).toBe(18 + 6 * 0.125);
    expect(energyOf(plain, hw.energy).mac).toBe(36);
    const rf = c.rf;
    const spadAccesses = rf.reads.ifmap + rf.reads.filter + rf.reads.psum + rf.writes.ifmap + rf.writes.filter + rf.writes.psum;
    expect(e.rf).toBe(spadAccesses + 18);
  });
});

describe('sharing statistics', () => {
  // M = 4 filters, C = 2 channels, R = 2 rows; index of row (m, c, r) at (m * 2 + c) * 2 + r.
  const layer = convLayer({ C: 2, M: 4, H: 4, W: 4, R: 2, S: 2 });
  const index = [
    0, 1, /* m0 c0 r0,r1 */ 2, 3 /* m0 c1 */, 0, 1, /* m1 c0 */ 2, 0 /* m1 c1 */, 4, 1, /* m2 c0 */ 2, 3 /* m2 c1 */, 0, 5, /* m3 c0 */ 6,
    3 /* m3 c1 */,
  ];
  const sharing = { k: 7, indexBits: 3, index: Uint32Array.from(index) };

  it('count distinct centroids per (filter slice, channel, row) and per PE', () => {
    // p = 2, q = 2: slices {m0, m1}, {m2, m3} x one channel slice {c0, c1}.
    // slice {m0,m1}: (c0,r0) {0} 1, (c0,r1) {1} 1, (c1,r0) {2} 1, (c1,r1) {3,0} 2 -> 5 1-D convs
    // slice {m2,m3}: (c0,r0) {4,0} 2, (c0,r1) {1,5} 2, (c1,r0) {2,6} 2, (c1,r1) {3} 1 -> 7
    // PE codebooks (filter row r over both channels): {m0,m1} r0 {0,2} 2, r1 {1,3,0} 3; {m2,m3} r0 {4,2,0,6} 4,
    // r1 {1,3,5} 3 -> 12 rows, at most 4.
    const s = sharingStats(layer, sharing, 2, 2, true);
    expect(s.oneDConvs).toBe(12);
    expect(s.reusedRows).toBe(16 - 12);
    expect(s.codebookRows).toBe(12);
    expect(s.maxCodebookRows).toBe(4);
    // Busiest row per slice, per ofmap row and image: {m0,m1}: r0 (1*2+1)+(1*2+1) = 6, r1 (2+1)+(2*2) = 7;
    // {m2,m3}: r0 4+4 = 8, r1 4+(2+1) = 7.
    expect([...s.sliceCycles]).toEqual([7, 8]);
  });

  it('without row-level reuse every row is its own 1-D conv; the PE codebooks do not change', () => {
    const s = sharingStats(layer, sharing, 2, 2, false);
    expect([s.oneDConvs, s.reusedRows, s.codebookRows, s.maxCodebookRows]).toEqual([16, 0, 12, 4]);
    // Every row of a slice takes S = 2 cycles: 2 filters x 2 channels x 2 = 8 per slice.
    expect([...s.sliceCycles]).toEqual([8, 8]);
    // p = 3, q = 1: filter slices {m0, m1, m2} and {m3}; 3 x 1 x 2 = 6 and 1 x 1 x 2 = 2 per channel slice.
    expect([...sharingStats(layer, sharing, 3, 1, false).sliceCycles]).toEqual([6, 6, 2, 2]);
  });

  it('with p = 1 nothing is reused and every PE needs one centroid per channel', () => {
    const s = sharingStats(layer, sharing, 1, 1, true);
    expect(s.oneDConvs).toBe(16);
    expect(s.codebookRows).toBe(16);
  });
});

describe('sharing statistics against the plain count, PE slice by PE slice', () => {
  it('equal on random grouped layers, indices (few or many centroids) and PE shapes, asked in any order', () => {
    const scenario = fc.record({
      groups: fc.integer({ min: 1, max: 3 }),
      Mg: fc.integer({ min: 1, max: 9 }),
      Cg: fc.integer({ min: 1, max: 7 }),
      R: fc.integer({ min: 1, max: 3 }),
      S: fc.integer({ min: 1, max: 4 }),
      k: fc.integer({ min: 1, max: 40 }),
      seed: fc.nat(),
      shapes: fc.array(fc.record({ p: fc.integer({ min: 1, max: 10 }), q: fc.integer({ min: 1, max: 8 }) }), {
        minLength: 1,
        maxLength: 6,
      }),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        const layer = convLayer({ M: s.Mg * s.groups, C: s.Cg * s.groups, H: s.R + 2, W: s.S + 2, R: s.R, S: s.S, groups: s.groups });
        const rows = rowsOf(layer);
        let x = s.seed;
        const k = Math.min(s.k, rows);
        const sharing = {
          k,
          indexBits: fixedIndexBits(k),
          index: Uint32Array.from({ length: rows }, () => (x = (x * 1103515245 + 12345) % 2147483648) % k),
        };
        for (const { p, q } of s.shapes) {
          const pp = Math.min(p, s.Mg);
          const qq = Math.min(q, s.Cg);
          const got = sharingStats(layer, sharing, pp, qq, true);
          const want = referenceSharingStats(layer, sharing, pp, qq);
          expect({
            oneDConvs: got.oneDConvs,
            codebookRows: got.codebookRows,
            maxCodebookRows: got.maxCodebookRows,
            sliceCycles: [...got.sliceCycles],
          }).toEqual(want);
          expect(got.reusedRows).toBe(rows - want.oneDConvs);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('shared layers against the uncompressed model', () => {
  const scenario = fc.record({
    M: fc.integer({ min: 1, max: 8 }),
    C: fc.integer({ min: 1, max: 4 }),
    R: fc.integer({ min: 1, max: 3 }),
    S: fc.integer({ min: 1, max: 3 }),
    p: fc.integer({ min: 1, max: 8 }),
    q: fc.integer({ min: 1, max: 4 }),
    k: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 0, max: 1 << 30 }),
  });
  const layerOf = (s: { M: number; C: number; R: number; S: number }) =>
    convLayer({ M: s.M, C: s.C, H: s.R + 3, W: s.S + 3, R: s.R, S: s.S }, 2);

  it('one centroid per row (k = rows) does every MAC and moves every row plus its index', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plain = layerOf(s);
        const rows = rowsOf(plain);
        const layer = shared(
          plain,
          Array.from({ length: rows }, (_, i) => i),
        );
        const m = mapping({ p: Math.min(s.p, s.M), q: Math.min(s.q, s.C) });
        const a = countAccesses(layer, makeHw(), m);
        const b = countAccesses(plain, makeHw(), m);
        expect(a.macs).toBe(b.macs);
        expect(a.sharing!.psumAdds).toBe(0);
        expect(a.rf.reads.psum).toBe(b.rf.reads.psum);
        expect(a.noc.ifmap).toBe(b.noc.ifmap);
        expect(a.dram.reads.filter).toBeCloseTo(b.dram.reads.filter * (1 + fixedIndexBits(rows) / (16 * s.S)), 9);
        expect(computeCycles(layer, makeHw(), m, tileLayer(layer, m))).toBe(computeCycles(plain, makeHw(), m, tileLayer(plain, m)));
      }),
      { numRuns: 100 },
    );
  });

  it('every MAC not done is S MACs traded for one psum addition per output, and the pass never gets longer', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const plain = layerOf(s);
        let x = s.seed;
        const index = Array.from({ length: rowsOf(plain) }, () => (x = (x * 1103515245 + 12345) % 2147483648) % s.k);
        const layer = shared(plain, index, s.k);
        checkSharing(layer, layer.sharing!);
        const m = mapping({ p: Math.min(s.p, s.M), q: Math.min(s.q, s.C) });
        const a = countAccesses(layer, makeHw(), m);
        const b = countAccesses(plain, makeHw(), m);
        const saved = b.macs - a.macs;
        expect(saved).toBeGreaterThanOrEqual(0);
        expect(saved).toBe(a.sharing!.psumAdds * s.S);
        expect(computeCycles(layer, makeHw(), m, tileLayer(layer, m))).toBeLessThanOrEqual(
          computeCycles(plain, makeHw(), m, tileLayer(plain, m)),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('shared layers without row-level reuse compute as the dense layer', () => {
  it('the same MACs, psum spad accesses and compute cycles as the unshared layer, and look-ups for every MAC', () => {
    const scenario = fc.record({
      M: fc.integer({ min: 1, max: 8 }),
      C: fc.integer({ min: 1, max: 4 }),
      R: fc.integer({ min: 1, max: 3 }),
      S: fc.integer({ min: 1, max: 3 }),
      p: fc.integer({ min: 1, max: 8 }),
      q: fc.integer({ min: 1, max: 4 }),
      k: fc.integer({ min: 1, max: 3 }),
      seed: fc.nat(),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        const plain = convLayer({ M: s.M, C: s.C, H: s.R + 3, W: s.S + 3, R: s.R, S: s.S }, 2);
        let x = s.seed;
        const layer = shared(
          plain,
          Array.from({ length: rowsOf(plain) }, () => (x = (x * 1103515245 + 12345) % 2147483648) % s.k),
          s.k,
        );
        const m = mapping({ p: Math.min(s.p, s.M), q: Math.min(s.q, s.C) });
        const off = makeHw({ rowReuse: false });
        const a = countAccesses(layer, off, m);
        const b = countAccesses(plain, off, m);
        expect(a.macs).toBe(b.macs);
        expect(a.sharing).toEqual({ codebookLookups: b.macs, psumAdds: 0 });
        expect([a.rf.reads.psum, a.rf.writes.psum, a.rf.reads.ifmap]).toEqual([b.rf.reads.psum, b.rf.writes.psum, b.rf.reads.ifmap]);
        expect(computeCycles(layer, off, m, tileLayer(layer, m))).toBe(computeCycles(plain, off, m, tileLayer(plain, m)));
        // The words moved are those of the same layer with reuse.
        const on = countAccesses(layer, makeHw(), m);
        expect([a.dram, a.glb, a.noc]).toEqual([on.dram, on.glb, on.noc]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('mapping shared layers', () => {
  const plain = convLayer({ C: 8, M: 16, H: 6, W: 6, R: 3, S: 3 });
  const rows = rowsOf(plain);
  const layer = shared(
    plain,
    Array.from({ length: rows }, (_, i) => i % 40),
  );

  it('packs more filters into the filter spad: eight 6-bit indices fit in 9 words, eight 3-word rows do not', () => {
    const hw = makeHw({ filterWords: 9 });
    const m = mapping({ p: 8, q: 1 });
    expect(checkPass(plain, hw, m)).toMatch(/rf.filterWords/);
    expect(checkPass(layer, makeHw({ filterWords: 9, codebookRfWords: 1024 }), m)).toBeNull();
  });

  it('keeps every PE codebook within the codebook RF, naming the field when it cannot', () => {
    const hw = makeHw({ codebookRfWords: 6 });
    expect(checkPass(layer, hw, mapping({ p: 4 }))).toMatch(/weightSharing.codebookRfWords/);
    const best = searchMapping(layer, hw, 'energy').best.mapping;
    expect(sharingStats(layer, layer.sharing!, best.p, best.q, true).maxCodebookRows * 3).toBeLessThanOrEqual(6);
  });

  it('with the codebook in the filter spad, indices and centroids share its words', () => {
    const hw = makeHw({ filterWords: 12, codebookLocation: 'filterSpad' });
    // p = 2, q = 1: 2 rows -> 2 distinct centroids x 3 = 6 words + ceil(2 x 6 / 16) = 1 word of indices.
    expect(checkPass(layer, hw, mapping({ p: 2 }))).toBeNull();
    // p = 4: 4 centroids x 3 = 12 words + 1 word of indices > 12.
    expect(checkPass(layer, hw, mapping({ p: 4 }))).toMatch(/rf.filterWords/);
  });
});

describe('a codebook kept whole in the GLB', () => {
  // 4 filters x 2 channels of 1x3 rows, k = 2; rows (m, c): m0 [0, 0], m1 [0, 1], m2 [1, 0], m3 [0, 0].
  // p = 4, q = 1: one PE per channel slice, 2 centroids each. 2 images, N outermost, then C: the rows are
  // fetched once per image. One fetch of all rows: 8 one-bit indices = 0.5 words, codebooks 2 x 2 x S = 12.
  const layer = shared(convLayer({ C: 2, M: 4, H: 1, W: 5, R: 1, S: 3 }, 2), [0, 0, 0, 1, 1, 0, 0, 0]);
  const resident = { ...layer, sharing: { ...layer.sharing!, execution: { decodeAt: 'pe', codebook: 'resident' } as const } };
  const m = mapping({ p: 4 });
  const hw = makeHw({ rows: 1, cols: 1, bypass: ['filter'] });

  it('streams the PE codebooks from DRAM with the indices when it is not resident: 2 x 12.5 words', () => {
    const c = countAccesses(layer, hw, m);
    expect(c.dram.reads.filter).toBe(25);
    expect(c.glb.reads.filter).toBe(0);
    expect(c.noc.filter).toBe(25);
  });

  it('loads it once (6 words) and serves the PE codebooks from the GLB when it is resident', () => {
    const c = countAccesses(resident, hw, m);
    expect(c.dram.reads.filter).toBe(2 * 0.5 + 6);
    expect(c.glb.writes.filter).toBe(6);
    expect(c.glb.reads.filter).toBe(2 * 12);
    expect(c.noc.filter).toBe(25);
  });
});
