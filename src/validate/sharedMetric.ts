// The paper's metric (faMetric.ts) of k-means-shared conv layers, with everything it needs measured from the
// sharing itself: the layer's weight compression ratio and the fraction of its dot products that are copies.
// Precision: the simulated machine's word (hw.wordBits) for weights and activations, so that metric and
// simulator describe the same machine. Loads: faMetric's defaults (every MAC loads both operands from the GLB).
import { compressionReport } from '../compress/compressionRatio.js';
import { FA_PER_MAC_UNIT, modelMetric, type FaMetric } from '../compress/faMetric.js';
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
  /** Weight CR, 32-bit weights / (32-bit codebook + indices), biases left out: fixed-length indices (what moves). */
  readonly crFixed: number;
  /** The same with entropy-coded indices (the paper's CR). */
  readonly crEntropy: number;
  readonly duplicateFilterFraction: number;
}

export type IndexCoding = 'fixed' | 'entropy';

export function sharingMeasures(layer: Layer, sharing: LayerSharing | undefined): SharingMeasures {
  const report = compressionReport([layer], sharing ? [sharing] : [], { biases: 'none' });
  // An unshared layer (K >= N) is stored as it is: CR 1, no copies among its filters.
  const shared = sharing !== undefined && sharing.k < sharing.rows;
  return {
    crFixed: report.ratio.fixed,
    crEntropy: report.ratio.entropy,
    duplicateFilterFraction: shared ? duplicateFilterFraction(layer, sharing.index) : 0,
  };
}

const inMacUnits = (m: FaMetric): MetricParts => ({
  computational: m.computationalFa / FA_PER_MAC_UNIT,
  weightRepresentational: m.weightRepresentationalFa / FA_PER_MAC_UNIT,
  activationRepresentational: m.activationRepresentationalFa / FA_PER_MAC_UNIT,
  total: m.totalMacUnits,
});

/** The metric of the layers (measures[i] belongs to layers[i]) under one index coding: total and per layer. */
export function sharedMetric(
  layers: readonly Layer[], measures: readonly SharingMeasures[], wordBits: number, coding: IndexCoding,
): { readonly total: MetricParts; readonly layers: readonly MetricParts[] } {
  const m = modelMetric(layers, (_layer, i) => ({
    weightBits: wordBits,
    activationBits: wordBits,
    sharing: {
      compressionRatio: coding === 'fixed' ? measures[i].crFixed : measures[i].crEntropy,
      sharedDotProductFraction: measures[i].duplicateFilterFraction,
    },
  }));
  return { total: inMacUnits(m), layers: m.layers.map(inMacUnits) };
}
