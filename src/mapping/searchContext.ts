// Per-layer memo tables shared by every step of one mapping search.
import { glbTileWords, usableGlbWords } from './legality.js';
import type { HardwareSpec } from '../hw/spec.js';
import { touchedInputs } from '../model/geometry.js';
import { newTilingCache, type TilingCache } from '../model/tiling.js';
import type { Layer } from '../workload/layer.js';
import type { DimSizes, TiledDim } from './rsMapping.js';
import { perGroupSizes } from '../model/accessCounts.js';

export interface SearchContext {
  readonly strips: TilingCache;
  readonly orderMemo: Map<string, TiledDim[][]>;
  /** Whether a GLB tile of `factors` pass tiles per dimension fits the usable buffer. */
  glbFits(pass: DimSizes, factors: { readonly [D in TiledDim]: number }): boolean;
}

export function searchContext(layer: Layer, hw: HardwareSpec): SearchContext {
  const usable = usableGlbWords(hw);
  const size = perGroupSizes(layer);
  const ifmapCols = touchedInputs(0, layer.F, layer.stride, layer.S, layer.padding, layer.W);
  const rowsMemo = new Map<number, number>();
  // The most ifmap rows any GLB tile of `tileE` ofmap rows reads (edge tiles lose rows to padding).
  const ifmapRows = (tileE: number) => {
    let rows = rowsMemo.get(tileE);
    if (rows === undefined) {
      rows = 0;
      for (let start = 0; start < layer.E; start += tileE) {
        const count = Math.min(tileE, layer.E - start);
        rows = Math.max(rows, touchedInputs(start, count, layer.stride, layer.R, layer.padding, layer.H));
      }
      rowsMemo.set(tileE, rows);
    }
    return rows;
  };
  return {
    strips: newTilingCache(),
    orderMemo: new Map(),
    glbFits(pass, factors) {
      const tile = (d: TiledDim) => Math.min(size[d], pass[d] * factors[d]);
      const E = tile('E');
      const w = glbTileWords(layer, hw, {
        G: pass.G, N: tile('N'), M: tile('M'), C: tile('C'), E, ifmapRows: ifmapRows(E), ifmapCols,
      });
      return w.ifmap + w.filter + w.psum <= usable;
    },
  };
}
