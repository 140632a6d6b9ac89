// Analytical access counts of one layer under one RS mapping, per storage level and data type.
// Conventions (shared with the cycle-level simulator, which derives the same numbers by counting events):
// - every MAC reads its filter and ifmap operands from the spads and read-modify-writes its psum;
// - a word delivered to k PEs is k NoC transfers and k spad writes; psums move up PE columns one hop
//   at a time, leave the array from the top PE and re-enter at the bottom PE when accumulation resumes;
// - padding is generated inside the PEs and never moved;
// - a data type in glb.bypass moves between DRAM and the array directly;
// - a shared layer (layer.sharing) moves indices instead of weights from the filter source; how it runs is
//   its execution (sharedRows.ts). Decoded in the PEs: with every fetch of a PE's rows come the centroids
//   they name (its codebook), both "filter" words, unless the codebook is resident in the GLB (loaded once),
//   where the PEs' codebooks are read from; each MAC reads its weight through the codebook (a look-up); each
//   row's index is read once per (image, ofmap row); with row-level reuse (hw.weightSharing.rowReuse) a reused
//   1-D conv costs F psum additions (psum spad read + write each) instead of F x S MACs (see sharingStats.ts). Decoded at the GLB: the indices leave
//   the filter source, every weight sent on to the array is one read of the resident codebook, and from
//   there on the layer moves and computes as a dense one.
import type { DataType, HardwareSpec } from '../hw/spec.js';
import { passTile, type RsMapping, type TiledDim } from '../mapping/rsMapping.js';
import { perGroupSizes, type Layer } from '../workload/layer.js';
import { touchedInputs } from './geometry.js';
import type { AccessCounts, PerDataType } from './result.js';
import { loopReach, refetches, type Boundary } from './reuse.js';
import { cachedTileDimension, stripSums, sumOver, type DimTiling, type StripSums, type TilingCache } from './tiling.js';
import { sharingStats } from '../mapping/sharingStats.js';
import { indexWords, peSharing, residentCodebookWords } from '../workload/sharedRows.js';

export interface LayerTiling {
  readonly dims: { readonly [D in TiledDim | 'G']: DimTiling };
  readonly strips: StripSums;
  /** Real ifmap columns one PE row reads. */
  readonly touchedCols: number;
}

export function tileLayer(layer: Layer, m: RsMapping, cache?: TilingCache): LayerTiling {
  const pass = passTile(m);
  const size = perGroupSizes(layer);
  const tile = (d: TiledDim | 'G', i: number) => cachedTileDimension(i, size[d], pass[d], m.glbFactor[d], cache);
  const dims = { G: tile('G', 0), N: tile('N', 1), M: tile('M', 2), C: tile('C', 3), E: tile('E', 4) };
  return {
    dims,
    strips: stripSums(layer, dims.E, cache),
    touchedCols: touchedInputs(0, layer.F, layer.stride, layer.S, layer.padding, layer.W),
  };
}

/** Counts that depend only on the pass shape, not on GLB tiling or loop order. */
export interface StreamCounts {
  readonly macs: number;
  readonly ofmapWords: number;
  /** Distinct ifmap words each pass reads from its source, summed over passes. */
  readonly ifmapPerPass: number;
  readonly ifmapDeliveries: number;
  /** Psum words leaving the array over all passes (re-entering: this minus ofmapWords). */
  readonly psumOut: number;
  readonly psumHops: number;
  /** Filter words one fetch of every PE's rows delivers: weights, or indices decoded in the PEs (codebooks apart). */
  readonly filterWords: number;
  /** Filter words one fetch of every PE's rows takes from the filter source: weights, or indices (codebooks apart). */
  readonly sourceWords: number;
  /** Words one fetch of every PE's rows reads from a GLB-resident codebook: PE codebooks, or every decoded weight. */
  readonly residentReads: number;
  /** Shared layers: codebook words one fetch of every PE's rows moves (each PE its distinct centroids). */
  readonly codebookWords: number;
  /** Shared layers: reused 1-D conv outputs added into psums, index reads and codebook look-ups. */
  readonly psumAdds: number;
  readonly filterSpadReads: number;
  readonly codebookLookups: number;
}

