// One point of the validation: one model at one cluster rate. Share every conv layer with k-means, run the
// shared network through the cycle-level simulator, and compute the paper's metric of the same layers.
// Plain data in and out, so a point can run on a worker thread: a point is seconds of single-threaded work
// (k-means, mapping search, simulation, metric) and points are independent, so on n cores n points run at once.
import { convLayers, ratePlan, shareNetwork } from '../compress/plan.js';
import { withSharing } from '../compress/sharedNetwork.js';
import type { HardwareSpec } from '../hw/spec.js';
import type { EnergyBreakdown } from '../model/result.js';
import { analyzeNetwork } from '../run/analyzeNetwork.js';
import { taskKind } from '../run/task.js';
import { rowCount } from '../compress/rowVectors.js';
import { filterWords, layerMacs } from '../workload/layer.js';
import { heNormalWeights } from '../workload/weights/synthetic.js';
import { resolveModel } from '../workload/zoo/index.js';
import { sharedMetric, sharingMeasures, type MetricParts, type SharingMeasures } from './sharedMetric.js';
import { VALIDATION_KMEANS } from './setup.js';

export interface PointJob {
  readonly model: string;
  readonly rate: number;
  readonly batch: number;
  /** Conv layer i gets synthetic He-normal weights from seed weightSeed + i (as `dkm-sim compress`). */
  readonly weightSeed: number;
  readonly hw: HardwareSpec;
  readonly hardwareFile: string;
  /** Lloyd steps at most per layer (VALIDATION_KMEANS.maxIterations unless a study varies it). */
  readonly kmeansMaxIterations: number;
}

/** Simulated work the metric has no term for, summed over the conv layers (counts, and energy in hw units). */
export interface Unmodelled {
  /** MACs of the dense layers, and those the simulator ran (fewer where filters in one PE reuse a 1-D convolution). */
  readonly denseMacs: number;
  readonly macs: number;
  readonly codebookLookups: number;
  readonly codebookLookupEnergy: number;
  readonly psumAdds: number;
  readonly psumAddEnergy: number;
  /** Index reads from the filter spads (a shared layer's rf filter reads). */
  readonly indexReads: number;
  /** Filter words (a shared layer's indices and per-PE codebooks) read from DRAM and from the GLB, and carried over the NoC. */
  readonly filterDramWords: number;
  readonly filterGlbWords: number;
  readonly filterNocWords: number;
}

export interface PointLayer extends SharingMeasures {
  readonly name: string;
  readonly rows: number;
  readonly k: number;
  readonly metric: MetricParts;
  readonly simulated: EnergyBreakdown;
}

export interface ValidationPoint {
  readonly model: string;
  readonly rate: number;
  readonly kTotal: number;
  readonly rowsTotal: number;
  /** Weight CR of all conv layers together (32-bit weights / compressed bits). */
  readonly cr: { readonly fixed: number; readonly entropy: number };
  /** Duplicated filters over all conv filters. */
  readonly duplicateFilterFraction: number;
  readonly metric: { readonly fixed: MetricParts; readonly entropy: MetricParts };
  readonly simulated: EnergyBreakdown;
  readonly unmodelled: Unmodelled;
  readonly layers: readonly PointLayer[];
}

export function runPoint(job: PointJob): ValidationPoint {
  const { hw } = job;
  const full = resolveModel(job.model, job.batch);
  const network = { name: full.name, layers: convLayers(full.layers) };
  const layers = network.layers;
  const sharings = shareNetwork(
    layers, (layer, i) => heNormalWeights(layer, job.weightSeed + i), ratePlan(layers, job.rate, job.rate),
    { seedBase: VALIDATION_KMEANS.seedBase, maxIterations: job.kmeansMaxIterations },
  );
  const run = analyzeNetwork(withSharing(network, sharings), hw, { objective: 'energy', engine: 'cycle', hardwareFile: job.hardwareFile });
  const measures = layers.map((layer, i) => sharingMeasures(layer, sharings[i]));
  const fixed = sharedMetric(layers, measures, hw.wordBits, 'fixed');
  const entropy = sharedMetric(layers, measures, hw.wordBits, 'entropy');

  const sum = (f: (i: number) => number) => layers.reduce((a, _l, i) => a + f(i), 0);
  const detail = (i: number) => run.layers[i].accessDetail;
  const lookups = sum((i) => detail(i).sharing?.codebookLookups ?? 0);
  const psumAdds = sum((i) => detail(i).sharing?.psumAdds ?? 0);
  const shared = (i: number) => sharings[i].k < sharings[i].rows;
  // Model CR = all original bits / all compressed bits; FLOAT_BITS cancels, so words stand in for bits.
  const words = (i: number) => filterWords(layers[i]);
  const modelCr = (cr: (m: SharingMeasures) => number) => sum(words) / sum((i) => words(i) / cr(measures[i]));
  return {
    model: job.model,
    rate: job.rate,
    kTotal: sum((i) => sharings[i].k),
    rowsTotal: sum((i) => sharings[i].rows),
    cr: { fixed: modelCr((m) => m.crFixed), entropy: modelCr((m) => m.crEntropy) },
    duplicateFilterFraction: sum((i) => measures[i].duplicateFilterFraction * layers[i].M) / sum((i) => layers[i].M),
    metric: { fixed: fixed.total, entropy: entropy.total },
    simulated: run.totals.energy,
    unmodelled: {
      denseMacs: sum((i) => layerMacs(layers[i])),
      macs: run.totals.macs,
      codebookLookups: lookups,
      codebookLookupEnergy: lookups * hw.energy.codebookLookup,
      psumAdds,
      psumAddEnergy: psumAdds * hw.energy.psumAdd,
      indexReads: sum((i) => (shared(i) ? detail(i).rf.reads.filter : 0)),
      filterDramWords: sum((i) => detail(i).dram.reads.filter),
      filterGlbWords: sum((i) => detail(i).glb.reads.filter),
      filterNocWords: sum((i) => detail(i).noc.filter),
    },
    layers: layers.map((layer, i) => ({
      name: layer.name,
      rows: sharings[i].rows,
      k: sharings[i].k,
      ...measures[i],
      metric: fixed.layers[i],
      simulated: run.layers[i].energy,
    })),
  };
}

export const POINT_TASK = taskKind(import.meta.url, runPoint);

/** Rough cost of a point: k-means and the shared-layer search both scale with the rows clustered. */
export function pointCost(job: PointJob): number {
  return convLayers(resolveModel(job.model, 1).layers).reduce((a, l) => a + rowCount(l), 0);
}
