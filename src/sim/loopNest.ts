// The controller's program: the mapping's loop nest, walked iteration by iteration. Loops that never
// iterate more than once are dropped (a compiler would not emit them). The walker reports, for every
// loop iteration, the loop's position, so components can load a tile at the top of the innermost active
// loop whose index changes what they hold.
import type { RsMapping, TiledDim, LoopDim } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import type { PassRanges, Span } from './types.js';

export interface Loop {
  readonly dim: LoopDim;
  readonly level: 'dram' | 'glb';
}

/** Tiles of one dimension: GLB tiles of `glbSize`, each cut into pass tiles of `passSize`. */
export interface DimCut {
  readonly size: number;
  readonly passSize: number;
  readonly glbSize: number;
}

export function dimCuts(layer: Layer, m: RsMapping): { readonly [D in LoopDim]: DimCut } {
  const size = { G: layer.groups, N: layer.N, M: layer.M / layer.groups, C: layer.C / layer.groups, E: layer.E };
  const pass = { G: m.g, N: m.n, M: m.p * m.t, C: m.q * m.r, E: m.e };
  const cut = (d: LoopDim): DimCut => ({
    size: size[d],
    passSize: pass[d],
    glbSize: Math.min(size[d], pass[d] * m.glbFactor[d]),
  });
  return { G: cut('G'), N: cut('N'), M: cut('M'), C: cut('C'), E: cut('E') };
}

/** Spans of the tiles of `outer` (a span of the dimension) cut every `tile` indices. */
export function cutSpan(outer: Span, tile: number): Span[] {
  const spans: Span[] = [];
  for (let s = outer.start; s < outer.start + outer.count; s += tile) {
    spans.push({ start: s, count: Math.min(tile, outer.start + outer.count - s) });
  }
  return spans;
}

/** The loops that iterate, outermost first: DRAM level (G first), then GLB level (G first). */
export function activeLoops(cuts: { readonly [D in LoopDim]: DimCut }, m: RsMapping): Loop[] {
  const iteratesAtDram = (d: LoopDim) => cuts[d].glbSize < cuts[d].size;
  // The GLB-level loop iterates if some GLB tile holds more than one pass tile.
  const iteratesAtGlb = (d: LoopDim) => cuts[d].passSize < cuts[d].glbSize;
  const loops: Loop[] = [];
  for (const dim of ['G', ...m.dramOrder] as LoopDim[]) if (iteratesAtDram(dim)) loops.push({ dim, level: 'dram' });
  for (const dim of ['G', ...m.glbOrder] as LoopDim[]) if (iteratesAtGlb(dim)) loops.push({ dim, level: 'glb' });
  return loops;
}

export interface NestVisitor {
  /** Start of an iteration of loop `depth` (index into the active loops); ranges hold the current tiles. */
  enter(depth: number, ranges: PassRanges): void;
  /** End of that iteration. */
  leave(depth: number, ranges: PassRanges): void;
  pass(ranges: PassRanges): void;
}

/**
 * Walks the nest. `ranges` seen by the visitor hold, per dimension, the tile selected by the loops
 * entered so far: the whole dimension before its DRAM loop, a GLB tile inside it, a pass tile inside
 * its GLB loop (or the GLB tile when that loop does not iterate, which then is one pass tile).
 */
export function walkNest(layer: Layer, m: RsMapping, visitor: NestVisitor): void {
  const cuts = dimCuts(layer, m);
  const loops = activeLoops(cuts, m);
  const whole = (d: LoopDim): Span => ({ start: 0, count: cuts[d].size });
  const ranges: { [D in LoopDim]: Span } = { G: whole('G'), N: whole('N'), M: whole('M'), C: whole('C'), E: whole('E') };
  // A dimension whose DRAM loop does not iterate has one GLB tile: the whole dimension.
  const step = (depth: number): void => {
    if (depth === loops.length) {
      visitor.pass({ ...ranges });
      return;
    }
    const { dim, level } = loops[depth];
    const outer = ranges[dim];
    const tile = level === 'dram' ? cuts[dim].glbSize : cuts[dim].passSize;
    for (const span of cutSpan(outer, tile)) {
      ranges[dim] = span;
      visitor.enter(depth, { ...ranges });
      step(depth + 1);
      visitor.leave(depth, { ...ranges });
    }
    ranges[dim] = outer;
  };
  step(0);
}

export const RELEVANT: { readonly [T in 'ifmap' | 'filter' | 'psum']: readonly TiledDim[] } = {
  ifmap: ['N', 'C', 'E'],
  filter: ['M', 'C'],
  psum: ['N', 'M', 'E'],
};

/**
 * Depth of the loop at whose every iteration a tile of `type` is (re)loaded: the innermost active loop
 * over a dimension the type depends on (groups: every type), among the loops above `boundary`.
 * -1: loaded once, before all loops.
 */
export function loadDepth(loops: readonly Loop[], type: 'ifmap' | 'filter' | 'psum', boundary: 'glb' | 'array'): number {
  let depth = -1;
  loops.forEach((loop, i) => {
    if (boundary === 'glb' && loop.level === 'glb') return;
    if (loop.dim === 'G' || (RELEVANT[type] as readonly LoopDim[]).includes(loop.dim)) depth = i;
  });
  return depth;
}
