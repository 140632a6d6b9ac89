// One point of the validation: one model at one cluster rate. Share every conv layer with k-means, run the
// shared network through the cycle-level simulator (the detailed model, every shared layer run the way the
// search finds best), re-map it with each mechanism of the ablation switched, compute the paper's metric of the
// same layers and the paper's reference energy (dense counts, the weights' bits as an input).
// Plain data in and out, so a point can run on a worker thread: a point is seconds of single-threaded work
// (k-means, mapping searches, simulation, metric) and points are independent, so on n cores n points run at once.
import { convLayers, ratePlan, shareConvLayer } from '../compress/plan.js';
import { rowCount } from '../compress/rowVectors.js';
import { withSharing } from '../compress/sharedNetwork.js';
import type { HardwareSpec, SharedExecutionName } from '../hw/spec.js';
import type { EnergyBreakdown } from '../model/result.js';
import { summarizeRun } from '../run/analyzeNetwork.js';
import { runLayerJob } from '../run/layerJob.js';
import { taskKind } from '../run/task.js';
import { SearchCache } from '../search/cache.js';
import { filterWords, layerMacs, mappingView, type Layer } from '../workload/layer.js';
import { heNormalWeights } from '../workload/weights/synthetic.js';
import { resolveModel } from '../workload/zoo/index.js';
import { ABLATIONS, ablateLayer, ablationHardware, summaryOf, type AblationId } from './ablations.js';
import { paperSetupEnergy } from './paperSetup.js';
import { sharedMetric, sharingMeasures, type MetricParts, type SharingMeasures } from './sharedMetric.js';
import { VALIDATION_KMEANS } from './setup.js';

export interface PointJob {
  readonly model: string;
  /** Cluster rate K/N of every conv layer. */
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
  /** Index reads from the filter spads (rf filter reads of the layers decoded in the PEs). */
  readonly indexReads: number;
  /** Filter words (weights, indices, codebooks) read from DRAM and from the GLB, and carried over the NoC. */
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
  /** How the detailed model runs the layer (undefined: not shared). */
  readonly execution?: SharedExecutionName;
  /** The same layer dense (its best dense mapping), and the paper-setup energy from those dense counts. */
  readonly dense: EnergyBreakdown;
  readonly paperSetup: { readonly indexBits: number; readonly effectiveBits: number };
}

export interface AblationEnergy {
  readonly id: AblationId;
  readonly total: number;
  /** Shared layers that ran the fallback executions (their first group was impossible). */
  readonly fallbacks: number;
}

export interface ValidationPoint {
  readonly model: string;
  readonly rate: number;
  readonly kTotal: number;
  readonly rowsTotal: number;
  /** CR of all conv layers' weights together: storage (32-bit, fixed-length or entropy-coded indices) and on chip. */
  readonly cr: { readonly fixed: number; readonly entropy: number; readonly onChip: number };
  /** Duplicated filters over all conv filters. */
  readonly duplicateFilterFraction: number;
  /** The metric with each CR: fixed (the comparison's x), entropy-coded, on-chip. */
  readonly metric: { readonly fixed: MetricParts; readonly entropy: MetricParts; readonly onChip: MetricParts };
  /** The detailed model: cycle-level simulation of the searched mappings and executions. */
  readonly simulated: EnergyBreakdown;
  /** The paper's reference method (paperSetup.ts): index bits, and the circular effective bits. */
  readonly paperSetup: { readonly indexBits: EnergyBreakdown; readonly effectiveBits: EnergyBreakdown };
  /** The same conv layers dense (the same at every rate), and their metric (CR 1, nothing duplicated). */
  readonly dense: EnergyBreakdown;
  readonly denseMetric: MetricParts;
  /** Shared layers per execution the detailed model chose. */
  readonly executions: { readonly [E in SharedExecutionName]: number };
  readonly ablation: readonly AblationEnergy[];
  readonly unmodelled: Unmodelled;
  readonly layers: readonly PointLayer[];
}

const sumEnergy = (parts: readonly EnergyBreakdown[]): EnergyBreakdown => ({
  mac: parts.reduce((a, e) => a + e.mac, 0),
  rf: parts.reduce((a, e) => a + e.rf, 0),
  noc: parts.reduce((a, e) => a + e.noc, 0),
  glb: parts.reduce((a, e) => a + e.glb, 0),
  dram: parts.reduce((a, e) => a + e.dram, 0),
  total: parts.reduce((a, e) => a + e.total, 0),
});

/**
 * Every conv layer of the job's model, one at a time: shared by k-means at the job's rate (as shareNetwork
 * would), mapped and simulated as the detailed model runs it, and re-mapped under every ablation, with one
 * search cache for all of that; then the layer's sharing and its counts go before the next layer is clustered.
 */
function runLayers(job: PointJob, layers: readonly Layer[], ablationHw: readonly HardwareSpec[]) {
  const { hw } = job;
  const plan = ratePlan(layers, job.rate, job.rate);
  const weightsOf = (layer: Layer, i: number) => heNormalWeights(layer, job.weightSeed + i);
  const kmeans = { seedBase: VALIDATION_KMEANS.seedBase, maxIterations: job.kmeansMaxIterations };
  return layers.map((plain, i) => {
    const sharing = shareConvLayer(layers, i, weightsOf, plan, kmeans);
    const layer = withSharing({ name: job.model, layers: [plain] }, [sharing]).layers[0];
    const detailed = runLayerJob(mappingView(layer), { hw, objective: 'energy', engine: 'cycle', cache: THREAD_CACHE });
    const ablated = ablateLayer(layer, ablationHw, detailed, THREAD_CACHE);
    THREAD_CACHE.forgetShared();
    return { k: sharing.k, measures: sharingMeasures(plain, sharing, hw.wordBits), detailed, ablated };
  });
}

