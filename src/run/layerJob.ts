// The work done for one distinct layer shape: find (or take) its mapping, evaluate it analytically and,
// with the cycle engine, simulate it. Plain data in and out, so it can run on a worker thread.
import type { HardwareSpec, SharedExecutionName } from '../hw/spec.js';
import { checkGlb, checkPass, NoLegalMappingError } from '../mapping/legality.js';
import { isBetter, objectiveKeyOf, OBJECTIVES, type Objective } from '../search/objective.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { SearchCache } from '../search/cache.js';
import { searchExecutions } from '../search/search.js';
import { executionName, sharedExecutions } from '../mapping/sharedExecutions.js';
import { tileLayer, type LayerTiling } from '../model/accessCounts.js';
import { evaluateMapping, type Evaluation } from '../model/evaluate.js';
import { simulateLayer } from '../sim/engine.js';
import type { SimResult } from '../sim/types.js';
import type { Layer } from '../workload/layer.js';
import { taskKind } from './task.js';

export type Engine = 'analytical' | 'cycle';

export interface LayerJobOptions {
  readonly hw: HardwareSpec;
  readonly objective: Objective;
  readonly searchLimit?: number;
  /** Counts shared with other searches of this thread (a sweep's points); answers are the same without it. */
  readonly cache?: SearchCache;
  readonly engine: Engine;
  /** Record resource busy intervals in the simulation (one layer at a time: they can be large). */
  readonly timeline?: boolean;
  /** Use this mapping instead of searching (it must be legal for the layer). */
  readonly mapping?: RsMapping;
  /** Shared layers: the ways to run them the search may choose from (default: all the chip supports). */
  readonly executions?: readonly SharedExecutionName[];
  /**
   * With the cycle engine and the latency or edp objective: simulate this many of the best mappings of the
   * analytical ranking and keep the best by simulated cycles (1: the analytical choice, unsimulated others).
   */
  readonly refine?: number;
  /** Also collect the energy and cycle estimate of every mapping the searches for all objectives evaluate. */
  readonly tradeoff?: boolean;
}

/** One mapping a search evaluated: its energy and analytical cycle estimate. */
export interface TradeoffPoint {
  readonly energy: number;
  readonly cycles: number;
}

/** How a refinement chose: among how many simulated candidates (the rest could not win), which rank, and the first one's cycles. */
export interface Refinement {
  readonly candidates: number;
  /** 0: the analytical ranking's first (the unrefined choice) was also the best simulated. */
  readonly chosenRank: number;
  readonly unrefinedCycles: number;
}

export interface LayerOutcome {
  readonly best: Evaluation;
  readonly sim?: SimResult;
  /** Shared layers: how the layer runs (the search's choice, or the first that admits a given mapping). */
  readonly execution?: SharedExecutionName;
  readonly refinement?: Refinement;
  /** With `tradeoff`: the distinct (energy, cycles) of the mappings evaluated, in the order first seen. */
  readonly tradeoff?: readonly TradeoffPoint[];
}

export function runLayerJob(layer: Layer, o: LayerJobOptions): LayerOutcome {
  const outcome = chooseMapping(layer, o);
  return o.tradeoff ? { ...outcome, tradeoff: tradeoffPoints(layer, o) } : outcome;
}

function chooseMapping(layer: Layer, o: LayerJobOptions): LayerOutcome {
  const refine = !o.mapping && o.engine === 'cycle' && o.objective !== 'energy' ? Math.max(1, o.refine ?? 1) : 1;
  if (refine > 1) return refined(layer, o, refine);
  const { best, layer: view } = o.mapping
    ? evaluateGiven(layer, o.hw, o.mapping, o.executions)
    : searchExecutions(layer, o.hw, o.objective, o.searchLimit, o.cache, o.executions);
  const execution = executionName(view, layer);
  const chosen = { best, ...(execution && { execution }) };
  if (o.engine !== 'cycle') return chosen;
  return { ...chosen, sim: simulateLayer(view, o.hw, best.mapping, { timeline: o.timeline }) };
}

/**
 * The objective ranks mappings by the analytical estimate, a lower bound; the simulation can order them
 * otherwise. Simulates the `refine` best of the ranking and keeps the best by simulated cycles (energy x
 * simulated cycles for edp), the better-ranked one on ties, so it is never worse than the first. A candidate
 * whose estimate does not beat the best simulated one cannot win (its simulation is no faster than its
 * estimate), nor can any after it: they are not simulated.
 */
