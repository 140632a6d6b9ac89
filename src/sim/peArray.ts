// The PE array during one pass: what every PE computes and receives, summed over the array.
import type { HardwareSpec } from '../hw/spec.js';
import type { Layer } from '../workload/layer.js';
import type { PassPlan } from './types.js';

export interface PassWork {
  readonly macs: number;
  /** The busiest PE's MACs: one per cycle, so the pass's compute time. */
  readonly macCycles: number;
  /** Ifmap words received, counted per receiving PE (padding rows receive nothing). */
  readonly ifmapDeliveries: number;
  /** Psum words passed up to the PE above (every PE but a chain's top one). */
  readonly psumHops: number;
}

/** `realCols`: real ifmap columns one PE row reads (the rest of its window is padding). */
export function passWork(layer: Layer, hw: HardwareSpec, plan: PassPlan, realCols: number): PassWork {
  const images = plan.ranges.N.count;
  let macs = 0;
  let macCycles = 0;
  let ifmapDeliveries = 0;
  let psumHops = 0;
  for (const pe of plan.pes) {
    checkSpads(layer, hw, pe.filters.count, pe.channels.count);
    const peMacs = images * pe.filters.count * pe.channels.count * layer.F * layer.S;
    macs += peMacs;
    macCycles = Math.max(macCycles, peMacs);
    if (pe.ifmapRow >= 0 && pe.ifmapRow < layer.H) ifmapDeliveries += images * pe.channels.count * realCols;
    if (pe.chainIndex < pe.chainLength - 1) psumHops += images * pe.filters.count * layer.F;
  }
  return { macs, macCycles, ifmapDeliveries, psumHops };
}

/** A PE's spads must hold its filter rows, its ifmap window and one psum per filter. */
function checkSpads(layer: Layer, hw: HardwareSpec, filters: number, channels: number): void {
  const { rf } = hw;
  if (filters * channels * layer.S > rf.filterWords || channels * layer.S > rf.ifmapWords || filters > rf.psumWords) {
    throw new Error(`spad overflow in layer "${layer.name}": ${filters} filters x ${channels} channels x S=${layer.S} on spads ${rf.filterWords}/${rf.ifmapWords}/${rf.psumWords}`);
  }
}
