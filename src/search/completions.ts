// Completions of a pass shape: the GLB tilings and DRAM loop orders around it worth evaluating.
import { tileLayer, type LayerTiling } from '../model/accessCounts.js';
import { loopReach } from '../model/reuse.js';
import { perGroupSizes, type Layer } from '../workload/layer.js';
import type { SearchContext } from './searchContext.js';
import { passTileOf, type PassShape } from '../mapping/passShapes.js';
import { TILED_DIMS, type RsMapping, type TiledDim } from '../mapping/rsMapping.js';

/** Loop orders worth distinguishing: permutations of the loops that iterate more than once. */
export function loopOrders(active: readonly TiledDim[]): TiledDim[][] {
  const idle = TILED_DIMS.filter((d) => !active.includes(d));
  const perms: TiledDim[][] = [];
  const permute = (rest: TiledDim[], acc: TiledDim[]) => {
    if (rest.length === 0) perms.push([...acc, ...idle]);
    rest.forEach((d, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, d]));
  };
  permute([...active], []);
  return perms;
}

/** GLB factors (pass tiles per GLB tile) worth trying, ascending: ones giving distinct GLB tile counts. */
function glbFactorChoices(passCount: number): number[] {
  const choices = new Set<number>([1]);
  for (let tiles = 1; tiles <= passCount; tiles = tiles < 4 ? tiles + 1 : tiles * 2) {
    choices.add(Math.ceil(passCount / tiles));
  }
  return [...choices].sort((a, b) => a - b);
}

/**
 * DRAM loop orders that differ in what they reuse. Only the GLB-boundary reuse of each data type and the
 * filter's reuse in the spads depend on the DRAM order, so orders with the same reach are equivalent.
 */
function distinctDramOrders(base: RsMapping, tl: LayerTiling, memo: Map<string, TiledDim[][]>): TiledDim[][] {
  const active = TILED_DIMS.filter((d) => tl.dims[d].glbCount > 1);
  const glbActive = TILED_DIMS.filter((d) => tl.dims[d].passCount > tl.dims[d].glbCount);
  // Reach depends only on which loops iterate at each level, so the answer is shared across tilings.
  const memoKey = `${active.join('')}/${glbActive.join('')}`;
  const known = memo.get(memoKey);
  if (known) return known;
  const seen = new Set<string>();
  const orders: TiledDim[][] = [];
  for (const dramOrder of loopOrders(active)) {
    const m = { ...base, dramOrder };
    const signature = [
      loopReach('ifmap', 'glb', m, tl.dims).M,
      loopReach('psum', 'glb', m, tl.dims).C,
      ...Object.values(loopReach('filter', 'glb', m, tl.dims)),
      ...Object.values(loopReach('filter', 'array', m, tl.dims)),
    ].join();
    if (!seen.has(signature)) {
      seen.add(signature);
      orders.push(dramOrder);
    }
  }
  memo.set(memoKey, orders);
  return orders;
}

/** GLB order that keeps filters in the spads longest; no other count depends on the GLB order. */
export const GLB_ORDER: readonly TiledDim[] = ['M', 'C', 'N', 'E'];

/** A GLB tiling and DRAM loop order around a pass tile; with a pass shape of that tile, a whole mapping. */
export interface Completion {
  readonly glbFactor: RsMapping['glbFactor'];
  readonly dramOrder: readonly TiledDim[];
  readonly tiling: LayerTiling;
}

export const completedMapping = (s: PassShape, c: Completion): RsMapping => ({
  e: s.e,
  r: s.r,
  t: s.t,
  g: s.g,
  p: s.p,
  q: s.q,
  n: s.n,
  glbFactor: c.glbFactor,
  dramOrder: c.dramOrder,
  glbOrder: GLB_ORDER,
});

/**
 * Completions of a pass tile: GLB tilings that fill the buffer (no factor can grow and still fit; a larger
 * GLB tile never adds traffic) under each distinct DRAM order, for each of the context's fill levels (tiles
 * that leave room for loading ahead trade traffic for overlap). Everything a completion changes depends on
 * the pass shape only through its pass tile sizes, so they are found once per pass tile.
 */
export function tileCompletions(layer: Layer, shape: PassShape, ctx: SearchContext): Completion[] {
  const pass = passTileOf(shape);
  const size = perGroupSizes(layer);
  const [fn, fm, fc, fe] = TILED_DIMS.map((d) => glbFactorChoices(Math.ceil(size[d] / pass[d])));
  const grows = (list: number[], v: number, fitsWith: (bigger: number) => boolean) => {
    const bigger = list[list.indexOf(v) + 1];
    return bigger !== undefined && fitsWith(bigger);
  };
  const found: Completion[] = [];
  const seen = new Set<string>();
  for (const level of ctx.fillLevels) {
    const fits = (N: number, M: number, C: number, E: number) => ctx.glbFits(pass, { N, M, C, E }, level);
    for (const N of fn)
      for (const M of fm)
        for (const C of fc) {
          let E = 0;
          for (let i = fe.length - 1; i >= 0 && E === 0; i--) if (fits(N, M, C, fe[i])) E = fe[i];
          if (E === 0) continue;
          if (grows(fn, N, (b) => fits(b, M, C, E)) || grows(fm, M, (b) => fits(N, b, C, E)) || grows(fc, C, (b) => fits(N, M, b, E))) {
            continue;
          }
          const key = `${N},${M},${C},${E}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const base: RsMapping = { ...shape, glbFactor: { G: 1, N, M, C, E }, dramOrder: TILED_DIMS, glbOrder: GLB_ORDER };
          const tiling = tileLayer(layer, base, ctx.strips);
          for (const dramOrder of distinctDramOrders(base, tiling, ctx.orderMemo))
            found.push({ glbFactor: base.glbFactor, dramOrder, tiling });
        }
  }
  return found;
}
