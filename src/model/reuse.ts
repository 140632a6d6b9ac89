// The loop-nest reuse rule (as in Timeloop's model): a buffer re-fetches a tile of data type X once per
// iteration of every loop from the outermost one down to the innermost loop that X depends on; loops
// inside that one, over dimensions X does not depend on, reuse the tile for free.
import type { DataType } from '../hw/spec.js';
import type { RsMapping, TiledDim } from '../mapping/rsMapping.js';
import type { DimTiling } from './tiling.js';

export const RELEVANT_DIMS: { readonly [T in DataType]: ReadonlySet<TiledDim> } = {
  ifmap: new Set<TiledDim>(['N', 'C', 'E']),
  filter: new Set<TiledDim>(['M', 'C']),
  psum: new Set<TiledDim>(['N', 'M', 'E']),
};

/** Where the tile being (re)filled lives: in the GLB (filled by DRAM loops) or in the PEs (all loops). */
export type Boundary = 'glb' | 'array';

/** How far each dimension's loops iterate before the innermost relevant loop of a data type. */
export type LoopReach = 'none' | 'dram' | 'glb';

type Tilings = { readonly [D in TiledDim | 'G']: DimTiling };

/**
 * For each dimension, which of its loops lie in the re-fetch prefix of `type` at `boundary`.
 * Relevant dimensions always reach their innermost active loop; irrelevant ones only if outside it.
 */
export function loopReach(type: DataType, boundary: Boundary, m: RsMapping, tilings: Tilings): { readonly [D in TiledDim]: LoopReach } {
  const relevant = RELEVANT_DIMS[type];
  const dramActive = (d: TiledDim) => tilings[d].glbCount > 1;
  const glbActive = (d: TiledDim) => tilings[d].passCount > tilings[d].glbCount;
  // Find where the prefix ends: the innermost active loop the type depends on. Loops run DRAM level
  // first, then GLB level (array boundary only), outermost first; the group loop opens the GLB level and
  // every type depends on it, so when it iterates the prefix takes in all DRAM loops.
  let dramEnd = -1;
  let glbEnd = -1;
  m.dramOrder.forEach((d, i) => {
    if (dramActive(d) && relevant.has(d)) dramEnd = i;
  });
  if (boundary === 'array') {
    if (tilings.G.passCount > tilings.G.glbCount) dramEnd = m.dramOrder.length - 1;
    m.glbOrder.forEach((d, i) => {
      if (glbActive(d) && relevant.has(d)) glbEnd = i;
    });
    if (glbEnd >= 0) dramEnd = m.dramOrder.length - 1;
  }
  const reach: { [D in TiledDim]: LoopReach } = { N: 'none', M: 'none', C: 'none', E: 'none' };
  for (let i = 0; i <= dramEnd; i++) if (dramActive(m.dramOrder[i])) reach[m.dramOrder[i]] = 'dram';
  for (let i = 0; i <= glbEnd; i++) if (glbActive(m.glbOrder[i])) reach[m.glbOrder[i]] = 'glb';
  return reach;
}

/** Iterations of an irrelevant dimension's loops inside the prefix: how often a tile is re-fetched. */
export function refetches(reach: LoopReach, tiling: DimTiling): number {
  if (reach === 'glb') return tiling.passCount;
  if (reach === 'dram') return tiling.glbCount;
  return 1;
}
