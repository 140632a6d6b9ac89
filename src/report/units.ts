// How the run's energy unit is spelled in prose, in column names and in axis titles.
import type { RunSummary } from '../model/result.js';

type EnergyUnit = RunSummary['energyUnit'];

/** "pJ" or "MAC-normalized units": for titles, captions and axis labels. */
export function energyUnitLabel(unit: EnergyUnit): string {
  return unit === 'pJ' ? 'pJ' : 'MAC-normalized units';
}

/** "_pJ" or "_MACunits": appended to column names. */
export function energyUnitSuffix(unit: EnergyUnit): string {
  return unit === 'pJ' ? '_pJ' : '_MACunits';
}
