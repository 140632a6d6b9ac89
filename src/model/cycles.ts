// Analytical cycle estimate of one layer: a lower bound of the cycle-level simulation. Every bandwidth bounds the
// time on its own (DRAM, GLB, each bus). Beyond that, transfers overlap with compute only as the hardware allows
// it: a pass that fetches new filter rows lasts at least as long as the part of their streams not loaded ahead
// (hw.prefetch.filterSpad), and the GLB fills that cannot load ahead (hw.prefetch.glb; glb.doubleBuffer) keep the
// array idle while they move.
import { usableGlbWords, type DataType, type HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import { activeSets, filterFetches, glbTileLoads, type LayerTiling, type StreamCounts } from './accessCounts.js';
import type { AccessCounts, CycleBound, CycleEstimate } from './result.js';
import { sumOver } from './tiling.js';
import { busiestPeCycles, sharingStats } from '../mapping/sharingStats.js';
import { glbTileSizes, glbTileWords } from '../mapping/legality.js';
import { perGroupSizes } from '../workload/layer.js';
import { peSharing, residentCodebookWords } from '../workload/sharedRows.js';
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

/** Writes the cycle features (FEATURE.computeCycles .. FEATURE.psumBusWords, FEATURE.glbFillWords ..) at `at`. */
export function writeCycleFeatures(
  layer: Layer,
  hw: HardwareSpec,
  m: RsMapping,
  tl: LayerTiling,
  counts: AccessCounts,
  stream: StreamCounts,
  out: Float64Array,
  at: number,
): void {
  const compute = computeCycles(layer, hw, m, tl);
  out[at + FEATURE.computeCycles] = compute;
  // With multicast one bus word reaches every destination PE; without it each destination costs a word.
  out[at + FEATURE.ifmapBusWords] = hw.noc.multicast ? stream.ifmapPerPass : counts.noc.ifmap;
  // Words the filter bus carries to the array: weights, or indices and PE codebooks, or decoded weights.
  const fetches = filterFetches(m, tl);
  const filterSource = (stream.filterWords + stream.codebookWords) * fetches;
  const filterBus = hw.noc.multicast ? filterSource : counts.noc.filter;
  out[at + FEATURE.filterBusWords] = filterBus;
  out[at + FEATURE.psumBusWords] = counts.noc.psum - stream.psumHops;

  const kept = (t: DataType) => !hw.glb.bypass.includes(t);
  const fills = {
    ifmap: kept('ifmap') ? counts.dram.reads.ifmap : 0,
    filter: kept('filter') ? counts.dram.reads.filter : residentCodebookWords(layer),
    psum: kept('psum') ? counts.dram.reads.psum : 0,
  };
  out[at + FEATURE.glbFillWords] = fills.ifmap + fills.filter + fills.psum;
  out[at + FEATURE.exposedFillWords] = hw.glb.doubleBuffer ? 0 : exposedFills(layer, hw, m, tl, fills);

  // Filter streams of the passes that fetch rows: what leaves the source, and what a resident codebook serves.
  const resident = residentCodebookWords(layer) > 0;
  const sourceWords = (stream.sourceWords + (resident ? 0 : stream.codebookWords)) * fetches;
  const residentWords = stream.residentReads * fetches;
  const behind = 1 - filterShareAhead(layer, hw, m, tl, fetches);
  out[at + FEATURE.fetchDramWords] = behind * (kept('filter') ? 0 : sourceWords);
  out[at + FEATURE.fetchGlbWords] = behind * ((kept('filter') ? sourceWords : 0) + residentWords);
  out[at + FEATURE.fetchBusWords] = behind * filterBus;
  const { N, M, C } = perGroupSizes(layer);
  const fetchPasses = fetches * tl.dims.G.passCount * tl.dims.M.passCount * tl.dims.C.passCount;
  // A dense pass is no longer than n images x p filters x q channels of F x S MACs; a shared one is bounded by all.
  const largestPass = peSharing(layer) ? Infinity : Math.min(m.n, N) * Math.min(m.p, M) * Math.min(m.q, C) * layer.F * layer.S;
  out[at + FEATURE.fetchComputeCycles] = Math.min(compute, fetchPasses * largestPass);
}

/**
 * GLB fill words that cannot load ahead. The next tile of a type may load ahead into its share of the words the
 * largest tiles leave free, never the first tile; counted as if every tile of the type loaded its whole share
 * ahead, so the simulated fills wait at least this long.
 */
function exposedFills(layer: Layer, hw: HardwareSpec, m: RsMapping, tl: LayerTiling, fills: { readonly [T in DataType]: number }): number {
  const shares = hw.prefetch.glb;
  const total = fills.ifmap + fills.filter + fills.psum;
  if (shares.ifmap + shares.filter + shares.psum <= 0) return total;
  const tile = glbTileWords(layer, hw, glbTileSizes(tl));
  const free = Math.max(0, usableGlbWords(hw) - tile.ifmap - tile.filter - tile.psum);
  const loads = glbTileLoads(hw, m, tl);
  const ahead = (t: DataType) => Math.min(fills[t], loads[t] * Math.floor(shares[t] * free));
  return total - ahead('ifmap') - ahead('filter') - ahead('psum');
}

/**
 * At most this share of the fetched filter rows loads into the spads ahead (prefetch.filterSpad): at every fetch
 * each PE's rows take at most the words the largest rows leave free. PEs that decode shared rows hold indices and
 * codebooks of varying size: for them it is 1 (all of it), which keeps the estimate a lower bound.
 */
function filterShareAhead(layer: Layer, hw: HardwareSpec, m: RsMapping, tl: LayerTiling, fetches: number): number {
  if (!hw.prefetch.filterSpad) return 0;
  if (peSharing(layer)) return 1;
  const { G, M, C } = perGroupSizes(layer);
  const room = Math.max(0, hw.rf.filterWords - Math.min(m.p, M) * Math.min(m.q, C) * layer.S);
  // Each fetch sends every PE set's rows once, to the first PE of each of its R rows (the others get them by multicast).
  const { filterSets, channelSets } = activeSets(m, tl);
  const firstPes = fetches * G * layer.R * filterSets * channelSets;
  const weights = fetches * G * M * C * layer.R * layer.S;
  return Math.min(1, (firstPes * room) / weights);
}

/** Where cyclesInto writes each figure; `bound` is an index into CYCLE_BOUNDS. */
export const CYCLES_OUT = {
  compute: 0,
  dram: 1,
  glb: 2,
  nocIfmap: 3,
  nocFilter: 4,
  nocPsum: 5,
  noc: 6,
  cycles: 7,
  bound: 8,
  fetchWait: 9,
  exposedFill: 10,
} as const;
export const CYCLES_OUT_COUNT = 11;
export const CYCLE_BOUNDS: readonly CycleBound[] = ['compute', 'dram', 'glb', 'noc'];

/** The cycle formula (see the top of this file), written at out[o ..] in the order of CYCLES_OUT (no allocation). */
export function cyclesInto(f: Float64Array, at: number, hw: HardwareSpec, out: Float64Array, o: number): void {
  const compute = f[at + FEATURE.computeCycles];
  const dramWordsPerCycle = hw.dram.wordsPerCycle;
  const glbWordsPerCycle = hw.glb.banks * hw.glb.wordsPerCyclePerBank;
  const dram = (f[at + FEATURE.dramReads] + f[at + FEATURE.dramWrites]) / dramWordsPerCycle;
  const glbWords = f[at + FEATURE.glbReads] + f[at + FEATURE.glbWrites];
  const fills = f[at + FEATURE.glbFillWords];
  // A double-buffered GLB fills its idle half through that half's own banks, beside the passes' accesses.
  const glb = (hw.glb.doubleBuffer ? Math.max(glbWords - fills, fills) : glbWords) / glbWordsPerCycle;
  const ifmap = f[at + FEATURE.ifmapBusWords] / hw.noc.wordsPerCycle.ifmap;
  const filter = f[at + FEATURE.filterBusWords] / hw.noc.wordsPerCycle.filter;
  const psum = f[at + FEATURE.psumBusWords] / hw.noc.wordsPerCycle.psum;
  const noc = Math.max(ifmap, filter, psum);
  // Passes that fetch filter rows wait for the part of the streams not loaded ahead; the other passes do not.
  const fetchDram = f[at + FEATURE.fetchDramWords] / dramWordsPerCycle;
  const fetchGlb = f[at + FEATURE.fetchGlbWords] / glbWordsPerCycle;
  const fetchBus = f[at + FEATURE.fetchBusWords] / hw.noc.wordsPerCycle.filter;
  const fetchWait = Math.max(0, Math.max(fetchDram, fetchGlb, fetchBus) - f[at + FEATURE.fetchComputeCycles]);
  // Fills that cannot load ahead move while the array waits, through DRAM and the GLB's banks.
  const exposedFill = f[at + FEATURE.exposedFillWords] / Math.min(dramWordsPerCycle, glbWordsPerCycle);
  const passes = Math.max(compute + fetchWait, ifmap) + exposedFill;
  // The bound of the passes' time is the largest of its parts: compute, a filter stream, the ifmap bus, the fills.
  // Plain assignments, not [a, b] = [x, y]: this runs for every shape a search bounds and must not allocate.
  let bound = 0;
  let part = compute;
  if (fetchWait > part) {
    bound = fetchDram >= Math.max(fetchGlb, fetchBus) ? 1 : fetchGlb >= fetchBus ? 2 : 3;
    part = fetchWait;
  }
  if (ifmap - compute - fetchWait > part) {
    bound = 3;
    part = ifmap - compute - fetchWait;
  }
  if (exposedFill > part) bound = 1;
  let cycles = passes;
  if (dram > cycles) {
    bound = 1;
    cycles = dram;
  }
  if (glb > cycles) {
    bound = 2;
    cycles = glb;
  }
  if (noc > cycles) {
    bound = 3;
    cycles = noc;
  }
  out[o + CYCLES_OUT.compute] = compute;
  out[o + CYCLES_OUT.dram] = dram;
  out[o + CYCLES_OUT.glb] = glb;
  out[o + CYCLES_OUT.nocIfmap] = ifmap;
  out[o + CYCLES_OUT.nocFilter] = filter;
  out[o + CYCLES_OUT.nocPsum] = psum;
  out[o + CYCLES_OUT.noc] = noc;
  // Whole cycles; sums of fractional transfer times carry float noise (1e-12 relative) that is not a cycle of work.
  out[o + CYCLES_OUT.cycles] = Math.ceil(cycles * (1 - 1e-9));
  out[o + CYCLES_OUT.bound] = bound;
  out[o + CYCLES_OUT.fetchWait] = fetchWait;
  out[o + CYCLES_OUT.exposedFill] = exposedFill;
}

const figures = new Float64Array(CYCLES_OUT_COUNT);

export function cyclesFromFeatures(f: Float64Array, at: number, hw: HardwareSpec): CycleEstimate {
  cyclesInto(f, at, hw, figures, 0);
  const c = figures;
  const o = CYCLES_OUT;
  return {
    computeCycles: c[o.compute],
    dramCycles: c[o.dram],
    glbCycles: c[o.glb],
    nocCycles: c[o.noc],
    nocCyclesByType: { ifmap: c[o.nocIfmap], filter: c[o.nocFilter], psum: c[o.nocPsum] },
    fetchWaitCycles: c[o.fetchWait],
    exposedFillCycles: c[o.exposedFill],
    cycles: c[o.cycles],
    bound: CYCLE_BOUNDS[c[o.bound]],
  };
}
