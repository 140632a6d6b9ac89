// Access counts of tiny layers worked out on paper from the conventions in src/model/accessCounts.ts:
// - every MAC reads one filter and one ifmap word from the spads and read-modify-writes its psum (1 read + 1 write);
// - a word delivered to k PEs is k NoC transfers and k spad writes;
// - psums move up a PE column one hop at a time (1 spad read + 1 NoC transfer + 1 spad write per hop), leave the
//   array from the top PE (1 spad read + 1 NoC transfer) and re-enter at the bottom PE when accumulation resumes
//   (1 NoC transfer + 1 spad write);
// - padding is generated inside the PEs and never moved; a bypassed type moves DRAM <-> array directly.
// PE (i, j) of a set holds filter row i and computes ofmap row j of the strip, so it needs ifmap row
// U*j + i - pad (U = stride).
import { describe, expect, it } from 'vitest';
import type { HardwareSpec } from '../../src/hw/spec.js';
import { checkGlb, checkPass } from '../../src/mapping/legality.js';
import type { RsMapping } from '../../src/mapping/rsMapping.js';
import { countAccesses, tileLayer } from '../../src/model/accessCounts.js';
import { evaluateMapping } from '../../src/model/evaluate.js';
import type { AccessCounts } from '../../src/model/result.js';
import type { Layer } from '../../src/workload/layer.js';
import { convLayer, makeHw, mapping } from './arbitraries.js';

function legalCounts(layer: Layer, hw: HardwareSpec, m: RsMapping): AccessCounts {
  expect(checkPass(layer, hw, m)).toBeNull();
  expect(checkGlb(layer, hw, tileLayer(layer, m))).toBeNull();
  return countAccesses(layer, hw, m);
}

const per = (ifmap: number, filter: number, psum: number) => ({ ifmap, filter, psum });

