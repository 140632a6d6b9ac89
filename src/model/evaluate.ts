// Everything the analytical model says about one layer under one mapping.
import type { HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import { countAccesses, streamCounts, tileLayer, type LayerTiling } from './accessCounts.js';
import { estimateCycles } from './cycles.js';
import { energyOf } from './energy.js';
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

export function evaluateMapping(layer: Layer, hw: HardwareSpec, m: RsMapping, tl: LayerTiling = tileLayer(layer, m)): Evaluation {
  const stream = streamCounts(layer, m, tl, hw.wordBits);
  const counts = countAccesses(layer, hw, m, tl, stream);
  return {
    mapping: m,
    counts,
    energy: energyOf(counts, hw.energy),
    cycles: estimateCycles(layer, hw, m, tl, counts, stream),
    activePEs: activePEs(layer, m),
  };
}
