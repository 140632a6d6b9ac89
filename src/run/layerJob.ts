// The work done for one distinct layer shape: find (or take) its mapping, evaluate it analytically and,
// with the cycle engine, simulate it. Plain data in and out, so it can run on a worker thread.
import type { HardwareSpec, SharedExecutionName } from '../hw/spec.js';
import { checkGlb, checkPass, NoLegalMappingError } from '../mapping/legality.js';
import type { Objective } from '../search/objective.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { SearchCache } from '../search/cache.js';
import { searchExecutions } from '../search/search.js';
import { executionName, sharedExecutions } from '../mapping/sharedExecutions.js';
import { tileLayer } from '../model/accessCounts.js';
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
}

export interface LayerOutcome {
  readonly best: Evaluation;
  readonly sim?: SimResult;
  /** Shared layers: how the layer runs (the search's choice, or the first that admits a given mapping). */
  readonly execution?: SharedExecutionName;
}

export function runLayerJob(layer: Layer, o: LayerJobOptions): LayerOutcome {
  const { best, layer: view } = o.mapping
    ? evaluateGiven(layer, o.hw, o.mapping, o.executions)
    : searchExecutions(layer, o.hw, o.objective, o.searchLimit, o.cache, o.executions);
  const execution = executionName(view, layer);
  const chosen = { best, ...(execution && { execution }) };
  if (o.engine !== 'cycle') return chosen;
  return { ...chosen, sim: simulateLayer(view, o.hw, best.mapping, { timeline: o.timeline }) };
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

/** A given mapping on the first view of the layer (sharedExecutions) that admits it. */
function evaluateGiven(layer: Layer, hw: HardwareSpec, mapping: RsMapping, allowed?: readonly SharedExecutionName[]): { best: Evaluation; layer: Layer } {
  let firstFailure: string | null = null;
  for (const view of sharedExecutions(layer, hw, allowed)) {
    const tiling = tileLayer(view, mapping);
    const failure = checkPass(view, hw, mapping) ?? checkGlb(view, hw, tiling);
    if (!failure) return { best: evaluateMapping(view, hw, mapping, tiling), layer: view };
    firstFailure ??= failure;
  }
  throw new NoLegalMappingError(layer.name, `the given mapping is not legal: ${firstFailure ?? 'no way to run the layer is allowed'}`);
}