describe('case A: 1x1x4x4 input, one 3x3 filter, stride 1, no padding (E = F = 2) on a 3x2 array', () => {
  const layer = convLayer({ C: 1, M: 1, H: 4, W: 4, R: 3, S: 3 });
  const hw = makeHw({ rows: 3, cols: 2 });
  const m = mapping({ e: 2 }); // one set of R x e = 3 x 2 PEs: the whole array, the whole layer in one pass

  // MACs: E*F*R*S = 2*2*3*3 = 36.
  // filter: 9 words DRAM -> GLB (9 writes) -> read once (9 reads) -> filter row i multicast to the 2 PEs of
  //   PE row i: 9 * 2 = 18 NoC transfers = 18 spad writes.
  // ifmap: 16 words DRAM -> GLB (16 writes), streamed once (16 GLB reads = 4 rows x 4 cols).
  //   PE (i, j) needs ifmap row j + i: (0,0) r0, (1,0) r1, (2,0) r2, (0,1) r1, (1,1) r2, (2,1) r3:
  //   6 row deliveries x 4 words = 24 NoC transfers = 24 spad writes.
  // psum: each column is a chain of 3 PEs: 2 hops x F=2 values x 2 columns = 8 hops; 4 ofmap words leave the
  //   top PEs; no re-entry (one pass over C).
  //   NoC psum = 8 + 4 = 12; spad psum reads = 36 (MACs) + 8 (hops) + 4 (leaving) = 48,
  //   spad psum writes = 36 + 8 + 0 = 44. GLB: 4 writes (from the array), 4 reads (to DRAM). DRAM: 4 writes.
  const expected: AccessCounts = {
    macs: 36,
    dram: { reads: per(16, 9, 0), writes: per(0, 0, 4) },
    glb: { reads: per(16, 9, 4), writes: per(16, 9, 4) },
    noc: per(24, 18, 12),
    rf: { reads: per(36, 36, 48), writes: per(24, 18, 44) },
  };

  it('counts every level by hand, whatever the loop orders (every loop runs once)', () => {
    expect(legalCounts(layer, hw, m)).toEqual(expected);
    expect(legalCounts(layer, hw, mapping({ e: 2 }, {}, ['E', 'C', 'M', 'N'], ['C', 'E', 'N', 'M']))).toEqual(expected);
    expect(legalCounts(layer, hw, mapping({ e: 2 }, { N: 5, M: 5, C: 5, E: 5 }, ['M', 'N', 'E', 'C']))).toEqual(expected);
  });

  it("energy with the ISCA'16 table (MAC 1, RF 1, NoC 2, GLB 6, DRAM 200) is 6498", () => {
    // mac 36; rf (36+36+48) + (24+18+44) = 206; noc (24+18+12)*2 = 108; glb (29+29)*6 = 348;
    // dram (16+9+0 + 4)*200 = 5800; total 36+206+108+348+5800 = 6498.
    const en = evaluateMapping(layer, hw, m).energy;
    expect(en).toEqual({ mac: 36, rf: 206, noc: 108, glb: 348, dram: 5800, total: 6498 });
  });

  it('cycles: 6 compute cycles (each PE does F*S = 2*3 MACs) after the fills, or the slowest bandwidth', () => {
    // Nothing loads ahead: the array waits while the 16 ifmap and 9 filter words fill the GLB, through its
    // 4 banks x 4 words/cycle (DRAM moves 1000): 25 / 16 cycles. Then one pass of 6 compute cycles, which
    // also fetches the filter rows: 9 words over the 4-word filter bus, 2.25 cycles, within the 6.
    const fast = evaluateMapping(layer, hw, m).cycles;
    expect([fast.cycles, fast.bound, fast.computeCycles, fast.exposedFillCycles, fast.fetchWaitCycles]).toEqual([
      Math.ceil(6 + 25 / 16),
      'compute',
      6,
      25 / 16,
      0,
    ]);
    // DRAM at 1 word/cycle: the same fills take 25 cycles: 6 + 25 = 31, above the DRAM bound of 29 words
    // (25 reads + 4 writes).
    const slowDram = evaluateMapping(layer, makeHw({ rows: 3, cols: 2, dramWordsPerCycle: 1 }), m).cycles;
    expect([slowDram.cycles, slowDram.bound, slowDram.dramCycles]).toEqual([31, 'dram', 29]);
    // No multicast and 1 NoC word/cycle: the ifmap bus carries every delivery, 24 cycles; the pass waits for
    // its 18 filter deliveries 18 - 6 = 12 cycles beyond its compute, which is the larger part of the
    // 24-cycle pass: 24 + 25 / 16 -> 26, set by a bus.
    const unicast = evaluateMapping(layer, makeHw({ rows: 3, cols: 2, multicast: false, nocWordsPerCycle: 1 }), m).cycles;
    expect([unicast.cycles, unicast.bound, unicast.nocCycles, unicast.fetchWaitCycles]).toEqual([26, 'noc', 24, 12]);
  });

  it('bypassing every type moves the same words straight between DRAM and the array', () => {
    // ifmap streamed once from DRAM (16), filter fetched once (9), 4 ofmap words written; GLB untouched;
    // NoC and spads unchanged.
    const all = legalCounts(layer, makeHw({ rows: 3, cols: 2, bypass: ['ifmap', 'filter', 'psum'] }), m);
    expect(all).toEqual({ ...expected, glb: { reads: per(0, 0, 0), writes: per(0, 0, 0) } });
  });
});

describe('case B: padding and stride', () => {
  it('5x5 input, 3x3 filter, pad 1, stride 2 (E = F = 3) on a 3x3 array: padding rows are never moved', () => {
    const layer = convLayer({ C: 1, M: 1, H: 5, W: 5, R: 3, S: 3, padding: 1, stride: 2 });
    expect([layer.E, layer.F]).toEqual([3, 3]);
    const hw = makeHw({ rows: 3, cols: 3 });
    // PE (i, j) needs ifmap row 2j + i - 1:
    //   j=0: i=0 -> -1 (padding), i=1 -> 0, i=2 -> 1
    //   j=1: i=0 -> 1, i=1 -> 2, i=2 -> 3
    //   j=2: i=0 -> 3, i=1 -> 4, i=2 -> 5 (padding)
    // 7 real deliveries. Columns: outputs f = 0,1,2 read cols 2f-1 .. 2f+1 = -1..5 -> real cols 0..4 (5 words),
    // so NoC ifmap = 7 * 5 = 35. Real rows read: 0..4 -> 25 words from DRAM, 25 GLB writes, 25 GLB reads.
    // MACs (padding positions included): 3*3*3*3 = 81. Filter: 9 words, to 3 columns: 27 transfers.
    // psum: 9 outputs, 2 hops each = 18 hops, 9 leave: NoC 27; spad reads 81 + 18 + 9 = 108, writes 81 + 18 = 99.
    expect(legalCounts(layer, hw, mapping({ e: 3 }))).toEqual({
      macs: 81,
      dram: { reads: per(25, 9, 0), writes: per(0, 0, 9) },
      glb: { reads: per(25, 9, 9), writes: per(25, 9, 9) },
      noc: per(35, 27, 27),
      rf: { reads: per(81, 81, 108), writes: per(35, 27, 99) },
    });
  });

  it('8x8 input, 2x2 filter, stride 3 > kernel (E = F = 3): rows and columns 2 and 5 are never read', () => {
    const layer = convLayer({ C: 1, M: 1, H: 8, W: 8, R: 2, S: 2, stride: 3 });
    expect([layer.E, layer.F]).toEqual([3, 3]);
    const hw = makeHw({ rows: 2, cols: 3 });
    // rows read: 0,1 | 3,4 | 6,7 -> 6 rows; same 6 columns -> 36 of the 64 words come from DRAM.
    // PE (i, j) gets row 3j + i: 6 deliveries of 6 words = 36 NoC transfers.
    // MACs 3*3*2*2 = 36; filter 4 words to 3 columns = 12; psum: 9 outputs x 1 hop + 9 leaving = 18 NoC,
    // spad reads 36 + 9 + 9 = 54, writes 36 + 9 = 45.
    expect(legalCounts(layer, hw, mapping({ e: 3 }))).toEqual({
      macs: 36,
      dram: { reads: per(36, 4, 0), writes: per(0, 0, 9) },
      glb: { reads: per(36, 4, 9), writes: per(36, 4, 9) },
      noc: per(36, 12, 18),
      rf: { reads: per(36, 36, 54), writes: per(36, 12, 45) },
    });
  });
});

