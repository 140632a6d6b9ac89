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
import { CYCLES_OUT, CYCLES_OUT_COUNT, cyclesInto } from '../model/cycles.js';
import { ENERGY_OUT, energyInto } from '../model/energy.js';
import { evaluateMapping, type Evaluation } from '../model/evaluate.js';
import { FEATURE, FEATURE_COUNT, type FeatureRows } from '../model/features.js';
import type { Layer } from '../workload/layer.js';
import { SearchCache } from './cache.js';
import { completedMapping, GLB_ORDER } from './completions.js';
import { bestFirst } from './bestFirst.js';
import { ONE_TILE } from './candidates.js';
import { isBetter, isBetterKey, objectiveKey, primaryKey, secondaryKey, type Objective } from './objective.js';
import type { Skeleton } from './skeleton.js';

/** Pass tiles completed per layer by default; see README "Mapping search" for the measured trade-off. */
export const DEFAULT_SEARCH_LIMIT = 256;

/**
 * Mappings of the analytical ranking simulated per layer to choose by simulated cycles (cycle engine, latency or
 * edp objective; README "Choosing by simulated time"): 4 finds most of what 8 or 16 find, at a fraction of the cost.
 */
export const DEFAULT_REFINE = 4;

export interface SearchOptions {
  /** How many of the best mappings to return, best first (default 1); a refinement simulates them. */
  readonly keep?: number;
  /** Called with the energy and cycle estimate of every mapping the search evaluates (a trade-off plot). */
  readonly onEvaluated?: (energy: number, cycles: number) => void;
}

export interface SearchResult {
  readonly best: Evaluation;
  /** The `keep` best mappings found, best first (`best` is the first). */
  readonly ranked: readonly Evaluation[];
  /** Mappings fully evaluated (after pruning), for reports and benchmarks. */
  readonly evaluated: number;
  readonly passShapes: number;
  /** Pass tiles (groups of pass shapes) whose bound did not prune them. */
  readonly explored: number;
}

type Key = [number, number];

/** Orders keys best first (isBetter both ways, so keys equal within its tolerance keep their order). */
const compareKeys = (a0: number, a1: number, b0: number, b1: number): number =>
  isBetterKey(a0, a1, b0, b1) ? -1 : isBetterKey(b0, b1, a0, a1) ? 1 : 0;

const energyOut = new Float64Array(6);
const cyclesOut = new Float64Array(CYCLES_OUT_COUNT);

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
  readonly compute: Float64Array;
  readonly ifmapBus: Float64Array;
  /** What the passes fetching filter rows wait per fetch of all rows (a completion multiplies it by its fetches). */
  readonly fetchWait: Float64Array;
}

function boundAll(sk: Skeleton, hw: HardwareSpec, objective: Objective): Bounds {
  const n = sk.count;
  const b: Bounds = {
    key0: new Float64Array(n),
    key1: new Float64Array(n),
    energy: new Float64Array(n),
    compute: new Float64Array(n),
    ifmapBus: new Float64Array(n),
    fetchWait: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    cost(sk.candidates.bounds, sk.boundRow(i), hw);
    const energy = energyTotal();
    b.key0[i] = primaryKey(energy, cyclesTotal(), objective);
    b.key1[i] = secondaryKey(energy, cyclesTotal(), objective);
    b.energy[i] = energy;
    b.compute[i] = cyclesOut[CYCLES_OUT.compute];
    b.ifmapBus[i] = cyclesOut[CYCLES_OUT.nocIfmap];
    b.fetchWait[i] = cyclesOut[CYCLES_OUT.fetchWait];
  }
  return b;
}

/**
 * The items not beaten on every criterion by another: sorted by the criteria (the first, ties by the next, then by
 * position), an item is kept unless an item kept before it is no worse on all but the first criterion. With two
 * criteria that is: better on the second than every item kept so far.
 */
function paretoFront(items: readonly number[], criteria: readonly ((i: number) => number)[]): number[] {
  const order = [...items].sort((x, y) => {
    for (const c of criteria) {
      const d = c(x) - c(y);
      if (d !== 0) return d;
    }
    return 0;
  });
  const front: number[] = [];
  if (criteria.length === 2) {
    let best = Infinity;
    for (const i of order) {
      const v = criteria[1](i);
      if (v < best) {
        best = v;
        front.push(i);
      }
    }
    return front;
  }
  const noWorse = (f: number, i: number) => criteria.every((c, k) => k === 0 || c(f) <= c(i));
  for (const i of order) if (!front.some((f) => noWorse(f, i))) front.push(i);
  return front;
}

