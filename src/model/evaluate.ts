// Everything the analytical model says about one layer under one mapping.
import type { HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import { countAccesses, streamCounts, tileLayer, type LayerTiling } from './accessCounts.js';
import { cyclesFromFeatures, writeCycleFeatures } from './cycles.js';
import { energyFromFeatures, writeEnergyFeatures } from './energy.js';
import { FEATURE_COUNT } from './features.js';
import type { AccessCounts, CycleEstimate, EnergyBreakdown } from './result.js';

export interface Evaluation {
  readonly mapping: RsMapping;
  readonly counts: AccessCounts;
  readonly energy: EnergyBreakdown;
  readonly cycles: CycleEstimate;
  /** PEs busy in a full pass. */
  readonly activePEs: number;
}

export function activePEs(layer: Layer, m: RsMapping): number {
  return layer.R * m.e * m.r * m.t * m.g;
}

/** Stream and access counts, with their feature row (see features.ts) written at `at`. */
function countInto(layer: Layer, hw: HardwareSpec, m: RsMapping, tl: LayerTiling, out: Float64Array, at: number) {
  const stream = streamCounts(layer, hw, m, tl);
  const counts = countAccesses(layer, hw, m, tl, stream);
  writeEnergyFeatures(counts, out, at);
  writeCycleFeatures(layer, hw, m, tl, counts, stream, out, at);
  return counts;
}

/** What a search keeps of an evaluation: the feature row of `layer` under `m`, written at `at`. */
export function writeFeatures(layer: Layer, hw: HardwareSpec, m: RsMapping, tl: LayerTiling, out: Float64Array, at: number): void {
  countInto(layer, hw, m, tl, out, at);
}

const scratch = new Float64Array(FEATURE_COUNT);

export function evaluateMapping(layer: Layer, hw: HardwareSpec, m: RsMapping, tl: LayerTiling = tileLayer(layer, m)): Evaluation {
  const counts = countInto(layer, hw, m, tl, scratch, 0);
  return {
    mapping: m,
    counts,
    energy: energyFromFeatures(scratch, 0, hw.energy),
    cycles: cyclesFromFeatures(scratch, 0, hw),
    activePEs: activePEs(layer, m),
  };
}
