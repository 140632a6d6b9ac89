// Per-layer memo tables shared by every step of one mapping search on one buffer size.
import { glbTileWords } from '../mapping/legality.js';
import { prefetchesGlb, usableGlbWords, type HardwareSpec } from '../hw/spec.js';
import { touchedInputs } from '../model/geometry.js';
import { cachedTileDimension, newTilingCache, stripSums, type TilingCache } from '../model/tiling.js';
import { perGroupSizes, type Layer } from '../workload/layer.js';
import type { DimSizes, TiledDim } from '../mapping/rsMapping.js';

export type GlbFactors = { readonly [D in TiledDim]: number };

export interface SearchContext {
  readonly strips: TilingCache;
  readonly orderMemo: Map<string, TiledDim[][]>;
  /** GLB words a tile may take (usableGlbWords). */
  readonly usableWords: number;
  /**
   * The sizes completions fill their GLB tiles up to: the usable words, and when tiles load ahead (prefetch.glb)
   * also half of them, which leaves room for the next tiles beside the ones in use.
   */
  readonly fillLevels: readonly number[];
  /** Words a GLB tile of `factors` pass tiles per dimension takes (all data types the GLB keeps). */
  glbWords(pass: DimSizes, factors: GlbFactors): number;
  /** Whether such a tile fits in `words` (default: the usable buffer). */
  glbFits(pass: DimSizes, factors: GlbFactors, words?: number): boolean;
}

export function searchContext(layer: Layer, hw: HardwareSpec): SearchContext {
  const usable = usableGlbWords(hw);
  const size = perGroupSizes(layer);
  const ifmapCols = touchedInputs(0, layer.F, layer.stride, layer.S, layer.padding, layer.W);
  const strips = newTilingCache();
  const glbWords = (pass: DimSizes, factors: GlbFactors): number => {
    const tile = (d: TiledDim) => Math.min(size[d], pass[d] * factors[d]);
    // The most ifmap rows a GLB tile of these strips reads (edge tiles lose rows to padding).
    const ifmapRows = stripSums(layer, cachedTileDimension(4, size.E, pass.E, factors.E, strips), strips).glbTouchedRowsMax;
    const w = glbTileWords(layer, hw, { G: pass.G, N: tile('N'), M: tile('M'), C: tile('C'), E: tile('E'), ifmapRows, ifmapCols });
    return w.ifmap + w.filter + w.psum;
  };
  const fillLevels = prefetchesGlb(hw) ? [usable, Math.floor(usable / 2)] : [usable];
  return {
    strips,
    orderMemo: new Map(),
    usableWords: usable,
    fillLevels,
    glbWords,
    glbFits: (pass, factors, words = usable) => glbWords(pass, factors) <= words,
  };
}
