// sweep.csv: one row per design point, in point order; the varied fields first (values in the field's own
// unit, which its path names: glb.capacityBytes is bytes), then the point's totals. Units in column names.
import { stringify } from 'csv-stringify/sync';
import type { AreaBreakdown } from '../hw/area.js';
import type { RunSummary } from '../model/result.js';
import type { SweepRow } from '../explore/row.js';
import { LEVEL_ORDER } from './levels.js';
import { plainNumber } from './numbers.js';
import { energyUnitSuffix } from './units.js';

export interface SweepColumns {
  readonly axes: readonly string[];
  readonly energyUnit: RunSummary['energyUnit'];
  /** Keys of the area breakdown (totalMm2 first), empty when the hardware has no area model. */
  readonly areaKeys: readonly (keyof AreaBreakdown)[];
  /** Whether points carry compression ratios (a cluster-rate axis). */
  readonly compressed: boolean;
}

const ENERGY_KEYS = ['total', ...LEVEL_ORDER] as const;

/** `totalMm2` -> `area_total_mm2`, `glbMm2` -> `area_glb_mm2`. */
const areaColumn = (key: string): string => `area_${key.replace(/Mm2$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_mm2`;

export function sweepCsvHeader(c: SweepColumns): string[] {
  const unit = energyUnitSuffix(c.energyUnit);
  return [
    'point',
    ...c.axes,
    'status',
    ...ENERGY_KEYS.map((k) => `energy_${k}${unit}`),
    'latency_ms',
    'cycles',
    `edp${unit}_x_ms`,
    'macs',
    'pe_count',
    ...c.areaKeys.map(areaColumn),
    ...(c.compressed ? ['storage_compression_ratio_fixed', 'storage_compression_ratio_entropy', 'onchip_compression_ratio'] : []),
    'reason',
  ];
}

const cell = (v: number | string | undefined): string => (v === undefined ? '' : typeof v === 'number' ? plainNumber(v) : v);

export function sweepCsvRecord(c: SweepColumns, row: SweepRow): string[] {
  const t = row.totals;
  return [
    String(row.point),
    ...c.axes.map((a) => cell(row.params[a])),
    row.status,
    ...ENERGY_KEYS.map((k) => cell(t?.energy[k])),
    cell(t?.latencyMs),
    cell(t?.cycles),
    cell(t?.edp),
    cell(t?.macs),
    cell(t?.peCount),
    ...c.areaKeys.map((k) => cell(t?.area?.[k])),
    ...(c.compressed ? [cell(t?.compressionRatio?.fixed), cell(t?.compressionRatio?.entropy), cell(t?.compressionRatio?.onChip)] : []),
    row.reason ?? '',
  ];
}

export const csvLines = (records: readonly (readonly string[])[]): string => stringify(records as string[][]);

export const sweepCsv = (c: SweepColumns, rows: readonly SweepRow[]): string =>
  csvLines([sweepCsvHeader(c), ...rows.map((r) => sweepCsvRecord(c, r))]);
