// Energy = access counts x the per-word energy table. The one place where counts meet costs.
// Shared layers: psum additions count with the MACs (datapath), codebook look-ups with the spads.
import type { EnergyTable } from '../hw/spec.js';
import type { AccessCounts, EnergyBreakdown, LevelCounts, PerDataType } from './result.js';
import { FEATURE, FEATURE_COUNT } from './features.js';

const sum = (v: PerDataType): number => v.ifmap + v.filter + v.psum;

/** Writes the energy features (FEATURE.macs .. FEATURE.dramWrites) of `counts` at `at`. */
export function writeEnergyFeatures(counts: AccessCounts, out: Float64Array, at: number): void {
  const { reads, writes } = counts.rf;
  out[at + FEATURE.macs] = counts.macs;
  out[at + FEATURE.psumAdds] = counts.sharing?.psumAdds ?? 0;
  out[at + FEATURE.rfReadIfmap] = reads.ifmap;
  out[at + FEATURE.rfWriteIfmap] = writes.ifmap;
  out[at + FEATURE.rfReadFilter] = reads.filter;
  out[at + FEATURE.rfWriteFilter] = writes.filter;
  out[at + FEATURE.rfReadPsum] = reads.psum;
  out[at + FEATURE.rfWritePsum] = writes.psum;
  out[at + FEATURE.codebookLookups] = counts.sharing?.codebookLookups ?? 0;
  out[at + FEATURE.nocWords] = sum(counts.noc);
  out[at + FEATURE.glbReads] = sum(counts.glb.reads);
  out[at + FEATURE.glbWrites] = sum(counts.glb.writes);
  out[at + FEATURE.dramReads] = sum(counts.dram.reads);
  out[at + FEATURE.dramWrites] = sum(counts.dram.writes);
}

/** Where energyInto writes each part. */
export const ENERGY_OUT = { mac: 0, rf: 1, noc: 2, glb: 3, dram: 4, total: 5 } as const;

/**
 * The energy formula: every count times its table entry, summed per level, written at out[o ..] in the order
 * of ENERGY_OUT (no allocation: a search re-costs 10^4..10^5 rows per layer). A layer without sharing has no
 * look-ups or psum additions, and adding their zero products changes no sum.
 */
export function energyInto(f: Float64Array, at: number, table: EnergyTable, out: Float64Array, o: number): void {
  const rfCost = table.rf;
  const rf =
    f[at + FEATURE.rfReadIfmap] * rfCost.ifmap.read +
    f[at + FEATURE.rfWriteIfmap] * rfCost.ifmap.write +
    f[at + FEATURE.rfReadFilter] * rfCost.filter.read +
    f[at + FEATURE.rfWriteFilter] * rfCost.filter.write +
    f[at + FEATURE.rfReadPsum] * rfCost.psum.read +
    f[at + FEATURE.rfWritePsum] * rfCost.psum.write +
    f[at + FEATURE.codebookLookups] * table.codebookLookup;
  const mac = f[at + FEATURE.macs] * table.mac + f[at + FEATURE.psumAdds] * table.psumAdd;
  const noc = f[at + FEATURE.nocWords] * table.nocTransfer;
  const glb = f[at + FEATURE.glbReads] * table.glb.read + f[at + FEATURE.glbWrites] * table.glb.write;
  const dram = f[at + FEATURE.dramReads] * table.dram.read + f[at + FEATURE.dramWrites] * table.dram.write;
  out[o + ENERGY_OUT.mac] = mac;
  out[o + ENERGY_OUT.rf] = rf;
  out[o + ENERGY_OUT.noc] = noc;
  out[o + ENERGY_OUT.glb] = glb;
  out[o + ENERGY_OUT.dram] = dram;
  out[o + ENERGY_OUT.total] = mac + rf + noc + glb + dram;
}

const parts = new Float64Array(6);

export function energyFromFeatures(f: Float64Array, at: number, table: EnergyTable): EnergyBreakdown {
  energyInto(f, at, table, parts, 0);
  return { mac: parts[0], rf: parts[1], noc: parts[2], glb: parts[3], dram: parts[4], total: parts[5] };
}

const scratch = new Float64Array(FEATURE_COUNT);

export function energyOf(counts: AccessCounts, table: EnergyTable): EnergyBreakdown {
  writeEnergyFeatures(counts, scratch, 0);
  return energyFromFeatures(scratch, 0, table);
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