/**
 * Shapes of one pass tile that no other shape of that tile beats on energy and on what they add to any
 * completion's cycles. For the energy objective, where cycles only break ties, on energy and fixed cycles.
 */
function paretoShapes(members: readonly number[], b: Bounds, objective: Objective): number[] {
  if (objective === 'energy') return paretoFront(members, [(i) => b.energy[i], (i) => Math.max(b.compute[i], b.ifmapBus[i])]);
  return paretoFront(members, [(i) => b.energy[i], (i) => b.compute[i], (i) => b.ifmapBus[i], (i) => b.fetchWait[i]]);
}

/**
 * The completions of a pass tile worth trying, judged on `position`'s shape: those not beaten on buffered energy
 * and on what they add to the cycles of any shape of the tile: the bandwidth bounds of buffered traffic and, but
 * for the energy objective, the fills the array waits for and how often the filter rows are fetched.
 */
function paretoCompletions(sk: Skeleton, position: number, hw: HardwareSpec, objective: Objective): number[] {
  const scored = sk.completions(position).map((_, i) => {
    const row = sk.completionRow(position, i);
    cost(sk.completionFeatures, row, hw);
    const o = cyclesOut;
    const f = sk.completionFeatures.values;
    const at = row * FEATURE_COUNT;
    return {
      energy: energyTotal(),
      cycles: Math.max(o[CYCLES_OUT.dram], o[CYCLES_OUT.glb], o[CYCLES_OUT.nocFilter], o[CYCLES_OUT.nocPsum]),
      exposed: o[CYCLES_OUT.exposedFill],
      fetched: f[at + FEATURE.fetchDramWords] + f[at + FEATURE.fetchGlbWords] + f[at + FEATURE.fetchBusWords],
    };
  });
  const all = scored.map((_, i) => i);
  if (objective === 'energy') return paretoFront(all, [(i) => scored[i].energy, (i) => scored[i].cycles]);
  return paretoFront(all, [(i) => scored[i].energy, (i) => scored[i].cycles, (i) => scored[i].exposed, (i) => scored[i].fetched]);
}

/** The layer's pass shapes, or NoLegalMappingError naming the constraint when no mapping is legal (none fits). */
function mappableSkeleton(layer: Layer, hw: HardwareSpec, cache: SearchCache) {
  const sk = cache.skeleton(layer, hw);
  if (sk.count === 0) {
    const minimal: RsMapping = {
      e: 1,
      r: 1,
      t: 1,
      g: 1,
      p: 1,
      q: 1,
      n: 1,
      glbFactor: ONE_TILE,
      dramOrder: TILED_DIMS,
      glbOrder: GLB_ORDER,
    };
    throw new NoLegalMappingError(layer.name, sk.firstFailure ?? checkPass(layer, hw, minimal) ?? 'no pass shape fits');
  }
  return sk;
}

/**
 * Throws the NoLegalMappingError searchMapping would when `layer` has no legal mapping on `hw`, without the
 * search: a fraction of its cost, for commands that should fail before hours of other work.
 */
export function assertMappable(layer: Layer, hw: HardwareSpec, cache = new SearchCache()): void {
  mappableSkeleton(layer, hw, cache);
}

/**
 * The best legal mapping of `layer` for `objective`, or NoLegalMappingError naming the constraint.
 * Energy is (a part fixed by the pass shape) + (a part fixed by the pass tile sizes and the completion),
 * and cycles are the max of the same two kinds of parts, so shapes are grouped by pass tile: within a
 * group only the shapes on the (energy, fixed cycles) front can win, and the completions are shared.
 * With `keep` > 1 the search prunes against the keep-th best mapping and returns them all, ranked.
 */
