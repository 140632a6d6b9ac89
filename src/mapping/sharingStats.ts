// What the indices of a shared layer decide, for the p filters x q channels one PE holds. PEs hold
// consecutive slices: filters [a*p, (a+1)*p) and channels [b*q, (b+1)*q) of a group, one filter row each
// (pass tiles are whole numbers of these slices, so the slices are the same for every mapping with this p, q).
//
// Computation reuse (hw.weightSharing.rowReuse): inside a PE, for one channel and filter row, filters whose
// rows name the same centroid share one 1-D convolution; the PE computes each distinct centroid's convolution
// once and adds its F outputs to the psums of the other filters that use it. Without it every row computes
// its own. Per PE the codebook it needs is the distinct centroids among its p x q rows, either way.
import type { Layer } from '../workload/layer.js';
import type { SharedFilterRows } from '../workload/sharedRows.js';

export interface SharingStats {
  /** Σ over (group, filter slice, channel, filter row) of the distinct centroids in the slice: 1-D convs run. */
  readonly oneDConvs: number;
  /** Filter rows whose 1-D conv is reused: rows - oneDConvs. */
  readonly reusedRows: number;
  /** Σ over PEs' (group, filter slice, channel slice, filter row) of their distinct centroids. */
  readonly codebookRows: number;
  /** The most distinct centroids one PE holds. */
  readonly maxCodebookRows: number;
  /**
   * Per (group, filter slice, channel slice): the busiest filter row's cycles per ofmap row and image,
   * Σ over its channels of (S x distinct + reused). Index [(g * slicesM + a) * slicesC + b].
   */
  readonly sliceCycles: Float64Array;
  readonly slicesM: number;
  readonly slicesC: number;
  /** Memo of busiestPeCycles by (g, t, r). */
  readonly busiestByBlock: Map<number, number>;
}

// Keyed by the index array: the ways one shared layer can run (its executions) share their statistics.
const cache = new WeakMap<Uint32Array, Map<number, SharingStats>>();
// A search asks for the same (p, q) many times in a row: remember the last answer before the maps.
let last: { index: Uint32Array; key: number; stats: SharingStats } | null = null;

export function sharingStats(layer: Layer, sharing: SharedFilterRows, p: number, q: number, rowReuse: boolean): SharingStats {
  const key = (p * 65536 + q) * 2 + (rowReuse ? 1 : 0);
  if (last && last.index === sharing.index && last.key === key) return last.stats;
  let perLayer = cache.get(sharing.index);
  if (!perLayer) cache.set(sharing.index, (perLayer = new Map<number, SharingStats>()));
  let stats = perLayer.get(key);
  if (!stats) {
    stats = rowReuse ? computeStats(layer, sharing, p, q) : withoutReuse(layer, p, q, sharingStats(layer, sharing, p, q, true));
    perLayer.set(key, stats);
  }
  last = { index: sharing.index, key, stats };
  return stats;
}

/**
 * The same PEs when every row computes its own 1-D convolution: S cycles per row, the codebooks unchanged.
 * (The passes then last as long as the dense layer's, which is how the model's cycles count them.)
 */
function withoutReuse(layer: Layer, p: number, q: number, reuse: SharingStats): SharingStats {
  const { slicesM, slicesC } = reuse;
  const Mg = layer.M / layer.groups;
  const Cg = layer.C / layer.groups;
  const sliceCycles = new Float64Array(reuse.sliceCycles.length);
  for (let g = 0; g < layer.groups; g++) {
    for (let a = 0; a < slicesM; a++) {
      const filters = Math.min(Mg, (a + 1) * p) - a * p;
      for (let b = 0; b < slicesC; b++) {
        sliceCycles[(g * slicesM + a) * slicesC + b] = layer.S * filters * (Math.min(Cg, (b + 1) * q) - b * q);
      }
    }
  }
  const rows = layer.M * Cg * layer.R;
  return { ...reuse, oneDConvs: rows, reusedRows: 0, sliceCycles, busiestByBlock: new Map() };
}

