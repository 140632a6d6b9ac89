// Analytical cycle estimate of one layer: the slowest of compute and each bandwidth, assuming perfect
// overlap (double-buffered transfers). The cycle-level simulator replaces this with a real schedule.
import type { HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import { filterFetches, type LayerTiling, type StreamCounts } from './accessCounts.js';
import type { AccessCounts, CycleBound, CycleEstimate } from './result.js';
import { sumOver } from './tiling.js';
import { busiestPeCycles, sharingStats } from '../mapping/sharingStats.js';
import { peSharing } from '../workload/sharedRows.js';
import { FEATURE } from './features.js';

/**
 * One MAC (or, in a shared layer, one psum addition) per PE per cycle; all PEs of a pass run in lockstep,
 * so a pass lasts as long as its busiest PE. Without row-level reuse a shared layer's PEs run every row's
 * 1-D convolution, as the dense layer's do.
 */
export function computeCycles(layer: Layer, hw: HardwareSpec, m: RsMapping, tl: LayerTiling): number {
  const { dims } = tl;
  const sharing = peSharing(layer);
  if (sharing && hw.weightSharing.rowReuse) {
    const stats = sharingStats(layer, sharing, m.p, m.q, hw.weightSharing.rowReuse);
    return layer.N * dims.E.passCount * layer.F * busiestPeCycles(layer, stats, m.g, m.t, m.r);
  }
  const filtersPerPe = sumOver(dims.M.passTiles, (s) => Math.min(m.p, s));
  const channelsPerPe = sumOver(dims.C.passTiles, (s) => Math.min(m.q, s));
  return dims.G.passCount * layer.N * filtersPerPe * channelsPerPe * dims.E.passCount * layer.F * layer.S;
}

/** Writes the cycle features (FEATURE.computeCycles .. FEATURE.psumBusWords) at `at`. */
export function writeCycleFeatures(
  layer: Layer, hw: HardwareSpec, m: RsMapping, tl: LayerTiling, counts: AccessCounts, stream: StreamCounts, out: Float64Array, at: number,
): void {
  out[at + FEATURE.computeCycles] = computeCycles(layer, hw, m, tl);
  // With multicast one bus word reaches every destination PE; without it each destination costs a word.
  out[at + FEATURE.ifmapBusWords] = hw.noc.multicast ? stream.ifmapPerPass : counts.noc.ifmap;
  // Words the filter bus carries to the array: weights, or indices and PE codebooks, or decoded weights.
  const filterSource = (stream.filterWords + stream.codebookWords) * filterFetches(m, tl);
  out[at + FEATURE.filterBusWords] = hw.noc.multicast ? filterSource : counts.noc.filter;
  out[at + FEATURE.psumBusWords] = counts.noc.psum - stream.psumHops;
}

/** Where cyclesInto writes each figure; `bound` is an index into CYCLE_BOUNDS. */
export const CYCLES_OUT = { compute: 0, dram: 1, glb: 2, nocIfmap: 3, nocFilter: 4, nocPsum: 5, noc: 6, cycles: 7, bound: 8 } as const;
export const CYCLE_BOUNDS: readonly CycleBound[] = ['compute', 'dram', 'glb', 'noc'];

/** The cycle formula: the slowest of compute and each bandwidth, all transfers overlapped (no allocation). */
export function cyclesInto(f: Float64Array, at: number, hw: HardwareSpec, out: Float64Array, o: number): void {
  const compute = f[at + FEATURE.computeCycles];
  const dram = (f[at + FEATURE.dramReads] + f[at + FEATURE.dramWrites]) / hw.dram.wordsPerCycle;
  const glbWordsPerCycle = hw.glb.banks * hw.glb.wordsPerCyclePerBank;
  const glb = (f[at + FEATURE.glbReads] + f[at + FEATURE.glbWrites]) / glbWordsPerCycle;
  const ifmap = f[at + FEATURE.ifmapBusWords] / hw.noc.wordsPerCycle.ifmap;
  const filter = f[at + FEATURE.filterBusWords] / hw.noc.wordsPerCycle.filter;
  const psum = f[at + FEATURE.psumBusWords] / hw.noc.wordsPerCycle.psum;
  const noc = Math.max(ifmap, filter, psum);
  let bound = 0;
  let cycles = compute;
  if (dram > cycles) [bound, cycles] = [1, dram];
  if (glb > cycles) [bound, cycles] = [2, glb];
  if (noc > cycles) [bound, cycles] = [3, noc];
  out[o + CYCLES_OUT.compute] = compute;
  out[o + CYCLES_OUT.dram] = dram;
  out[o + CYCLES_OUT.glb] = glb;
  out[o + CYCLES_OUT.nocIfmap] = ifmap;
  out[o + CYCLES_OUT.nocFilter] = filter;
  out[o + CYCLES_OUT.nocPsum] = psum;
  out[o + CYCLES_OUT.noc] = noc;
  out[o + CYCLES_OUT.cycles] = Math.ceil(cycles);
  out[o + CYCLES_OUT.bound] = bound;
}

const figures = new Float64Array(9);

export function cyclesFromFeatures(f: Float64Array, at: number, hw: HardwareSpec): CycleEstimate {
  cyclesInto(f, at, hw, figures, 0);
  const c = figures;
  return {
    computeCycles: c[0], dramCycles: c[1], glbCycles: c[2], nocCycles: c[6],
    nocCyclesByType: { ifmap: c[3], filter: c[4], psum: c[5] },
    cycles: c[7], bound: CYCLE_BOUNDS[c[8]],
  };
}