function refined(layer: Layer, o: LayerJobOptions, refine: number): LayerOutcome {
  const { ranked } = searchExecutions(layer, o.hw, o.objective, o.searchLimit, o.cache, o.executions, { keep: refine });
  let chosen = 0;
  let chosenKey: [number, number] | null = null;
  const sims: SimResult[] = [];
  for (const { best, layer: view } of ranked) {
    if (!isBetter(objectiveKeyOf(best.energy.total, best.cycles.cycles, o.objective), chosenKey)) break;
    const sim = simulateLayer(view, o.hw, best.mapping);
    const key = objectiveKeyOf(best.energy.total, sim.stats.cycles, o.objective);
    if (isBetter(key, chosenKey)) [chosen, chosenKey] = [sims.length, key];
    sims.push(sim);
  }
  const { best, layer: view } = ranked[chosen];
  const execution = executionName(view, layer);
  return {
    best,
    sim: o.timeline ? simulateLayer(view, o.hw, best.mapping, { timeline: true }) : sims[chosen],
    ...(execution && { execution }),
    refinement: { candidates: sims.length, chosenRank: chosen, unrefinedCycles: sims[0].stats.cycles },
  };
}

/**
 * The mappings the searches for every objective evaluate, each (energy, cycles) once: the energy search
 * spreads over the cheap mappings, the latency and edp searches over the fast ones.
 */
function tradeoffPoints(layer: Layer, o: LayerJobOptions): TradeoffPoint[] {
  const seen = new Set<string>();
  const points: TradeoffPoint[] = [];
  const onEvaluated = (energy: number, cycles: number) => {
    const key = `${energy} ${cycles}`;
    if (seen.has(key)) return;
    seen.add(key);
    points.push({ energy, cycles });
  };
  for (const objective of OBJECTIVES) {
    try {
      searchExecutions(layer, o.hw, objective, o.searchLimit, o.cache, o.executions, { onEvaluated });
    } catch (err) {
      if (!(err instanceof NoLegalMappingError)) throw err;
    }
  }
  return points;
}

/** One layer job as plain data, for the worker pool. */
export interface LayerJob {
  readonly layer: Layer;
  readonly options: LayerJobOptions;
}

export function runLayerTask(job: LayerJob): LayerOutcome {
  return runLayerJob(job.layer, job.options);
}

export const LAYER_TASK = taskKind(import.meta.url, runLayerTask);

/**
 * Rough relative cost of a layer's search: the pass-shape count grows with the channels a PE can
 * interleave (ifmap spad / S) and the channel replicas that fit the column (rows / R).
 */
export function layerJobCost({ layer, options: { hw } }: LayerJob): number {
  return Math.floor(hw.rf.ifmapWords / layer.S) * Math.floor(hw.peArray.rows / layer.R) * Math.min(layer.E, hw.peArray.cols);
}

/** The prefix of a NoLegalMappingError's constraint when a given mapping (not a search) failed. */
export const GIVEN_MAPPING_ILLEGAL = 'the given mapping is not legal: ';

/** The first view of the layer (sharedExecutions) that admits `mapping`, or the first view's reason why not. */
function fitGiven(
  layer: Layer,
  hw: HardwareSpec,
  mapping: RsMapping,
  allowed?: readonly SharedExecutionName[],
): { readonly view: Layer; readonly tiling: LayerTiling } | { readonly failure: string } {
  let firstFailure: string | null = null;
  for (const view of sharedExecutions(layer, hw, allowed)) {
    const tiling = tileLayer(view, mapping);
    const failure = checkPass(view, hw, mapping) ?? checkGlb(view, hw, tiling);
    if (!failure) return { view, tiling };
    firstFailure ??= failure;
  }
  return { failure: firstFailure ?? 'no way to run the layer is allowed' };
}

/** Why `mapping` cannot run `layer` (the first view's reason), or null when some view of it admits the mapping. */
export function givenMappingFailure(
  layer: Layer,
  hw: HardwareSpec,
  mapping: RsMapping,
  allowed?: readonly SharedExecutionName[],
): string | null {
  const fit = fitGiven(layer, hw, mapping, allowed);
  return 'failure' in fit ? fit.failure : null;
}

/** A given mapping on the first view of the layer that admits it. */
function evaluateGiven(
  layer: Layer,
  hw: HardwareSpec,
  mapping: RsMapping,
  allowed?: readonly SharedExecutionName[],
): { best: Evaluation; layer: Layer } {
  const fit = fitGiven(layer, hw, mapping, allowed);
  if ('failure' in fit) throw new NoLegalMappingError(layer.name, `${GIVEN_MAPPING_ILLEGAL}${fit.failure}`);
  return { best: evaluateMapping(fit.view, hw, mapping, fit.tiling), layer: fit.view };
}
