// Mapping search: every pass shape (e, r, t, g, p, q, n) gets a lower bound, the same pass with one GLB
// tile holding the whole layer (streamed traffic does not depend on the GLB tiling; buffered traffic can
// only grow when the GLB holds less). Pass tiles are then completed (GLB tiling, DRAM loop order) in
// order of their bound until the bound cannot beat the best mapping found, or `limit` pass tiles have
// been completed (0 = no limit: the exact optimum over the enumerated space).
import type { HardwareSpec } from '../hw/spec.js';
import { tileLayer } from '../model/accessCounts.js';
import { evaluateMapping, type Evaluation } from '../model/evaluate.js';
import type { Layer } from '../workload/layer.js';
import { GLB_ORDER, paretoCompletions } from './completions.js';
import { checkGlb, checkPass, NoLegalMappingError } from '../mapping/legality.js';
import { isBetter, objectiveKey, type Objective } from './objective.js';
import { passShapes, passTileOf, type PassShape } from '../mapping/passShapes.js';
import { TILED_DIMS, type RsMapping } from '../mapping/rsMapping.js';
import { searchContext } from './searchContext.js';
import { ShapeTable, type StoredShape } from './shapeTable.js';

/** Pass tiles completed per layer by default; see README "Mapping search" for the measured trade-off. */
export const DEFAULT_SEARCH_LIMIT = 256;


export interface SearchResult {
  readonly best: Evaluation;
  /** Mappings fully evaluated (after pruning), for reports and benchmarks. */
  readonly evaluated: number;
  readonly passShapes: number;
  /** Pass tiles (groups of pass shapes) whose bound did not prune them. */
  readonly explored: number;
}

const ONE_TILE: RsMapping['glbFactor'] = { G: 1, N: Infinity, M: Infinity, C: Infinity, E: Infinity };
const BOUND_TILING = { glbFactor: ONE_TILE, dramOrder: TILED_DIMS, glbOrder: GLB_ORDER } as const;
const ONE_PASS = { N: 1, M: 1, C: 1, E: 1 } as const;

/** Shapes of one pass tile that no other shape of that tile beats on both energy and fixed cycles. */
function paretoShapes(shapes: StoredShape[]): StoredShape[] {
  const sorted = [...shapes].sort((a, b) => a.energy - b.energy || a.shapeCycles - b.shapeCycles);
  const front: StoredShape[] = [];
  let fastest = Infinity;
  for (const s of sorted) {
    if (s.shapeCycles < fastest) {
      front.push(s);
      fastest = s.shapeCycles;
    }
  }
  return front;
}

const tileKeyOf = (shape: PassShape): string => `${shape.g},${shape.n},${shape.p * shape.t},${shape.q * shape.r},${shape.e}`;

/**
 * The best legal mapping of `layer` for `objective`, or NoLegalMappingError naming the constraint.
 * Energy is (a part fixed by the pass shape) + (a part fixed by the pass tile sizes and the completion),
 * and cycles are the max of the same two kinds of parts, so shapes are grouped by pass tile: within a
 * group only the shapes on the (energy, fixed cycles) front can win, and the completions are shared.
 */
export function searchMapping(layer: Layer, hw: HardwareSpec, objective: Objective, limit = DEFAULT_SEARCH_LIMIT): SearchResult {
  const ctx = searchContext(layer, hw);
  const maxExplored = limit > 0 ? limit : Infinity;
  const table = new ShapeTable();
  let firstFailure: string | null = null;
  // A pass tile whose smallest GLB tile (one pass) overflows the buffer has no completion at all.
  const glbHolds = (shape: PassShape) => {
    if (ctx.glbFits(passTileOf(shape), ONE_PASS)) return true;
    const onePass: RsMapping = { ...shape, glbFactor: { G: 1, N: 1, M: 1, C: 1, E: 1 }, dramOrder: TILED_DIMS, glbOrder: GLB_ORDER };
    firstFailure ??= checkGlb(layer, hw, tileLayer(layer, onePass, ctx.strips));
    return false;
  };
  // Each shape comes completed with the bound's tiling, so no copy is made per shape (there are 10^4..10^5).
  for (const lowerBound of passShapes(layer, hw, BOUND_TILING, glbHolds)) {
    const ev = evaluateMapping(layer, hw, lowerBound, tileLayer(layer, lowerBound, ctx.strips));
    const shapeCycles = Math.max(ev.cycles.computeCycles, ev.cycles.nocCyclesByType.ifmap);
    table.add(lowerBound, tileKeyOf(lowerBound), objectiveKey(ev, objective), ev.energy.total, shapeCycles);
  }
  if (table.count === 0) {
    const minimal: RsMapping = { e: 1, r: 1, t: 1, g: 1, p: 1, q: 1, n: 1, glbFactor: ONE_TILE, dramOrder: TILED_DIMS, glbOrder: GLB_ORDER };
    throw new NoLegalMappingError(layer.name, firstFailure ?? checkPass(layer, hw, minimal) ?? 'no pass shape fits');
  }
  const byKey = (a: { key: [number, number] }, b: { key: [number, number] }) =>
    isBetter(a.key, b.key) ? -1 : isBetter(b.key, a.key) ? 1 : 0;
  const ranked = table.groups()
    .map((members) => {
      const best = members.reduce((a, b) => (isBetter(table.bound(b).key, table.bound(a).key) ? b : a));
      return { key: table.bound(best).key, members };
    })
    .sort(byKey);

  let best: Evaluation | null = null;
  let bestKey: [number, number] | null = null;
  let evaluated = 0;
  let explored = 0;
  for (const { key, members } of ranked) {
    if ((bestKey && !isBetter(key, bestKey)) || explored >= maxExplored) break;
    explored++;
    const front = paretoShapes(members.map((i) => table.shape(i))).sort(byKey);
    const completionsFront = paretoCompletions(layer, hw, front[0].shape, ctx);
    for (const { shape, key: shapeBound } of front) {
      if (bestKey && !isBetter(shapeBound, bestKey)) continue;
      for (const { mapping, tiling } of completionsFront) {
        const { glbFactor, dramOrder, glbOrder } = mapping;
        const ev = evaluateMapping(layer, hw, { ...shape, glbFactor, dramOrder, glbOrder }, tiling);
        evaluated++;
        const k = objectiveKey(ev, objective);
        if (isBetter(k, bestKey)) [best, bestKey] = [ev, k];
      }
    }
  }
  if (!best) throw new Error(`internal: layer "${layer.name}" has feasible pass shapes but no evaluated mapping`);
  return { best, evaluated, passShapes: table.count, explored };
}
