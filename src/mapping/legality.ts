// The constraints an RS mapping must meet on a hardware spec. Each check returns the failing constraint
// in words a hardware designer can act on, or null when the mapping is legal.
import { usableGlbWords, type HardwareSpec } from '../hw/spec.js';
import { perGroupSizes, type Layer } from '../workload/layer.js';
import type { LayerTiling } from '../model/accessCounts.js';
import type { RsMapping } from './rsMapping.js';
import { sharingStats } from './sharingStats.js';
import { indexWords, peSharing, residentCodebookWords, type SharedFilterRows } from '../workload/sharedRows.js';

export interface ArraySlots {
  /** PE sets that fit vertically (R rows each) and horizontally (e columns each). */
  readonly vertical: number;
  readonly horizontal: number;
}

export function arraySlots(layer: Layer, hw: HardwareSpec, e: number): ArraySlots {
  return { vertical: Math.floor(hw.peArray.rows / layer.R), horizontal: Math.floor(hw.peArray.cols / e) };
}

/** Spatial and scratchpad constraints of one processing pass. */
export function checkPass(layer: Layer, hw: HardwareSpec, m: RsMapping): string | null {
  const { rows, cols } = hw.peArray;
  if (layer.R > rows) {
    return `filter height R=${layer.R} exceeds the ${rows} PE rows (peArray.rows): RS keeps one filter row per PE row`;
  }
  if (m.e > cols || m.e > layer.E) return `e=${m.e} ofmap rows per set exceeds the ${cols} PE columns or E=${layer.E}`;
  const slots = arraySlots(layer, hw, m.e);
  if (m.r > slots.vertical) return `r=${m.r} channel replicas of ${layer.R} rows exceed the ${rows} PE rows`;
  if (m.t * m.g > Math.floor(slots.vertical / m.r) * slots.horizontal) {
    return `g*t=${m.g * m.t} sets of ${layer.R * m.r}x${m.e} PEs do not fit the ${rows}x${cols} array`;
  }
  if (m.q * layer.S > hw.rf.ifmapWords) {
    return `ifmap spad holds ${hw.rf.ifmapWords} words but q*S = ${m.q}*${layer.S} are needed (rf.ifmapWords)`;
  }
  if (m.p > hw.rf.psumWords) return `psum spad holds ${hw.rf.psumWords} words but p=${m.p} are needed (rf.psumWords)`;
  const size = perGroupSizes(layer);
  if (m.g > size.G || m.n > size.N || m.p > size.M || m.q > size.C) {
    return 'a per-PE or per-pass factor exceeds the layer dimension it tiles';
  }
  const sharing = peSharing(layer);
  return sharing ? checkSharedSpads(layer, sharing, hw, m) : checkFilterSpad(layer, hw, m);
}

function checkFilterSpad(layer: Layer, hw: HardwareSpec, m: RsMapping): string | null {
  if (m.p * m.q * layer.S > hw.rf.filterWords) {
    return `filter spad holds ${hw.rf.filterWords} words but p*q*S = ${m.p * m.q * layer.S} are needed (rf.filterWords)`;
  }
  return null;
}

/** A shared layer's PE keeps p*q indices in its filter spad and the centroids they name in its codebook. */
function checkSharedSpads(layer: Layer, sharing: SharedFilterRows, hw: HardwareSpec, m: RsMapping): string | null {
  const ws = hw.weightSharing;
  if (sharing.indexBits > ws.maxIndexBits) {
    return `${sharing.indexBits}-bit indices (k=${sharing.k}) exceed the ${ws.maxIndexBits} bits the PEs decode (weightSharing.maxIndexBits)`;
  }
  const indexSpadWords = Math.ceil(indexWords(m.p * m.q, sharing.indexBits, hw.wordBits));
  const codebookWords = sharingStats(layer, sharing, m.p, m.q, true).maxCodebookRows * layer.S; // the same with or without reuse
  if (ws.codebookLocation === 'filterSpad') {
    if (indexSpadWords + codebookWords > hw.rf.filterWords) {
      return `filter spad holds ${hw.rf.filterWords} words but ${indexSpadWords} of indices and ${codebookWords} of centroids are needed (rf.filterWords)`;
    }
    return null;
  }
  if (indexSpadWords > hw.rf.filterWords) {
    return `filter spad holds ${hw.rf.filterWords} words but p*q = ${m.p * m.q} indices need ${indexSpadWords} (rf.filterWords)`;
  }
  if (codebookWords > ws.codebookRfWords) {
    return `codebook RF holds ${ws.codebookRfWords} words but a PE's rows name ${codebookWords / layer.S} centroids of S=${layer.S} (weightSharing.codebookRfWords)`;
  }
  return null;
}

