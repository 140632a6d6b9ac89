// Energy = access counts x the per-word energy table. The one place where counts meet costs.
import { DATA_TYPES, type EnergyTable } from '../hw/spec.js';
import type { AccessCounts, EnergyBreakdown, LevelCounts, PerDataType } from './result.js';

const sum = (v: PerDataType): number => v.ifmap + v.filter + v.psum;

function levelEnergy(counts: LevelCounts, cost: { read: number; write: number }): number {
  return sum(counts.reads) * cost.read + sum(counts.writes) * cost.write;
}

export function energyOf(counts: AccessCounts, table: EnergyTable): EnergyBreakdown {
  let rf = 0;
  for (const t of DATA_TYPES) {
    rf += counts.rf.reads[t] * table.rf[t].read + counts.rf.writes[t] * table.rf[t].write;
  }
  const parts = {
    mac: counts.macs * table.mac,
    rf,
    noc: sum(counts.noc) * table.nocTransfer,
    glb: levelEnergy(counts.glb, table.glb),
    dram: levelEnergy(counts.dram, table.dram),
  };
  return { ...parts, total: parts.mac + parts.rf + parts.noc + parts.glb + parts.dram };
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
