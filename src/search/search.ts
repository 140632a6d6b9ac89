// Mapping search: every pass shape (e, r, t, g, p, q, n) gets a lower bound, the same pass with one GLB
// tile holding the whole layer (streamed traffic does not depend on the GLB tiling; buffered traffic can
// only grow when the GLB holds less). Pass tiles are then completed (GLB tiling, DRAM loop order) in
// order of their bound until the bound cannot beat the best mapping found, or `limit` pass tiles have
// been completed (0 = no limit: the exact optimum over the enumerated space). Counts come from a
// SearchCache (see cache.ts), energies and cycles from this hardware's tables and bandwidths.
import type { HardwareSpec, SharedExecutionName } from '../hw/spec.js';
import { sharedExecutions } from '../mapping/sharedExecutions.js';
import { NoLegalMappingError, checkPass } from '../mapping/legality.js';
import { TILED_DIMS, type RsMapping } from '../mapping/rsMapping.js';
import { CYCLES_OUT, cyclesInto } from '../model/cycles.js';
import { ENERGY_OUT, energyInto } from '../model/energy.js';
import { evaluateMapping, type Evaluation } from '../model/evaluate.js';
import { FEATURE_COUNT, type FeatureRows } from '../model/features.js';
import type { Layer } from '../workload/layer.js';
import { SearchCache } from './cache.js';
import { completedMapping, GLB_ORDER } from './completions.js';
import { bestFirst } from './bestFirst.js';
import { ONE_TILE } from './candidates.js';
import { isBetter, isBetterKey, objectiveKey, primaryKey, secondaryKey, type Objective } from './objective.js';
import type { Skeleton } from './skeleton.js';

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

type Key = [number, number];

/** Orders keys best first (isBetter both ways, so keys equal within its tolerance keep their order). */
const compareKeys = (a0: number, a1: number, b0: number, b1: number): number =>
  (isBetterKey(a0, a1, b0, b1) ? -1 : isBetterKey(b0, b1, a0, a1) ? 1 : 0);

const energyOut = new Float64Array(6);
const cyclesOut = new Float64Array(9);

/** Costs one feature row on this hardware into energyOut and cyclesOut. */
function cost(rows: FeatureRows, row: number, hw: HardwareSpec): void {
  const f = rows.values;
  const at = row * FEATURE_COUNT;
  energyInto(f, at, hw.energy, energyOut, 0);
  cyclesInto(f, at, hw, cyclesOut, 0);
}

const energyTotal = (): number => energyOut[ENERGY_OUT.total];
const cyclesTotal = (): number => cyclesOut[CYCLES_OUT.cycles];

/** Every chosen shape's lower bound on this hardware, column-wise (a search bounds 10^4..10^5 shapes). */
interface Bounds {
  readonly key0: Float64Array;
  readonly key1: Float64Array;
  readonly energy: Float64Array;
  /** Cycles no completion can change: compute and the ifmap bus. */
  readonly shapeCycles: Float64Array;
}

function boundAll(sk: Skeleton, hw: HardwareSpec, objective: Objective): Bounds {
  const n = sk.count;
  const b: Bounds = { key0: new Float64Array(n), key1: new Float64Array(n), energy: new Float64Array(n), shapeCycles: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    cost(sk.candidates.bounds, sk.boundRow(i), hw);
    const energy = energyTotal();
    b.key0[i] = primaryKey(energy, cyclesTotal(), objective);
    b.key1[i] = secondaryKey(energy, cyclesTotal(), objective);
    b.energy[i] = energy;
    b.shapeCycles[i] = Math.max(cyclesOut[CYCLES_OUT.compute], cyclesOut[CYCLES_OUT.nocIfmap]);
  }
  return b;
}

/** Shapes of one pass tile that no other shape of that tile beats on both energy and fixed cycles. */
function paretoShapes(members: readonly number[], b: Bounds): number[] {
  const sorted = [...members].sort((x, y) => b.energy[x] - b.energy[y] || b.shapeCycles[x] - b.shapeCycles[y]);
  const front: number[] = [];
  let fastest = Infinity;
  for (const i of sorted) {
    if (b.shapeCycles[i] < fastest) {
      front.push(i);
      fastest = b.shapeCycles[i];
    }
  }
  return front;
}

/**
 * The completions of a pass tile worth trying, judged on `position`'s shape: those not beaten on both buffered
 * energy and buffered cycles (the compute time and the ifmap bus, which no completion changes, are left out).
 */
function paretoCompletions(sk: Skeleton, position: number, hw: HardwareSpec): number[] {
  const scored = sk.completions(position).map((_, i) => {
    cost(sk.completionFeatures, sk.completionRow(position, i), hw);
    const o = cyclesOut;
    return { i, energy: energyTotal(), cycles: Math.max(o[CYCLES_OUT.dram], o[CYCLES_OUT.glb], o[CYCLES_OUT.nocFilter], o[CYCLES_OUT.nocPsum]) };
  });
  scored.sort((a, b) => a.energy - b.energy || a.cycles - b.cycles);
  const front: number[] = [];
  let fastest = Infinity;
  for (const s of scored) {
    if (s.cycles < fastest) {
      front.push(s.i);
      fastest = s.cycles;
    }
  }
  return front;
}