function computeStats(layer: Layer, sharing: SharedFilterRows, p: number, q: number): SharingStats {
  const { R, S, groups: G } = layer;
  const Mg = layer.M / G;
  const Cg = layer.C / G;
  const slicesM = Math.ceil(Mg / p);
  const slicesC = Math.ceil(Cg / q);
  const index = filterMajor(layer, sharing);
  // Distinct counting by stamping: seen[centroid] === stamp marks "already met in the current set".
  const seen = new Int32Array(sharing.k).fill(-1);
  let stamp = 0;
  const sliceCycles = new Float64Array(G * slicesM * slicesC);
  let oneDConvs = 0;
  let codebookRows = 0;
  let maxCodebookRows = 0;
  for (let g = 0; g < G; g++) {
    for (let a = 0; a < slicesM; a++) {
      const m0 = a * p;
      const m1 = Math.min(Mg, (a + 1) * p);
      for (let b = 0; b < slicesC; b++) {
        const c1 = Math.min(Cg, (b + 1) * q);
        let busiest = 0;
        for (let r = 0; r < R; r++) {
          let cycles = 0;
          let peDistinct = 0;
          const peStamp = stamp++;
          for (let c = b * q; c < c1; c++) {
            const channelStamp = stamp++;
            let distinct = 0;
            const base = ((g * Cg + c) * R + r) * Mg;
            for (let m = base + m0; m < base + m1; m++) {
              const j = index[m];
              // Stamps only grow, so one array serves both sets: "seen in this PE" is > peStamp.
              if (seen[j] < peStamp) peDistinct++;
              if (seen[j] !== channelStamp) {
                distinct++;
                seen[j] = channelStamp;
              }
            }
            oneDConvs += distinct;
            cycles += S * distinct + (m1 - m0 - distinct);
          }
          codebookRows += peDistinct;
          maxCodebookRows = Math.max(maxCodebookRows, peDistinct);
          busiest = Math.max(busiest, cycles);
        }
        sliceCycles[(g * slicesM + a) * slicesC + b] = busiest;
      }
    }
  }
  const rows = layer.M * Cg * R;
  return {
    oneDConvs,
    reusedRows: rows - oneDConvs,
    codebookRows,
    maxCodebookRows,
    sliceCycles,
    slicesM,
    slicesC,
    busiestByBlock: new Map(),
  };
}

const filterMajorCache = new WeakMap<Uint32Array, Uint32Array>();

/** The indices reordered (group, channel, row, filter), so a PE's filters for one channel and row are adjacent. */
function filterMajor(layer: Layer, sharing: SharedFilterRows): Uint32Array {
  const known = filterMajorCache.get(sharing.index);
  if (known) return known;
  const { R, groups: G } = layer;
  const Mg = layer.M / G;
  const Cg = layer.C / G;
  const out = new Uint32Array(sharing.index.length);
  for (let g = 0; g < G; g++) {
    for (let mi = 0; mi < Mg; mi++) {
      for (let c = 0; c < Cg; c++) {
        for (let r = 0; r < R; r++) out[((g * Cg + c) * R + r) * Mg + mi] = sharing.index[((g * Mg + mi) * Cg + c) * R + r];
      }
    }
  }
  filterMajorCache.set(sharing.index, out);
  return out;
}

/**
 * Σ over pass tiles (g groups x t filter slices x r channel slices) of the busiest PE's cycles per ofmap row
 * and image: the lockstep pass lasts as long as its busiest PE.
 */
export function busiestPeCycles(layer: Layer, stats: SharingStats, g: number, t: number, r: number): number {
  const key = (g * 4096 + t) * 4096 + r;
  const known = stats.busiestByBlock.get(key);
  if (known !== undefined) return known;
  // Max over each (g groups x t filter slices) block first, kept per (g, t): a search tries many r for one t.
  const blockMax = filterBlockMaxima(layer, stats, g, t);
  const { slicesC } = stats;
  let total = 0;
  for (let row = 0; row < blockMax.length; row += slicesC) {
    for (let b0 = 0; b0 < slicesC; b0 += r) {
      let busiest = 0;
      for (let b = b0; b < Math.min(slicesC, b0 + r); b++) busiest = Math.max(busiest, blockMax[row + b]);
      total += busiest;
    }
  }
  stats.busiestByBlock.set(key, total);
  return total;
}

const blockMaxima = new WeakMap<SharingStats, Map<number, Float64Array>>();

/** Per block of g groups x t filter slices and per channel slice, the busiest slice's cycles. */
function filterBlockMaxima(layer: Layer, stats: SharingStats, g: number, t: number): Float64Array {
  let perStats = blockMaxima.get(stats);
  if (!perStats) blockMaxima.set(stats, (perStats = new Map<number, Float64Array>()));
  const key = g * 4096 + t;
  const known = perStats.get(key);
  if (known) return known;
  const { slicesM, slicesC, sliceCycles } = stats;
  const G = layer.groups;
  const blocksA = Math.ceil(slicesM / t);
  const out = new Float64Array(Math.ceil(G / g) * blocksA * slicesC);
  for (let gi = 0; gi < G; gi++) {
    for (let a = 0; a < slicesM; a++) {
      const row = (Math.floor(gi / g) * blocksA + Math.floor(a / t)) * slicesC;
      const from = (gi * slicesM + a) * slicesC;
      for (let b = 0; b < slicesC; b++) out[row + b] = Math.max(out[row + b], sliceCycles[from + b]);
    }
  }
  perStats.set(key, out);
  return out;
}
