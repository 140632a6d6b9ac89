// Completions of a pass shape: the GLB tilings and DRAM loop orders around it worth evaluating.
import type { HardwareSpec } from '../hw/spec.js';
import { tileLayer, type LayerTiling } from '../model/accessCounts.js';
import { evaluateMapping } from '../model/evaluate.js';
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

export interface Completion {
  readonly mapping: RsMapping;
  readonly tiling: LayerTiling;
}

/**
 * Completions of a pass shape: GLB tilings that fill the buffer (no factor can grow and still fit;
 * a larger GLB tile never adds traffic) under each distinct DRAM order.
 */
function* completions(layer: Layer, shape: PassShape, ctx: SearchContext): Generator<Completion> {
  const pass = passTileOf(shape);
  const size = perGroupSizes(layer);
  const fits = (N: number, M: number, C: number, E: number) => ctx.glbFits(pass, { N, M, C, E });
  const [fn, fm, fc, fe] = TILED_DIMS.map((d) => glbFactorChoices(Math.ceil(size[d] / pass[d])));
  const grows = (list: number[], v: number, fitsWith: (bigger: number) => boolean) => {
    const bigger = list[list.indexOf(v) + 1];
    return bigger !== undefined && fitsWith(bigger);
  };
  for (const N of fn) for (const M of fm) for (const C of fc) {
    let E = 0;
    for (let i = fe.length - 1; i >= 0 && E === 0; i--) if (fits(N, M, C, fe[i])) E = fe[i];
    if (E === 0) continue;
    if (grows(fn, N, (b) => fits(b, M, C, E)) || grows(fm, M, (b) => fits(N, b, C, E)) || grows(fc, C, (b) => fits(N, M, b, E))) {
      continue;
    }
    const base: RsMapping = { ...shape, glbFactor: { G: 1, N, M, C, E }, dramOrder: TILED_DIMS, glbOrder: GLB_ORDER };
    const tl = tileLayer(layer, base, ctx.strips);
    for (const dramOrder of distinctDramOrders(base, tl, ctx.orderMemo)) yield { mapping: { ...base, dramOrder }, tiling: tl };
  }
}

/**
 * Everything a completion changes depends on the pass shape only through its pass tile sizes, so the
 * completions worth trying are found once per pass tile: those not beaten on both buffered energy and
 * buffered cycles (the compute time and the ifmap bus, which no completion changes, are left out).
 */
export function paretoCompletions(layer: Layer, hw: HardwareSpec, shape: PassShape, ctx: SearchContext): Completion[] {
  const scored: { c: Completion; energy: number; cycles: number }[] = [];
  for (const c of completions(layer, shape, ctx)) {
    const ev = evaluateMapping(layer, hw, c.mapping, c.tiling);
    const cyc = ev.cycles;
    scored.push({ c, energy: ev.energy.total, cycles: Math.max(cyc.dramCycles, cyc.glbCycles, cyc.nocCyclesByType.filter, cyc.nocCyclesByType.psum) });
  }
  scored.sort((a, b) => a.energy - b.energy || a.cycles - b.cycles);
  const front: Completion[] = [];
  let fastest = Infinity;
  for (const s of scored) {
    if (s.cycles < fastest) {
      front.push(s.c);
      fastest = s.cycles;
    }
  }
  return front;
}