/** Σ over pass tiles of the filter slices (of p) and channel slices (of q) that are busy: the PE sets a pass uses. */
export function activeSets(m: RsMapping, tl: LayerTiling): { readonly filterSets: number; readonly channelSets: number } {
  return {
    filterSets: sumOver(tl.dims.M.passTiles, (s) => Math.ceil(s / m.p)),
    channelSets: sumOver(tl.dims.C.passTiles, (s) => Math.ceil(s / m.q)),
  };
}

export function streamCounts(layer: Layer, hw: HardwareSpec, m: RsMapping, tl: LayerTiling): StreamCounts {
  const { G, N, M, C } = perGroupSizes(layer);
  const { dims, strips, touchedCols } = tl;
  const planeWords = G * N * M * layer.E * layer.F;
  const { filterSets: activeFilterSets, channelSets: activeChannelSets } = activeSets(m, tl);
  const psumOut = planeWords * dims.C.passCount;
  const rows = G * M * C * layer.R;
  const windows = N * layer.E * layer.F;
  // One object literal on both paths: this runs for every mapping a search bounds.
  const sharing = layer.sharing;
  const inPe = peSharing(layer);
  const stats = inPe ? sharingStats(layer, inPe, m.p, m.q, hw.weightSharing.rowReuse) : null;
  const macs = windows * (stats ? stats.oneDConvs : rows) * layer.S;
  const weights = rows * layer.S;
  const indices = sharing ? indexWords(rows, sharing.indexBits, hw.wordBits) : 0;
  const codebookWords = stats ? stats.codebookRows * layer.S : 0;
  const resident = residentCodebookWords(layer) > 0;
  return {
    macs,
    ofmapWords: planeWords,
    ifmapPerPass: G * N * C * strips.passTouchedRows * touchedCols * dims.M.passCount,
    ifmapDeliveries: G * N * C * strips.passValidPairs * touchedCols * activeFilterSets,
    psumOut,
    psumHops: planeWords * (layer.R * activeChannelSets - dims.C.passCount),
    filterWords: inPe ? indices : weights,
    sourceWords: sharing ? indices : weights,
    residentReads: !resident ? 0 : inPe ? codebookWords : weights,
    codebookWords,
    psumAdds: stats ? windows * stats.reusedRows : 0,
    filterSpadReads: stats ? N * layer.E * rows : macs,
    codebookLookups: stats ? macs : 0,
  };
}

const zero = (): PerDataType => ({ ifmap: 0, filter: 0, psum: 0 });

/** How often the PEs fetch their filter rows: the iterations of the loops outside their innermost relevant one. */
export function filterFetches(m: RsMapping, tl: LayerTiling): number {
  const arrayReach = loopReach('filter', 'array', m, tl.dims);
  return refetches(arrayReach.N, tl.dims.N) * refetches(arrayReach.E, tl.dims.E);
}

/**
 * GLB tiles each data type takes in from DRAM over the layer, under the reuse rule: ifmap and filter tiles,
 * and psum tiles that come back to resume accumulating (0 for a bypassed type, or psums never parked in DRAM).
 */
export function glbTileLoads(hw: HardwareSpec, m: RsMapping, tl: LayerTiling): PerDataType {
  const { dims } = tl;
  const kept = (t: DataType) => !hw.glb.bypass.includes(t);
  const reach = (t: DataType) => loopReach(t, 'glb', m, dims);
  const g = dims.G.glbCount;
  const ifmap = g * dims.N.glbCount * dims.C.glbCount * dims.E.glbCount * refetches(reach('ifmap').M, dims.M);
  const filterReach = reach('filter');
  const filter = g * dims.M.glbCount * dims.C.glbCount * refetches(filterReach.N, dims.N) * refetches(filterReach.E, dims.E);
  const psumTiles = g * dims.N.glbCount * dims.M.glbCount * dims.E.glbCount;
  const readBack = psumTiles * (refetches(reach('psum').C, dims.C) - 1);
  return { ifmap: kept('ifmap') ? ifmap : 0, filter: kept('filter') ? filter : 0, psum: kept('psum') ? readBack : 0 };
}