/**
 * The best legal mapping of `layer` for `objective`, or NoLegalMappingError naming the constraint.
 * Energy is (a part fixed by the pass shape) + (a part fixed by the pass tile sizes and the completion),
 * and cycles are the max of the same two kinds of parts, so shapes are grouped by pass tile: within a
 * group only the shapes on the (energy, fixed cycles) front can win, and the completions are shared.
 */
export function searchMapping(
  layer: Layer, hw: HardwareSpec, objective: Objective, limit = DEFAULT_SEARCH_LIMIT, cache = new SearchCache(),
): SearchResult {
  const sk = cache.skeleton(layer, hw);
  const maxExplored = limit > 0 ? limit : Infinity;
  if (sk.count === 0) {
    const minimal: RsMapping = { e: 1, r: 1, t: 1, g: 1, p: 1, q: 1, n: 1, glbFactor: ONE_TILE, dramOrder: TILED_DIMS, glbOrder: GLB_ORDER };
    throw new NoLegalMappingError(layer.name, sk.firstFailure ?? checkPass(layer, hw, minimal) ?? 'no pass shape fits');
  }
  const bounds = boundAll(sk, hw, objective);
  const { key0, key1 } = bounds;
  // Each pass tile ranks by its best shape's bound; tiles are completed best bound first.
  const groupKey0 = new Float64Array(sk.groups.length);
  const groupKey1 = new Float64Array(sk.groups.length);
  sk.groups.forEach((members, g) => {
    const best = members.reduce((a, b) => (isBetterKey(key0[b], key1[b], key0[a], key1[a]) ? b : a));
    groupKey0[g] = key0[best];
    groupKey1[g] = key1[best];
  });

  let best: { position: number; completion: number } | null = null;
  let bestKey: Key | null = null;
  let evaluated = 0;
  let explored = 0;
  for (const g of bestFirst(groupKey0, groupKey1)) {
    if ((bestKey && !isBetter([groupKey0[g], groupKey1[g]], bestKey)) || explored >= maxExplored) break;
    explored++;
    const front = paretoShapes(sk.groups[g], bounds).sort((x, y) => compareKeys(key0[x], key1[x], key0[y], key1[y]));
    const completionsFront = paretoCompletions(sk, front[0], hw);
    for (const position of front) {
      if (bestKey && !isBetter([key0[position], key1[position]], bestKey)) continue;
      for (const completion of completionsFront) {
        evaluated++;
        cost(sk.completionFeatures, sk.completionRow(position, completion), hw);
        const k: Key = [primaryKey(energyTotal(), cyclesTotal(), objective), secondaryKey(energyTotal(), cyclesTotal(), objective)];
        if (isBetter(k, bestKey)) [best, bestKey] = [{ position, completion }, k];
      }
    }
  }
  if (!best) throw new Error(`internal: layer "${layer.name}" has feasible pass shapes but no evaluated mapping`);
  const c = sk.completions(best.position)[best.completion];
  return { best: evaluateMapping(layer, hw, completedMapping(sk.shape(best.position), c), c.tiling), evaluated, passShapes: sk.count, explored };
}

/** The best mapping of a layer over the ways it can run (sharedExecutions), and the view it runs as. */
export interface ExecutionResult extends SearchResult {
  /** The layer as it runs: with the chosen execution of its sharing, or without sharing when run dense. */
  readonly layer: Layer;
}

/**
 * Searches every view of `layer` (one, for a layer without sharing) and keeps the best by `objective`, the
 * first view winning ties. Fails only when no view has a legal mapping, with the first view's reason.
 */
export function searchExecutions(
  layer: Layer, hw: HardwareSpec, objective: Objective, limit = DEFAULT_SEARCH_LIMIT, cache = new SearchCache(),
  allowed?: readonly SharedExecutionName[],
): ExecutionResult {
  const views = sharedExecutions(layer, hw, allowed);
  if (views.length === 0) {
    throw new NoLegalMappingError(layer.name, `none of the ways to run a shared layer that weightSharing.executions and --decode allow (${(allowed ?? []).join(', ')}) is possible on this chip`);
  }
  let best: ExecutionResult | null = null;
  let firstFailure: NoLegalMappingError | null = null;
  for (const view of views) {
    let found: SearchResult;
    try {
      found = searchMapping(view, hw, objective, limit, cache);
    } catch (err) {
      if (!(err instanceof NoLegalMappingError)) throw err;
      firstFailure ??= err;
      continue;
    }
    if (!best || isBetter(objectiveKey(found.best, objective), objectiveKey(best.best, objective))) best = { ...found, layer: view };
  }
  if (!best) throw firstFailure!;
  return best;
}