export function searchMapping(
  layer: Layer,
  hw: HardwareSpec,
  objective: Objective,
  limit = DEFAULT_SEARCH_LIMIT,
  cache = new SearchCache(),
  options: SearchOptions = {},
): SearchResult {
  const sk = mappableSkeleton(layer, hw, cache);
  const maxExplored = limit > 0 ? limit : Infinity;
  const keep = Math.max(1, options.keep ?? 1);
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

  // The best mappings found so far, best first; a bound must beat the last of `keep` of them to matter.
  const top: { position: number; completion: number; key: Key }[] = [];
  const threshold = (): Key | null => (top.length === keep ? top[keep - 1].key : null);
  let evaluated = 0;
  let explored = 0;
  for (const g of bestFirst(groupKey0, groupKey1)) {
    const bar = threshold();
    if ((bar && !isBetter([groupKey0[g], groupKey1[g]], bar)) || explored >= maxExplored) break;
    explored++;
    const front = paretoShapes(sk.groups[g], bounds, objective).sort((x, y) => compareKeys(key0[x], key1[x], key0[y], key1[y]));
    const completionsFront = paretoCompletions(sk, front[0], hw, objective);
    for (const position of front) {
      const shapeBar = threshold();
      if (shapeBar && !isBetter([key0[position], key1[position]], shapeBar)) continue;
      for (const completion of completionsFront) {
        evaluated++;
        cost(sk.completionFeatures, sk.completionRow(position, completion), hw);
        options.onEvaluated?.(energyTotal(), cyclesTotal());
        const k: Key = [primaryKey(energyTotal(), cyclesTotal(), objective), secondaryKey(energyTotal(), cyclesTotal(), objective)];
        if (!isBetter(k, threshold())) continue;
        // After every mapping at least as good (so the first found wins ties), as with one kept.
        let at = top.length;
        while (at > 0 && isBetter(k, top[at - 1].key)) at--;
        top.splice(at, 0, { position, completion, key: k });
        if (top.length > keep) top.pop();
      }
    }
  }
  if (top.length === 0) throw new Error(`internal: layer "${layer.name}" has feasible pass shapes but no evaluated mapping`);
  const ranked = top.map(({ position, completion }) => {
    const c = sk.completions(position)[completion];
    return evaluateMapping(layer, hw, completedMapping(sk.shape(position), c), c.tiling);
  });
  return { best: ranked[0], ranked, evaluated, passShapes: sk.count, explored };
}

/** The best mapping of a layer over the ways it can run (sharedExecutions), and the view it runs as. */
export interface ExecutionResult extends Omit<SearchResult, 'ranked'> {
  /** The layer as it runs: with the chosen execution of its sharing, or without sharing when run dense. */
  readonly layer: Layer;
  /** The `keep` best mappings over all views, best first, each with the view it runs as. */
  readonly ranked: readonly { readonly best: Evaluation; readonly layer: Layer }[];
}

/**
 * Searches every view of `layer` (one, for a layer without sharing) and keeps the best by `objective`, the
 * first view winning ties. Fails only when no view has a legal mapping, with the first view's reason.
 */
export function searchExecutions(
  layer: Layer,
  hw: HardwareSpec,
  objective: Objective,
  limit = DEFAULT_SEARCH_LIMIT,
  cache = new SearchCache(),
  allowed?: readonly SharedExecutionName[],
  options: SearchOptions = {},
): ExecutionResult {
  const views = sharedExecutions(layer, hw, allowed);
  if (views.length === 0) {
    throw new NoLegalMappingError(
      layer.name,
      `none of the ways to run a shared layer that weightSharing.executions and --decode allow (${(allowed ?? []).join(', ')}) is possible on this chip`,
    );
  }
  let best: (SearchResult & { layer: Layer }) | null = null;
  const ranked: { best: Evaluation; layer: Layer }[] = [];
  let firstFailure: NoLegalMappingError | null = null;
  for (const view of views) {
    let found: SearchResult;
    try {
      found = searchMapping(view, hw, objective, limit, cache, options);
    } catch (err) {
      if (!(err instanceof NoLegalMappingError)) throw err;
      firstFailure ??= err;
      continue;
    }
    if (!best || isBetter(objectiveKey(found.best, objective), objectiveKey(best.best, objective))) best = { ...found, layer: view };
    ranked.push(...found.ranked.map((ev) => ({ best: ev, layer: view })));
  }
  if (!best) throw firstFailure!;
  // Stable: among equal keys the earlier view keeps its place, as the best does.
  ranked.sort((a, b) => {
    const [ka, kb] = [objectiveKey(a.best, objective), objectiveKey(b.best, objective)];
    return compareKeys(ka[0], ka[1], kb[0], kb[1]);
  });
  return { ...best, ranked: ranked.slice(0, Math.max(1, options.keep ?? 1)) };
}
