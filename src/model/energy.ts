// Energy = access counts x the per-word energy table. The one place where counts meet costs.
// Shared layers: psum additions count with the MACs (datapath), codebook look-ups with the spads.
import type { EnergyTable } from '../hw/spec.js';
import type { AccessCounts, EnergyBreakdown, LevelCounts, PerDataType } from './result.js';

const sum = (v: PerDataType): number => v.ifmap + v.filter + v.psum;

function levelEnergy(counts: LevelCounts, cost: { read: number; write: number }): number {
  return sum(counts.reads) * cost.read + sum(counts.writes) * cost.write;
}

export function energyOf(counts: AccessCounts, table: EnergyTable): EnergyBreakdown {
  const { reads, writes } = counts.rf;
  const rfCost = table.rf;
  const shared = counts.sharing;
  // Spelled out per data type: this runs for every mapping a search bounds (10^5 per layer).
  const rf =
    reads.ifmap * rfCost.ifmap.read + writes.ifmap * rfCost.ifmap.write +
    reads.filter * rfCost.filter.read + writes.filter * rfCost.filter.write +
    reads.psum * rfCost.psum.read + writes.psum * rfCost.psum.write +
    (shared ? shared.codebookLookups * table.codebookLookup : 0);
  const mac = counts.macs * table.mac + (shared ? shared.psumAdds * table.psumAdd : 0);
  const noc = sum(counts.noc) * table.nocTransfer;
  const glb = levelEnergy(counts.glb, table.glb);
  const dram = levelEnergy(counts.dram, table.dram);
  return { mac, rf, noc, glb, dram, total: mac + rf + noc + glb + dram };
}

/** Reads + writes per level and data type, the compact form reports show. */
export function accessTotals(c: AccessCounts): { [L in 'dram' | 'glb' | 'noc' | 'rf']: PerDataType } {
  const both = (l: LevelCounts): PerDataType => ({
    ifmap: l.reads.ifmap + l.writes.ifmap,
    filter: l.reads.filter + l.writes.filter,
    psum: l.reads.psum + l.writes.psum,
  });
  return { dram: both(c.dram), glb: both(c.glb), noc: { ...c.noc }, rf: both(c.rf) };
}
