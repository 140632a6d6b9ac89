// How a sweep's objectives are shown: the unit each axis and table column uses, chosen from the values so
// that numbers read naturally (pJ totals in µJ or mJ, latency in ms, area in mm²), and titles that say what
// the number is per (one inference, or a batch). One place, so that plots and report.html agree.
import type { ParetoObjective } from '../explore/manifest.js';
import type { RunSummary } from '../model/result.js';
import { si } from './numbers.js';
import { energyUnitLabel } from './units.js';

type EnergyUnit = RunSummary['energyUnit'];

export interface DisplayScale {
  /** Unit text, e.g. "mJ", "MAC-normalized units", "mm²". */
  readonly unit: string;
  /** Displayed number = value / factor. */
  readonly factor: number;
}

const PJ_UNITS: readonly (readonly [number, string])[] = [
  [1e12, 'J'],
  [1e9, 'mJ'],
  [1e6, '\u00B5J'],
  [1e3, 'nJ'],
  [1, 'pJ'],
];

/** The largest unit in which the smallest positive value is still at least 1 (the smallest unit otherwise). */
function pick(units: readonly (readonly [number, string])[], values: readonly number[]): DisplayScale {
  const min = Math.min(...values.filter((v) => v > 0)); // Infinity without a positive value: the smallest unit
  const [factor, unit] = (Number.isFinite(min) && units.find(([f]) => min >= f)) || units[units.length - 1];
  return { unit, factor };
}

/**
 * The scale of energies in the hardware file's unit: pJ become a prefixed joule ("93.11 mJ", never "93.11G pJ"),
 * MAC units stay. For an axis from 0, pass its top value: its ticks then read 0 to a few units.
 */
export function energyScale(energyUnit: EnergyUnit, values: readonly number[]): DisplayScale {
  return energyUnit === 'pJ' ? pick(PJ_UNITS, values) : { unit: energyUnitLabel('MAC'), factor: 1 };
}

/** One energy in its own scale, for a title or a tooltip: "93.11 mJ", "33.9G MAC-normalized units". */
export function energyText(value: number, energyUnit: EnergyUnit, digits: 3 | 4 = 4): string {
  const s = energyScale(energyUnit, [value]);
  return `${si(value / s.factor, digits)} ${s.unit}`;
}

export function objectiveScale(o: ParetoObjective, energyUnit: EnergyUnit, values: readonly number[]): DisplayScale {
  switch (o) {
    case 'energy':
      return energyScale(energyUnit, values);
    case 'edp': {
      // The energy part scales; the delay stays in ms.
      const e = energyScale(energyUnit, values);
      return { unit: `${e.unit} x ms`, factor: e.factor };
    }
    case 'latency':
      return pick(
        [
          [1, 'ms'],
          [1e-3, '\u00B5s'],
        ],
        values,
      );
    case 'area':
      return { unit: 'mm\u00B2', factor: 1 };
  }
}

/** The quantity's name without its unit, e.g. "energy per inference", "latency per batch of 4". */
export function objectiveName(o: ParetoObjective, batch: number): string {
  const per = batch === 1 ? '' : ` per batch of ${batch}`;
  switch (o) {
    case 'energy':
      return batch === 1 ? 'energy per inference' : `energy${per}`;
    case 'latency':
      return `latency${per}`;
    case 'edp':
      return `energy-delay product${per}`;
    case 'area':
      return 'area';
  }
}

/** "energy per inference (mJ)": an axis or column title. */
export const objectiveTitle = (o: ParetoObjective, batch: number, s: DisplayScale): string => `${objectiveName(o, batch)} (${s.unit})`;

/** A value in its scale with four significant digits ("33.9G" MAC units, "12.21" mm²), without the unit. */
export const scaledText = (value: number, s: DisplayScale): string => si(value / s.factor, 4);

/** Whether a log axis shows these values better: they span more than a decade. */
export const spansDecade = (values: readonly number[]): boolean =>
  values.length > 0 && Math.min(...values) > 0 && Math.max(...values) / Math.min(...values) > 10;
