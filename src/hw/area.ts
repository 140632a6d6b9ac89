// The silicon area of a hardware file with an `area` section, in mm², by part. The one place the area
// formula lives: the summary and the design-space sweep both call hardwareArea.
//
//   PE logic = PEs x area.peLogicMm2
//   spads    = PEs x sum over data types of (rf.<type>Words x area.spadMm2PerWord.<type>)
//   GLB      = glb.capacityBytes / 1024 x area.glbMm2PerKiB + glb.banks x area.glbMm2PerBank
//   NoC      = PEs x area.nocMm2PerPe
//   fixed    = area.fixedMm2
//   total    = the sum of the five
import type { HardwareSpec } from './spec.js';

export interface AreaBreakdown {
  readonly totalMm2: number;
  readonly peLogicMm2: number;
  readonly spadMm2: number;
  readonly glbMm2: number;
  readonly nocMm2: number;
  readonly fixedMm2: number;
}

/** The breakdown's keys in the order reports list them. */
export const AREA_KEYS: readonly (keyof AreaBreakdown)[] = ['totalMm2', 'peLogicMm2', 'spadMm2', 'glbMm2', 'nocMm2', 'fixedMm2'];

const BYTES_PER_KIB = 1024;

/** The chip's area by part, or undefined when the hardware file has no `area` section. */
export function hardwareArea(hw: HardwareSpec): AreaBreakdown | undefined {
  const a = hw.area;
  if (a === undefined) return undefined;
  const pes = hw.peArray.rows * hw.peArray.cols;
  const spadPerPe =
    hw.rf.ifmapWords * a.spadMm2PerWord.ifmap + hw.rf.filterWords * a.spadMm2PerWord.filter + hw.rf.psumWords * a.spadMm2PerWord.psum;
  const peLogicMm2 = pes * a.peLogicMm2;
  const spadMm2 = pes * spadPerPe;
  const glbMm2 = (hw.glb.capacityBytes / BYTES_PER_KIB) * a.glbMm2PerKiB + hw.glb.banks * a.glbMm2PerBank;
  const nocMm2 = pes * a.nocMm2PerPe;
  const fixedMm2 = a.fixedMm2;
  return { totalMm2: peLogicMm2 + spadMm2 + glbMm2 + nocMm2 + fixedMm2, peLogicMm2, spadMm2, glbMm2, nocMm2, fixedMm2 };
}
