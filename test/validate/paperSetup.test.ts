// The paper's reference method (Eyeriss energy estimation, Yang et al. CVPR 2017) with the weights' bit-width
// as an input, worked out by hand on a small set of dense counts.
import { describe, expect, it } from 'vitest';
import type { AccessCounts } from '../../src/model/result.js';
import { paperSetupEnergy, weightAccesses } from '../../src/validate/paperSetup.js';
import { makeHw } from '../model/arbitraries.js';

// makeHw's table: MAC 1, every spad access 1, NoC 2, GLB 6, DRAM 200 (per 16-bit word).
const table = makeHw().energy;
const dense: AccessCounts = {
  macs: 100,
  dram: { reads: { ifmap: 10, filter: 20, psum: 0 }, writes: { ifmap: 0, filter: 0, psum: 5 } },
  glb: { reads: { ifmap: 30, filter: 0, psum: 8 }, writes: { ifmap: 10, filter: 0, psum: 8 } },
  noc: { ifmap: 40, filter: 16, psum: 12 },
  rf: { reads: { ifmap: 100, filter: 100, psum: 100 }, writes: { ifmap: 40, filter: 16, psum: 100 } },
};

describe('paper-setup energy', () => {
  // All of it: MAC 100; RF 100+100+100+40+16+100 = 456; NoC (40+16+12) x 2 = 136; GLB (30+8+10+8) x 6 = 336;
  // DRAM (10+20+5) x 200 = 7000; total 8028. Of which weights: RF 100+16 = 116, NoC 16 x 2 = 32, GLB 0, DRAM 20 x 200 = 4000.
  it("at the machine word is the dense layer's own energy", () => {
    expect(paperSetupEnergy(dense, table, 16, 16)).toEqual({ mac: 100, rf: 456, noc: 136, glb: 336, dram: 7000, total: 8028 });
  });

  it('charges a 4-bit weight access a quarter of a word access, nothing else changes', () => {
    // Saved: 3/4 of the weights' 116, 32, 0 and 4000 -> 87, 24, 0, 3000.
    expect(paperSetupEnergy(dense, table, 4, 16)).toEqual({ mac: 100, rf: 369, noc: 112, glb: 336, dram: 4000, total: 4917 });
  });

  it('charges more than a word for more bits than a word (an effective bit-width above 16: CR below 1)', () => {
    // 20 bits: the weights cost 5/4, i.e. 1/4 more: 29 + 8 + 1000 = 1037 more.
    expect(paperSetupEnergy(dense, table, 20, 16).total).toBe(8028 + 1037);
  });

  it("keeps only the weight traffic in weightAccesses, and refuses a shared layer's counts", () => {
    const w = weightAccesses(dense);
    expect([w.macs, w.dram.reads.ifmap, w.dram.writes.psum, w.noc.ifmap, w.rf.reads.psum]).toEqual([0, 0, 0, 0, 0]);
    expect([w.dram.reads.filter, w.noc.filter, w.rf.reads.filter, w.rf.writes.filter]).toEqual([20, 16, 100, 16]);
    expect(() => paperSetupEnergy({ ...dense, sharing: { codebookLookups: 1, psumAdds: 0 } }, table, 4, 16)).toThrow(/dense layer/);
    expect(() => paperSetupEnergy(dense, table, -1, 16)).toThrow(/>= 0/);
  });
});
