// Per-layer memo tables shared by every step of one mapping search on one buffer size.
import { glbTileWords, usableGlbWords } from '../mapping/legality.js';
import type { HardwareSpec } from '../hw/spec.js';
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
  /** Words a GLB tile of `factors` pass tiles per dimension takes (all data types the GLB keeps). */
  glbWords(pass: DimSizes, factors: GlbFactors): number;
  /** Whether such a tile fits the usable buffer. */
  glbFits(pass: DimSizes, factors: GlbFactors): boolean;
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
  return { strips, orderMemo: new Map(), usableWords: usable, glbWords, glbFits: (pass, factors) => glbWords(pass, factors) <= usable };
}
