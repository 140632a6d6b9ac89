// How a mapping cuts each loop dimension into GLB tiles and pass tiles. Because a GLB tile is a whole
// number of pass tiles (or the whole dimension), the pass tiles are the same whatever the GLB tiling:
// full tiles of P and one remainder. Sizes are kept as classes (size x count) so sums stay O(1).
import type { Layer } from '../workload/layer.js';
import { touchedInputs, windowPairs } from './geometry.js';

export interface SizeClass {
  readonly size: number;
  readonly count: number;
}

export interface DimTiling {
  /** GLB tiles, the iterations of this dimension's DRAM-level loop. */
  readonly glbTiles: readonly SizeClass[];
  /** Pass tiles, across all GLB tiles. */
  readonly passTiles: readonly SizeClass[];
  readonly glbCount: number;
  readonly passCount: number;
  /** The largest GLB tile (what the buffer must hold). */
  readonly glbTileMax: number;
}

function split(size: number, tile: number, times = 1): SizeClass[] {
  const full = Math.floor(size / tile);
  const rest = size - full * tile;
  const classes: SizeClass[] = [];
  if (full > 0) classes.push({ size: tile, count: full * times });
  if (rest > 0) classes.push({ size: rest, count: times });
  return classes;
}

const countOf = (classes: readonly SizeClass[]): number => classes.reduce((a, c) => a + c.count, 0);

export function sumOver(classes: readonly SizeClass[], f: (size: number) => number): number {
  let total = 0;
  for (const c of classes) total += c.count * f(c.size);
  return total;
}

/** Tiles of a dimension of `size` with pass tile `passSize` and `glbFactor` pass tiles per GLB tile. */
export function tileDimension(size: number, passSize: number, glbFactor: number): DimTiling {
  const glbSize = Math.min(size, passSize * glbFactor);
  const glbTiles = split(size, glbSize);
  const passTiles = split(size, passSize);
  return {
    glbTiles,
    passTiles,
    glbCount: countOf(glbTiles),
    passCount: countOf(passTiles),
    glbTileMax: glbSize,
  };
}

/** Row sums over ofmap-row strips, where padding makes position matter, not only size. */
export interface StripSums {
  /** Σ over pass strips of the distinct real ifmap rows they read. */
  readonly passTouchedRows: number;
  /** Σ over pass strips of the (filter row, ofmap row) PE pairs whose ifmap row is real. */
  readonly passValidPairs: number;
  /** Σ over GLB tiles of the distinct real ifmap rows they read (halo shared inside a tile). */
  readonly glbTouchedRows: number;
  /** The most ifmap rows one GLB tile holds. */
  readonly glbTouchedRowsMax: number;
  /** Σ over GLB tiles of the width of their first strip. */
  readonly glbFirstStrips: number;
}

/**
 * Tilings depend only on (dimension, pass tile, GLB tile) sizes, strip sums only on the two heights;
 * a search evaluates hundreds of thousands of mappings of one layer, so it reuses them through this cache.
 */
export interface TilingCache {
  readonly strips: Map<number, StripSums>;
  readonly dims: Map<number, DimTiling>;
}

export const newTilingCache = (): TilingCache => ({ strips: new Map(), dims: new Map() });

// Exact integer key while both sizes are below 2^20 (layer dimensions are far smaller); else no caching.
const pairKey = (a: number, b: number): number | null => (a < 1 << 20 && b < 1 << 20 ? a * (1 << 20) + b : null);

export function cachedTileDimension(dimIndex: number, size: number, passSize: number, glbFactor: number, cache?: TilingCache): DimTiling {
  const glbSize = Math.min(size, passSize * glbFactor);
  const pair = pairKey(passSize, glbSize);
  const key = pair === null ? null : pair * 8 + dimIndex;
  const hit = key === null ? undefined : cache?.dims.get(key);
  if (hit) return hit;
  const tiling = tileDimension(size, passSize, glbFactor);
  if (key !== null) cache?.dims.set(key, tiling);
  return tiling;
}

export function stripSums(layer: Layer, tiling: DimTiling, cache?: TilingCache): StripSums {
  const pass = tiling.passTiles[0].size;
  const glb = tiling.glbTileMax;
  const key = pairKey(pass, glb);
  const cached = key === null ? undefined : cache?.strips.get(key);
  if (cached) return cached;
  const { stride, R, padding, H } = layer;
  const rows = (start: number, count: number) => touchedInputs(start, count, stride, R, padding, H);
  let passTouchedRows = 0;
  let passValidPairs = 0;
  for (let start = 0; start < layer.E; start += pass) {
    const count = Math.min(pass, layer.E - start);
    passTouchedRows += rows(start, count);
    passValidPairs += windowPairs(start, count, stride, R, padding, H);
  }
  let glbTouchedRows = 0;
  let glbTouchedRowsMax = 0;
  let glbFirstStrips = 0;
  for (let start = 0; start < layer.E; start += glb) {
    const count = Math.min(glb, layer.E - start);
    const touched = rows(start, count);
    glbTouchedRows += touched;
    glbTouchedRowsMax = Math.max(glbTouchedRowsMax, touched);
    glbFirstStrips += Math.min(pass, count);
  }
  const sums = { passTouchedRows, passValidPairs, glbTouchedRows, glbTouchedRowsMax, glbFirstStrips };
  if (key !== null) cache?.strips.set(key, sums);
  return sums;
}
