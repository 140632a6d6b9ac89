// One CSV row per layer plus a TOTAL row: figures in full decimal, units in the column names.
import { stringify } from 'csv-stringify/sync';
import { DATA_TYPES } from '../hw/spec.js';
import type { EnergyBreakdown, LayerResult, PerDataType, RunSummary } from '../model/result.js';
import { assertReportable } from './checkSummary.js';
import { ACCESS_LEVELS, LEVEL_ORDER } from './levels.js';
import { plainNumber } from './numbers.js';
import { energyUnitSuffix } from './units.js';

type Accesses = LayerResult['accesses'];

const ENERGY_KEYS = [...LEVEL_ORDER, 'total'] as const;

/** Column names; access counts are reads + writes (NoC: transfers), in words. */
export function layersCsvHeader(unit: RunSummary['energyUnit']): string[] {
  const suffix = energyUnitSuffix(unit);
  return [
    'layer', 'kind', 'shape', 'macs', 'mapping', 'active_pes', 'utilization', 'cycles', 'cycle_bound',
    ...ENERGY_KEYS.map((k) => `energy_${k}${suffix}`),
    ...ACCESS_LEVELS.flatMap((l) => DATA_TYPES.map((t) => `${l}_${t}_words`)),
  ];
}

function figures(energy: EnergyBreakdown, accesses: Accesses): string[] {
  return [
    ...ENERGY_KEYS.map((k) => plainNumber(energy[k])),
    ...ACCESS_LEVELS.flatMap((l) => DATA_TYPES.map((t) => plainNumber((accesses[l] as PerDataType)[t]))),
  ];
}

function layerRow(l: LayerResult): string[] {
  return [
    l.name, l.kind, l.shape, plainNumber(l.macs), l.mapping, plainNumber(l.activePEs), plainNumber(l.utilization),
    plainNumber(l.cycles), l.cycleBound, ...figures(l.energy, l.accesses),
  ];
}

/**
 * The TOTAL row repeats `summary.totals`; fields without a meaningful sum (shape, mapping, PEs, utilization, bound) stay empty.
 */
function totalRow(t: RunSummary['totals']): string[] {
  return ['TOTAL', '', '', plainNumber(t.macs), '', '', '', plainNumber(t.cycles), '', ...figures(t.energy, t.accesses)];
}

export function layersCsv(summary: RunSummary): string {
  assertReportable(summary);
  const records = [layersCsvHeader(summary.energyUnit), ...summary.layers.map(layerRow), totalRow(summary.totals)];
  return stringify(records, { record_delimiter: 'unix' });
}
