// The paper's metric (faMetric.ts) of k-means-shared conv layers, with everything it needs measured from the
// sharing itself: the layer's weight compression ratio and the fraction of its dot products that are copies.
// Precision: the simulated machine's word (hw.wordBits) for weights and activations, so that metric and
// simulator describe the same machine. Loads: faMetric's defaults (every MAC loads both operands from the GLB).
// The CR is the paper's storage ratio (32-bit weights and codebook, fixed-length or entropy-coded indices),
// which the metric applies to its word-wide weight loads, or for comparison the on-chip ratio in words.
import { compressionReport } from '../compress/compressionRatio.js';
import { FA_PER_MAC_UNIT, modelMetric, type FaMetric } from '../compress/faMetric.js';
import { fixedIndexBits } from '../compress/indexCoding.js';
import type { LayerSharing } from '../compress/sharing.js';
import type { Layer } from '../workload/layer.js';
import { duplicateFilterFraction } from './duplicateFilters.js';

/** The metric's three parts and their sum, in MAC units (one 16 x 16-bit MAC, faMetric's unit). */
export interface MetricParts {
  readonly computational: number;
  readonly weightRepresentational: number;
  readonly activationRepresentational: number;
  readonly total: number;
}

/** What the metric takes from a layer's sharing. */
export interface SharingMeasures {
  /** Storage CR (the paper's convention): 32-bit weights / (32-bit codebook + fixed-length indices), biases left out. */
  readonly crFixed: number;
  /** The same with entropy-coded indices (the paper's reported CR). */
  readonly crEntropy: number;
  /** On-chip CR: weights in machine words / (fixed-length indices + the codebook in machine words). */
  readonly crOnChip: number;
  /** Bits of one stored index, ceil(log2 K); the machine word when the layer is not shared. */
  readonly indexBits: number;
  readonly duplicateFilterFraction: number;
}

/** Which compression ratio divides the metric's weight term. */
export type MetricCr = 'fixed' | 'entropy' | 'onChip';

export function sharingMeasures(layer: Layer, sharing: LayerSharing | undefined, wordBits: number): SharingMeasures {
  const report = compressionReport([layer], sharing ? [sharing] : [], { biases: 'none', wordBits });
  // An unshared layer (K >= N) is stored as it is: CR 1, no copies among its filters.
  const shared = sharing !== undefined && sharing.k < sharing.rows;
  return {
    crFixed: report.ratio.fixed,
    crEntropy: report.ratio.entropy,
    crOnChip: report.ratio.onChip,
    indexBits: shared ? fixedIndexBits(sharing.k) : wordBits,
    duplicateFilterFraction: shared ? duplicateFilterFraction(layer, sharing.index) : 0,
  };
}

const CR_OF: { readonly [C in MetricCr]: (m: SharingMeasures) => number } = {
  fixed: (m) => m.crFixed,
  entropy: (m) => m.crEntropy,
  onChip: (m) => m.crOnChip,
};

const inMacUnits = (m: FaMetric): MetricParts => ({
  computational: m.computationalFa / FA_PER_MAC_UNIT,
  weightRepresentational: m.weightRepresentationalFa / FA_PER_MAC_UNIT,
  activationRepresentational: m.activationRepresentationalFa / FA_PER_MAC_UNIT,
  total: m.totalMacUnits,
});

/** The metric of the layers (measures[i] belongs to layers[i]) with one kind of CR: total and per layer. */
export function sharedMetric(
  layers: readonly Layer[],
  measures: readonly SharingMeasures[],
  wordBits: number,
  cr: MetricCr,
): { readonly total: MetricParts; readonly layers: readonly MetricParts[] } {
  const m = modelMetric(layers, (_layer, i) => ({
    weightBits: wordBits,
    activationBits: wordBits,
    sharing: {
      compressionRatio: CR_OF[cr](measures[i]),
      sharedDotProductFraction: measures[i].duplicateFilterFraction,
    },
  }));
  return { total: inMacUnits(m), layers: m.layers.map(inMacUnits) };
}
