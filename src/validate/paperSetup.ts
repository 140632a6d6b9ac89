// The reference the paper validated its metric against: the Eyeriss energy estimation method (Yang et al.,
// CVPR 2017). Energy = MACs x e_MAC + accesses x the energy of their level, with the access counts of the
// dense layer under its row-stationary mapping and the bit-width of the weights an input of the method: a
// weight access costs bits / wordBits of a word access (data movement scales with the bits moved; the MACs,
// which compute on decoded weights, keep their cost). Ifmaps and psums keep the machine word.
//
// Which bit-width a shared layer gets:
// - 'indexBits': its fixed-length index, ceil(log2 K): what a weight-shared layer stores per weight row
//   (the codebook itself is left out, as a bit-width input cannot express it);
// - 'effectiveBits': wordBits / CR, the average bits per weight the compression ratio implies. This one is
//   circular: the metric divides its weight term by the same CR, so the reference's only rate-dependent part
//   becomes the metric's own weight term with other per-layer weights, and agreement is built in.
import type { EnergyTable } from '../hw/spec.js';
import { energyOf } from '../model/energy.js';
import type { AccessCounts, EnergyBreakdown, LevelCounts } from '../model/result.js';

const filterOnly = (l: LevelCounts): LevelCounts => ({
  reads: { ifmap: 0, filter: l.reads.filter, psum: 0 },
  writes: { ifmap: 0, filter: l.writes.filter, psum: 0 },
});

/** The part of the counts that moves weights (every level), nothing else: no MACs, ifmaps or psums. */
export function weightAccesses(c: AccessCounts): AccessCounts {
  return {
    macs: 0,
    dram: filterOnly(c.dram),
    glb: filterOnly(c.glb),
    noc: { ifmap: 0, filter: c.noc.filter, psum: 0 },
    rf: filterOnly(c.rf),
  };
}

/**
 * The energy of a layer by the paper's reference method: `dense` are the dense layer's counts under its
 * mapping, `weightBits` the weights' bit-width (wordBits: the dense layer's own energy).
 */
export function paperSetupEnergy(dense: AccessCounts, table: EnergyTable, weightBits: number, wordBits: number): EnergyBreakdown {
  if (dense.sharing) throw new Error('the paper-setup energy starts from the counts of the dense layer, got a shared one');
  // More bits than a word is possible: a compression ratio below 1 gives an effective bit-width above wordBits.
  if (!(weightBits >= 0 && Number.isFinite(weightBits)))
    throw new Error(`weight bit-width must be a finite number >= 0, got ${weightBits}`);
  const all = energyOf(dense, table);
  const weights = energyOf(weightAccesses(dense), table);
  const saved = 1 - weightBits / wordBits; // negative above wordBits
  return {
    mac: all.mac,
    rf: all.rf - saved * weights.rf,
    noc: all.noc - saved * weights.noc,
    glb: all.glb - saved * weights.glb,
    dram: all.dram - saved * weights.dram,
    total: all.total - saved * weights.total,
  };
}