/** The most filters one PE can hold for q channels, as far as the filter spad alone decides. */
export function maxFiltersPerPe(layer: Layer, hw: HardwareSpec, q: number): number {
  const byPsums = hw.rf.psumWords;
  const sharing = peSharing(layer);
  if (!sharing) return Math.min(byPsums, Math.floor(hw.rf.filterWords / (q * layer.S)));
  return Math.min(byPsums, Math.floor((hw.rf.filterWords * hw.wordBits) / (q * sharing.indexBits)));
}

/** Sizes of one GLB tile: per dimension, and the real ifmap rows its ofmap rows read. */
export interface GlbTileSizes {
  readonly G: number;
  readonly N: number;
  readonly M: number;
  readonly C: number;
  readonly E: number;
  readonly ifmapRows: number;
  readonly ifmapCols: number;
}

export function glbTileSizes(tl: LayerTiling): GlbTileSizes {
  const d = tl.dims;
  return {
    G: d.G.glbTileMax,
    N: d.N.glbTileMax,
    M: d.M.glbTileMax,
    C: d.C.glbTileMax,
    E: d.E.glbTileMax,
    ifmapRows: tl.strips.glbTouchedRowsMax,
    ifmapCols: tl.touchedCols,
  };
}

/** Words of each data type the GLB must hold for one GLB tile (zero for bypassed types). */
export function glbTileWords(layer: Layer, hw: HardwareSpec, t: GlbTileSizes) {
  const kept = (type: 'ifmap' | 'filter' | 'psum') => !hw.glb.bypass.includes(type);
  const rows = t.G * t.M * t.C * layer.R;
  // A shared tile stores its indices and at most one copy of each centroid they name, or, when the whole
  // codebook is kept in the GLB, the indices beside that codebook.
  const sharing = layer.sharing;
  const resident = residentCodebookWords(layer);
  const filterTile = !sharing
    ? rows * layer.S
    : Math.ceil(indexWords(rows, sharing.indexBits, hw.wordBits)) + (resident > 0 ? 0 : Math.min(sharing.k, rows) * layer.S);
  return {
    ifmap: kept('ifmap') ? t.G * t.N * t.C * t.ifmapRows * t.ifmapCols : 0,
    filter: (kept('filter') ? filterTile : 0) + resident,
    psum: kept('psum') ? t.G * t.N * t.M * t.E * layer.F : 0,
  };
}

export function checkGlb(layer: Layer, hw: HardwareSpec, tl: LayerTiling): string | null {
  const words = glbTileWords(layer, hw, glbTileSizes(tl));
  const needed = words.ifmap + words.filter + words.psum;
  const usable = usableGlbWords(hw);
  if (needed > usable) {
    return (
      `GLB tile needs ${needed} words (ifmap ${words.ifmap}, filter ${words.filter}, psum ${words.psum}) ` +
      `but ${usable} are usable (glb.capacityBytes${hw.glb.doubleBuffer ? ', halved by glb.doubleBuffer' : ''})`
    );
  }
  return null;
}

/** A layer with no legal mapping on a hardware: names the layer, the failing constraint and the file. */
export class NoLegalMappingError extends Error {
  override readonly name = 'NoLegalMappingError';
  constructor(
    readonly layer: string,
    readonly constraint: string,
    readonly hardwareFile?: string,
  ) {
    const hardware = hardwareFile ? `the hardware in ${hardwareFile}` : 'this hardware';
    super(`layer "${layer}" has no legal row-stationary mapping on ${hardware}: ${constraint}`);
  }
}