describe('case C: C = 2 split over two passes (q = 1, r = 1), psums re-enter the array once', () => {
  const layer = convLayer({ C: 2, M: 1, H: 4, W: 4, R: 3, S: 3 });
  const hw = makeHw({ rows: 3, cols: 2 });
  // Each pass is case A on one channel. MACs 2*36 = 72; ifmap 2*16 = 32 DRAM/GLB words, 2*24 = 48 NoC;
  // filter 2*9 = 18 words, 36 NoC.
  // psum: pass 1 (c=0): 8 hops, 4 words leave -> GLB (4 writes).
  //       pass 2 (c=1): the 4 psums are read from the GLB (4 reads) and re-enter at the bottom PEs (4 NoC,
  //       4 spad writes), 8 hops, 4 words leave -> GLB (4 writes); finally 4 GLB reads -> DRAM (4 writes).
  //   GLB psum: 8 writes, 8 reads. NoC psum: 16 hops + 8 leaving + 4 re-entering = 28.
  //   spad psum reads 72 + 16 + 8 = 96; writes 72 + 16 + 4 = 92.
  const expected: AccessCounts = {
    macs: 72,
    dram: { reads: per(32, 18, 0), writes: per(0, 0, 4) },
    glb: { reads: per(32, 18, 8), writes: per(32, 18, 8) },
    noc: per(48, 36, 28),
    rf: { reads: per(72, 72, 96), writes: per(48, 36, 92) },
  };

  it('both channels in one GLB tile (GLB-level C loop)', () => {
    expect(legalCounts(layer, hw, mapping({ e: 2 }, { C: 2 }))).toEqual(expected);
  });

  it('one channel per GLB tile (DRAM-level C loop): the psum tile stays in the GLB, same counts', () => {
    expect(legalCounts(layer, hw, mapping({ e: 2 }, { C: 1 }))).toEqual(expected);
  });

  it('psums bypassing the GLB are parked in DRAM: 8 DRAM writes, 4 DRAM reads', () => {
    const bypass = makeHw({ rows: 3, cols: 2, bypass: ['psum'] });
    expect(legalCounts(layer, bypass, mapping({ e: 2 }, { C: 2 }))).toEqual({
      ...expected,
      dram: { reads: per(32, 18, 4), writes: per(0, 0, 8) },
      glb: { reads: per(32, 18, 0), writes: per(32, 18, 0) },
    });
  });
});

