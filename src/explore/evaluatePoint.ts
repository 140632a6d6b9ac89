// One design point: the whole network mapped on the point's hardware, reduced to its totals. A network that
// does not fit the hardware (some layer with no legal mapping) is an answer too: an 'invalid' row with the
// layer and the constraint, so that a sweep over too-small buffers keeps going and shows where designs fail;
// so is a point whose figures overflow (ResultRangeError: an energy or a bandwidth far out of range).
import { NoLegalMappingError } from '../mapping/legality.js';
import { analyzeNetwork, type RunOptions } from '../run/analyzeNetwork.js';
import { ResultRangeError } from '../run/resultRange.js';
import type { SweepNetwork } from './networks.js';
import type { PreparedPoint } from './prepare.js';
import type { PointTotals, SweepRow } from './row.js';

export type PointRunOptions = Pick<RunOptions, 'objective' | 'hardwareFile' | 'searchLimit' | 'engine' | 'cache'>;

export function evaluatePoint(p: PreparedPoint, net: SweepNetwork, options: PointRunOptions): SweepRow {
  const { index: point, params, hw } = p;
  let summary;
  try {
    summary = analyzeNetwork(net.network, hw, options);
  } catch (err) {
    if (err instanceof NoLegalMappingError || err instanceof ResultRangeError)
      return { point, params, status: 'invalid', reason: err.message };
    throw err;
  }
  const { macs, cycles, latencyMs, energy } = summary.totals;
  const totals: PointTotals = {
    macs,
    cycles,
    latencyMs,
    energyUnit: summary.energyUnit,
    energy,
    edp: energy.total * latencyMs,
    peCount: summary.hardware.peCount,
    ...(summary.hardware.area && { area: summary.hardware.area }),
    ...(net.compressionRatio && { compressionRatio: net.compressionRatio }),
  };
  return { point, params, status: 'ok', totals };
}
