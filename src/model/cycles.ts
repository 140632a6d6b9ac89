// Analytical cycle estimate of one layer: the slowest of compute and each bandwidth, assuming perfect
// overlap (double-buffered transfers). The cycle-level simulator replaces this with a real schedule.
import type { HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import type { LayerTiling, StreamCounts } from './accessCounts.js';
import type { AccessCounts, CycleBound, CycleEstimate } from './result.js';
import { sumOver } from './tiling.js';
import { busiestPeCycles, sharingStats } from '../mapping/sharingStats.js';
import { glbCodebookWords } from '../workload/sharedRows.js';

/**
 * One MAC (or, in a shared layer, one psum addition) per PE per cycle; all PEs of a pass run in lockstep,
 * so a pass lasts as long as its busiest PE.
 */
export function computeCycles(layer: Layer, m: RsMapping, tl: LayerTiling): number {
  const { dims } = tl;
  if (layer.sharing) {
    const stats = sharingStats(layer, layer.sharing, m.p, m.q);
    return layer.N * dims.E.passCount * layer.F * busiestPeCycles(layer, stats, m.g, m.t, m.r);
  }
  const filtersPerPe = sumOver(dims.M.passTiles, (s) => Math.min(m.p, s));
  const channelsPerPe = sumOver(dims.C.passTiles, (s) => Math.min(m.q, s));
  return dims.G.passCount * layer.N * filtersPerPe * channelsPerPe * dims.E.passCount * layer.F * layer.S;
}

export function estimateCycles(
  layer: Layer, hw: HardwareSpec, m: RsMapping, tl: LayerTiling, counts: AccessCounts, stream: StreamCounts,
): CycleEstimate {
  const total = (v: { ifmap: number; filter: number; psum: number }) => v.ifmap + v.filter + v.psum;
  const compute = computeCycles(layer, m, tl);
  const dram = (total(counts.dram.reads) + total(counts.dram.writes)) / hw.dram.wordsPerCycle;
  const glbWordsPerCycle = hw.glb.banks * hw.glb.wordsPerCyclePerBank;
  const glb = (total(counts.glb.reads) + total(counts.glb.writes)) / glbWordsPerCycle;
  // With multicast one bus word reaches every destination PE; without it each destination costs a word.
  const ifmapBus = hw.noc.multicast ? stream.ifmapPerPass : counts.noc.ifmap;
  // Words fetched for the array: with filters bypassing the GLB, from DRAM, plus any codebook served by the GLB.
  const filterSource = hw.glb.bypass.includes('filter')
    ? counts.dram.reads.filter - glbCodebookWords(layer, hw) + counts.glb.reads.filter
    : counts.glb.reads.filter;
  const filterBus = hw.noc.multicast ? filterSource : counts.noc.filter;
  const psumBus = counts.noc.psum - stream.psumHops;
  const nocCyclesByType = {
    ifmap: ifmapBus / hw.noc.wordsPerCycle.ifmap,
    filter: filterBus / hw.noc.wordsPerCycle.filter,
    psum: psumBus / hw.noc.wordsPerCycle.psum,
  };
  const noc = Math.max(nocCyclesByType.ifmap, nocCyclesByType.filter, nocCyclesByType.psum);
  let bound: CycleBound = 'compute';
  let cycles = compute;
  if (dram > cycles) [bound, cycles] = ['dram', dram];
  if (glb > cycles) [bound, cycles] = ['glb', glb];
  if (noc > cycles) [bound, cycles] = ['noc', noc];
  return { computeCycles: compute, dramCycles: dram, glbCycles: glb, nocCycles: noc, nocCyclesByType, cycles: Math.ceil(cycles), bound };
}