describe('case D: M and C split at the DRAM level; the DRAM loop order decides what is re-fetched', () => {
  // N=1, C=2, M=2, 4x4 input, 3x3 filters (E=F=2); p=t=q=r=1, one (filter, channel) pair per GLB tile:
  // 4 GLB tiles (m, c), each one pass of case A (36 MACs, 16 ifmap words streamed, 24 ifmap NoC, 8 hops, 4 out).
  const layer = convLayer({ C: 2, M: 2, H: 4, W: 4, R: 3, S: 3 });
  const hw = makeHw({ rows: 3, cols: 2 });
  // Common to both orders: MACs 144; filter 4 x 9 = 36 words fetched once (each (m, c) tile once), 72 NoC;
  // ifmap NoC 4 x 24 = 96, GLB ifmap reads 4 x 16 = 64; psum: 32 hops + 16 leaving + 8 re-entering (passes
  // with c = 1) = 56 NoC; spad psum reads 144 + 32 + 16 = 192, writes 144 + 32 + 8 = 184.
  const common = {
    macs: 144,
    noc: per(96, 72, 56),
    rf: { reads: per(144, 144, 192), writes: per(96, 72, 184) },
  };

  it('M outermost: the ifmap tile (channel c) changes every GLB tile, so each channel is fetched once per filter', () => {
    // order (m0,c0) (m0,c1) (m1,c0) (m1,c1): ifmap fills 4 x 16 = 64; the psum tile (m) stays across c: written
    // to DRAM once per m: 2 x 4 = 8 writes, no reads. GLB psum: 16 in from the array + 0 reloaded = 16 writes;
    // 8 re-entering + 8 to DRAM = 16 reads.
    expect(legalCounts(layer, hw, mapping({ e: 2 }, {}, ['M', 'C', 'N', 'E']))).toEqual({
      ...common,
      dram: { reads: per(64, 36, 0), writes: per(0, 0, 8) },
      glb: { reads: per(64, 36, 16), writes: per(64, 36, 16) },
    });
  });

  it('M innermost: each channel is fetched once, but psums spill to DRAM between channels', () => {
    // order (c0,m0) (c0,m1) (c1,m0) (c1,m1): ifmap fills 2 x 16 = 32; the psum tile (m) changes every GLB tile:
    // 4 residencies x 4 words = 16 DRAM writes, the 2 revisits at c=1 reload 8 words. GLB psum: 16 from the
    // array + 8 reloaded = 24 writes; 8 re-entering + 16 to DRAM = 24 reads.
    expect(legalCounts(layer, hw, mapping({ e: 2 }, {}, ['C', 'N', 'E', 'M']))).toEqual({
      ...common,
      dram: { reads: per(32, 36, 8), writes: per(0, 0, 16) },
      glb: { reads: per(64, 36, 24), writes: per(32, 36, 24) },
    });
  });
});

describe('case E: several groups per GLB tile (glbFactor.G = 2)', () => {
  // N=2 images, 2 groups of 1 channel -> 1 filter, 4x4 input, 3x3 filters, on a 3x2 array with g = 1: a pass
  // holds ONE group's filter (3 words per PE, the whole array). With glbFactor.G = 2 the GLB tile holds both
  // groups, so the G loop of the GLB level runs inside the DRAM loop over images:
  //   (n0,g0) (n0,g1) (n1,g0) (n1,g1) -> the filter spads are refilled every pass: 4 x 9 = 36 words read from
  //   the GLB, 72 NoC transfers (2 columns each). The header of rsMapping.ts says exactly this: "the group loop G
  //   is always outermost at both levels because every data type depends on it, so no order can reuse anything
  //   across groups" - so the N loop outside it cannot give filter reuse either.
  // With glbFactor.G = 1 the G loop is the outermost DRAM loop: (g0: n0, n1) (g1: n0, n1) -> each filter stays
  // in the spads for both images: 18 GLB reads, 36 NoC.
  const layer = convLayer({ C: 2, M: 2, groups: 2, H: 4, W: 4, R: 3, S: 3 }, 2);
  const hw = makeHw({ rows: 3, cols: 2 });

  it('one group per GLB tile: each filter is fetched once and reused across the images', () => {
    const c = legalCounts(layer, hw, mapping({ e: 2 }, { G: 1 }, ['N', 'M', 'C', 'E']));
    expect([c.glb.reads.filter, c.noc.filter, c.rf.writes.filter, c.dram.reads.filter]).toEqual([18, 36, 36, 18]);
  });

  // With glbFactor.G > 1 the GLB-level G loop iterates inside the DRAM N loop, so the filters are re-fetched
  // for every image: 36 GLB reads / 72 NoC (an earlier version ignored the G loop and reported 18 / 36).
  it('two groups per GLB tile: filters are re-fetched for every image (36 GLB reads, 72 NoC)', () => {
    const c = legalCounts(layer, hw, mapping({ e: 2 }, { G: 2 }, ['N', 'M', 'C', 'E']));
    expect(c.dram.reads.filter).toBe(18); // the GLB keeps both groups' filters for the whole layer
    expect([c.glb.reads.filter, c.noc.filter, c.rf.writes.filter]).toEqual([36, 72, 72]);
  });
});
