// What the simulator charges that the paper's metric has no term for, with its simulated energy at the highest
// and the lowest cluster rate. The metric counts FA of the dot products plus one GLB load per MAC operand
// (weights divided by CR); everything below is either absent from it or replaced by that GLB-load assumption.
import type { HardwareSpec } from '../hw/spec.js';
import type { ValidationPoint } from './point.js';

export interface NotModelledItem {
  readonly id: 'codebookLookups' | 'indexReads' | 'indexAndCodebookTraffic' | 'psumAdds' | 'onChipReuse' | 'dram';
  readonly what: string;
  /** Simulated energy of this item (hw.energy.unit) at the highest and the lowest rate. */
  readonly energyAtHighestRate: number;
  readonly energyAtLowestRate: number;
  /** Its share of the simulated total at the highest and the lowest rate. */
  readonly shareAtHighestRate: number;
  readonly shareAtLowestRate: number;
}

type Measure = (p: ValidationPoint) => number;

/** `points` in the paper's order: highest cluster rate first. */
export function notModelled(points: readonly ValidationPoint[], hw: HardwareSpec): NotModelledItem[] {
  const e = hw.energy;
  const items: [NotModelledItem['id'], string, Measure][] = [
    [
      'codebookLookups',
      'codebook look-ups: every MAC reads its weight through the PE codebook (in RF energy)',
      (p) => p.unmodelled.codebookLookupEnergy,
    ],
    [
      'indexReads',
      'index reads from the filter spads, one per filter row per ofmap row (in RF energy)',
      (p) => p.unmodelled.indexReads * e.rf.filter.read,
    ],
    [
      'indexAndCodebookTraffic',
      'indices and per-PE codebooks read from DRAM or the GLB and multicast over the NoC (in DRAM, GLB and NoC energy)',
      (p) =>
        p.unmodelled.filterDramWords * e.dram.read + p.unmodelled.filterGlbWords * e.glb.read + p.unmodelled.filterNocWords * e.nocTransfer,
    ],
    ['psumAdds', 'psum additions of reused 1-D convolutions (computation reuse; in MAC energy)', (p) => p.unmodelled.psumAddEnergy],
    [
      'onChipReuse',
      'reuse in the spads and the GLB: the metric charges a GLB load per MAC operand; the simulated RF + NoC + GLB energy is what the reuse actually costs',
      (p) => p.simulated.rf + p.simulated.noc + p.simulated.glb,
    ],
    ['dram', 'DRAM: the metric has no off-chip term', (p) => p.simulated.dram],
  ];
  const first = points[0];
  const last = points[points.length - 1];
  return items.map(([id, what, measure]) => ({
    id,
    what,
    energyAtHighestRate: measure(first),
    energyAtLowestRate: measure(last),
    shareAtHighestRate: measure(first) / first.simulated.total,
    shareAtLowestRate: measure(last) / last.simulated.total,
  }));
}