/**
 * One search cache per thread: a layer's shared views are searched for the detailed model and every ablation,
 * then forgotten; its dense view is the same at every rate, so it stays for the thread's later points (a cache
 * never changes an answer, tests/search/cache.test.ts).
 */
const THREAD_CACHE = new SearchCache();

export function runPoint(job: PointJob): ValidationPoint {
  const { hw } = job;
  const full = resolveModel(job.model, job.batch);
  // The conv layers as plain records: what the summaries name and describe (the sharings stay per layer).
  const network = { name: full.name, layers: convLayers(full.layers) };
  const layers = network.layers;
  const ablationHw = ABLATIONS.map((a) => ablationHardware(hw, a));
  const perLayer = runLayers(job, layers, ablationHw);
  const run = summarizeRun(
    network,
    hw,
    perLayer.map((l) => l.detailed),
    { objective: 'energy', engine: 'cycle', hardwareFile: job.hardwareFile },
  );
  const ablation = ABLATIONS.map((a, i) => ({
    a,
    summary: summaryOf(
      network,
      ablationHw[i],
      job.hardwareFile,
      perLayer.map((l) => l.ablated[i].outcome),
    ),
    fallbacks: perLayer.filter((l) => l.ablated[i].fallback).length,
  }));
  // Decoded off-chip every layer runs dense: the dense network, searched with the rest.
  const dense = ablation.find((v) => v.a.id === 'decodeDense')!.summary;
  const measures = perLayer.map((l) => l.measures);
  const metric = (cr: 'fixed' | 'entropy' | 'onChip') => sharedMetric(layers, measures, hw.wordBits, cr);
  const fixed = metric('fixed');
  const paper = (i: number, bits: number) => paperSetupEnergy(dense.layers[i].accessDetail, hw.energy, bits, hw.wordBits);
  const paperIndex = layers.map((_l, i) => paper(i, measures[i].indexBits));
  const paperEffective = layers.map((_l, i) => paper(i, hw.wordBits / measures[i].crFixed));

  const sum = (f: (i: number) => number) => layers.reduce((a, _l, i) => a + f(i), 0);
  const detail = (i: number) => run.layers[i].accessDetail;
  const lookups = sum((i) => detail(i).sharing?.codebookLookups ?? 0);
  const psumAdds = sum((i) => detail(i).sharing?.psumAdds ?? 0);
  const inPe = (i: number) => run.layers[i].execution === 'pe-streamed' || run.layers[i].execution === 'pe-resident';
  // Model CR = all original bits / all compressed bits; the bits per weight cancel, so words stand in for bits.
  const words = (i: number) => filterWords(layers[i]);
  const modelCr = (cr: (m: SharingMeasures) => number) => sum(words) / sum((i) => words(i) / cr(measures[i]));
  const executions = { 'pe-streamed': 0, 'pe-resident': 0, glb: 0, dense: 0 };
  for (const l of run.layers) if (l.execution) executions[l.execution]++;
  return {
    model: job.model,
    rate: job.rate,
    kTotal: sum((i) => perLayer[i].k),
    rowsTotal: sum((i) => rowCount(layers[i])),
    cr: { fixed: modelCr((m) => m.crFixed), entropy: modelCr((m) => m.crEntropy), onChip: modelCr((m) => m.crOnChip) },
    duplicateFilterFraction: sum((i) => measures[i].duplicateFilterFraction * layers[i].M) / sum((i) => layers[i].M),
    metric: { fixed: fixed.total, entropy: metric('entropy').total, onChip: metric('onChip').total },
    simulated: run.totals.energy,
    paperSetup: { indexBits: sumEnergy(paperIndex), effectiveBits: sumEnergy(paperEffective) },
    dense: dense.totals.energy,
    denseMetric: sharedMetric(
      layers,
      layers.map((l) => sharingMeasures(l, undefined, hw.wordBits)),
      hw.wordBits,
      'fixed',
    ).total,
    executions,
    ablation: ablation.map((v) => ({ id: v.a.id, total: v.summary.totals.energy.total, fallbacks: v.fallbacks })),
    unmodelled: {
      denseMacs: sum((i) => layerMacs(layers[i])),
      macs: run.totals.macs,
      codebookLookups: lookups,
      codebookLookupEnergy: lookups * hw.energy.codebookLookup,
      psumAdds,
      psumAddEnergy: psumAdds * hw.energy.psumAdd,
      indexReads: sum((i) => (inPe(i) ? detail(i).rf.reads.filter : 0)),
      filterDramWords: sum((i) => detail(i).dram.reads.filter),
      filterGlbWords: sum((i) => detail(i).glb.reads.filter),
      filterNocWords: sum((i) => detail(i).noc.filter),
    },
    layers: layers.map((layer: Layer, i) => ({
      name: layer.name,
      rows: rowCount(layer),
      k: perLayer[i].k,
      ...measures[i],
      metric: fixed.layers[i],
      simulated: run.layers[i].energy,
      ...(run.layers[i].execution && { execution: run.layers[i].execution }),
      dense: dense.layers[i].energy,
      paperSetup: { indexBits: paperIndex[i].total, effectiveBits: paperEffective[i].total },
    })),
  };
}

export const POINT_TASK = taskKind(import.meta.url, runPoint);

/** Rough cost of a point: k-means and the shared-layer search both scale with the rows clustered, k-means also with K. */
export function pointCost(job: PointJob): number {
  return convLayers(resolveModel(job.model, 1).layers).reduce((a, l) => a + rowCount(l), 0) * (1 + job.rate);
}