export function countAccesses(
  layer: Layer,
  hw: HardwareSpec,
  m: RsMapping,
  tl = tileLayer(layer, m),
  s = streamCounts(layer, hw, m, tl),
): AccessCounts {
  const { G, N, C } = perGroupSizes(layer);
  const { dims, strips, touchedCols } = tl;
  const bypass = (t: DataType) => hw.glb.bypass.includes(t);
  const reach = (t: DataType, b: Boundary) => loopReach(t, b, m, dims);
  const dram = { reads: zero(), writes: zero() };
  const glb = { reads: zero(), writes: zero() };

  // ifmap: streamed into the array every pass; the GLB keeps a tile across the loops it allows.
  if (bypass('ifmap')) {
    dram.reads.ifmap = s.ifmapPerPass;
  } else {
    const fills = G * N * C * strips.glbTouchedRows * touchedCols * refetches(reach('ifmap', 'glb').M, dims.M);
    dram.reads.ifmap = fills;
    glb.writes.ifmap = fills;
    glb.reads.ifmap = s.ifmapPerPass;
  }

  // filter: stays in the filter spads while the loops inside its innermost relevant loop run. A shared
  // layer's PE codebooks travel with the indices, unless the whole codebook sits in the GLB.
  const arrayReach = reach('filter', 'array');
  const fetches = filterFetches(m, tl);
  const residentCodebook = residentCodebookWords(layer);
  const streamed = s.sourceWords + (residentCodebook > 0 ? 0 : s.codebookWords);
  const filterFetched = streamed * fetches;
  // Each fetch is multicast to the columns of the strip being computed at that moment.
  const columnsPerFetch = { glb: layer.E, dram: strips.glbFirstStrips, none: m.e }[arrayReach.E];
  const filterDeliveries = (s.filterWords + s.codebookWords) * refetches(arrayReach.N, dims.N) * columnsPerFetch;
  if (bypass('filter')) {
    dram.reads.filter = filterFetched;
  } else {
    const glbReach = reach('filter', 'glb');
    const fills = streamed * refetches(glbReach.N, dims.N) * refetches(glbReach.E, dims.E);
    dram.reads.filter = fills;
    glb.writes.filter = fills;
    glb.reads.filter = filterFetched;
  }
  if (residentCodebook > 0) {
    dram.reads.filter += residentCodebook;
    glb.writes.filter += residentCodebook;
    glb.reads.filter += s.residentReads * fetches;
  }

  // psum: leaves the array after every pass; accumulation resumes from wherever it was parked.
  const psumIn = s.psumOut - s.ofmapWords;
  if (bypass('psum')) {
    dram.writes.psum = s.psumOut;
    dram.reads.psum = psumIn;
  } else {
    const writebacks = s.ofmapWords * refetches(reach('psum', 'glb').C, dims.C);
    glb.writes.psum = s.psumOut + (writebacks - s.ofmapWords);
    glb.reads.psum = psumIn + writebacks;
    dram.writes.psum = writebacks;
    dram.reads.psum = writebacks - s.ofmapWords;
  }

  const noc = { ifmap: s.ifmapDeliveries, filter: filterDeliveries, psum: s.psumHops + s.psumOut + psumIn };
  const rf = {
    reads: { ifmap: s.macs, filter: s.filterSpadReads, psum: s.macs + s.psumAdds + s.psumHops + s.psumOut },
    writes: { ifmap: s.ifmapDeliveries, filter: filterDeliveries, psum: s.macs + s.psumAdds + s.psumHops + psumIn },
  };
  const counts = { macs: s.macs, dram, glb, noc, rf };
  return layer.sharing ? { ...counts, sharing: { codebookLookups: s.codebookLookups, psumAdds: s.psumAdds } } : counts;
}
