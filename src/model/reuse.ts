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

type Tilings = { readonly [D in TiledDim]: DimTiling };

/**
 * For each dimension, which of its loops lie in the re-fetch prefix of `type` at `boundary`.
 * Relevant dimensions always reach their innermost active loop; irrelevant ones only if outside it.
 */
export function loopReach(
  type: DataType, boundary: Boundary, m: RsMapping, tilings: Tilings,
): { readonly [D in TiledDim]: LoopReach } {
  const relevant = RELEVANT_DIMS[type];
  // Walk the active loops (DRAM level, then GLB level for the array boundary), outermost first, and
  // remember what each dimension reached; keep the state at the innermost relevant loop.
  const reach: { [D in TiledDim]: LoopReach } = { N: 'none', M: 'none', C: 'none', E: 'none' };
  let atInnermost = { ...reach };
  const visit = (dim: TiledDim, level: 'dram' | 'glb') => {
    reach[dim] = level;
    if (relevant.has(dim)) atInnermost = { ...reach };
  };
  for (const dim of m.dramOrder) if (tilings[dim].glbCount > 1) visit(dim, 'dram');
  if (boundary === 'array') {
    for (const dim of m.glbOrder) if (tilings[dim].passCount > tilings[dim].glbCount) visit(dim, 'glb');
  }
  return atInnermost;
}

/** Iterations of an irrelevant dimension's loops inside the prefix: how often a tile is re-fetched. */
export function refetches(reach: LoopReach, tiling: DimTiling): number {
  if (reach === 'glb') return tiling.passCount;
  if (reach === 'dram') return tiling.glbCount;
  return 1;
}
